"""Summaries of hours: by month, quarter and project to date; by form; by worker for supervision.

The manager (``HOURS_TOTALS``) sees every contract and project; a provider sees their own
contracts. Only held sessions count; nothing here shows a client, only numbers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Executable,
    ScalarSelect,
    case,
    func,
    literal,
    null,
    select,
    union_all,
)
from sqlalchemy.orm import Session as DbSession

from opsdesk.domain.hours import (
    Budget,
    ContractKind,
    Month,
    PeriodTotal,
    SessionForm,
    SessionState,
    carried_in,
    carry_flow,
    contracted_total,
    month_budget,
    month_first_day,
    month_last_day,
    month_totals,
    quarter_of,
    quarter_totals,
)
from opsdesk.domain.ids import ContractId, StaffId
from opsdesk.domain.roles import Action
from opsdesk.services.context import Service
from opsdesk.services.hours.access import (
    collect_duty_hours,
    contract_records,
    is_provider,
    viewable_contract_record,
    visible_contracts_query,
    with_duty_hours,
)
from opsdesk.services.hours.records import (
    ContractMonthBudget,
    ContractRecord,
    ContractSummary,
    DutyHours,
    FormRow,
    PeriodRow,
    ProjectRow,
    WorkerRow,
)
from opsdesk.services.hours.session_checks import held_minutes_by_month, terms_of
from opsdesk.services.office.staff import surname_key
from opsdesk.services.periods import checked_month, checked_year
from opsdesk.storage.models import Contract, Session, SessionParticipant, Staff

HELD = SessionState.HELD.value
WORKER = "worker"  # a participant's row among a supervision's sessions (contract_summary)


def worker_rows(session: DbSession, session_ids: list[int]) -> list[WorkerRow]:
    """Supervision hours per worker over the given sessions, by surname then first name in
    Polish order: the one list of workers every summary and printed report shows."""
    if not session_ids:
        return []
    return worker_rows_where(session, Session.id.in_(session_ids))


def worker_rows_where(session: DbSession, *where: ColumnElement[bool]) -> list[WorkerRow]:
    """:func:`worker_rows` over the sessions that match ``where`` (a contract's held ones:
    no list of ids sent to the database)."""
    return _worker_rows(
        session.execute(
            select(Staff.id, Staff.full_name, Session.minutes, SessionParticipant.consent)
            .join(SessionParticipant, SessionParticipant.staff_id == Staff.id)
            .join(Session, Session.id == SessionParticipant.session_id)
            .where(*where)
        )
    )


def _worker_rows(participations: Iterable[Any]) -> list[WorkerRow]:
    """Each worker's sessions, minutes and consents from (staff id, name, minutes, consent)
    rows, one a participation, in the workers' Polish order."""
    totals: dict[int, list[Any]] = {}  # staff id: [name, sessions, minutes, consents]
    for staff_id, name, minutes, consent in participations:
        row = totals.setdefault(staff_id, [name, 0, 0, 0])
        row[1] += 1
        row[2] += minutes
        row[3] += bool(consent)
    rows = [WorkerRow(StaffId(i), n, s, m, c) for i, (n, s, m, c) in totals.items()]
    return sorted(rows, key=lambda r: surname_key(r.full_name))


def _month(total: PeriodTotal) -> Month:
    return (total.label_key[0], total.label_key[1])


def _quarter_carry(quarter: PeriodTotal, months: tuple[PeriodRow, ...]) -> tuple[int, int]:
    """What the quarter's first month received and its last month passed on."""
    inside = [row for row in months if quarter_of((row.key[0], row.key[1])) == quarter.label_key]
    return (inside[0].carried_in, inside[-1].carried_out) if inside else (0, 0)


class HoursSummaryService(Service):
    def contract_summary(self, contract_id: ContractId) -> ContractSummary:
        with self.db.reading() as session:
            # two statements (each a round trip to a server): the contract with its duty
            # hours; its held and booked sessions with, for a supervision, its workers
            contract, record = viewable_contract_record(session, self.ctx.actor, contract_id)
            terms = terms_of(contract)
            own = select(
                Session.state,
                Session.id,
                Session.day,
                Session.minutes,
                Session.form,
                Session.over_budget_approved_by_id,
            ).where(
                Session.contract_id == contract_id,
                Session.state.in_((HELD, SessionState.BOOKED.value)),
            )
            sessions: Executable = own
            if contract.kind == ContractKind.SUPERVISION.value:
                sessions = union_all(  # a row per held session's participant besides
                    own,
                    select(
                        literal(WORKER),
                        Staff.id,
                        null(),
                        Session.minutes,
                        Staff.full_name,
                        case((SessionParticipant.consent, 1), else_=0),
                    )
                    .join(SessionParticipant, SessionParticipant.staff_id == Staff.id)
                    .join(Session, Session.id == SessionParticipant.session_id)
                    .where(Session.contract_id == contract_id, Session.state == HELD),
                )
            held: list[tuple[int, date, int, str, int | None]] = []
            planned: dict[tuple[int, int], int] = defaultdict(int)
            participations: list[tuple[int, str, int, int]] = []
            for state, row_id, day, minutes, form, approver in session.execute(sessions).all():
                if state == HELD:
                    held.append((row_id, day, minutes, form, approver))
                elif state == WORKER:  # the staff id, the name, the consent
                    participations.append((row_id, form, minutes, approver))
                else:
                    planned[(day.year, day.month)] += minutes
            workers = _worker_rows(participations)
        used: dict[tuple[int, int], int] = defaultdict(int)
        counts: dict[tuple[int, int], int] = defaultdict(int)
        approved: dict[tuple[int, int], int] = defaultdict(int)
        forms: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for _id, day, minutes, form, approver in held:
            key = (day.year, day.month)
            used[key] += minutes
            counts[key] += 1
            approved[key] += approver is not None
            forms[form][0] += 1
            forms[form][1] += minutes
        months = month_totals(terms, used, counts, planned)
        flow = carry_flow(terms, used)
        month_rows = tuple(
            PeriodRow(
                t.label_key,
                t.budget,
                t.sessions,
                approved.get(_month(t), 0),
                *flow.get(_month(t), (0, 0)),
            )
            for t in months
        )
        approved_by_quarter: dict[tuple[int, ...], int] = defaultdict(int)
        for month, count in approved.items():
            approved_by_quarter[quarter_of(month)] += count
        quarter_rows = tuple(
            PeriodRow(
                q.label_key,
                q.budget,
                q.sessions,
                approved_by_quarter[q.label_key],
                *_quarter_carry(q, month_rows),
            )
            for q in quarter_totals(months)
        )
        project = PeriodRow(
            (),
            Budget(contracted_total(terms), sum(used.values()), sum(planned.values())),
            len(held),
            sum(approved.values()),
        )
        form_rows = tuple(
            FormRow(form, *forms[form.value]) for form in SessionForm if form.value in forms
        )
        return ContractSummary(record, month_rows, quarter_rows, project, form_rows, tuple(workers))

    def projects(self) -> list[ProjectRow]:
        """Every project (by number and kind) across its contracts, for the manager."""
        self.ctx.require(Action.HOURS_TOTALS)
        with self.db.reading() as session:
            contracts = contract_records(session, session.scalars(select(Contract)))
            used: dict[int, list[int]] = defaultdict(lambda: [0, 0])
            for contract_id, minutes in session.execute(
                select(Session.contract_id, Session.minutes).where(Session.state == HELD)
            ):
                used[contract_id][0] += minutes
                used[contract_id][1] += 1
        groups: dict[tuple[str, ContractKind], list[ContractRecord]] = defaultdict(list)
        for contract in contracts:
            groups[(contract.project_number, contract.kind)].append(contract)
        rows = []
        for (number, kind), members in sorted(groups.items()):
            rows.append(
                ProjectRow(
                    number,
                    next((c.project_name for c in members if c.project_name), ""),
                    kind,
                    len(members),
                    Budget(
                        sum(contracted_total(c.terms) for c in members),
                        sum(used[c.id][0] for c in members),
                    ),
                    sum(used[c.id][1] for c in members),
                )
            )
        return rows

    def month_overview(self, month: Month) -> list[ContractMonthBudget]:
        """Every contract running in ``month`` with its budget, held and booked time, for the
        manager's overview (alerts at 80 % and 100 %, counting bookings). The budget of a
        contract with carry-over includes the minutes carried in, as the booking check
        counts them."""
        self.ctx.require(Action.HOURS_TOTALS)
        month = checked_month(month)
        first, last = month_first_day(month), month_last_day(month)
        booked = SessionState.BOOKED.value

        def month_minutes(state: str) -> ScalarSelect[int | None]:
            """A contract's held or booked minutes in the month (ix_session_contract_date)."""
            return (
                select(func.sum(Session.minutes))
                .where(
                    Session.contract_id == Contract.id,
                    Session.day >= first,
                    Session.day <= last,
                    Session.state == state,
                )
                .scalar_subquery()
            )

        with self.db.reading() as session:
            contracts = []
            minutes: dict[tuple[int, str], int] = defaultdict(int)
            duty: dict[int, list[DutyHours]] = {}
            for contract, held, planned, *hours in session.execute(  # in one statement: the
                with_duty_hours(  # month's time with each contract, its duty hours
                    select(Contract, month_minutes(HELD), month_minutes(booked)).where(
                        Contract.valid_from <= last, Contract.valid_to >= first
                    )
                )
            ):
                if contract.id not in duty:
                    contracts.append(contract)
                collect_duty_hours(duty, contract.id, hours)
                minutes[(contract.id, HELD)] = int(held or 0)
                minutes[(contract.id, booked)] = int(planned or 0)
            records = contract_records(session, contracts, duty)
            # a contract with carry-over has what the months before left unused as well
            carried = {
                record.id: carried_in(
                    record.terms,
                    month,
                    held_minutes_by_month(session, ContractId(record.id)),
                )
                for record in records
                if record.carry_over
            }
        rows = [
            ContractMonthBudget(
                record,
                month,
                Budget(
                    month_budget(record.terms, month) + carried.get(record.id, 0),
                    minutes[(record.id, HELD)],
                    minutes[(record.id, SessionState.BOOKED.value)],
                ),
                carried.get(record.id, 0),
            )
            for record in records
        ]
        return sorted(rows, key=lambda r: (r.contract.kind.value, r.contract.number))

    def supervision_by_worker(self, year: int) -> list[WorkerRow]:
        """Supervision hours per social worker in ``year`` (manager: all; supervisor: own)."""
        actor = self.ctx.require_any(Action.HOURS_TOTALS, Action.SUPERVISION_SESSIONS)
        year = checked_year(year)
        with self.db.reading() as session:
            query = visible_contracts_query(actor)
            contracts = (
                [c for c in session.scalars(query) if c.kind == ContractKind.SUPERVISION.value]
                if query is not None
                else []
            )
            if not actor.can(Action.HOURS_TOTALS):
                contracts = [c for c in contracts if is_provider(actor, c)]
            ids = list(
                session.scalars(
                    select(Session.id).where(
                        Session.contract_id.in_([c.id for c in contracts]),
                        Session.state == HELD,
                        Session.day >= date(year, 1, 1),
                        Session.day <= date(year, 12, 31),
                    )
                )
            )
            return worker_rows(session, ids)
