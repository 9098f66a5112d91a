"""The same service calls on a SQLite file and on a PostgreSQL server, in the same run (issue 15).

Builds the desk's office with ``--visits`` past visits (default 1,000,000, each with three
events; bench/reception.py's builder) and the boards' office with 200,000 cases
(bench/boards.py's builder) as SQLite files, copies each into the server's database with
``storage.table_copy`` (as ``opsdesk migrate-to`` does), then times on both, interleaved:

  register    ReceptionService.register (ticket, visit, event, audit)
  call next   QueueService.call_next
  queue view  QueueService.queue (today's rows of a team)
  board       BoardService.board (column counts of 20,000 open cards)
  board page  BoardService.page (the first 100 cards of the biggest column)
  hour summary     HoursSummaryService.contract_summary of every contract (the demo office)
  month overview   HoursSummaryService.month_overview (every contract's month and budget)

and prints the medians, the server's ratio to the file (target: <= 1.5), and how many
statements each call sends on either side (counted with SQLAlchemy's ``before_cursor_execute``
on the calling thread): those do not depend on how loaded the machine is.

    OPSDESK_TEST_POSTGRESQL_URL=postgresql+psycopg://... .venv/bin/python bench/server_vs_file.py

Each office goes into its own server database, named after the given one with ``_desk``,
``_boards`` or ``_hours`` appended (created when missing, its public schema dropped first):
give it a throwaway server. The rows go in with ``COPY`` (4 million rows in minutes, not the
quarter of an hour of batched INSERTs). ``--keep DIR`` keeps the SQLite files and the server
databases between runs: a later run with the same DIR measures at once (the calls of earlier
runs stay in both, alike). Not a test: it prints numbers, it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path

from boards import build as build_boards
from reception import PASSWORD, fill_history, office, timed
from sqlalchemy import create_engine, event, select, text
from sqlalchemy.engine import Connection, make_url

from opsdesk.domain.queue import Channel
from opsdesk.i18n import set_language
from opsdesk.services.clock import FixedClock
from opsdesk.services.reception.desk import ContactInput
from opsdesk.services.registry import Services
from opsdesk.storage import sequences, table_copy
from opsdesk.storage.database import Database
from opsdesk.storage.opening import open_database

Row = tuple[float, float, float, float]  # file ms, server ms, file statements, server statements


def server_url(url: str, office_name: str) -> str:
    """The office's own database on the server (created when missing)."""
    given = make_url(url)
    name = f"{given.database}_{office_name}"
    engine = create_engine(given, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        if not connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}):
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return given.set(database=name).render_as_string(hide_password=False)


def empty_server(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def copy_rows(reading: Connection, writing: Connection) -> int:
    """Every table's rows with PostgreSQL's COPY (the values as SQLAlchemy reads them)."""
    table_copy.clear_tables(writing)
    cursor = writing.connection.driver_connection.cursor()  # type: ignore[union-attr]
    quote = writing.dialect.identifier_preparer.quote
    done = 0
    for table in table_copy.tables():
        names = ", ".join(quote(c.name) for c in table.c)
        result = reading.execute(select(table), execution_options={"stream_results": True})
        with cursor.copy(f"COPY {quote(table.name)} ({names}) FROM STDIN") as copy:
            while batch := result.fetchmany(10_000):
                for row in batch:
                    copy.write_row(tuple(row))
                done += len(batch)
    return done


def copy_to_server(path: Path, url: str) -> Database:
    empty_server(url)
    server = open_database(url)
    started = time.perf_counter()
    source = Database(f"sqlite:///{path}")
    with source.engine.connect() as reading, server.engine.begin() as writing:
        rows = copy_rows(reading, writing)
        sequences.catch_up(writing)
    source.dispose()
    with server.engine.begin() as connection:
        connection.execute(text("ANALYZE"))
    print(f"  copied {rows:,} rows to the server in {time.perf_counter() - started:.0f} s")
    return server


def prepared(folder: Path, name: str, url: str, build: Callable[[Path], dict]) -> tuple:
    """The office's SQLite file and server database, built (or kept from an earlier run)."""
    path = folder / f"{name}.sqlite3"
    facts = folder / f"{name}.json"
    url = server_url(url, name)
    if facts.exists():
        print("  kept from an earlier run")
        return Database(f"sqlite:///{path}"), Database(url), json.loads(facts.read_text())
    path.unlink(missing_ok=True)
    started = time.perf_counter()
    info = build(path)
    print(f"  built the SQLite file in {time.perf_counter() - started:.0f} s")
    server = copy_to_server(path, url)
    facts.write_text(json.dumps(info))
    return Database(f"sqlite:///{path}"), server, info


class StatementCount:
    """Statements sent on this thread (the audit's written-behind lists go on their own)."""

    def __init__(self, db: Database):
        self.count = 0
        self.thread = threading.get_ident()
        event.listen(db.engine, "before_cursor_execute", self._seen)

    def _seen(self, *_args) -> None:
        if threading.get_ident() == self.thread:
            self.count += 1

    @contextmanager
    def counting(self):
        before = self.count
        yield
        self.last = self.count - before


def interleaved(
    calls: dict[str, Callable[[Services], object]],
    on_file: Services,
    on_server: Services,
    repeat: int,
    before: Callable[[], None] = lambda: None,
) -> dict[str, Row]:
    file_count, server_count = StatementCount(on_file.db), StatementCount(on_server.db)
    results: dict[str, Row] = {}
    for name, call in calls.items():
        statements = []
        for services, counter in ((on_file, file_count), (on_server, server_count)):
            before()
            with counter.counting():
                call(services)
            statements.append(counter.last)
        file_ms, server_ms = [], []
        for _round in range(5):  # interleaved: the machine's noise hits both alike

            def each(services: Services, call=call) -> None:
                before()
                call(services)

            file_ms.append(timed(lambda: each(on_file), max(1, repeat // 5)))
            server_ms.append(timed(lambda: each(on_server), max(1, repeat // 5)))
        results[name] = (
            statistics.median(file_ms),
            statistics.median(server_ms),
            statements[0],
            statements[1],
        )
    return results


def desk_calls(folder: Path, url: str, visits: int, repeat: int) -> dict[str, Row]:
    def build(path: Path) -> dict:
        db, _clock, clerk, teams, purposes = office(path)
        db.dispose()
        fill_history(path, visits, teams, purposes, clerk.actor.id)
        return {"team": teams["benefits"], "purpose": purposes["benefit_application"]}

    file_db, server, info = prepared(folder, "desk", url, build)
    # a day of its own for each run: a kept office's earlier runs left their queues behind
    with file_db.reading() as session:
        last = session.scalar(text("SELECT max(day) FROM visit"))
    day = max(date(2026, 11, 30), date.fromisoformat(str(last)) + timedelta(days=1))
    clock = FixedClock(datetime.combine(day, datetime.min.time()).replace(hour=7, minute=30))
    on_file = Services(file_db, None, clock)
    on_file = on_file.as_actor(on_file.auth.login("recepcja", PASSWORD))
    on_server = Services(server, on_file.actor, clock)
    team = info["team"]
    data = ContactInput(Channel.IN_PERSON, info["purpose"])

    def tick() -> None:
        clock.advance(seconds=1)

    results = interleaved(
        {"register": lambda s: s.reception.register(data)}, on_file, on_server, repeat, tick
    )
    for _ in range(repeat * 2):  # people waiting, for the calls and the view
        tick()
        on_file.reception.register(data)
        on_server.reception.register(data)
    results |= interleaved(
        {
            "call next": lambda s: s.queue.call_next(team),
            "queue view": lambda s: s.queue.queue(team),
        },
        on_file,
        on_server,
        repeat,
        tick,
    )
    file_db.dispose()
    server.dispose()
    return results


def board_calls(folder: Path, url: str, repeat: int) -> dict[str, Row]:
    from opsdesk.services.account.auth import actor_for
    from opsdesk.storage.models import Staff

    file_db, server, info = prepared(folder, "boards", url, build_boards)
    with file_db.reading() as session:
        actor = actor_for(session, session.get(Staff, info["worker"]))
    clock = FixedClock(datetime(2026, 3, 16, 9, 0))
    on_file, on_server = Services(file_db, actor, clock), Services(server, actor, clock)
    team = info["team"]
    biggest = max(
        (c for c in on_file.boards.board(team).columns if not c.closes_case),
        key=lambda c: c.count,
    )
    results = interleaved(
        {
            "board": lambda s: s.boards.board(team),
            "board page": lambda s: s.boards.page(team, biggest.id),
        },
        on_file,
        on_server,
        repeat,
    )
    file_db.dispose()
    server.dispose()
    return results


def hours_calls(folder: Path, url: str, repeat: int) -> dict[str, Row]:
    """The manager's hour summaries on the demo office (its contracts, a year of sessions)."""
    from opsdesk.demo.builder import build_demo_office
    from opsdesk.domain.roles import Role
    from opsdesk.services.account.auth import actor_for
    from opsdesk.storage.models import Staff, StaffRole

    now = datetime(2026, 11, 30, 9, 0)

    def build(path: Path) -> dict:
        db = open_database(f"sqlite:///{path}")
        build_demo_office(db, now)
        db.dispose()
        return {}

    file_db, server, _info = prepared(folder, "hours", url, build)
    with file_db.reading() as session:
        manager = session.scalars(
            select(Staff)
            .join(StaffRole, StaffRole.staff_id == Staff.id)
            .where(StaffRole.role == Role.MANAGER.value)
        ).first()
        actor = actor_for(session, manager)
    clock = FixedClock(now)
    on_file, on_server = Services(file_db, actor, clock), Services(server, actor, clock)
    contracts = [c.id for c in on_file.contracts.list()]
    results = interleaved(
        {
            "hour summary": lambda s: [s.hours_summary.contract_summary(c) for c in contracts],
            "month overview": lambda s: s.hours_summary.month_overview((2026, 11)),
        },
        on_file,
        on_server,
        repeat,
    )
    file_db.dispose()
    server.dispose()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("OPSDESK_TEST_POSTGRESQL_URL"))
    parser.add_argument("--visits", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=100)
    parser.add_argument("--keep", type=Path, help="keep the offices here for later runs")
    args = parser.parse_args()
    if not args.url:
        parser.error("give --url or OPSDESK_TEST_POSTGRESQL_URL (a throwaway server)")
    set_language("pl")
    with tempfile.TemporaryDirectory(prefix="opsdesk-bench-") as temporary:
        folder = args.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        print(f"desk office, {args.visits:,} past visits:")
        rows = desk_calls(folder, args.url, args.visits, args.repeat)
        print("boards office, 200,000 cases:")
        rows |= board_calls(folder, args.url, args.repeat // 5)
        print("the demo office's hours (every contract's summary, the month's overview):")
        rows |= hours_calls(folder, args.url, args.repeat // 5)
    print()
    print(f"{'service call':<15} {'SQLite ms':>10} {'server ms':>10} {'ratio':>6} statements")
    for name, (on_file, on_server, file_n, server_n) in rows.items():
        ratio = on_server / on_file
        print(
            f"{name:<15} {on_file:>10.2f} {on_server:>10.2f} {ratio:>6.2f} "
            f"{file_n:.0f} / {server_n:.0f}"
        )


if __name__ == "__main__":
    main()
