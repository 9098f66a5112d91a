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
    Integer,
    and_,
    case,
    cast,
    column,
    exists,
    extract,
    false,
    func,
    or_,
    select,
    values,
)
from sqlalchemy.orm import Session as DbSession

from opsdesk.domain.deadlines import add_months, decision_due, due_date
from opsdesk.domain.errors import DomainError
from opsdesk.domain.hours import ContractKind, SessionState, month_budget, month_of
from opsdesk.domain.office_model import TeamKind
from opsdesk.domain.queue import Channel, Outcome, QueueAction, VisitState, median, percentile
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
ENTRY_ACTIONS = (QueueAction.REGISTER.value, QueueAction.REDIRECT.value)
REFERRALS = tuple(o.value for o in Outcome if o.is_referral)
HELD = SessionState.HELD.value
LOOK_BACK_MONTHS = 4  # an application older than this before the period is late in it
DECISION, INTERVIEW = "decision", "interview"


@lru_cache(maxsize=8192)
def _dues(application: date) -> tuple[date, date, date, date]:
    """Statutory deadlines of an application of that day, without suspensions: decision,
    decision (complicated case), interview, interview (urgent)."""
    return (
        due_date("decision", application),
        due_date("decision_complex", application),
        due_date("interview", application),
        due_date("interview_urgent", application),
    )


def _days(first: date, last: date) -> Iterable[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def _minutes_between(dialect: str, start: Any, end: Any) -> ColumnElement[Any]:
    """Whole seconds from ``start`` to ``end`` as minutes, in the database's own words."""
    if dialect == "sqlite":
        seconds = cast(func.strftime("%s", end), Integer) - cast(
            func.strftime("%s", start), Integer
        )
        return seconds / 60.0
    return extract("epoch", end - start) / 60.0


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
        contacts, by_channel, by_purpose = self._contacts()
        ended, settled = self._settled()
        by_team, by_worker = self._visits_by_team_and_worker()
        new, closed, open_at_end, caseload = self._cases()
        return PeriodFigures(
            period=self.period,
            as_of=self.as_of,
            contacts=contacts,
            by_channel=by_channel,
            by_purpose=by_purpose,
            ended=ended,
            settled_at_first_contact=settled,
            waits=self._waits(),
            visits_by_team=by_team,
            visits_by_worker=by_worker,
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

    def _contacts(self) -> tuple[int, tuple[Count, ...], tuple[Count, ...]]:
        rows = self.session.execute(
            select(Visit.channel, Visit.purpose_id, func.count())
            .where(self.in_period)
            .group_by(Visit.channel, Visit.purpose_id)
        ).all()
        channels: dict[str, int] = {}
        purposes: dict[int | None, int] = {}
        for channel, purpose_id, count in rows:
            channels[channel] = channels.get(channel, 0) + count
            purposes[purpose_id] = purposes.get(purpose_id, 0) + count
        by_channel = tuple(Count(c.label, channels.get(c.value, 0), c.value) for c in Channel)
        by_purpose = tuple(
            sorted(
                (
                    Count(
                        self.names.purposes.get(pid, _("No purpose"))
                        if pid is not None
                        else _("No purpose"),
                        n,
                        str(pid or ""),
                    )
                    for pid, n in purposes.items()
                ),
                key=lambda c: (-c.count, c.label),
            )
        )
        return sum(channels.values()), by_channel, by_purpose

    def _settled(self) -> tuple[int, int]:
        done = and_(Visit.state == VisitState.DONE.value, Visit.outcome.is_not(None))
        settled = and_(
            done,
            Visit.redirected_from_team_id.is_(None),
            Team.kind == TeamKind.FIRST_CONTACT.value,
            Visit.outcome.not_in(REFERRALS),
        )
        ended, at_desk = self.session.execute(
            select(
                func.coalesce(func.sum(case((done, 1), else_=0)), 0),
                func.coalesce(func.sum(case((settled, 1), else_=0)), 0),
            )
            .select_from(Visit)
            .outerjoin(Team, Team.id == Visit.target_team_id)
            .where(self.in_period)
        ).one()
        return int(ended), int(at_desk)

    def _waits(self) -> WaitFigures:
        is_entry = case((VisitEvent.action.in_(ENTRY_ACTIONS), 1), else_=0)
        events = (
            select(
                VisitEvent.visit_id,
                VisitEvent.action,
                VisitEvent.at,
                func.sum(is_entry)
                .over(partition_by=VisitEvent.visit_id, order_by=(VisitEvent.at, VisitEvent.id))
                .label("queue"),
            )
            .join(Visit, Visit.id == VisitEvent.visit_id)
            .where(self.in_period, Visit.ticket_seq.is_not(None))
            .subquery()
        )
        queues = (
            select(
                func.min(case((events.c.action.in_(ENTRY_ACTIONS), events.c.at))).label("entered"),
                func.min(case((events.c.action == QueueAction.CALL.value, events.c.at))).label(
                    "called"
                ),
            )
            .group_by(events.c.visit_id, events.c.queue)
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
        waits.sort()
        return WaitFigures(
            count=len(waits),
            median=median(waits),
            p90=percentile(waits, 0.9),
            within_target=sum(1 for w in waits if w <= self.target),
            target_minutes=self.target,
        )

    def _visits_by_team_and_worker(
        self,
    ) -> tuple[tuple[Count, ...], tuple[WorkerCount, ...]]:
        teams = self.session.execute(
            select(Visit.target_team_id, func.count())
            .where(self.in_period)
            .group_by(Visit.target_team_id)
        ).all()
        by_team = tuple(
            sorted(
                (Count(self.names.team(tid), n, str(tid or "")) for tid, n in teams),
                key=lambda c: (-c.count, c.label),
            )
        )
        workers = self.session.execute(
            select(Visit.served_by_id, func.count())
            .where(self.in_period, Visit.served_by_id.is_not(None))
            .group_by(Visit.served_by_id)
        ).all()
        rows = []
        for staff_id, n in workers:
            name, left = self.names.worker(staff_id)
            rows.append(WorkerCount(staff_id, name, n, left))
        rows.sort(key=lambda r: (-r.count, surname_key(r.name)))
        return by_team, tuple(rows)

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

        The deadlines of applications without suspensions come from a small table of due
        dates per application day (a VALUES list joined in SQL), so the on-time ones are only
        counted; the rest (late, suspended, or applied for long before) are read and worked
        out exactly."""
        look_back = add_months(self.first, -LOOK_BACK_MONTHS)
        dues = (
            values(
                column("day", Date),
                column("decision", Date),
                column("decision_complex", Date),
                column("interview", Date),
                column("interview_urgent", Date),
                name="dues",
            )
            .data([(day, *_dues(day)) for day in _days(look_back, self.as_of)])
            .cte("dues")
        )
        suspended: ColumnElement[bool] = exists().where(CaseSuspension.case_id == Case.id)
        if step == DECISION:
            made_on = Case.decision_date
            due = case((Case.complex.is_(True), dues.c.decision_complex), else_=dues.c.decision)
            needed = [Case.decision_date.is_not(None)]
        else:
            made_on = Case.interview_date
            due = case((Case.urgent.is_(True), dues.c.interview_urgent), else_=dues.c.interview)
            needed = [BenefitKind.needs_decision.is_(True)]
            suspended = false()  # an interview's deadline never stops
        made = and_(made_on >= self.first, made_on <= self.as_of)
        plain_on_time = and_(~suspended, due.is_not(None), made_on <= due)
        base = (
            select(func.count())
            .select_from(Case)
            .join(BenefitKind, BenefitKind.id == Case.kind_id)
            .outerjoin(dues, dues.c.day == Case.application_date)
        )
        on_time = self.session.scalar(base.where(made, *needed, plain_on_time)) or 0
        made_count = self.session.scalar(base.where(made, *needed)) or 0
        others = self._late_candidates(
            dues, made, or_(suspended, due.is_(None), made_on > due), needed
        )
        # overdue at the end of the period: due before it ends, not made by then, still open
        not_made = or_(made_on.is_(None), made_on > self.as_of)
        still_open = or_(Case.closed_at.is_(None), Case.closed_at >= self.end_moment)
        needs = BenefitKind.needs_decision.is_(True)
        overdue = self._late_candidates(
            dues,
            and_(
                not_made,
                still_open,
                needs,
                ~suspended,
                Case.application_date <= self.as_of,
                or_(due.is_(None), due < self.as_of),  # no due in the table: applied long ago
            ),
            None,
            [],
        )
        if step == DECISION:
            overdue += self._late_candidates(
                None,
                and_(not_made, still_open, needs, suspended, Case.application_date <= self.as_of),
                None,
                [],
            )
        stops = self._suspensions([row[0] for row in others + overdue])
        late: list[LateRow] = []
        for row in others:
            late_row = self._late_row(step, row, stops.get(row[0], ()), made=True)
            if late_row is None:
                on_time += 1
            else:
                late.append(late_row)
        seen = {row.case_id for row in late}
        for row in overdue:
            late_row = self._late_row(step, row, stops.get(row[0], ()), made=False)
            if late_row is not None and late_row.case_id not in seen:
                late.append(late_row)
                seen.add(late_row.case_id)
        late.sort(key=lambda r: (r.made is None, r.due, r.file_number))
        return DeadlineFigures(made=int(made_count), on_time=int(on_time), late=tuple(late))

    def _late_candidates(
        self,
        dues: Any,
        where: ColumnElement[bool],
        extra: ColumnElement[bool] | None,
        needed: Sequence[ColumnElement[bool]],
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
        )
        if dues is not None:
            query = query.outerjoin(dues, dues.c.day == Case.application_date)
        query = query.where(where, *needed)
        if extra is not None:
            query = query.where(extra)
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
            due = decision_due(application, bool(complex_case), stops, made_on or self.as_of)
            label = _("decision")
        else:
            due = due_date("interview_urgent" if urgent else "interview", application)
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
