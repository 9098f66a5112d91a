"""The search across boards with 200,000 cases, as ratios to raw sqlite3 in the same run.

Builds the database of bench/boards.py (200,000 cases on two boards, 60,000 clients whose
surnames repeat: a common surname matches some 3,000 clients and 11,000 cases), then, after
a warm-up, N interleaved runs of each query:

  service   ``CaseSearchService.search`` as the manager (every board: a count per board and
            its first 100 cases with the client, kind, status and worker; the list shown is
            written to the audit, as in the application)
  raw       sqlite3 on the same file: the same counts and pages, hand-written SQL on the
            same indexes, nothing audited

Target (issue 17): every search ≤ 50 ms; the ratio to raw shows what the service layer adds.

    .venv/bin/python bench/case_search.py [--runs 9] [--report bench/case_search.md]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from boards import TODAY, build

from opsdesk.domain.ids import StaffId, TeamId
from opsdesk.services.cases.search import OPEN, CaseQuery

TARGET_MS = 50.0
OPEN_SQL = "c.status_id IN (SELECT id FROM team_status WHERE closes_case = 0)"
CARD = """
SELECT c.id, c.file_number, cl.last_name, cl.first_name, k.name, s.name, w.full_name,
       c.next_due, c.next_due_rule, c.closed_at
FROM case_file c JOIN client cl ON cl.id = c.client_id JOIN benefit_kind k ON k.id = c.kind_id
JOIN team_status s ON s.id = c.status_id LEFT JOIN staff w ON w.id = c.worker_id
WHERE c.id IN (SELECT c.id FROM case_file c WHERE c.team_id = ? AND {where}
               ORDER BY c.next_due IS NULL, c.next_due, c.id DESC LIMIT 100)
ORDER BY c.next_due IS NULL, c.next_due, c.id DESC
"""
COUNT = (
    "SELECT c.team_id, count(*) FROM case_file c WHERE c.team_id IN ({teams}) AND {where} "
    "GROUP BY c.team_id"
)


def queries(info: dict) -> list[tuple[str, CaseQuery, str, tuple]]:
    """(label, the service's query, the raw WHERE, its parameters)."""
    week_end = TODAY + timedelta(days=6 - TODAY.weekday())
    clients = (
        "c.client_id IN (SELECT id FROM client WHERE (search_key >= ? AND search_key < ?) "
        "OR (name_key >= ? AND name_key < ?))"
    )
    end = "\uffff"
    return [
        (
            "client: a common surname (`nowak`)",
            CaseQuery(text="nowak"),
            clients,
            ("nowak", "nowak" + end, "nowak", "nowak" + end),
        ),
        (
            "client: surname and first name (`nowak anna`)",
            CaseQuery(text="nowak anna"),
            clients,
            ("nowak anna", "nowak anna" + end, "nowak anna", "nowak anna" + end),
        ),
        (
            "file number by its sequence (`123456`)",
            CaseQuery(file_number="123456"),
            "c.file_seq = ?",
            (123456,),
        ),
        (
            "file number whole (`OPS.150000.…`)",
            CaseQuery(file_number=info["number"]),
            "c.file_number = ?",
            (info["number"],),
        ),
        (
            "status: an open column, one worker",
            CaseQuery(status="interview", worker_id=StaffId(info["worker"])),
            "c.status_id IN (SELECT id FROM team_status WHERE code = ?) AND c.worker_id = ?",
            ("interview", info["worker"]),
        ),
        (
            "deadlines this week",
            CaseQuery(due_period="this_week"),
            "c.next_due >= ? AND c.next_due <= ? AND " + OPEN_SQL,
            (TODAY.isoformat(), week_end.isoformat()),
        ),
        (
            "open cases of a surname, deadline within a month",
            CaseQuery(text="kowalski", status=OPEN, due_to=TODAY + timedelta(days=30)),
            clients + " AND " + OPEN_SQL + " AND c.next_due <= ?",
            (
                "kowalski",
                "kowalski" + end,
                "kowalski",
                "kowalski" + end,
                (TODAY + timedelta(days=30)).isoformat(),
            ),
        ),
        (
            "everything open on one board",
            CaseQuery(status=OPEN, team_id=TeamId(info["team"])),
            OPEN_SQL,
            (),
        ),
    ]


def raw(path: Path, teams: list[int], where: str, params: tuple) -> tuple[float, int]:
    start = time.perf_counter()
    con = sqlite3.connect(path)
    marks = ",".join("?" * len(teams))
    counts = con.execute(COUNT.format(teams=marks, where=where), (*teams, *params)).fetchall()
    shown = 0
    for team, count in counts:
        if count:
            shown += len(con.execute(CARD.format(where=where), (team, *params)).fetchall())
    con.close()
    return time.perf_counter() - start, sum(c for _t, c in counts)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--report", type=Path, default=None)
    args = parser.parse_args()

    from opsdesk.services.account.auth import actor_for
    from opsdesk.services.clock import FixedClock
    from opsdesk.services.registry import Services
    from opsdesk.storage.database import Database
    from opsdesk.storage.models import Staff, StaffRole

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        t0 = time.perf_counter()
        info = build(path)
        con = sqlite3.connect(path)
        info["number"] = con.execute(
            "SELECT file_number FROM case_file WHERE id = 150000"
        ).fetchone()[0]
        con.close()
        built = time.perf_counter() - t0
        db = Database(f"sqlite:///{path}")
        with db.transaction() as session:
            manager = Staff(
                login="kierownik",
                full_name="Kierownik",
                password_hash="-",
                active=True,
                created_at=datetime(2026, 3, 16, 8, 0),
            )
            session.add(manager)
            session.flush()
            session.add(StaffRole(staff_id=manager.id, role="manager"))
            manager_id = manager.id
        with db.reading() as session:
            actor = actor_for(session, session.get(Staff, manager_id))
        services = Services(db, actor, FixedClock(datetime(2026, 3, 16, 9, 0)))
        teams = [t for t, _n in services.case_search.teams()]
        from opsdesk.services.cases import search as search_module

        audit_times: list[float] = []
        real_shown = search_module.audit.shown

        class TimedAudit:
            @staticmethod
            def shown(*args, **kwargs):
                t = time.perf_counter()
                real_shown(*args, **kwargs)
                audit_times.append(time.perf_counter() - t)

        search_module.audit = TimedAudit  # type: ignore[assignment]
        cases = queries(info)
        results = []
        for label, query, where, params in cases:
            services.case_search.search(query)  # warm-up
            raw(path, teams, where, params)

            served, raws, found = [], [], 0
            audit_times.clear()
            scope = [query.team_id] if query.team_id is not None else teams
            for _run in range(args.runs):
                seconds, found = raw(path, scope, where, params)
                raws.append(seconds)
                t = time.perf_counter()
                boards = services.case_search.search(query)
                served.append(time.perf_counter() - t)
                assert sum(b.total for b in boards) == found, (label, found)
            results.append(
                (
                    label,
                    found,
                    statistics.median(raws),
                    statistics.median(served),
                    statistics.median(audit_times[-args.runs :]),
                )
            )
        db.dispose()

    ms = 1000
    worst = max(s for _l, _f, _r, s, _a in results)
    lines = [
        "# Search across boards (bench/case_search.py)",
        "",
        f"Database: 200,000 cases on two boards, 60,000 clients (bench/boards.py), built in "
        f"{built:.1f} s; the manager searches every board. Median of {args.runs} interleaved "
        "runs; SQLite, WAL.",
        "",
        "| query | cases found | raw sqlite3 | service | of which the audit entry | ratio |",
        "|---|---:|---:|---:|---:|---:|",
        *(
            f"| {label} | {found:,} | {r * ms:.1f} ms | {s * ms:.1f} ms | {a * ms:.1f} ms "
            f"| {s / r:.2f} |"
            for label, found, r, s, a in results
        ),
        "",
        f"Target: every search ≤ {TARGET_MS:.0f} ms — slowest {worst * ms:.1f} ms, "
        f"{'met' if worst * ms <= TARGET_MS else 'NOT met'}.",
    ]
    report = "\n".join(lines)
    print(report)
    if args.report:
        args.report.write_text(report + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
