"""First run on a PC of a multi-PC office: "this PC joins the office's server".

The address is checked as typed, then the server is tried off the GUI thread (its schema
created or upgraded, ``services.safety.server_move.join_server``); a refusal is shown under
the field. On success the address is stored for this PC (the password in PostgreSQL's own
password file of this Windows account) and ``joined(label)`` is emitted.
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

from opsdesk.i18n import _
from opsdesk.ui.background import run_in_background
from opsdesk.ui.forms import FieldErrors


class JoinServerDialog(QDialog):
    joined = Signal(str, str)  # the address without its password, the server's label

    def __init__(self, settings_path, parent=None):
        super().__init__(parent)
        self.settings_path = settings_path
        self.setWindowTitle(_("opsdesk \u2014 join the office's server"))
        self.setMinimumWidth(560)
        intro = QLabel(
            _(
                "In an office with several PCs the data live in one PostgreSQL database on the "
                "office's server. Enter its address as the server's administrator gave it. "
                "The password is kept in PostgreSQL's password file of this Windows account, "
                "never in opsdesk's settings."
            )
        )
        intro.setObjectName("intro")
        intro.setWordWrap(True)
        self.address_edit = QLineEdit()
        self.address_edit.setObjectName("address")
        self.address_edit.setPlaceholderText("postgresql://opsdesk:hasło@serwer:5432/opsdesk")
        form = QFormLayout()
        form.addRow(_("Server &address:"), self.address_edit)
        self.errors = FieldErrors(self)
        self.errors.attach("address", self.address_edit, form)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)

        buttons = QDialogButtonBox()
        self.join_button = buttons.addButton(
            _("Check and &join"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._join)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.address_edit.setFocus()

    def _join(self) -> None:
        from opsdesk.server_link import ServerAddressError, parse_server_address

        self.errors.clear()
        try:
            address = parse_server_address(self.address_edit.text())
        except ServerAddressError as error:
            self.errors.show({"address": str(error)})
            return
        self.join_button.setEnabled(False)
        self.status.setText(_("Connecting to {server}\u2026").format(server=address.label))

        def work():
            from opsdesk.services.safety.server_move import join_server

            return join_server(address, self.settings_path)

        def failed(error: Exception) -> None:
            self.join_button.setEnabled(True)
            self.status.clear()
            self.errors.show({"address": str(error)})

        run_in_background(
            work, lambda _office: self.joined.emit(address.safe_url, address.label), failed
        )
