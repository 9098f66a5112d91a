"""The "Teams" tab: each team's name, kind, ticket letter and board statuses; a team is switched
off (never deleted) once nothing needs it, and can be switched on again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from opsdesk.domain.office_model import TeamKind
from opsdesk.i18n import N_, _
from opsdesk.services.office.records import TeamRecord
from opsdesk.ui.admin.active_switch import ActiveSwitch, SwitchWords
from opsdesk.ui.admin.record_view import RecordsTab
from opsdesk.ui.admin.team_dialog import TeamDialog
from opsdesk.ui.table_models import Column

if TYPE_CHECKING:
    from opsdesk.services.registry import Services


def kind_label(record: TeamRecord) -> str:
    try:
        return TeamKind(record.kind).label
    except ValueError:
        return record.kind


def statuses_text(record: TeamRecord) -> str:
    return " \u2192 ".join(s.name for s in record.statuses) or "\u2014"


def state_text(record: TeamRecord) -> str:
    return _("In use") if record.active else _("Switched off")


COLUMNS: tuple[Column[TeamRecord], ...] = (
    Column(N_("Team"), lambda r: r.name),
    Column(N_("Kind"), kind_label),
    Column(N_("State"), state_text),
    Column(N_("Ticket letter"), lambda r: r.ticket_letter or "\u2014"),
    Column(
        N_("Board statuses (in order)"),
        statuses_text,
        sort_key=lambda r: len(r.statuses),
        tooltip=statuses_text,
    ),
)


class TeamsTab(RecordsTab):
    def __init__(self, services: Services, parent=None):
        super().__init__(
            services,
            COLUMNS,
            "teamsTab",
            _("Teams"),
            _(
                "The teams of the office and the columns of their boards. Renaming or moving a "
                "status keeps its cases in it. A team is never deleted: one no longer needed "
                "is switched off. Enter opens the chosen team."
            ),
            parent,
            muted=lambda r: not r.active,
        )
        self.new_button = self.add_button(
            _("&New team\u2026"), self.add, "newTeam", needs_record=False
        )
        self.edit_button = self.add_button(_("&Edit\u2026"), self.open_current, "editTeam")
        teams = services.teams
        self.switch = ActiveSwitch(
            self,
            SwitchWords(
                _("Show also teams &switched off"),
                _("Switch o&ff"),
                _("Switch on a&gain"),
                _("Switch the team off"),
                lambda record: _(
                    "Switch off the team \u201e{name}\u201d? It will no longer be offered at the "
                    "desk, for new cases or new members, and its board closes; the contact "
                    "purposes routed to it will ask the desk to choose a team. Its history "
                    "stays, and it can be switched on again."
                ).format(name=record.name),
            ),
            lambda record, active: teams.set_active(record.id, active),
        )
        self.reload()

    def load(self) -> list[TeamRecord]:
        return self.services.teams.list()

    def add(self) -> None:
        self.show_dialog(TeamDialog(self.services, None, self))

    def open_record(self, record: TeamRecord) -> None:
        self.show_dialog(TeamDialog(self.services, record, self))


def build_teams_tab(services: Services, parent=None) -> TeamsTab:
    return TeamsTab(services, parent)
