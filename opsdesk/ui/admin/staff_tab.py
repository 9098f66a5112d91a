"""The "Staff" tab: accounts are created, changed, deactivated and reactivated, never deleted;
an administrator sets a new password for someone who forgot theirs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from opsdesk.i18n import N_, _
from opsdesk.services.office.records import StaffRecord
from opsdesk.services.office.staff import surname_key
from opsdesk.ui.admin.active_switch import ActiveSwitch, SwitchWords
from opsdesk.ui.admin.record_view import RecordsTab
from opsdesk.ui.admin.staff_dialogs import PasswordResetDialog, StaffDialog
from opsdesk.ui.table_models import Column

if TYPE_CHECKING:
    from opsdesk.services.registry import Services


def state_text(record: StaffRecord) -> str:
    if not record.active:
        return _("Inactive")
    if record.locked:
        return _("Locked (failed logins)")
    return _("Active")


COLUMNS: tuple[Column[StaffRecord], ...] = (
    Column(N_("Name"), lambda r: r.full_name, sort_key=lambda r: surname_key(r.full_name)),
    Column(N_("Login"), lambda r: r.login),
    Column(N_("State"), state_text),
    Column(N_("Roles"), lambda r: r.roles_label),
    Column(N_("Team"), lambda r: r.team_name or "\u2014"),
    Column(N_("Workplace"), lambda r: r.workplace),
    Column(N_("E-mail"), lambda r: r.email),
)


class StaffTab(RecordsTab):
    def __init__(self, services: Services, parent=None):
        super().__init__(
            services,
            COLUMNS,
            "staffTab",
            _("Staff accounts"),
            _(
                "Accounts are never deleted: the account of someone who left is deactivated, "
                "and the history of their work stays. Enter opens the chosen account."
            ),
            parent,
            muted=lambda r: not r.active,
        )
        self.new_button = self.add_button(
            _("&New account\u2026"), self.add, "newStaff", needs_record=False
        )
        self.edit_button = self.add_button(_("&Edit\u2026"), self.open_current, "editStaff")
        staff = services.staff
        self.switch = ActiveSwitch(
            self,
            SwitchWords(
                _("Show also &inactive accounts"),
                _("&Deactivate"),
                _("&Reactivate"),
                _("Deactivate the account"),
                lambda record: _(
                    "Deactivate the account of {name}? The person will not be able to log in; "
                    "the account and its history stay and it can be reactivated later."
                ).format(name=record.full_name),
            ),
            lambda record, active: staff.set_active(record.id, active),
        )
        self.password_button = self.add_button(
            _("Reset the pa&ssword\u2026"), self.reset_password, "resetPassword"
        )
        self.reload()

    def load(self) -> list[StaffRecord]:
        return self.services.staff.list(include_inactive=True)

    def _open_staff_dialog(self, record: StaffRecord | None) -> None:
        """The account's dialog, once the teams it offers were read."""
        services = self.services
        self.open_after_reading(
            services.teams.list, lambda teams: StaffDialog(services, teams, record, self)
        )

    def add(self) -> None:
        self._open_staff_dialog(None)

    def open_record(self, record: StaffRecord) -> None:
        self._open_staff_dialog(record)

    def reset_password(self) -> None:
        """The new password's dialog, once it is known whether a colleague confirms it."""
        record = self.current()
        if record is None:
            return
        services, staff = self.services, self.services.staff
        self.open_after_reading(
            lambda: staff.reset_needs_second_person(record.id),
            lambda needs: PasswordResetDialog(services, record, needs, self),
        )


def build_staff_tab(services: Services, parent=None) -> StaffTab:
    return StaffTab(services, parent)
