"""The "Contact purposes" tab: the desk's list of purposes (cele wizyty) in its order, each
with the team it usually goes to; a purpose is switched off, never deleted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from opsdesk.i18n import N_, _
from opsdesk.services.office.records import PurposeSetting
from opsdesk.ui.admin.active_switch import ActiveSwitch, SwitchWords
from opsdesk.ui.admin.purpose_dialog import PurposeDialog
from opsdesk.ui.admin.record_view import RecordsTab
from opsdesk.ui.operation import run_operation
from opsdesk.ui.table_models import Column

if TYPE_CHECKING:
    from opsdesk.services.registry import Services


def team_text(record: PurposeSetting) -> str:
    if not record.team_name:
        return _("\u2014 (the desk chooses)")
    if not record.team_active:  # (the desk chooses meanwhile)
        return _("{name} (switched off)").format(name=record.team_name)
    return record.team_name


def state_text(record: PurposeSetting) -> str:
    return _("In use") if record.active else _("Switched off")


COLUMNS: tuple[Column[PurposeSetting], ...] = (
    Column(N_("No."), lambda r: str(r.position + 1), sort_key=lambda r: r.position),
    Column(N_("Purpose"), lambda r: r.name),
    Column(N_("State"), state_text),
    Column(N_("Team"), team_text),
)


class PurposesTab(RecordsTab):
    def __init__(self, services: Services, parent=None):
        super().__init__(
            services,
            COLUMNS,
            "purposesTab",
            _("Contact purposes"),
            _(
                "The purposes the desk chooses from, in this order, and the team each usually "
                "goes to. A purpose is never deleted: one no longer needed is switched off, "
                "and past visits keep it. Enter opens the chosen purpose."
            ),
            parent,
            muted=lambda r: not r.active,
        )
        # the desk's order only: "move up" moves in it, so no other order is offered
        self.view.setSortingEnabled(False)
        self.new_button = self.add_button(
            _("&New purpose\u2026"), self.add, "newPurpose", needs_record=False
        )
        self.edit_button = self.add_button(_("&Edit\u2026"), self.open_current, "editPurpose")
        self.up_button = self.add_button(_("Move &up"), lambda: self.move_chosen(-1), "moveUp")
        self.down_button = self.add_button(_("Move do&wn"), lambda: self.move_chosen(1), "moveDown")
        purposes = services.purposes
        self.switch = ActiveSwitch(
            self,
            SwitchWords(
                _("Show also purposes &switched off"),
                _("Switch o&ff"),
                _("Switch on a&gain"),
                _("Switch the purpose off"),
                lambda record: _(
                    "Switch off the purpose \u201e{name}\u201d? The desk will no longer offer "
                    "it; past visits keep it. It can be switched on again."
                ).format(name=record.name),
            ),
            lambda record, active: purposes.set_active(record.id, active),
        )
        self.reload()

    def load(self) -> list[PurposeSetting]:
        return self.services.purposes.list()

    def _open_purpose_dialog(self, record: PurposeSetting | None) -> None:
        """The purpose's dialog, once the teams it offers were read."""
        services = self.services
        self.open_after_reading(
            services.teams.list, lambda teams: PurposeDialog(services, teams, record, self)
        )

    def add(self) -> None:
        self._open_purpose_dialog(None)

    def open_record(self, record: PurposeSetting) -> None:
        self._open_purpose_dialog(record)

    def move_chosen(self, step: int) -> None:
        record = self.current()
        if record is None:
            return
        purposes = self.services.purposes
        run_operation(
            self,
            lambda: purposes.move(record.id, step),
            lambda moved: self.reload(moved.id),
            refused=self.show_error,
            busy=_("saving"),
        )


def build_purposes_tab(services: Services, parent=None) -> PurposesTab:
    return PurposesTab(services, parent)
