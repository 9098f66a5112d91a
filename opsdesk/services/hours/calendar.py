"""The psychologist's week: duty-hour slots, free or taken, and booking a client into one.

The first-contact desk (``PSYCH_BOOK``) sees which slots are free and books a client, often
from a reception contact (``visit_id``); it sees taken slots as taken, nothing more. The
booking becomes a held session (the psychologist marks it, the budget is checked then) or a
no-show, which uses no budget.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from sqlalchemy import Row, select
from sqlalchemy.orm import Session as DbSession

from opsdesk.domain.formatting import format_date
from opsdesk.domain.hours import (
    BookingBudget,
    Budget,
    ContractKind,
    SessionForm,
    SessionState,
    carried_in,
    check_booking,
    month_of,
    overlaps,
    session_end,
    session_start,
)
from opsdesk.domain.ids import ClientId, ContractId, SessionId, VisitId, optional_id
from opsdesk.domain.roles import Action
from opsdesk.domain.workdays import is_holiday
from opsdesk.errors import Conflict, NotFound, PermissionDenied, ValidationError
from opsdesk.i18n import _
from opsdesk.services import audit
from opsdesk.services.context import Service
from opsdesk.services.hours.access import (
    choosable_clients,
    contract_records,
    is_provider,
    load_contract,
    session_records,
)
from opsdesk.services.hours.approval import refuse_locked
from opsdesk.services.hours.records import (
    SLOT_FREE,
    BookingInput,
    BookingOverBudget,
    BookingRecord,
    CalendarSlot,
    ContractRecord,
    DutyHours,
    WeekCalendar,
)
from opsdesk.services.hours.session_checks import (
    booked_minutes,
    client_problems,
    find_clash,
    form_problem,
    held_minutes_by_month,
    terms_of,
    when_problems,
)
from opsdesk.storage.models import Client, Contract, Session, SessionClient, Visit


def duty_slots(duty: DutyHours, day: date) -> list[time]:
    """Start times of the slots of one duty window on ``day``."""
    starts = []
    moment = datetime.combine(day, duty.start)
    end = datetime.combine(day, duty.end)
    while moment + timedelta(minutes=duty.slot_minutes) <= end:
        starts.append(moment.time())
        moment += timedelta(minutes=duty.slot_minutes)
    return starts


class HoursCalendarService(Service):
    def change_mark(self) -> tuple[date, int]:
        """Differs from an earlier mark once a session or a contract was booked, recorded,
        changed or cancelled anywhere in the office, or the day turned: the calendar and the
        session lists showing an older mark are out of date."""
        self.ctx.require_any(
            Action.PSYCH_BOOK,
            Action.PSYCH_SESSIONS,
            Action.SUPERVISION_SESSIONS,
            Action.SUPERVISION_ATTENDANCE,
            Action.HOURS_TOTALS,
        )
        with self.db.reading() as session:
            return self.ctx.clock.today(), audit.last_change(session, ("session", "contract"))

    def bookable(self) -> list[ContractRecord]:
        """Psychology contracts one can book into (valid today or later)."""
        actor = self.ctx.require_any(Action.PSYCH_BOOK, Action.PSYCH_SESSIONS)
        query = (
            select(Contract)
            .where(
                Contract.kind == ContractKind.PSYCHOLOGY.value,
                Contract.valid_to >= self.ctx.clock.today(),
            )
            .order_by(Contract.valid_from, Contract.number)
        )
        if not actor.can(Action.PSYCH_BOOK):
            query = query.where(Contract.provider_staff_id == actor.id)
        with self.db.reading() as session:
            return contract_records(session, session.scalars(query))

    def week(self, contract_id: ContractId, any_day: date) -> WeekCalendar:
        """The week (Monday to Sunday) containing ``any_day``."""
        try:
            monday = any_day - timedelta(days=any_day.weekday())
            days = tuple(monday + timedelta(days=i) for i in range(7))
        except OverflowError:  # the first or last week of the calendar
            raise ValidationError.single("day", _("This date is outside the calendar.")) from None
        now = self.ctx.clock.now()
        with self.db.reading() as session:
            contract = self._calendar_contract(session, contract_id)
            record = contract_records(session, [contract])[0]
            rows = (
                list(
                    session.execute(
                        select(Session, Contract)
                        .join(Contract, Contract.id == Session.contract_id)
                        .where(
                            Contract.provider_staff_id == contract.provider_staff_id,
                            Session.day >= days[0],
                            Session.day <= days[-1],
                            Session.state != SessionState.CANCELLED.value,
                        )
                        .order_by(Session.day, Session.start)
                    ).all()
                )
                if contract.provider_staff_id
                else []
            )
            labels = self._labels(session, contract, rows)
            taken = [
                CalendarSlot(
                    s.day,
                    s.start,
                    s.minutes,
                    s.state,
                    SessionId(s.id),
                    labels.get(SessionId(s.id), ""),
                    session_end(s.day, s.start, s.minutes) <= now,
                )
                for s, _c in rows
            ]
        if labels:
            with self.db.transaction() as session:
                audit.record(
                    session, self.ctx, "read", "contract", contract_id, f"week {monday.isoformat()}"
                )
        free = []
        for day in days:
            if not record.covers(day) or is_holiday(day):
                continue
            for duty in record.duty_hours:
                if duty.weekday != day.weekday():
                    continue
                for start in duty_slots(duty, day):
                    begins = session_start(day, start)
                    if any(
                        overlaps(
                            begins, duty.slot_minutes, session_start(t.day, t.start), t.minutes
                        )
                        for t in taken
                        if t.day == day
                    ):
                        continue
                    free.append(
                        CalendarSlot(day, start, duty.slot_minutes, SLOT_FREE, past=begins < now)
                    )
        slots = sorted(taken + free, key=lambda s: (s.day, s.start))
        return WeekCalendar(
            contract_id, record.provider_name, monday, days, tuple(slots), record.duty_hours
        )

    def book(self, data: BookingInput) -> BookingRecord:
        """Book a client into a free slot; the session is "booked" until it takes place."""
        actor = self.ctx.require_any(Action.PSYCH_BOOK, Action.PSYCH_SESSIONS)
        with self.db.transaction() as session:
            contract = self._booking_contract(session, data.contract_id)
            errors = when_problems(contract, data.day, data.start, data.minutes)
            if problem := form_problem(contract, data.form):
                errors["form"] = problem
            else:
                errors.update(
                    client_problems(
                        session,
                        data.form,
                        (data.client_id,),
                        choosable_clients(actor, self.ctx.clock.today()),
                    )
                )
            if session_start(data.day, data.start) < self.ctx.clock.now():
                errors.setdefault("start", _("This time has already passed."))
            if not errors and not is_provider(actor, contract):
                if problem := self._outside_duty(session, contract, data):
                    errors["start"] = problem
            if data.visit_id is not None and session.get(Visit, data.visit_id) is None:
                errors["visit"] = _("This reception contact does not exist.")
            if errors:
                raise ValidationError(errors)
            refuse_locked(session, contract.id, data.day, today=self.ctx.clock.today())
            find_clash(session, contract, data.day, data.start, data.minutes, None)
            check = self._booking_budget(session, contract, data.day, data.minutes)
            if check.exceeds and not data.over_budget_acknowledged:
                raise BookingOverBudget(check)
            row = Session(
                contract_id=contract.id,
                day=data.day,
                start=data.start.replace(second=0, microsecond=0),
                minutes=data.minutes,
                form=SessionForm(data.form).value,
                state=SessionState.BOOKED.value,
                booked_from_visit_id=data.visit_id,
                created_by_id=actor.id,
                created_at=self.ctx.clock.now(),
            )
            session.add(row)
            session.flush()
            session.add(SessionClient(session_id=row.id, client_id=data.client_id))
            audit.record(
                session,
                self.ctx,
                "book",
                "session",
                row.id,
                f"contract {contract.id}, {row.day.isoformat()} {row.start:%H:%M}"
                + (f", visit {data.visit_id}" if data.visit_id else "")
                + (
                    f", over the month's budget by {check.over_by} min acknowledged"
                    if check.exceeds
                    else ""
                ),
            )
            code = session.scalar(select(Client.code).where(Client.id == data.client_id))
            assert code is not None  # client_problems() refused an unknown client
            return BookingRecord(
                SessionId(row.id),
                ContractId(contract.id),
                contract.provider_name,
                row.day,
                row.start,
                row.minutes,
                code,
                SessionState.BOOKED,
                data.visit_id,
            )

    def month_budget(self, contract_id: ContractId, day: date) -> Budget:
        """Held and booked minutes of the month of ``day`` against its budget, for whoever
        books into the contract (the desk sees the numbers, never who was seen)."""
        with self.db.reading() as session:
            contract = self._calendar_contract(session, contract_id)
            return self._booking_budget(session, contract, day, 0).before

    def cancel_booking(self, session_id: SessionId) -> None:
        with self.db.transaction() as session:
            row = session.get(Session, session_id)
            if row is None:
                raise NotFound(_("This booking does not exist."))
            self._booking_contract(session, ContractId(row.contract_id))
            refuse_locked(
                session, row.contract_id, row.day, today=self.ctx.clock.today(), field=None
            )
            if row.state != SessionState.BOOKED.value:
                raise Conflict(_("Only a booking that has not taken place can be cancelled."))
            row.state = SessionState.CANCELLED.value
            audit.record(session, self.ctx, "cancel", "session", row.id, "booking")

    def bookings_for_client(self, client_id: ClientId) -> list[BookingRecord]:
        """A client's upcoming bookings with the psychologist (for the desk)."""
        self.ctx.require(Action.PSYCH_BOOK)
        with self.db.transaction() as session:
            if session.get(Client, client_id) is None:
                raise NotFound(_("This client does not exist."))
            rows = session.execute(
                select(Session, Contract.provider_name, Client.code)
                .join(Contract, Contract.id == Session.contract_id)
                .join(SessionClient, SessionClient.session_id == Session.id)
                .join(Client, Client.id == SessionClient.client_id)
                .where(
                    SessionClient.client_id == client_id,
                    Session.state == SessionState.BOOKED.value,
                    Session.day >= self.ctx.clock.today(),
                )
                .order_by(Session.day, Session.start)
            ).all()
            audit.record(session, self.ctx, "read", "client", client_id, "psychologist bookings")
            return [
                BookingRecord(
                    SessionId(s.id),
                    ContractId(s.contract_id),
                    provider,
                    s.day,
                    s.start,
                    s.minutes,
                    code,
                    SessionState(s.state),
                    optional_id(VisitId, s.booked_from_visit_id),
                )
                for s, provider, code in rows
            ]

    # --- helpers -------------------------------------------------------------------------

    def _calendar_contract(self, session: DbSession, contract_id: ContractId) -> Contract:
        contract = load_contract(session, contract_id)
        actor = self.ctx.actor
        if contract.kind != ContractKind.PSYCHOLOGY.value:
            raise NotFound(_("Only a psychologist's contract has a booking calendar."))
        if actor is None or not (
            actor.can(Action.PSYCH_BOOK)
            or actor.can(Action.HOURS_TOTALS)
            or is_provider(actor, contract)
        ):
            raise PermissionDenied()
        return contract

    def _booking_contract(self, session: DbSession, contract_id: ContractId) -> Contract:
        self.ctx.require_any(Action.PSYCH_BOOK, Action.PSYCH_SESSIONS)
        contract = load_contract(session, contract_id)
        actor = self.ctx.actor
        if actor is None or not (actor.can(Action.PSYCH_BOOK) or is_provider(actor, contract)):
            raise PermissionDenied()
        if contract.kind != ContractKind.PSYCHOLOGY.value:
            raise ValidationError.single(
                "contract", _("Clients can be booked only with the psychologist.")
            )
        return contract

    @staticmethod
    def _booking_budget(
        session: DbSession, contract: Contract, day: date, minutes: int
    ) -> BookingBudget:
        month = month_of(day)
        contract_id = ContractId(contract.id)
        held = held_minutes_by_month(session, contract_id)
        terms = terms_of(contract)
        return check_booking(
            terms,
            day,
            minutes,
            held.get(month, 0),
            booked_minutes(session, contract_id, month),
            carried_in(terms, month, held),
        )

    def _labels(
        self,
        session: DbSession,
        contract: Contract,
        rows: Sequence[Row[Session, Contract]],
    ) -> dict[SessionId, str]:
        """What the reader sees on a taken slot: the psychologist their clients' names, the
        manager client codes, the desk nothing but "taken"."""
        actor = self.ctx.require_actor()
        if not (actor.can(Action.HOURS_TOTALS) or is_provider(actor, contract)):
            return {}
        own = [s for s, c in rows if c.id == contract.id]
        records = session_records(session, actor, {contract.id: contract}, own)
        return {r.id: r.people_label for r in records}

    @staticmethod
    def _outside_duty(session: DbSession, contract: Contract, data: BookingInput) -> str | None:
        record = contract_records(session, [contract])[0]
        if not record.duty_hours:
            return _("The psychologist has no duty hours set; ask the manager to set them.")
        begins = session_start(data.day, data.start)
        ends = begins + timedelta(minutes=data.minutes)
        for duty in record.duty_hours:
            if duty.weekday == data.day.weekday() and (
                datetime.combine(data.day, duty.start) <= begins
                and ends <= datetime.combine(data.day, duty.end)
            ):
                return None
        return _("The psychologist does not receive clients then ({date} {time}).").format(
            date=format_date(data.day), time=f"{data.start:%H:%M}"
        )
