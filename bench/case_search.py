"""The search across boards with 200,000 cases, as ratios to raw sqlite3 in the same run.

Builds the database of bench/boards.py (200,000 cases on two boards, 60,000 clients whose
surnames repeat: a common surname matches some 3,000 clients and 11,000 cases), then, after
a warm-up, N interleaved runs of each query:

  service   ``CaseSearchService.search`` as the manager (every board: a count per board and
            its first 100 cases with the client, kind, status and worker; the list shown is
            written to the audit, as in the application)
  raw       sqlite3 on the same file: the same counts and pages, hand-written SQL on the
            same indexes, nothing audited

Then the board of one team (20,000 open cases) filtered by a text, as the board asks for it:
``BoardService.board`` (each column's count under the filter) and ``BoardService.page`` (the
first 100 cards of the biggest column, audited), against the same SQL in raw sqlite3.

Target (issue 17): every search ≤ 50 ms, the board with a text filter ≤ 20 ms; the ratio to
raw shows what the service layer adds.

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
from opsdesk.domain.text import fold
from opsdesk.services.cases.search import OPEN, CaseQuery

TARGET_MS = 50.0
BOARD_TARGET_MS = 20.0
BOARD_TEXTS = ("nowak", "żak anna", "ops.150")  # a surname, surname and name, a file number
FOLDED_NUMBER = "lower(c.file_number)"  # the pattern "OPS.{seq}.{year}" has no Polish letter
CLIENT_LIKE = "c.client_id IN (SELECT id FROM client WHERE search_key LIKE ?)"
BOARD_COUNT = (
    "SELECT c.status_id, count(*) FROM case_file c WHERE c.team_id = ? AND {where} "
    "AND c.status_id IN ({columns}) GROUP BY c.status_id"
)
BOARD_PAGE = """
SELECT c.id, c.file_number, c.status_id, cl.last_name, cl.first_name, c.kind_id, c.worker_id,
       c.next_due, c.next_due_rule, c.urgent,
       EXISTS (SELECT 1 FROM case_suspension s WHERE s.case_id = c.id AND s.ends_on IS NULL),
       EXISTS (SELECT 1 FROM case_link l WHERE l.case_id = c.id)
FROM case_file c JOIN client cl ON cl.id = c.client_id
WHERE c.team_id = ? AND c.status_id = ? AND c.next_due IS NOT NULL AND {where}
ORDER BY c.next_due, c.id LIMIT 100
"""
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


def board_where(text: str) -> tuple[str, tuple]:
    """The board filter's condition in raw SQL (as services/cases/boards.py builds it)."""
    words = fold(text).split()
    names = [w for w in words if not any(ch.isdigit() for ch in w) and w not in "ops.."]
    where, params = [], []
    if names:
        where.append(
            "c.client_id IN (SELECT id FROM client WHERE "
            + " AND ".join("search_key LIKE ?" for _n in names)
            + ")"
        )
        params += [f"%{n}%" for n in names]
    for word in words:
        if word not in names:
            where.append(f"({CLIENT_LIKE} OR {FOLDED_NUMBER} LIKE ?)")
            params += [f"%{word}%", f"%{word}%"]
    return " AND ".join(where), tuple(params)


def raw_board(path: Path, team: int, columns: list[int], biggest: int, text: str) -> tuple:
    """(seconds for the counts, seconds for the first page, the counts)."""
    con = sqlite3.connect(path)
    where, params = board_where(text)
    t = time.perf_counter()
    counts = con.execute(
        BOARD_COUNT.format(where=where, columns=",".join("?" * len(columns))),
        (team, *params, *columns),
    ).fetchall()
    counted = time.perf_counter() - t
    t = time.perf_counter()
    con.execute(BOARD_PAGE.format(where=where), (team, biggest, *params)).fetchall()
    paged = time.perf_counter() - t
    con.close()
    return counted, paged, dict(counts)


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
                db.behind.flush()  # the last list's entry committed, as before a person's next
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
        from opsdesk.services.cases.boards import BoardFilter

        team = TeamId(info["team"])
        open_columns = info["open_ids"]
        board_results = []
        for text in BOARD_TEXTS:
            filt = BoardFilter(text=text)
            columns = services.boards.board(team, filt).columns  # warm-up
            biggest = max((c for c in columns if not c.closes_case), key=lambda c: c.count).id
            services.boards.page(team, biggest, filt)
            raw_board(path, team, open_columns, biggest, text)
            counts_s, pages_s, raw_counts, raw_pages = [], [], [], []
            for _run in range(args.runs):
                rc, rp, expected = raw_board(path, team, open_columns, biggest, text)
                raw_counts.append(rc)
                raw_pages.append(rp)
                db.behind.flush()
                t = time.perf_counter()
                columns = services.boards.board(team, filt).columns
                counts_s.append(time.perf_counter() - t)
                t = time.perf_counter()
                services.boards.page(team, biggest, filt)
                pages_s.append(time.perf_counter() - t)
                got = {c.id: c.count for c in columns if not c.closes_case and c.count}
                assert got == expected, (text, got, expected)
            board_results.append(
                (
                    text,
                    sum(expected.values()),
                    statistics.median(raw_counts),
                    statistics.median(counts_s),
                    statistics.median(raw_pages),
                    statistics.median(pages_s),
                )
            )
        db.dispose()

    ms = 1000
    worst = max(s for _l, _f, _r, s, _a in results)
    board_worst = max(max(sc, sp) for _t, _f, _rc, sc, _rp, sp in board_results)
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
        "",
        "Board of one team with a text filter (20,000 open cases): the counts of its columns "
        "(`board`, a read) and the first 100 cards of its biggest column (`page`, audited).",
        "",
        "| filter text | open cases found | counts: raw | counts: service | first page: raw "
        "| first page: service |",
        "|---|---:|---:|---:|---:|---:|",
        *(
            f"| `{text}` | {found:,} | {rc * ms:.1f} ms | {sc * ms:.1f} ms | {rp * ms:.1f} ms "
            f"| {sp * ms:.1f} ms |"
            for text, found, rc, sc, rp, sp in board_results
        ),
        "",
        f"Target: the board with a text filter ≤ {BOARD_TARGET_MS:.0f} ms (counts and a page "
        f"each) — slowest {board_worst * ms:.1f} ms, "
        f"{'met' if board_worst * ms <= BOARD_TARGET_MS else 'NOT met'}.",
    ]
    report = "\n".join(lines)
    print(report)
    if args.report:
        args.report.write_text(report + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
