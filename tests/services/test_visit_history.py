"""A visit's history read in the statement that takes it (storage/visit_history.py): the share
of the daily counts "call next" starts from, without a statement of its own."""

from __future__ import annotations

import threading
import time

import pytest
from reception_office import desk  # noqa: F401  (fixture)
from sqlalchemy import create_engine, literal_column, select, text
from sqlalchemy.pool import NullPool

from opsdesk.domain.queue import Channel, Outcome
from opsdesk.services.reception.desk import ContactInput
from opsdesk.storage import indicator_counts
from opsdesk.storage.models import Visit
from opsdesk.storage.visit_history import steps, visit_history


def _register(desk, clock, purpose="information"):  # noqa: F811
    clock.advance(minutes=1)
    return desk.clerk.reception.register(ContactInput(Channel.IN_PERSON, desk.purposes[purpose]))


def _taken_and_read(db, visit_id: int):
    """The visit as a take notes it, and as the flush would otherwise read it."""
    with db.reading() as session:
        row = session.execute(
            select(Visit, *indicator_counts.taken_columns()).where(Visit.id == visit_id)
        ).one()
        indicator_counts.note_taken(session, *row)
        taken = session.info[indicator_counts.KNOWN_KEY][visit_id]
        read = indicator_counts._read(session.connection(), [visit_id])[visit_id]
    return taken, read


def test_the_history_read_with_the_take_is_the_one_read_on_its_own(desk, clock):  # noqa: F811
    """Whatever the visit went through: sent to another team, called and back after "did not
    come", put on hold, events of the same minute (in the order they were recorded), rated."""
    fc, benefits = desk.teams["first_contact"], desk.teams["benefits"]
    q = desk.clerk.queue
    sent_on = _register(desk, clock)
    rated = _register(desk, clock)
    q.call(sent_on.id)
    q.redirect(sent_on.id, benefits, reason="zasiłek")
    clock.advance(minutes=2)
    q.call(sent_on.id)
    q.no_show(sent_on.id)
    q.undo_no_show(sent_on.id)
    q.call(sent_on.id)
    q.hold(sent_on.id, "dokumenty")
    q.resume(sent_on.id)
    assert q.call_next(fc).id == rated.id
    q.finish(rated.id, Outcome.INFORMATION)
    q.rate(rated.id, 5)
    never = _register(desk, clock)
    for visit in (sent_on, rated, never):
        taken, read = _taken_and_read(desk.clerk.db, visit.id)
        assert taken == read, visit.ticket
    taken, _read = _taken_and_read(desk.clerk.db, rated.id)
    assert taken.rating == 5 and taken.kind == "first_contact"
    assert [s.action for s in taken.history] == ["register", "call", "finish"]


def test_a_visit_with_no_events_has_no_history():
    assert steps(None) == [] and steps("") == []


def test_the_server_reads_the_history_after_the_lock_not_as_the_statement_began(
    desk,  # noqa: F811
    clock,
):
    """On PostgreSQL the events are read by a function with a snapshot of its own, taken
    when it runs. Here the statement that reads them starts, waits (for an advisory lock,
    where the take waits for nothing but works), and meanwhile another workstation commits
    an event of the visit: the function's history has it, a subquery's would not."""
    db = desk.clerk.db
    if db.is_sqlite:
        pytest.skip("needs a server: runs with --database=postgresql (.ci/postgresql)")
    visit = _register(desk, clock)
    other = create_engine(db.url, poolclass=NullPool)
    answer: list = []

    def reader() -> None:
        with other.connect() as connection:
            events = (
                select(text("count(*)"))
                .select_from(text("visit_event e"))
                .where(text("e.visit_id = visit.id"))
            )
            answer.extend(
                connection.execute(
                    select(
                        literal_column("pg_advisory_xact_lock(4711)"),
                        visit_history(Visit.id),
                        events.scalar_subquery(),
                    ).where(Visit.id == visit.id)
                ).one()
            )

    with other.connect() as holder:
        holder.execute(text("SELECT pg_advisory_lock(4711)"))
        thread = threading.Thread(target=reader)
        thread.start()
        for _ in range(500):  # the reader's statement has begun: it waits for the lock
            if holder.scalar(
                text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
            ):
                break
            time.sleep(0.01)
        clock.advance(minutes=1)
        desk.clerk.queue.call(visit.id)  # another workstation's event, committed
        holder.execute(text("SELECT pg_advisory_unlock(4711)"))
        thread.join(10)
    other.dispose()
    _lock, history, counted_as_the_statement_began = answer
    assert [s.action for s in steps(history)] == ["register", "call"]
    assert counted_as_the_statement_began == 1
