"""Ticket numbers: restart every day, one sequence per letter, never given twice — also with
two windows (threads) or two programs (processes) registering and calling at the same time."""

import json
import subprocess
import sys
import threading
from collections import Counter
from datetime import datetime

from sqlalchemy import select

from opsdesk.domain.queue import Channel
from opsdesk.errors import Conflict
from opsdesk.services.clock import FixedClock
from opsdesk.services.reception.desk import ContactInput
from opsdesk.services.registry import Services
from opsdesk.storage.models import Visit, VisitEvent


def register(services, purpose_id, channel=Channel.IN_PERSON):
    return services.reception.register(ContactInput(channel, purpose_id))


def test_numbers_restart_after_midnight(desk, clock):
    purpose = desk.purposes["benefit_application"]
    clock.moment = datetime(2026, 11, 30, 23, 59, 58)
    assert [register(desk.clerk, purpose).ticket for _ in range(2)] == ["Ś-001", "Ś-002"]
    clock.moment = datetime(2026, 12, 1, 0, 0, 1)
    after = register(desk.clerk, purpose)
    assert (after.ticket, after.day.isoformat()) == ("Ś-001", "2026-12-01")
    # the letters count separately, remote contacts take no number
    register(desk.clerk, purpose, Channel.PHONE)
    assert register(desk.clerk, desk.purposes["information"]).ticket == "I-001"
    assert register(desk.clerk, purpose).ticket == "Ś-002"


def test_two_windows_registering_and_calling_at_once(desk):
    """Two threads, each with its own Services (as two windows), on one SQLite file."""
    purpose = desk.purposes["benefit_application"]
    clock = FixedClock(datetime(2026, 11, 30, 10, 0))
    windows = [Services(desk.clerk.db, desk.clerk.actor, clock) for _ in range(2)]
    tickets: list[str] = []
    errors: list[BaseException] = []

    def registering(services):
        try:
            for _ in range(25):
                tickets.append(register(services, purpose).ticket)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=registering, args=(w,)) for w in windows]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(tickets) == [f"Ś-{n:03d}" for n in range(1, 51)]

    called: list[int] = []

    def calling(services):
        while True:
            try:
                called.append(services.queue.call_next(desk.teams["benefits"]).id)
            except Conflict as exc:
                if "Nikt nie czeka" in str(exc):
                    return
            except BaseException as exc:
                errors.append(exc)
                return

    threads = [threading.Thread(target=calling, args=(w,)) for w in windows]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(called) == 50 and len(set(called)) == 50
    with desk.admin.db.reading() as session:
        calls = Counter(
            session.scalars(select(VisitEvent.visit_id).where(VisitEvent.action == "call"))
        )
    assert set(calls.values()) == {1}


CHILD = """
import json, sys
from datetime import datetime
from opsdesk.i18n import set_language
from opsdesk.domain.queue import Channel
from opsdesk.domain.roles import Role
from opsdesk.services.clock import FixedClock
from opsdesk.services.context import Actor
from opsdesk.services.reception.desk import ContactInput
from opsdesk.services.registry import Services
from opsdesk.storage.database import Database
set_language("pl")
args = json.loads(sys.argv[1])
actor = Actor(args["actor"], "recepcja", "Beata Kłos", frozenset({Role.CLERK}),
              args["team"], "", "pokój 1")
services = Services(Database(args["url"]), actor, FixedClock(datetime(2026, 11, 30, 11, 0)))
print(json.dumps([services.reception.register(ContactInput(Channel.IN_PERSON,
                                                           args["purpose"])).ticket
                  for _ in range(args["count"])]))
"""


def test_two_programs_on_one_database_file_never_share_a_number(desk):
    args = json.dumps(
        {
            "url": desk.clerk.db.url,
            "actor": desk.clerk.actor.id,
            "team": desk.teams["first_contact"],
            "count": 30,
            "purpose": desk.purposes["social_work"],
        }
    )
    children = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = [child.communicate(timeout=120) for child in children]
    assert [c.returncode for c in children] == [0, 0], [err for _out, err in results]
    tickets = [t for out, _err in results for t in json.loads(out)]
    assert sorted(tickets) == [f"P-{n:03d}" for n in range(1, 61)]
    with desk.admin.db.reading() as session:
        seqs = session.scalars(select(Visit.ticket_seq).where(Visit.ticket_letter == "P"))
        assert sorted(seqs) == list(range(1, 61))
