"""Desks on one PostgreSQL server (issue 15): contention, and how fast others see a commit.

1. ``--processes`` desks (default 4), each its own process and login, for ``--seconds``
   (default 60) register an in-person contact and press "call next" on the first-contact
   queue, as fast as they can. Afterwards the database is checked: tickets unique and without
   gaps per day and letter, no visit called twice; and the answers are counted: errors, and
   "someone else has just called this person" refusals (target: 0 errors, 0 duplicates,
   0 called twice, <= 1 % refusals).
2. A commit in another process reaches this process's change probe (the LISTEN/NOTIFY
   listener): ``--commits`` (default 200) commits, latency median and p95 (target: <= 1 s).

    OPSDESK_TEST_POSTGRESQL_URL=postgresql+psycopg://... .venv/bin/python bench/server_desks.py

The database named by the URL is emptied first (its public schema dropped): give it a
throwaway one. Not a test: it prints numbers, it asserts nothing.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import sys
import time

from sqlalchemy import create_engine, text

PASSWORD = "bench-haslo-123"


def set_up(url: str, desks: int) -> None:
    from opsdesk.domain.roles import Role
    from opsdesk.services.account.auth import AdminInput
    from opsdesk.services.office.profile import OfficeInput
    from opsdesk.services.office.staff import StaffInput
    from opsdesk.services.registry import Services
    from opsdesk.storage.opening import open_database

    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    db = open_database(url)
    anonymous = Services(db)
    admin = anonymous.as_actor(
        anonymous.auth.first_run(
            OfficeInput(name="OPS (benchmark)", city="Gryfino"),
            AdminInput("admin", "Administrator", PASSWORD, PASSWORD),
        )
    )
    first_contact = {t.kind: t.id for t in admin.teams.list()}["first_contact"]
    for number in range(1, desks + 1):
        admin.staff.create(
            StaffInput(
                f"desk{number}",
                f"Stanowisko {number}",
                frozenset({Role.CLERK}),
                first_contact,
                f"stanowisko {number}",
                password=PASSWORD,
            )
        )
    db.dispose()


def desk(url: str, number: int, seconds: float, start_at: float, results) -> None:
    from opsdesk.domain.queue import Channel
    from opsdesk.errors import Conflict
    from opsdesk.services.reception.desk import ContactInput
    from opsdesk.services.registry import Services
    from opsdesk.storage.database import Database

    db = Database(url)
    anonymous = Services(db)
    clerk = anonymous.as_actor(anonymous.auth.login(f"desk{number}", PASSWORD))
    team = {t.kind: t.id for t in clerk.teams.list()}["first_contact"]
    purpose = next(p.id for p in clerk.reception.purposes())
    counts = {"registered": 0, "called": 0, "empty": 0, "someone_else": 0, "errors": 0}
    time.sleep(max(0.0, start_at - time.time()))
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            clerk.reception.register(ContactInput(Channel.IN_PERSON, purpose))
            counts["registered"] += 1
            called = clerk.queue.call_next(team)
            counts["called" if called is not None else "empty"] += 1
        except Conflict:
            counts["someone_else"] += 1
        except Exception as error:  # counted and shown: the proof is that there are none
            counts["errors"] += 1
            print(f"desk {number}: {type(error).__name__}: {error}", file=sys.stderr)
    db.dispose()
    results.put(counts)


def check(url: str) -> dict[str, int]:
    engine = create_engine(url)
    with engine.connect() as connection:
        duplicates = connection.scalar(
            text(
                "SELECT count(*) FROM (SELECT day, ticket_letter, ticket_seq FROM visit "
                "GROUP BY 1, 2, 3 HAVING count(*) > 1) d"
            )
        )
        gaps = connection.scalar(
            text(
                "SELECT count(*) FROM (SELECT day, ticket_letter FROM visit GROUP BY 1, 2 "
                "HAVING max(ticket_seq) <> count(*)) g"
            )
        )
        called_twice = connection.scalar(
            text(
                "SELECT count(*) FROM (SELECT visit_id FROM visit_event WHERE action = 'call' "
                "GROUP BY visit_id HAVING count(*) > 1) c"
            )
        )
        visits = connection.scalar(text("SELECT count(*) FROM visit"))
    engine.dispose()
    return {
        "visits": visits or 0,
        "duplicate tickets": duplicates or 0,
        "gaps": gaps or 0,
        "called twice": called_twice or 0,
    }


def committer(url: str, commits: int, stamps) -> None:
    from sqlalchemy import update

    from opsdesk.storage.database import Database
    from opsdesk.storage.models import OfficeProfile

    db = Database(url)
    for number in range(commits):
        time.sleep(0.05)
        with db.transaction() as session:
            session.execute(update(OfficeProfile).values(city=f"Gryfino {number}"))
        stamps.put(time.time())
    db.dispose()


def latency(url: str, commits: int) -> list[float]:
    from opsdesk.storage.change_probe import ChangeProbe
    from opsdesk.storage.database import Database

    db = Database(url)
    probe = ChangeProbe(db)
    probe.wait_listening()
    time.sleep(0.3)
    probe.changed()
    stamps: multiprocessing.Queue = multiprocessing.Queue()
    other = multiprocessing.Process(target=committer, args=(url, commits, stamps))
    other.start()
    found: list[float] = []
    for _ in range(commits):
        while not probe.changed():
            time.sleep(0.001)
        seen = time.time()
        found.append(seen - stamps.get(timeout=30))
    other.join()
    probe.close()
    db.dispose()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("OPSDESK_TEST_POSTGRESQL_URL"))
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--commits", type=int, default=200)
    args = parser.parse_args()
    if not args.url:
        parser.error("give --url or OPSDESK_TEST_POSTGRESQL_URL (a throwaway database)")
    from opsdesk.i18n import set_language

    set_language("pl")
    set_up(args.url, args.processes)
    results: multiprocessing.Queue = multiprocessing.Queue()
    start_at = time.time() + 3  # every desk logged in before the first press
    workers = [
        multiprocessing.Process(target=desk, args=(args.url, n, args.seconds, start_at, results))
        for n in range(1, args.processes + 1)
    ]
    for worker in workers:
        worker.start()
    totals: dict[str, int] = {}
    for _ in workers:
        for key, value in results.get(timeout=args.seconds + 120).items():
            totals[key] = totals.get(key, 0) + value
    for worker in workers:
        worker.join()
    presses = totals["called"] + totals["empty"] + totals["someone_else"]
    print(f"{args.processes} desks x {args.seconds:.0f} s on PostgreSQL:")
    for key, value in totals.items():
        print(f"  {key:>14}: {value}")
    share = 100 * totals["someone_else"] / presses if presses else 0.0
    print(f"  'someone else called' answers: {share:.2f} % of {presses} presses")
    for key, value in check(args.url).items():
        print(f"  {key:>17}: {value}")
    found = latency(args.url, args.commits)
    p95 = statistics.quantiles(found, n=20)[-1]
    print(
        f"commit -> another process's probe, {len(found)} commits: "
        f"median {1000 * statistics.median(found):.1f} ms, p95 {1000 * p95:.1f} ms"
    )


if __name__ == "__main__":
    multiprocessing.set_start_method("spawn")
    main()
