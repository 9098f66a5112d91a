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

and prints the medians and the server's ratio to the file (target: <= 1.5).

    OPSDESK_TEST_POSTGRESQL_URL=postgresql+psycopg://... .venv/bin/python bench/server_vs_file.py

The server's database is emptied first (its public schema dropped): give it a throwaway one.
Not a test: it prints numbers, it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from datetime import datetime
from pathlib import Path

from boards import build as build_boards
from reception import fill_history, office, timed
from sqlalchemy import create_engine, text

from opsdesk.domain.queue import Channel
from opsdesk.i18n import set_language
from opsdesk.services.reception.desk import ContactInput
from opsdesk.services.registry import Services
from opsdesk.storage import sequences, table_copy
from opsdesk.storage.database import Database
from opsdesk.storage.opening import open_database


def empty_server(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def copy_to_server(path: Path, url: str) -> Database:
    empty_server(url)
    server = open_database(url)
    started = time.perf_counter()
    source = Database(f"sqlite:///{path}")
    with source.engine.connect() as reading, server.engine.begin() as writing:
        rows = table_copy.copy_tables(reading, writing)
        sequences.catch_up(writing)
    source.dispose()
    with server.engine.begin() as connection:
        connection.execute(text("ANALYZE"))
    print(f"  copied {rows:,} rows to the server in {time.perf_counter() - started:.0f} s")
    return server


def desk_calls(path: Path, url: str, visits: int, repeat: int) -> dict[str, tuple[float, float]]:
    db, clock, clerk, teams, purposes = office(path)
    db.dispose()
    fill_history(path, visits, teams, purposes, clerk.actor.id)
    server = copy_to_server(path, url)
    team = teams["benefits"]
    data = ContactInput(Channel.IN_PERSON, purposes["benefit_application"])
    on_file = Services(Database(f"sqlite:///{path}"), clerk.actor, clock)
    on_server = Services(server, clerk.actor, clock)
    results: dict[str, tuple[float, float]] = {}

    def each(fn):
        def run():
            clock.advance(seconds=1)
            fn()

        return run

    for name, call in (
        ("register", lambda s: s.reception.register(data)),
        ("call next", lambda s: s.queue.call_next(team)),
        ("queue view", lambda s: s.queue.queue(team)),
    ):
        file_ms, server_ms = [], []
        for _round in range(5):  # interleaved: the machine's noise hits both alike
            file_ms.append(timed(each(lambda call=call: call(on_file)), repeat // 5))
            server_ms.append(timed(each(lambda call=call: call(on_server)), repeat // 5))
        results[name] = (statistics.median(file_ms), statistics.median(server_ms))
        if name == "register":  # people waiting, for the calls and the view
            for _ in range(repeat * 2):
                each(lambda: on_file.reception.register(data))()
                on_server.reception.register(data)
    on_file.db.dispose()
    server.dispose()
    return results


def board_calls(path: Path, url: str, repeat: int) -> dict[str, tuple[float, float]]:
    from opsdesk.services.account.auth import actor_for
    from opsdesk.services.clock import FixedClock
    from opsdesk.storage.models import Staff

    info = build_boards(path)
    server = copy_to_server(path, url)
    on_file_db = Database(f"sqlite:///{path}")
    with on_file_db.reading() as session:
        actor = actor_for(session, session.get(Staff, info["worker"]))
    clock = FixedClock(datetime(2026, 3, 16, 9, 0))
    on_file, on_server = Services(on_file_db, actor, clock), Services(server, actor, clock)
    team = info["team"]
    biggest = max(
        (c for c in on_file.boards.board(team).columns if not c.closes_case),
        key=lambda c: c.count,
    )
    results = {}
    for name, call in (
        ("board", lambda s: s.boards.board(team)),
        ("board page", lambda s: s.boards.page(team, biggest.id)),
    ):
        file_ms, server_ms = [], []
        for _round in range(5):
            file_ms.append(timed(lambda call=call: call(on_file), max(1, repeat // 5)))
            server_ms.append(timed(lambda call=call: call(on_server), max(1, repeat // 5)))
        results[name] = (statistics.median(file_ms), statistics.median(server_ms))
    on_file_db.dispose()
    server.dispose()
    return results


def hours_calls(path: Path, url: str, repeat: int) -> dict[str, tuple[float, float]]:
    """The manager's hour summaries on the demo office (its contracts, a year of sessions)."""
    from sqlalchemy import select

    from opsdesk.demo.builder import build_demo_office
    from opsdesk.domain.roles import Role
    from opsdesk.services.account.auth import actor_for
    from opsdesk.services.clock import FixedClock
    from opsdesk.storage.models import Staff, StaffRole

    now = datetime(2026, 11, 30, 9, 0)
    on_file_db = open_database(f"sqlite:///{path}")
    build_demo_office(on_file_db, now)
    on_file_db.dispose()
    server = copy_to_server(path, url)
    on_file_db = Database(f"sqlite:///{path}")
    with on_file_db.reading() as session:
        manager = session.scalars(
            select(Staff)
            .join(StaffRole, StaffRole.staff_id == Staff.id)
            .where(StaffRole.role == Role.MANAGER.value)
        ).first()
        actor = actor_for(session, manager)
    clock = FixedClock(now)
    on_file, on_server = Services(on_file_db, actor, clock), Services(server, actor, clock)
    contracts = [c.id for c in on_file.contracts.list()]
    results = {}
    for name, call in (
        (
            "hour summary",
            lambda s: [s.hours_summary.contract_summary(c) for c in contracts],
        ),
        ("month overview", lambda s: s.hours_summary.month_overview((2026, 11))),
    ):
        file_ms, server_ms = [], []
        for _round in range(5):
            file_ms.append(timed(lambda call=call: call(on_file), max(1, repeat // 5)))
            server_ms.append(timed(lambda call=call: call(on_server), max(1, repeat // 5)))
        results[name] = (statistics.median(file_ms), statistics.median(server_ms))
    on_file_db.dispose()
    server.dispose()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("OPSDESK_TEST_POSTGRESQL_URL"))
    parser.add_argument("--visits", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=100)
    args = parser.parse_args()
    if not args.url:
        parser.error("give --url or OPSDESK_TEST_POSTGRESQL_URL (a throwaway database)")
    set_language("pl")
    with tempfile.TemporaryDirectory(prefix="opsdesk-bench-") as folder:
        print(f"desk office, {args.visits:,} past visits:")
        rows = desk_calls(Path(folder) / "desk.sqlite3", args.url, args.visits, args.repeat)
        print("boards office, 200,000 cases:")
        rows |= board_calls(Path(folder) / "boards.sqlite3", args.url, args.repeat // 5)
        print("the demo office's hours (every contract's summary, the month's overview):")
        rows |= hours_calls(Path(folder) / "hours.sqlite3", args.url, args.repeat // 5)
    print()
    print(f"{'service call':<15} {'SQLite ms':>10} {'server ms':>10} {'ratio':>6}")
    for name, (on_file, on_server) in rows.items():
        ratio = on_server / on_file
        print(f"{name:<15} {on_file:>10.2f} {on_server:>10.2f} {ratio:>6.2f}")


if __name__ == "__main__":
    main()
