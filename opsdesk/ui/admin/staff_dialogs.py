"""A staff account's dialog (new or changed) and the password reset dialog.

Each calls the service itself: bad input shows the service's message under the field and the
dialog stays open with nothing saved; on success ``result_value`` holds the record and it
closes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from opsdesk.domain.roles import Role
from opsdesk.i18n import _
from opsdesk.services.account.passwords import MIN_PASSWORD_LENGTH
from opsdesk.services.office.records import StaffRecord, TeamRecord
from opsdesk.services.office.role_changes import SecondPerson
from opsdesk.services.office.staff import StaffInput
from opsdesk.ui.form_dialog import FormDialog

if TYPE_CHECKING:
    from opsdesk.services.registry import Services


def _password_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def _password_hint() -> QLabel:
    hint = QLabel(
        _(
            "At least {n} characters. The person will have to choose their own "
            "password at the first login."
        ).format(n=MIN_PASSWORD_LENGTH)
    )
    hint.setObjectName("passwordHint")
    hint.setWordWrap(True)
    return hint


class StaffDialog(FormDialog):
    """New account (``record`` None: with the initial password) or changes to one."""

    def __init__(
        self,
        services: Services,
        teams: list[TeamRecord],
        record: StaffRecord | None = None,
        parent=None,
    ):
        super().__init__(
            parent,
            _("New staff account")
            if record is None
            else _("Staff account: {name}").format(name=record.full_name),
            _("&Create the account") if record is None else _("&Save the changes"),
        )
        self.services = services
        self.record = record
        self.setObjectName("staffDialog")
        self.setMinimumWidth(560)
        self.login = self._line("login", _("&Login:"))
        self.full_name = self._line("full_name", _("&Full name:"))

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
        self.add_field("roles", _("Roles:"), roles_box)

        self.team = QComboBox()
        self.team.setObjectName("team")
        self.team.addItem(_("(no team)"), None)
        for team in teams:  # (a team switched off only for the person still in it)
            if team.active or (record is not None and record.team_id == team.id):
                self.team.addItem(team.name, team.id)
        self.add_field("team", _("&Team:"), self.team)
        self.workplace = self._line("workplace", _("&Workplace / room:"))
        self.email = self._line("email", _("&E-mail:"))

        self.password = self.password_repeat = None
        if record is None:
            self.password = _password_edit("password")
            self.password_repeat = _password_edit("password_repeat")
            self.add_field("password", _("Initial &password:"), self.password)
            self.add_field("password_repeat", _("&Repeat the password:"), self.password_repeat)
            self.form.addRow("", _password_hint())
        else:
            self._fill(record)
        self._add_second_person()
        for box in self.role_boxes.values():
            box.toggled.connect(lambda _on: self._show_second_person())
        self._show_second_person()
        self.login.setFocus()

    def _add_second_person(self) -> None:
        """The confirmation of a change of roles by a second person, typed on the spot."""
        self.second_person_hint, self.confirm_login, self.confirm_password = (
            add_second_person_fields(
                self,
                _(
                    "A change of roles needs a second person: the manager confirms it here "
                    "with her own login and password (while the office has no manager, "
                    "another administrator does). Nobody can grant a role to themselves."
                ),
            )
        )

    def roles_chosen(self) -> frozenset[Role]:
        return frozenset(r for r, box in self.role_boxes.items() if box.isChecked())

    def roles_change(self) -> bool:
        before = frozenset() if self.record is None else self.record.roles
        return self.roles_chosen() != before

    def _show_second_person(self) -> None:
        shown = self.record is None or self.roles_change()
        for widget in (self.second_person_hint, self.confirm_login, self.confirm_password):
            self.form.setRowVisible(widget, shown)
        if not shown and {"confirm_login", "confirm_password"} & set(self.errors.messages()):
            self.errors.clear()  # a message about the confirmation no longer applies

    def _line(self, name: str, label: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        self.add_field(name, label, edit)
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
            roles=self.roles_chosen(),
            team_id=self.team.currentData(),
            workplace=self.workplace.text(),
            email=self.email.text(),
            password=self.password.text() if self.password else "",
            password_repeat=self.password_repeat.text() if self.password_repeat else None,
        )

    def second_person(self) -> SecondPerson | None:
        if self.record is not None and not self.roles_change():
            return None
        return SecondPerson(self.confirm_login.text(), self.confirm_password.text())

    def request(self) -> Callable[[], StaffRecord]:
        """The account as typed, saved off the GUI thread."""
        try:
            data, second, staff = self.data(), self.second_person(), self.services.staff
        finally:
            self.confirm_password.clear()  # typed for one attempt only
        if self.record is None:
            return lambda: staff.create(data, second)
        staff_id = self.record.id
        return lambda: staff.update(staff_id, data, second)


def add_second_person_fields(dialog: FormDialog, hint: str) -> tuple[QLabel, QLineEdit, QLineEdit]:
    """A second person's login and password under ``hint``, at the end of ``dialog``'s form
    (the fields ``confirm_login`` and ``confirm_password`` of the services' refusals)."""
    label = QLabel(hint)
    label.setObjectName("secondPersonHint")
    label.setWordWrap(True)
    dialog.form.addRow(label)
    login = QLineEdit()
    login.setObjectName("confirm_login")
    dialog.add_field("confirm_login", _("Confirming person's lo&gin:"), login)
    password = _password_edit("confirm_password")
    dialog.add_field("confirm_password", _("Confirming person's pass&word:"), password)
    return label, login, password


class PasswordResetDialog(FormDialog):
    """A new temporary password for someone who forgot theirs (also unlocks the account)."""

    def __init__(
        self, services: Services, record: StaffRecord, needs_second_person: bool, parent=None
    ):
        """``needs_second_person``: the service's ``reset_needs_second_person``, read before
        the dialog opens."""
        super().__init__(
            parent,
            _("Reset the password"),
            _("&Set the password"),
            _("A new password for {name} (login {login}).").format(
                name=record.full_name, login=record.login
            ),
        )
        self.services = services
        self.record = record
        self.setObjectName("passwordResetDialog")
        self.setMinimumWidth(480)
        self.password = _password_edit("password")
        self.password_repeat = _password_edit("password_repeat")
        self.add_field("password", _("New &password:"), self.password)
        self.add_field("password_repeat", _("&Repeat the password:"), self.password_repeat)
        self.form.addRow("", _password_hint())
        self.confirm_login: QLineEdit | None = None
        self.confirm_password: QLineEdit | None = None
        if needs_second_person:
            _hint, self.confirm_login, self.confirm_password = add_second_person_fields(
                self,
                _(
                    "{name} can read client files, so a colleague confirms the new password "
                    "here with their own login and password (not {name}, not you)."
                ).format(name=record.full_name),
            )
        self.password.setFocus()

    def second_person(self) -> SecondPerson | None:
        if self.confirm_login is None or self.confirm_password is None:
            return None
        return SecondPerson(self.confirm_login.text(), self.confirm_password.text())

    def request(self) -> Callable[[], StaffRecord]:
        """The new password, set off the GUI thread."""
        record, staff = self.record, self.services.staff
        password, repeat = self.password.text(), self.password_repeat.text()
        second = self.second_person()
        if self.confirm_password is not None:
            self.confirm_password.clear()  # typed for one attempt only

        def reset() -> StaffRecord:
            staff.reset_password(record.id, password, repeat, second)
            return record

        return reset
