"""After the demo is built, the office works on: new records of every kind are saved.

Guards "ids behind" bugs: if the demo's rows left a database's id numbering behind (a
PostgreSQL sequence short of the table's largest id), the first new row of that table fails.
Runs on SQLite always, and on PostgreSQL when ``OPSDESK_TEST_POSTGRESQL_URL`` names an empty
database the test may wipe (the ``postgresql_url`` fixture; .ci/postgresql starts a server).
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import text

from opsdesk.demo.builder import build_demo_office
from opsdesk.domain.hours import ContractKind
from opsdesk.domain.queue import Channel
from opsdesk.domain.roles import Role
from opsdesk.services.cases.records import CaseInput
from opsdesk.services.clock import FixedClock
from opsdesk.services.hours.records import BookingInput as SessionBooking
from opsdesk.services.office.role_changes import SecondPerson
from opsdesk.services.office.staff import StaffInput
from opsdesk.services.reception.desk import ContactInput
from opsdesk.services.reception.rooms import BookingInput as RoomBookingInput
from opsdesk.services.registry import Services
from opsdesk.storage.database import sqlite_url
from opsdesk.storage.health import check_database
from opsdesk.storage.opening import open_database
from opsdesk.storage.sequences import catch_up, lagging

from .conftest import BUILT_AT, NEW_CLIENT

AFTER = BUILT_AT + timedelta(minutes=10)


@pytest.fixture
def sqlite_demo(demo_db, tmp_path):
    """A copy of the shared demo database (this test adds to it)."""
    copy = tmp_path / "copy.sqlite3"
    with sqlite3.connect(demo_db.sqlite_path) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    db = open_database(sqlite_url(copy))
    yield db
    db.dispose()


@pytest.fixture
def postgresql_demo(postgresql_url):
    """The demo office built on an emptied PostgreSQL database."""
    db = open_database(postgresql_url)
    try:
        summary = build_demo_office(db, BUILT_AT)
        assert summary.created and summary.visits > 5000
        yield db
    finally:
        db.dispose()


def logged_in(db, login: str) -> Services:
    services = Services(db, None, FixedClock(AFTER))
    return services.as_actor(services.auth.login(login, f"demo-{login}"))


def create_one_of_each(db) -> dict[str, int]:
    """A visit, client, case, session, room booking and staff account, through the services
    as the people who make them; returns the new records' ids."""
    clerk = logged_in(db, "rejestracja")
    client = clerk.clients.create(NEW_CLIENT)
    information = next(p for p in clerk.reception.purposes() if p.code == "information")
    visit = clerk.reception.register(ContactInput(Channel.IN_PERSON, information.id, client.id))
    contract = next(c for c in clerk.hours_calendar.bookable() if c.kind is ContractKind.PSYCHOLOGY)
    day = _free_duty_day(BUILT_AT.date() + timedelta(days=35))
    booked = clerk.hours_calendar.book(
        SessionBooking(contract.id, day, time(8, 0), 60, client.id, visit.id)
    )
    worker = logged_in(db, "swiadczenia1")
    kind = next(k for k in worker.cases.kinds() if k.code == "zasilek_celowy")
    case = worker.cases.create(
        CaseInput(client_id=client.id, kind_id=kind.id, summary="Zakup opału.")
    )
    room = clerk.rooms.book(
        RoomBookingInput(
            clerk.rooms.rooms()[0],
            datetime.combine(day, time(10, 0)),
            datetime.combine(day, time(10, 45)),
            worker.actor.id,
            client.id,
        )
    )
    admin = logged_in(db, "admin")
    staff = admin.staff.create(
        StaffInput(
            "asystent",
            "Ewa Nowa",
            frozenset({Role.CLERK}),
            clerk.actor.team_id,
            password="haslo-asystenta",
            password_repeat="haslo-asystenta",
        ),
        SecondPerson("kierownik", "demo-kierownik"),  # roles need a second person
    )
    return {
        "client": client.id,
        "visit": visit.id,
        "session": booked.session_id,
        "case": case.id,
        "room_booking": room.id,
        "staff": staff.id,
    }


def _free_duty_day(after: date) -> date:
    """The first Tuesday from ``after``: a duty day past the demo's bookings."""
    return after + timedelta(days=(1 - after.weekday()) % 7)


def test_new_records_of_every_kind_after_the_demo_on_sqlite(sqlite_demo):
    with sqlite_demo.transaction() as session:
        catch_up(session)  # a no-op on SQLite
        assert lagging(session) == []
    created = create_one_of_each(sqlite_demo)
    assert all(created.values())


@pytest.mark.postgresql
def test_new_records_of_every_kind_after_the_demo_on_postgresql(postgresql_demo):
    with postgresql_demo.reading() as session:
        assert lagging(session) == []
    created = create_one_of_each(postgresql_demo)
    assert all(created.values())
    assert check_database(postgresql_demo.url).ok


@pytest.mark.postgresql
def test_check_reports_a_sequence_behind_and_catch_up_mends_it(postgresql_demo):
    with postgresql_demo.transaction() as session:  # a row loaded with an explicit id
        session.execute(text("INSERT INTO household (id, created_at) VALUES (100000, now())"))
    report = check_database(postgresql_demo.url)
    assert not report.ok and any("household" in line for line in report.lines)
    with postgresql_demo.transaction() as session:
        catch_up(session)
    assert check_database(postgresql_demo.url).ok
    assert all(create_one_of_each(postgresql_demo).values())
