"""Changing one's own password (required after an administrator's reset).

The service checks the current password and hashes the new one (argon2, a while): that runs
off the GUI thread (``FormDialog.request``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLineEdit

from opsdesk.i18n import N_, _
from opsdesk.ui.form_dialog import FormDialog

if TYPE_CHECKING:
    from opsdesk.services.registry import Services


class ChangePasswordDialog(FormDialog):
    busy_text = N_("changing the password")

    def __init__(self, services: Services, required: bool = False, parent=None):
        intro = (
            _("Your password was set by the administrator. Choose your own now.")
            if required
            else ""
        )
        super().__init__(parent, _("Change password"), _("C&hange the password"), intro)
        if required:  # the account cannot be used with the administrator's password
            self.cancel_button.setText(_("Log &out"))
        self.services = services
        self.setMinimumWidth(420)
        self.edits: dict[str, QLineEdit] = {}
        for key, label in (
            ("old", _("&Current password:")),
            ("new", _("&New password:")),
            ("repeat", _("&Repeat the new password:")),
        ):
            edit = QLineEdit()
            edit.setObjectName(key)
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            self.add_field(key, label, edit)
            self.edits[key] = edit

    def request(self) -> Callable[[], None]:
        actor, auth = self.services.actor, self.services.auth
        assert actor is not None, "only a logged-in person changes their password"
        old, new, repeat = (self.edits[k].text() for k in ("old", "new", "repeat"))
        return lambda: auth.change_password(actor, old, new, repeat)
