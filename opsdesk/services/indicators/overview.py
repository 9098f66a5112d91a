"""The indicators of the separated model for a month, a quarter or a year, with the period
before it for comparison (the manager's Raporty → Przegląd, the printed "Monitoring modelu
rozdzielenia" and ``opsdesk report indicators``).

The desk's figures are sums of the daily counts that ``storage.indicator_counts`` keeps with
every desk write (contacts by channel, purpose, team, worker and hour, ended, settled, survey
answers, and a histogram of waits); the cases' figures are SQL aggregates, and only the late
decisions and interviews (which are listed anyway) come to Python row by row. A running period
is reported up to today (``as_of``).

Definitions (docs/indicators.md says them for the reader):

- contacts: visits, calls, e-mails, letters and ePUAP messages registered on a day of the
  period, by channel and by purpose;
- settled at the first contact: finished with information given or an application accepted by
  the first-contact team itself, never redirected (``domain.queue.finished_at_first_contact``),
  as a share of the contacts finished with an outcome;
- waiting: from entering a queue (arrival, or a redirect to another team) to the first call,
  one wait per queue (``domain.queue.timings``); median, 90th percentile, and the share of
  waits within the office's target (setting ``indicators.wait_target_minutes``, 15 minutes
  unless set);
- visits per team: the team whose queue the contact ended in; per worker: who served it;
- caseload: cases open at the end of the period per (current) worker, cases applied for and
  closed in the period;
- deadlines: decisions and environmental interviews made in the period, and whether each came
  by its statutory deadline (``domain.deadlines``; suspensions move a decision's deadline,
  an art. 36 notice does not — it is shown beside the late one); also those overdue at the end
  of the period (due before it, not made by then, the case still open), with the days late
  so far;
- hours: held sessions of each contract in force in the period against the months' budgets
  up to the end of the period (or this month).

- survey: the answers (1-5) to the desk's one-question survey after a visit, by the day of
  the visit: how many, the mean and how many gave each answer; "not collected" when none.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    and_,
    case,
    cast,
    exists,
    false,
    func,
    or_,
    select,
)
from sqlalchemy.orm import Session as DbSession

from opsdesk.domain.deadlines import decision_due, due_date
from opsdesk.domain.errors import DomainError
from opsdesk.domain.hours import ContractKind, SessionState, month_budget, month_of
from opsdesk.domain.queue import RATINGS, Channel
from opsdesk.domain.report_periods import Period, begun
from opsdesk.domain.roles import Action
from opsdesk.errors import ValidationError
from opsdesk.i18n import N_, _
from opsdesk.services import audit
from opsdesk.services.context import Service
from opsdesk.services.hours.session_checks import terms_of
from opsdesk.services.indicators.records import (
    ContractHours,
    Count,
    DayHourGrid,
    DeadlineFigures,
    FigureList,
    IndicatorOverview,
    LateRow,
    MonthDeadlines,
    PeriodFigures,
    SurveyFigures,
    WaitFigures,
    WorkerCases,
    WorkerCount,
    worker_label,
)
from opsdesk.services.office.profile import OfficeService
from opsdesk.services.office.staff import surname_key
from opsdesk.storage.database import in_chunks
from opsdesk.storage.models import (
    BenefitKind,
    Case,
    CaseSuspension,
    ContactPurpose,
    Contract,
    IndicatorCount,
    IndicatorWait,
    Session,
    Staff,
    Team,
)
from opsdesk.storage.setting_values import get_setting

WAIT_TARGET_KEY = "indicators.wait_target_minutes"
DEFAULT_WAIT_TARGET = 15
USES = ("read", "print", "export")  # the audit entry: looked at, printed, exported
HELD = SessionState.HELD.value
# the shortest a statutory period can be, in calendar days, (plain, urgent or complicated):
# a step made within it is on time whatever the holidays (1 month >= 28 days, 2 months >= 59,
# 14 working days >= 18 days, 2 working days >= 2 days)
SHORTEST_DAYS = {"decision": (28, 59), "interview": (18, 2)}
DECISION, INTERVIEW = "decision", "interview"
WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))


@lru_cache(maxsize=8192)
def _due(step: str, application: date, flagged: bool) -> date:
    """The statutory deadline, without suspensions, of a decision (``flagged``: in a
    particularly complicated case) or an interview (``flagged``: urgent) applied for that
    day."""
    if step == DECISION:
        return due_date("decision_complex" if flagged else "decision", application)
    return due_date("interview_urgent" if flagged else "interview", application)


def _days(first: date, last: date) -> Iterable[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def histogram_percentile(histogram: Sequence[tuple[int, int]], q: float) -> float | None:
    """``domain.queue.percentile`` of the values ``c / 100`` each counted ``n`` times, from
    ``(c, n)`` pairs in ascending ``c`` (PERCENTILE.INC, linear between the closest ranks)."""
    total = sum(n for _c, n in histogram)
    if not total:
        return None
    rank = q * (total - 1)
    low, high = math.floor(rank), math.ceil(rank)

    def value(index: int) -> float:
        seen = 0
        for c, n in histogram:
            seen += n
            if index < seen:
                return c / 100
        raise IndexError(index)

    return value(low) + (value(high) - value(low)) * (rank - low)


@dataclass
class _Stopped:
    """A case whose proceedings were suspended, as the counts need it."""

    applied: date
    complex: bool
    decided: date | None
    closed: datetime | None
    needs_decision: bool
    stops: list[tuple[date, date | None]]


class _Names:
    """Staff (name, still working) and team names, read once."""

    def __init__(self, session: DbSession) -> None:
        self.staff: dict[int, tuple[str, bool]] = {
            i: (name, bool(active))
            for i, name, active in session.execute(select(Staff.id, Staff.full_name, Staff.active))
        }
        self.teams: dict[int, str] = {
            i: name for i, name in session.execute(select(Team.id, Team.name))
        }
        self.purposes: dict[int, str] = {
            i: name for i, name in session.execute(select(ContactPurpose.id, ContactPurpose.name))
        }

    def worker(self, staff_id: int | None) -> tuple[str, bool]:
        if staff_id is None:
            return _("Not assigned"), False
        name, active = self.staff.get(staff_id, ("", True))
        return name, not active

    def team(self, team_id: int | None) -> str:
        return self.teams.get(team_id, _("No team")) if team_id is not None else _("No team")


class IndicatorService(Service):
    def wait_target(self) -> int:
        """The office's target for waiting at the desk, in minutes."""
        self.ctx.require(Action.INDICATORS_VIEW)
        with self.db.reading() as session:
            return _wait_target(session)

    def overview(
        self, period: Period, *, use: str = "read", lists: bool = False
    ) -> IndicatorOverview:
        """The figures of ``period`` and of the period before it. ``use`` says what the
        audit log records: "read" (on the screen), "print" or "export". ``lists``: the
        period's late decisions and interviews are listed too (``DeadlineFigures.late``: the
        printed report and the files); without it they are only counted, and the screen reads
        the list when it is opened (``figure(period, "late")``)."""
        actor = self.ctx.require(Action.INDICATORS_VIEW)
        if use not in USES:
            raise ValueError(f"unknown use {use!r}")
        if not isinstance(period, Period):
            raise ValidationError.single("period", _("Choose a period."))
        today = self.ctx.clock.today()
        try:
            period = begun(period, today)
        except DomainError as error:
            raise ValidationError.single("period", str(error)) from None
        with self.db.reading() as session:
            names = _Names(session)
            target = _wait_target(session)
            current = _Figures(session, period, today, names, target, lists=lists).gather()
            previous = _Figures(
                session, period.previous(), today, names, target, current=False
            ).gather()
        with self.db.transaction() as session:
            audit.record(session, self.ctx, use, "indicators", None, f"indicators {period.code}")
        return IndicatorOverview(
            office=OfficeService(self.ctx).profile(),
            current=current,
            previous=previous,
            prepared_by=actor.full_name,
            generated_at=self.ctx.clock.now(),
        )

    def figure(self, period: Period, what: str) -> FigureList:
        """The list behind one figure of ``period`` (``services.indicators.figures``: what
        ``what`` may name); a person's name only for an actor who may see client data, and
        then the list is audited as personal data shown."""
        self.ctx.require(Action.INDICATORS_VIEW)
        if not isinstance(period, Period):
            raise ValidationError.single("period", _("Choose a period."))
        if not isinstance(what, str) or len(what) > 40:
            raise ValidationError.single("figure", _("This figure has no list."))
        today = self.ctx.clock.today()
        try:
            period = begun(period, today)
        except DomainError as error:
            raise ValidationError.single("period", str(error)) from None
        from opsdesk.services.indicators import figures

        with self.db.reading() as session:
            found, entity, ids = figures.figure_list(
                self.ctx, session, period, period.as_of(today), what
            )
        figures.record(self.ctx, period, what, entity, ids)
        return found


def case_suspensions(
    session: DbSession, case_ids: list[int]
) -> dict[int, list[tuple[date, date | None]]]:
    """Each case's suspended proceedings (first day, last day or None), in date order: they
    move the decision's deadline (``domain.deadlines.decision_due``)."""
    found: dict[int, list[tuple[date, date | None]]] = {}
    for chunk in in_chunks(case_ids):
        for case_id, first, last in session.connection().execute(
            select(CaseSuspension.case_id, CaseSuspension.starts_on, CaseSuspension.ends_on)
            .where(CaseSuspension.case_id.in_(chunk))
            .order_by(CaseSuspension.starts_on)
        ):
            found.setdefault(case_id, []).append((first, last))
    return found


def _wait_target(session: DbSession) -> int:
    value = get_setting(session, WAIT_TARGET_KEY, DEFAULT_WAIT_TARGET)
    return value if isinstance(value, int) and value > 0 else DEFAULT_WAIT_TARGET


class _Figures:
    """The figures of one period, query by query."""

    def __init__(
        self,
        session: DbSession,
        period: Period,
        today: date,
        names: _Names,
        target: int,
        *,
        current: bool = True,
        lists: bool = False,
    ) -> None:
        """``current``: the chosen period (with the 12 months' deadline tallies), not the one
        before it; ``lists``: the late decisions and interviews are listed too (the printed
        report and the files; the screen reads them with ``figure(period, "late")``)."""
        self.session = session
        self.current = current
        self.lists = lists
        self.period = period
        self.first = period.first
        self.as_of = period.as_of(today)
        self.end_moment = datetime.combine(self.as_of + timedelta(days=1), time())
        self.start_moment = datetime.combine(self.first, time())
        year, month = month_of(self.as_of)
        back = year * 12 + month - 1 - 11  # the first of the 12 months up to the period's end
        self.twelve_first = date(back // 12, back % 12 + 1, 1)
        self._stopped_cases: list[_Stopped] | None = None
        self.names = names
        self.target = target
        self.dialect = session.get_bind().dialect.name
        self.labels = {DECISION: _("decision"), INTERVIEW: _("environmental interview")}

    def gather(self) -> PeriodFigures:
        self._visits()
        self.tallies = self._month_tallies() if self.current else None
        new, closed, open_at_end, caseload = self._cases()
        return PeriodFigures(
            period=self.period,
            as_of=self.as_of,
            contacts=self.contacts,
            by_channel=self.by_channel,
            by_purpose=self.by_purpose,
            ended=self.ended,
            settled_at_first_contact=self.settled,
            waits=self._waits(),
            visits_by_team=self.by_team,
            visits_by_worker=self.by_worker,
            contacts_by_day=self._by_day(),
            contacts_by_hour=self._by_hour(),
            cases_new=new,
            cases_closed=closed,
            cases_open_at_end=open_at_end,
            caseload=caseload,
            decisions=self._deadlines(DECISION),
            interviews=self._deadlines(INTERVIEW),
            hours=self._hours(),
            survey=self.survey,
            day_hour=self._day_hour(),
            deadline_months=self._deadline_months() if self.current else (),
        )

    # --- the desk ---------------------------------------------------------------------------

    def _visits(self) -> None:
        """The desk's figures from the daily counts (``storage.indicator_counts``, kept with
        every desk write): a few dozen rows a day, whatever the number of visits."""
        per_day: dict[date, dict[str, dict[str, int]]] = {}
        totals: dict[str, dict[str, int]] = {}
        for day, measure, key, n in self._rows(
            select(
                IndicatorCount.day, IndicatorCount.measure, IndicatorCount.key, IndicatorCount.n
            ).where(IndicatorCount.day.between(self.first, self.as_of), IndicatorCount.n != 0)
        ):
            if measure in ("channel", "hour"):
                by_key = per_day.setdefault(day, {}).setdefault(measure, {})
                by_key[key] = by_key.get(key, 0) + n
            total = totals.setdefault(measure, {})
            total[key] = total.get(key, 0) + n
        self.per_day = per_day
        channels = totals.get("channel", {})
        self.ended = sum(totals.get("ended", {}).values())
        self.settled = sum(totals.get("settled", {}).values())
        self.contacts = sum(channels.values())
        self.by_channel = tuple(Count(c.label, channels.get(c.value, 0), c.value) for c in Channel)
        no_purpose = _("No purpose")
        self.by_purpose = tuple(
            sorted(
                (
                    Count(
                        self.names.purposes.get(int(key), no_purpose) if key else no_purpose,
                        n,
                        key,
                    )
                    for key, n in totals.get("purpose", {}).items()
                    if n
                ),
                key=lambda c: (-c.count, c.label),
            )
        )
        self.by_team = tuple(
            sorted(
                (
                    Count(self.names.team(int(key) if key else None), n, key)
                    for key, n in totals.get("team", {}).items()
                    if n
                ),
                key=lambda c: (-c.count, c.label),
            )
        )
        rows = []
        for key, n in totals.get("worker", {}).items():
            if n:
                name, left = self.names.worker(int(key))
                rows.append(WorkerCount(int(key), name, n, left))
        rows.sort(key=lambda r: (-r.count, surname_key(r.name)))
        self.by_worker = tuple(rows)
        self.hours_total = {int(k): n for k, n in totals.get("hour", {}).items() if n}
        answers = totals.get("rating", {})
        self.survey = SurveyFigures(tuple(answers.get(str(r), 0) for r in RATINGS))

    def _waits(self) -> WaitFigures:
        """The waits of the period from the daily histogram of waits (hundredths of a
        minute); the median and the 90th percentile are taken from it exactly as
        ``domain.queue.percentile`` takes them from the sorted list."""
        histogram = [
            (int(c), int(n))
            for c, n in self._rows(
                select(IndicatorWait.centiminutes, func.sum(IndicatorWait.n))
                .where(IndicatorWait.day.between(self.first, self.as_of))
                .group_by(IndicatorWait.centiminutes)
                .order_by(IndicatorWait.centiminutes)
            )
            if n
        ]
        return WaitFigures(
            count=sum(n for _c, n in histogram),
            median=histogram_percentile(histogram, 0.5),
            p90=histogram_percentile(histogram, 0.9),
            within_target=sum(n for c, n in histogram if c <= self.target * 100),
            target_minutes=self.target,
        )

    def _by_day(self) -> tuple[Count, ...]:
        counts = {day: sum(m.get("channel", {}).values()) for day, m in self.per_day.items()}
        if self.period.kind == "month":
            return tuple(
                Count(str(day.day), counts.get(day, 0), day.isoformat())
                for day in _days(self.first, self.period.last)
            )
        by_month: dict[tuple[int, int], int] = {}
        for day, n in counts.items():
            by_month[month_of(day)] = by_month.get(month_of(day), 0) + n
        return tuple(
            Count(f"{number:02d}.{year}", by_month.get((year, number), 0), f"{year}-{number:02d}")
            for year, number in self.period.months
        )

    def _day_hour(self) -> DayHourGrid:
        """A month: each day of it by hour of arrival; a longer period: each weekday."""
        if self.period.kind == "month":
            days = list(_days(self.first, self.period.last))
            labels = tuple(f"{d.day:02d} {_(WEEKDAYS[d.weekday()])}" for d in days)
            keys = tuple(d.isoformat() for d in days)
        else:
            labels = tuple(_(name) for name in WEEKDAYS)
            keys = tuple(str(n) for n in range(7))
        cells: dict[tuple[str, int], int] = {}
        for day, measures in self.per_day.items():
            row = day.isoformat() if self.period.kind == "month" else str(day.weekday())
            for hour, n in measures.get("hour", {}).items():
                cells[(row, int(hour))] = cells.get((row, int(hour)), 0) + n
        hours = tuple(int(h.key) for h in self._by_hour())
        return DayHourGrid(
            row_labels=labels,
            row_keys=keys,
            hours=hours,
            counts=tuple(tuple(cells.get((k, h), 0) for h in hours) for k in keys),
        )

    def _by_hour(self) -> tuple[Count, ...]:
        counts = self.hours_total
        low, high = min([7, *counts]), max([15, *counts])
        return tuple(Count(f"{h:02d}", counts.get(h, 0), str(h)) for h in range(low, high + 1))

    # --- cases ------------------------------------------------------------------------------

    def _cases(self) -> tuple[int, int, int, tuple[WorkerCases, ...]]:
        new = Case.application_date.between(self.first, self.as_of)
        closed = and_(Case.closed_at >= self.start_moment, Case.closed_at < self.end_moment)
        open_at_end = and_(
            Case.application_date <= self.as_of,
            or_(Case.closed_at.is_(None), Case.closed_at >= self.end_moment),
        )
        rows = (
            self.session.connection()
            .execute(
                select(
                    Case.worker_id,
                    func.sum(case((new, 1), else_=0)),
                    func.sum(case((closed, 1), else_=0)),
                    func.sum(case((open_at_end, 1), else_=0)),
                )
                .where(
                    Case.application_date <= self.as_of,
                    or_(Case.closed_at.is_(None), Case.closed_at >= self.start_moment),
                )
                .group_by(Case.worker_id)
            )
            .all()
        )
        caseload = []
        for worker_id, n_new, n_closed, n_open in rows:
            if not (n_new or n_closed or n_open):
                continue
            name, left = self.names.worker(worker_id)
            caseload.append(
                WorkerCases(worker_id, name, int(n_open), int(n_new), int(n_closed), left)
            )
        caseload.sort(key=lambda r: (r.staff_id is None, surname_key(r.name)))
        return (
            sum(r.new for r in caseload),
            sum(r.closed for r in caseload),
            sum(r.open_at_end for r in caseload),
            tuple(caseload),
        )

    # --- deadlines --------------------------------------------------------------------------

    def _step(self, step: str) -> tuple[Any, Any, list[ColumnElement[bool]], ColumnElement[bool]]:
        """The day a step was made, its flag (complicated / urgent), what makes a case need
        it, and whether its clock stops (only a decision's does: suspensions)."""
        if step == DECISION:
            return (
                Case.decision_date,
                Case.complex,
                [Case.decision_date.is_not(None)],
                exists().where(CaseSuspension.case_id == Case.id),
            )
        return (
            Case.interview_date,
            Case.urgent,
            [BenefitKind.needs_decision.is_(True)],
            false(),  # an interview's deadline never stops
        )

    def _deadlines(self, step: str) -> DeadlineFigures:
        """Decisions or interviews made in the period against their statutory deadlines, and
        how many were overdue at its end — counted, not listed (``late_rows`` lists them).

        Counted month by month (``_made_tally``), the 12 months' tallies of the chart reused
        when the period is among them."""
        months = [m for m in self.period.months if m <= month_of(self.as_of)]
        tallies = self.tallies
        if tallies is None or not all((step, m) in tallies for m in months):
            tallies = self._made_tally(step, self.first, self.as_of)
        made_count = sum(tallies.get((step, m), (0, 0))[0] for m in months)
        on_time = sum(tallies.get((step, m), (0, 0))[1] for m in months)
        if self.lists:  # listed: the overdue ones are the list's rows not made by the end
            late = tuple(self.late_rows(step))
            outstanding = sum(1 for row in late if row.made is None)
        else:
            late, outstanding = (), self._outstanding(step)
        return DeadlineFigures(made=made_count, on_time=on_time, outstanding=outstanding, late=late)

    def _overdue(self, step: str, *, stopped: bool) -> ColumnElement[bool]:
        """Overdue at the end of the period, as far as SQL can tell: not made by then, the
        case still open, a benefit needing a decision, and (a clock that never stopped)
        applied for longer ago than the shortest statutory period."""
        made_on, flag, _needed, suspended = self._step(step)
        shortest = SHORTEST_DAYS[step]
        common = and_(
            or_(made_on.is_(None), made_on > self.as_of),
            or_(Case.closed_at.is_(None), Case.closed_at >= self.end_moment),
            BenefitKind.needs_decision.is_(True),
        )
        if stopped:
            return and_(common, suspended, Case.application_date <= self.as_of)
        applied_long_enough = or_(
            and_(flag.is_(True), Case.application_date < self.as_of - timedelta(shortest[1])),
            and_(
                or_(flag.is_(None), flag.is_(False)),
                Case.application_date < self.as_of - timedelta(shortest[0]),
            ),
        )
        return and_(common, ~suspended, applied_long_enough)

    def _outstanding(self, step: str) -> int:
        """How many were overdue at the end of the period (and not made by then): counted by
        groups of (application day, flag) as if no clock had stopped, then the decisions
        whose proceedings were suspended are put right one by one (``_stopped``)."""
        made_on, flag, _needed, _suspended = self._step(step)
        shortest = SHORTEST_DAYS[step]
        not_made = and_(
            or_(made_on.is_(None), made_on > self.as_of),
            or_(Case.closed_at.is_(None), Case.closed_at >= self.end_moment),
            BenefitKind.needs_decision.is_(True),
        )
        applied_long_enough = or_(  # implied by being overdue: only narrows the reading
            and_(flag.is_(True), Case.application_date < self.as_of - timedelta(shortest[1])),
            and_(
                or_(flag.is_(None), flag.is_(False)),
                Case.application_date < self.as_of - timedelta(shortest[0]),
            ),
        )
        count = 0
        for applied, flagged, n in self._rows(
            select(Case.application_date, flag, func.count())
            .select_from(Case)
            .join(BenefitKind, BenefitKind.id == Case.kind_id)
            .where(not_made, applied_long_enough)
            .group_by(Case.application_date, flag)
        ):
            if self.as_of > _due(step, applied, bool(flagged)):
                count += n
        if step == DECISION:
            for c in self._stopped():
                if (c.decided is not None and c.decided <= self.as_of) or not c.needs_decision:
                    continue
                if c.closed is not None and c.closed < self.end_moment:
                    continue
                counted = self.as_of > _due(DECISION, c.applied, c.complex)
                overdue = self.as_of > decision_due(c.applied, c.complex, c.stops, self.as_of)
                count += int(overdue) - int(counted)
        return count

    def _stopped(self) -> list[_Stopped]:
        """The cases whose proceedings were ever suspended (the decision's clock stopped: KPA
        art. 35 § 5) that can matter to the period or its 12 months: applied for by its end,
        not decided before the earliest month. Read once from the suspensions (a few in a
        hundred cases), one query, no ORM objects."""
        if self._stopped_cases is not None:
            return self._stopped_cases
        earliest = min(self.first, self.twelve_first)
        found: dict[int, _Stopped] = {}
        for case_id, applied, complex_case, decided, closed, needs, first, last in self._rows(
            select(
                Case.id,
                Case.application_date,
                Case.complex,
                Case.decision_date,
                Case.closed_at,
                BenefitKind.needs_decision,
                CaseSuspension.starts_on,
                CaseSuspension.ends_on,
            )
            .select_from(CaseSuspension)
            .join(Case, Case.id == CaseSuspension.case_id)
            .join(BenefitKind, BenefitKind.id == Case.kind_id)
            .where(
                Case.application_date <= self.as_of,
                or_(Case.decision_date.is_(None), Case.decision_date >= earliest),
            )
            .order_by(Case.id, CaseSuspension.starts_on)
        ):
            if case_id not in found:
                found[case_id] = _Stopped(applied, bool(complex_case), decided, closed, needs, [])
            found[case_id].stops.append((first, last))
        self._stopped_cases = list(found.values())
        return self._stopped_cases

    def _made_tally(
        self, step: str, first: date, last: date
    ) -> dict[tuple[str, tuple[int, int]], list[int]]:
        """(step, month) -> [made, on time] of the decisions (or interviews) made from
        ``first`` to ``last``: counted in SQL by the day made; those made later than the
        shortest statutory period allows are counted again by groups of (application day,
        flag, day made), each group's deadline worked out once per application day, as if no
        clock had stopped; then the decisions whose proceedings were suspended (few) are put
        right one by one with their moved deadline."""
        made_on, flag, _needed, _suspended = self._step(step)
        shortest = SHORTEST_DAYS[step]
        made = and_(made_on >= first, made_on <= last)

        def counted_by(*columns: Any) -> Any:
            query = select(*columns, func.count()).where(made)
            if step == INTERVIEW:  # only a benefit decided by a decision needs an interview
                query = query.join(BenefitKind, BenefitKind.id == Case.kind_id).where(
                    BenefitKind.needs_decision.is_(True)
                )
            return query

        counted: dict[tuple[str, tuple[int, int]], list[int]] = {}
        for made_day, count in self._rows(counted_by(made_on).group_by(made_on)):
            tally = counted.setdefault((step, month_of(made_day)), [0, 0])
            tally[0] += count
            tally[1] += count
        # late can only be those made later than the shortest period allows (a few in ten)
        later_than_shortest = or_(
            and_(flag.is_(True), self._made_after(made_on, shortest[1])),
            and_(
                or_(flag.is_(None), flag.is_(False)),
                self._made_after(made_on, shortest[0]),
            ),
        )
        for applied, flagged, made_day, count in self._rows(
            counted_by(Case.application_date, flag, made_on)
            .where(later_than_shortest)
            .group_by(made_on, Case.application_date, flag)
        ):
            if made_day > _due(step, applied, bool(flagged)):
                counted[(step, month_of(made_day))][1] -= count
        if step == DECISION:
            for c in self._stopped():
                decided = c.decided
                if decided is None or not first <= decided <= last:
                    continue
                plain = decided <= _due(DECISION, c.applied, c.complex)
                kept = decided <= decision_due(c.applied, c.complex, c.stops, decided)
                counted[(step, month_of(decided))][1] += int(kept) - int(plain)
        return counted

    def late_rows(self, step: str) -> list[LateRow]:
        """The decisions (or interviews) made late in the period and those overdue at its
        end, in the overview's order: made first, by deadline and file number. Read as plain
        rows (no ORM objects), only the candidates: those made later than the shortest
        statutory period allows, and the cases whose clock stopped."""
        made_on, flag, needed, suspended = self._step(step)
        shortest = SHORTEST_DAYS[step]
        made = and_(made_on >= self.first, made_on <= self.as_of)
        later_than_shortest = or_(
            and_(flag.is_(True), self._made_after(made_on, shortest[1])),
            and_(
                or_(flag.is_(None), flag.is_(False)),
                self._made_after(made_on, shortest[0]),
            ),
        )
        made_late = self._late_candidates(and_(made, ~suspended, later_than_shortest), needed)
        made_stopped = (
            self._late_candidates(and_(made, suspended), needed) if step == DECISION else []
        )
        overdue = self._late_candidates(self._overdue(step, stopped=False), [])
        if step == DECISION:
            overdue += self._late_candidates(self._overdue(step, stopped=True), [])
        stops = case_suspensions(self.session, [row[0] for row in made_stopped + overdue])
        late: list[LateRow] = []
        for rows, is_made in ((made_late, True), (made_stopped, True), (overdue, False)):
            for row in rows:
                late_row = self._late_row(step, row, stops.get(row[0], ()), made=is_made)
                if late_row is not None:
                    late.append(late_row)
        late.sort(key=lambda r: (r.made is None, r.due, r.file_number))
        return late

    def _deadline_months(self) -> tuple[MonthDeadlines, ...]:
        """Decisions and interviews made in each of the 12 months up to the period's end
        (the last one up to ``as_of``) and how many kept their deadline."""
        assert self.tallies is not None, "counted in gather"
        result = []
        for m in self.twelve_months:
            decisions = self.tallies[(DECISION, m)]
            interviews = self.tallies[(INTERVIEW, m)]
            result.append(
                MonthDeadlines(
                    month=m,
                    label=f"{m[1]:02d}.{m[0]}",
                    decisions_made=decisions[0],
                    decisions_on_time=decisions[1],
                    interviews_made=interviews[0],
                    interviews_on_time=interviews[1],
                )
            )
        return tuple(result)

    def _month_tallies(self) -> dict[tuple[str, tuple[int, int]], list[int]]:
        """(step, month) -> [made, on time] for the 12 months up to the period's end (the
        last one up to ``as_of``), by ``_made_tally``. ``_deadlines`` sums a period's months
        from here when they are among them."""
        year, month = month_of(self.as_of)
        months = [
            ((year * 12 + month - 1 - back) // 12, (year * 12 + month - 1 - back) % 12 + 1)
            for back in range(11, -1, -1)
        ]
        first = date(months[0][0], months[0][1], 1)
        counted: dict[tuple[str, tuple[int, int]], list[int]] = {}
        for step in (DECISION, INTERVIEW):
            counted.update(self._made_tally(step, first, self.as_of))
        self.twelve_months = months
        for step in (DECISION, INTERVIEW):
            for m in months:
                counted.setdefault((step, m), [0, 0])
        return counted

    def _rows(self, query: Any) -> Sequence[Any]:
        """The query's rows as plain tuples, fetched at once (no ORM objects)."""
        return self.session.connection().execute(query).all()

    def _made_after(self, made_on: Any, days: int) -> ColumnElement[bool]:
        """Made more than ``days`` days after the application, in the database's own words
        (SQLite: a difference of day numbers, cheaper than building a date per row)."""
        if self.dialect == "sqlite":
            apart: ColumnElement[Any] = func.julianday(made_on) - func.julianday(
                Case.application_date
            )
            return apart > days
        later: ColumnElement[bool] = made_on > cast(
            Case.application_date + timedelta(days=days), Date
        )
        return later

    def _late_candidates(
        self, where: ColumnElement[bool], needed: Sequence[ColumnElement[bool]]
    ) -> list[Any]:
        query = (
            select(
                Case.id,
                Case.file_number,
                Case.application_date,
                Case.complex,
                Case.urgent,
                Case.interview_date,
                Case.decision_date,
                Case.notice_new_date,
                Case.team_id,
                Case.worker_id,
                BenefitKind.name,
            )
            .select_from(Case)
            .join(BenefitKind, BenefitKind.id == Case.kind_id)
            .where(where, *needed)
        )
        return list(self.session.connection().execute(query).all())  # plain rows, no ORM

    def _late_row(
        self,
        step: str,
        row: Any,
        stops: Sequence[tuple[date, date | None]],
        *,
        made: bool,
    ) -> LateRow | None:
        """The row when it is late; None when it came (or is still) within its deadline."""
        (
            case_id,
            number,
            application,
            complex_case,
            urgent,
            interview_on,
            decision_on,
            notice_on,
            team_id,
            worker_id,
            kind_name,
        ) = row
        made_on: date | None = (decision_on if step == DECISION else interview_on) if made else None
        if step == DECISION:
            if stops:
                due = decision_due(application, bool(complex_case), stops, made_on or self.as_of)
            else:
                due = _due(DECISION, application, bool(complex_case))
            label = self.labels[DECISION]
        else:
            due = _due(INTERVIEW, application, bool(urgent))
            label = self.labels[INTERVIEW]
        until = made_on or self.as_of
        if until <= due:
            return None
        worker = worker_label(*self.names.worker(worker_id))
        return LateRow(
            case_id=case_id,
            file_number=number,
            step=step,
            step_label=label,
            team_name=self.names.team(team_id),
            worker_name=worker if worker_id is not None else "",
            kind_name=kind_name,
            due=due,
            made=made_on,
            days_late=(until - due).days,
            notice_given=notice_on is not None,
            notice_date=notice_on,
        )

    # --- hours ------------------------------------------------------------------------------

    def _hours(self) -> tuple[ContractHours, ...]:
        contracts = list(
            self.session.scalars(
                select(Contract)
                .where(Contract.valid_from <= self.as_of, Contract.valid_to >= self.first)
                .order_by(Contract.kind, Contract.number)
            )
        )
        if not contracts:
            return ()
        used = {
            contract_id: (int(minutes or 0), int(count))
            for contract_id, minutes, count in self.session.execute(
                select(Session.contract_id, func.sum(Session.minutes), func.count())
                .where(
                    Session.state == HELD,
                    Session.day >= self.first,
                    Session.day <= self.as_of,
                    Session.contract_id.in_([c.id for c in contracts]),
                )
                .group_by(Session.contract_id)
            )
        }
        last_month = month_of(self.as_of)
        months = [m for m in self.period.months if m <= last_month]
        rows = []
        for contract in contracts:
            terms = terms_of(contract)
            minutes, sessions = used.get(contract.id, (0, 0))
            try:
                kind_label = ContractKind(contract.kind).label
            except ValueError:
                kind_label = contract.kind
            rows.append(
                ContractHours(
                    contract_id=contract.id,
                    number=contract.number,
                    kind_label=kind_label,
                    provider_name=contract.provider_name,
                    budget_minutes=sum(month_budget(terms, m) for m in months),
                    used_minutes=minutes,
                    sessions=sessions,
                )
            )
        return tuple(rows)
