"""A staff account's dialog (new or changed) and the password reset dialog.

Each calls the service itself: bad input shows the service's message under the field and the
dialog stays open with nothing saved; on success ``saved`` holds the record and it closes.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.roles import Role
from opsdesk.i18n import _
from opsdesk.services.errors import ServiceError
from opsdesk.services.passwords import MIN_PASSWORD_LENGTH
from opsdesk.services.records import StaffRecord, TeamRecord
from opsdesk.services.staff import StaffInput
from opsdesk.ui.forms import FieldErrors


def _buttons(dialog: QDialog, save_text: str) -> tuple[QDialogButtonBox, object]:
    buttons = QDialogButtonBox()
    save = buttons.addButton(save_text, QDialogButtonBox.ButtonRole.AcceptRole)
    save.setObjectName("saveButton")
    save.setDefault(True)
    buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
    buttons.accepted.connect(dialog.save)
    buttons.rejected.connect(dialog.reject)
    return buttons, save


def _password_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def _password_hint() -> QLabel:
    hint = QLabel(_("At least {n} characters. The person will have to choose their own "
                    "password at the first login.").format(n=MIN_PASSWORD_LENGTH))
    hint.setObjectName("passwordHint")
    hint.setWordWrap(True)
    return hint


class StaffDialog(QDialog):
    """New account (``record`` None: with the initial password) or changes to one."""

    def __init__(self, services, teams: list[TeamRecord], record: StaffRecord | None = None,
                 parent=None):
        super().__init__(parent)
        self.services = services
        self.record = record
        self.saved: StaffRecord | None = None
        self.setObjectName("staffDialog")
        self.setWindowTitle(_("New staff account") if record is None
                            else _("Staff account: {name}").format(name=record.full_name))
        self.setMinimumWidth(560)
        self.fields: dict[str, QWidget] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.login = self._line("login", _("&Login:"), form)
        self.full_name = self._line("full_name", _("&Full name:"), form)

        roles_box = QWidget()
        roles_box.setObjectName("roles")
        roles_box.setAccessibleName(_("Roles"))
        grid = QGridLayout(roles_box)
        grid.setContentsMargins(0, 0, 0, 0)
        self.role_boxes: dict[Role, QCheckBox] = {}
        for i, role in enumerate(Role):
            box = QCheckBox(role.label)
            box.setObjectName(f"role_{role.value}")
            grid.addWidget(box, i // 2, i % 2)
            self.role_boxes[role] = box
        form.addRow(_("Roles:"), roles_box)
        self.fields["roles"] = roles_box

        self.team = QComboBox()
        self.team.setObjectName("team")
        self.team.addItem(_("(no team)"), None)
        for team in teams:
            self.team.addItem(team.name, team.id)
        form.addRow(_("&Team:"), self.team)
        self.fields["team"] = self.team
        self.workplace = self._line("workplace", _("&Workplace / room:"), form)
        self.email = self._line("email", _("&E-mail:"), form)

        self.password = self.password_repeat = None
        if record is None:
            self.password = _password_edit("password")
            self.password_repeat = _password_edit("password_repeat")
            form.addRow(_("Initial &password:"), self.password)
            form.addRow(_("&Repeat the password:"), self.password_repeat)
            form.addRow("", _password_hint())
            self.fields["password"] = self.password
            self.fields["password_repeat"] = self.password_repeat
        else:
            self._fill(record)

        self.errors = FieldErrors(self)
        self.errors.attach_all(self.fields, form)
        buttons, self.save_button = _buttons(
            self, _("&Create the account") if record is None else _("&Save the changes"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.errors.general_label)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.login.setFocus()

    def _line(self, name: str, label: str, form: QFormLayout) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        form.addRow(label, edit)
        self.fields[name] = edit
        return edit

    def _fill(self, record: StaffRecord) -> None:
        self.login.setText(record.login)
        self.full_name.setText(record.full_name)
        for role, box in self.role_boxes.items():
            box.setChecked(role in record.roles)
        index = self.team.findData(record.team_id)
        self.team.setCurrentIndex(max(index, 0))
        self.workplace.setText(record.workplace)
        self.email.setText(record.email)

    def data(self) -> StaffInput:
        return StaffInput(
            login=self.login.text(),
            full_name=self.full_name.text(),
            roles=frozenset(r for r, box in self.role_boxes.items() if box.isChecked()),
            team_id=self.team.currentData(),
            workplace=self.workplace.text(),
            email=self.email.text(),
            password=self.password.text() if self.password else "",
            password_repeat=self.password_repeat.text() if self.password_repeat else None,
        )

    def save(self) -> None:
        try:
            if self.record is None:
                self.saved = self.services.staff.create(self.data())
            else:
                self.saved = self.services.staff.update(self.record.id, self.data())
        except ServiceError as error:
            self.errors.report(error)
            return
        self.accept()


class PasswordResetDialog(QDialog):
    """A new temporary password for someone who forgot theirs (also unlocks the account)."""

    def __init__(self, services, record: StaffRecord, parent=None):
        super().__init__(parent)
        self.services = services
        self.record = record
        self.saved: StaffRecord | None = None
        self.setObjectName("passwordResetDialog")
        self.setWindowTitle(_("Reset the password"))
        self.setMinimumWidth(480)
        who = QLabel(_("A new password for {name} (login {login}).").format(
            name=record.full_name, login=record.login))
        who.setObjectName("who")
        who.setWordWrap(True)
        self.password = _password_edit("password")
        self.password_repeat = _password_edit("password_repeat")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(_("New &password:"), self.password)
        form.addRow(_("&Repeat the password:"), self.password_repeat)
        form.addRow("", _password_hint())
        self.errors = FieldErrors(self)
        self.errors.attach_all(
            {"password": self.password, "password_repeat": self.password_repeat}, form)
        buttons, self.save_button = _buttons(self, _("&Set the password"))
        layout = QVBoxLayout(self)
        layout.addWidget(who)
        layout.addWidget(self.errors.general_label)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.password.setFocus()

    def save(self) -> None:
        try:
            self.services.staff.reset_password(
                self.record.id, self.password.text(), self.password_repeat.text())
        except ServiceError as error:
            self.errors.report(error)
            return
        self.saved = self.record
        self.accept()
