"""A write that waited the whole busy timeout for other writers tries again instead of telling
the user "database is locked" (SQLite's busy handler has no queue: under back-to-back writes of
other processes a writer can lose every race)."""

import sqlite3

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from opsdesk.storage import database as database_module
from opsdesk.storage.opening import open_database


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_MS", 50)
    db = open_database(f"sqlite:///{tmp_path}/opsdesk.sqlite3")
    yield db
    db.dispose()


def hold_write_lock(db):
    other = sqlite3.connect(db.sqlite_path, isolation_level=None, timeout=0)
    other.execute("BEGIN IMMEDIATE")
    return other


def test_a_writer_held_off_once_tries_again(db, monkeypatch):
    other = hold_write_lock(db)
    waits = []

    def warning(*args):  # the first wait ran out: the other writer finishes now
        waits.append(args)
        if other.in_transaction:
            other.execute("COMMIT")

    monkeypatch.setattr(database_module.log, "warning", warning)
    with db.transaction() as session:
        session.execute(text("INSERT INTO setting VALUES ('k', '1')"))
    assert len(waits) == 1
    with db.reading() as session:
        assert session.execute(text("SELECT value FROM setting")).scalar() == "1"
    other.close()


def test_a_lock_never_released_is_still_reported(db, monkeypatch):
    other = hold_write_lock(db)
    monkeypatch.setattr(database_module.log, "warning", lambda *a: None)
    with pytest.raises(OperationalError, match="locked"):
        with db.transaction() as session:
            session.execute(text("INSERT INTO setting VALUES ('k', '1')"))
    other.close()
