"""The queues of the day, one per target team: call next, start, finish with an outcome,
redirect, did not come, cancel. Each action is one transaction and one recorded event (who,
when). The desk serves every team's queue; a worker serves their own team's, from their own
screen, and calls the next person sent to them or to no one in particular.
"""

from __future__ import annotations

import logging

from sqlalchemy import func, or_, select

from opsdesk.domain.ids import StaffId, TeamId, VisitId
from opsdesk.domain.queue import (
    Outcome,
    QueueAction,
    VisitState,
    can_do,
    queue_key,
)
from opsdesk.domain.roles import Action
from opsdesk.errors import Conflict, NotFound, PermissionDenied, ValidationError
from opsdesk.i18n import N_, _
from opsdesk.services import audit
from opsdesk.services.context import Actor, Service
from opsdesk.services.reception.desk import add_event, queue_team, worker_for
from opsdesk.services.reception.names import Names, visit_records
from opsdesk.services.reception.records import QueueView, VisitRecord
from opsdesk.services.text_limits import add_too_long
from opsdesk.storage.models import Client, Team, Visit

log = logging.getLogger("opsdesk.reception")

ACTIVE = (VisitState.WAITING.value, VisitState.CALLED.value, VisitState.IN_SERVICE.value)
MAX_NOTE = 300

_REFUSED = {
    QueueAction.CALL: N_("This person is no longer waiting: {state}."),
    QueueAction.RECALL: N_("Only a called person can be called again; this one is: {state}."),
    QueueAction.START: N_("Call the person first; now: {state}."),
    QueueAction.FINISH: N_("Only a called or served person can be finished; this one is: {state}."),
    QueueAction.REDIRECT: N_("This visit has ended and cannot be redirected: {state}."),
    QueueAction.NO_SHOW: N_("\u201eDid not come\u201d applies only after a call; now: {state}."),
    QueueAction.CANCEL: N_(
        "Only a waiting or called visit can be cancelled; this one is: {state}."
    ),
}


def _refused(action: QueueAction, state: str) -> Conflict:
    return Conflict(_(_REFUSED[action]).format(state=VisitState(state).label))


def _waiting_for_colleagues(team: str, rows, names: Names) -> str:
    """Said to a worker when the people waiting in their team's queue were all sent to
    colleagues: who they wait for, so "nobody" never stands under "Waiting: 2"."""
    counts: dict[str, int] = {}
    for row in rows:
        name = names.staff(row.target_worker_id)
        counts[name] = counts.get(name, 0) + 1
    return _(
        "Nobody is waiting for you in the queue of {team}. Waiting for colleagues: {who}."
    ).format(
        team=team, who=", ".join(f"{name} ({count})" for name, count in sorted(counts.items()))
    )


class QueueService(Service):
    # --- permissions ---------------------------------------------------------------------

    def _serving_actor(self, team_id: TeamId | None) -> Actor:
        actor = self.ctx.require(Action.VISIT_SERVE)
        if actor.can(Action.VISIT_REGISTER) or (team_id is not None and actor.team_id == team_id):
            return actor
        raise PermissionDenied(_("You can serve only your own team's queue."))

    def _viewing_actor(self, team_id: TeamId) -> Actor:
        actor = self.ctx.require(Action.VISIT_VIEW)
        if (
            actor.can(Action.VISIT_REGISTER)
            or actor.can(Action.RECEPTION_STATS)
            or actor.team_id == team_id
        ):
            return actor
        raise PermissionDenied(_("You can see only your own team's queue."))

    def serves_all_teams(self) -> bool:
        actor = self.ctx.actor
        return bool(actor and actor.can(Action.VISIT_REGISTER))

    # --- reading -------------------------------------------------------------------------

    def queue(self, team_id: TeamId) -> QueueView:
        """Today's queue of a team: being served or called first, then waiting in order."""
        self._viewing_actor(team_id)
        day = self.ctx.clock.today()
        with self.db.reading() as session:
            team = session.get(Team, team_id)
            if team is None:
                raise NotFound(_("This team does not exist."))
            visits = list(
                session.scalars(
                    select(Visit).where(
                        Visit.day == day, Visit.target_team_id == team_id, Visit.state.in_(ACTIVE)
                    )
                )
            )
            finished = session.scalar(
                select(func.count(Visit.id)).where(
                    Visit.day == day,
                    Visit.target_team_id == team_id,
                    Visit.state == VisitState.DONE.value,
                    Visit.ticket_seq.is_not(None),
                )
            )
            records = visit_records(visits, Names(session))
            team_record = queue_team(team)
        waiting = sorted(
            (r for r in records if r.state == VisitState.WAITING.value),
            key=lambda r: queue_key(r.priority, r.arrived_at, r.id),
        )
        serving = sorted(
            (r for r in records if r.state != VisitState.WAITING.value),
            key=lambda r: (r.called_at, r.id),
        )
        audit.shown(
            self.ctx,
            "client",
            "queue",
            f"team {team_id}, {day.isoformat()}",
            (r.client_id for r in records),
        )
        return QueueView(team_record, tuple(serving), tuple(waiting), finished or 0)

    def waiting_counts(self) -> dict[int, int]:
        """How many wait today in each team's queue."""
        self.ctx.require(Action.VISIT_VIEW)
        day = self.ctx.clock.today()
        query = (
            select(Visit.target_team_id, func.count(Visit.id))
            .where(Visit.day == day, Visit.state == VisitState.WAITING.value)
            .group_by(Visit.target_team_id)
        )
        with self.db.reading() as session:
            return dict(session.execute(query).all())

    # --- actions -------------------------------------------------------------------------

    def _load(self, session, visit_id: VisitId, action: QueueAction) -> Visit:
        self.ctx.require(Action.VISIT_SERVE)  # refuse before saying whether the visit exists
        visit = session.get(Visit, visit_id)
        if visit is None:
            raise NotFound(_("This visit does not exist."))
        self._serving_actor(visit.target_team_id)
        if not can_do(action, visit.state):
            raise _refused(action, visit.state)
        return visit

    def _done(self, session, visit: Visit, action: QueueAction, detail: str = "") -> VisitRecord:
        """Record ``action`` in the visit's history with ``detail`` (a typed reason, perhaps);
        the audit log gets the action and the visit, never the typed text."""
        add_event(session, self.ctx, visit, action, detail)
        audit.record(session, self.ctx, action.value, "visit", visit.id)
        session.flush()
        return visit_records([visit], Names(session))[0]

    def _place(self, place: str | None) -> str:
        """Where the person is called to: ``place`` (stripped; refused when too long), else
        the caller's room or desk, their team, or the first-contact desk."""
        place = (place or "").strip()
        if errors := add_too_long({}, {"place": (place, Visit.call_place)}):
            raise ValidationError(errors)
        actor = self.ctx.actor
        return place or (actor.workplace or actor.team_name or _("First contact desk"))[:60]

    def _mark_called(self, visit: Visit, place: str | None) -> None:
        visit.state = VisitState.CALLED.value
        visit.called_at = self.ctx.clock.now()
        visit.called_by_id = self.ctx.actor.id
        visit.call_place = self._place(place)

    def call_next(self, team_id: TeamId, place: str | None = None) -> VisitRecord:
        """Call the next person of ``team_id``'s queue to ``place`` (default: the caller's
        room or desk). Refused with a message when nobody is waiting.

        Several desks may press at once: the head of the queue is taken with ``FOR UPDATE
        SKIP LOCKED`` on PostgreSQL, so a press never waits for nor collides with another
        desk's; it gets the first person nobody else is calling. (SQLite runs one writer at a
        time, ``BEGIN IMMEDIATE``, so there the first waiting person is simply the head.)"""
        actor = self._serving_actor(team_id)
        day = self.ctx.clock.today()
        only_for = None if actor.can(Action.VISIT_REGISTER) else actor.id
        with self.db.transaction() as session:
            team = session.get(Team, team_id)
            if team is None:
                raise NotFound(_("This team does not exist."))
            query = select(Visit).where(
                Visit.day == day,
                Visit.target_team_id == team_id,
                Visit.state == VisitState.WAITING.value,
            )
            if only_for is not None:
                query = query.where(
                    or_(Visit.target_worker_id.is_(None), Visit.target_worker_id == only_for)
                )
            # the order of domain.queue.queue_key: priority first, then arrival, then id
            visit = session.scalars(
                query.order_by(Visit.priority.desc(), Visit.arrived_at, Visit.id)
                .limit(1)
                .with_for_update(skip_locked=True)
            ).first()
            if visit is None and only_for is not None:
                rows = session.execute(
                    select(Visit.target_worker_id).where(
                        Visit.day == day,
                        Visit.target_team_id == team_id,
                        Visit.state == VisitState.WAITING.value,
                    )
                ).all()
                if rows:  # everyone waiting was sent to a colleague
                    raise Conflict(_waiting_for_colleagues(team.name, rows, Names(session)))
            if visit is None:
                raise Conflict(
                    _("Nobody is waiting in the queue of {team}.").format(team=team.name)
                )
            self._mark_called(visit, place)
            return self._done(session, visit, QueueAction.CALL, visit.call_place)

    def call(self, visit_id: VisitId, place: str | None = None) -> VisitRecord:
        """Call a chosen waiting person out of turn."""
        with self.db.transaction() as session:
            visit = self._load(session, visit_id, QueueAction.CALL)
            self._mark_called(visit, place)
            return self._done(session, visit, QueueAction.CALL, visit.call_place)

    def recall(self, visit_id: VisitId) -> VisitRecord:
        """Call the same person again (shown anew on the waiting-room display)."""
        with self.db.transaction() as session:
            visit = self._load(session, visit_id, QueueAction.RECALL)
            visit.called_at = self.ctx.clock.now()
            return self._done(session, visit, QueueAction.RECALL, visit.call_place)

    def start(self, visit_id: VisitId) -> VisitRecord:
        with self.db.transaction() as session:
            visit = self._load(session, visit_id, QueueAction.START)
            visit.state = VisitState.IN_SERVICE.value
            visit.started_at = self.ctx.clock.now()
            visit.served_by_id = self.ctx.actor.id
            return self._done(session, visit, QueueAction.START)

    def finish(
        self,
        visit_id: VisitId,
        outcome: Outcome | None,
        team_id: TeamId | None = None,
        note: str = "",
    ) -> VisitRecord:
        """End a visit with its outcome; "sent to a team" names the team."""
        errors: dict[str, str] = {}
        chosen: Outcome | None = None
        try:
            chosen = None if outcome is None else Outcome(outcome)  # also its code, as text
        except ValueError:
            pass
        if chosen is None:
            errors["outcome"] = _("Choose how the visit ended.")
        elif chosen.needs_team and team_id is None:
            errors["outcome_team"] = _("Choose the team the person is sent to.")
        if not isinstance(note, str) or len(note.strip()) > MAX_NOTE:
            errors["note"] = _("The note is too long.")
        with self.db.transaction() as session:
            visit = self._load(session, visit_id, QueueAction.FINISH)
            if chosen is not None and chosen.needs_team and team_id is not None:
                team = session.get(Team, team_id)
                if team is None or not team.active:
                    errors["outcome_team"] = _("Choose the team the person is sent to.")
            if errors or chosen is None:
                raise ValidationError(errors)
            outcome = chosen
            now = self.ctx.clock.now()
            visit.started_at = visit.started_at or visit.called_at
            visit.state = VisitState.DONE.value
            visit.finished_at = now
            visit.served_by_id = visit.served_by_id or self.ctx.actor.id
            visit.outcome = outcome.value
            visit.outcome_team_id = team_id if outcome.needs_team else None
            if note.strip():
                visit.note = "\n".join(p for p in (visit.note, note.strip()) if p)
            return self._done(session, visit, QueueAction.FINISH, outcome.value)

    def redirect(
        self,
        visit_id: VisitId,
        team_id: TeamId | None,
        worker_id: StaffId | None = None,
        reason: str = "",
    ) -> VisitRecord:
        """Move the person to another team's queue; they keep their arrival time and so
        their place by it (and their ticket number)."""
        if len(reason.strip()) > MAX_NOTE:
            raise ValidationError.single("reason", _("The reason is too long."))
        with self.db.transaction() as session:
            visit = self._load(session, visit_id, QueueAction.REDIRECT)
            team = session.get(Team, team_id) if team_id is not None else None
            if team is None or not team.active:
                raise ValidationError.single("team", _("Choose the team to send the person to."))
            if team.id == visit.target_team_id:
                raise ValidationError.single(
                    "team", _("The person is already in this team's queue.")
                )
            if worker_id is None:
                client = session.get(Client, visit.client_id) if visit.client_id else None
                worker_id, _region = worker_for(session, team, client)
            visit.redirected_from_team_id = visit.target_team_id
            visit.target_team_id = team.id
            visit.target_worker_id = worker_id
            visit.state = VisitState.WAITING.value
            visit.called_at = None
            visit.called_by_id = None
            visit.call_place = ""
            visit.started_at = None
            visit.served_by_id = None
            return self._done(session, visit, QueueAction.REDIRECT, reason.strip())

    def no_show(self, visit_id: VisitId) -> VisitRecord:
        """The called person did not come."""
        with self.db.transaction() as session:
            visit = self._load(session, visit_id, QueueAction.NO_SHOW)
            visit.state = VisitState.NO_SHOW.value
            visit.finished_at = self.ctx.clock.now()
            return self._done(session, visit, QueueAction.NO_SHOW)

    def cancel(self, visit_id: VisitId, reason: str = "") -> VisitRecord:
        """The person left before being served, or the ticket was a mistake."""
        with self.db.transaction() as session:
            visit = self._load(session, visit_id, QueueAction.CANCEL)
            visit.state = VisitState.CANCELLED.value
            visit.finished_at = self.ctx.clock.now()
            return self._done(session, visit, QueueAction.CANCEL, reason.strip())
