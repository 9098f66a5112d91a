"""What every case service shares: who may reach a case, its history, its cached deadline.

- A worker reaches the cases of their own team; the manager every case (docs/roles.md).
- Every change is a ``CaseEvent`` (who, when, from, to, why), written by ``add_event``.
- ``refresh_deadline`` recomputes the next deadline with ``opsdesk.domain.case_rules`` and
  stores it on the case (``next_due``/``next_due_rule``, the board's index); a change of it is
  an event too.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from opsdesk.domain.case_rules import (
    BoardStatus,
    CaseFacts,
    case_deadlines,
    deadline_label,
    next_deadline,
    open_suspension,
)
from opsdesk.domain.deadlines import urgency_class, working_days_left
from opsdesk.domain.formatting import format_date
from opsdesk.domain.ids import CaseId, ClientId, StaffId, TeamId, optional_id
from opsdesk.domain.letters import SUMMONS
from opsdesk.domain.roles import Action, Role
from opsdesk.errors import NotFound, PermissionDenied, ValidationError
from opsdesk.i18n import N_, _
from opsdesk.services.cases.records import CaseSummary, DeadlineRecord
from opsdesk.services.context import Actor, ServiceContext
from opsdesk.storage.models import (
    BenefitKind,
    Case,
    CaseAppeal,
    CaseEvent,
    CaseSuspension,
    Client,
    Staff,
    Team,
    TeamStatus,
)

BOARD_TEAM_KINDS = ("benefits", "social_work", "services")
MAX_REASON = 500

EVENT_LABELS = {
    "created": N_("Case opened"),
    "status": N_("Status changed"),
    "worker": N_("Worker changed"),
    "deadline": N_("Deadline changed"),
    "suspended": N_("Proceedings suspended"),
    "resumed": N_("Proceedings resumed"),
    "interview": N_("Environmental interview recorded"),
    "decision": N_("Decision recorded"),
    "decision_number": N_("Decision number"),
    "notice": N_("Notice of delay (art. 36 KPA)"),
    "flags": N_("Urgency or complexity changed"),
    "linked": N_("Linked case"),
    "handed": N_("Handed over"),
    "handoff_accepted": N_("Hand-off accepted"),
    "handoff_returned": N_("Hand-off sent back"),
    "handoff_seen": N_("Sent-back hand-off noted"),
    "appeal": N_("Appeal lodged"),
    "appeal_forwarded": N_("Appeal forwarded to the appeals board"),
    "appeal_outcome": N_("Appeal decided"),
    "closed": N_("Case closed"),
    "reopened": N_("Case reopened"),
    "summons": N_("Summons to complete the application: the case waits"),
    "completed": N_("Application completed"),
    "delivered": N_("Decision delivered"),
    "letter": N_("Letter printed"),
}


def event_label(kind: str) -> str:
    return _(EVENT_LABELS[kind]) if kind in EVENT_LABELS else kind


def can_reach(actor: Actor, team_id: TeamId) -> bool:
    """The manager reaches every team's cases; anyone else only their own team's."""
    return actor.has(Role.MANAGER) or (actor.team_id is not None and actor.team_id == team_id)


def require_team(ctx: ServiceContext, action: Action, team_id: TeamId) -> Actor:
    actor = ctx.require(action)
    if not can_reach(actor, team_id):
        raise PermissionDenied(_("This board belongs to another team."))
    return actor


def load_case(session: Session, ctx: ServiceContext, case_id: CaseId, action: Action) -> Case:
    """The case, if the actor may perform ``action`` on it; NotFound / PermissionDenied."""
    actor = ctx.require(action)
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound(_("This case does not exist."))
    if not can_reach(actor, TeamId(case.team_id)):
        raise PermissionDenied(_("This case belongs to another team."))
    return case


def add_event(
    session: Session,
    ctx: ServiceContext,
    case: Case,
    kind: str,
    from_value: str = "",
    to_value: str = "",
    reason: str = "",
) -> None:
    session.add(
        CaseEvent(
            case_id=case.id,
            at=ctx.clock.now(),
            actor_id=ctx.actor.id if ctx.actor else None,
            kind=kind,
            from_value=from_value[:200],
            to_value=to_value[:200],
            reason=reason[:MAX_REASON],
        )
    )
    case.updated_at = ctx.clock.now()  # the time of its last event


def clean_reason(text: str, field: str = "reason", required: bool = False) -> str:
    reason = text.strip()
    if required and not reason:
        raise ValidationError.single(field, _("Say why."))
    if len(reason) > MAX_REASON:
        raise ValidationError.single(
            field, _("This text is too long (at most {n} characters).").format(n=MAX_REASON)
        )
    return reason


def not_in_future(ctx: ServiceContext, day: date | None, field: str, message: str) -> date:
    """``day`` (default today), refused when after today."""
    today = ctx.clock.today()
    day = day or today
    if day > today:
        raise ValidationError.single(field, message)
    return day


def day_of_step(
    ctx: ServiceContext, day: date | None, field: str, future: str, earliest: date, early: str
) -> date:
    """The day of a step on a case (default today): refused next to ``field`` when after
    today (``future``) or before ``earliest`` (``early``, its ``{date}`` that day)."""
    day = not_in_future(ctx, day, field, future)
    if day < earliest:
        raise ValidationError.single(field, early.format(date=format_date(earliest)))
    return day


# --- facts and deadlines ---------------------------------------------------------------------


def suspensions_of(session: Session, case_id: CaseId) -> list[CaseSuspension]:
    return list(
        session.scalars(
            select(CaseSuspension)
            .where(CaseSuspension.case_id == case_id)
            .order_by(CaseSuspension.starts_on, CaseSuspension.id)
        )
    )


def facts_of(session: Session, case: Case) -> CaseFacts:
    kind = session.get(BenefitKind, case.kind_id)
    assert kind is not None  # a foreign key
    suspensions = suspensions_of(session, CaseId(case.id))
    return CaseFacts(
        application_date=case.application_date,
        needs_decision=kind.needs_decision,
        continuing=kind.continuing,
        urgent=case.urgent,
        complex=case.complex,
        interview_date=case.interview_date,
        decision_date=case.decision_date,
        notice_new_date=case.notice_new_date,
        suspensions=tuple((s.starts_on, s.ends_on) for s in suspensions),
        closed=case.closed_at is not None,
        awaiting_completion=next(
            (
                s.ends_on
                for s in suspensions
                if s.kind == SUMMONS and s.settled_on is None and s.ends_on is not None
            ),
            None,
        ),
        appeals_to_forward=tuple(
            session.scalars(
                select(CaseAppeal.lodged_on)
                .where(
                    CaseAppeal.case_id == case.id,
                    CaseAppeal.forwarded_on.is_(None),
                    # an appeal ends before the board only without it (domain.appeals)
                    CaseAppeal.outcome.is_(None),
                )
                .order_by(CaseAppeal.lodged_on, CaseAppeal.id)
            )
        ),
    )


def refresh_deadline(
    session: Session, ctx: ServiceContext, case: Case, reason: str = "", event: bool = True
) -> None:
    """Store the case's next deadline; record a "deadline" event when it changed."""
    session.flush()
    found = next_deadline(facts_of(session, case), ctx.clock.today())
    old_due, old_rule = case.next_due, case.next_due_rule
    case.next_due = found.due if found else None
    case.next_due_rule = found.rule if found else None
    if event and (old_due, old_rule) != (case.next_due, case.next_due_rule):
        add_event(
            session,
            ctx,
            case,
            "deadline",
            describe_due(old_due, old_rule),
            describe_due(case.next_due, case.next_due_rule),
            reason,
        )


def describe_due(due: date | None, rule: str | None) -> str:
    if due is None or rule is None:
        return _("no deadline")
    return f"{format_date(due)} ({deadline_label(rule)})"


def deadline_records(facts: CaseFacts, today: date) -> tuple[DeadlineRecord, ...]:
    return tuple(
        DeadlineRecord(
            rule=d.rule,
            label=d.label,
            due=d.due,
            working_days_left=working_days_left(d.due, today),
            urgency=urgency_class(d.due, today),
            stopped=d.stopped,
        )
        for d in case_deadlines(facts, today)
    )


def suspended_since(facts: CaseFacts, today: date) -> date | None:
    return open_suspension(facts, today)


# --- teams, statuses, workers ----------------------------------------------------------------


def board_statuses(session: Session, team_id: TeamId) -> list[BoardStatus]:
    return [
        BoardStatus(s.id, s.code, s.name, s.position, s.closes_case)
        for s in session.scalars(
            select(TeamStatus).where(TeamStatus.team_id == team_id).order_by(TeamStatus.position)
        )
    ]


def board_team(session: Session, team_id: TeamId | None) -> Team | None:
    team = session.get(Team, team_id) if team_id is not None else None
    if team is None or not team.active or team.kind not in BOARD_TEAM_KINDS:
        return None
    return team


def worker_problem(session: Session, worker_id: StaffId | None, team_id: TeamId) -> str | None:
    """Why this person cannot be the case's worker; None if they can (or nobody is chosen)."""
    if worker_id is None:
        return None
    staff = session.get(Staff, worker_id)
    if staff is None or not staff.active:
        return _("This worker does not exist or no longer works here.")
    if staff.team_id != team_id:
        team = session.get(Team, team_id)
        return _(
            "{person} is not a member of the team \u201e{team}\u201d; choose a worker of that team."
        ).format(person=staff.full_name, team=team.name if team else "?")
    return None


def staff_name(session: Session, staff_id: StaffId | None) -> str:
    if staff_id is None:
        return ""
    staff = session.get(Staff, staff_id)
    return staff.full_name if staff else ""


def summary_of(session: Session, case: Case) -> CaseSummary:
    client = session.get(Client, case.client_id)
    kind = session.get(BenefitKind, case.kind_id)
    team = session.get(Team, case.team_id)
    status = session.get(TeamStatus, case.status_id)
    # foreign keys
    assert client is not None and kind is not None and team is not None and status is not None
    return CaseSummary(
        id=CaseId(case.id),
        file_number=case.file_number,
        client_id=ClientId(case.client_id),
        client_name=f"{client.last_name} {client.first_name}",
        kind_id=case.kind_id,
        kind_name=kind.name,
        team_id=TeamId(case.team_id),
        team_name=team.name,
        worker_id=optional_id(StaffId, case.worker_id),
        worker_name=staff_name(session, optional_id(StaffId, case.worker_id)),
        status_id=case.status_id,
        status_name=status.name,
        application_date=case.application_date,
        next_due=case.next_due,
        next_due_rule=case.next_due_rule,
        closed=case.closed_at is not None,
    )


def end_suspensions(session: Session, ctx: ServiceContext, case: Case, day: date) -> None:
    """A closed case waits for nothing: its open suspensions end ``day`` (each in its history)."""
    for suspension in session.scalars(
        select(CaseSuspension).where(
            CaseSuspension.case_id == case.id, CaseSuspension.ends_on.is_(None)
        )
    ):
        suspension.ends_on = max(day, suspension.starts_on)
        add_event(
            session,
            ctx,
            case,
            "resumed",
            format_date(suspension.starts_on),
            format_date(suspension.ends_on),
            _("case closed"),
        )
