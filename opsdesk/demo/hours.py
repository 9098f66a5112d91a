"""The psychologist's and the supervisor's contracts and their sessions.

The psychologist works 15 hours a month (Tuesdays and Thursdays), within budget every month
but one, where a crisis session above the limit was approved by the manager; this month is
close to its limit. The supervisor holds a monthly group session and a few individual ones.
Sessions still to come are "booked"; some were booked at the desk (linked to the visit).
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, datetime, time, timedelta

from opsdesk.demo.context import DemoClient, DemoContext, at
from opsdesk.demo.places import OFFICE
from opsdesk.demo.texts import OVER_BUDGET_REASON, SESSION_NOTES
from opsdesk.demo.visits import FIRST_CONTACT, Schedule, VisitSpec
from opsdesk.domain.deadlines import add_months
from opsdesk.domain.hours import ContractKind, SessionForm
from opsdesk.domain.queue import Channel, Outcome
from opsdesk.domain.workdays import add_working_days, is_working_day
from opsdesk.storage.models import (
    Contract,
    ContractDutyHours,
    MonthApproval,
    Session,
    SessionClient,
    SessionNote,
    SessionParticipant,
)

PSYCHOLOGY, SUPERVISION = ContractKind.PSYCHOLOGY.value, ContractKind.SUPERVISION.value
INDIVIDUAL, FAMILY, GROUP, CRISIS = (
    SessionForm.INDIVIDUAL.value,
    SessionForm.FAMILY.value,
    SessionForm.GROUP.value,
    SessionForm.CRISIS.value,
)
PSYCH_MONTHLY_MINUTES = 15 * 60
SUPERVISION_MONTHLY_MINUTES = 8 * 60
MONTHS_BACK, MONTHS_AHEAD = 23, 2  # the contracts run from/to these months around today
BOOKING_HORIZON = timedelta(days=28)  # sessions are booked this far ahead
PSYCH_WEEKDAYS = (1, 3)  # Tuesday, Thursday
DUTY_START, DUTY_END = time(8, 0), time(15, 0)
FORM_MINUTES = {INDIVIDUAL: 60, FAMILY: 90, GROUP: 120, CRISIS: 60}
FORM_WEIGHTS = {INDIVIDUAL: 66, FAMILY: 16, GROUP: 4, CRISIS: 14}
OVER_BUDGET_MONTHS_AGO = 4
# what the sheet says was done in each session, and the project's task it belongs to
TASK_DONE = {
    SessionForm.INDIVIDUAL.value: "wsparcie psychologiczne",
    SessionForm.FAMILY.value: "mediacja w rodzinie",
    SessionForm.GROUP.value: "warsztat umiejętności",
    SessionForm.CRISIS.value: "pomoc w kryzysie",
    SessionForm.SUPERVISION_INDIVIDUAL.value: "omówienie przypadku",
    SessionForm.SUPERVISION_GROUP.value: "omówienie przypadków zespołu",
}
PROJECT_TASK = {ContractKind.PSYCHOLOGY: "Zadanie 2", ContractKind.SUPERVISION: "Zadanie 3"}


def _month_start(day: date, months: int = 0) -> date:
    return add_months(day.replace(day=1), months)


class _Sessions:
    """Queues sessions of one contract, with the state each has by the snapshot."""

    def __init__(
        self,
        ctx: DemoContext,
        contract_id: int,
        creator: int,
        rng: random.Random,
        project_task: str = "",
    ):
        self.ctx, self.contract_id, self.creator, self.rng = ctx, contract_id, creator, rng
        self.project_task = project_task
        self.all_held = False  # no cancellations or absences (a month counted to the minute)

    def add(self, day: date, start: time, minutes: int, form: str, **extra) -> tuple[int, str]:
        moment = datetime.combine(day, start)
        if moment < self.ctx.snapshot:
            state = (
                "held"
                if self.all_held
                else self.rng.choices(("held", "no_show", "cancelled"), weights=(92, 5, 3))[0]
            )
        else:
            state = "booked"
        booked_at = max(
            at(add_working_days(day, -self.rng.randint(3, 12)), 60), at(self.ctx.start, 30)
        )
        values = dict(
            created_by_id=self.creator,
            created_at=min(booked_at, self.ctx.snapshot),
            task_done=TASK_DONE.get(form, ""),
            project_task=self.project_task,
        )
        values.update(extra)
        session_id = self.ctx.rows.new(
            Session,
            contract_id=self.contract_id,
            day=day,
            start=start,
            minutes=minutes,
            form=form,
            state=state,
            **values,
        )
        return session_id, state


def create_hours(ctx: DemoContext, schedule: Schedule) -> None:
    valid_from = _month_start(ctx.today, -MONTHS_BACK)
    valid_to = _month_start(ctx.today, MONTHS_AHEAD + 1) - timedelta(days=1)
    months = MONTHS_BACK + MONTHS_AHEAD + 1
    common = dict(
        valid_from=valid_from,
        valid_to=valid_to,
        pro_rata_first_month=False,
        project_name=OFFICE["project_name"],
        project_number=OFFICE["project_number"],
        created_at=at(ctx.start, 45),
    )
    psych = ctx.rows.new(
        Contract,
        kind=PSYCHOLOGY,
        number=f"3/PS/{valid_from.year}",
        provider_name="Małgorzata Zielińska",
        provider_company="Gabinet Psychologiczny „Równowaga” Małgorzata Zielińska",
        provider_staff_id=ctx.staff["psycholog"],
        monthly_minutes=PSYCH_MONTHLY_MINUTES,
        project_minutes=PSYCH_MONTHLY_MINUTES * months,
        project_role="psycholog — poradnictwo specjalistyczne",
        engagement_form="umowa zlecenie",
        hourly_rate_grosze=150_00,
        **common,
    )
    supervision = ctx.rows.new(
        Contract,
        kind=SUPERVISION,
        number=f"4/SUP/{valid_from.year}",
        provider_name="Piotr Nowicki",
        provider_company="Pracownia Superwizji i Rozwoju Zawodowego Piotr Nowicki",
        provider_staff_id=ctx.staff["superwizor"],
        monthly_minutes=SUPERVISION_MONTHLY_MINUTES,
        project_minutes=SUPERVISION_MONTHLY_MINUTES * months,
        project_role="superwizor pracy socjalnej",
        engagement_form="umowa o świadczenie usług (działalność gospodarcza)",
        hourly_rate_grosze=220_00,
        **common,
    )
    for weekday in PSYCH_WEEKDAYS:  # the calendar the desk books into
        ctx.rows.add(
            ContractDutyHours,
            contract_id=psych,
            weekday=weekday,
            start=DUTY_START,
            end=DUTY_END,
            slot_minutes=60,
        )
    _Psychology(ctx, psych, schedule).create(valid_from, valid_to)
    _supervision(ctx, supervision, valid_from, valid_to)
    for contract_id, provider in ((psych, "psycholog"), (supervision, "superwizor")):
        _approvals(ctx, contract_id, ctx.staff[provider], valid_from)


def _approvals(ctx: DemoContext, contract_id: int, provider_id: int, valid_from: date) -> None:
    """Every month before last submitted early in the next month and approved by the manager
    two working days later; last month submitted and waiting for the manager."""
    last = _month_start(ctx.today, -1)
    month = valid_from
    while month <= last:
        handed_in = add_working_days(_month_start(month, 1), 2)
        approved = add_working_days(handed_in, 2)
        waiting = month == last or approved >= ctx.today
        ctx.rows.add(
            MonthApproval,
            contract_id=contract_id,
            year=month.year,
            month=month.month,
            state="submitted" if waiting else "approved",
            submitted_by_id=provider_id,
            submitted_at=min(at(handed_in, 90), ctx.snapshot),
            decided_by_id=None if waiting else ctx.staff["kierownik"],
            decided_at=None if waiting else at(approved, 150),
            reason="",
            corrections=0,
        )
        month = _month_start(month, 1)


class _Psychology:
    def __init__(self, ctx: DemoContext, contract_id: int, schedule: Schedule):
        self.ctx, self.schedule = ctx, schedule
        self.rng = ctx.rng("psychology")
        self.psychologist = ctx.staff["psycholog"]
        self.sessions = _Sessions(
            ctx, contract_id, self.psychologist, self.rng, PROJECT_TASK[ContractKind.PSYCHOLOGY]
        )
        self.series: list[list] = []  # [client, sessions left]
        self.households: dict[int, list[DemoClient]] = defaultdict(list)
        for client in ctx.clients:
            self.households[client.household_id].append(client)

    def create(self, valid_from: date, valid_to: date) -> None:
        current = _month_start(self.ctx.today)
        close_to_limit = (_month_start(current, -1), current)
        horizon = min(valid_to, self.ctx.today + BOOKING_HORIZON)
        month = valid_from
        while month <= horizon:
            days = [
                d
                for d in self.ctx.working_days(month, _month_start(month, 1) - timedelta(days=1))
                if d.weekday() in PSYCH_WEEKDAYS and d <= horizon
            ]
            if month in close_to_limit:
                budget = int(PSYCH_MONTHLY_MINUTES * 0.97)
            elif month > current:
                budget = int(PSYCH_MONTHLY_MINUTES * 0.7)
            else:
                budget = int(PSYCH_MONTHLY_MINUTES * self.rng.uniform(0.78, 0.95))
            over_budget = month == _month_start(self.ctx.today, -OVER_BUDGET_MONTHS_AGO)
            self.sessions.all_held = over_budget or month in close_to_limit
            if over_budget:
                crisis_day = self._last_free_day(month)
                used = self._month([d for d in days if d < crisis_day], PSYCH_MONTHLY_MINUTES)
                self._over_budget(crisis_day, used)
            else:
                self._month(days, budget)
            month = _month_start(month, 1)

    def _month(self, days: list[date], budget: int) -> int:
        """Sessions up to ``budget`` minutes, spread over the duty days, each on the hour;
        returns the minutes booked."""
        if not days:
            return 0
        forms, total = [], 0
        while True:
            form = self.rng.choices(list(FORM_WEIGHTS), weights=list(FORM_WEIGHTS.values()))[0]
            if total + FORM_MINUTES[form] > budget:
                if total + FORM_MINUTES[INDIVIDUAL] > budget:
                    break
                form = INDIVIDUAL
            forms.append(form)
            total += FORM_MINUTES[form]
        next_start = {d: datetime.combine(d, DUTY_START) for d in days}
        placed: dict[date, list[tuple[time, str]]] = defaultdict(list)
        index = self.rng.randrange(len(days))
        for form in forms:
            for attempt in range(len(days)):  # the next duty day with room left
                day = days[(index + attempt) % len(days)]
                ends = next_start[day] + timedelta(minutes=FORM_MINUTES[form])
                if ends <= datetime.combine(day, DUTY_END):
                    placed[day].append((next_start[day].time(), form))
                    next_start[day] = ends + timedelta(minutes=(-ends.minute) % 60)
                    break
            index += 1
        return sum(
            self._session(day, start, form, FORM_MINUTES[form])
            for day in sorted(placed)
            for start, form in placed[day]
        )

    @staticmethod
    def _last_free_day(month: date) -> date:
        """The month's last working day without duty hours."""
        day = _month_start(month, 1) - timedelta(days=1)
        while not is_working_day(day) or day.weekday() in PSYCH_WEEKDAYS:
            day -= timedelta(days=1)
        return day

    def _over_budget(self, day: date, used: int) -> None:
        """A crisis session after the month's hours were used up, approved by the manager."""
        minutes = max(FORM_MINUTES[CRISIS], PSYCH_MONTHLY_MINUTES - used + 30)
        self._session(
            day,
            time(13, 0),
            CRISIS,
            minutes,
            over_budget_approved_by_id=self.ctx.staff["kierownik"],
            over_budget_reason=OVER_BUDGET_REASON,
        )

    def _session(self, day: date, start: time, form: str, minutes: int, **extra) -> int:
        """Queue one session with its clients (and note); returns its minutes (0: none)."""
        clients, first_of_series = self._clients(day, form)
        if not clients:
            return 0
        booking = None
        if first_of_series and self.rng.random() < 0.4:
            booking = self._booking(day, clients[0])
        if first_of_series:  # the desk refers each client first (hours.access.referred_to)
            extra["created_by_id"] = self.ctx.staff["rejestracja"]
        session_id, state = self.sessions.add(day, start, minutes, form, **extra)
        row = self.ctx.rows.of(Session)[-1]
        if booking is not None:
            visit_day, spec = booking
            row["created_at"] = min(at(visit_day, spec.minute + 20), self.ctx.snapshot)
            spec.created = lambda visit_id, row=row: row.__setitem__(
                "booked_from_visit_id", visit_id
            )
            self.schedule.add(visit_day, spec)
        for client in clients:
            self.ctx.rows.add(SessionClient, session_id=session_id, client_id=client.id)
        if state == "held" and form != GROUP and self.rng.random() < 0.4:
            written = datetime.combine(day, start) + timedelta(minutes=minutes + 10)
            self.ctx.rows.add(
                SessionNote,
                session_id=session_id,
                author_id=self.psychologist,
                text=self.rng.choice(SESSION_NOTES),
                updated_at=min(written, self.ctx.snapshot),
            )
        return minutes

    def _booking(self, day: date, client: DemoClient) -> tuple[date, VisitSpec] | None:
        """The visit or call at the desk at which this first session was booked."""
        visit_day = add_working_days(day, -self.rng.randint(2, 9))
        if visit_day >= self.ctx.today or visit_day < max(client.registered_on, self.ctx.start):
            return None
        channel = Channel.IN_PERSON if self.rng.random() < 0.7 else Channel.PHONE
        return visit_day, VisitSpec(
            channel,
            "psychologist",
            client,
            self.rng.randint(10, 400),
            team=FIRST_CONTACT,
            outcome=Outcome.PSYCHOLOGIST,
        )

    def _clients(self, day: date, form: str) -> tuple[list[DemoClient], bool]:
        rng = self.rng
        adults = self.ctx.adults(day)
        if not adults:
            return [], False
        if form == GROUP:
            return rng.sample(adults, min(len(adults), rng.randint(4, 6))), False
        if form == FAMILY:
            for _ in range(20):
                members = [
                    c
                    for c in self.households[rng.choice(adults).household_id]
                    if c.registered_on <= day and c.age_on(day) >= 6
                ]
                if len(members) >= 2:
                    return members[:3], False
            return [], False
        if form == INDIVIDUAL:
            self.series = [s for s in self.series if s[1] > 0]
            if self.series and rng.random() < 0.75:
                series = rng.choice(self.series)
                series[1] -= 1
                return [series[0]], False
            client = rng.choice(adults)
            self.series.append([client, rng.randint(2, 9)])
            return [client], True
        return [rng.choice(adults)], False


def _supervision(ctx: DemoContext, contract_id: int, valid_from: date, valid_to: date) -> None:
    """A monthly four-hour group session and one or two individual hours."""
    rng = ctx.rng("supervision")
    sessions = _Sessions(
        ctx, contract_id, ctx.staff["superwizor"], rng, PROJECT_TASK[ContractKind.SUPERVISION]
    )
    workers = [
        ctx.staff[login]
        for login in (
            "swiadczenia1",
            "swiadczenia2",
            "swiadczenia3",
            "socjalny1",
            "socjalny2",
            "socjalny3",
            "socjalny4",
            "uslugi",
        )
    ]
    horizon = min(valid_to, ctx.today + BOOKING_HORIZON)
    month = valid_from
    while month <= horizon:
        days = [
            d
            for d in ctx.working_days(month, _month_start(month, 1) - timedelta(days=1))
            if d <= horizon
        ]
        wednesdays = [d for d in days if d.weekday() == 2]
        if len(wednesdays) >= 2:
            session_id, _state = sessions.add(
                wednesdays[1], time(9, 0), 240, SessionForm.SUPERVISION_GROUP.value
            )
            for staff_id in sorted(rng.sample(workers, rng.randint(5, len(workers)))):
                ctx.rows.add(
                    SessionParticipant,
                    session_id=session_id,
                    staff_id=staff_id,
                    consent=rng.random() < 0.7,
                )
        for day in sorted(rng.sample(days, min(len(days), rng.randint(1, 2)))):
            if wednesdays[1:2] == [day]:
                continue
            session_id, _state = sessions.add(
                day, time(13, 0), 60, SessionForm.SUPERVISION_INDIVIDUAL.value
            )
            ctx.rows.add(
                SessionParticipant,
                session_id=session_id,
                staff_id=rng.choice(workers),
                consent=rng.random() < 0.5,
            )
        month = _month_start(month, 1)
