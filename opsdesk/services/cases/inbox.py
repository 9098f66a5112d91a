"""Hand-offs that arrive ("Przekazane do mnie"): a case handed to a team or a worker waits in
the receiver's list until they accept it or send it back with a reason.

A hand-off (``CaseHandoff``) is opened by

- ``HandoffService.hand_off``: a linked case on another team's board, for the region's worker
  of that team (or anyone of the team when the region has none) — kind ``team``;
- ``CaseService.reassign`` (and the bulk reassignment): the case given to another worker by
  someone else — kind ``worker``. Taking a case oneself opens none.

Sending back: a ``worker`` hand-off returns the case to the worker who had it; a ``team``
hand-off closes the received case (ending ``returned``). Either way the sender's side gets a
``returned`` hand-off carrying the reason, which they accept to say they have seen it. A newer
hand-off of the same case supersedes one still waiting. Every step is a case event and an
audit entry; the list itself is audited as a list of the cases shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, and_, func, or_, select, update
from sqlalchemy.orm import Session, aliased

from opsdesk.domain.case_closing import MIN_OUTCOME, RETURNED
from opsdesk.domain.ids import CaseId, StaffId, TeamId
from opsdesk.domain.roles import Action, Role
from opsdesk.errors import NotFound, PermissionDenied, ValidationError
from opsdesk.i18n import _
from opsdesk.services import audit
from opsdesk.services.cases.access import (
    add_event,
    board_statuses,
    clean_reason,
    end_suspensions,
    refresh_deadline,
    staff_name,
    worker_problem,
)
from opsdesk.services.context import Actor, Service, ServiceContext
from opsdesk.storage.models import (
    BenefitKind,
    Case,
    CaseHandoff,
    Client,
    Staff,
    Team,
    TeamStatus,
)

TEAM, WORKER, RETURNED_KIND = "team", "worker", "returned"
PENDING, ACCEPTED, SENT_BACK, SUPERSEDED = "pending", "accepted", "returned", "superseded"
MAX_RETURN_REASON = 300  # it becomes the outcome of a case sent back to another team


@dataclass(frozen=True)
class HandoffRecord:
    """One hand-off waiting in a receiver's list."""

    id: int
    kind: str  # team | worker | returned
    case_id: CaseId
    file_number: str
    client_name: str
    kind_name: str
    status_name: str
    next_due: date | None
    closed: bool
    from_team_name: str
    sent_by_name: str
    to_team_name: str
    to_worker_name: str  # "" = anyone of the team
    sent_at: datetime
    note: str
    source_file_number: str  # kind team: the sender's case


def _who(session: Session, team_id: int, worker_id: int | None) -> str:
    team = session.get(Team, team_id)
    name = team.name if team else "?"
    worker = staff_name(session, StaffId(worker_id)) if worker_id is not None else ""
    return f"{name} \u2014 {worker}" if worker else name


def supersede_pending(session: Session, ctx: ServiceContext, case: Case) -> None:
    """Hand-offs of ``case`` still waiting end: the case went elsewhere meanwhile."""
    session.execute(
        update(CaseHandoff)
        .where(
            CaseHandoff.case_id == case.id,
            CaseHandoff.state == PENDING,
            CaseHandoff.kind != RETURNED_KIND,
        )
        .values(
            state=SUPERSEDED,
            answered_at=ctx.clock.now(),
            answered_by_id=ctx.actor.id if ctx.actor else None,
        )
    )


def open_handoff(
    session: Session,
    ctx: ServiceContext,
    case: Case,
    kind: str,
    *,
    to_worker_id: int | None,
    note: str,
    from_team_id: int,
    from_worker_id: int | None = None,
    source: Case | None = None,
) -> CaseHandoff:
    """Put ``case`` in the list of its team (``to_worker_id`` None) or of one worker, with a
    case event and an audit entry, in the caller's transaction."""
    if kind != RETURNED_KIND:
        supersede_pending(session, ctx, case)
    handoff = CaseHandoff(
        case_id=case.id,
        source_case_id=source.id if source is not None else None,
        kind=kind,
        from_team_id=from_team_id,
        from_worker_id=from_worker_id,
        to_team_id=case.team_id,
        to_worker_id=to_worker_id,
        sent_at=ctx.clock.now(),
        sent_by_id=ctx.actor.id if ctx.actor else None,
        note=note[:500],
        state=PENDING,
        answer="",
    )
    session.add(handoff)
    session.flush()
    if kind != RETURNED_KIND:
        add_event(
            session,
            ctx,
            case,
            "handed",
            _who(session, from_team_id, from_worker_id),
            _who(session, case.team_id, to_worker_id),
            note,
        )
    audit.record(session, ctx, "create", "case_handoff", handoff.id, f"case {case.id}: {kind}")
    return handoff


def hand_to_worker(
    session: Session, ctx: ServiceContext, case: Case, previous: int | None, reason: str
) -> None:
    """After ``case`` passed from ``previous`` to its new worker: a hand-off for them, unless
    the actor took it (or nobody got it), which only ends any hand-off still waiting."""
    actor_id = ctx.actor.id if ctx.actor else None
    if case.worker_id is None or case.worker_id == actor_id:
        supersede_pending(session, ctx, case)
        return
    open_handoff(
        session,
        ctx,
        case,
        WORKER,
        to_worker_id=case.worker_id,
        note=reason,
        from_team_id=case.team_id,
        from_worker_id=previous,
    )


def _addressed_to(actor: Actor) -> ColumnElement[bool]:
    """The hand-offs ``actor`` answers: the manager every one; a worker those for them and
    those for anyone of their team."""
    if actor.has(Role.MANAGER):
        return CaseHandoff.id.is_not(None)
    if actor.team_id is None:
        return CaseHandoff.id.is_(None)
    return or_(
        CaseHandoff.to_worker_id == actor.id,
        and_(CaseHandoff.to_worker_id.is_(None), CaseHandoff.to_team_id == actor.team_id),
    )


def _waiting(actor: Actor) -> list[ColumnElement[bool]]:
    """Pending, for the actor, and about a case still open (a returned one: always)."""
    return [
        CaseHandoff.state == PENDING,
        _addressed_to(actor),
        or_(CaseHandoff.kind == RETURNED_KIND, Case.closed_at.is_(None)),
    ]


class InboxService(Service):
    def count(self) -> int:
        """How many hand-offs wait for the actor (a number only: not audited)."""
        actor = self.ctx.require(Action.CASE_VIEW)
        with self.db.reading() as session:
            return (
                session.scalar(
                    select(func.count())
                    .select_from(CaseHandoff)
                    .join(Case, Case.id == CaseHandoff.case_id)
                    .where(*_waiting(actor))
                )
                or 0
            )

    def waiting(self, team_id: TeamId | None = None) -> list[HandoffRecord]:
        """The hand-offs waiting for the actor (the manager: every team's, or ``team_id``'s),
        oldest first; the cases shown are recorded in the audit as one list."""
        actor = self.ctx.require(Action.CASE_VIEW)
        source = aliased(Case)
        sender = aliased(Staff)
        query = (
            select(
                CaseHandoff,
                Case.file_number,
                Client.last_name,
                Client.first_name,
                BenefitKind.name,
                TeamStatus.name,
                Case.next_due,
                Case.closed_at,
                sender.full_name,
                source.file_number,
            )
            .join(Case, Case.id == CaseHandoff.case_id)
            .join(Client, Client.id == Case.client_id)
            .join(BenefitKind, BenefitKind.id == Case.kind_id)
            .join(TeamStatus, TeamStatus.id == Case.status_id)
            .outerjoin(sender, sender.id == CaseHandoff.sent_by_id)
            .outerjoin(source, source.id == CaseHandoff.source_case_id)
            .where(*_waiting(actor))
            .order_by(CaseHandoff.sent_at, CaseHandoff.id)
        )
        if team_id is not None:
            query = query.where(CaseHandoff.to_team_id == team_id)
        with self.db.reading() as session:
            teams = dict(session.execute(select(Team.id, Team.name)).all())
            names = dict(session.execute(select(Staff.id, Staff.full_name)).all())
            records = [
                HandoffRecord(
                    id=h.id,
                    kind=h.kind,
                    case_id=CaseId(h.case_id),
                    file_number=number,
                    client_name=f"{last} {first}",
                    kind_name=kind,
                    status_name=status,
                    next_due=due,
                    closed=closed is not None,
                    from_team_name=teams.get(h.from_team_id, ""),
                    sent_by_name=sent_by or "",
                    to_team_name=teams.get(h.to_team_id, ""),
                    to_worker_name=names.get(h.to_worker_id, "") if h.to_worker_id else "",
                    sent_at=h.sent_at,
                    note=h.note,
                    source_file_number=source_number or "",
                )
                for h, number, last, first, kind, status, due, closed, sent_by, source_number in (
                    session.execute(query).all()
                )
            ]
        audit.shown(
            self.ctx,
            "case",
            "handed to me",
            f"team {team_id}" if team_id is not None else "",
            (r.case_id for r in records),
        )
        return records

    def _load(self, session: Session, actor: Actor, handoff_id: int) -> tuple[CaseHandoff, Case]:
        handoff = session.get(CaseHandoff, handoff_id)
        if handoff is None:
            raise NotFound(_("This hand-off does not exist."))
        mine = session.scalar(
            select(CaseHandoff.id).where(CaseHandoff.id == handoff_id, _addressed_to(actor))
        )
        if mine is None:
            raise PermissionDenied(_("This hand-off is for another team or worker."))
        if handoff.state != PENDING:
            raise ValidationError.single(
                "handoff", _("This hand-off has been answered already; refresh the list.")
            )
        case = session.get(Case, handoff.case_id)
        assert case is not None  # a foreign key
        return handoff, case

    def _answer(self, handoff: CaseHandoff, state: str, answer: str = "") -> None:
        handoff.state = state
        handoff.answered_at = self.ctx.clock.now()
        handoff.answered_by_id = self.ctx.actor.id if self.ctx.actor else None
        handoff.answer = answer

    def accept(self, handoff_ids: Sequence[int]) -> int:
        """Accept these hand-offs in one transaction (a returned one: seen). A case handed to
        a team with nobody assigned becomes the accepting worker's. Returns how many."""
        actor = self.ctx.require(Action.CASE_CHANGE)
        if not handoff_ids:
            raise ValidationError.single("handoff", _("Choose the hand-offs to accept."))
        with self.db.transaction() as session:
            for handoff_id in dict.fromkeys(handoff_ids):
                handoff, case = self._load(session, actor, handoff_id)
                self._answer(handoff, ACCEPTED)
                if handoff.kind == RETURNED_KIND:
                    add_event(session, self.ctx, case, "handoff_seen", "", "", handoff.note)
                else:
                    add_event(session, self.ctx, case, "handoff_accepted")
                    if (
                        case.worker_id is None
                        and case.closed_at is None
                        and actor.team_id == case.team_id
                        and worker_problem(session, StaffId(actor.account_id), TeamId(case.team_id))
                        is None
                    ):
                        case.worker_id = actor.account_id
                        add_event(session, self.ctx, case, "worker", "", actor.full_name)
                    case.updated_at = self.ctx.clock.now()
                audit.record(session, self.ctx, "update", "case_handoff", handoff.id, "accepted")
        return len(dict.fromkeys(handoff_ids))

    def send_back(self, handoff_id: int, reason: str) -> None:
        """Send a hand-off back, saying why: a case given by another worker returns to them;
        a case opened by another team's hand-off is closed as sent back. The sender finds the
        reason in their list."""
        actor = self.ctx.require(Action.CASE_CHANGE)
        reason = clean_reason(reason)
        if len(reason) < MIN_OUTCOME:
            raise ValidationError.single(
                "reason",
                _("Say why in a few words (at least {n} characters).").format(n=MIN_OUTCOME),
            )
        if len(reason) > MAX_RETURN_REASON:
            raise ValidationError.single(
                "reason",
                _("This text is too long (at most {n} characters).").format(n=MAX_RETURN_REASON),
            )
        with self.db.transaction() as session:
            handoff, case = self._load(session, actor, handoff_id)
            if handoff.kind == RETURNED_KIND:
                raise ValidationError.single(
                    "handoff", _("A hand-off sent back cannot be sent back again; accept it.")
                )
            if case.closed_at is not None:
                raise ValidationError.single("handoff", _("The case is closed already."))
            self._answer(handoff, SENT_BACK, reason)
            add_event(session, self.ctx, case, "handoff_returned", "", "", reason)
            if handoff.kind == WORKER:
                self._give_back(session, handoff, case, reason)
            else:
                self._close_returned(session, handoff, case, reason)
            audit.record(session, self.ctx, "update", "case_handoff", handoff.id, "sent back")

    def _give_back(self, session: Session, handoff: CaseHandoff, case: Case, reason: str) -> None:
        back = handoff.from_worker_id
        if back is not None and worker_problem(session, StaffId(back), TeamId(case.team_id)):
            back = None  # no longer in the team: the case waits for anyone of it
        if back is not None:
            from opsdesk.services.cases.caseload import absence_problem

            if problem := absence_problem(session, back, self.ctx.clock.today()):
                raise ValidationError.single(
                    "handoff",
                    _("{problem} The case cannot go back now; ask the manager.").format(
                        problem=problem
                    ),
                )
        add_event(
            session,
            self.ctx,
            case,
            "worker",
            staff_name(session, StaffId(case.worker_id) if case.worker_id else None),
            staff_name(session, StaffId(back) if back else None),
            reason,
        )
        case.worker_id = back
        case.updated_at = self.ctx.clock.now()
        open_handoff(
            session,
            self.ctx,
            case,
            RETURNED_KIND,
            to_worker_id=back,
            note=reason,
            from_team_id=case.team_id,
            from_worker_id=handoff.to_worker_id,
        )

    def _close_returned(
        self, session: Session, handoff: CaseHandoff, case: Case, reason: str
    ) -> None:
        statuses = board_statuses(session, TeamId(case.team_id))
        column = next((s for s in statuses if s.closes_case), None)
        if column is None:
            raise ValidationError.single("handoff", _("The team's board has no closing column."))
        now, today = self.ctx.clock.now(), self.ctx.clock.today()
        old = session.get(TeamStatus, case.status_id)
        case.status_id = column.id
        add_event(session, self.ctx, case, "status", old.name if old else "", column.name, reason)
        end_suspensions(session, self.ctx, case, today)
        case.ending = RETURNED
        case.closed_at = now
        case.outcome = reason
        case.updated_at = now
        add_event(session, self.ctx, case, "closed", "", "", reason)
        refresh_deadline(session, self.ctx, case, reason=_("hand-off sent back"))
        source = session.get(Case, handoff.source_case_id) if handoff.source_case_id else None
        if source is not None:
            add_event(session, self.ctx, source, "handoff_returned", case.file_number, "", reason)
            open_handoff(
                session,
                self.ctx,
                source,
                RETURNED_KIND,
                to_worker_id=source.worker_id,
                note=reason,
                from_team_id=case.team_id,
                from_worker_id=self.ctx.actor.id if self.ctx.actor else None,
            )
