"""The indicators of the separated model for a month, a quarter or a year, with the period
before it for comparison (the manager's Raporty → Przegląd, the printed "Monitoring modelu
rozdzielenia" and ``opsdesk report indicators``).

Every count is an SQL aggregate; only the waiting times of the period (for the median and the
90th percentile) and the late decisions and interviews (which are listed anyway) come to
Python row by row. A running period is reported up to today (``as_of``).

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

Satisfaction surveys are not collected by opsdesk yet, so there is no figure for them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Float,
    and_,
    case,
    cast,
    exists,
    extract,
    false,
    func,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session as DbSession

from opsdesk.domain.deadlines import decision_due, due_date
from opsdesk.domain.errors import DomainError
from opsdesk.domain.hours import ContractKind, SessionState, month_budget, month_of
from opsdesk.domain.office_model import TeamKind
from opsdesk.domain.queue import (
    Channel,
    Outcome,
    QueueAction,
    Step,
    VisitState,
    median,
    percentile,
    timings,
)
from opsdesk.domain.report_periods import Period, begun
from opsdesk.domain.roles import Action
from opsdesk.errors import ValidationError
from opsdesk.i18n import _
from opsdesk.services import audit
from opsdesk.services.context import Service
from opsdesk.services.hours.session_checks import terms_of
from opsdesk.services.indicators.records import (
    ContractHours,
    Count,
    DeadlineFigures,
    IndicatorOverview,
    LateRow,
    PeriodFigures,
    WaitFigures,
    WorkerCases,
    WorkerCount,
)
from opsdesk.services.office.profile import OfficeService
from opsdesk.services.office.staff import surname_key
from opsdesk.storage.models import (
    BenefitKind,
    Case,
    CaseSuspension,
    ContactPurpose,
    Contract,
    Session,
    Staff,
    Team,
    Visit,
    VisitEvent,
)
from opsdesk.storage.setting_values import get_setting

WAIT_TARGET_KEY = "indicators.wait_target_minutes"
DEFAULT_WAIT_TARGET = 15
USES = ("read", "print", "export")  # the audit entry: looked at, printed, exported
REFERRALS = tuple(o.value for o in Outcome if o.is_referral)
HELD = SessionState.HELD.value
# the shortest a statutory period can be, in calendar days, (plain, urgent or complicated):
# a step made within it is on time whatever the holidays (1 month >= 28 days, 2 months >= 59,
# 14 working days >= 18 days, 2 working days >= 2 days)
SHORTEST_DAYS = {"decision": (28, 59), "interview": (18, 2)}
DECISION, INTERVIEW = "decision", "interview"


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


def _minutes_between(dialect: str, start: Any, end: Any) -> ColumnElement[Any]:
    """Minutes from ``start`` to ``end``, in the database's own words (rounded to hundredths
    by the caller: a Julian day is a float)."""
    if dialect == "sqlite":
        minutes = (func.julianday(end) - func.julianday(start)) * 1440.0
    else:
        minutes = extract("epoch", end - start) / 60.0
    return type_coerce(minutes, Float)  # a plain float, not a Decimal per row


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

    def overview(self, period: Period, *, use: str = "read") -> IndicatorOverview:
        """The figures of ``period`` and of the period before it. ``use`` says what the
        audit log records: "read" (on the screen), "print" or "export"."""
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
            current = _Figures(session, period, today, names, target).gather()
            previous = _Figures(session, period.previous(), today, names, target).gather()
        with self.db.transaction() as session:
            audit.record(session, self.ctx, use, "indicators", None, f"indicators {period.code}")
        return IndicatorOverview(
            office=OfficeService(self.ctx).profile(),
            current=current,
            previous=previous,
            prepared_by=actor.full_name,
            generated_at=self.ctx.clock.now(),
        )


def _wait_target(session: DbSession) -> int:
    value = get_setting(session, WAIT_TARGET_KEY, DEFAULT_WAIT_TARGET)
    return value if isinstance(value, int) and value > 0 else DEFAULT_WAIT_TARGET


class _Figures:
    """The figures of one period, query by query."""

    def __init__(
        self, session: DbSession, period: Period, today: date, names: _Names, target: int
    ) -> None:
        self.session = session
        self.period = period
        self.first = period.first
        self.as_of = period.as_of(today)
        self.end_moment = datetime.combine(self.as_of + timedelta(days=1), time())
        self.start_moment = datetime.combine(self.first, time())
        self.names = names
        self.target = target
        self.dialect = session.get_bind().dialect.name
        self.in_period = Visit.day.between(self.first, self.as_of)

    def gather(self) -> PeriodFigures:
        self._visits()
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
        )

    # --- the desk ---------------------------------------------------------------------------

    def _visits(self) -> None:
        """One pass over the period's contacts, grouped by channel, purpose, team, worker and
        how they ended (a few thousand groups a year); every desk figure but the waits and
        the hours of arrival is summed from these groups."""
        done = and_(Visit.state == VisitState.DONE.value, Visit.outcome.is_not(None))
        settled = and_(
            done,
            Visit.redirected_from_team_id.is_(None),
            Team.kind == TeamKind.FIRST_CONTACT.value,
            Visit.outcome.not_in(REFERRALS),
        )
        ended_flag = case((done, 1), else_=0)
        settled_flag = case((settled, 1), else_=0)
        groups = self.session.execute(
            select(
                Visit.channel,
                Visit.purpose_id,
                Visit.target_team_id,
                Visit.served_by_id,
                ended_flag,
                settled_flag,
                func.count(),
            )
            .select_from(Visit)
            .outerjoin(Team, Team.id == Visit.target_team_id)
            .where(self.in_period)
            .group_by(
                Visit.channel,
                Visit.purpose_id,
                Visit.target_team_id,
                Visit.served_by_id,
                ended_flag,
                settled_flag,
            )
        ).all()
        channels: dict[str, int] = {}
        purposes: dict[int | None, int] = {}
        teams: dict[int | None, int] = {}
        workers: dict[int, int] = {}
        self.ended = self.settled = 0
        for channel, purpose_id, team_id, worker_id, ended, at_desk, count in groups:
            channels[channel] = channels.get(channel, 0) + count
            purposes[purpose_id] = purposes.get(purpose_id, 0) + count
            teams[team_id] = teams.get(team_id, 0) + count
            if worker_id is not None:
                workers[worker_id] = workers.get(worker_id, 0) + count
            self.ended += count if ended else 0
            self.settled += count if at_desk else 0
        self.contacts = sum(channels.values())
        self.by_channel = tuple(Count(c.label, channels.get(c.value, 0), c.value) for c in Channel)
        no_purpose = _("No purpose")
        self.by_purpose = tuple(
            sorted(
                (
                    Count(
                        self.names.purposes.get(pid, no_purpose) if pid is not None else no_purpose,
                        n,
                        str(pid or ""),
                    )
                    for pid, n in purposes.items()
                ),
                key=lambda c: (-c.count, c.label),
            )
        )
        self.by_team = tuple(
            sorted(
                (Count(self.names.team(tid), n, str(tid or "")) for tid, n in teams.items()),
                key=lambda c: (-c.count, c.label),
            )
        )
        rows = []
        for staff_id, n in workers.items():
            name, left = self.names.worker(staff_id)
            rows.append(WorkerCount(staff_id, name, n, left))
        rows.sort(key=lambda r: (-r.count, surname_key(r.name)))
        self.by_worker = tuple(rows)

    def _waits(self) -> WaitFigures:
        """A visit never redirected stood in one queue: its wait is its first call less its
        registration, one GROUP BY over its events. The few redirected ones are read event by
        event and measured by ``domain.queue.timings`` (a wait per queue)."""
        in_person = and_(self.in_period, Visit.ticket_seq.is_not(None))
        queues = (
            select(
                func.min(
                    case((VisitEvent.action == QueueAction.REGISTER.value, VisitEvent.at))
                ).label("entered"),
                func.min(case((VisitEvent.action == QueueAction.CALL.value, VisitEvent.at))).label(
                    "called"
                ),
            )
            .join(Visit, Visit.id == VisitEvent.visit_id)
            .where(in_person, Visit.redirected_from_team_id.is_(None))
            .group_by(VisitEvent.visit_id)
            .subquery()
        )
        waits = [
            round(float(minutes), 2)
            for minutes in self.session.scalars(
                select(_minutes_between(self.dialect, queues.c.entered, queues.c.called)).where(
                    queues.c.entered.is_not(None), queues.c.called.is_not(None)
                )
            )
        ]
        histories: dict[int, list[Step]] = {}
        for visit_id, action, at, team_id in self.session.execute(
            select(VisitEvent.visit_id, VisitEvent.action, VisitEvent.at, VisitEvent.team_id)
            .join(Visit, Visit.id == VisitEvent.visit_id)
            .where(in_person, Visit.redirected_from_team_id.is_not(None))
            .order_by(VisitEvent.visit_id, VisitEvent.at, VisitEvent.id)
        ):
            histories.setdefault(visit_id, []).append(Step(action, at, team_id))
        for history in histories.values():
            waits += [round(t.minutes, 2) for t in timings(history) if t.kind == "wait"]
        waits.sort()
        return WaitFigures(
            count=len(waits),
            median=median(waits),
            p90=percentile(waits, 0.9),
            within_target=sum(1 for w in waits if w <= self.target),
            target_minutes=self.target,
        )

    def _by_day(self) -> tuple[Count, ...]:
        counts = {
            day: n
            for day, n in self.session.execute(
                select(Visit.day, func.count()).where(self.in_period).group_by(Visit.day)
            )
        }
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

    def _by_hour(self) -> tuple[Count, ...]:
        hour = extract("hour", Visit.arrived_at)
        counts = {
            int(h): n
            for h, n in self.session.execute(
                select(hour, func.count()).where(self.in_period).group_by(hour)
            )
        }
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
        rows = self.session.execute(
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
        ).all()
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

    def _deadlines(self, step: str) -> DeadlineFigures:
        """Decisions or interviews made in the period against their statutory deadlines.

        Counted in SQL by groups of (application day, urgent or complicated, day made) — a
        few thousand in a year at most — each group's deadline worked out once per
        application day; then the late ones are read to be listed (only those made later
        than the shortest period allows are candidates), and the cases with suspended
        proceedings are read and worked out one by one (their deadline moves)."""
        made_on: Any
        flag: Any
        if step == DECISION:
            made_on, flag = Case.decision_date, Case.complex
            needed: list[ColumnElement[bool]] = [Case.decision_date.is_not(None)]
            suspended: ColumnElement[bool] = exists().where(CaseSuspension.case_id == Case.id)
        else:
            made_on, flag = Case.interview_date, Case.urgent
            needed = [BenefitKind.needs_decision.is_(True)]
            suspended = false()  # an interview's deadline never stops
        shortest = SHORTEST_DAYS[step]
        made = and_(made_on >= self.first, made_on <= self.as_of)
        made_count = on_time = 0
        for applied, flagged, made_day, count in self.session.execute(
            select(Case.application_date, flag, made_on, func.count())
            .select_from(Case)
            .join(BenefitKind, BenefitKind.id == Case.kind_id)
            .where(made, *needed, ~suspended)
            .group_by(Case.application_date, flag, made_on)
        ):
            made_count += count
            if made_day <= _due(step, applied, bool(flagged)):
                on_time += count
        later_than_shortest = or_(
            and_(flag.is_(True), made_on > self._days_after(Case.application_date, shortest[1])),
            and_(
                or_(flag.is_(None), flag.is_(False)),
                made_on > self._days_after(Case.application_date, shortest[0]),
            ),
        )
        made_late = self._late_candidates(and_(made, ~suspended, later_than_shortest), needed)
        made_stopped = (
            self._late_candidates(and_(made, suspended), needed) if step == DECISION else []
        )
        made_count += len(made_stopped)
        # overdue at the end of the period: due before it ends, not made by then, still open
        not_made = or_(made_on.is_(None), made_on > self.as_of)
        still_open = or_(Case.closed_at.is_(None), Case.closed_at >= self.end_moment)
        needs = BenefitKind.needs_decision.is_(True)
        applied_long_enough = or_(
            and_(flag.is_(True), Case.application_date < self.as_of - timedelta(shortest[1])),
            and_(
                or_(flag.is_(None), flag.is_(False)),
                Case.application_date < self.as_of - timedelta(shortest[0]),
            ),
        )
        overdue = self._late_candidates(
            and_(not_made, still_open, needs, ~suspended, applied_long_enough), []
        )
        if step == DECISION:
            overdue += self._late_candidates(
                and_(not_made, still_open, needs, suspended, Case.application_date <= self.as_of),
                [],
            )
        stops = self._suspensions([row[0] for row in made_stopped + overdue])
        late: list[LateRow] = []
        for row in made_late:
            late_row = self._late_row(step, row, (), made=True)
            if late_row is not None:
                late.append(late_row)
        for row in made_stopped:
            late_row = self._late_row(step, row, stops.get(row[0], ()), made=True)
            if late_row is None:
                on_time += 1
            else:
                late.append(late_row)
        for row in overdue:
            late_row = self._late_row(step, row, stops.get(row[0], ()), made=False)
            if late_row is not None:
                late.append(late_row)
        late.sort(key=lambda r: (r.made is None, r.due, r.file_number))
        return DeadlineFigures(made=made_count, on_time=on_time, late=tuple(late))

    def _days_after(self, day: Any, days: int) -> ColumnElement[Any]:
        """The date ``days`` after a date column, in the database's own words."""
        if self.dialect == "sqlite":
            return func.date(day, f"+{days} days")
        return cast(day + timedelta(days=days), Date)

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
        return list(self.session.execute(query).all())

    def _suspensions(self, case_ids: list[int]) -> dict[int, list[tuple[date, date | None]]]:
        found: dict[int, list[tuple[date, date | None]]] = {}
        for start in range(0, len(case_ids), 500):
            chunk = case_ids[start : start + 500]
            for case_id, first, last in self.session.execute(
                select(CaseSuspension.case_id, CaseSuspension.starts_on, CaseSuspension.ends_on)
                .where(CaseSuspension.case_id.in_(chunk))
                .order_by(CaseSuspension.starts_on)
            ):
                found.setdefault(case_id, []).append((first, last))
        return found

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
            label = _("decision")
        else:
            due = _due(INTERVIEW, application, bool(urgent))
            label = _("environmental interview")
        until = made_on or self.as_of
        if until <= due:
            return None
        worker, left = self.names.worker(worker_id)
        if left:
            worker = _("{name} (left)").format(name=worker)
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
