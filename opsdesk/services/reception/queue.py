"""The queues of the day, one per target team: call next, start, finish with an outcome,
redirect, did not come, cancel. Each action is one transaction and one recorded event (who,
when). The desk serves every team's queue; a worker serves their own team's, from their own
screen, and calls the next person sent to them or to no one in particular.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import replace
from datetime import timedelta

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from opsdesk.domain.ids import StaffId, TeamId, VisitId, optional_id
from opsdesk.domain.numbers import is_whole
from opsdesk.domain.queue import (
    RATINGS,
    UNDO_MINUTES,
    Outcome,
    QueueAction,
    VisitState,
    can_do,
    format_ticket,
    queue_key,
)
from opsdesk.domain.roles import Action
from opsdesk.errors import Conflict, NotFound, PermissionDenied, ValidationError
from opsdesk.i18n import N_, _
from opsdesk.services import audit
from opsdesk.services.context import Actor, Service
from opsdesk.services.reception.desk import add_event, queue_team, worker_for
from opsdesk.services.reception.names import TAKEN_NAMES, Names, recall_counts, visit_records
from opsdesk.services.reception.presence import absent_ids
from opsdesk.services.reception.records import QueueView, VisitRecord
from opsdesk.services.text_limits import add_too_long
from opsdesk.storage import indicator_counts
from opsdesk.storage.models import Client, Staff, Team, Visit, VisitRating
from opsdesk.storage.plans import fixed

log = logging.getLogger("opsdesk.reception")

ACTIVE = (
    VisitState.WAITING.value,
    VisitState.CALLED.value,
    VisitState.IN_SERVICE.value,
    VisitState.ON_HOLD.value,
)
LISTED = (*ACTIVE, VisitState.NO_SHOW.value)
MAX_NOTE = 300

_REFUSED = {
    QueueAction.CALL: N_("This person is no longer waiting: {state}."),
    QueueAction.RECALL: N_("Only a called person can be called again; this one is: {state}."),
    QueueAction.START: N_("Call the person first; now: {state}."),
    QueueAction.FINISH: N_("Only a called or served person can be finished; this one is: {state}."),
    QueueAction.REDIRECT: N_("This visit has ended and cannot be redirected: {state}."),
    QueueAction.NO_SHOW: N_("\u201eDid not come\u201d applies only after a call; now: {state}."),
    QueueAction.CANCEL: N_(
        "Only a waiting, called or held visit can be cancelled; this one is: {state}."
    ),
    QueueAction.CALL_OUT_OF_TURN: N_("This person is no longer waiting: {state}."),
    QueueAction.HOLD: N_("Only a waiting or called person can be put on hold; now: {state}."),
    QueueAction.RESUME: N_("Only a person on hold can return to the queue; now: {state}."),
    QueueAction.UNDO_NO_SHOW: N_(
        "Only \u201eDid not come\u201d can be undone; this visit is: {state}."
    ),
    QueueAction.UNDO_CANCEL: N_("Only a cancelled visit can be restored; this one is: {state}."),
}


def _refused(action: QueueAction, state: str) -> Conflict:
    return Conflict(_(_REFUSED[action]).format(state=VisitState(state).label))


def _waiting_for_colleagues(team: str, worker_ids: Iterable[int | None], names: Names) -> str:
    """Said to a worker when the people waiting in their team's queue were all sent to
    colleagues (``worker_ids``: whom each waits for): who they wait for, so "nobody" never
    stands under "Waiting: 2"."""
    counts: dict[str, int] = {}
    for worker_id in worker_ids:
        name = names.staff(worker_id)
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
        """Today's queue of a team: being served or called first, then waiting in order, on
        hold, did not come, and those cancelled in the last ``UNDO_MINUTES`` (restorable)."""
        self._viewing_actor(team_id)
        day = self.ctx.clock.today()
        with self.db.reading() as session:
            team = session.get(Team, team_id)
            if team is None:
                raise NotFound(_("This team does not exist."))
            now = self.ctx.clock.now()
            restorable = (Visit.state == VisitState.CANCELLED.value) & (
                Visit.finished_at >= now - timedelta(minutes=UNDO_MINUTES)
            )
            visits = list(
                session.scalars(
                    select(Visit).where(
                        Visit.day == day,
                        Visit.target_team_id == team_id,
                        Visit.state.in_(LISTED) | restorable,
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
            recalls = recall_counts(session, (v.id for v in visits if v.called_at is not None))
            records = [
                replace(r, recalls=recalls.get(r.id, 0)) if r.id in recalls else r
                for r in visit_records(visits, Names(session))
            ]
            team_record = queue_team(team)
        waiting = sorted(
            (r for r in records if r.state == VisitState.WAITING.value),
            key=lambda r: queue_key(r.priority, r.arrived_at, r.id),
        )
        serving = sorted(
            (r for r in records if r.state in (VisitState.CALLED, VisitState.IN_SERVICE)),
            key=lambda r: (r.called_at, r.id),
        )
        held = sorted(
            (r for r in records if r.state == VisitState.ON_HOLD.value),
            key=lambda r: (r.arrived_at, r.id),
        )
        no_shows = sorted(
            (r for r in records if r.state == VisitState.NO_SHOW.value),
            key=lambda r: (r.finished_at or r.arrived_at, r.id),
            reverse=True,
        )
        cancelled = sorted(
            (r for r in records if r.state == VisitState.CANCELLED.value),
            key=lambda r: (r.finished_at or r.arrived_at, r.id),
            reverse=True,
        )
        audit.shown(
            self.ctx,
            "client",
            "queue",
            f"team {team_id}, {day.isoformat()}",
            (r.client_id for r in records),
        )
        return QueueView(
            team_record,
            tuple(serving),
            tuple(waiting),
            finished or 0,
            tuple(held),
            tuple(no_shows),
            tuple(cancelled),
        )

    def waiting_counts(self) -> dict[TeamId, int]:
        """How many wait today in each team's queue."""
        self.ctx.require(Action.VISIT_VIEW)
        day = self.ctx.clock.today()
        query = (
            select(Visit.target_team_id, func.count(Visit.id))
            .where(Visit.day == day, Visit.state == VisitState.WAITING.value)
            .group_by(Visit.target_team_id)
        )
        with self.db.reading() as session:
            return {
                TeamId(team_id): count
                for team_id, count in session.execute(query)
                if team_id is not None  # a visit waits in a team's queue
            }

    # --- actions -------------------------------------------------------------------------

    def _load(self, session: Session, visit_id: VisitId, action: QueueAction) -> Visit:
        """The visit, locked for this transaction (``FOR UPDATE`` on PostgreSQL: a second
        desk acting on the same person waits and then sees what the first one did)."""
        self.ctx.require(Action.VISIT_SERVE)  # refuse before saying whether the visit exists
        visit = session.get(Visit, visit_id, with_for_update=True, populate_existing=True)
        if visit is None:
            raise NotFound(_("This visit does not exist."))
        self._serving_actor(optional_id(TeamId, visit.target_team_id))
        if not can_do(action, visit.state):
            raise _refused(action, visit.state)
        return visit

    def _done(
        self,
        session: Session,
        visit: Visit,
        action: QueueAction,
        detail: str = "",
        audit_detail: str = "",
        names: Names | None = None,
    ) -> VisitRecord:
        """Record ``action`` in the visit's history with ``detail`` (a typed reason, perhaps);
        the audit log gets the action, the visit and ``audit_detail`` (fixed words and ticket
        numbers), never the typed text. ``names``: the ones already read with the visit."""
        add_event(session, self.ctx, visit, action, detail)
        audit.record(session, self.ctx, action.value, "visit", visit.id, audit_detail)
        session.flush()
        record = visit_records([visit], names or Names(session))[0]
        if action in (QueueAction.CALL, QueueAction.CALL_OUT_OF_TURN):
            return record  # a call starts the count of recalls anew (recall_counts)
        recalls = recall_counts(session, [visit.id]).get(visit.id, 0)
        return replace(record, recalls=recalls) if recalls else record

    def _place(self, place: str | None) -> str:
        """Where the person is called to: ``place`` (stripped; refused when too long), else
        the caller's room or desk, their team, or the first-contact desk."""
        place = (place or "").strip()
        if errors := add_too_long({}, {"place": (place, Visit.call_place)}):
            raise ValidationError(errors)
        actor = self.ctx.require_actor()
        return place or (actor.workplace or actor.team_name or _("First contact desk"))[:60]

    def _mark_called(self, visit: Visit, place: str | None) -> None:
        visit.state = VisitState.CALLED.value
        visit.called_at = self.ctx.clock.now()
        visit.called_by_id = self.ctx.require_actor().id
        visit.call_place = self._place(place)

    def _waiting(self, team_id: int | None, only_for: int | None) -> Select[Visit]:
        """Today's waiting people of a team in the order they are called (the order of
        domain.queue.queue_key: priority first, then arrival, then id); with ``only_for``,
        those a worker may call: sent to them, to nobody in particular, or to a colleague who
        is not available today (on a break or away: nobody is stuck waiting for them)."""
        today = self.ctx.clock.today()
        query = select(Visit).where(
            Visit.day == today,
            Visit.target_team_id == team_id,
            Visit.state == VisitState.WAITING.value,
        )
        if only_for is not None:
            query = query.where(
                or_(
                    Visit.target_worker_id.is_(None),
                    Visit.target_worker_id == only_for,
                    Visit.target_worker_id.in_(absent_ids(today)),
                )
            )
        return query.order_by(Visit.priority.desc(), Visit.arrived_at, Visit.id)

    def _head(self, team_id: int | None, only_for: int | None) -> Select[Visit]:
        """The head of the queue (:meth:`_waiting`), locked for a call and skipped while
        another desk holds it (``FOR UPDATE SKIP LOCKED``, on a server). Its ``LIMIT 1`` is
        written into the statement, not bound (``storage.plans``): the server keeps its plan."""
        return self._waiting(team_id, only_for).limit(fixed(1)).with_for_update(skip_locked=True)

    def _only_for(self) -> int | None:
        actor = self.ctx.actor
        assert actor is not None, "a serving actor was required first"
        return None if actor.can(Action.VISIT_REGISTER) else actor.id

    def call_next(self, team_id: TeamId, place: str | None = None) -> VisitRecord:
        """Call the next person of ``team_id``'s queue to ``place`` (default: the caller's
        room or desk). Refused with a message when nobody is waiting.

        Several desks may press at once: the head of the queue is taken with ``FOR UPDATE
        SKIP LOCKED`` on PostgreSQL, so a press never waits for nor collides with another
        desk's; it gets the first person nobody else is calling. (SQLite runs one writer at a
        time, ``BEGIN IMMEDIATE``, so there the first waiting person is simply the head.)"""
        self._serving_actor(team_id)
        day = self.ctx.clock.today()
        only_for = self._only_for()
        caller_id = self.ctx.require_actor().id
        with self.db.transaction() as session:
            names = Names(session)
            # the share of the daily counts the person holds before the call, read with the
            # take (its events after the lock): the flush then reads nothing back
            share = indicator_counts.taken_columns()
            taking = names.first_taken(self._head(team_id, only_for), *share)
            row = session.execute(taking, {"caller_id": caller_id}).first()
            if row is not None:  # a visit waits in the queue of a team that exists
                visit = names.taken(row, caller_id)
                indicator_counts.note_taken(session, visit, *row[TAKEN_NAMES:])
                self._mark_called(visit, place)
                return self._done(session, visit, QueueAction.CALL, visit.call_place, names=names)
            team = session.get(Team, team_id)
            if team is None:
                raise NotFound(_("This team does not exist."))
            if only_for is not None:
                sent_to = session.scalars(
                    select(Visit.target_worker_id).where(
                        Visit.day == day,
                        Visit.target_team_id == team_id,
                        Visit.state == VisitState.WAITING.value,
                    )
                ).all()
                if sent_to:  # everyone waiting was sent to a colleague
                    raise Conflict(_waiting_for_colleagues(team.name, sent_to, Names(session)))
            raise Conflict(_("Nobody is waiting in the queue of {team}.").format(team=team.name))

    def call(self, visit_id: VisitId, place: str | None = None, reason: str = "") -> VisitRecord:
        """Call a chosen waiting person. The head of the queue (the one "call next" would
        take for this caller) is simply called; anyone else is called out of turn, which
        needs a ``reason``: it stays in the visit's history, the audit log records the call
        out of turn and the ticket passed over (never the typed text)."""
        reason = reason.strip()
        if len(reason) > MAX_NOTE:
            raise ValidationError.single("reason", _("The reason is too long."))
        with self.db.transaction() as session:
            visit = self._load(session, visit_id, QueueAction.CALL)
            head = session.scalars(self._head(visit.target_team_id, self._only_for())).first()
            if head is not None and head.id == visit.id:
                self._mark_called(visit, place)
                return self._done(session, visit, QueueAction.CALL, visit.call_place)
            if not reason:
                raise ValidationError.single(
                    "reason",
                    _(
                        "{ticket} is not next in the queue: say why you call them out of turn."
                    ).format(ticket=format_ticket(visit.ticket_letter, visit.ticket_seq)),
                )
            self._mark_called(visit, place)
            passed = format_ticket(head.ticket_letter, head.ticket_seq) if head else ""
            return self._done(
                session,
                visit,
                QueueAction.CALL_OUT_OF_TURN,
                reason,
                audit_detail=f"before {passed}" if passed else "",
            )

    def recall(self, visit_id: VisitId) -> VisitRecord:
        """Call the same person again (shown anew on the waiting-room display); the recalls
        since the call are counted (``VisitRecord.recalls``, on the queue and the display)."""
        with self.db.transaction() as session:
            visit = self._load(session, visit_id, QueueAction.RECALL)
            visit.called_at = self.ctx.clock.now()
            return self._done(session, visit, QueueAction.RECALL, visit.call_place)

    def start(self, visit_id: VisitId) -> VisitRecord:
        with self.db.transaction() as session:
            visit = self._load(session, visit_id, QueueAction.START)
            visit.state = VisitState.IN_SERVICE.value
            visit.started_at = self.ctx.clock.now()
            visit.served_by_id = self.ctx.require_actor().id
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
            visit.served_by_id = visit.served_by_id or self.ctx.require_actor().id
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
        no_worker: bool = False,
    ) -> VisitRecord:
        """Move the person to another team's queue, or to another worker of the same team
        (``worker_id``, or ``no_worker`` for anyone of the team); they keep their arrival
        time and so their place by it (and their ticket number). Another team without a
        chosen worker gets the region's worker, as at registration."""
        if len(reason.strip()) > MAX_NOTE:
            raise ValidationError.single("reason", _("The reason is too long."))
        with self.db.transaction() as session:
            visit = self._load(session, visit_id, QueueAction.REDIRECT)
            team = session.get(Team, team_id) if team_id is not None else None
            if team is None or not team.active:
                raise ValidationError.single("team", _("Choose the team to send the person to."))
            same_team = team.id == visit.target_team_id
            if worker_id is not None:
                worker = session.get(Staff, worker_id)
                if worker is None or not worker.active or worker.team_id != team.id:
                    raise ValidationError.single(
                        "worker", _("Choose a worker of {team}.").format(team=team.name)
                    )
            elif no_worker:
                worker_id = None
            elif same_team:
                raise ValidationError.single(
                    "team", _("The person is already in this team's queue.")
                )
            else:
                client = session.get(Client, visit.client_id) if visit.client_id else None
                found, _region = worker_for(session, team, client, self.ctx.clock.today())
                worker_id = optional_id(StaffId, found)
            if same_team and worker_id == visit.target_worker_id:
                raise ValidationError.single(
                    "worker", _("The person already waits for this worker.")
                )
            if not same_team:
                visit.redirected_from_team_id = visit.target_team_id
            visit.target_team_id = team.id
            visit.target_worker_id = worker_id
            self._back_in_queue(visit)
            return self._done(session, visit, QueueAction.REDIRECT, reason.strip())

    @staticmethod
    def _back_in_queue(visit: Visit) -> None:
        """Waiting again, in the place the arrival gives; the call and service are undone."""
        visit.state = VisitState.WAITING.value
        visit.called_at = None
        visit.called_by_id = None
        visit.call_place = ""
        visit.started_at = None
        visit.served_by_id = None
        visit.finished_at = None

    def hold(self, visit_id: VisitId, reason: str = "") -> VisitRecord:
        """Put a waiting or called person aside (gone to fetch a document, to the cash desk
        ...): nobody calls them until they are returned to the queue."""
        if len(reason.strip()) > MAX_NOTE:
            raise ValidationError.single("reason", _("The reason is too long."))
        with self.db.transaction() as session:
            visit = self._load(session, visit_id, QueueAction.HOLD)
            self._back_in_queue(visit)
            visit.state = VisitState.ON_HOLD.value
            return self._done(session, visit, QueueAction.HOLD, reason.strip())

    def resume(self, visit_id: VisitId) -> VisitRecord:
        """A person on hold waits again, in the place their arrival gives them."""
        with self.db.transaction() as session:
            visit = self._load(session, visit_id, QueueAction.RESUME)
            self._back_in_queue(visit)
            return self._done(session, visit, QueueAction.RESUME)

    def undo_no_show(self, visit_id: VisitId) -> VisitRecord:
        """The person marked "did not come" is here after all (the same day): they wait
        again with their ticket, in the place their arrival gives them."""
        with self.db.transaction() as session:
            visit = self._load(session, visit_id, QueueAction.UNDO_NO_SHOW)
            if visit.day != self.ctx.clock.today():
                raise Conflict(
                    _("\u201eDid not come\u201d can be undone only on the day of the visit.")
                )
            self._back_in_queue(visit)
            return self._done(session, visit, QueueAction.UNDO_NO_SHOW)

    def undo_cancel(self, visit_id: VisitId) -> VisitRecord:
        """A visit cancelled by mistake (or the person came back) waits again with its ticket,
        in the place its arrival gives it; only within ``UNDO_MINUTES`` of the cancel, the
        same day."""
        with self.db.transaction() as session:
            visit = self._load(session, visit_id, QueueAction.UNDO_CANCEL)
            now = self.ctx.clock.now()
            cancelled_at = visit.finished_at or now
            if visit.day != now.date() or now - cancelled_at > timedelta(minutes=UNDO_MINUTES):
                raise Conflict(
                    _("A cancelled visit can be restored only within {n} minutes.").format(
                        n=UNDO_MINUTES
                    )
                )
            self._back_in_queue(visit)
            return self._done(session, visit, QueueAction.UNDO_CANCEL)

    def rate(self, visit_id: VisitId, rating: int) -> None:
        """The person's answer to the one-question survey at the end of a visit (1 to 5),
        once per finished visit of today; nothing else about them is asked or kept."""
        if not is_whole(rating) or rating not in RATINGS:
            raise ValidationError.single("rating", _("Choose a rating from 1 to 5."))
        self.ctx.require(Action.VISIT_SERVE)
        with self.db.transaction() as session:
            visit = session.get(Visit, visit_id, with_for_update=True)
            if visit is None:
                raise NotFound(_("This visit does not exist."))
            self._serving_actor(optional_id(TeamId, visit.target_team_id))
            if visit.state != VisitState.DONE.value or visit.day != self.ctx.clock.today():
                raise Conflict(_("Only a visit finished today can be rated."))
            if session.get(VisitRating, visit.id) is not None:
                raise Conflict(_("This visit has been rated already."))
            session.add(VisitRating(visit_id=visit.id, rating=rating, at=self.ctx.clock.now()))
            audit.record(session, self.ctx, "create", "visit_rating", visit.id)

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
