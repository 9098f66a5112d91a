"""A small office for the client, case and board tests: two regions, two benefits workers, two
social workers, a desk clerk, a manager, a psychologist and three clients.

Built once per test session into a template database file (staff rows get a dummy password
hash, so no argon2 work), then copied for every test: ``world`` is a fresh copy each time.

    def test_x(world):
        anna = world.as_("anna")          # Services acting as Anna (benefits team)
        world.clock.moment = datetime(2026, 3, 20, 9, 0)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import pytest
from sqlalchemy import select

from opsdesk.domain.case_closing import UNEXAMINED, Closing
from opsdesk.domain.roles import Role
from opsdesk.i18n import set_language
from opsdesk.services.account.auth import actor_for
from opsdesk.services.clients.register import ClientInput
from opsdesk.services.clock import FixedClock
from opsdesk.services.office.reference_data import seed_reference_data
from opsdesk.services.registry import Services
from opsdesk.storage.database import Database
from opsdesk.storage.models import (
    BenefitKind,
    OfficeProfile,
    Region,
    RegionStreet,
    Staff,
    StaffRole,
    Team,
    TeamStatus,
)
from opsdesk.storage.opening import open_database

START = datetime(2026, 3, 16, 9, 0)  # a Monday

PEOPLE = {
    # key: (full name, role, team kind)
    "admin": ("Adam Żółkiewski", Role.ADMIN, None),
    "manager": ("Jolanta Świątek", Role.MANAGER, None),
    "clerk": ("Ewa Pierwsza", Role.CLERK, "first_contact"),
    "anna": ("Anna Łęcka", Role.SOCIAL_WORKER, "benefits"),
    "bartosz": ("Bartosz Źrebiec", Role.SOCIAL_WORKER, "benefits"),
    "celina": ("Celina Żak", Role.SOCIAL_WORKER, "social_work"),
    "dorota": ("Dorota Wąs", Role.SOCIAL_WORKER, "social_work"),
    "psych": ("Marta Psycholog", Role.PSYCHOLOGIST, None),
}

# Kowalski: a man born 14.05.1980; Wąsik: a woman born 21.02.1952; Kovalenko has no PESEL
CLIENTS = {
    "kowalski": ClientInput(
        "Jan",
        "Kowalski",
        pesel="80051412375",
        locality="Gryfino",
        street="ul. Łużycka",
        house_number="5",
        flat_number="3",
        postal_code="74-100",
        phone="600 100 200",
    ),
    "wasik": ClientInput(
        "Zofia",
        "Wąsik",
        pesel="52022145621",
        locality="Wełtyń",
        house_number="12",
        postal_code="74-100",
    ),
    "kovalenko": ClientInput(
        "Olena",
        "Kovalenko",
        document_number="FA1234567",
        birth_date=date(1990, 2, 3),
        sex="F",
        locality="Szczecin",
        street="ul. Długa",
        house_number="1",
    ),
}


@dataclass
class World:
    db: Database
    clock: FixedClock
    teams: dict[str, int] = field(default_factory=dict)  # team kind -> id
    statuses: dict[str, dict[str, int]] = field(default_factory=dict)  # kind -> code -> id
    kinds: dict[str, int] = field(default_factory=dict)  # benefit kind code -> id
    staff: dict[str, int] = field(default_factory=dict)
    regions: dict[str, int] = field(default_factory=dict)
    clients: dict[str, int] = field(default_factory=dict)

    def as_(self, key: str) -> Services:
        with self.db.reading() as session:
            actor = actor_for(session, session.get(Staff, self.staff[key]))
        return Services(self.db, actor, self.clock)

    def open_case(self, who: str, client: str, kind: str, applied: date, **values) -> int:
        """The id of a case ``who`` opens for ``client`` (keys of this world's people, clients
        and benefit kinds)."""
        from opsdesk.services.cases.records import CaseInput

        data = CaseInput(
            client_id=self.clients[client],
            kind_id=self.kinds[kind],
            application_date=applied,
            **values,
        )
        return self.as_(who).cases.create(data).id

    def load_ids(self) -> None:
        with self.db.reading() as session:
            self.teams = {k: i for i, k in session.execute(select(Team.id, Team.kind))}
            kind_of = {i: k for k, i in self.teams.items()}
            self.statuses = {}
            for team_id, code, status_id in session.execute(
                select(TeamStatus.team_id, TeamStatus.code, TeamStatus.id)
            ):
                self.statuses.setdefault(kind_of[team_id], {})[code] = status_id
            self.kinds = dict(session.execute(select(BenefitKind.code, BenefitKind.id)).all())
            logins = dict(session.execute(select(Staff.login, Staff.id)).all())
            self.staff = {key: logins[key] for key in PEOPLE}
            self.regions = dict(session.execute(select(Region.name, Region.id)).all())


def build_template(url: str) -> None:
    set_language("pl")
    db = open_database(url)
    clock = FixedClock(START)
    with db.transaction() as session:
        session.add(
            OfficeProfile(
                name="Ośrodek Pomocy Społecznej w Gryfinie",
                street="ul. Łużycka 50",
                postal_code="74-100",
                city="Gryfino",
            )
        )
        teams = seed_reference_data(session)
        ids = {}
        for login, (name, role, team_kind) in PEOPLE.items():
            staff = Staff(
                login=login,
                full_name=name,
                password_hash="-",
                active=True,
                team_id=teams[team_kind].id if team_kind else None,
                created_at=START,
            )
            session.add(staff)
            session.flush()
            session.add(StaffRole(staff_id=staff.id, role=role.value))
            ids[login] = staff.id
        town = Region(
            name="Rejon 1 \u2013 Gryfino",
            benefits_worker_id=ids["anna"],
            social_worker_id=ids["celina"],
        )
        villages = Region(
            name="Rejon 2 \u2013 wsie",
            benefits_worker_id=ids["bartosz"],
            social_worker_id=ids["dorota"],
        )
        session.add_all([town, villages])
        session.flush()
        session.add_all(
            [
                RegionStreet(region_id=town.id, locality="Gryfino"),
                RegionStreet(region_id=villages.id, locality="Wełtyń"),
                RegionStreet(region_id=villages.id, locality="Chlebowo"),
            ]
        )
    world = World(db, clock)
    world.load_ids()
    clerk = world.as_("clerk")
    for data in CLIENTS.values():
        clerk.clients.create(data)
    db.dispose()


@pytest.fixture(scope="session")
def world_template(databases):
    return databases.template("case_office", build_template)


@pytest.fixture
def world(world_template, fresh_database):
    db = Database(fresh_database(world_template))
    built = World(db, FixedClock(START))
    built.load_ids()
    with db.reading() as session:
        from opsdesk.storage.models import Client

        built.clients = {
            key: session.scalar(select(Client.id).where(Client.last_name == data.last_name))
            for key, data in CLIENTS.items()
        }
    yield built
    db.dispose()


LETTER_DAY = datetime(2026, 11, 30, 9, 0)  # a Monday: the letters' tests write on it


def open_application(world: World) -> tuple[Services, int]:
    """Anna's case of Kowalski's application for a periodic allowance of 16.11.2026,
    interviewed on 20.11, the clock at :data:`LETTER_DAY`: a case letters are written from.
    Returns Anna's services and the case's id."""
    from opsdesk.services.cases.records import CaseInput

    world.clock.moment = LETTER_DAY
    anna = world.as_("anna")
    case = anna.cases.create(
        CaseInput(
            client_id=world.clients["kowalski"],
            kind_id=world.kinds["zasilek_okresowy"],
            application_date=date(2026, 11, 16),
        )
    )
    anna.case_deadlines.record_interview(case.id, date(2026, 11, 20))
    return anna, case.id


@pytest.fixture
def applied_case_id(world: World) -> int:
    """The id of :func:`open_application`'s case."""
    return open_application(world)[1]


def fill_board(world: World) -> dict[str, int]:
    """A small Monday on the benefits board (today 16.03.2026): two new applications (one
    urgent and overdue), one in interview, one waiting for a decision (suspended), one decided,
    one closed. Returns case ids by a short name."""
    anna = world.as_("anna")

    def case(client, kind, applied, **values):
        return world.open_case("clerk", client, kind, applied, **values)

    ids = {
        "urgent": case("kowalski", "zasilek_celowy", date(2026, 3, 10), urgent=True),
        "fresh": case("wasik", "zasilek_okresowy", date(2026, 3, 13)),
        "interview": case("kowalski", "zasilek_okresowy", date(2026, 2, 27)),
        "suspended": case("kowalski", "zasilek_staly", date(2026, 2, 20)),
        "decided": case("wasik", "posilek", date(2026, 2, 16)),
        "closed": case(
            "kovalenko", "zasilek_celowy", date(2026, 2, 2), worker_id=world.staff["anna"]
        ),
    }
    status = world.statuses["benefits"]
    anna.cases.move(ids["interview"], status["interview"])
    for key in ("suspended", "decided"):
        anna.case_deadlines.record_interview(ids[key], date(2026, 3, 2))
    anna.cases.move(ids["suspended"], status["decision"])
    anna.case_deadlines.suspend(ids["suspended"], date(2026, 3, 9), "brak zaświadczenia z ZUS")
    anna.cases.move(ids["decided"], status["decided"])
    anna.cases.close(ids["closed"], Closing(UNEXAMINED, "wniosek wycofany przed wywiadem"))
    return ids
