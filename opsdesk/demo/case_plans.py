"""The life of each demo case planned as dates: application, interview, decision, suspensions,
interview updates and closing. What has happened by today decides the case's board status,
so dates, statuses and deadlines always agree."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from opsdesk.demo.context import DemoClient, DemoContext
from opsdesk.demo.texts import (
    OUTCOME_PERIOD_ENDED,
    OUTCOMES_BENEFITS,
    OUTCOMES_CONTRACT,
    OUTCOMES_SERVICES,
    OUTCOMES_SOCIAL,
    SUSPENSION_REASONS,
)
from opsdesk.domain.deadlines import add_months
from opsdesk.domain.workdays import add_working_days, is_working_day, working_days_between

BENEFITS, SOCIAL = "benefits", "social_work"
NEW_FOR_WORKING_DAYS = 2  # an application stays "new" this long unless the interview is done

BENEFIT_KINDS = {
    "zasilek_celowy": 35,
    "zasilek_okresowy": 20,
    "posilek": 12,
    "zasilek_staly": 8,
    "zasilek_celowy_specjalny": 5,
    "ubranie": 3,
    "pogrzeb": 2,
}
SOCIAL_KINDS = {"praca_socjalna": 40, "kontrakt_socjalny": 12, "interwencja": 8, "poradnictwo": 8}
SERVICES_KINDS = {
    "uslugi_opiekuncze": 15,
    "specjalistyczne_uslugi": 3,
    "dps": 5,
    "schronienie": 4,
    "mieszkanie_chronione": 2,
}
SERVICES_WORKER, CRISIS_WORKER = "uslugi", "socjalny4"


@dataclass
class CasePlan:
    client: DemoClient
    kind: str
    team: str
    worker_id: int
    application: date
    urgent: bool = False
    complex: bool = False
    interview: date | None = None
    updates: list[date] = field(default_factory=list)  # interview updates (art. 107)
    decision: date | None = None
    suspensions: list[tuple[date, date]] = field(default_factory=list)
    suspension_reason: str = ""
    close: date | None = None
    outcome: str = ""
    linked_from: CasePlan | None = None  # handed over from this (benefits) case
    handoffs: list[CasePlan] = field(default_factory=list)  # cases it handed over
    channel: str = "in_person"  # how the application came in
    id: int = 0
    file_number: str = ""
    visit_id: int | None = None
    created_minute: int = 0  # minutes after opening the application was taken

    def dates(self) -> list[date]:
        found = [self.application, self.interview, self.decision, self.close, *self.updates]
        found += [d for period in self.suspensions for d in period]
        return [d for d in found if d is not None]


def _wd(start: date, low: int, high: int, rng: random.Random) -> date:
    return add_working_days(start, rng.randint(low, high))


def _days(start: date, low: int, high: int, rng: random.Random) -> date:
    day = start + timedelta(days=rng.randint(low, high))
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


class Planner:
    """Plans cases for one context; ``rng`` decides everything, so plans are reproducible."""

    def __init__(self, ctx: DemoContext, rng: random.Random):
        self.ctx = ctx
        self.rng = rng
        self.continuing: set[tuple[int, str]] = set()  # a client gets a permanent help once

    def worker_for(self, kind: str, client: DemoClient) -> tuple[str, int]:
        benefits_worker, social_worker = self.ctx.regions[client.region_id]
        if kind in BENEFIT_KINDS:
            return BENEFITS, benefits_worker
        if kind in SERVICES_KINDS:
            return SOCIAL, self.ctx.staff[SERVICES_WORKER]
        if kind in ("kontrakt_socjalny", "interwencja") and self.rng.random() < 0.6:
            return SOCIAL, self.ctx.staff[CRISIS_WORKER]
        return SOCIAL, social_worker

    def client_for(self, kind: str, day: date, region_id: int | None = None) -> DemoClient | None:
        adults = self.ctx.adults(day)
        if region_id is not None:
            adults = [c for c in adults if c.region_id == region_id]
        if kind in ("uslugi_opiekuncze", "specjalistyczne_uslugi", "dps"):
            adults = [c for c in adults if c.age_on(day) >= 65]
        applicants = [c for c in adults if c.relation == "wnioskodawca"]
        pool = applicants if applicants and self.rng.random() < 0.85 else adults
        for _ in range(20):
            client = self.rng.choice(pool)
            if (client.id, kind) not in self.continuing:
                return client
        return None

    def random_kind(self) -> str:
        table = self.rng.choices(
            (BENEFIT_KINDS, SOCIAL_KINDS, SERVICES_KINDS), weights=(68, 20, 12)
        )[0]
        return self.rng.choices(list(table), weights=list(table.values()))[0]

    def plan(
        self,
        kind: str,
        application: date,
        client: DemoClient,
        suspension: bool | None = None,
        late_interview: bool = False,
    ) -> CasePlan:
        rng = self.rng
        team, worker = self.worker_for(kind, client)
        _id, needs_decision, continuing = self.ctx.kinds[kind]
        plan = CasePlan(client, kind, team, worker, application, created_minute=rng.randint(5, 440))
        plan.channel = rng.choices(
            ("in_person", "letter", "epuap", "email"), weights=(60, 15, 15, 10)
        )[0]
        plan.urgent = kind in ("interwencja", "schronienie") or rng.random() < 0.07
        plan.complex = rng.random() < (0.5 if kind == "dps" else 0.06)
        if plan.urgent:
            plan.interview = _wd(application, 0, 2, rng)
        elif late_interview or rng.random() < 0.05:  # a late interview now and then
            plan.interview = _wd(application, 15, 19, rng)
        else:
            plan.interview = _wd(application, 1, 12, rng)
        cursor = plan.interview
        if suspension is None:
            suspension = needs_decision and rng.random() < 0.06
        if needs_decision:
            if suspension:
                start = _wd(cursor, 1, 3, rng)
                end = start + timedelta(days=rng.randint(7, 30))
                plan.suspensions.append((start, end))
                plan.suspension_reason = rng.choice(SUSPENSION_REASONS)
                cursor = end
            plan.decision = _wd(cursor, 1, 25 if plan.complex else 8, rng)
            cursor = plan.decision
        self._close(plan, cursor, continuing)
        if continuing:
            self.continuing.add((client.id, kind))
            self._updates(plan)
        self._avoid_today(plan)
        return plan

    def _close(self, plan: CasePlan, after: date, continuing: bool) -> None:
        rng, kind = self.rng, plan.kind
        if plan.team == BENEFITS:
            plan.outcome = rng.choice(OUTCOMES_BENEFITS)
            if not plan.outcome.startswith("Przyznano"):
                plan.close = _days(after, 14, 30, rng)
            elif continuing:
                if rng.random() < 0.15:
                    plan.close = _days(after, 200, 600, rng)
                    plan.outcome = "Zgon świadczeniobiorcy."
            elif kind == "zasilek_okresowy":
                plan.close = _days(after, 90, 180, rng)
                plan.outcome = OUTCOME_PERIOD_ENDED
            elif kind == "posilek":
                plan.close = _days(after, 90, 300, rng)
                plan.outcome = OUTCOME_PERIOD_ENDED
            else:
                plan.close = _days(after, 7, 30, rng)
            return
        if kind in SERVICES_KINDS:
            plan.outcome = rng.choice(OUTCOMES_SERVICES[kind])
            if not continuing or rng.random() < 0.2:
                low, high = (30, 200) if not continuing else (150, 600)
                plan.close = _days(after, low, high, rng)
            return
        low, high = {
            "interwencja": (7, 40),
            "poradnictwo": (20, 120),
            "kontrakt_socjalny": (90, 240),
        }.get(kind, (60, 400))
        plan.close = _days(after, low, high, rng)
        plan.outcome = rng.choice(
            OUTCOMES_CONTRACT if kind == "kontrakt_socjalny" else OUTCOMES_SOCIAL
        )

    def _updates(self, plan: CasePlan) -> None:
        """Interview updates about every six months while the help lasts (art. 107)."""
        last = plan.interview
        assert last is not None, "every plan has its interview by now"
        horizon = plan.close or (self.ctx.today + timedelta(days=200))
        while True:
            months = 6 if self.rng.random() < 0.9 else 7  # one in ten is late
            nxt = add_months(last, months) - timedelta(days=self.rng.randint(3, 25))
            while not is_working_day(nxt):
                nxt -= timedelta(days=1)
            if nxt >= horizon:
                return
            plan.updates.append(nxt)
            last = nxt

    def _avoid_today(self, plan: CasePlan) -> None:
        """Nothing is planned for today itself: a date is either past or still to come."""
        today = self.ctx.today

        def moved(day: date) -> date:
            return day + timedelta(days=1) if day == today else day

        def moved_if_any(day: date | None) -> date | None:
            return None if day is None else moved(day)

        plan.interview, plan.decision, plan.close = (
            moved_if_any(plan.interview),
            moved_if_any(plan.decision),
            moved_if_any(plan.close),
        )
        plan.updates = [moved(d) for d in plan.updates]
        plan.suspensions = [(moved(a), moved(b)) for a, b in plan.suspensions]


def status_on(plan: CasePlan, day: date) -> str:
    """The board status code of the case at the end of ``day``."""

    def done(d: date | None) -> bool:
        return d is not None and d <= day

    if plan.close is not None and done(plan.close):
        return "closed"
    if not done(plan.interview):
        return (
            "new"
            if working_days_between(plan.application, day) <= NEW_FOR_WORKING_DAYS
            else "interview"
        )
    if plan.team == BENEFITS:
        if plan.decision is not None and not done(plan.decision):
            return "decision"
        return "decided"
    return "contract" if plan.kind == "kontrakt_socjalny" else "work"


def suspensions_on(plan: CasePlan, today: date) -> list[tuple[date, date | None]]:
    """Suspensions begun before today; one still running has no end yet."""
    return [
        (start, end if end < today else None) for start, end in plan.suspensions if start < today
    ]
