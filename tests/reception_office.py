"""A small office for the reception tests: the desk, two workers per team, two regions of
Gryfino's streets, and a few clients with real-looking Polish names.

Import the ``desk`` fixture into a test module: ``from reception_office import desk``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from opsdesk.domain.pesel import make_pesel
from opsdesk.domain.roles import Role
from opsdesk.services.clients.register import ClientInput, ClientSummary
from opsdesk.services.office.records import RegionAreaRecord
from opsdesk.services.office.regions import RegionInput
from opsdesk.services.registry import Services


@dataclass
class Desk:
    admin: Services
    clerk: Services
    benefits_a: Services  # region 1's benefits worker
    benefits_b: Services  # region 2's
    social_a: Services  # region 1's social worker
    social_b: Services
    manager: Services
    teams: dict[str, int]  # kind -> id
    purposes: dict[str, int]  # code -> id
    clients: dict[str, ClientSummary]  # short key -> client

    def team_name(self, kind: str) -> str:
        return next(t.name for t in self.admin.teams.list() if t.kind == kind)


def build_desk(office: Services, make_person) -> Desk:
    clerk = make_person(Role.CLERK, "first_contact", "recepcja", "Beata Kłos")
    benefits_a = make_person(Role.SOCIAL_WORKER, "benefits", "swiadczenia1", "Anna Łęcka")
    benefits_b = make_person(Role.SOCIAL_WORKER, "benefits", "swiadczenia2", "Piotr Żak")
    social_a = make_person(Role.SOCIAL_WORKER, "social_work", "socjalny1", "Ewa Szuberla")
    social_b = make_person(Role.SOCIAL_WORKER, "social_work", "socjalny2", "Marek Wójcik")
    manager = make_person(Role.MANAGER, None, "kierownik", "Jolanta Świątek")
    office.regions.save(
        RegionInput(
            "Rejon 1",
            (
                RegionAreaRecord("Gryfino", "Łużycka", 0, None),
                RegionAreaRecord("Gryfino", "Kościuszki", 1, 25),
                RegionAreaRecord("Wełtyń", "", 0, None),
            ),
            benefits_a.actor.id,
            social_a.actor.id,
        )
    )
    office.regions.save(
        RegionInput(
            "Rejon 2",
            (
                RegionAreaRecord("Gryfino", "Kościuszki", 26, None),
                RegionAreaRecord("Gryfino", "Pomorska", 0, None),
            ),
            benefits_b.actor.id,
            social_b.actor.id,
        )
    )
    people = {
        "lukasz": ("Łukasz", "Kowalski", date(1980, 3, 14), "M", 11, "Łużycka", "7"),
        "zofia": ("Zofia", "Wąsowska", date(1944, 6, 2), "F", 22, "Kościuszki", "40"),
        "jan": ("Jan", "Nowak", date(1975, 1, 30), "M", 33, "Pomorska", "3"),
        "grazyna": ("Grażyna", "Źdźbło", date(1990, 11, 5), "F", 44, "", ""),
    }
    clients = {}
    for key, (first, last, born, sex, serial, street, number) in people.items():
        clients[key] = clerk.clients.create(
            ClientInput(
                first_name=first,
                last_name=last,
                pesel=make_pesel(born, sex, serial),
                locality="Gryfino" if street else "Szczecin",
                street=street,
                house_number=number,
                postal_code="74-100",
                phone="600 100 200",
            )
        )
    teams = {t.kind: t.id for t in office.teams.list()}
    purposes = {p.code: p.id for p in clerk.reception.purposes()}
    return Desk(
        office, clerk, benefits_a, benefits_b, social_a, social_b, manager, teams, purposes, clients
    )


@pytest.fixture
def desk(office, make_person) -> Desk:
    return build_desk(office, make_person)
