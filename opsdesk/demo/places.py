"""The fictional gmina of the demo: the office's profile, its regions (rejony) with streets and
villages, and the addresses of its inhabitants."""

from __future__ import annotations

import random
from dataclasses import dataclass

TOWN = "Przykładów"
TOWN_POSTAL_CODE = "26-340"

OFFICE_NAME = "Miejsko-Gminny Ośrodek Pomocy Społecznej w Przykładowie"
OFFICE = {
    "name": OFFICE_NAME,
    "street": "ul. Kościuszki 14",
    "postal_code": TOWN_POSTAL_CODE,
    "city": TOWN,
    "phone": "48 612 34 50",
    "email": "sekretariat@mgops-przykladow.example",
    "project_name": (
        "Wsparcie pracy socjalnej i poradnictwa specjalistycznego w Miejsko-Gminnym Ośrodku "
        "Pomocy Społecznej w Przykładowie (FERS 2021–2027)"
    ),
    "project_number": "FERS.04.11-IP.04-0123/24",
}
EMAIL_DOMAIN = "mgops-przykladow.example"
QUIET_ROOM = "Pokój do rozmów"


@dataclass(frozen=True)
class Street:
    prefix: str  # "ul. ", "os. ", "" ... as written in an address
    name: str  # as written in the region's rule (routing ignores the prefix)
    numbers: tuple[int, int]  # house numbers found on it
    blocks: bool = False  # blocks of flats: addresses have a flat number

    @property
    def address_name(self) -> str:
        return self.prefix + self.name


@dataclass(frozen=True)
class StreetRule:
    street: Street
    number_from: int = 0
    number_to: int | None = None


@dataclass(frozen=True)
class Village:
    name: str
    postal_code: str
    houses: int


@dataclass(frozen=True)
class RegionPlan:
    name: str
    streets: tuple[StreetRule, ...]
    villages: tuple[Village, ...]


_KOSCIUSZKI = Street("ul. ", "Kościuszki", (1, 78))

REGIONS: tuple[RegionPlan, ...] = (
    RegionPlan(
        "Rejon I",
        (
            StreetRule(Street("ul. ", "Mickiewicza", (1, 45), blocks=True)),
            StreetRule(Street("ul. ", "Słowackiego", (1, 30))),
            StreetRule(Street("ul. ", "Żeromskiego", (1, 24))),
            StreetRule(Street("ul. ", "1 Maja", (1, 36), blocks=True)),
            StreetRule(Street("", "Rynek", (1, 28))),
            StreetRule(_KOSCIUSZKI, 1, 40),
            StreetRule(Street("ul. ", "Kilińskiego", (1, 19))),
        ),
        (Village("Dąbrówka", "26-341", 64), Village("Zalesie", "26-341", 41)),
    ),
    RegionPlan(
        "Rejon II",
        (
            StreetRule(_KOSCIUSZKI, 41, None),
            StreetRule(Street("ul. ", "Łąkowa", (1, 52))),
            StreetRule(Street("ul. ", "Polna", (1, 40))),
            StreetRule(Street("ul. ", "Ogrodowa", (1, 33))),
            StreetRule(Street("ul. ", "Szkolna", (1, 21))),
            StreetRule(Street("ul. ", "Kolejowa", (1, 17), blocks=True)),
            StreetRule(Street("ul. ", "Armii Krajowej", (1, 26), blocks=True)),
        ),
        (Village("Borowa Wola", "26-342", 58), Village("Kamionka", "26-342", 37)),
    ),
    RegionPlan(
        "Rejon III",
        (
            StreetRule(Street("ul. ", "Sienkiewicza", (1, 48))),
            StreetRule(Street("ul. ", "Reymonta", (1, 22))),
            StreetRule(Street("ul. ", "Konopnickiej", (1, 27))),
            StreetRule(Street("ul. ", "Kwiatowa", (1, 31))),
            StreetRule(Street("ul. ", "Leśna", (1, 29))),
            StreetRule(Street("os. ", "Słoneczne", (1, 12), blocks=True)),
            StreetRule(Street("al. ", "Jana Pawła II", (1, 20), blocks=True)),
        ),
        (
            Village("Stara Wieś", "26-343", 72),
            Village("Olszyny", "26-343", 33),
            Village("Wólka Przykładowska", "26-343", 26),
        ),
    ),
)


@dataclass(frozen=True)
class Address:
    locality: str
    street: str
    house_number: str
    flat_number: str
    postal_code: str


def _unique_streets() -> tuple[Street, ...]:
    streets: list[Street] = []
    for region in REGIONS:
        for rule in region.streets:
            if rule.street not in streets:
                streets.append(rule.street)
    return tuple(streets)


STREETS = _unique_streets()
VILLAGES = tuple(v for region in REGIONS for v in region.villages)


def random_address(rng: random.Random) -> Address:
    """A house or flat somewhere in the gmina: two in three in the town."""
    if rng.random() < 0.66:
        street = rng.choice(STREETS)
        number = rng.randint(*street.numbers)
        house = f"{number}{rng.choice('ab')}" if rng.random() < 0.06 else str(number)
        flat = str(rng.randint(1, 48)) if street.blocks else ""
        return Address(TOWN, street.address_name, house, flat, TOWN_POSTAL_CODE)
    village = rng.choice(VILLAGES)
    return Address(village.name, "", str(rng.randint(1, village.houses)), "", village.postal_code)


def random_phone(rng: random.Random) -> str:
    """A mobile number as people write it: ``601 234 567``."""
    first = rng.choice((50, 51, 53, 57, 60, 66, 69, 72, 78, 79, 88))
    digits = f"{first}{rng.randint(0, 9)}{rng.randint(0, 999_999):06d}"
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}"
