"""The indicators of the separated model, as plain data (``services.indicators.overview``).

One :class:`PeriodFigures` per period; an :class:`IndicatorOverview` holds the chosen period's
and the previous period's, so every screen and document shows the two side by side.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from opsdesk.domain.formatting import format_date
from opsdesk.domain.report_periods import Period
from opsdesk.i18n import _
from opsdesk.services.office.records import OfficeRecord


@dataclass(frozen=True)
class Count:
    """A labelled number (a channel, a purpose, a team, a day)."""

    label: str
    count: int
    key: str = ""  # a stable code (channel value, team id, ISO day) for pairing periods


@dataclass(frozen=True)
class WaitFigures:
    """Waiting in the desk's queues: from entering a queue (arrival or redirect) to the first
    call, in minutes; one wait per queue a person stood in (domain.queue.timings)."""

    count: int
    median: float | None
    p90: float | None
    within_target: int
    target_minutes: int

    @property
    def share_within_target(self) -> float | None:
        return self.within_target / self.count if self.count else None


@dataclass(frozen=True)
class SurveyFigures:
    """The desk's one-question survey after a visit (1 = very dissatisfied … 5 = very
    satisfied), by the day of the visit: how many answered each value."""

    ratings: tuple[int, ...] = (0, 0, 0, 0, 0)  # answers 1, 2, 3, 4, 5

    @property
    def answers(self) -> int:
        return sum(self.ratings)

    @property
    def collected(self) -> bool:
        return self.answers > 0

    @property
    def mean(self) -> float | None:
        if not self.answers:
            return None
        return sum(r * n for r, n in enumerate(self.ratings, start=1)) / self.answers

    def share(self, rating: int) -> float | None:
        return self.ratings[rating - 1] / self.answers if self.answers else None


@dataclass(frozen=True)
class DayHourGrid:
    """Contacts by day (a month: each day; longer: each weekday) and hour of arrival."""

    row_labels: tuple[str, ...]
    row_keys: tuple[str, ...]  # ISO day, or weekday 0-6
    hours: tuple[int, ...]
    counts: tuple[tuple[int, ...], ...]  # [row][hour]

    @property
    def busiest(self) -> int:
        return max((n for row in self.counts for n in row), default=0)


@dataclass(frozen=True)
class MonthDeadlines:
    """Decisions and interviews made in one month and how many kept their deadlines."""

    month: tuple[int, int]  # (year, month)
    label: str  # "11.2026"
    decisions_made: int
    decisions_on_time: int
    interviews_made: int
    interviews_on_time: int

    @property
    def decisions_share(self) -> float | None:
        return self.decisions_on_time / self.decisions_made if self.decisions_made else None

    @property
    def interviews_share(self) -> float | None:
        return self.interviews_on_time / self.interviews_made if self.interviews_made else None


def worker_label(name: str, left: bool) -> str:
    """A worker's name, marked "(left)" when the account is deactivated."""
    return _("{name} (left)").format(name=name) if left else name


@dataclass(frozen=True)
class WorkerCount:
    staff_id: int | None
    name: str
    count: int
    left: bool = False  # the account is deactivated (the worker left the office)


@dataclass(frozen=True)
class WorkerCases:
    """A worker's caseload: open cases at the end of the period, new and closed in it."""

    staff_id: int | None
    name: str
    open_at_end: int
    new: int
    closed: int
    left: bool = False


@dataclass(frozen=True)
class LateRow:
    """A decision or interview made in the period after its statutory deadline (``made``
    set), or overdue at the end of the period and not made by then (``made`` None)."""

    case_id: int
    file_number: str
    step: str  # "decision" | "interview"
    step_label: str
    team_name: str
    worker_name: str
    kind_name: str
    due: date
    made: date | None
    days_late: int  # calendar days after ``due`` (to ``made`` or to the end of the period)
    notice_given: bool  # an art. 36 KPA notice of a new date was given
    notice_date: date | None

    def notice_text(self) -> str:
        """The "art. 36 notice" cell: the new date given to the party, or "no"."""
        if self.notice_given and self.notice_date is not None:
            return _("yes, new date {date}").format(date=format_date(self.notice_date))
        return _("no")


def late_columns() -> tuple[str, ...]:
    """The titles of the late list's columns, the same on the screen, in the files and on
    paper (``LateRow``'s cells in this order)."""
    return (
        _("File no."),
        _("Step"),
        _("Worker"),
        _("Deadline"),
        _("Made"),
        _("Days late"),
        _("Art. 36 notice"),
    )


@dataclass(frozen=True)
class DeadlineFigures:
    """Decisions (or interviews) made in the period and whether each kept its statutory
    deadline, and how many were overdue at its end and still not made (``outstanding``);
    ``late`` lists the late ones and the overdue ones when the overview was asked for its
    lists (the printed report, the files), else it is empty."""

    made: int
    on_time: int
    outstanding: int = 0
    late: tuple[LateRow, ...] = ()

    @property
    def share_on_time(self) -> float | None:
        return self.on_time / self.made if self.made else None

    @property
    def made_late(self) -> int:
        return self.made - self.on_time

    @property
    def late_count(self) -> int:
        """The rows of the late list: made late, and overdue at the end of the period."""
        return self.made_late + self.outstanding


@dataclass(frozen=True)
class ContractHours:
    contract_id: int
    number: str
    kind_label: str
    provider_name: str
    budget_minutes: int  # the months of the period up to its end or today
    used_minutes: int  # held sessions
    sessions: int

    @property
    def share_used(self) -> float | None:
        return self.used_minutes / self.budget_minutes if self.budget_minutes else None


@dataclass(frozen=True)
class PeriodFigures:
    period: Period
    as_of: date  # the period's last day, or today while it runs
    contacts: int
    by_channel: tuple[Count, ...]
    by_purpose: tuple[Count, ...]
    ended: int  # contacts finished with an outcome
    settled_at_first_contact: int
    waits: WaitFigures
    visits_by_team: tuple[Count, ...]
    visits_by_worker: tuple[WorkerCount, ...]
    contacts_by_day: tuple[Count, ...]  # a month: each day; longer: each month
    contacts_by_hour: tuple[Count, ...]  # hour of arrival, 7 to 15 at least
    cases_new: int
    cases_closed: int
    cases_open_at_end: int
    caseload: tuple[WorkerCases, ...]
    decisions: DeadlineFigures
    interviews: DeadlineFigures
    hours: tuple[ContractHours, ...]
    survey: SurveyFigures = SurveyFigures()
    day_hour: DayHourGrid | None = None
    deadline_months: tuple[MonthDeadlines, ...] = ()  # the 12 months up to the period's end

    @property
    def first_contact_share(self) -> float | None:
        return self.settled_at_first_contact / self.ended if self.ended else None

    @property
    def is_empty(self) -> bool:
        """Nothing happened in the period: no contact, no case, no decision, no hours."""
        return not (
            self.contacts
            or self.cases_new
            or self.cases_closed
            or self.decisions.made
            or self.interviews.made
            or any(h.used_minutes for h in self.hours)
        )


@dataclass(frozen=True)
class FigureList:
    """The list behind one figure of the overview (``IndicatorService.figure``): rows of
    plain values, each column's kind as the report's cells know them (text, int, date,
    minutes, hours, share). ``rows`` may hold fewer than ``total`` (the first ones)."""

    what: str
    title: str
    columns: tuple[str, ...]
    kinds: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]
    total: int
    names_shown: bool  # a person's name is in the list (the actor may see client data)

    @property
    def truncated(self) -> bool:
        return len(self.rows) < self.total


@dataclass(frozen=True)
class IndicatorOverview:
    office: OfficeRecord
    current: PeriodFigures
    previous: PeriodFigures
    prepared_by: str
    generated_at: datetime

    @property
    def period(self) -> Period:
        return self.current.period


def period_heading(figures: PeriodFigures) -> str:
    """ "IV kwartał 2026 (do 30.11.2026)" for a running period, else its label."""
    if figures.as_of < figures.period.last:
        return _("{period} (up to {date})").format(
            period=figures.period.label, date=format_date(figures.as_of)
        )
    return figures.period.label
