"""A stream of writes through opsdesk's services, for the kill and concurrency tests.

    python workload.py prepare DB                # set up an office once (people, a contract)
    python workload.py write DB TAG [SECONDS]    # write until killed, or for SECONDS
    python workload.py read DB SECONDS           # read as the waiting-room display does
    python workload.py backup DB FOLDER          # back DB up into FOLDER until killed
    python workload.py restore DB A B            # restore A, then B, then A ... until killed

``write`` prints ``ready`` once set up, then one line ``ok KIND KEY`` for every write *after*
its transaction committed (flushed at once), ``refused KIND message`` when a service refused
the input (not a success), and ``error KIND message`` for anything else — "database is locked"
reaching the caller is such an error. ``verify(path, lines)`` checks afterwards that every
reported write is in the database and that ticket numbers are unique and gap-free.

Writes used: new clients, reception contacts (tickets from the day's counter), new cases, case
moves between board columns, psychologist sessions, staff accounts (argon2: a slow write).
"""

from __future__ import annotations

import itertools
import random
import sqlite3
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from datetime import time as clock_time
from pathlib import Path

SERVICES_NEEDED = ("clients", "reception", "cases", "hours", "contracts", "staff")
PASSWORD = "haslo-testowe-123"


@dataclass
class Office:
    """The people of the prepared office, as Services, and what the writes need."""

    clerk: object
    manager: object
    psychologist: object
    admin: object
    purpose_id: int
    kind_id: int
    contract_id: int | None
    columns: tuple[int, int]  # two non-closing board columns of the case team
    referred: tuple[int, ...]  # clients the desk referred to the psychologist (prepare)


def url(database: Path | str) -> str:
    """The database's URL: an office file's path, or a PostgreSQL URL as it is."""
    if str(database).startswith("postgresql"):
        return str(database)
    return f"sqlite:///{Path(database).resolve()}"


def prepare(path: Path | str) -> None:
    from opsdesk.domain.hours import ContractKind
    from opsdesk.domain.roles import Role
    from opsdesk.services.account.auth import AdminInput
    from opsdesk.services.clients.register import ClientInput
    from opsdesk.services.hours.records import BookingInput, ContractInput, DutyHours
    from opsdesk.services.office.profile import OfficeInput
    from opsdesk.services.office.role_changes import SecondPerson
    from opsdesk.services.office.staff import StaffInput
    from opsdesk.services.registry import Services
    from opsdesk.storage.opening import open_database

    db = open_database(url(path))
    try:
        anonymous = Services(db)
        admin = anonymous.as_actor(
            anonymous.auth.first_run(
                OfficeInput(name="OPS w Paczkowie"),
                AdminInput("admin", "Adam Ząb", PASSWORD, PASSWORD),
            )
        )
        teams = {t.kind: t.id for t in admin.teams.list()}
        for login, role, team in (
            ("kierownik", Role.MANAGER, None),  # the first: the office being set up
            ("rejestracja", Role.CLERK, "first_contact"),
            ("psycholog", Role.PSYCHOLOGIST, None),
        ):
            admin.staff.create(
                StaffInput(
                    login,
                    f"Osoba {login.title()}",
                    frozenset({role}),
                    teams.get(team),
                    password=PASSWORD,
                ),
                None if role is Role.MANAGER else SecondPerson("kierownik", PASSWORD),
            )
        office = load_office(db)
        today = admin.ctx.clock.today()
        contract = office.manager.contracts.create(
            ContractInput(
                kind=ContractKind.PSYCHOLOGY,
                number="1/2026",
                provider_staff_id=office.psychologist.actor.id,
                monthly_minutes=60 * 400,
                valid_from=today - timedelta(days=400),
                valid_to=today + timedelta(days=400),
                duty_hours=(DutyHours(1, clock_time(8), clock_time(16)),),
            )
        )
        # the desk refers three clients (bookings on a Tuesday ahead): only referred clients
        # are the psychologist's to record sessions with
        ahead = today + timedelta(days=300)
        tuesday = ahead + timedelta(days=(1 - ahead.weekday()) % 7)
        for n in range(3):
            client = office.clerk.clients.create(
                ClientInput(
                    first_name="Zofia",
                    last_name=f"Skierowana {n}",
                    document_number=f"SKI{n:05d}",
                    birth_date=date(1960, 1, 1 + n),
                    locality="Paczków",
                )
            )
            office.clerk.hours_calendar.book(
                BookingInput(contract.id, tuesday, clock_time(8 + n), 60, client.id)
            )
    finally:
        db.dispose()


def load_office(db) -> Office:
    from sqlalchemy import select

    from opsdesk.services.account.auth import actor_for
    from opsdesk.services.registry import Services
    from opsdesk.storage.models import (
        BenefitKind,
        ContactPurpose,
        Contract,
        SessionClient,
        Staff,
        Team,
        TeamStatus,
    )

    with db.reading() as session:

        def person(login):
            staff = session.scalar(select(Staff).where(Staff.login == login))
            return Services(db, actor_for(session, staff))

        kind = session.scalar(
            select(BenefitKind)
            .where(BenefitKind.needs_decision.is_(False))
            .order_by(BenefitKind.position)
        )
        team_id = session.scalar(select(Team.id).where(Team.kind == kind.team_kind))
        columns = tuple(
            session.scalars(
                select(TeamStatus.id)
                .where(TeamStatus.team_id == team_id, TeamStatus.closes_case.is_(False))
                .order_by(TeamStatus.position)
                .limit(2)
            )
        )
        return Office(
            clerk=person("rejestracja"),
            manager=person("kierownik"),
            psychologist=person("psycholog"),
            admin=person("admin"),
            purpose_id=session.scalar(select(ContactPurpose.id).order_by(ContactPurpose.position)),
            kind_id=kind.id,
            contract_id=session.scalar(select(Contract.id)),
            columns=columns,
            referred=tuple(session.scalars(select(SessionClient.client_id).distinct())),
        )


# --- the writes --------------------------------------------------------------------------


class Writer:
    def __init__(self, office: Office, tag: str, seed: int):
        self.office = office
        self.tag = tag
        self.rng = random.Random(seed)
        self.n = 0
        self.clients: list[int] = []
        self.cases: list[int] = []
        self.weights: list[tuple[Callable[[], tuple[str, str]], int]] = [
            (self.client, 4),
            (self.contact, 6),
            (self.case, 3),
            (self.move, 4),
            (self.session, 2),
            (self.staff, 1),
        ]

    def key(self, prefix: str) -> str:
        self.n += 1
        return f"{prefix}-{self.tag}-{self.n}"

    def client(self):
        from opsdesk.services.clients.register import ClientInput

        key = self.key("DOK")
        record = self.office.clerk.clients.create(
            ClientInput(
                first_name="Józef",
                last_name=f"Żółć {self.n}",
                document_number=key,
                birth_date=date(1970, 1, 1) + timedelta(days=self.n),
                locality="Paczków",
            )
        )
        self.clients.append(record.id)
        return "client", key

    def contact(self):
        from opsdesk.domain.queue import Channel
        from opsdesk.services.reception.desk import ContactInput

        client_id = (
            self.rng.choice(self.clients) if self.clients and self.rng.random() < 0.5 else None
        )
        visit = self.office.clerk.reception.register(
            ContactInput(
                channel=Channel.IN_PERSON,
                purpose_id=self.office.purpose_id,
                client_id=client_id,
                visitor_label="" if client_id else "pani w zielonym płaszczu",
            )
        )
        return "visit", str(visit.id)

    def case(self):
        from opsdesk.services.cases.records import CaseInput

        if not self.clients:
            return self.client()
        record = self.office.manager.cases.create(
            CaseInput(
                self.rng.choice(self.clients), self.office.kind_id, summary=self.key("sprawa")
            )
        )
        self.cases.append(record.id)
        return "case", str(record.id)

    def move(self):
        if not self.cases:
            return self.case()
        case_id = self.rng.choice(self.cases)
        reason = self.key("ruch")
        current = self.office.manager.cases.get(case_id)
        status_id = getattr(getattr(current, "summary", current), "status_id", None)
        first, second = self.office.columns
        target = second if status_id == first else first
        self.office.manager.cases.move(case_id, target, reason)
        return "move", reason

    def session(self):
        from opsdesk.domain.hours import SessionForm
        from opsdesk.services.hours.records import SessionInput

        if not self.office.referred or self.office.contract_id is None:
            return self.client()
        today = self.office.psychologist.ctx.clock.today()  # the harness's day
        day = today - timedelta(days=self.rng.randrange(0, 300))
        start = clock_time(self.rng.randrange(7, 19), self.rng.choice((0, 15, 30, 45)))
        record = self.office.psychologist.hours.record(
            SessionInput(
                contract_id=self.office.contract_id,
                day=day,
                start=start,
                minutes=5,
                form=SessionForm.INDIVIDUAL,
                client_ids=(self.rng.choice(self.office.referred),),
            )
        )
        return "session", str(record.id)

    def staff(self):
        from opsdesk.domain.roles import Role
        from opsdesk.services.office.role_changes import SecondPerson
        from opsdesk.services.office.staff import StaffInput

        login = self.key("pracownik").replace("-", "_")
        self.office.admin.staff.create(
            StaffInput(login, "Nowa Osoba", frozenset({Role.CLERK}), password=PASSWORD),
            SecondPerson("kierownik", PASSWORD),
        )
        return "staff", login


def write(path: Path | str, tag: str, seconds: float | None) -> int:
    from opsdesk.errors import ServiceError
    from opsdesk.storage.opening import open_database

    db = open_database(url(path))
    writer = Writer(load_office(db), tag, seed=hash(tag) & 0xFFFF)
    print("ready", flush=True)
    end = time.monotonic() + seconds if seconds else None
    errors = 0
    while end is None or time.monotonic() < end:
        operation = writer.rng.choices(*zip(*writer.weights))[0]
        name = operation.__name__
        try:
            kind, key = operation()
        except ServiceError as refused:  # e.g. a session clashing with another: not a write
            print(f"refused {name} {refused}".replace("\n", " "), flush=True)
            continue
        except Exception as error:  # "database is locked" would land here
            errors += 1
            print(f"error {name} {type(error).__name__}: {error}".replace("\n", " "), flush=True)
            continue
        print(f"ok {kind} {key}", flush=True)
    db.dispose()
    return 1 if errors else 0


def read(path: Path | str, seconds: float) -> int:
    """What the waiting-room display and other windows do meanwhile: read, often."""
    from sqlalchemy import func, select

    from opsdesk.storage.database import Database
    from opsdesk.storage.models import Visit

    db = Database(url(path))
    print("ready", flush=True)
    end, errors, reads = time.monotonic() + seconds, 0, 0
    while time.monotonic() < end:
        try:
            with db.reading() as session:
                session.scalar(select(func.count(Visit.id)).where(Visit.state == "waiting"))
            reads += 1
        except Exception as error:
            errors += 1
            print(f"error read {type(error).__name__}: {error}", flush=True)
        time.sleep(0.01)
    print(f"reads {reads}", flush=True)
    db.dispose()
    return 1 if errors else 0


def backups(path: Path, folder: Path) -> int:
    """Back the database up again and again, as the app's and ``opsdesk backup``'s backups
    do; ``ok backup NAME`` once each backup is complete under its name."""
    from datetime import datetime

    from opsdesk.storage import backup

    first = datetime(2026, 11, 30, 12, 0)  # the names only: one second apart
    print("ready", flush=True)
    for number in itertools.count():
        target = backup.unique_target(folder, first + timedelta(seconds=number))
        written = backup.write_backup(path, target)
        print(f"ok backup {written.path.name}", flush=True)
    return 0


def restores(path: Path, first: Path, second: Path) -> int:
    """Restore the two backups over the database in turn, as ``opsdesk restore`` does (the
    previous database kept aside, then deleted here so the disk does not fill); ``ok
    restore NAME`` once each restore is complete."""
    from datetime import datetime

    from opsdesk.storage import backup

    moment = datetime(2026, 11, 30, 15, 0)
    backup.is_newer(backup.verify_backup(first).revision)  # what a restore loads lazily
    backup.finish_interrupted_restore(path)
    print("ready", flush=True)
    for number in itertools.count():
        source = (first, second)[number % 2]
        done = backup.restore_backup(source, path, moment)
        print(f"ok restore {source.name}", flush=True)
        if done.replaced is not None:
            backup.remove_database_files(done.replaced)
    return 0


# --- checking afterwards -------------------------------------------------------------------

# what proves a reported write is there, and the type of its key
QUERIES: dict[str, tuple[str, type]] = {
    "client": ("SELECT 1 FROM client WHERE document_number = :key", str),
    "visit": ("SELECT 1 FROM visit WHERE id = :key", int),
    "case": ("SELECT 1 FROM case_file WHERE id = :key", int),
    "move": ("SELECT 1 FROM case_event WHERE reason = :key", str),
    "session": ("SELECT 1 FROM session WHERE id = :key", int),
    "staff": ("SELECT 1 FROM staff WHERE login = :key", str),
}
TICKETS = (
    "SELECT day, ticket_letter, count(*), count(DISTINCT ticket_seq), max(ticket_seq) "
    "FROM visit WHERE ticket_seq IS NOT NULL GROUP BY day, ticket_letter"
)


def reported(lines) -> list[tuple[str, str]]:
    """The (kind, key) of every complete ``ok`` line."""
    found = []
    for line in lines:
        if line.endswith("\n") and line.startswith("ok "):
            _ok, kind, key = line.rstrip("\n").split(" ", 2)
            found.append((kind, key))
    return found


def verify(database: Path | str, done: list[tuple[str, str]]) -> list[str]:
    """Problems: integrity, reported writes that are missing, duplicate or missing tickets
    (an office file, or an office on a PostgreSQL server given by its URL)."""
    from sqlalchemy import create_engine, text

    if str(database).startswith("postgresql"):
        engine = create_engine(str(database))
    else:  # read-only: checking must not change the file
        file_uri = Path(database).resolve().as_uri() + "?mode=ro"
        engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(file_uri, uri=True))
    problems = []
    try:
        with engine.connect() as connection:
            if engine.dialect.name == "sqlite":
                found = [r[0] for r in connection.exec_driver_sql("PRAGMA integrity_check")]
                problems += [] if found == ["ok"] else [f"integrity: {p}" for p in found]
            for kind, key in done:
                sql, key_type = QUERIES[kind]
                if connection.execute(text(sql), {"key": key_type(key)}).first() is None:
                    problems.append(f"lost: {kind} {key}")
            for day, letter, count, distinct, top in connection.execute(text(TICKETS)):
                if not count == distinct == top:
                    problems.append(
                        f"tickets {day} {letter}: {count} tickets, {distinct} distinct "
                        f"numbers, highest {top}"
                    )
    finally:
        engine.dispose()
    return problems


def main(argv: list[str]) -> int:
    command = argv[0]
    path: Path | str = argv[1] if argv[1].startswith("postgresql") else Path(argv[1])
    if command == "prepare":
        prepare(path)
        return 0
    if command == "read":
        return read(path, float(argv[2]))
    if command == "backup":
        return backups(path, Path(argv[2]))
    if command == "restore":
        return restores(Path(path), Path(argv[2]), Path(argv[3]))
    seconds = float(argv[3]) if len(argv) > 3 else None
    return write(path, argv[2], seconds)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the opsdesk checkout
    sys.exit(main(sys.argv[1:]))
