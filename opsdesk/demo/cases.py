"""Cases on the team boards: two years of applications, every board status filled, file
numbers per year, suspensions, hand-offs between teams, deadlines and the full history."""

from __future__ import annotations

import random
from collections import Counter as Tally
from datetime import date, datetime, timedelta

from opsdesk.demo.case_plans import (
    BENEFIT_KINDS,
    BENEFITS,
    SERVICES_KINDS,
    SOCIAL,
    CasePlan,
    Planner,
    status_on,
    suspensions_on,
)
from opsdesk.demo.context import DemoContext, at
from opsdesk.demo.texts import CASE_SUMMARIES, HANDOFF_REASON
from opsdesk.demo.visits import Schedule, VisitSpec
from opsdesk.domain.case_closing import DECISION, DONE, UNEXAMINED
from opsdesk.domain.case_rules import (
    DEFAULT_FILE_PATTERN,
    CaseFacts,
    cached_deadline,
    format_file_number,
)
from opsdesk.domain.formatting import format_date
from opsdesk.domain.queue import Channel, Outcome
from opsdesk.domain.workdays import add_working_days
from opsdesk.storage.models import Case, CaseEvent, CaseLink, CaseSuspension, Counter

HISTORY_CASES = 470
HANDOFF_SHARE = 0.09
FILE_COUNTER = "case_file"  # scope: the year, as services.cases.case_service

# at least this many open cases in each column of the boards, so every status shows
MIN_OPEN = {
    (BENEFITS, "new"): 3,
    (BENEFITS, "interview"): 6,
    (BENEFITS, "decision"): 6,
    (BENEFITS, "decided"): 15,
    (SOCIAL, "new"): 2,
    (SOCIAL, "interview"): 3,
    (SOCIAL, "work"): 15,
    (SOCIAL, "contract"): 4,
}


def plan_cases(ctx: DemoContext) -> list[CasePlan]:
    """Every case of the demo as a plan of dates (no rows yet: visits need them first)."""
    rng = ctx.rng("cases")
    planner = Planner(ctx, rng)
    days = ctx.past_working_days()
    plans: list[CasePlan] = []
    for _ in range(HISTORY_CASES):
        day = rng.choice(days)
        kind = planner.random_kind()
        client = planner.client_for(kind, day)
        if client is not None:
            plans.append(planner.plan(kind, day, client))
    plans += _handoffs(ctx, planner, plans)
    plans += _fill_board(ctx, planner, plans)
    _number(ctx, plans)
    return plans


def _handoffs(ctx: DemoContext, planner: Planner, plans: list[CasePlan]) -> list[CasePlan]:
    """Some families on benefits are handed over to the social work team as well."""
    spawned = []
    for plan in plans:
        if plan.team != BENEFITS or planner.rng.random() >= HANDOFF_SHARE:
            continue
        assert plan.interview is not None, "every plan has its interview"
        start = add_working_days(plan.interview, planner.rng.randint(1, 5))
        if start >= ctx.today:
            continue
        kind = "kontrakt_socjalny" if planner.rng.random() < 0.25 else "praca_socjalna"
        social = planner.plan(kind, start, plan.client)
        social.linked_from = plan
        plan.handoffs.append(social)
        social.channel = "handoff"
        spawned.append(social)
    return spawned


def _fill_board(ctx: DemoContext, planner: Planner, plans: list[CasePlan]) -> list[CasePlan]:
    """Recent applications, until every board column holds a realistic number of cases."""
    rng, today = planner.rng, ctx.today
    tally = Tally((p.team, status_on(p, today)) for p in plans)
    extra: list[CasePlan] = []

    def wanted(
        team: str, status: str, kind_of, back: tuple[int, int], region_id=None, **options
    ) -> bool:
        for _ in range(400):
            application = add_working_days(today, -rng.randint(*back))
            kind = kind_of()
            client = planner.client_for(kind, application, region_id)
            if client is None:
                continue
            plan = planner.plan(kind, application, client, **options)
            if (
                plan.team == team
                and status_on(plan, today) == status
                and _accepts(plan, today, options)
            ):
                extra.append(plan)
                return True
        return False

    def benefit_kind() -> str:
        return rng.choices(list(BENEFIT_KINDS), weights=list(BENEFIT_KINDS.values()))[0]

    def social_kind() -> str:
        return rng.choice(("praca_socjalna", "praca_socjalna", "poradnictwo", "uslugi_opiekuncze"))

    ranges = {
        "new": (1, 2),
        "interview": (3, 13),
        "decision": (6, 30),
        "decided": (15, 280),
        "work": (15, 280),
        "contract": (15, 150),
    }
    for (team, status), minimum in MIN_OPEN.items():
        kinds = (
            benefit_kind
            if team == BENEFITS
            else ((lambda: "kontrakt_socjalny") if status == "contract" else social_kind)
        )
        for _ in range(minimum - tally[(team, status)]):
            wanted(team, status, kinds, ranges[status])
    # the clock of two decisions is stopped right now (KPA art. 35 § 5)
    for _ in range(2):
        wanted(BENEFITS, "decision", benefit_kind, (8, 20), suspension=True)
    # and one interview is already overdue
    wanted(BENEFITS, "interview", benefit_kind, (16, 19), late_interview=True)
    # every benefits worker finds an interview due within days when logging in
    for region_id in sorted(ctx.regions):
        wanted(BENEFITS, "interview", benefit_kind, (10, 13), region_id, late_interview=True)
    return extra


def _accepts(plan: CasePlan, today: date, options: dict) -> bool:
    if options.get("suspension"):
        return any(end is None for _start, end in suspensions_on(plan, today))
    if options.get("late_interview"):
        return plan.interview is not None and plan.interview > today
    return True


def _number(ctx: DemoContext, plans: list[CasePlan]) -> None:
    """File numbers (the default pattern OPS.{seq}.{year}) in the order the applications
    came in, with each year's counter where the case service will continue."""
    plans.sort(key=lambda p: (p.application, p.created_minute, p.client.id))
    last: dict[int, int] = {}
    for plan in plans:
        year = plan.application.year
        last[year] = last.get(year, 0) + 1
        plan.file_number = format_file_number(DEFAULT_FILE_PATTERN, last[year], year)
        plan.id = ctx.rows.new(
            Case,
            file_number=plan.file_number,
            file_year=year,
            file_seq=last[year],
            client_id=plan.client.id,
        )
    for year, value in sorted(last.items()):
        ctx.rows.add(Counter, name=FILE_COUNTER, scope=str(year), value=value)


def schedule_applications(plans: list[CasePlan], schedule: Schedule) -> None:
    """The visit, letter or ePUAP message each application came with (not for hand-offs)."""
    for plan in plans:
        if plan.linked_from is not None:
            continue
        if plan.team == BENEFITS:
            purpose = "benefit_application"
        elif plan.kind in SERVICES_KINDS:
            purpose = "care_services"
        else:
            purpose = "social_work"

        def opened(visit_id: int, plan: CasePlan = plan) -> None:
            plan.visit_id = visit_id

        schedule.add(
            plan.application,
            VisitSpec(
                Channel(plan.channel),
                purpose,
                plan.client,
                plan.created_minute,
                team=plan.team,
                worker_id=plan.worker_id,
                outcome=Outcome.APPLICATION,
                created=opened,
            ),
        )


def write_cases(ctx: DemoContext, plans: list[CasePlan]) -> None:
    """Fill in the case rows queued by ``plan_cases`` (visits are known by now)."""
    rng = ctx.rng("case-rows")
    rows = ctx.rows.by_ref(Case)
    for plan in plans:
        summary = rng.choice(CASE_SUMMARIES[plan.kind])
        history = _History(ctx, plan, rng)
        history.build(summary)
        rows[plan.id].update(_case_values(ctx, plan, history, summary))
        for start, end in suspensions_on(plan, ctx.today):
            ctx.rows.add(
                CaseSuspension,
                case_id=plan.id,
                starts_on=start,
                ends_on=end,
                reason=plan.suspension_reason,
            )
        if plan.linked_from is not None:  # both directions, as the hand-off service does
            ctx.rows.add(
                CaseLink, case_id=plan.linked_from.id, linked_case_id=plan.id, kind="handoff"
            )
            ctx.rows.add(
                CaseLink, case_id=plan.id, linked_case_id=plan.linked_from.id, kind="handoff"
            )


def _case_values(ctx: DemoContext, plan: CasePlan, history: _History, summary: str) -> dict:
    today = ctx.today
    _kind_id, needs_decision, continuing = ctx.kinds[plan.kind]
    status = status_on(plan, today)
    interviews = [d for d in (plan.interview, *plan.updates) if d is not None and d < today]
    decision = plan.decision if plan.decision is not None and plan.decision < today else None
    closed = status == "closed"
    facts = CaseFacts(
        application_date=plan.application,
        needs_decision=needs_decision,
        continuing=continuing,
        urgent=plan.urgent,
        complex=plan.complex,
        interview_date=interviews[-1] if interviews else None,
        decision_date=decision,
        suspensions=tuple(suspensions_on(plan, today)),
        closed=closed,
    )
    due, rule = cached_deadline(facts, today)
    return dict(
        kind_id=ctx.kinds[plan.kind][0],
        team_id=ctx.teams[plan.team],
        worker_id=plan.worker_id,
        status_id=ctx.statuses[(plan.team, status)][0],
        application_date=plan.application,
        urgent=plan.urgent,
        complex=plan.complex,
        interview_date=facts.interview_date,
        decision_date=decision,
        # the decision's number in the office's register of decisions (ZS = benefits team)
        decision_number=f"ZS.8111.{plan.file_number.split('.')[1]}.{decision.year}"
        if decision is not None and plan.file_number.count(".") == 2
        else "",
        ending=_ending(closed, decision is not None, needs_decision),
        next_due=due,
        next_due_rule=rule,
        opened_from_visit_id=plan.visit_id,
        summary=summary,
        outcome=plan.outcome if closed else "",
        closed_at=history.closed_at,
        created_at=history.created_at,
        updated_at=history.updated_at,
    )


def _ending(closed: bool, decided: bool, needs_decision: bool) -> str | None:
    """How a closed demo case ended (domain.case_closing)."""
    if not closed:
        return None
    if not needs_decision:
        return DONE
    return DECISION if decided else UNEXAMINED


class _History:
    """The case's events from the application to today, worded as the case services word
    them (``services.cases``: ``case_service``, ``steps``, ``handoff``)."""

    def __init__(self, ctx: DemoContext, plan: CasePlan, rng: random.Random):
        self.ctx, self.plan, self.rng = ctx, plan, rng
        self.created_at = at(plan.application, plan.created_minute + 15)
        self.updated_at = self.created_at
        self.closed_at: datetime | None = None
        self._last = self.created_at - timedelta(minutes=2)

    def add(
        self,
        day: date,
        kind: str,
        from_value: str = "",
        to_value: str = "",
        reason: str = "",
        actor: int | None = None,
    ) -> datetime:
        if day == self.plan.application:
            moment = self.created_at
        elif day == self.ctx.today:  # a column that changed with the new day, early on
            moment = at(day, self.rng.randint(0, 20))
        else:
            moment = at(day, self.rng.randint(30, 440))
        moment = max(moment, self._last + timedelta(minutes=2))
        self.ctx.rows.add(
            CaseEvent,
            case_id=self.plan.id,
            at=moment,
            actor_id=actor or self.plan.worker_id,
            kind=kind,
            from_value=from_value[:200],
            to_value=to_value[:200],
            reason=reason[:500],
        )
        self._last = self.updated_at = moment
        return moment

    def build(self, summary: str) -> None:
        ctx, plan = self.ctx, self.plan
        names = {
            code: name for (team, code), (_id, name) in ctx.statuses.items() if team == plan.team
        }
        creator = plan.worker_id
        if plan.linked_from is not None:
            creator = plan.linked_from.worker_id
        elif plan.channel in ("letter", "epuap", "email"):
            creator = ctx.staff["rejestracja"]
        self.created_at = self.add(
            plan.application, "created", "", names["new"], summary[:200], actor=creator
        )
        self.add(plan.application, "worker", "", ctx.staff_names[plan.worker_id], actor=creator)
        if plan.linked_from is not None:
            self.add(
                plan.application,
                "linked",
                plan.linked_from.file_number,
                "",
                HANDOFF_REASON,
                actor=creator,
            )
        status, interviewed = "new", ""
        for day, _order, kind, value in self._steps():
            if day > ctx.today:  # only status checks fall on today itself
                break
            if kind == "interview":
                self.add(day, kind, interviewed, value)
                interviewed = value
            elif kind == "suspended":
                self.add(day, kind, "", value, plan.suspension_reason)
            elif kind == "resumed":
                self.add(day, kind, format_date(plan.suspensions[0][0]), value)
            elif kind == "linked":
                self.add(day, kind, "", value, HANDOFF_REASON)
            elif kind:
                self.add(day, kind, "", value)
            now = status_on(plan, day)
            if now != status:
                closing = now == "closed"
                self.add(day, "status", names[status], names[now], plan.outcome if closing else "")
                if closing:
                    self.closed_at = self.add(day, "closed", "", "", plan.outcome)
                status = now

    def _steps(self) -> list[tuple[date, int, str, str]]:
        """(day, order within the day, event kind or "" for a status check, value)."""
        plan = self.plan
        steps = [(add_working_days(plan.application, 3), 0, "", "")]
        for day in (plan.interview, *plan.updates):
            if day is not None:
                steps.append((day, 1, "interview", format_date(day)))
        for start, end in plan.suspensions:
            steps += [
                (start, 2, "suspended", format_date(start)),
                (end, 3, "resumed", format_date(end)),
            ]
        if plan.decision:
            steps.append((plan.decision, 4, "decision", format_date(plan.decision)))
        team = self.ctx.team_names[SOCIAL]
        steps += [(h.application, 5, "linked", f"{h.file_number} ({team})") for h in plan.handoffs]
        if plan.close:
            steps.append((plan.close, 6, "", ""))
        return sorted(steps, key=lambda s: (s[0], s[1]))
