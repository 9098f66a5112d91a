"""Small dialogs of a case's steps: a date and a reason (interview, decision with its number,
suspension, resumption, the art. 36 notice), closing the case by its rules, and the hand-off
to another team. The service's messages
appear next to the fields; the dialog stays open until the step is accepted. Each saves off
the GUI thread (``FormDialog.request``): a slow server never freezes the window."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit

from opsdesk.domain.case_closing import Closing, Ending
from opsdesk.i18n import _
from opsdesk.services.cases.records import KindRecord
from opsdesk.ui.date_edit import DateEdit
from opsdesk.ui.form_dialog import FormDialog


class StepDialog(FormDialog):
    """A date (optional) and a reason; ``submit(date, reason)`` does the step."""

    def __init__(
        self,
        parent,
        title: str,
        submit: Callable[..., object],
        *,
        date_label: str | None,
        date_field: str = "date",
        today: date,
        initial: date | None = None,
        reason_label: str = "",
        reason_field: str = "reason",
        intro: str = "",
        number_label: str = "",
        number: str = "",
    ):
        super().__init__(parent, title, _("Save"), intro)
        self.submit = submit
        self.date = None
        self.number = None
        if date_label is not None:
            self.date = DateEdit(initial or today, today=today)
            self.add_field(date_field, date_label, self.date)
        if number_label:  # then submit(date, reason, number)
            self.number = QLineEdit(number)
            self.number.setObjectName("decisionNumber")
            self.add_field("decision_number", number_label, self.number)
        self.reason = QLineEdit()
        self.reason.setMinimumWidth(380)
        if reason_label:
            self.add_field(reason_field, reason_label, self.reason)

    def request(self):
        day = self.date.checked_date() if self.date else None
        submit, reason = self.submit, self.reason.text()
        if self.number is not None:
            number = self.number.text()
            return lambda: submit(day, reason, number)
        return lambda: submit(day, reason)


class CloseCaseDialog(FormDialog):
    """Close a case by its rules: how it ended, the outcome, and for an ending by decision
    the decision's number and date (the recorded ones shown, the missing ones asked)."""

    def __init__(
        self,
        parent,
        endings: list[Ending],
        submit: Callable[[Closing], object],
        *,
        today: date,
        decision_number: str = "",
        decision_date: date | None = None,
    ):
        super().__init__(parent, _("Close the case"), _("Close the case"))
        self.submit = submit
        self.ending = QComboBox()
        self.ending.setObjectName("ending")
        for ending in endings:
            self.ending.addItem(_(ending.label), ending.code)
        self._by_decision = {e.code: e.by_decision for e in endings}
        self.outcome = QLineEdit()
        self.outcome.setObjectName("outcome")
        self.outcome.setMinimumWidth(420)
        self.outcome.setPlaceholderText(_("e.g. periodic allowance granted, 600 zł a month"))
        self.number = QLineEdit(decision_number)
        self.number.setObjectName("decisionNumber")
        self.decided_on = DateEdit(decision_date or today, today=today)
        self.decided_on.setMaximumDate(today)
        self.recorded_date = decision_date is not None
        self.decided_on.setEnabled(not self.recorded_date)  # recorded as a step already
        self.add_field("ending", _("&How it ended:"), self.ending)
        self.add_field("outcome", _("&Outcome:"), self.outcome)
        self.add_field("decision_number", _("Decision &number:"), self.number)
        self.add_field("decision_date", _("Decision &date:"), self.decided_on)
        self.ending.currentIndexChanged.connect(self._show_decision_rows)
        self._show_decision_rows()

    def _show_decision_rows(self) -> None:
        by_decision = self._by_decision.get(self.ending.currentData(), False)
        for widget in (self.number, self.decided_on):
            self.form.setRowVisible(widget, by_decision)

    def request(self):
        by_decision = self._by_decision.get(self.ending.currentData(), False)
        day = self.decided_on.checked_date() if by_decision and not self.recorded_date else None
        closing = Closing(
            self.ending.currentData(),
            self.outcome.text(),
            self.number.text() if by_decision else "",
            day,
        )
        submit = self.submit
        return lambda: submit(closing)


class HandoffDialog(FormDialog):
    """Ask another team to take a family on: a linked case on that team's board."""

    def __init__(
        self,
        parent,
        title: str,
        kinds: list[KindRecord],
        submit: Callable[[int, str, bool], object],
        intro: str = "",
    ):
        super().__init__(parent, title, _("Hand over"), intro)
        self.submit = submit
        self.kind = QComboBox()
        for kind in kinds:
            self.kind.addItem(kind.name, kind.id)
        self.summary = QPlainTextEdit()
        self.summary.setTabChangesFocus(True)
        self.summary.setPlaceholderText(_("What should the other team do, and why?"))
        self.summary.setMinimumSize(420, 90)
        self.urgent = QCheckBox(_("&Urgent"))
        self.add_field("kind", _("&Kind of help:"), self.kind)
        self.add_field("summary", _("&Request:"), self.summary)
        self.form.addRow("", self.urgent)

    def request(self):
        submit = self.submit
        kind, text, urgent = (
            self.kind.currentData(),
            self.summary.toPlainText(),
            self.urgent.isChecked(),
        )
        return lambda: submit(kind, text, urgent)
