"""The month's approval on the sessions page: where the month stands, and the actions of the
person looking at it — the provider submits the month, the manager approves it, returns it
or reopens an approved one (both with a reason, asked in :class:`ReasonDialog`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from opsdesk.domain.hours import Month
from opsdesk.domain.roles import Action
from opsdesk.i18n import N_, _
from opsdesk.printing.formatting import month_label
from opsdesk.services.hours.records import ApprovalState, ContractRecord, MonthApprovalRecord
from opsdesk.ui.form_dialog import FormDialog
from opsdesk.ui.operation import run_operation

if TYPE_CHECKING:
    from opsdesk.services.registry import Services


class ReasonDialog(FormDialog):
    """Asks for the reason of a return or a reopening; ``submit(reason)`` does the action off
    the GUI thread, and its field error keeps the dialog open."""

    def __init__(self, title: str, text: str, submit: Callable[[str], object], parent=None):
        super().__init__(parent, title, title, text)
        self.setObjectName("reasonDialog")
        self._submit = submit
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setAccessibleName(_("Reason"))
        self.reason.setMaxLength(300)
        self.add_field("reason", _("Reason"), self.reason)
        self.resize(480, self.sizeHint().height())
        self.reason.setFocus()  # the first field, not the buttons made before it

    def request(self) -> Callable[[], object]:
        reason, submit = self.reason.text(), self._submit
        return lambda: submit(reason)


class OtherProjectsDialog(FormDialog):
    """The person's hours in other projects in the month, for the sheet's 276-hour
    declaration. Saved off the GUI thread (``FormDialog.request``)."""

    busy_text = N_("saving the hours in other projects")

    def __init__(self, submit: Callable[[int], object], current: int | None, parent=None):
        super().__init__(
            parent,
            _("Hours in other projects"),
            _("Save"),
            _(
                "The hour sheet declares that your total load across projects does not exceed "
                "276 hours in the month. Enter the hours you worked in other projects."
            ),
        )
        self.hours = QDoubleSpinBox()
        self.hours.setObjectName("otherProjectHours")
        self.hours.setLocale(QLocale(QLocale.Language.Polish, QLocale.Country.Poland))
        self.hours.setRange(0, 744)
        self.hours.setDecimals(2)
        self.hours.setSingleStep(0.5)
        self.hours.setSuffix(" h")
        self.hours.setValue((current or 0) / 60)
        self.add_field("other_minutes", _("Hours in other projects"), self.hours)
        self.submit = submit

    def request(self):
        minutes, submit = round(self.hours.value() * 60), self.submit
        return lambda: submit(minutes)


class MonthApprovalBar(QWidget):
    """ "Stan miesiąca: zatwierdzony, zamknięty — Jolanta Świątek, 01.12.2026 10:15" and the
    buttons the person may use. Emits ``changed`` after an action went through."""

    changed = Signal()
    failed = Signal(str)

    def __init__(self, services: Services, parent=None):
        super().__init__(parent)
        self.setObjectName("monthApprovalBar")
        self.services = services
        self.contract: ContractRecord | None = None
        self.month: Month | None = None
        self.record: MonthApprovalRecord | None = None
        self.dialog: QDialog | None = None  # the last dialog opened (for tests)
        self.state = QLabel()
        self.state.setObjectName("monthState")
        self.state.setWordWrap(True)
        self.buttons: dict[str, QPushButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.state, 1)
        for key, text, slot in (
            ("submit", _("&Submit the month"), self.submit),
            ("approve", _("Appro&ve the month"), self.approve),
            ("return", _("Return for co&rrection\u2026"), self.send_back),
            ("reopen", _("Re&open the month\u2026"), self.reopen),
            ("other", _("Hours in &other projects\u2026"), self.other_projects),
        ):
            button = QPushButton(text)
            button.setObjectName(f"{key}MonthButton")
            button.clicked.connect(slot)
            layout.addWidget(button)
            self.buttons[key] = button
        self.show_month(None, None)

    @property
    def locked(self) -> bool:
        return self.record is not None and self.record.locked

    @property
    def waits_for_manager(self) -> bool:
        return self.record is not None and self.record.waits_for_manager

    def show_month(self, contract: ContractRecord | None, month: Month | None) -> None:
        record = None
        if contract is not None and month is not None:
            record = self.services.month_approvals.status(contract.id, month)
        self.show_record(contract, month, record)

    def show_record(
        self,
        contract: ContractRecord | None,
        month: Month | None,
        record: MonthApprovalRecord | None,
    ) -> None:
        """Show a month's state read beforehand (off the GUI thread, by the page)."""
        self.contract, self.month = contract, month
        if contract is None or month is None or record is None:
            self.record = None
            self.state.clear()
        else:
            self.record = record
            self.state.setText(
                _("State of {month}: {state}").format(
                    month=month_label(*month), state=self.record.summary
                )
            )
        self._enable()

    def _enable(self) -> None:
        actor = self.services.actor
        state = self.record.state if self.record else None
        own = bool(
            self.contract and actor is not None and self.contract.provider_staff_id == actor.id
        )
        manager = actor is not None and actor.can(Action.CONTRACT_MANAGE)
        visible = {
            "submit": own
            and state in (ApprovalState.OPEN, ApprovalState.RETURNED, ApprovalState.REOPENED),
            "approve": manager and state is ApprovalState.SUBMITTED,
            "return": manager and state is ApprovalState.SUBMITTED,
            "reopen": manager and state is ApprovalState.APPROVED,
            "other": own
            and state in (ApprovalState.OPEN, ApprovalState.RETURNED, ApprovalState.REOPENED),
        }
        for key, button in self.buttons.items():
            button.setVisible(bool(visible[key]))

    # --- actions -------------------------------------------------------------------------

    def _run(self, action: Callable[[], object]) -> None:
        """Submit or approve off the GUI thread (``ui.operation``); one at a time."""
        run_operation(
            self,
            action,
            lambda _done: self.changed.emit(),
            refused=lambda error: self.failed.emit(str(error)),
            busy=_("saving"),
        )

    def submit(self) -> None:
        if self.contract and self.month:
            contract, month, approvals = self.contract.id, self.month, self.services.month_approvals
            self._run(lambda: approvals.submit(contract, month))

    def approve(self) -> None:
        if self.contract and self.month:
            contract, month, approvals = self.contract.id, self.month, self.services.month_approvals
            self._run(lambda: approvals.approve(contract, month))

    def other_projects(self) -> None:
        if not (self.contract and self.month):
            return
        contract, month, approvals = self.contract.id, self.month, self.services.month_approvals
        dialog = OtherProjectsDialog(
            lambda minutes: approvals.declare_other_projects(contract, month, minutes),
            self.record.other_project_minutes if self.record else None,
            self,
        )
        self.dialog = dialog  # for tests
        if dialog.exec():
            self.changed.emit()

    def send_back(self) -> None:
        self._ask(
            _("Return for correction"),
            _("The person gets the month back to correct it and submit it again."),
            self.services.month_approvals.send_back,
        )

    def reopen(self) -> None:
        self._ask(
            _("Reopen the month"),
            _(
                "The approved month opens for a correction; its sheet will be printed as "
                "the next correction, and the audit log keeps the approved version."
            ),
            self.services.month_approvals.reopen,
        )

    def _ask(self, title: str, text: str, action) -> None:
        if not (self.contract and self.month):
            return
        contract, month = self.contract.id, self.month
        dialog = ReasonDialog(title, text, lambda reason: action(contract, month, reason), self)
        self.dialog = dialog  # for tests
        if dialog.exec():
            self.changed.emit()
