"""How many statements the busiest calls send (issue 15, bench/server_vs_file.md): on a server
each one is a round trip, which costs more than these small statements' work, so the numbers
are pinned here, with what the calls answer. The same on SQLite and on PostgreSQL (SQLite's
explicit BEGIN is not counted: psycopg sends its own)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import pytest
from sqlalchemy import create_engine, event, select
from sqlalchemy import text as sql
from sqlalchemy.pool import NullPool

from opsdesk.domain.hours import SessionForm
from opsdesk.domain.queue import Channel
from opsdesk.errors import NotFound, ServerUnavailable
from opsdesk.services.cases.boards import BoardFilter
from opsdesk.services.cases.records import CaseInput
from opsdesk.services.reception.desk import ContactInput
from opsdesk.services.registry import Services
from opsdesk.storage import database
from opsdesk.storage.models import Counter


@contextmanager
def statements(services: Services) -> Iterator[list[str]]:
    """The statements ``services`` send from this thread inside the block."""
    sent: list[str] = []
    me = threading.get_ident()

    def seen(_connection, _cursor, statement, *_args) -> None:
        if threading.get_ident() == me and statement.strip().upper() != "BEGIN":
            sent.append(statement)

    engine = services.db.engine
    event.listen(engine, "before_cursor_execute", seen)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", seen)


@pytest.fixture(autouse=True)
def counts_not_verified(monkeypatch):
    """The suite reads every flush's share of the daily counts again to check the one worked
    out ahead (tests/conftest.py): a statement an office never sends, not counted here."""
    from opsdesk.storage import indicator_counts

    monkeypatch.setattr(indicator_counts, "VERIFY", False)


def test_call_next_takes_writes_and_names_the_person_in_five_statements(desk, clock):
    clerk = desk.clerk
    for client in ("lukasz", None):
        clock.advance(minutes=1)
        clerk.reception.register(
            ContactInput(
                Channel.IN_PERSON,
                desk.purposes["benefit_application"],
                client_id=desk.clients[client].id if client else None,
            )
        )
    benefits = desk.teams["benefits"]
    # the take (the queue's first row FOR UPDATE SKIP LOCKED) with the names its record shows
    # and the indicators' share before (the share after is worked out), the audit entry, the
    # update, the event, the wait's count
    with statements(desk.benefits_a) as sent:
        called = desk.benefits_a.queue.call_next(benefits)
    assert len(sent) == 5, [s[:70] for s in sent]
    assert (called.ticket, called.person, called.purpose_name) == (
        "Ś-001",
        "Kowalski Łukasz",
        next(p.name for p in clerk.reception.purposes() if p.code == "benefit_application"),
    )
    assert called.target_team_name == desk.team_name("benefits")
    assert called.target_worker_name == desk.benefits_a.actor.full_name
    assert called.called_by_name == desk.benefits_a.actor.full_name
    assert called.recalls == 0

    with statements(clerk) as sent:
        anonymous = clerk.queue.call_next(benefits)
    assert len(sent) == 5, [s[:70] for s in sent]
    assert (anonymous.ticket, anonymous.target_worker_name) == ("Ś-002", "")
    assert anonymous.called_by_name == clerk.actor.full_name


def test_registering_a_person_with_no_file_is_seven_statements(desk, clock):
    """What the bench times (bench/server_vs_file.py)."""
    clock.advance(minutes=1)
    # the purpose, its team (once: routing and the ticket's letter share it), the ticket's
    # counter, the visit, its share of the daily counts (worked out: nothing read; nor before
    # its event, which starts from the visit as it was added), the audit entry, the event
    # (the names were loaded with the purpose and team)
    with statements(desk.clerk) as sent:
        visit = desk.clerk.reception.register(
            ContactInput(Channel.IN_PERSON, desk.purposes["benefit_application"])
        )
    assert len(sent) == 7, "\n".join(s[:90].replace("\n", " ") for s in sent)
    assert (visit.ticket, visit.person) == ("Ś-001", "Osoba anonimowa")
    assert visit.target_team_name == desk.team_name("benefits")


def test_registering_a_client_reads_each_row_once(desk, clock):
    """A person with a file is routed by their region: the purpose, the client, the team,
    the region, its worker and the worker's presence today, each read once (the routing and
    the checks after it share them), then the seven writes and the names."""
    clock.advance(minutes=1)
    lukasz = desk.clients["lukasz"]
    with statements(desk.clerk) as sent:
        visit = desk.clerk.reception.register(
            ContactInput(
                Channel.IN_PERSON, desk.purposes["benefit_application"], client_id=lukasz.id
            )
        )
    listed = "\n".join(s[:90].replace("\n", " ") for s in sent)
    assert len(sent) == 12, listed
    assert len(set(sent)) == len(sent), listed
    assert visit.target_worker_name == desk.benefits_a.actor.full_name


def test_a_recall_still_counts_the_recalls(desk, clock):
    clock.advance(minutes=1)
    desk.clerk.reception.register(
        ContactInput(Channel.IN_PERSON, desk.purposes["benefit_application"])
    )
    called = desk.clerk.queue.call_next(desk.teams["benefits"])
    desk.clerk.queue.recall(called.id)
    assert desk.clerk.queue.recall(called.id).recalls == 2


def test_the_board_is_two_statements_whatever_the_filter(world):
    clerk = world.as_("clerk")
    for client in ("kowalski", "wasik", "kowalski"):
        clerk.cases.create(
            CaseInput(
                client_id=world.clients[client],
                kind_id=world.kinds["zasilek_celowy"],
                application_date=date(2026, 3, 2),
            )
        )
    anna = world.as_("anna")
    team = world.teams["benefits"]
    # the team with its columns and the closing columns' floors; the names and the counts
    # (one UNION ALL)
    with statements(anna) as sent:
        board = anna.boards.board(team)
    assert len(sent) == 2, [s[:70] for s in sent]
    counts = {c.id: c.count for c in board.columns}
    assert counts[world.statuses["benefits"]["new"]] == 3
    assert sum(counts.values()) == 3
    assert board.team_name and board.kinds[world.kinds["zasilek_celowy"]]
    assert anna.actor.id in dict(board.team_workers)
    assert board.workers[anna.actor.id] == anna.actor.full_name
    # a name: the office's file-number pattern besides, once; a file number's word (or a
    # PESEL's part): the few clients holding it too, once, rather than a scan of every
    # client's key in each column's count
    for text, expected in (("Kowalski", 3), ("Kowalski 2026", 4)):
        with statements(anna) as sent:
            found = anna.boards.board(team, BoardFilter(text=text))
        assert len(sent) == expected, (text, [s[:70] for s in sent])
        assert sum(c.count for c in found.columns) == 2


def test_a_full_page_of_an_open_column_is_one_statement(world):
    clerk = world.as_("clerk")
    made = [
        clerk.cases.create(
            CaseInput(
                client_id=world.clients[client],
                kind_id=world.kinds["zasilek_celowy"],
                application_date=date(2026, 3, 2),
            )
        ).id
        for client in ("kowalski", "wasik", "kowalski")
    ]
    anna = world.as_("anna")
    anna.handoffs.link(made[0], made[2])
    team, new = world.teams["benefits"], world.statuses["benefits"]["new"]
    # the column's check rides in the statement of its dated cards
    with statements(anna) as sent:
        first = anna.boards.page(team, new, limit=2)
    assert len(sent) == 1, [s[:70] for s in sent]
    with statements(anna) as sent:  # not full: the column is read, then its undated cards
        rest = anna.boards.page(team, new, after=first[-1], limit=2)
    assert len(sent) == 3, [s[:70] for s in sent]
    assert len({c.id for c in first + rest}) == 3 and all(c.next_due for c in first + rest)
    # the marks each card carries (a link, a running suspension)
    assert {c.id for c in first + rest if c.linked} == {made[0], made[2]}
    assert not any(c.suspended for c in first + rest)
    # a closing column: the column, then its window (the floor inside the statement)
    closed = next(c for c in anna.boards.board(team).columns if c.closes_case)
    with statements(anna) as sent:
        assert anna.boards.page(team, closed.id) == []
    assert len(sent) == 3, [s[:70] for s in sent]
    # another team's column is still refused
    with pytest.raises(NotFound):
        anna.boards.page(team, next(iter(world.statuses["social_work"].values())))


def test_hour_summaries_send_two_statements_and_the_month_overview_one(hours):
    hours.psychologist.hours.record(hours.consultation(date(2026, 11, 3), "12:00", 90))
    supervisor = hours.supervisor.hours
    supervisor.record(hours.supervision_session(date(2026, 11, 2), "09:00", 120))
    supervisor.record(
        hours.supervision_session(
            date(2026, 11, 9),
            "09:00",
            60,
            people=(hours.social_a,),
            form=SessionForm.SUPERVISION_INDIVIDUAL,
        )
    )
    summary = hours.manager.hours_summary
    # the contract with its duty hours; its held and booked sessions with its workers (one
    # UNION ALL)
    with statements(hours.manager) as sent:
        supervision = summary.contract_summary(hours.supervision.id)
    assert len(sent) == 2, [s[:70] for s in sent]
    assert [(w.full_name, w.sessions, w.minutes, w.consents) for w in supervision.workers] == [
        (hours.social_a.actor.full_name, 2, 180, 2),
        (hours.social_b.actor.full_name, 1, 120, 0),
    ]
    assert (supervision.project.sessions, supervision.project.budget.used) == (2, 180)
    with statements(hours.manager) as sent:
        psych = summary.contract_summary(hours.psych.id)
    assert len(sent) == 2, [s[:70] for s in sent]
    # the office's three referrals: an hour each, booked in the contract's last month
    assert (psych.project.budget.used, psych.project.budget.planned) == (90, 180)
    assert psych.workers == ()
    # the duty hours come with the contract, as the contracts page reads them
    contracts = hours.manager.contracts
    assert psych.contract == contracts.get(hours.psych.id)
    assert [d.weekday for d in psych.contract.duty_hours] == [1, 3]
    assert supervision.contract == contracts.get(hours.supervision.id)
    # the contracts with their month's time and their duty hours, in one statement
    with statements(hours.manager) as sent:
        rows = {r.contract.number: r for r in summary.month_overview((2026, 11))}
    assert len(sent) == 1, [s[:70] for s in sent]
    assert (rows["3/PS/2026"].budget.used, rows["3/PS/2026"].budget.planned) == (90, 0)
    assert (rows["7/SU/2026"].budget.used, rows["7/SU/2026"].budget.planned) == (180, 0)
    assert {r.contract for r in rows.values()} == set(contracts.list())


def _plans(db, marker: str) -> tuple[int, int]:
    """How often the server planned the statement holding ``marker`` for this workstation's
    connection: with the plan it keeps (generic) and anew for the values (custom)."""
    assert db.engine.pool.checkedin() == 1, "the calls must all have used one connection"
    with db.reading() as session:
        found = session.execute(
            sql(
                "SELECT generic_plans, custom_plans FROM pg_prepared_statements "
                "WHERE statement LIKE :marker"
            ),
            {"marker": f"%{marker}%"},
        ).all()
    assert len(found) == 1, found
    return found[0][0], found[0][1]


def test_the_server_keeps_one_plan_for_call_next(desk, clock):
    """PostgreSQL plans a prepared statement five times for its values, then keeps one plan
    unless that looks dearer. With the queue's order in its index and the head cut with a
    ``LIMIT 1`` written into the statement, "call next" is not planned again on each press
    (a third of a millisecond, bench/server_vs_file.md); with a bound limit or a sort, a
    kept plan looked dearer than planning and every press was planned."""
    if desk.clerk.db.is_sqlite:
        pytest.skip("needs a server: runs with --database=postgresql (.ci/postgresql)")
    benefits = desk.teams["benefits"]
    clock.advance(minutes=1)
    desk.clerk.reception.register(
        ContactInput(Channel.IN_PERSON, desk.purposes["benefit_application"])
    )
    # an office's history (what the server's estimates are made of): 200 past days of 100
    # contacts, and 200 people waiting today, copied from the one just registered
    copies = (
        "INSERT INTO visit (day, channel, purpose_id, visitor_label, ticket_letter,"
        " ticket_seq, priority, priority_reason, target_team_id, routing_override_reason,"
        " note, state, arrived_at, call_place, language)"
        " SELECT day - (n / 100), channel, purpose_id, visitor_label, ticket_letter,"
        " ticket_seq + n, priority, priority_reason, target_team_id,"
        " routing_override_reason, note, CASE WHEN n >= 100 THEN 'done' ELSE state END,"
        " arrived_at + make_interval(secs => n), call_place, language"
        " FROM visit, generate_series(1, 20199) AS n"
    )
    with desk.clerk.db.transaction() as session:
        session.execute(sql(copies))
        session.execute(sql("ANALYZE visit"))
    for _ in range(12):
        desk.clerk.queue.call_next(benefits)
    generic, custom = _plans(desk.clerk.db, "first_waiting")
    assert generic >= 1 and custom <= 6, (generic, custom)


def test_a_read_on_a_server_is_no_transaction_and_refuses_to_write(db):
    """On PostgreSQL ``Database.reading`` sends no BEGIN nor ROLLBACK (each would be a round
    trip); what a read would write is then refused, not silently kept."""
    if db.is_sqlite:
        pytest.skip("needs a server: runs with --database=postgresql (.ci/postgresql)")
    with db.reading() as session:
        assert session.connection().connection.driver_connection.autocommit
        session.add(Counter(name="round-trips", scope="test", value=1))
        with pytest.raises(RuntimeError, match="tried to write"):
            session.flush()
    with db.reading() as session:
        assert session.scalars(select(Counter).where(Counter.name == "round-trips")).all() == []
    import psycopg

    with (
        db.transaction() as session
    ):  # a write still has its transaction (storage/server_transaction)
        session.execute(select(Counter))
        status = session.connection().connection.driver_connection.info.transaction_status
        assert status == psycopg.pq.TransactionStatus.INTRANS


def _backend(db) -> int:
    with db.reading() as session:
        return int(session.scalar(sql("SELECT pg_backend_pid()")))


def _terminate(db, pid: int) -> None:
    """Ends a pooled connection's server process from outside (as a server restart does)."""
    other = create_engine(db.url, poolclass=NullPool)
    with other.connect() as connection:
        connection.execute(sql("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        for _ in range(100):  # gone from the server (the signal is asynchronous)
            alive = "SELECT count(*) FROM pg_stat_activity WHERE pid = :pid"
            if not connection.scalar(sql(alive), {"pid": pid}):
                break
            time.sleep(0.05)
    other.dispose()


@pytest.fixture
def pings(db, monkeypatch):
    """How many times the pool pinged a connection before handing it out."""
    if db.is_sqlite:
        pytest.skip("needs a server: runs with --database=postgresql (.ci/postgresql)")
    counted = [0]
    ping = db.engine.dialect.do_ping

    def counting(dbapi_connection) -> bool:
        counted[0] += 1
        return ping(dbapi_connection)

    monkeypatch.setattr(db.engine.dialect, "do_ping", counting)
    return counted


def test_a_connection_used_just_now_is_handed_out_without_a_ping(db, pings, monkeypatch):
    """A service call's connection costs no ping (a round trip) inside a burst of calls;
    one back from the pool after ``PING_AFTER_IDLE_S`` is pinged first."""
    first = _backend(db)
    assert _backend(db) == first and pings[0] == 0  # the same connection, straight away
    monkeypatch.setattr(database, "PING_AFTER_IDLE_S", 0.0)  # (as if idle for long)
    assert _backend(db) == first and pings[0] == 1


def test_a_dead_idle_connection_is_replaced_without_the_call_noticing(db, pings, monkeypatch):
    dead = _backend(db)
    _terminate(db, dead)
    monkeypatch.setattr(database, "PING_AFTER_IDLE_S", 0.0)
    assert _backend(db) != dead  # the ping found it dead: a new connection, no error
    assert pings[0] == 1


def test_a_dead_connection_used_just_now_fails_the_call_once(db, pings, monkeypatch):
    """Unpinged, a connection the server dropped meanwhile fails its call with the "no
    connection" message (nothing done); the pool is then renewed and the next call works."""
    monkeypatch.setattr(database, "PING_AFTER_IDLE_S", 3600.0)
    dead = _backend(db)
    _terminate(db, dead)
    with pytest.raises(ServerUnavailable):
        _backend(db)
    assert _backend(db) != dead
    assert pings[0] == 0
