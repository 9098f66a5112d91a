"""Hour budgets of psychologist and supervision contracts: pure rules, no database.

A contract buys ``monthly_minutes`` of a provider's time each calendar month between
``valid_from`` and ``valid_to`` (both inclusive), optionally up to ``project_minutes`` over the
whole project. Rules:

- a month outside the contract's validity has no budget;
- the first month has the full monthly budget, even when the contract starts mid-month, unless
  the contract says the first month is *pro rata*: then the budget is the monthly budget times
  the calendar days covered in that month divided by the month's days, rounded half up to whole
  minutes (a contract starting on the 16th of a 30-day month gets 15/30 of its hours);
- the last month always has the full monthly budget (contracts end on a month's last day in
  practice; the issue asks for pro rata only at the start);
- only sessions that took place (state ``held``) use budget; a booked slot is "planned", a
  no-show or a cancellation uses nothing;
- a session that would take the month's (or the project's) used time over its budget needs the
  manager's confirmation, recorded with a reason.

Durations are whole minutes, more than 0 and at most 24 hours, and a session ends on the day it
starts. Two sessions of one provider clash when their time ranges overlap (touching is fine).
"""

from __future__ import annotations

import calendar
import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from opsdesk.domain.errors import DomainError
from opsdesk.i18n import N_, _

MINUTES_PER_DAY = 24 * 60
TYPICAL_STEP_MINUTES = 15

Month = tuple[int, int]  # (year, month)


class ContractKind(str, enum.Enum):
    PSYCHOLOGY = "psychology"
    SUPERVISION = "supervision"

    @property
    def label(self) -> str:
        return _(CONTRACT_KIND_LABELS[self])


CONTRACT_KIND_LABELS = {
    ContractKind.PSYCHOLOGY: N_("Psychological consultations"),
    ContractKind.SUPERVISION: N_("Supervision of social work"),
}


class SessionForm(str, enum.Enum):
    INDIVIDUAL = "individual"
    FAMILY = "family"
    GROUP = "group"
    CRISIS = "crisis"
    SUPERVISION_INDIVIDUAL = "sup_individual"
    SUPERVISION_GROUP = "sup_group"

    @property
    def label(self) -> str:
        return _(FORM_LABELS[self])


FORM_LABELS = {
    SessionForm.INDIVIDUAL: N_("individual consultation"),
    SessionForm.FAMILY: N_("family consultation"),
    SessionForm.GROUP: N_("group consultation"),
    SessionForm.CRISIS: N_("crisis intervention"),
    SessionForm.SUPERVISION_INDIVIDUAL: N_("individual supervision"),
    SessionForm.SUPERVISION_GROUP: N_("group supervision"),
}

FORMS_BY_KIND: dict[ContractKind, tuple[SessionForm, ...]] = {
    ContractKind.PSYCHOLOGY: (
        SessionForm.INDIVIDUAL,
        SessionForm.FAMILY,
        SessionForm.GROUP,
        SessionForm.CRISIS,
    ),
    ContractKind.SUPERVISION: (
        SessionForm.SUPERVISION_INDIVIDUAL,
        SessionForm.SUPERVISION_GROUP,
    ),
}

# how many people (clients or participants) a form needs: (at least, at most or None)
PEOPLE_BY_FORM: dict[SessionForm, tuple[int, int | None]] = {
    SessionForm.INDIVIDUAL: (1, 1),
    SessionForm.FAMILY: (1, None),
    SessionForm.GROUP: (2, None),
    SessionForm.CRISIS: (1, None),
    SessionForm.SUPERVISION_INDIVIDUAL: (1, 1),
    SessionForm.SUPERVISION_GROUP: (2, None),
}


class SessionState(str, enum.Enum):
    BOOKED = "booked"
    HELD = "held"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return _(STATE_LABELS[self])


STATE_LABELS = {
    SessionState.BOOKED: N_("booked"),
    SessionState.HELD: N_("held"),
    SessionState.NO_SHOW: N_("no-show"),
    SessionState.CANCELLED: N_("cancelled"),
}

# states that occupy the provider's time (a clash with them is refused)
OCCUPYING_STATES = frozenset({SessionState.BOOKED, SessionState.HELD})


# --- months and quarters -------------------------------------------------------------------


def month_of(day: date) -> Month:
    return (day.year, day.month)


def month_first_day(month: Month) -> date:
    return date(month[0], month[1], 1)


def month_last_day(month: Month) -> date:
    year, number = month
    return date(year, number, calendar.monthrange(year, number)[1])


def next_month(month: Month) -> Month:
    year, number = month
    return (year + 1, 1) if number == 12 else (year, number + 1)


def months_between(first: date, last: date) -> list[Month]:
    """Every calendar month touched by the period ``first``..``last`` (inclusive), in order."""
    months: list[Month] = []
    current, end = month_of(first), month_of(last)
    while current <= end:
        months.append(current)
        current = next_month(current)
    return months


def quarter_of(month: Month) -> tuple[int, int]:
    """(year, quarter 1–4) of a month."""
    return (month[0], (month[1] - 1) // 3 + 1)


def quarter_months(year: int, quarter: int) -> list[Month]:
    first = 3 * (quarter - 1) + 1
    return [(year, first), (year, first + 1), (year, first + 2)]


# --- contract terms and budgets ------------------------------------------------------------


@dataclass(frozen=True)
class ContractTerms:
    monthly_minutes: int
    valid_from: date
    valid_to: date
    pro_rata_first_month: bool = False
    project_minutes: int | None = None
    carry_over: bool = False  # unused minutes of a month move to the next month

    def covers(self, day: date) -> bool:
        return self.valid_from <= day <= self.valid_to

    def months(self) -> list[Month]:
        return months_between(self.valid_from, self.valid_to)


def _round_half_up(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def month_budget(terms: ContractTerms, month: Month) -> int:
    """Minutes the contract buys in ``month`` (see the module's rules)."""
    first, last = month_first_day(month), month_last_day(month)
    if last < terms.valid_from or first > terms.valid_to:
        return 0
    if month == month_of(terms.valid_from) and terms.pro_rata_first_month:
        covered_to = min(last, terms.valid_to)
        days = (covered_to - terms.valid_from).days + 1
        return _round_half_up(Decimal(terms.monthly_minutes) * days / last.day)
    return terms.monthly_minutes


def carry_flow(terms: ContractTerms, used: Mapping[Month, int]) -> dict[Month, tuple[int, int]]:
    """(carried in, carried out) minutes of each month of the contract, when it lets unused
    hours move on (else empty): a month receives what the month before left unused, i.e. its
    budget plus what it received less its held minutes, never below zero (an overrun is not
    taken from later months). The contract's last month carries nothing out: its unused
    hours lapse. The project's budget is not raised by it."""
    flow: dict[Month, tuple[int, int]] = {}
    if not terms.carry_over:
        return flow
    months = terms.months()
    carried = 0
    for index, month in enumerate(months):
        unused = max(0, month_budget(terms, month) + carried - used.get(month, 0))
        flow[month] = (carried, unused if index + 1 < len(months) else 0)
        carried = unused
    return flow


def carried_in(terms: ContractTerms, month: Month, used: Mapping[Month, int]) -> int:
    """Minutes carried into ``month`` from the months before it (see ``carry_flow``); none
    outside the contract."""
    return carry_flow(terms, used).get(month, (0, 0))[0]


def month_allowance(terms: ContractTerms, month: Month, used: Mapping[Month, int]) -> int:
    """The month's budget with what was carried into it."""
    return month_budget(terms, month) + carried_in(terms, month, used)


def contracted_total(terms: ContractTerms) -> int:
    """The project budget: ``project_minutes`` if set, else the sum of every month's budget."""
    if terms.project_minutes is not None:
        return terms.project_minutes
    return sum(month_budget(terms, m) for m in terms.months())


@dataclass(frozen=True)
class Budget:
    """Budget and use of one period, in minutes. ``planned`` are booked, not yet held."""

    budget: int
    used: int
    planned: int = 0

    @property
    def remaining(self) -> int:
        return self.budget - self.used

    @property
    def exceeded_by(self) -> int:
        return max(0, self.used - self.budget)

    @property
    def share(self) -> float:
        """Used as a fraction of the budget (0 when there is no budget)."""
        return self.used / self.budget if self.budget else 0.0

    @property
    def committed(self) -> int:
        """Held plus booked minutes: what the month will have used once the bookings
        take place."""
        return self.used + self.planned

    @property
    def committed_share(self) -> float:
        """Held plus booked as a fraction of the budget; with no budget, any use counts as
        more than all of it."""
        if self.budget:
            return self.committed / self.budget
        return 0.0 if not self.committed else float("inf")

    @property
    def level(self) -> BudgetLevel:
        return budget_level(self)


# alerts are given when held and booked time reach these shares of the month's budget
WARN_SHARE = 0.8


class BudgetLevel(str, enum.Enum):
    """How close held and booked time come to a budget: below 80 %, from 80 %, all of it
    (exactly 100 %), over it."""

    OK = "ok"
    NEAR = "near"
    FULL = "full"
    OVER = "over"

    @property
    def label(self) -> str:
        return _(LEVEL_LABELS[self])


LEVEL_LABELS = {
    BudgetLevel.OK: N_("within the budget"),
    BudgetLevel.NEAR: N_("most of the budget used"),
    BudgetLevel.FULL: N_("budget used up"),
    BudgetLevel.OVER: N_("budget exceeded"),
}


def budget_level(budget: Budget) -> BudgetLevel:
    """The alert level of a budget, counting booked time as well as held time."""
    if budget.committed > budget.budget:
        return BudgetLevel.OVER
    if budget.budget and budget.committed == budget.budget:
        return BudgetLevel.FULL
    if budget.committed_share >= WARN_SHARE:
        return BudgetLevel.NEAR
    return BudgetLevel.OK


@dataclass(frozen=True)
class BudgetCheck:
    """What adding a session of ``minutes`` does to its month and to the project."""

    month: Month
    minutes: int
    month_before: Budget
    project_before: Budget | None  # None: the contract has no project limit

    @property
    def month_after(self) -> Budget:
        b = self.month_before
        return Budget(b.budget, b.used + self.minutes, b.planned)

    @property
    def project_after(self) -> Budget | None:
        b = self.project_before
        return None if b is None else Budget(b.budget, b.used + self.minutes, b.planned)

    @property
    def exceeds_month(self) -> bool:
        return self.month_after.used > self.month_before.budget

    @property
    def exceeds_project(self) -> bool:
        after = self.project_after
        return after is not None and after.used > after.budget

    @property
    def needs_approval(self) -> bool:
        return self.minutes > 0 and (self.exceeds_month or self.exceeds_project)


@dataclass(frozen=True)
class BookingBudget:
    """What booking ``minutes`` more does to its month: held and booked time before and
    after the booking."""

    month: Month
    minutes: int
    before: Budget

    @property
    def after(self) -> Budget:
        return Budget(self.before.budget, self.before.used, self.before.planned + self.minutes)

    @property
    def exceeds(self) -> bool:
        """The booking takes held and booked time over the month's budget."""
        return self.minutes > 0 and self.after.committed > self.before.budget

    @property
    def over_by(self) -> int:
        return max(0, self.after.committed - self.before.budget)


def check_booking(
    terms: ContractTerms,
    day: date,
    minutes: int,
    used_in_month: int,
    booked_in_month: int,
    carried: int = 0,
) -> BookingBudget:
    """The budget effect of booking ``minutes`` on ``day`` (bookings count as planned);
    ``carried``: minutes carried into the month (:func:`carried_in`)."""
    month = month_of(day)
    return BookingBudget(
        month,
        minutes,
        Budget(month_budget(terms, month) + carried, used_in_month, booked_in_month),
    )


def check_session(
    terms: ContractTerms,
    day: date,
    minutes: int,
    used_in_month: int,
    used_in_project: int,
    carried: int = 0,
) -> BudgetCheck:
    """The budget effect of a held session of ``minutes`` on ``day``.

    ``used_in_month`` and ``used_in_project`` are the held minutes of the *other* sessions of
    the contract (the session itself excluded when it is being edited); ``carried`` the
    minutes carried into the month (:func:`carried_in`).
    """
    month = month_of(day)
    project = (
        None if terms.project_minutes is None else Budget(terms.project_minutes, used_in_project)
    )
    return BudgetCheck(
        month, minutes, Budget(month_budget(terms, month) + carried, used_in_month), project
    )


# --- sessions: duration, time, clashes -----------------------------------------------------


def duration_problem(minutes: int) -> str | None:
    """The reason a session's duration is not acceptable, or None."""
    if minutes <= 0:
        return _("A session must last at least one minute.")
    if minutes > MINUTES_PER_DAY:
        return _("A session cannot last more than 24 hours.")
    return None


def validate_duration(minutes: int) -> None:
    if problem := duration_problem(minutes):
        raise DomainError(problem, field="minutes")


def session_start(day: date, start: time) -> datetime:
    return datetime.combine(day, start.replace(second=0, microsecond=0))


def session_end(day: date, start: time, minutes: int) -> datetime:
    return session_start(day, start) + timedelta(minutes=minutes)


def ends_same_day(day: date, start: time, minutes: int) -> bool:
    """True when the session ends by midnight of its day (24:00 itself is allowed)."""
    return session_end(day, start, minutes) <= datetime.combine(day + timedelta(days=1), time())


def overlaps(a_start: datetime, a_minutes: int, b_start: datetime, b_minutes: int) -> bool:
    """True when two time ranges share more than an instant (back-to-back is no clash)."""
    a_end = a_start + timedelta(minutes=a_minutes)
    b_end = b_start + timedelta(minutes=b_minutes)
    return a_start < b_end and b_start < a_end


def people_problem(form: SessionForm, count: int, *, supervision: bool) -> str | None:
    """The reason ``count`` clients/participants do not fit ``form``, or None."""
    least, most = PEOPLE_BY_FORM[SessionForm(form)]
    if supervision:
        if count < least:
            return (
                _("Choose the participant.")
                if least == 1
                else _("A group supervision needs at least two participants.")
            )
        if most is not None and count > most:
            return _("An individual supervision has exactly one participant.")
        return None
    if count < least:
        return (
            _("Choose the client.")
            if least == 1
            else _("A group consultation needs at least two clients.")
        )
    if most is not None and count > most:
        return _("An individual consultation has exactly one client.")
    return None


# --- aggregation ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodTotal:
    """Budget and use of a month, a quarter or the project so far."""

    label_key: tuple[int, ...]  # (year, month) | (year, quarter) | ()
    budget: Budget
    sessions: int = 0

    @property
    def year(self) -> int:
        return self.label_key[0]


def month_totals(
    terms: ContractTerms,
    used: Mapping[Month, int],
    counts: Mapping[Month, int] | None = None,
    planned: Mapping[Month, int] | None = None,
) -> list[PeriodTotal]:
    """One total per month of the contract's validity (plus any month with use outside it)."""
    months = sorted(set(terms.months()) | set(used))
    counts = counts or {}
    planned = planned or {}
    return [
        PeriodTotal(
            m, Budget(month_budget(terms, m), used.get(m, 0), planned.get(m, 0)), counts.get(m, 0)
        )
        for m in months
    ]


def quarter_totals(months: Iterable[PeriodTotal]) -> list[PeriodTotal]:
    """Month totals summed by calendar quarter, in order."""
    sums: dict[tuple[int, int], list[int]] = {}
    for total in months:
        key = quarter_of((total.label_key[0], total.label_key[1]))
        acc = sums.setdefault(key, [0, 0, 0, 0])
        acc[0] += total.budget.budget
        acc[1] += total.budget.used
        acc[2] += total.budget.planned
        acc[3] += total.sessions
    return [PeriodTotal(key, Budget(b, u, p), n) for key, (b, u, p, n) in sorted(sums.items())]


def project_to_date(terms: ContractTerms, used: Mapping[Month, int], until: Month) -> Budget:
    """Held minutes from the contract's start to the end of ``until`` against the project
    budget (``project_minutes``, or the sum of monthly budgets when no limit is set)."""
    used_so_far = sum(minutes for month, minutes in used.items() if month <= until)
    return Budget(contracted_total(terms), used_so_far)
