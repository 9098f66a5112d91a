"""Benchmark of the indicators of the separated model (issue 20): a year's overview on a large
office, and the year's XLSX.

It builds an office in a temporary folder (first run, a manager, workers) and fills it by raw
SQL with ``--visits`` contacts over 2025 and 2026 (each in-person one with its register,
call and finish events), ``--cases`` cases with interviews and decisions (some late, some
suspended), and two contracts with their sessions; then it recounts the indicators' daily
counts (the raw fill went around the sessions that keep them), as the migration does. Then it
measures, as medians of ``--repeat`` runs:

- ``IndicatorService.overview`` of the year 2026 (the year and 2025 beside it), through the
  service layer as the manager's screen asks for it;
- the same figures by hand in raw ``sqlite3`` on the same file from the visits themselves
  (the baseline: the counts GROUP BY'd, the waiting times through a GROUP BY over the events,
  decisions and interviews made counted against a due date computed in Python per application
  day) — what the service did before the daily counts;
- the year's XLSX workbook and PDF report (service, tables, file).

It prints seconds and the ratio of the service to the baseline (target: the overview
<= 1 s, the XLSX <= 2 s). Not a test: it asserts nothing.

    .venv/bin/python bench/indicators.py [--visits 1000000] [--cases 200000] [--repeat 3]
        [--file PATH]

``--file`` keeps the office in PATH and, when PATH exists, measures it again without
building it (to profile: build it once, then run ``python -m cProfile`` on the same file).
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from opsdesk.domain.deadlines import due_date
from opsdesk.domain.report_periods import year_period
from opsdesk.domain.roles import Role
from opsdesk.i18n import set_language
from opsdesk.printing import documents
from opsdesk.services.account.auth import AdminInput
from opsdesk.services.clock import FixedClock
from opsdesk.services.office.profile import OfficeInput
from opsdesk.services.office.staff import StaffInput
from opsdesk.services.registry import Services
from opsdesk.storage import indicator_counts
from opsdesk.storage.opening import open_database

PASSWORD = "bench-haslo-123"
TODAY = date(2026, 12, 31)
FIRST_DAY = date(2025, 1, 1)
WORKERS = 12


def office(path: Path):
    db = open_database(f"sqlite:///{path}")
    clock = FixedClock(datetime.combine(TODAY, datetime.min.time()).replace(hour=15))
    anonymous = Services(db, None, clock)
    admin = anonymous.as_actor(
        anonymous.auth.first_run(
            OfficeInput(name="OPS (benchmark)", city="Gryfino"),
            AdminInput("admin", "Administrator", PASSWORD, PASSWORD),
        )
    )
    teams = {t.kind: t.id for t in admin.teams.list()}
    staff = []
    for n in range(WORKERS):
        record = admin.staff.create(
            StaffInput(
                f"pracownik{n}",
                f"Pracownik {n} Zając",
                frozenset({Role.SOCIAL_WORKER if n else Role.CLERK}),
                teams["benefits" if n else "first_contact"],
                f"pokój {n}",
                password=PASSWORD,
            )
        )
        staff.append(record.id)
    admin.staff.create(
        StaffInput("kierownik", "Kierownik", frozenset({Role.MANAGER}), password=PASSWORD)
    )
    manager = anonymous.as_actor(anonymous.auth.login("kierownik", PASSWORD))
    return db, manager, teams, staff


def fill(path: Path, visits: int, cases: int, teams: dict, staff: list[int]) -> None:
    rng = random.Random(20)
    con = sqlite3.connect(path)
    con.execute("PRAGMA synchronous = OFF")
    purposes = [r[0] for r in con.execute("SELECT id FROM contact_purpose")]
    kinds = [r[0] for r in con.execute("SELECT id FROM benefit_kind WHERE needs_decision = 1")]
    status = con.execute(
        "SELECT id FROM team_status WHERE team_id = ? ORDER BY position", (teams["benefits"],)
    ).fetchone()[0]
    team_ids = list(teams.values())
    days = [FIRST_DAY + timedelta(days=d) for d in range((TODAY - FIRST_DAY).days + 1)]
    workdays = [d for d in days if d.weekday() < 5]
    per_day = visits // len(workdays) + 1
    visit_rows, event_rows = [], []
    made = 0
    next_id = 1
    channels = ("in_person",) * 6 + ("phone", "phone", "email", "letter", "epuap")
    outcomes = ("information", "application", "sent_to_team", "psychologist")
    for day in workdays:
        for seq in range(1, per_day + 1):
            if made >= visits:
                break
            arrived = datetime.combine(day, datetime.min.time()) + timedelta(
                hours=7, seconds=seq * 25
            )
            channel = rng.choice(channels)
            team = rng.choice(team_ids)
            in_person = channel == "in_person"
            visit_rows.append(
                (
                    next_id,
                    day.isoformat(),
                    channel,
                    rng.choice(purposes),
                    "I" if in_person else None,
                    seq if in_person else None,
                    team,
                    "done",
                    arrived.isoformat(" "),
                    rng.choice(staff),
                    rng.choice(outcomes),
                )
            )
            if in_person:
                wait = rng.randint(0, 40 * 60)
                for offset, action in ((0, "register"), (wait, "call"), (wait + 600, "finish")):
                    event_rows.append(
                        (
                            next_id,
                            (arrived + timedelta(seconds=offset)).isoformat(" "),
                            action,
                            team,
                        )
                    )
            next_id += 1
            made += 1
        if len(visit_rows) >= 50_000:
            _flush(con, visit_rows, event_rows)
    _flush(con, visit_rows, event_rows)
    con.execute(
        "INSERT INTO client (id, first_name, last_name, search_key, name_key, address_key, "
        "code, created_at, updated_at, locality, street, house_number, flat_number, "
        "postal_code, phone, email, region_overridden) VALUES (1, 'Jan', 'Nowak', "
        "'nowak jan', 'jan nowak', '', 'K-1', '2025-01-01 08:00:00', '2025-01-01 08:00:00', "
        "'', '', '', '', '', '', '', 0)"
    )
    rows = []
    for n in range(1, cases + 1):
        applied = rng.choice(days)
        # most on time, a few late: interviews in 1-20 days, decisions in 7-33
        interview = applied + timedelta(days=rng.randint(1, 20))
        decision = applied + timedelta(days=rng.randint(7, 33))
        decided = decision <= TODAY and rng.random() < 0.97
        closed = decided and rng.random() < 0.9
        rows.append(
            (
                n,
                f"OPS.{n}.{applied.year}",
                applied.year,
                n,
                1,
                rng.choice(kinds),
                teams["benefits"],
                rng.choice(staff[1:] + [None]),
                status,
                applied.isoformat(),
                int(rng.random() < 0.05),
                int(rng.random() < 0.1),
                interview.isoformat() if interview <= TODAY else None,
                decision.isoformat() if decided else None,
                f"{decision.isoformat()} 12:00:00" if closed else None,
                f"{applied.isoformat()} 08:00:00",
                f"{applied.isoformat()} 08:00:00",
            )
        )
        if len(rows) >= 50_000:
            _cases(con, rows)
    _cases(con, rows)
    con.executemany(
        "INSERT INTO case_suspension (case_id, starts_on, ends_on, reason) VALUES (?,?,?,'')",
        [
            (n, "2026-03-02", "2026-03-11")
            for n in rng.sample(range(1, cases + 1), max(1, cases // 50))
        ],
    )
    for kind, number, minutes in (
        ("psychology", "1/PS/2025", 900),
        ("supervision", "2/SU/2025", 480),
    ):
        contract = con.execute(
            "INSERT INTO contract (kind, number, provider_name, provider_company, "
            "monthly_minutes, pro_rata_first_month, valid_from, valid_to, project_name, "
            "project_number, created_at) VALUES (?, ?, 'Dostawca', '', ?, 0, '2025-01-01', "
            "'2026-12-31', '', '', '2025-01-01 08:00:00')",
            (kind, number, minutes),
        ).lastrowid
        con.executemany(
            "INSERT INTO session (contract_id, day, start, minutes, form, state, "
            "over_budget_reason, created_at) VALUES (?, ?, '12:00:00.000000', 60, "
            "'individual', 'held', '', '2025-01-01 08:00:00')",
            [(contract, d.isoformat()) for d in workdays[::2]],
        )
    con.commit()
    con.execute("ANALYZE")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()


def _flush(con, visit_rows, event_rows) -> None:
    con.executemany(
        "INSERT INTO visit (id, day, channel, purpose_id, visitor_label, ticket_letter, "
        "ticket_seq, priority, priority_reason, target_team_id, routing_override_reason, "
        "note, state, arrived_at, call_place, served_by_id, outcome) "
        "VALUES (?, ?, ?, ?, '', ?, ?, 0, '', ?, '', '', ?, ?, '', ?, ?)",
        visit_rows,
    )
    con.executemany(
        "INSERT INTO visit_event (visit_id, at, action, detail, team_id) VALUES (?,?,?,'',?)",
        event_rows,
    )
    visit_rows.clear()
    event_rows.clear()


def _cases(con, rows) -> None:
    con.executemany(
        "INSERT INTO case_file (id, file_number, file_year, file_seq, client_id, kind_id, "
        "team_id, worker_id, status_id, application_date, urgent, complex, interview_date, "
        "decision_date, closed_at, created_at, updated_at, decision_number, notice_reason, "
        "summary, outcome) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'','','','')",
        rows,
    )
    rows.clear()


class RawIndicators:
    """The year's figures in hand-written SQL on one sqlite3 connection (the baseline)."""

    def __init__(self, path: Path):
        self.con = sqlite3.connect(path)

    def period(self, first: date, last: date) -> None:
        c, a, b = self.con, first.isoformat(), last.isoformat()
        c.execute(
            "SELECT channel, purpose_id, count(*) FROM visit WHERE day BETWEEN ? AND ? "
            "GROUP BY channel, purpose_id",
            (a, b),
        ).fetchall()
        c.execute(
            "SELECT sum(state = 'done' AND outcome IS NOT NULL), sum(state = 'done' AND "
            "outcome IS NOT NULL AND redirected_from_team_id IS NULL AND t.kind = "
            "'first_contact' AND outcome NOT IN ('sent_to_team', 'psychologist', 'outside')) "
            "FROM visit LEFT JOIN team t ON t.id = visit.target_team_id "
            "WHERE day BETWEEN ? AND ?",
            (a, b),
        ).fetchall()
        waits = [
            round(w, 2)
            for (w,) in c.execute(
                "SELECT (julianday(called) - julianday(entered)) * 1440.0 FROM ("
                " SELECT min(CASE WHEN e.action = 'register' THEN e.at END) entered,"
                "  min(CASE WHEN e.action = 'call' THEN e.at END) called"
                "  FROM visit_event e JOIN visit v ON v.id = e.visit_id"
                "  WHERE v.day BETWEEN ? AND ? AND v.ticket_seq IS NOT NULL"
                "  AND v.redirected_from_team_id IS NULL GROUP BY e.visit_id)"
                " WHERE called IS NOT NULL AND entered IS NOT NULL",
                (a, b),
            )
        ]
        waits.sort()
        for column in ("target_team_id", "served_by_id", "day", "strftime('%H', arrived_at)"):
            c.execute(
                f"SELECT {column}, count(*) FROM visit WHERE day BETWEEN ? AND ? GROUP BY {column}",
                (a, b),
            ).fetchall()
        end = (last + timedelta(days=1)).isoformat()
        c.execute(
            "SELECT worker_id, sum(application_date BETWEEN ? AND ?), "
            "sum(closed_at >= ? AND closed_at < ?), "
            "sum(application_date <= ? AND (closed_at IS NULL OR closed_at >= ?)) "
            "FROM case_file WHERE application_date <= ? AND (closed_at IS NULL OR closed_at >= ?) "
            "GROUP BY worker_id",
            (a, b, a, end, b, end, b, a),
        ).fetchall()
        due = {}
        for column, rule in (("decision_date", "decision"), ("interview_date", "interview")):
            late = 0
            for applied, made in c.execute(
                f"SELECT application_date, {column} FROM case_file WHERE {column} BETWEEN ? AND ?",
                (a, b),
            ):
                key = (rule, applied)
                if key not in due:
                    due[key] = due_date(rule, date.fromisoformat(applied)).isoformat()
                late += made > due[key]
        c.execute(
            "SELECT contract_id, sum(minutes), count(*) FROM session WHERE state = 'held' "
            "AND day BETWEEN ? AND ? GROUP BY contract_id",
            (a, b),
        ).fetchall()

    def overview(self) -> None:
        self.period(date(2026, 1, 1), date(2026, 12, 31))
        self.period(date(2025, 1, 1), date(2025, 12, 31))


def desk_writes(path: Path, writes: int) -> None:
    """What keeping the counts costs the desk: registering a person and calling the next one,
    with the counts' listener and without it, alternately in the same run (medians, ms)."""
    from sqlalchemy import event

    from opsdesk.domain.queue import Channel
    from opsdesk.services.reception.desk import ContactInput

    db = open_database(f"sqlite:///{path}")
    clock = FixedClock(datetime.combine(TODAY, datetime.min.time()).replace(hour=7, minute=30))
    clerk = Services(db, None, clock)
    clerk = clerk.as_actor(clerk.auth.login("pracownik0", PASSWORD))
    team = next(t.id for t in clerk.reception.teams() if t.kind == "first_contact")
    data = ContactInput(Channel.IN_PERSON, clerk.reception.purposes()[0].id)
    sessions = db._sessions  # the factory the listener is installed on

    def one_round() -> tuple[float, float]:
        register, call = [], []
        for _ in range(writes):
            clock.advance(seconds=1)
            started = time.perf_counter()
            clerk.reception.register(data)
            register.append(time.perf_counter() - started)
        for _ in range(writes):
            clock.advance(seconds=1)
            started = time.perf_counter()
            clerk.queue.call_next(team)
            call.append(time.perf_counter() - started)
        return statistics.median(register) * 1000, statistics.median(call) * 1000

    kept, bare = [], []
    for _ in range(3):
        kept.append(one_round())
        event.remove(sessions, "before_flush", indicator_counts._before_flush)
        event.remove(sessions, "after_flush", indicator_counts._after_flush)
        bare.append(one_round())
        indicator_counts.install(sessions)
    for name, rounds in (("with the counts", kept), ("without them", bare)):
        print(
            f"desk {name}: register {statistics.median(r[0] for r in rounds):.2f} ms, "
            f"call next {statistics.median(r[1] for r in rounds):.2f} ms"
        )
    db.dispose()


def build(path: Path, visits: int, cases: int):
    db, manager, teams, staff = office(path)
    started = time.perf_counter()
    fill(path, visits, cases, teams, staff)
    print(
        f"office: {visits:,} contacts, {cases:,} cases over 2025-2026, "
        f"built in {time.perf_counter() - started:.0f} s"
    )
    # the raw fill went around the sessions: count the visits as the migration does
    started = time.perf_counter()
    with db.transaction() as session:
        indicator_counts.recount(session.connection())
    print(
        f"daily counts recounted (as the migration fills them) in "
        f"{time.perf_counter() - started:.0f} s"
    )
    return db, manager


def reopen(path: Path):
    db = open_database(f"sqlite:///{path}")
    clock = FixedClock(datetime.combine(TODAY, datetime.min.time()).replace(hour=15))
    anonymous = Services(db, None, clock)
    return db, anonymous.as_actor(anonymous.auth.login("kierownik", PASSWORD))


def timed(fn, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=1_000_000)
    parser.add_argument("--cases", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--desk-writes",
        type=int,
        default=0,
        help="also measure N registrations and calls with and without the counts",
    )
    parser.add_argument(
        "--file", type=Path, help="keep the office in this file; measure it again if it exists"
    )
    args = parser.parse_args()
    set_language("pl")
    with tempfile.TemporaryDirectory() as folder:
        path = args.file or Path(folder) / "opsdesk.sqlite3"
        if path.exists():
            db, manager = reopen(path)
            print(f"office: {path} (built before)")
        else:
            db, manager = build(path, args.visits, args.cases)
        year = year_period(2026)
        raw = RawIndicators(path)
        raw.overview()  # warm the file cache for both
        manager.indicators.overview(year)
        baseline = timed(raw.overview, args.repeat)
        service = timed(lambda: manager.indicators.overview(year), args.repeat)
        xlsx = timed(lambda: documents.indicators_report(manager, year, "xlsx"), args.repeat)
        pdf = timed(lambda: documents.indicators_report(manager, year, "pdf"), args.repeat)
        print(f"raw sqlite3 baseline (2026 and 2025): {baseline:.2f} s")
        print(
            f"overview of 2026 through the service: {service:.2f} s "
            f"({service / baseline:.2f}x the baseline; target <= 1 s)"
        )
        print(f"XLSX of 2026: {xlsx:.2f} s (target <= 2 s); PDF of 2026: {pdf:.2f} s")
        db.dispose()
        if args.desk_writes:
            desk_writes(path, args.desk_writes)


if __name__ == "__main__":
    main()
