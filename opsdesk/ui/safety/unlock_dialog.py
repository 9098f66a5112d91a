"""The dialog over a locked window: the same person types their password, or logs out."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from opsdesk.i18n import _
from opsdesk.ui.forms import ERROR_STYLE


class UnlockDialog(QDialog):
    unlock_requested = Signal(str)
    switch_user_requested = Signal()

    def __init__(self, full_name: str, login: str, minutes: int | None, parent=None):
        super().__init__(parent)
        self.setObjectName("unlockDialog")
        self.setWindowTitle(_("opsdesk \u2014 locked"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setMinimumWidth(440)
        heading = QLabel(f"<h2>{_('The window is locked')}</h2>")
        if minutes:
            why = _(
                "opsdesk locked itself after {minutes} min without use, to protect "
                "the clients' data."
            ).format(minutes=minutes)
        else:
            why = _("opsdesk is locked, to protect the clients' data.")
        text = QLabel(
            why + "\n" + _("Logged in: {name} ({login}).").format(name=full_name, login=login)
        )
        text.setObjectName("unlockText")
        text.setWordWrap(True)
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("unlockPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(_("&Password:"), self.password_edit)
        self._message = QLabel()
        self._message.setObjectName("unlockMessage")
        self._message.setWordWrap(True)
        self._message.setStyleSheet(ERROR_STYLE)
        buttons = QDialogButtonBox()
        self.unlock_button = buttons.addButton(_("&Unlock"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.switch_button = buttons.addButton(
            _("&Log out (another person)"), QDialogButtonBox.ButtonRole.ResetRole
        )
        for button in (self.unlock_button, self.switch_button):
            button.setAutoDefault(False)  # Enter in the password field submits, once
        self.unlock_button.clicked.connect(self._submit)
        self.password_edit.returnPressed.connect(self._submit)
        self.switch_button.clicked.connect(self.switch_user_requested.emit)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self._message)
        layout.addWidget(buttons)
        self.password_edit.setFocus()

    def _submit(self) -> None:
        self.unlock_requested.emit(self.password_edit.text())

    def set_checking(self, text: str) -> None:
        """The password is being checked: say so, and take no second press."""
        self.unlock_button.setEnabled(False)
        self._message.setStyleSheet("")
        self._message.setText(text)

    def show_error(self, text: str) -> None:
        self.unlock_button.setEnabled(True)
        self._message.setStyleSheet(ERROR_STYLE)
        self._message.setText(text)
        self.password_edit.clear()
        self.password_edit.setFocus()

    def message(self) -> str:
        return self._message.text()

    # Escape or the window's close button must not uncover the data.
    def reject(self) -> None:
        pass

    def closeEvent(self, event) -> None:
        if getattr(self, "_closing", False):
            event.accept()
        else:
            event.ignore()

    def finish(self) -> None:
        self._closing = True
        self.close()
