"""The manager's confirmation of a session over the budget.

The numbers come from the service's ``BudgetExceeded``. A manager entering the session gives
only the reason; otherwise the manager types their own login and password here, on the spot.
``submit(approval)`` returns the call saving the session, which runs off the GUI thread
(``ui.operation``); its per-field errors keep the dialog open.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from opsdesk.domain.roles import Action
from opsdesk.errors import ServiceError, ValidationError
from opsdesk.i18n import _
from opsdesk.services.hours.records import BudgetExceeded, ManagerApproval
from opsdesk.ui.forms import FieldErrors
from opsdesk.ui.operation import is_running, run_operation

if TYPE_CHECKING:
    from opsdesk.services.registry import Services


class ApprovalDialog(QDialog):
    def __init__(
        self,
        services: Services,
        error: BudgetExceeded,
        submit: Callable[[ManagerApproval], Callable[[], object]],
        parent=None,
    ):
        super().__init__(parent)
        self.setWindowTitle(_("Session over the budget"))
        self.setObjectName("approvalDialog")
        self._submit = submit
        self.result_value: Any = None  # what the call ``submit`` returned answered
        actor = services.actor
        self.own_approval = actor is not None and actor.can(Action.OVER_BUDGET_APPROVE)
        message = QLabel(str(error))
        message.setObjectName("exceededMessage")
        message.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reason")
        self.reason.setAccessibleName(_("Reason for exceeding the budget"))
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(80)
        self.login = QLineEdit()
        self.login.setObjectName("managerLogin")
        self.password = QLineEdit()
        self.password.setObjectName("managerPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(_("Reason"), self.reason)
        self.errors = FieldErrors(self)
        self.errors.attach("reason", self.reason, form)
        if self.own_approval:
            assert actor is not None  # own_approval
            who = QLabel(_("You confirm it as the manager ({name}).").format(name=actor.full_name))
            who.setWordWrap(True)
            form.addRow(who)
        else:
            hint = QLabel(_("The manager confirms by typing their own login and password."))
            hint.setWordWrap(True)
            form.addRow(hint)
            form.addRow(_("Manager's login"), self.login)
            form.addRow(_("Manager's password"), self.password)
            self.errors.attach("login", self.login, form)
            self.errors.attach("password", self.password, form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Confirm and save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.confirm)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(self.errors.general_label)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def approval(self) -> ManagerApproval:
        reason = self.reason.toPlainText()
        if self.own_approval:
            return ManagerApproval(reason)
        return ManagerApproval(reason, self.login.text(), self.password.text())

    def confirm(self) -> None:
        """Save off the GUI thread; OK is disabled and Cancel waits until the answer."""
        if is_running(self):
            return
        try:
            work = self._submit(self.approval())
        except ServiceError as error:
            self._refused(error)
            return
        self.ok_button.setEnabled(False)
        run_operation(self, work, self._saved, refused=self._refused, busy=_("saving the session"))

    def _saved(self, value: object) -> None:
        self.ok_button.setEnabled(True)
        self.result_value = value
        self.accept()

    def _refused(self, error: ServiceError) -> None:
        self.ok_button.setEnabled(True)
        if isinstance(error, ValidationError):
            self.password.clear()
            self.errors.show(error.errors)
        else:
            self.errors.show({"general": str(error)})

    def reject(self) -> None:
        if not is_running(self):  # Cancel or Esc while saving: the answer decides
            super().reject()
