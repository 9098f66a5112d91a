"""The writes nobody waits for (storage/write_behind.py): the audit entries of lists shown."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest
from sqlalchemy import text

from opsdesk.storage import write_behind
from opsdesk.storage.write_behind import WriteBehind


def committing(log: list[str], lock: threading.Lock | None = None):
    """A transaction runner that records what each committed batch held."""

    def transaction(write) -> None:
        batch: list[str] = []
        if lock is not None:
            with lock:
                pass
        write(batch)
        log.append(",".join(batch))

    return transaction


def test_the_caller_does_not_wait_and_a_flush_waits_for_everything_submitted():
    gate = threading.Lock()
    gate.acquire()  # the database is busy: the writer cannot commit yet
    log: list[str] = []
    writer = WriteBehind(committing(log, gate))
    writer.submit(lambda batch: batch.append("a"))
    writer.submit(lambda batch: batch.append("b"))
    assert log == [] and writer.pending == 2  # submitted, the callers went on
    assert writer.flush(timeout=0.2) is False  # still held
    gate.release()
    assert writer.flush(timeout=10) is True
    assert writer.pending == 0
    # what queued up while the database was busy went in together (or in turn), in order
    assert ",".join(log).split(",") == ["a", "b"]


def test_a_failed_commit_is_retried_until_it_succeeds(monkeypatch, caplog):
    monkeypatch.setattr(write_behind, "RETRY_SECONDS", (0.01,))
    attempts: list[int] = []
    log: list[str] = []

    def flaky(write) -> None:
        attempts.append(1)
        if len(attempts) < 3:
            raise OSError("database is locked")
        committing(log)(write)

    writer = WriteBehind(flaky)
    writer.submit(lambda batch: batch.append("entry"))
    assert writer.flush(timeout=10)
    assert log == ["entry"] and len(attempts) == 3
    assert "writing 1 audit entries failed" in caplog.text


def test_an_idle_writer_ends_and_a_new_write_starts_it_again(monkeypatch):
    monkeypatch.setattr(write_behind, "IDLE_SECONDS", 0.05)
    log: list[str] = []
    writer = WriteBehind(committing(log))
    writer.submit(lambda batch: batch.append("one"))
    assert writer.flush(timeout=10)
    deadline = time.monotonic() + 10
    while writer._thread is not None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert writer._thread is None  # no thread left behind per database
    writer.submit(lambda batch: batch.append("two"))
    assert writer.flush(timeout=10)
    assert log == ["one", "two"]


def test_the_program_ending_writes_what_is_queued():
    gate = threading.Lock()
    gate.acquire()
    log: list[str] = []
    writer = WriteBehind(committing(log, gate))
    writer.submit(lambda batch: batch.append("last"))
    threading.Timer(0.1, gate.release).start()
    write_behind._flush_all_at_exit()  # what atexit runs
    assert log == ["last"]


def test_a_list_shown_while_another_workstation_writes_is_not_held_up(hours):
    """A client search answers while another program holds the office's write lock (before,
    it waited for the lock to write its audit entry); the entry follows when the lock goes."""
    path = hours.clerk.db.sqlite_path
    if path is None:
        pytest.skip("the write lock held here is SQLite's")
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        found = hours.clerk.clients.search("Kowalski")
        assert found, "the office has a Kowalski"
        assert hours.clerk.db.behind.pending == 1
    finally:
        other.execute("ROLLBACK")
        other.close()
    entries = hours.manager.audit.entries(action="list")  # waits for the entry
    assert entries[0].detail == f"client search: „Kowalski” ({len(found)})"


def test_closing_the_database_writes_the_queue_first(hours, tmp_path):
    hours.clerk.clients.search("Kowalski")
    db = hours.clerk.db
    db.dispose()
    assert db.behind.pending == 0
    with db.reading() as session:
        assert (
            session.execute(
                text("SELECT count(*) FROM audit_entry WHERE action = 'list'")
            ).scalar_one()
            >= 1
        )


def test_a_reader_of_the_audit_is_not_held_for_ever_by_a_database_that_takes_no_write(
    caplog,
):
    gate = threading.Lock()
    gate.acquire()  # the server is down for longer than anyone waits
    log: list[str] = []
    writer = WriteBehind(committing(log, gate))
    writer.submit(lambda batch: batch.append("entry"))
    assert writer.finish(timeout=0.2) is False
    assert "1 audit entries not yet written after 0 s" in caplog.text
    gate.release()  # back again: the entry follows
    assert writer.finish(timeout=10) is True and log == ["entry"]
