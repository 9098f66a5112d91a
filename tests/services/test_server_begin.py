"""A write on a PostgreSQL server sends its BEGIN with its first statement
(storage/server_begin.py): one round trip fewer, and still one transaction — all of it kept
on commit, none of it after an error, whatever the first statement is."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from reception_office import desk  # noqa: F401  (fixture)
from sqlalchemy import insert, select, text
from sqlalchemy.exc import DBAPIError

from opsdesk.domain.queue import Channel
from opsdesk.services.reception.desk import ContactInput
from opsdesk.storage.models import Counter


@pytest.fixture
def server(db):
    if db.is_sqlite:
        pytest.skip("needs a server: runs with --database=postgresql (.ci/postgresql)")
    return db


@contextmanager
def round_trips(monkeypatch) -> Iterator[list[int]]:
    """How many times the driver waited for the server's answer to what it had sent, inside
    the block (a setting changed on the connection alone, or a rollback with no transaction
    open, sends nothing)."""
    from psycopg import waiting

    trips = [0]
    wait = waiting.wait

    def counting(gen, *args, **kwargs):
        def watched():
            try:
                state = next(gen)
                while True:
                    # waiting for an answer (RW: still sending); small answers come whole
                    trips[0] += state == waiting.Wait.R
                    state = gen.send((yield state))
            except StopIteration as done:
                return done.value

        return wait(watched(), *args, **kwargs)

    monkeypatch.setattr(waiting, "wait", counting)
    yield trips
    monkeypatch.setattr(waiting, "wait", wait)


def _counters(db, scope: str) -> list[int]:
    with db.reading() as session:
        return list(session.scalars(select(Counter.value).where(Counter.scope == scope)))


class Refused(Exception):
    pass


def test_call_next_is_six_round_trips(desk, clock, monkeypatch):  # noqa: F811
    """BEGIN with the take (and the names, the share of the daily counts), the audit entry,
    the update, the event, the wait's count, COMMIT. (The suite's check of every worked-out
    share, a read an office never sends, is off.)"""
    from opsdesk.storage import indicator_counts

    monkeypatch.setattr(indicator_counts, "VERIFY", False)
    if desk.clerk.db.is_sqlite:
        pytest.skip("needs a server: runs with --database=postgresql (.ci/postgresql)")
    for _ in range(2):
        clock.advance(minutes=1)
        desk.clerk.reception.register(
            ContactInput(Channel.IN_PERSON, desk.purposes["benefit_application"])
        )
    team = desk.teams["benefits"]
    desk.clerk.queue.call_next(team)  # (the connection's statements known to it)
    with round_trips(monkeypatch) as waited:
        called = desk.clerk.queue.call_next(team)
    assert waited[0] == 6
    assert called.ticket == "Ś-002"


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
