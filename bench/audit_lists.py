"""What auditing a list costs (issue 19, item 4): a board page and a client search, each with
its audit entry ("list", with the records shown) vs the same call with the audit switched
off, interleaved in the same run. Target: ≤ 1.2×.

The entry is written behind the read (``opsdesk/storage/write_behind.py``): the person waits
for the list, not for the entry. Each timed call, with or without, follows a committed entry
with the writer idle (as a person's next click comes long after); the time until the entry is
committed ("entry written after") is reported beside.

The office is ``bench/boards.py``'s, made smaller (20,000 cases, 6,000 clients): a benefits
worker opens the first page (100 cards) of the biggest column; the desk searches a surname
that matches about 330 clients, showing up to 500.

    .venv/bin/python bench/audit_lists.py [--runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import boards as board_bench

board_bench.TOTAL, board_bench.OPEN_ON_BOARD, board_bench.CLOSED_ON_BOARD = 20_000, 4_000, 8_000
board_bench.CLIENTS = 6_000


def timed(call) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    from opsdesk.domain.roles import Role
    from opsdesk.services import audit
    from opsdesk.services.account.auth import actor_for
    from opsdesk.services.clock import FixedClock
    from opsdesk.services.context import Actor
    from opsdesk.services.registry import Services
    from opsdesk.storage.database import Database
    from opsdesk.storage.models import Staff, Team, TeamStatus

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "opsdesk.sqlite3"
        info = board_bench.build(path)
        db = Database(f"sqlite:///{path}")
        clock = FixedClock(datetime(2026, 3, 16, 9, 0))
        with db.reading() as session:
            worker = actor_for(session, session.get(Staff, info["worker"]))
            team = session.query(Team).filter(Team.kind == "benefits").one().id
            column = (
                session.query(TeamStatus)
                .filter(TeamStatus.team_id == team, TeamStatus.code == "interview")
                .one()
                .id
            )
        desk = Actor(id=worker.id, login="desk", full_name="Desk", roles=frozenset({Role.CLERK}))
        board = Services(db, worker, clock).boards
        clients = Services(db, desk, clock).clients
        calls = {
            "board page": lambda: board.page(team, column),
            "client search": lambda: clients.search("kowalski", limit=500),
        }
        real = audit.shown
        results = {}
        for name, call in calls.items():
            shown = len(call())
            for _ in range(3):  # warm-up
                call()
            with_audit, without, written = [], [], []
            for _ in range(args.runs):
                # each timed call follows a committed entry, as in use (a write makes the
                # next read check SQLite's shared cache again)
                call()
                db.behind.flush()
                start = time.perf_counter()
                call()
                with_audit.append(time.perf_counter() - start)
                db.behind.flush()
                written.append(time.perf_counter() - start)
                call()
                db.behind.flush()
                audit.shown = lambda *a, **k: None
                without.append(timed(call))
                audit.shown = real
            audit.shown = real
            a, b = statistics.median(with_audit), statistics.median(without)
            w = statistics.median(written)
            results[name] = (shown, a, b)
            print(
                f"{name:14} {shown:4} shown: with audit {a * 1000:7.2f} ms, without "
                f"{b * 1000:7.2f} ms, ratio {a / b:.2f}; entry written after {w * 1000:7.2f} ms"
                f" (fastest: {min(with_audit) * 1000:.2f} / {min(without) * 1000:.2f} ms)"
            )
        db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
