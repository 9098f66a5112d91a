"""Teams and their board statuses (in order); a team is switched off, never deleted."""

from __future__ import annotations

import builtins
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from opsdesk.domain.ids import TeamId
from opsdesk.domain.office_model import TeamKind
from opsdesk.domain.queue import VisitState
from opsdesk.domain.roles import Action
from opsdesk.errors import NotFound, ValidationError
from opsdesk.i18n import _
from opsdesk.services import audit
from opsdesk.services.context import Service
from opsdesk.services.office.records import TeamRecord, TeamStatusRecord
from opsdesk.services.text_limits import add_too_long
from opsdesk.storage.models import Case, ContactPurpose, Staff, Team, TeamStatus, Visit


@dataclass(frozen=True)
class StatusInput:
    name: str
    code: str = ""  # generated from the position when empty
    closes_case: bool = False
    id: int | None = None  # an existing status being renamed or moved


@dataclass(frozen=True)
class TeamInput:
    name: str
    kind: TeamKind
    ticket_letter: str = ""
    statuses: tuple[StatusInput, ...] = ()


def team_record(session: Session, team: Team) -> TeamRecord:
    statuses = session.scalars(
        select(TeamStatus).where(TeamStatus.team_id == team.id).order_by(TeamStatus.position)
    )
    return TeamRecord(
        id=TeamId(team.id),
        name=team.name,
        kind=team.kind,
        ticket_letter=team.ticket_letter or "",
        active=team.active,
        statuses=tuple(
            TeamStatusRecord(s.id, s.code, s.name, s.position, s.closes_case) for s in statuses
        ),
    )


class TeamService(Service):
    def list(self) -> list[TeamRecord]:
        with self.db.reading() as session:
            teams = session.scalars(select(Team).order_by(Team.id))
            return [team_record(session, t) for t in teams]

    def _validate(self, session: Session, data: TeamInput, team_id: int | None) -> dict[str, str]:
        errors: dict[str, str] = {}
        name = data.name.strip()
        if not name:
            errors["name"] = _("Enter the team's name.")
        elif session.scalar(select(Team.id).where(Team.name == name, Team.id != (team_id or 0))):
            errors["name"] = _("A team with this name already exists.")
        letter = data.ticket_letter.strip()
        if letter and (len(letter) != 1 or not letter.isalpha()):
            errors["ticket_letter"] = _("The ticket letter is a single letter.")
        elif letter and session.scalar(
            select(Team.id).where(Team.ticket_letter == letter.upper(), Team.id != (team_id or 0))
        ):
            errors["ticket_letter"] = _("Another team already uses this ticket letter.")
        names = [s.name.strip() for s in data.statuses]
        if any(not n for n in names):
            errors["statuses"] = _("Every board status needs a name.")
        elif len(set(names)) != len(names):
            errors["statuses"] = _("Board statuses must have different names.")
        elif data.kind not in (TeamKind.FIRST_CONTACT, TeamKind.EXTERNAL) and len(names) < 2:
            errors["statuses"] = _("A team's board needs at least two statuses.")
        team = session.get(Team, team_id) if team_id is not None else None
        if team is not None and (problem := self._kind_change_problem(session, team, data.kind)):
            errors["kind"] = problem
        longest = max(names, key=len, default="")
        return add_too_long(
            errors, {"name": (name, Team.name), "statuses": (longest, TeamStatus.name)}
        )

    def save(self, data: TeamInput, team_id: int | None = None) -> TeamRecord:
        """Create a team, or change one; statuses keep their ids so cases keep their column."""
        self.ctx.require(Action.SETTINGS_MANAGE)
        with self.db.transaction() as session:
            if errors := self._validate(session, data, team_id):
                raise ValidationError(errors)
            if team_id is None:
                team = Team(active=True)
                session.add(team)
            else:
                existing = session.get(Team, team_id)
                if existing is None:
                    raise NotFound(_("This team does not exist."))
                team = existing
            team.name = data.name.strip()
            team.kind = data.kind.value
            team.ticket_letter = data.ticket_letter.strip().upper() or None
            session.flush()
            self._save_statuses(session, team, data.statuses)
            audit.record(
                session,
                self.ctx,
                "create" if team_id is None else "update",
                "team",
                team.id,
                team.name,
            )
            return team_record(session, team)

    def set_active(self, team_id: int, active: bool) -> TeamRecord:
        """Switch a team off, or on again. A team switched off keeps its history (its closed
        cases, its past visits) but is no longer offered: not at the desk, not for new cases
        or members, no board. The contact purposes routed to it ask the desk to choose a team
        until it is switched on again. Refused while anything still needs it
        (:meth:`_still_needed`)."""
        self.ctx.require(Action.SETTINGS_MANAGE)
        with self.db.transaction() as session:
            team = session.get(Team, team_id)
            if team is None:
                raise NotFound(_("This team does not exist."))
            if team.active == active:
                return team_record(session, team)
            if not active and (reasons := self._still_needed(session, team)):
                raise ValidationError.single("active", "\n".join(reasons))
            team.active = active
            audit.record(
                session,
                self.ctx,
                "activate" if active else "deactivate",
                "team",
                team.id,
                team.name,
            )
            return team_record(session, team)

    def _still_needed(self, session: Session, team: Team) -> builtins.list[str]:
        """Why ``team`` cannot be switched off yet, each with what to do first."""
        reasons = self._work_left(session, team)
        members = list(
            session.scalars(
                select(Staff.full_name)
                .where(Staff.team_id == team.id, Staff.active.is_(True))
                .order_by(Staff.full_name)
            )
        )
        if members:
            reasons.append(
                _("\u2022 Its members: {names}. Move them to another team first.").format(
                    names=", ".join(members)
                )
            )
        if self._last_first_contact(session, team):
            reasons.append(_("\u2022 The office needs an active first-contact team."))
        if not reasons:
            return []
        heading = _("The team \u201e{name}\u201d cannot be switched off yet:")
        return [heading.format(name=team.name), *reasons]

    def _work_left(self, session: Session, team: Team) -> builtins.list[str]:
        """The open cases on ``team``'s board and the people in its queue today, if any."""
        reasons = []
        open_cases = session.scalar(
            select(func.count(Case.id))
            .join(TeamStatus, TeamStatus.id == Case.status_id)
            .where(Case.team_id == team.id, TeamStatus.closes_case.is_(False))
        )
        if open_cases:
            reasons.append(
                _(
                    "\u2022 Open cases on its board: {n}. Hand them over to another team or "
                    "close them."
                ).format(n=open_cases)
            )
        waiting = session.scalar(
            select(func.count(Visit.id)).where(
                Visit.day == self.ctx.clock.today(),
                Visit.target_team_id == team.id,
                Visit.state.in_([state.value for state in VisitState if state.active]),
            )
        )
        if waiting:
            reasons.append(
                _(
                    "\u2022 People in its queue today: {n}. Serve them or send them elsewhere."
                ).format(n=waiting)
            )
        return reasons

    @staticmethod
    def _last_first_contact(session: Session, team: Team) -> bool:
        """Is ``team`` the office's only active first-contact team?"""
        return (
            team.active
            and team.kind == TeamKind.FIRST_CONTACT.value
            and not session.scalar(
                select(func.count(Team.id)).where(
                    Team.kind == TeamKind.FIRST_CONTACT.value,
                    Team.active.is_(True),
                    Team.id != team.id,
                )
            )
        )

    def _kind_change_problem(self, session: Session, team: Team, kind: TeamKind) -> str:
        """Why ``team`` cannot become a team of ``kind`` now ("" when it can): the office keeps
        a first-contact team, and a team the desk sends nobody to (external specialists)
        holds no cases, no queue and no contact purpose."""
        if team.kind == kind.value:
            return ""
        if self._last_first_contact(session, team):
            return _("The office needs an active first-contact team.")
        if kind != TeamKind.EXTERNAL:
            return ""
        reasons = self._work_left(session, team)
        purposes = list(
            session.scalars(
                select(ContactPurpose.name)
                .where(ContactPurpose.default_team_id == team.id, ContactPurpose.active.is_(True))
                .order_by(ContactPurpose.position)
            )
        )
        if purposes:
            reasons.append(
                _(
                    "\u2022 Contact purposes routed to it: {names}. Route them to another team "
                    "first."
                ).format(names=", ".join(purposes))
            )
        if not reasons:
            return ""
        heading = _("The desk sends nobody to external specialists, but this team still has:")
        return "\n".join([heading, *reasons])

    def _save_statuses(
        self, session: Session, team: Team, statuses: tuple[StatusInput, ...]
    ) -> None:
        existing = {
            s.id: s
            for s in session.scalars(select(TeamStatus).where(TeamStatus.team_id == team.id))
        }
        kept = {s.id for s in statuses if s.id is not None}
        for status_id, status in existing.items():
            if status_id not in kept:
                used = session.scalar(
                    select(func.count(Case.id)).where(Case.status_id == status_id)
                )
                if used:
                    raise ValidationError.single(
                        "statuses",
                        _(
                            "The status \u201e{name}\u201d still has {n} cases; move them first."
                        ).format(name=status.name, n=used),
                    )
                session.delete(status)
        # move every kept status out of the way first: (team, position) is unique
        for offset, status in enumerate(existing.values()):
            status.position = 10_000 + offset
        session.flush()
        used_codes = {s.code for s in existing.values() if s.id in kept}
        for position, item in enumerate(statuses):
            if item.id is not None and item.id in existing:
                status = existing[item.id]
            else:
                code = item.code or f"status{position}"
                while code in used_codes:
                    code += "_"
                used_codes.add(code)
                status = TeamStatus(team_id=team.id, code=code)
                session.add(status)
            status.position = position
            status.name = item.name.strip()
            status.closes_case = item.closes_case
        session.flush()
