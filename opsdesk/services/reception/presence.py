"""Who is in today: each worker's status (available, on a break, away), set by the worker
or, for a colleague, by the desk or the manager; shown at the desk and, as places only, on
the waiting-room display. One change = one transaction with its audit entry."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from opsdesk.domain.ids import StaffId, TeamId, optional_id
from opsdesk.domain.office_model import TeamKind
from opsdesk.domain.presence import Presence, presence_on
from opsdesk.domain.roles import Action
from opsdesk.errors import NotFound, PermissionDenied, ValidationError
from opsdesk.i18n import _
from opsdesk.services import audit
from opsdesk.services.context import Service
from opsdesk.services.reception.records import ClosedPlace, WorkerPresence
from opsdesk.storage.models import Staff, StaffPresence, Team


def absent_ids(day: date) -> Select[int]:
    """The workers not available on ``day`` (on a break, in the field or away), as a
    subquery: routing proposes none of them, and people waiting for one of them may be
    called by any colleague of the team (nobody is stuck in a queue)."""
    return select(StaffPresence.staff_id).where(
        StaffPresence.day == day, StaffPresence.status != Presence.AVAILABLE.value
    )


def status_of(session: Session, staff_id: int | None, day: date) -> Presence:
    """A worker's status on ``day`` (available when none was set that day)."""
    row = session.get(StaffPresence, staff_id) if staff_id is not None else None
    return presence_on(day, row.day if row else None, row.status if row else None)


class PresenceService(Service):
    def set_status(self, status: Presence | str, staff_id: StaffId | None = None) -> WorkerPresence:
        """Set today's status of ``staff_id`` (default: the caller's own). Anyone who serves
        a queue sets their own; the desk and the manager set a colleague's."""
        actor = self.ctx.require_any(Action.VISIT_SERVE, Action.VISIT_VIEW)
        if staff_id is not None and staff_id != actor.id:
            if not (actor.can(Action.VISIT_REGISTER) or actor.can(Action.RECEPTION_STATS)):
                raise PermissionDenied(_("You can change only your own status."))
        try:
            chosen = Presence(status)
        except ValueError:
            raise ValidationError.single("status", _("Choose the status from the list.")) from None
        target = actor.id if staff_id is None else staff_id
        now = self.ctx.clock.now()
        with self.db.transaction() as session:
            staff = session.get(Staff, target)
            if staff is None or not staff.active:
                raise NotFound(_("This worker does not exist or no longer works here."))
            row = session.get(StaffPresence, staff.id, with_for_update=True)
            if row is None:
                row = StaffPresence(staff_id=staff.id)
                session.add(row)
            row.day, row.status, row.since, row.set_by_id = now.date(), chosen.value, now, actor.id
            audit.record(session, self.ctx, "update", "staff_presence", staff.id, chosen.value)
            session.flush()
            teams = {t.id: t.name for t in session.scalars(select(Team))}
            return self._record(staff, row, teams)

    def _record(
        self, staff: Staff, row: StaffPresence | None, teams: dict[int, str]
    ) -> WorkerPresence:
        today = self.ctx.clock.today()
        status = presence_on(today, row.day if row else None, row.status if row else None)
        return WorkerPresence(
            staff_id=StaffId(staff.id),
            name=staff.full_name,
            team_id=optional_id(TeamId, staff.team_id),
            team_name=teams.get(staff.team_id, "") if staff.team_id is not None else "",
            workplace=staff.workplace or "",
            status=status.value,
            since=row.since if row is not None and status is not Presence.AVAILABLE else None,
        )

    def _all(self) -> list[WorkerPresence]:
        query = (
            select(Staff, StaffPresence)
            .join(Team, Team.id == Staff.team_id)
            .outerjoin(StaffPresence, StaffPresence.staff_id == Staff.id)
            .where(Staff.active.is_(True), Team.kind != TeamKind.EXTERNAL.value)
        )
        with self.db.reading() as session:
            teams = {t.id: t.name for t in session.scalars(select(Team))}
            rows = [self._record(staff, row, teams) for staff, row in session.execute(query)]
        return sorted(rows, key=lambda r: (r.team_id or 0, r.name.split()[-1:], r.name))

    def today(self, team_id: TeamId | None = None) -> list[WorkerPresence]:
        """Every worker of the teams (or of ``team_id``) with their status today."""
        self.ctx.require(Action.VISIT_VIEW)
        rows = self._all()
        return [r for r in rows if team_id is None or r.team_id == team_id]

    def mine(self) -> WorkerPresence | None:
        """The caller's own status today (None for someone in no team)."""
        actor = self.ctx.require_any(Action.VISIT_SERVE, Action.VISIT_VIEW)
        return next((r for r in self._all() if r.staff_id == actor.id), None)

    def closed_places(self) -> list[ClosedPlace]:
        """For the waiting-room display: rooms and desks whose worker is on a break or away
        today (places only; a worker with no place is not shown)."""
        self.ctx.require(Action.VISIT_VIEW)
        return [
            ClosedPlace(r.workplace, r.status)
            for r in self._all()
            if r.workplace and r.status != Presence.AVAILABLE.value
        ]
