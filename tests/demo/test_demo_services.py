"""The office's own services work on the demo data: logins, queues, boards, new numbers."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import func, select

from opsdesk.demo.accounts import DEMO_ACCOUNTS
from opsdesk.services.cases.records import CaseInput
from opsdesk.services.clock import FixedClock
from opsdesk.services.registry import Services
from opsdesk.storage.database import sqlite_url
from opsdesk.storage.models import Case, Client
from opsdesk.storage.opening import open_database

from .conftest import BUILT_AT, NEW_CLIENT


@pytest.fixture
def office(demo_db, tmp_path):
    """A copy of the demo database (these tests change it), with the clock at BUILT_AT."""
    copy = tmp_path / "copy.sqlite3"
    with sqlite3.connect(demo_db.sqlite_path) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    db = open_database(sqlite_url(copy))
    services = Services(db, None, FixedClock(BUILT_AT))
    yield lambda login: services.as_actor(services.auth.login(login, f"demo-{login}"))
    db.dispose()


def test_every_demo_account_logs_in(office):
    for account in DEMO_ACCOUNTS:
        assert office(account.login).actor.login == account.login


def test_each_benefits_worker_has_someone_to_call(office):
    manager = office("kierownik")
    benefits = next(t for t in manager.teams.list() if t.kind == "benefits")
    called = []
    for login in ("swiadczenia1", "swiadczenia2"):
        called.append(office(login).queue.call_next(benefits.id).ticket)
    assert all(ticket.startswith("Ś-") for ticket in called)
    assert len(set(called)) == 2


def test_new_client_and_case_continue_the_numbering(office, demo_db):
    with demo_db.reading() as session:
        last_code = session.scalar(select(func.max(Client.code)))
        last_seq = session.scalar(
            select(func.max(Case.file_seq)).where(Case.file_year == BUILT_AT.year)
        )
    clerk, worker = office("rejestracja"), office("swiadczenia1")
    client = clerk.clients.create(NEW_CLIENT)
    assert client.code == f"K-{int(last_code[2:]) + 1:06d}"
    kind = next(k for k in worker.cases.kinds() if k.code == "zasilek_celowy")
    case = worker.cases.create(
        CaseInput(client_id=client.id, kind_id=kind.id, summary="Zakup opału.")
    )
    assert case.file_number == f"OPS.{(last_seq or 0) + 1}.{BUILT_AT.year}"


def test_boards_list_every_column_with_cases(office):
    manager = office("kierownik")
    for team in manager.boards.teams():
        board = manager.boards.board(team.id)
        assert all(column.count > 0 for column in board.columns), team.name
