"""The demo office shows the second pass of cases (issue 17), made through the services: a
hand-off waiting in a worker's "Przekazane do mnie", a leave with the worker's cases given to
colleagues, an appeal forwarded to the SKO and one still to forward, a summons waiting for the
party; on PostgreSQL too."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from opsdesk.demo.builder import build_demo_office
from opsdesk.demo.case_flows import (
    APPEAL_NOTE,
    HANDOFF_NOTE,
    LEAVE_REASON,
    ON_LEAVE,
    SUMMONS_MISSING,
)
from opsdesk.services.clock import FixedClock
from opsdesk.services.registry import Services
from opsdesk.storage.database import sqlite_url
from opsdesk.storage.models import CaseAppeal, CaseSuspension, Staff
from opsdesk.storage.opening import open_database

from .conftest import BUILT_AT

TODAY = BUILT_AT.date()


@pytest.fixture
def office(demo_db, tmp_path):
    """A copy of the demo database (reading a case is audited), with the clock at BUILT_AT."""
    copy = tmp_path / "copy.sqlite3"
    with sqlite3.connect(demo_db.sqlite_path) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    db = open_database(sqlite_url(copy))
    yield db
    db.dispose()


def people(db):
    services = Services(db, None, FixedClock(BUILT_AT))
    return lambda login: services.as_actor(services.auth.login(login, f"demo-{login}"))


def check_flows(db) -> None:
    as_ = people(db)
    # a hand-off from the social work team waits for Rejon I's benefits worker
    benefits = as_("swiadczenia1")
    team_items = [i for i in benefits.inbox.waiting() if i.kind == "team"]
    assert [(i.note, i.sent_by_name) for i in team_items] == [(HANDOFF_NOTE, "Magdalena Zając")]
    assert benefits.inbox.count() >= 1
    # the leave: recorded, and none of the worker's open cases left with him
    manager = as_("kierownik")
    [absence] = manager.caseload.absences()
    assert (absence.starts_on, absence.ends_on, absence.reason) == (
        TODAY,
        TODAY + timedelta(days=13),
        LEAVE_REASON,
    )
    with db.reading() as session:
        on_leave = session.scalar(select(Staff.id).where(Staff.login == ON_LEAVE))
    assert absence.staff_id == on_leave
    assert manager.caseload.open_cases(on_leave) == []
    covering = as_("socjalny4").inbox.waiting()
    moved = [i for i in covering if i.kind == "worker"]
    assert moved and all(i.sent_by_name == "Elżbieta Wiśniewska" for i in moved)
    events = manager.cases.get(moved[0].case_id).events
    assert ("worker", LEAVE_REASON) in [(e.kind, e.reason) for e in events]
    # two appeals: one forwarded to the SKO, one lodged yesterday and still to forward
    with db.reading() as session:
        appeals = session.execute(
            select(CaseAppeal.case_id, CaseAppeal.lodged_on, CaseAppeal.forwarded_on)
        ).all()
    assert len(appeals) == 2 and all(a.lodged_on <= TODAY for a in appeals)
    [forwarded] = [a for a in appeals if a.forwarded_on is not None]
    [waiting] = [a for a in appeals if a.forwarded_on is None]
    assert waiting.lodged_on == TODAY - timedelta(days=1)
    [record] = manager.appeals.of_case(forwarded.case_id)
    assert record.note == APPEAL_NOTE and not record.forward_overdue
    card = manager.cases.get(waiting.case_id).summary
    assert card.next_due_label == "przekazanie odwołania do SKO"
    assert card.next_due == date(2026, 3, 17)  # 7 days from Tue 10.03
    # a summons: the case waits for the party's papers
    with db.reading() as session:
        summoned = session.scalars(
            select(CaseSuspension.case_id).where(CaseSuspension.kind == "summons")
        ).all()
    assert len(summoned) == 1
    case = manager.cases.get(summoned[0])
    assert case.awaiting_completion == TODAY + timedelta(days=7)
    assert next(e for e in case.events if e.kind == "summons").reason == SUMMONS_MISSING
    assert case.summary.next_due_label == "czeka na uzupełnienie braków"
    assert case.summary.team_name == benefits.cases.get(summoned[0]).summary.team_name


def test_the_demo_shows_cases_in_motion(office):
    check_flows(office)


@pytest.mark.postgresql
def test_the_same_on_postgresql(postgresql_url):
    db = open_database(postgresql_url)
    try:
        assert build_demo_office(db, BUILT_AT).created
        check_flows(db)
    finally:
        db.dispose()
