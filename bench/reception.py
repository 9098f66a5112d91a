"""Benchmark of the first-contact desk (issue 4): registering a contact and calling the next
person must not grow with history.

For each history size (default 100,000 and 1,000,000 past visits, each with its events) it
measures, in the service layer, the median time of
  - ``ReceptionService.register`` (an in-person contact: ticket, visit, event, audit),
  - ``QueueService.call_next``,
  - ``QueueService.queue`` (the team's queue view, today's rows only),
and, in the same run on the same file, a raw ``sqlite3`` baseline doing the same statements
by hand. It reports milliseconds, the ratio to the baseline, and the ratio of the largest
history to the smallest (target: <= 20 ms at 1M, and <= 1.2x the 100k time).

    .venv/bin/python bench/reception.py [--sizes 100000 1000000] [--repeat 200]

Not a test: it prints numbers, it asserts nothing.
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

from opsdesk.domain.queue import Channel
from opsdesk.domain.roles import Role
from opsdesk.i18n import set_language
from opsdesk.services.account.auth import AdminInput
from opsdesk.services.clock import FixedClock
from opsdesk.services.office.profile import OfficeInput
from opsdesk.services.office.staff import StaffInput
from opsdesk.services.reception.desk import ContactInput
from opsdesk.services.registry import Services
from opsdesk.storage.opening import open_database

PASSWORD = "bench-haslo-123"
TODAY = date(2026, 11, 30)


def office(path: Path):
    db = open_database(f"sqlite:///{path}")
    clock = FixedClock(datetime.combine(TODAY, datetime.min.time()).replace(hour=7, minute=30))
    anonymous = Services(db, None, clock)
    admin = anonymous.as_actor(
        anonymous.auth.first_run(
            OfficeInput(name="OPS (benchmark)", city="Gryfino"),
            AdminInput("admin", "Administrator", PASSWORD, PASSWORD),
        )
    )
    teams = {t.kind: t.id for t in admin.teams.list()}
    admin.staff.create(
        StaffInput(
            "recepcja",
            "Beata Kłos",
            frozenset({Role.CLERK}),
            teams["first_contact"],
            "stanowisko 1",
            password=PASSWORD,
        )
    )
    clerk = anonymous.as_actor(anonymous.auth.login("recepcja", PASSWORD))
    purposes = {p.code: p.id for p in clerk.reception.purposes()}
    return db, clock, clerk, teams, purposes


def fill_history(path: Path, visits: int, teams: dict, purposes: dict, clerk_id: int) -> None:
    """``visits`` past visits over the two years before today, each with 3 events."""
    rng = random.Random(4)
    days = 500
    per_day = max(1, visits // days)
    team_ids = list(teams.values())
    purpose_ids = list(purposes.values())
    con = sqlite3.connect(path)
    con.execute("PRAGMA synchronous = OFF")
    next_id = (con.execute("SELECT coalesce(max(id), 0) FROM visit").fetchone()[0] or 0) + 1
    visit_rows, event_rows = [], []
    made = 0
    for d in range(days, 0, -1):
        day = TODAY - timedelta(days=d)
        for seq in range(1, per_day + 1):
            if made >= visits:
                break
            arrived = datetime.combine(day, datetime.min.time()) + timedelta(
                hours=7, seconds=seq * 20
            )
            team = rng.choice(team_ids)
            visit_rows.append(
                (
                    next_id,
                    day.isoformat(),
                    "in_person",
                    rng.choice(purpose_ids),
                    None,
                    "",
                    "Ś",
                    seq,
                    0,
                    "",
                    team,
                    None,
                    "",
                    "",
                    "done",
                    arrived.isoformat(" "),
                    clerk_id,
                    "stanowisko 1",
                    "information",
                )
            )
            for offset, action in ((0, "register"), (300, "call"), (900, "finish")):
                event_rows.append(
                    (
                        next_id,
                        (arrived + timedelta(seconds=offset)).isoformat(" "),
                        clerk_id,
                        action,
                        "",
                        team,
                    )
                )
            next_id += 1
            made += 1
        if len(visit_rows) >= 50_000:
            _flush(con, visit_rows, event_rows)
    _flush(con, visit_rows, event_rows)
    con.commit()
    con.execute("ANALYZE")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # as after a night: history in the file
    con.close()


def _flush(con, visit_rows, event_rows) -> None:
    con.executemany(
        "INSERT INTO visit (id, day, channel, purpose_id, client_id, visitor_label, "
        "ticket_letter, ticket_seq, priority, priority_reason, target_team_id, "
        "target_worker_id, routing_override_reason, note, state, arrived_at, called_by_id, "
        "call_place, outcome) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        visit_rows,
    )
    con.executemany(
        "INSERT INTO visit_event (visit_id, at, actor_id, action, detail, team_id) "
        "VALUES (?,?,?,?,?,?)",
        event_rows,
    )
    visit_rows.clear()
    event_rows.clear()


def timed(fn, repeat: int) -> float:
    """Median milliseconds of ``fn()`` over ``repeat`` calls."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


class RawDesk:
    """The same work in hand-written SQL on one sqlite3 connection (the baseline)."""

    def __init__(self, path: Path, clock, team: int, purpose: int, actor: int):
        self.con = sqlite3.connect(path, isolation_level=None)
        for pragma in (
            "busy_timeout = 10000",
            "journal_mode = WAL",
            "synchronous = FULL",
            "foreign_keys = ON",
        ):
            self.con.execute(f"PRAGMA {pragma}")
        self.clock, self.team, self.purpose, self.actor = clock, team, purpose, actor

    def register(self) -> None:
        now = self.clock.now()
        day = now.date().isoformat()
        c = self.con
        c.execute("BEGIN IMMEDIATE")
        seq = c.execute(
            "INSERT INTO counter (name, scope, value) VALUES ('ticket:X', ?, 1) "
            "ON CONFLICT (name, scope) DO UPDATE SET value = value + 1 "
            "RETURNING value",
            (day,),
        ).fetchone()[0]
        visit = c.execute(
            "INSERT INTO visit (day, channel, purpose_id, visitor_label, ticket_letter, "
            "ticket_seq, priority, priority_reason, target_team_id, routing_override_reason, "
            "note, state, arrived_at, call_place, created_by_id) "
            "VALUES (?, 'in_person', ?, '', 'X', ?, 0, '', ?, '', '', 'waiting', ?, '', ?)",
            (day, self.purpose, seq, self.team, now.isoformat(" "), self.actor),
        ).lastrowid
        c.execute(
            "INSERT INTO visit_event (visit_id, at, actor_id, action, detail, team_id) "
            "VALUES (?, ?, ?, 'register', '', ?)",
            (visit, now.isoformat(" "), self.actor, self.team),
        )
        c.execute(
            "INSERT INTO audit_entry (at, actor_id, actor_login, action, entity, "
            "entity_id, detail) VALUES (?, ?, 'recepcja', 'create', 'visit', ?, '')",
            (now.isoformat(" "), self.actor, visit),
        )
        c.execute("COMMIT")

    def call_next(self) -> None:
        now = self.clock.now()
        c = self.con
        c.execute("BEGIN IMMEDIATE")
        row = c.execute(
            "SELECT id FROM visit WHERE day = ? AND target_team_id = ? AND "
            "state = 'waiting' ORDER BY priority DESC, arrived_at, id LIMIT 1",
            (now.date().isoformat(), self.team),
        ).fetchone()
        c.execute(
            "UPDATE visit SET state = 'called', called_at = ?, called_by_id = ?, "
            "call_place = 'stanowisko 1' WHERE id = ?",
            (now.isoformat(" "), self.actor, row[0]),
        )
        c.execute(
            "INSERT INTO visit_event (visit_id, at, actor_id, action, detail, team_id) "
            "VALUES (?, ?, ?, 'call', '', ?)",
            (row[0], now.isoformat(" "), self.actor, self.team),
        )
        c.execute(
            "INSERT INTO audit_entry (at, actor_id, actor_login, action, entity, "
            "entity_id, detail) VALUES (?, ?, 'recepcja', 'call', 'visit', ?, '')",
            (now.isoformat(" "), self.actor, row[0]),
        )
        c.execute("COMMIT")


def measure(size: int, repeat: int, folder: Path) -> dict[str, float]:
    path = folder / f"bench-{size}.sqlite3"
    db, clock, clerk, teams, purposes = office(path)
    db.dispose()  # no reader holds the WAL while the history is written and checkpointed
    fill_history(path, size, teams, purposes, clerk.actor.id)
    team, purpose = teams["benefits"], purposes["benefit_application"]
    data = ContactInput(Channel.IN_PERSON, purpose)

    def tick(fn):
        def run():
            clock.advance(seconds=1)
            fn()

        return run

    results = {
        "register": timed(tick(lambda: clerk.reception.register(data)), repeat),
        "call_next": timed(tick(lambda: clerk.queue.call_next(team)), repeat),
    }
    for _ in range(repeat):  # a day's worth of waiting people for the view
        clock.advance(seconds=1)
        clerk.reception.register(data)
    results["queue_view"] = timed(lambda: clerk.queue.queue(team), max(20, repeat // 5))
    raw = RawDesk(path, clock, team, purpose, clerk.actor.id)
    results["raw_register"] = timed(tick(raw.register), repeat)
    results["raw_call_next"] = timed(tick(raw.call_next), repeat)
    raw.con.close()
    db.dispose()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--folder", type=Path, default=None)
    args = parser.parse_args()
    set_language("en")
    folder = args.folder or Path(tempfile.mkdtemp(prefix="opsdesk-bench-"))
    rows = {}
    for size in args.sizes:
        started = time.perf_counter()
        rows[size] = measure(size, args.repeat, folder)
        print(f"history {size:>9,}: measured in {time.perf_counter() - started:.0f} s")
    print()
    print(
        f"{'history':>10} {'register ms':>12} {'raw ms':>8} {'ratio':>6} "
        f"{'call ms':>9} {'raw ms':>8} {'ratio':>6} {'queue ms':>9}"
    )
    for size, r in rows.items():
        print(
            f"{size:>10,} {r['register']:>12.2f} {r['raw_register']:>8.2f} "
            f"{r['register'] / r['raw_register']:>6.2f} {r['call_next']:>9.2f} "
            f"{r['raw_call_next']:>8.2f} {r['call_next'] / r['raw_call_next']:>6.2f} "
            f"{r['queue_view']:>9.2f}"
        )
    small, large = rows[min(rows)], rows[max(rows)]
    if len(rows) > 1:
        print()
        for key in ("register", "call_next", "queue_view"):
            print(
                f"{key}: {max(rows):,} vs {min(rows):,} visits: "
                f"x{large[key] / small[key]:.2f} (target <= 1.2); "
                f"{large[key]:.2f} ms (target <= 20 ms)"
            )


if __name__ == "__main__":
    main()
