"""Hand-off between teams: a social worker asks the benefits team for a decision for the same
family, a benefits worker refers the family to social work. Either opens a linked case on the
other team's board; linked cases show each other (the link is stored both ways)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from opsdesk.domain.ids import CaseId, ClientId, TeamId
from opsdesk.domain.roles import Action
from opsdesk.errors import NotFound, ValidationError
from opsdesk.i18n import _
from opsdesk.services import audit
from opsdesk.services.cases.access import add_event, load_case, summary_of
from opsdesk.services.cases.case_service import insert_case
from opsdesk.services.cases.inbox import TEAM, open_handoff
from opsdesk.services.cases.records import CaseInput, CaseSummary
from opsdesk.services.context import Service
from opsdesk.storage.models import BenefitKind, Case, CaseLink, Client, Team

SOCIAL_WORK_KIND = "praca_socjalna"


def add_link(session: Session, first: Case, second: Case, kind: str) -> None:
    session.add_all(
        [
            CaseLink(case_id=first.id, linked_case_id=second.id, kind=kind),
            CaseLink(case_id=second.id, linked_case_id=first.id, kind=kind),
        ]
    )


class HandoffService(Service):
    def hand_off(
        self, case_id: CaseId, team_id: TeamId, kind_id: int, summary: str, urgent: bool = False
    ) -> CaseSummary:
        """Open a linked case for the same client on another team's board (its worker: the
        region's worker of that team), waiting in that worker's (or the team's) list of
        hand-offs until accepted or sent back. Returns the new case."""
        summary = summary.strip()
        with self.db.transaction() as session:
            source = load_case(session, self.ctx, case_id, Action.CASE_CHANGE)
            if team_id == source.team_id:
                raise ValidationError.single(
                    "team", _("Choose another team: the case is already on this team's board.")
                )
            if not summary:
                raise ValidationError.single("summary", _("Say what you ask the other team for."))
            new = insert_case(
                session,
                self.ctx,
                CaseInput(
                    client_id=ClientId(source.client_id),
                    kind_id=kind_id,
                    team_id=team_id,
                    urgent=urgent,
                    summary=summary,
                ),
                own_team_only=False,
            )
            add_link(session, source, new, "handoff")
            team = session.get(Team, team_id)
            assert team is not None  # insert_case() opened the case on its board
            add_event(
                session, self.ctx, source, "linked", "", f"{new.file_number} ({team.name})", summary
            )
            add_event(session, self.ctx, new, "linked", source.file_number, "", summary)
            open_handoff(
                session,
                self.ctx,
                new,
                TEAM,
                to_worker_id=new.worker_id,
                note=summary,
                from_team_id=source.team_id,
                from_worker_id=source.worker_id,
                source=source,
            )
            audit.record(session, self.ctx, "create", "case_link", new.id, f"{source.id}->{new.id}")
            return summary_of(session, new)

    def ask_for_decision(
        self, case_id: CaseId, kind_id: int, summary: str, urgent: bool = False
    ) -> CaseSummary:
        """From a social work case: a linked case on the benefits team's board."""
        with self.db.reading() as session:
            kind = session.get(BenefitKind, kind_id)
            if kind is None or not kind.needs_decision:
                raise ValidationError.single(
                    "kind", _("Choose a kind of help that is granted by a decision.")
                )
            team_id = self._team_of_kind(session, "benefits")
        return self.hand_off(case_id, team_id, kind_id, summary, urgent)

    def refer_to_social_work(
        self, case_id: CaseId, summary: str, kind_id: int | None = None
    ) -> CaseSummary:
        """From a benefits case: a linked case on the social work team's board (by default of
        the kind "social work")."""
        with self.db.reading() as session:
            if kind_id is None:
                kind_id = session.scalar(
                    select(BenefitKind.id).where(BenefitKind.code == SOCIAL_WORK_KIND)
                )
            team_id = self._team_of_kind(session, "social_work")
        if kind_id is None:
            raise ValidationError.single("kind", _("Choose the kind of help."))
        return self.hand_off(case_id, team_id, kind_id, summary)

    def _team_of_kind(self, session: Session, kind: str) -> TeamId:
        team_id = session.scalar(
            select(Team.id).where(Team.kind == kind, Team.active.is_(True)).order_by(Team.id)
        )
        if team_id is None:
            raise NotFound(_("The office has no such team."))
        return TeamId(team_id)

    def link(self, case_id: CaseId, other_case_id: int) -> None:
        """Link two existing cases of one family (the same client or household)."""
        with self.db.transaction() as session:
            case = load_case(session, self.ctx, case_id, Action.CASE_CHANGE)
            other = session.get(Case, other_case_id)
            if other is None or other.id == case.id:
                raise ValidationError.single("case", _("Choose another case to link."))
            if not self._same_family(session, case, other):
                raise ValidationError.single(
                    "case", _("Only cases of the same client or household can be linked.")
                )
            if session.get(CaseLink, (case.id, other.id)) is not None:
                raise ValidationError.single("case", _("These cases are already linked."))
            add_link(session, case, other, "family")
            add_event(session, self.ctx, case, "linked", "", other.file_number)
            add_event(session, self.ctx, other, "linked", case.file_number, "")
            audit.record(
                session, self.ctx, "create", "case_link", case.id, f"{case.id}<->{other.id}"
            )

    @staticmethod
    def _same_family(session: Session, case: Case, other: Case) -> bool:
        if case.client_id == other.client_id:
            return True
        first, second = session.get(Client, case.client_id), session.get(Client, other.client_id)
        assert first is not None and second is not None  # foreign keys
        return first.household_id is not None and first.household_id == second.household_id
