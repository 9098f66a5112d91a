"""The login dialog. Shown before the database is even open: it must appear at once.

It does not touch PySide6's ``Qt`` namespace before it is shown: creating that namespace's
enums takes longer (~12 ms) than everything else the dialog needs.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from opsdesk import __version__
from opsdesk.i18n import _


class LoginDialog(QDialog):
    login_requested = Signal(str, str)

    def __init__(self, last_login: str = "", parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("opsdesk \u2014 log in"))
        self.setMinimumWidth(400)
        self._office = QLabel()
        self._office.setObjectName("officeName")
        self._office.setWordWrap(True)
        self._office.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.login_edit = QLineEdit(last_login)
        self.login_edit.setObjectName("login")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self._message = QLabel()
        self._message.setObjectName("loginMessage")
        self._message.setWordWrap(True)

        form = QFormLayout()
        form.addRow(_("&Login:"), self.login_edit)
        form.addRow(_("&Password:"), self.password_edit)
        self._buttons = QDialogButtonBox()
        self.login_button = self._buttons.addButton(
            _("Log in"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self._buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        self._buttons.accepted.connect(self._submit)
        self._buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self._office)
        layout.addLayout(form)
        layout.addWidget(self._message)
        version = QLabel(f"opsdesk {__version__}")
        version.setStyleSheet("color: #555;")
        layout.addWidget(version)
        layout.addWidget(self._buttons)
        (self.password_edit if last_login else self.login_edit).setFocus()
        self.set_busy(_("Opening the database\u2026"))

    def set_office(self, name: str) -> None:
        """The office's name, known once the database is open; the dialog grows to show it
        whole (a long name wraps onto two lines)."""
        self._office.setText(name)
        self._fit()

    def set_busy(self, text: str) -> None:
        self.login_button.setEnabled(False)
        self._show_message(text, error=False)

    def set_ready(self) -> None:
        self.login_button.setEnabled(True)
        self._show_message("", error=False)

    def show_error(self, text: str) -> None:
        from PySide6.QtCore import Qt

        self._message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.login_button.setEnabled(True)
        self._show_message(text, error=True)
        self.password_edit.clear()
        self.password_edit.setFocus()

    def message(self) -> str:
        return self._message.text()

    def _show_message(self, text: str, error: bool) -> None:
        self._message.setText(text)
        self._message.setStyleSheet("color: #a00000; font-weight: 600;" if error else "")
        self._fit()

    def _fit(self) -> None:
        """Grow (never shrink below what the person sized) to show every line of text."""
        hint = self.sizeHint()
        if hint.height() > self.height() or hint.width() > self.width():
            self.resize(max(hint.width(), self.width()), max(hint.height(), self.height()))

    def _submit(self) -> None:
        login = self.login_edit.text().strip()
        if not login:
            self.show_error(_("Enter a login."))
            self.login_edit.setFocus()
            return
        self.login_button.setEnabled(False)
        self.login_requested.emit(login, self.password_edit.text())
