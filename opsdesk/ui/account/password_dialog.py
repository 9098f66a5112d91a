"""Changing one's own password (required after an administrator's reset)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from opsdesk.errors import ValidationError
from opsdesk.i18n import _
from opsdesk.ui.forms import FieldErrors

if TYPE_CHECKING:
    from opsdesk.services.registry import Services


class ChangePasswordDialog(QDialog):
    def __init__(self, services: Services, required: bool = False, parent=None):
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(_("Change password"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        if required:
            note = QLabel(_("Your password was set by the administrator. Choose your own now."))
            note.setWordWrap(True)
            layout.addWidget(note)
        form = QFormLayout()
        self.errors = FieldErrors(self)
        self.edits: dict[str, QLineEdit] = {}
        for key, label in (
            ("old", _("&Current password:")),
            ("new", _("&New password:")),
            ("repeat", _("&Repeat the new password:")),
        ):
            edit = QLineEdit()
            edit.setObjectName(key)
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            form.addRow(label, edit)
            self.errors.attach(key, edit, form)
            self.edits[key] = edit
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _save(self) -> None:
        self.errors.clear()
        try:
            actor = self.services.actor
            assert actor is not None, "only a logged-in person changes their password"
            self.services.auth.change_password(
                actor, *(self.edits[k].text() for k in ("old", "new", "repeat"))
            )
        except ValidationError as error:
            self.errors.show(error.errors)
            return
        self.accept()
