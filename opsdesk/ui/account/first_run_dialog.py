"""First run: the office's name and address, and the first administrator."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from opsdesk.i18n import _
from opsdesk.services.account.passwords import MIN_PASSWORD_LENGTH
from opsdesk.ui.forms import FieldErrors


class FirstRunDialog(QDialog):
    """Emits ``submitted(office_fields, admin_fields)``; the controller calls the service and
    either closes the dialog or hands the errors back with ``show_errors``."""

    submitted = Signal(dict, dict)
    join_requested = Signal()  # "this PC joins the office's server" instead

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("opsdesk \u2014 first start"))
        self.setMinimumWidth(520)
        intro = QLabel(
            _(
                "Welcome. opsdesk has no database yet. Enter your office's details and create "
                "the administrator's account; the administrator then creates the staff accounts."
            )
        )
        intro.setObjectName("intro")
        intro.setWordWrap(True)

        self.fields: dict[str, QLineEdit] = {}
        office_box = QGroupBox(_("Office"))
        office_form = QFormLayout(office_box)
        for key, label in (
            ("office_name", _("&Name of the office:")),
            ("street", _("&Street and number:")),
            ("postal_code", _("Postal &code:")),
            ("city", _("C&ity:")),
        ):
            office_form.addRow(label, self._edit(key))
        self.fields["office_name"].setPlaceholderText(
            _("e.g. Miejski Ośrodek Pomocy Społecznej w Gryfinie")
        )
        self.fields["postal_code"].setInputMask("")
        self.fields["postal_code"].setPlaceholderText("00-000")

        admin_box = QGroupBox(_("Administrator"))
        admin_form = QFormLayout(admin_box)
        for key, label, secret in (
            ("login", _("&Login:"), False),
            ("full_name", _("&Full name:"), False),
            ("password", _("&Password:"), True),
            ("password_repeat", _("&Repeat the password:"), True),
        ):
            edit = self._edit(key)
            if secret:
                edit.setEchoMode(QLineEdit.EchoMode.Password)
            admin_form.addRow(label, edit)
        self.fields["password"].setPlaceholderText(
            _("at least {n} characters").format(n=MIN_PASSWORD_LENGTH)
        )

        self.errors = FieldErrors(self)
        for form in (office_form, admin_form):
            for key, edit in self.fields.items():
                if form.indexOf(edit) >= 0:
                    self.errors.attach(key, edit, form)

        buttons = QDialogButtonBox()
        self.create_button = buttons.addButton(
            _("Create the office"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.join_button = buttons.addButton(
            _("This PC &joins the office's server…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.join_button.setObjectName("joinServer")
        self.join_button.clicked.connect(self.join_requested.emit)
        buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(office_box)
        layout.addWidget(admin_box)
        layout.addWidget(buttons)
        self.fields["office_name"].setFocus()

    def _edit(self, key: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(key)
        self.fields[key] = edit
        return edit

    def values(self) -> tuple[dict, dict]:
        office = {
            k: self.fields[k].text() for k in ("office_name", "street", "postal_code", "city")
        }
        admin = {
            k: self.fields[k].text() for k in ("login", "full_name", "password", "password_repeat")
        }
        return office, admin

    def show_errors(self, errors: dict[str, str]) -> None:
        self.create_button.setEnabled(True)
        self.errors.show(errors)

    def _submit(self) -> None:
        self.errors.clear()
        self.create_button.setEnabled(False)
        self.submitted.emit(*self.values())
