"""Opening a team board with 200,000 cases, as ratios to raw sqlite3 in the same run.

Builds (in a temporary folder, ~20 s) a database of 200,000 cases: 20,000 open on the
benefits team's board (four open columns, deadlines computed by ``case_rules``, some
suspended, some linked), 110,000 closed on that board, 70,000 on the social work team's.
Then, after a warm-up, N interleaved runs of:

  raw all      sqlite3 fetching the 20,000 open cards of the board (same columns, same order)
  open         BoardWidget built, shown and painted offscreen for a benefits worker: column
               counts, the first page of every column, the caseload panel (models fetch
               lazily, Core rows, no ORM object per card)
  scroll all   every open card fetched through the column models page by page (what
               scrolling to the bottom of every column costs), vs raw all
  page         one page (100 cards) fetched deep in the biggest column (keyset paging)

Target (issue 5): open ≤ 1.5 × raw all.

    .venv/bin/python bench/boards.py [--runs 7] [--report bench/boards.md]
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TODAY = date(2026, 3, 16)  # a Monday
TOTAL = 200_000
OPEN_ON_BOARD = 20_000
CLOSED_ON_BOARD = 110_000
CLIENTS = 60_000
WORKERS = 8
OPEN_SHARES = {"new": 0.15, "interview": 0.35, "decision": 0.30, "decided": 0.20}

RAW_SQL = """
SELECT c.id, c.file_number, c.status_id, cl.last_name, cl.first_name, c.kind_id, c.worker_id,
       c.next_due, c.next_due_rule, c.urgent,
       EXISTS (SELECT 1 FROM case_suspension s WHERE s.case_id = c.id AND s.ends_on IS NULL),
       EXISTS (SELECT 1 FROM case_link l WHERE l.case_id = c.id)
FROM case_file c JOIN client cl ON cl.id = c.client_id
WHERE c.team_id = ? AND c.status_id IN ({marks})
ORDER BY c.status_id, c.next_due IS NULL, c.next_due, c.id
"""


def build(path: Path) -> dict:
    """The schema by the real migrations and reference data; the bulk rows by executemany."""
    from opsdesk.domain.case_rules import CaseFacts, cached_deadline
    from opsdesk.domain.text import address_key, fold, name_key
    from opsdesk.i18n import set_language
    from opsdesk.services.office.reference_data import seed_reference_data
    from opsdesk.storage.models import Staff, StaffRole, Team, TeamStatus
    from opsdesk.storage.opening import open_database

    set_language("pl")
    db = open_database(f"sqlite:///{path}")
    now = datetime(2026, 3, 16, 8, 0)
    with db.transaction() as session:
        teams = seed_reference_data(session)
        benefits, social = teams["benefits"].id, teams["social_work"].id
        workers = {}
        for team_id, prefix in ((benefits, "sw"), (social, "ps")):
            for n in range(WORKERS):
                staff = Staff(
                    login=f"{prefix}{n}",
                    full_name=f"Pracownik {prefix.upper()} {n}",
                    password_hash="-",
                    team_id=team_id,
                    active=True,
                    created_at=now,
                )
                session.add(staff)
                session.flush()
                session.add(StaffRole(staff_id=staff.id, role="social_worker"))
                workers.setdefault(team_id, []).append(staff.id)
        statuses = {
            (t, code): (i, closes)
            for i, t, code, closes in session.execute(
                TeamStatus.__table__.select().with_only_columns(
                    TeamStatus.id, TeamStatus.team_id, TeamStatus.code, TeamStatus.closes_case
                )
            )
        }
        team_names = {t.id: t.name for t in session.query(Team)}
    db.dispose()

    rng = random.Random(5)
    con = sqlite3.connect(path)
    stamp = now.strftime("%Y-%m-%d %H:%M:%S.000000")
    last_names = [
        "Kowalski",
        "Nowak",
        "Wiśniewska",
        "Wójcik",
        "Kamińska",
        "Lewandowski",
        "Zieliński",
        "Szymańska",
        "Woźniak",
        "Dąbrowski",
        "Kozłowska",
        "Jankowski",
        "Mazur",
        "Kwiatkowska",
        "Krawczyk",
        "Piotrowski",
        "Grabowska",
        "Żak",
    ]
    first_names = [
        "Anna",
        "Jan",
        "Maria",
        "Piotr",
        "Zofia",
        "Łukasz",
        "Ewa",
        "Józef",
        "Małgorzata",
        "Stanisław",
        "Katarzyna",
        "Grzegorz",
    ]
    clients = []
    for i in range(1, CLIENTS + 1):
        last, first = rng.choice(last_names), rng.choice(first_names)
        clients.append(
            (
                i,
                first,
                last,
                f"D{i:07d}",
                "Gryfino",
                "ul. Łużycka",
                str(i % 90 + 1),
                fold(f"{last} {first} D{i:07d}"),
                name_key(first, last),
                address_key("ul. Łużycka", str(i % 90 + 1), "Gryfino"),
                f"K-{i:06d}",
                stamp,
                stamp,
            )
        )
    con.executemany(
        "INSERT INTO client (id, first_name, last_name, document_number, locality, street, "
        "house_number, flat_number, postal_code, phone, email, region_overridden, search_key, "
        "name_key, address_key, code, created_at, updated_at) "
        "VALUES (?,?,?,?,?,?,?,'','','','',0,?,?,?,?,?,?)",
        clients,
    )

    kinds = {
        code: (i, needs, cont)
        for i, code, needs, cont in con.execute(
            "SELECT id, code, needs_decision, continuing FROM benefit_kind"
        )
    }
    benefit_kinds = ["zasilek_okresowy", "zasilek_celowy", "zasilek_staly", "posilek", "ubranie"]
    rows, suspensions, links = [], [], []
    open_codes = list(OPEN_SHARES)
    weights = list(OPEN_SHARES.values())
    for n in range(1, TOTAL + 1):
        if n <= OPEN_ON_BOARD + CLOSED_ON_BOARD:
            team = benefits
            is_open = n <= OPEN_ON_BOARD
            kind = rng.choice(benefit_kinds)
        else:
            team = social
            is_open = rng.random() < 0.1
            kind = rng.choice(["praca_socjalna", "uslugi_opiekuncze", "kontrakt_socjalny"])
        kind_id, needs, continuing = kinds[kind]
        applied = TODAY - timedelta(days=rng.randint(0, 80) if is_open else rng.randint(60, 3000))
        urgent = rng.random() < 0.05
        interview = decision = due = rule = closed_at = None
        if is_open:
            code = (
                rng.choices(open_codes, weights)[0]
                if team == benefits
                else rng.choice(["new", "interview", "work", "contract"])
            )
            if code in ("decision", "decided", "work", "contract"):
                interview = min(applied + timedelta(days=rng.randint(1, 15)), TODAY)
            if code == "decided" and needs:
                decision = min(interview + timedelta(days=rng.randint(1, 10)), TODAY)
            stopped = ()
            if code == "decision" and rng.random() < 0.08:
                stopped = ((min(interview + timedelta(days=2), TODAY), None),)
                suspensions.append((n, stopped[0][0], None, "PUP"))
            facts = CaseFacts(
                applied,
                bool(needs),
                bool(continuing),
                urgent,
                False,
                interview,
                decision,
                suspensions=stopped,
            )
            due, rule = cached_deadline(facts, TODAY)
        else:
            code = "closed"
            closed_at = (applied + timedelta(days=40)).strftime("%Y-%m-%d 12:00:00.000000")
        status_id = statuses[(team, code)][0]
        year = applied.year
        rows.append(
            (
                n,
                f"OPS.{n}.{year}",
                year,
                n,
                rng.randint(1, CLIENTS),
                kind_id,
                team,
                rng.choice(workers[team]),
                status_id,
                applied.isoformat(),
                int(urgent),
                interview.isoformat() if interview else None,
                decision.isoformat() if decision else None,
                due.isoformat() if due else None,
                rule,
                closed_at,
                stamp,
                stamp,
            )
        )
        if is_open and rng.random() < 0.05 and n > 1:
            links += [(n, n - 1, "handoff"), (n - 1, n, "handoff")]
    con.executemany(
        "INSERT INTO case_file (id, file_number, file_year, file_seq, client_id, kind_id, "
        "team_id, worker_id, status_id, application_date, urgent, complex, interview_date, "
        "decision_date, notice_reason, next_due, next_due_rule, summary, outcome, closed_at, "
        "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,0,?,?,'',?,?,'','',?,?,?)",
        rows,
    )
    con.executemany(
        "INSERT INTO case_suspension (case_id, starts_on, ends_on, reason) VALUES (?,?,?,?)",
        [(c, s.isoformat(), e, r) for c, s, e, r in suspensions],
    )
    con.executemany(
        "INSERT OR IGNORE INTO case_link (case_id, linked_case_id, kind) VALUES (?,?,?)", links
    )
    con.commit()
    con.execute("ANALYZE")
    con.close()
    open_ids = [i for (t, _c), (i, closes) in statuses.items() if t == benefits and not closes]
    return {
        "team": benefits,
        "team_name": team_names[benefits],
        "open_ids": sorted(open_ids),
        "worker": workers[benefits][0],
    }


def raw_all(path: Path, info: dict) -> tuple[float, int]:
    marks = ",".join("?" * len(info["open_ids"]))
    start = time.perf_counter()
    con = sqlite3.connect(path)
    rows = con.execute(RAW_SQL.format(marks=marks), [info["team"], *info["open_ids"]]).fetchall()
    con.close()
    return time.perf_counter() - start, len(rows)


def raw_first_pages(path: Path, info: dict) -> float:
    """What the board reads when it opens, in raw sqlite3: counts, the caseload and the first
    100 cards of every open column (for context; the board adds Qt widgets on top)."""
    start = time.perf_counter()
    con = sqlite3.connect(path)
    marks = ",".join("?" * len(info["open_ids"]))
    con.execute(
        f"SELECT status_id, count(*) FROM case_file WHERE team_id = ? "
        f"AND status_id IN ({marks}) GROUP BY status_id",
        (info["team"], *info["open_ids"]),
    ).fetchall()
    con.execute(
        f"SELECT worker_id + 0 AS w, count(*), sum(next_due < ?) FROM case_file "
        f"WHERE team_id = ? AND status_id IN ({marks}) GROUP BY w",
        [TODAY.isoformat(), info["team"], *info["open_ids"]],
    ).fetchall()
    page = (
        RAW_SQL.replace(
            "c.status_id IN ({marks})", "c.status_id = ? AND c.next_due IS NOT NULL"
        ).replace("ORDER BY c.status_id, c.next_due IS NULL, ", "ORDER BY ")
        + " LIMIT 100"
    )
    for status in info["open_ids"]:
        con.execute(page, (info["team"], status)).fetchall()
    con.close()
    return time.perf_counter() - start


def open_board(services, app) -> tuple[float, object]:
    from opsdesk.ui.boards.board_widget import BoardWidget
    from opsdesk.ui.operation import operations

    start = time.perf_counter()
    widget = BoardWidget(services)
    widget.resize(1400, 800)
    widget.show()
    app.processEvents()
    while operations().running:  # the first load runs off the GUI thread
        time.sleep(0.001)
        app.processEvents()
    widget.grab()  # the first paint of every visible card
    return time.perf_counter() - start, widget


def scroll_all(widget) -> tuple[float, int, list[float]]:
    from PySide6.QtCore import QModelIndex

    pages = []
    start = time.perf_counter()
    cards = 0
    for column in widget.columns.values():
        if column.closes_case:
            continue
        model = column.model
        while model.canFetchMore(QModelIndex()):
            t = time.perf_counter()
            model.fetchMore(QModelIndex())
            pages.append(time.perf_counter() - t)
        cards += model.rowCount()
    return time.perf_counter() - start, cards, pages


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--report", type=Path, default=None)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from opsdesk.services.account.auth import actor_for
    from opsdesk.services.clock import FixedClock
    from opsdesk.services.registry import Services
    from opsdesk.storage.database import Database
    from opsdesk.storage.models import Staff

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        t0 = time.perf_counter()
        info = build(path)
        built = time.perf_counter() - t0
        db = Database(f"sqlite:///{path}")
        with db.reading() as session:
            actor = actor_for(session, session.get(Staff, info["worker"]))
        services = Services(db, actor, FixedClock(datetime(2026, 3, 16, 9, 0)))
        raw_all(path, info)  # warm-up: caches, imports, first paint
        _t, warm = open_board(services, app)
        warm.close()
        warm.deleteLater()
        raws, firsts, opens, scrolls, page_times, deep = [], [], [], [], [], []
        counts = None
        for _run in range(args.runs):
            seconds, n_raw = raw_all(path, info)
            raws.append(seconds)
            firsts.append(raw_first_pages(path, info))
            seconds, widget = open_board(services, app)
            opens.append(seconds)
            seconds, n_cards, pages = scroll_all(widget)
            scrolls.append(seconds)
            page_times += pages
            biggest = max(
                (c for c in widget.columns.values() if not c.closes_case),
                key=lambda c: c.model.rowCount(),
            )
            after = biggest.model.card(biggest.model.rowCount() // 2)
            t = time.perf_counter()
            services.boards.page(info["team"], biggest.model.status_id, after=after)
            deep.append(time.perf_counter() - t)
            counts = (n_raw, n_cards, {c.name: c.count for c in widget.columns.values()})
            widget.close()
            widget.deleteLater()
            app.processEvents()
        db.dispose()

    raw, opened, scrolled = (statistics.median(x) for x in (raws, opens, scrolls))
    n_raw, n_cards, columns = counts
    ms = 1000
    lines = [
        "# Board benchmark (bench/boards.py)",
        "",
        f"Database: {TOTAL:,} cases, {n_raw:,} open on the board of „{info['team_name']}”; "
        f"built in {built:.1f} s. Median of {args.runs} interleaved runs.",
        "",
        "Columns (cards): " + ", ".join(f"{k} {v:,}" for k, v in columns.items()),
        "",
        "| measurement | time | ratio to raw all |",
        "|---|---|---|",
        f"| raw sqlite3: the {n_raw:,} open cards | {raw * ms:.1f} ms | 1.00 |",
        f"| board opens (counts, first pages, caseload, painted) | {opened * ms:.1f} ms | "
        f"{opened / raw:.2f} |",
        f"| raw sqlite3: only what opening reads (counts, caseload, first pages), for context | "
        f"{statistics.median(firsts) * ms:.1f} ms | {statistics.median(firsts) / raw:.2f} |",
        f"| every open card through the models ({n_cards:,}) | {scrolled * ms:.1f} ms | "
        f"{scrolled / raw:.2f} |",
        f"| one page of 100 cards (median / 95th percentile / max) | "
        f"{statistics.median(page_times) * ms:.1f} / "
        f"{statistics.quantiles(page_times, n=20)[-1] * ms:.1f} / "
        f"{max(page_times) * ms:.1f} ms | |",
        f"| one page deep in the biggest column | {statistics.median(deep) * ms:.1f} ms | |",
        "",
        f"Target: board opens ≤ 1.5 × raw all — {'met' if opened <= 1.5 * raw else 'NOT met'}.",
    ]
    report = "\n".join(lines)
    print(report)
    if args.report:
        args.report.write_text(report + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
