"""The "Appeals" tab of the case dialog: each appeal against the decision with its 7-day
forwarding deadline (KPA art. 133, overdue in red) and how it ended; buttons record that an
appeal came in, went to the appeals board (SKO) and how it ended."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.appeals import NOT_FORWARDED, OUTCOMES
from opsdesk.domain.formatting import format_date
from opsdesk.domain.ids import CaseId
from opsdesk.i18n import _
from opsdesk.services.cases.appeals import AppealRecord
from opsdesk.ui.boards.step_dialogs import StepDialog
from opsdesk.ui.date_edit import DateEdit
from opsdesk.ui.form_dialog import FormDialog

if TYPE_CHECKING:
    from opsdesk.services.registry import Services


def appeals_html(appeals: list[AppealRecord]) -> str:
    if not appeals:
        return _("No appeal has been recorded against the decision.")
    parts = []
    for a in appeals:
        lines = [
            "<b>"
            + escape(_("Appeal lodged on {date}").format(date=format_date(a.lodged_on)))
            + "</b>"
        ]
        if a.forwarded_on:
            lines.append(
                escape(_("forwarded to the appeals board on {date}")).format(
                    date=format_date(a.forwarded_on)
                )
            )
        elif a.outcome not in NOT_FORWARDED:
            text = escape(
                _("to forward to the appeals board by {date} (art. 133 KPA)").format(
                    date=format_date(a.forward_due)
                )
            )
            if a.forward_overdue:
                text = (
                    f'<span style="color:#8a1414; font-weight:600">{text} \u2014 '
                    + escape(_("overdue"))
                    + "</span>"
                )
            lines.append(text)
        if a.outcome:
            lines.append(escape(f"{a.outcome_label} ({format_date(a.outcome_on)})"))
        if a.note:
            lines.append(f"<i>{escape(a.note)}</i>")
        parts.append("<br>".join(lines))
    return "<p>" + "</p><p>".join(parts) + "</p>"


class SettleDialog(FormDialog):
    def __init__(self, parent, today, submit: Callable[..., object]):
        super().__init__(parent, _("How the appeal ended"), _("Save"))
        self.submit = submit
        self.outcome = QComboBox()
        self.outcome.setObjectName("appealOutcome")
        for code, label in OUTCOMES.items():
            self.outcome.addItem(_(label), code)
        self.on = DateEdit(today, today=today)
        self.on.field_name = "outcome_on"
        self.note = QLineEdit()
        self.note.setMinimumWidth(420)
        self.add_field("outcome", _("&Outcome:"), self.outcome)
        self.add_field("outcome_on", _("&On:"), self.on)
        self.add_field("note", _("&Remarks:"), self.note)

    def request(self):
        submit = self.submit
        outcome, on, note = self.outcome.currentData(), self.on.checked_date(), self.note.text()
        return lambda: submit(outcome, on, note)


class AppealsPanel(QWidget):
    changed = Signal()

    def __init__(self, services: Services, case_id: int, parent=None):
        super().__init__(parent)
        self.services = services
        self.case_id = CaseId(case_id)
        self.exec_dialog: Callable[[FormDialog], int] = lambda d: d.exec()
        self.view = QTextBrowser()
        self.view.setObjectName("appealsView")
        self.lodge_button = QPushButton(_("An appeal came in\u2026"))
        self.lodge_button.setObjectName("lodgeAppeal")
        self.lodge_button.clicked.connect(self.lodge)
        self.forward_button = QPushButton(_("Forwarded to the appeals board\u2026"))
        self.forward_button.setObjectName("forwardAppeal")
        self.forward_button.clicked.connect(self.forward)
        self.settle_button = QPushButton(_("How it ended\u2026"))
        self.settle_button.setObjectName("settleAppeal")
        self.settle_button.clicked.connect(self.settle)
        buttons = QHBoxLayout()
        for button in (self.lodge_button, self.forward_button, self.settle_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.appeals: list[AppealRecord] = []

    def set_appeals(self, appeals: list[AppealRecord]) -> None:
        self.appeals = appeals
        self.view.setHtml(appeals_html(self.appeals))

    def enable(self, can_change: bool, has_decision: bool) -> None:
        """What may be done now, by the appeals shown."""
        current = self.current()
        self.lodge_button.setEnabled(can_change and has_decision)
        self.forward_button.setEnabled(
            can_change
            and current is not None
            and current.forwarded_on is None
            and current.outcome is None
        )
        self.settle_button.setEnabled(can_change and current is not None)

    def current(self) -> AppealRecord | None:
        """The newest appeal that has not ended yet."""
        return next((a for a in reversed(self.appeals) if a.outcome is None), None)

    def _done(self, dialog: FormDialog) -> None:
        if self.exec_dialog(dialog):
            self.changed.emit()  # the case dialog reads the case and its appeals again

    def lodge(self) -> None:
        today = self.services.ctx.clock.today()
        self._done(
            StepDialog(
                self,
                _("An appeal came in"),
                lambda d, r: self.services.appeals.lodge(self.case_id, d, r),
                date_label=_("&Came in on:"),
                date_field="lodged_on",
                today=today,
                reason_label=_("&Remarks:"),
                reason_field="note",
                intro=_(
                    "The appeal goes to the appeals board (SKO) with the case files within "
                    "7 days (art. 133 KPA), unless the office grants it itself (art. 132)."
                ),
            )
        )

    def forward(self) -> None:
        current = self.current()
        if current is None:
            return
        today = self.services.ctx.clock.today()
        self._done(
            StepDialog(
                self,
                _("Forwarded to the appeals board"),
                lambda d, _r: self.services.appeals.forward(current.id, d),
                date_label=_("&Forwarded on:"),
                date_field="forwarded_on",
                today=today,
            )
        )

    def settle(self) -> None:
        current = self.current()
        if current is None:
            return
        self._done(
            SettleDialog(
                self,
                self.services.ctx.clock.today(),
                lambda outcome, on, note: self.services.appeals.settle(
                    current.id, outcome, on, note
                ),
            )
        )
