"""A write on a PostgreSQL server sends its BEGIN with its first statement and the writes
nobody waits for (the audit entry, the indicators' counts) with its COMMIT
(storage/server_transaction.py): still one transaction — all of it kept on commit, none of it
after an error, whatever the first statement is and whichever write fails."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from functools import partial

import pytest
from reception_office import desk  # noqa: F401  (fixture)
from sqlalchemy import insert, select, text
from sqlalchemy.exc import DBAPIError
from wire import wire  # noqa: F401  (fixture)

from opsdesk.domain.queue import Channel
from opsdesk.services.reception.desk import ContactInput
from opsdesk.services.registry import Services
from opsdesk.storage.database import Database
from opsdesk.storage.models import Counter


@pytest.fixture
def server(db):
    if db.is_sqlite:
        pytest.skip("needs a server: runs with --database=postgresql (.ci/postgresql)")
    return db


@contextmanager
def through(relay, services) -> Iterator[Services]:
    """``services``' person and clock on the same database, reached through ``relay``."""
    proxied = Database(relay.url)
    try:
        yield Services(proxied, services.actor, services.ctx.clock)
    finally:
        proxied.dispose()


def _counters(db, scope: str) -> list[int]:
    with db.reading() as session:
        return list(session.scalars(select(Counter.value).where(Counter.scope == scope)))


def _counter_row(scope: str, name: str):
    """A write that inserts the counter ``name`` of ``scope`` (to keep for the COMMIT)."""
    row = {"name": name, "scope": scope, "value": 1}
    return lambda connection: connection.execute(insert(Counter).inline(), row)


class Refused(Exception):
    pass


# psycopg prepares a statement on a connection the fifth time it runs there, one round trip
# more that once: the counted call comes after its statements are prepared
WARM = 6


def test_call_next_is_four_round_trips(desk, clock, wire, monkeypatch):  # noqa: F811
    """BEGIN with the take (and the names, the share of the daily counts); the update; the
    event; the audit entry and the wait's count with the COMMIT. (The suite's check of every
    worked-out share, a read an office never sends, is off.)"""
    from opsdesk.storage import indicator_counts

    monkeypatch.setattr(indicator_counts, "VERIFY", False)
    for _ in range(WARM + 1):
        clock.advance(minutes=1)
        desk.clerk.reception.register(
            ContactInput(Channel.IN_PERSON, desk.purposes["benefit_application"])
        )
    team = desk.teams["benefits"]
    with through(wire, desk.clerk) as clerk:
        for _ in range(WARM):
            clerk.queue.call_next(team)
        with wire.counting() as trips:
            called = clerk.queue.call_next(team)
    assert trips[0] == 4
    assert called.ticket == f"Ś-{WARM + 1:03d}"


def test_registering_a_person_is_six_round_trips(desk, clock, wire, monkeypatch):  # noqa: F811
    """BEGIN with the purpose; its team (routing and the ticket's letter share it); the
    ticket's counter; the visit; its event; the daily counts and the audit entry with the
    COMMIT."""
    from opsdesk.storage import indicator_counts

    monkeypatch.setattr(indicator_counts, "VERIFY", False)
    contact = ContactInput(Channel.IN_PERSON, desk.purposes["benefit_application"])
    with through(wire, desk.clerk) as clerk:
        for _ in range(WARM):
            clerk.reception.register(contact)
        clock.advance(minutes=1)
        with wire.counting() as trips:
            visit = clerk.reception.register(contact)
    assert trips[0] == 6
    assert visit.ticket == f"Ś-{WARM + 1:03d}"


@pytest.mark.parametrize("first", ["insert", "batch", "no parameters"])
def test_a_write_is_one_transaction_whatever_its_first_statement(server, first):
    def write(session, scope: str) -> None:
        if first == "insert":
            session.execute(insert(Counter).values(name="t", scope=scope, value=1))
        elif first == "batch":
            rows = [{"name": f"t{i}", "scope": scope, "value": i} for i in (1, 2)]
            session.execute(insert(Counter), rows)
        else:
            session.execute(
                text(f"INSERT INTO counter (name, scope, value) VALUES ('t', '{scope}', 1)")
            )
        session.execute(insert(Counter).values(name="after", scope=scope, value=9))

    with pytest.raises(Refused), server.transaction() as session:
        write(session, "undone")
        raise Refused
    assert _counters(server, "undone") == []
    with server.transaction() as session:
        write(session, "kept")
    assert 9 in _counters(server, "kept") and len(_counters(server, "kept")) >= 2


def test_a_first_statement_the_server_refuses_leaves_the_connection_usable(server):
    with pytest.raises(DBAPIError), server.transaction() as session:
        session.execute(text("SELECT 1 / 0"))
    with pytest.raises(DBAPIError), server.transaction() as session:
        session.execute(insert(Counter).values(name="ok", scope="refused", value=1))
        session.execute(text("SELECT 1 / 0"))
    with server.transaction() as session:
        session.execute(insert(Counter).values(name="ok", scope="after", value=1))
    assert _counters(server, "refused") == [] and _counters(server, "after") == [1]


def test_a_driver_without_pipelines_begins_alone_and_keeps_one_transaction(server, monkeypatch):
    """A libpq older than PostgreSQL 14's has no pipeline mode: the BEGIN goes alone, before
    the first statement, as psycopg sends it, and the writes kept for the COMMIT before it
    (round trips more, nothing else changes)."""
    import psycopg

    from opsdesk.storage.database import Database
    from opsdesk.storage.server_transaction import at_commit

    late = {"name": "late", "scope": "alone kept", "value": 2}
    monkeypatch.setattr(psycopg.Pipeline, "is_supported", classmethod(lambda _cls: False))
    db = Database(server.url)
    try:
        with pytest.raises(Refused), db.transaction() as session:
            session.execute(insert(Counter).values(name="t", scope="alone undone", value=1))
            raise Refused
        with db.transaction() as session:
            session.execute(insert(Counter).values(name="t", scope="alone kept", value=1))
            at_commit(session, lambda c: c.execute(insert(Counter).inline(), late))
    finally:
        db.dispose()
    assert _counters(server, "alone undone") == []
    assert sorted(_counters(server, "alone kept")) == [1, 2]


def test_a_write_kept_for_the_commit_that_fails_takes_the_whole_action_back(server):
    """The counter row is inserted at once, a second one with the same key at the COMMIT:
    refused there, and the first is gone with it; the connection serves the next write."""
    from opsdesk.storage.server_transaction import at_commit

    row = {"name": "t", "scope": "late failure", "value": 1}
    with pytest.raises(DBAPIError), server.transaction() as session:
        session.execute(insert(Counter).values(**row))
        at_commit(session, lambda connection: connection.execute(insert(Counter).inline(), row))
    assert _counters(server, "late failure") == []
    with server.transaction() as session:
        at_commit(session, lambda connection: connection.execute(insert(Counter).inline(), row))
    assert _counters(server, "late failure") == [1]


def test_a_savepoint_rolled_back_takes_back_the_writes_kept_since_it_began(server):
    from opsdesk.storage.server_transaction import at_commit

    kept = partial(_counter_row, "savepoint")
    with server.transaction() as session:
        at_commit(session, kept("before"))
        savepoint = session.begin_nested()
        at_commit(session, kept("undone"))
        savepoint.rollback()
        savepoint = session.begin_nested()
        at_commit(session, kept("released"))
        savepoint.commit()
    with server.reading() as session:
        names = set(session.scalars(select(Counter.name).where(Counter.scope == "savepoint")))
    assert names == {"before", "released"}


def test_writes_sent_inside_a_savepoint_that_rolls_back_are_kept_as_they_belonged(server):
    """A report that reads its own audit entry sends the kept writes at once, perhaps inside
    a savepoint: when that savepoint rolls back, the server takes them all back, so the ones
    kept before it are kept again and the ones kept inside it never go."""
    from opsdesk.storage.server_transaction import at_commit, write_kept_now

    kept = partial(_counter_row, "sent in a savepoint")
    with server.transaction() as session:
        at_commit(session, kept("before"))
        outer = session.begin_nested()
        at_commit(session, kept("in the outer savepoint"))
        inner = session.begin_nested()
        at_commit(session, kept("sent, then undone"))
        write_kept_now(session)
        at_commit(session, kept("kept, then undone"))
        inner.rollback()
        at_commit(session, kept("after the inner one"))
        outer.commit()
        undone = session.begin_nested()
        write_kept_now(session)
        undone.rollback()
        at_commit(session, kept("last"))
    with server.reading() as session:
        names = set(
            session.scalars(select(Counter.name).where(Counter.scope == "sent in a savepoint"))
        )
    assert names == {"before", "in the outer savepoint", "after the inner one", "last"}


def test_a_unit_of_work_that_commits_itself_sends_what_it_kept_first(server):
    from opsdesk.storage.server_transaction import at_commit

    row = {"name": "self", "scope": "self commit", "value": 1}
    with server.transaction() as session:
        at_commit(session, lambda connection: connection.execute(insert(Counter).inline(), row))
        session.commit()
    assert _counters(server, "self commit") == [1]


def test_the_counts_of_several_flushes_go_in_one_sorted_batch_at_the_commit(server):
    """Two desks adding to the same day's counts must lock its rows in one order, or each
    could wait for the other (a deadlock the server ends by refusing one action). A unit of
    work that flushes twice kept two batches, each sorted, but together out of order: they are
    summed at the COMMIT into one batch per table, sorted, without the rows that came to
    nothing — and what is stored is the sum."""
    from sqlalchemy import event

    from opsdesk.storage.indicator_counts import CountChange, Shares, stored
    from opsdesk.storage.server_transaction import at_commit

    day = date(2026, 3, 2)

    def change(counts: dict[tuple[str, str], int], waits: dict[int, int]) -> CountChange:
        shares = Shares()
        shares.counts.update({(day, m, k): n for (m, k), n in counts.items()})
        shares.waits.update({(day, c): n for c, n in waits.items()})
        return CountChange(shares)

    sent: list[tuple[str, list[tuple]]] = []

    def seen(conn, cursor, statement, parameters, context, executemany):
        for table in ("indicator_count", "indicator_wait"):
            if f"INSERT INTO {table} " in statement:
                rows = parameters if executemany else [parameters]
                sent.append((table, [tuple(r.values()) for r in rows]))

    event.listen(server.engine, "before_cursor_execute", seen)
    try:
        with server.transaction() as session:
            at_commit(session, change({("team", "T2"): 1, ("channel", "phone"): 1}, {300: 1}))
            at_commit(session, change({("team", "T1"): 1, ("channel", "phone"): -1}, {100: 2}))
            savepoint = session.begin_nested()
            at_commit(session, change({("team", "T0"): 5}, {}))
            savepoint.rollback()
    finally:
        event.remove(server.engine, "before_cursor_execute", seen)

    assert sent == [
        ("indicator_count", [(day, "team", "T1", 1), (day, "team", "T2", 1)]),
        ("indicator_wait", [(day, 100, 2), (day, 300, 1)]),
    ]
    with server.reading() as session:
        counts, waits = stored(session.connection())
    assert counts == {(day, "team", "T1"): 1, (day, "team", "T2"): 1}
    assert waits == {(day, 100): 2, (day, 300): 1}
