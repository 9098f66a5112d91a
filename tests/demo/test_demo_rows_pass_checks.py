"""Every row the demo writes past the services passes the services' own checks.

The demo inserts two years of history in bulk (a service call per visit would take minutes
and could not date a record in the past), so this proves instead that each row is one the
services would have accepted: it is put back into the service's input and run through the
validation the service itself calls (never a copy of it), with the clock at the moment the
row was made. A check that changes the database runs in a savepoint that is rolled back.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, time, timedelta

import pytest
from sqlalchemy import select

from opsdesk.demo.accounts import DEMO_ACCOUNTS
from opsdesk.domain.hours import ContractKind, SessionForm
from opsdesk.domain.queue import Channel, Outcome
from opsdesk.domain.roles import Role
from opsdesk.domain.routing import AreaRule
from opsdesk.services.account.auth import actor_for, validate_login
from opsdesk.services.cases.case_service import insert_case
from opsdesk.services.cases.records import CaseInput
from opsdesk.services.clients.register import ClientInput, ClientService
from opsdesk.services.clock import FixedClock
from opsdesk.services.context import ServiceContext
from opsdesk.services.hours.contracts import ContractService, _duty_problem
from opsdesk.services.hours.records import ContractInput, DutyHours, ParticipantInput
from opsdesk.services.hours.session_checks import (
    client_problems,
    form_problem,
    note_problem,
    participant_problems,
    when_problems,
)
from opsdesk.services.office.profile import OfficeInput, validate_office
from opsdesk.services.office.records import RegionAreaRecord
from opsdesk.services.office.regions import _areas_problem
from opsdesk.services.office.staff import StaffInput, StaffService
from opsdesk.services.reception.desk import ContactInput, ReceptionService
from opsdesk.services.reception.rooms import BookingInput, RoomService
from opsdesk.storage.models import (
    Case,
    Client,
    Contract,
    ContractDutyHours,
    OfficeProfile,
    Region,
    RegionStreet,
    RoomBooking,
    Session,
    SessionClient,
    SessionNote,
    SessionParticipant,
    Staff,
    StaffRole,
    TeamStatus,
    Visit,
)

from .conftest import BUILT_AT

EVENING = time(23, 59)


@pytest.fixture
def checked(demo_db):
    """(session, service context, clock): the demo database in a transaction that is rolled
    back, the clock at BUILT_AT, acting as the manager (each test picks its actor)."""
    clock = FixedClock(BUILT_AT)
    with demo_db.transaction() as session:
        nested = session.begin_nested()
        ctx = ServiceContext(demo_db, None, clock)
        yield session, ctx, clock
        nested.rollback()


def acting(ctx: ServiceContext, session, login: str) -> None:
    staff = session.scalar(select(Staff).where(Staff.login == login))
    ctx.actor = actor_for(session, staff)


def refused(what: str, problems) -> list[str]:
    return [f"{what}: {problems}"] if problems else []


def test_office_profile_passes_the_office_check(checked):
    session, _ctx, _clock = checked
    office = session.scalar(select(OfficeProfile))
    fields = OfficeInput.__dataclass_fields__
    assert validate_office(OfficeInput(**{f: getattr(office, f) for f in fields})) == {}


def test_staff_accounts_pass_the_staff_check(checked):
    session, ctx, _clock = checked
    service = StaffService(ctx)
    passwords = {a.login: a.password for a in DEMO_ACCOUNTS}
    problems = []
    for staff in session.scalars(select(Staff)):
        roles = frozenset(
            Role(r)
            for r in session.scalars(select(StaffRole.role).where(StaffRole.staff_id == staff.id))
        )
        data = StaffInput(
            staff.login,
            staff.full_name,
            roles,
            staff.team_id,
            staff.workplace,
            staff.email,
            passwords[staff.login],
            passwords[staff.login],
        )
        problems += refused(staff.login, _new_account_problems(session, service, data))
        problems += refused(staff.login, validate_login(staff.login))
    assert problems == []


def _new_account_problems(session, service: StaffService, data: StaffInput) -> dict:
    """The checks of creating the account: its own login is set aside, as if it were new."""
    errors = service._validate(session, data, None)
    if errors.get("login") and not validate_login(data.login):
        errors.pop("login")  # "already taken": by this very account
    return errors


def test_regions_pass_the_region_checks(checked):
    session, _ctx, _clock = checked
    regions = list(session.scalars(select(Region).order_by(Region.id)))
    streets = defaultdict(list)
    for row in session.scalars(select(RegionStreet).order_by(RegionStreet.id)):
        streets[row.region_id].append(row)
    problems = []
    saved: list = []  # regions saved before, as the region service compares them
    workers = {Role.SOCIAL_WORKER.value, Role.SERVICES_WORKER.value}
    for region in regions:
        areas = tuple(
            RegionAreaRecord(s.locality, s.street, s.number_from, s.number_to)
            for s in streets[region.id]
        )
        problems += refused(region.name, _areas_problem(areas, saved))
        for worker in (region.benefits_worker_id, region.social_worker_id):
            roles = set(session.scalars(select(StaffRole.role).where(StaffRole.staff_id == worker)))
            problems += refused(region.name, None if roles & workers else "worker's role")
        saved += [
            (region.name, AreaRule(region.id, a.locality, a.street, a.number_from, a.number_to))
            for a in areas
        ]
    assert problems == [] and len(regions) == 3


def test_clients_pass_the_register_check(checked):
    session, ctx, clock = checked
    service = ClientService(ctx)
    problems = []
    for client in session.scalars(select(Client).order_by(Client.id)):
        clock.moment = client.created_at
        data = ClientInput(
            client.first_name,
            client.last_name,
            client.pesel or "",
            client.document_number or "",
            client.birth_date,
            client.sex,
            client.locality,
            client.street,
            client.house_number,
            client.flat_number,
            client.postal_code,
            client.phone,
            client.email,
        )
        try:
            cleaned = service._clean(session, data, client.id)
        except Exception as error:
            problems.append(f"{client.code}: {error}")
            continue
        if (cleaned.birth_date, cleaned.sex) != (client.birth_date, client.sex):
            problems.append(f"{client.code}: PESEL disagrees with the birth date or sex")
    assert problems == []


def test_cases_pass_the_check_of_opening_a_case(checked):
    """Each case opened again, as the desk would on its application day (savepoint)."""
    session, ctx, clock = checked
    acting(ctx, session, "rejestracja")
    closing = set(session.scalars(select(TeamStatus.id).where(TeamStatus.closes_case)))
    problems = []
    for case in session.scalars(select(Case).order_by(Case.id)).all():
        clock.moment = datetime.combine(case.application_date, EVENING)
        data = CaseInput(
            case.client_id,
            case.kind_id,
            case.team_id,
            case.worker_id,
            case.application_date,
            case.urgent,
            case.complex,
            case.summary,
            None if case.status_id in closing else case.status_id,
        )
        savepoint = session.begin_nested()
        try:
            insert_case(session, ctx, data, case.opened_from_visit_id)
        except Exception as error:
            problems.append(f"{case.file_number}: {error}")
        finally:
            savepoint.rollback()
    assert problems == []


def test_visits_pass_the_desk_check(checked):
    session, ctx, clock = checked
    acting(ctx, session, "rejestracja")
    service = ReceptionService(ctx)
    problems = []
    for visit in session.scalars(select(Visit).order_by(Visit.id)):
        clock.moment = visit.arrived_at
        channel = Channel(visit.channel)
        team = visit.redirected_from_team_id or visit.target_team_id
        data = ContactInput(
            channel,
            visit.purpose_id,
            visit.client_id,
            visit.visitor_label,
            visit.priority_reason,
            team_id=team,
            worker_id=None if visit.redirected_from_team_id else visit.target_worker_id,
            no_worker=visit.target_worker_id is None and not visit.redirected_from_team_id,
            override_reason=visit.routing_override_reason,
            note=visit.note,
            outcome=None if channel.gets_ticket or not visit.outcome else Outcome(visit.outcome),
        )
        try:
            service._clean(session, data)
        except Exception as error:
            problems.append(f"visit {visit.id} ({visit.day}): {error}")
    assert not problems, problems[:10]


def test_contracts_pass_the_contract_check(checked):
    session, ctx, _clock = checked
    service = ContractService(ctx)
    problems = []
    for contract in session.scalars(select(Contract)):
        duty = tuple(
            DutyHours(d.weekday, d.start, d.end, d.slot_minutes)
            for d in session.scalars(
                select(ContractDutyHours).where(ContractDutyHours.contract_id == contract.id)
            )
        )
        data = ContractInput(
            ContractKind(contract.kind),
            contract.number,
            contract.provider_staff_id,
            contract.monthly_minutes,
            contract.valid_from,
            contract.valid_to,
            contract.provider_name,
            contract.provider_company,
            contract.project_minutes,
            contract.pro_rata_first_month,
            contract.project_name,
            contract.project_number,
            duty,
        )
        try:
            service._validate(session, data, contract)
        except Exception as error:
            problems.append(f"{contract.number}: {error}")
        problems += refused(contract.number, [p for d in duty if (p := _duty_problem(d))])
    assert problems == []


def test_sessions_pass_the_session_checks(checked):
    session, _ctx, _clock = checked
    contracts = {c.id: c for c in session.scalars(select(Contract))}
    clients, participants, notes = defaultdict(list), defaultdict(list), {}
    for row in session.scalars(select(SessionClient)):
        clients[row.session_id].append(row.client_id)
    for row in session.scalars(select(SessionParticipant)):
        participants[row.session_id].append(ParticipantInput(row.staff_id, row.consent))
    for row in session.scalars(select(SessionNote)):
        notes[row.session_id] = row.text
    problems = []
    for row in session.scalars(select(Session).order_by(Session.id)):
        contract, form = contracts[row.contract_id], SessionForm(row.form)
        errors = when_problems(contract, row.day, row.start, row.minutes)
        if problem := form_problem(contract, form):
            errors["form"] = problem
        if contract.kind == ContractKind.PSYCHOLOGY.value:
            errors.update(client_problems(session, form, clients[row.id]))
        else:
            errors.update(participant_problems(session, form, participants[row.id]))
        if problem := note_problem(contract, notes.get(row.id)):
            errors["note"] = problem
        problems += refused(f"session {row.id} ({row.day})", errors)
    assert problems == []


def test_room_bookings_pass_the_booking_check(checked):
    session, ctx, clock = checked
    service = RoomService(ctx)
    problems = []
    for booking in session.scalars(select(RoomBooking)):
        clock.moment = booking.starts_at - timedelta(hours=1)  # booked before it began
        data = BookingInput(
            booking.room,
            booking.starts_at,
            booking.ends_at,
            booking.worker_id,
            booking.client_id,
            booking.note,
        )
        problems += refused(f"booking {booking.id}", service._validate(session, data))
    assert problems == []
