"""One demo office built at a fixed moment, shared by the demo tests (building takes ~2 s)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from opsdesk.demo.builder import build_demo_office
from opsdesk.services.clients.register import ClientInput
from opsdesk.storage.database import sqlite_url
from opsdesk.storage.opening import open_database

# a Wednesday in term time, mid-morning
BUILT_AT = datetime(2026, 3, 11, 11, 20)
# a person the demo office does not know yet (registered by the tests that add records)
NEW_CLIENT = ClientInput(
    "Jan",
    "Nowakowski",
    document_number="EK123456",
    birth_date=date(1980, 5, 4),
    sex="M",
    locality="Przykładów",
    street="ul. Mickiewicza",
    house_number="7",
)


@pytest.fixture(scope="session")
def demo(tmp_path_factory):
    """(database, summary) of a demo office built at BUILT_AT."""
    db = open_database(sqlite_url(tmp_path_factory.mktemp("demo") / "demo.sqlite3"))
    summary = build_demo_office(db, BUILT_AT)
    yield db, summary
    db.dispose()


@pytest.fixture(scope="session")
def demo_db(demo):
    return demo[0]


def fetch(db, query) -> list:
    """ORM objects of ``query``, detached so they stay readable after the session ends."""
    with db.reading() as session:
        found = list(session.scalars(query))
        session.expunge_all()
    return found
