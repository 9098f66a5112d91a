"""The manager's confirmation of a session over the budget.

The numbers come from the service's ``BudgetExceeded``. A manager entering the session gives
only the reason; otherwise the manager types their own login and password here, on the spot.
``submit(approval)`` returns the call saving the session, which runs off the GUI thread
(``ui.operation``); its per-field errors keep the dialog open.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit

from opsdesk.domain.roles import Action
from opsdesk.errors import ServiceError, ValidationError
from opsdesk.i18n import N_, _
from opsdesk.services.hours.records import BudgetExceeded, ManagerApproval
from opsdesk.ui.form_dialog import FormDialog

if TYPE_CHECKING:
    from opsdesk.services.registry import Services


class ApprovalDialog(FormDialog):
    busy_text = N_("saving the session")

    def __init__(
        self,
        services: Services,
        error: BudgetExceeded,
        submit: Callable[[ManagerApproval], Callable[[], object]],
        parent=None,
    ):
        super().__init__(parent, _("Session over the budget"), _("Confirm and save"), str(error))
        self.setObjectName("approvalDialog")
        self.intro_label.setObjectName("exceededMessage")
        self._submit = submit
        actor = services.actor
        self.own_approval = actor is not None and actor.can(Action.OVER_BUDGET_APPROVE)
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
        self.add_field("reason", _("Reason"), self.reason)
        if self.own_approval:
            assert actor is not None  # own_approval
            who = QLabel(_("You confirm it as the manager ({name}).").format(name=actor.full_name))
            who.setWordWrap(True)
            self.form.addRow(who)
        else:
            hint = QLabel(_("The manager confirms by typing their own login and password."))
            hint.setWordWrap(True)
            self.form.addRow(hint)
            self.add_field("login", _("Manager's login"), self.login)
            self.add_field("password", _("Manager's password"), self.password)
        self.resize(520, self.sizeHint().height())
        self.reason.setFocus()  # the first field, not the buttons made before it

    def approval(self) -> ManagerApproval:
        reason = self.reason.toPlainText()
        if self.own_approval:
            return ManagerApproval(reason)
        return ManagerApproval(reason, self.login.text(), self.password.text())

    def request(self) -> Callable[[], object]:
        """The session saved off the GUI thread; OK is disabled and Cancel waits until the
        answer. A refused login or password is typed again from scratch."""
        try:
            return self._submit(self.approval())
        except ValidationError:
            self.password.clear()
            raise

    def _refused(self, error: ServiceError) -> None:
        if isinstance(error, ValidationError):
            self.password.clear()
        super()._refused(error)
