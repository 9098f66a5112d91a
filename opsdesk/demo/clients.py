"""About five hundred inhabitants registered at the office, living in households.

Every PESEL is valid and agrees with the birth date and sex; a few foreigners are identified
by a passport number instead. Each client's region comes from the routing rules, as the desk
would find it from the address.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from opsdesk.demo.context import DemoClient, DemoContext, at
from opsdesk.demo.names import (
    FIRST_NAMES,
    SURNAMES,
    UKRAINIAN_FIRST_NAMES,
    UKRAINIAN_SURNAMES,
    generation,
    surname_for,
)
from opsdesk.demo.places import Address, random_address, random_phone
from opsdesk.domain.pesel import make_pesel
from opsdesk.domain.routing import AreaRule, find_region
from opsdesk.domain.text import fold
from opsdesk.storage.models import Client, Counter, Household

CLIENT_TARGET = 500
CLIENT_CODE_COUNTER = "client_code"
FOREIGN_HOUSEHOLDS = 5

APPLICANT, SPOUSE, PARTNER, CHILD, PARENT, GRANDCHILD = (
    "wnioskodawca",
    "małżonek",
    "partner",
    "dziecko",
    "rodzic",
    "wnuk",
)


@dataclass
class _Person:
    first_name: str
    last_name: str
    sex: str
    birth_date: date
    relation: str
    pesel: str | None = None
    document: str | None = None
    phone: str = ""
    email: str = ""


@dataclass
class _Household:
    address: Address
    registered_on: date
    members: list[_Person] = field(default_factory=list)


class _People:
    """Makes people of a given age and sex with unique PESEL numbers."""

    def __init__(self, rng: random.Random, today: date):
        self.rng = rng
        self.today = today
        self.used_pesels: set[str] = set()
        self.used_documents: set[str] = set()

    def birth_date(self, age: int) -> date:
        return self.today - timedelta(days=int(age * 365.25) + self.rng.randint(1, 364))

    def person(self, sex: str, age: int, surname: str, relation: str) -> _Person:
        born = self.birth_date(age)
        first = self.rng.choice(FIRST_NAMES[sex][generation(born.year)])
        return _Person(
            first, surname_for(surname, sex), sex, born, relation, pesel=self._pesel(born, sex)
        )

    def foreigner(self, sex: str, age: int, surname: str, relation: str) -> _Person:
        born = self.birth_date(age)
        while True:
            document = f"F{self.rng.choice('ABCEHJKMN')}{self.rng.randint(100_000, 999_999)}"
            if document not in self.used_documents:
                self.used_documents.add(document)
                break
        return _Person(
            self.rng.choice(UKRAINIAN_FIRST_NAMES[sex]),
            surname,
            sex,
            born,
            relation,
            document=document,
        )

    def _pesel(self, born: date, sex: str) -> str:
        while True:
            pesel = make_pesel(born, sex, self.rng.randint(0, 999))  # type: ignore[arg-type]
            if pesel not in self.used_pesels:
                self.used_pesels.add(pesel)
                return pesel


def _polish_household(people: _People, rng: random.Random) -> list[_Person]:
    surname = rng.choice(SURNAMES)
    sex = rng.choice("FM")
    shape = rng.choices(
        ("elderly", "single", "elderly_couple", "family", "single_parent", "with_parent"),
        weights=(22, 25, 8, 22, 17, 6),
    )[0]
    if shape == "elderly":
        return [people.person(rng.choice("FFM"), rng.randint(65, 92), surname, APPLICANT)]
    if shape == "single":
        return [people.person(sex, rng.randint(22, 64), surname, APPLICANT)]
    if shape == "elderly_couple":
        age = rng.randint(64, 86)
        return [
            people.person("M", age, surname, APPLICANT),
            people.person("F", age - rng.randint(0, 5), surname, SPOUSE),
        ]
    if shape == "with_parent":
        age = rng.randint(38, 60)
        return [
            people.person(sex, age, surname, APPLICANT),
            people.person(rng.choice("FFM"), age + rng.randint(22, 32), surname, PARENT),
        ]
    parent_age = rng.randint(23, 47)
    if shape == "family":
        applicant_sex = rng.choice("FFM")
        other = "M" if applicant_sex == "F" else "F"
        members = [
            people.person(applicant_sex, parent_age, surname, APPLICANT),
            people.person(
                other,
                parent_age + rng.randint(-3, 5),
                surname,
                SPOUSE if rng.random() < 0.7 else PARTNER,
            ),
        ]
        children = rng.choices((1, 2, 3, 4, 5), weights=(30, 35, 20, 10, 5))[0]
        if rng.random() < 0.08:  # a grandmother living with the family
            members.append(people.person("F", parent_age + rng.randint(24, 30), surname, PARENT))
    else:
        members = [people.person(rng.choice("FFFFM"), parent_age, surname, APPLICANT)]
        children = rng.choices((1, 2, 3), weights=(50, 35, 15))[0]
    for _ in range(children):
        members.append(
            people.person(
                rng.choice("FM"), rng.randint(0, min(17, parent_age - 19)), surname, CHILD
            )
        )
    return members


def _foreign_household(people: _People, rng: random.Random) -> list[_Person]:
    surname = rng.choice(UKRAINIAN_SURNAMES)
    if rng.random() < 0.25:
        return [people.foreigner("M", rng.randint(25, 60), surname, APPLICANT)]
    members = [people.foreigner("F", rng.randint(26, 45), surname, APPLICANT)]
    for _ in range(rng.randint(1, 2)):
        members.append(people.foreigner(rng.choice("FM"), rng.randint(2, 15), surname, CHILD))
    return members


def _contacts(person: _Person, rng: random.Random) -> None:
    if person.relation in (CHILD, GRANDCHILD):
        return
    if person.relation == APPLICANT or rng.random() < 0.5:
        person.phone = random_phone(rng) if rng.random() < 0.9 else ""
    if person.phone and rng.random() < 0.15:
        person.email = (
            f"{fold(person.first_name)}.{fold(person.last_name)}{rng.randint(1, 99)}@example.com"
        )


def _registered(household: _Household, person: _Person) -> date:
    """A child born after the family registered is added to the register later."""
    return max(household.registered_on, person.birth_date + timedelta(days=30))


def create_clients(ctx: DemoContext, rules: list[AreaRule]) -> None:
    rng = ctx.rng("clients")
    people = _People(rng, ctx.today)
    days = ctx.past_working_days()
    households: list[_Household] = []
    total = 0
    while total < CLIENT_TARGET:
        foreign = len(households) % 45 == 7 and len(households) // 45 < FOREIGN_HOUSEHOLDS
        members = (_foreign_household if foreign else _polish_household)(people, rng)
        # almost half were on the register when the office started using opsdesk
        registered = rng.choice(days[:20]) if rng.random() < 0.45 else rng.choice(days)
        household = _Household(random_address(rng), registered, members)
        for person in members:
            _contacts(person, rng)
        households.append(household)
        total += sum(1 for p in members if _registered(household, p) < ctx.today)
    _write(ctx, rules, households, rng)


def _write(
    ctx: DemoContext, rules: list[AreaRule], households: list[_Household], rng: random.Random
) -> None:
    households.sort(key=lambda h: h.registered_on)  # stable: ties keep generation order
    number = 0
    for household in households:
        address = household.address
        region_id = find_region(rules, address.locality, address.street, address.house_number)
        if region_id is None:
            raise RuntimeError(f"demo address outside every region: {address}")
        created = at(household.registered_on, rng.randint(0, 470))
        household_id = ctx.rows.new(Household, created_at=created)
        for person in household.members:
            registered = _registered(household, person)
            if registered >= ctx.today:
                continue
            number += 1
            code = f"K-{number:06d}"
            created_at = created if registered == household.registered_on else at(registered, 60)
            client_id = ctx.rows.new(
                Client,
                first_name=person.first_name,
                last_name=person.last_name,
                pesel=person.pesel,
                document_number=person.document,
                birth_date=person.birth_date,
                sex=person.sex,
                locality=address.locality,
                street=address.street,
                house_number=address.house_number,
                flat_number=address.flat_number,
                postal_code=address.postal_code,
                phone=person.phone,
                email=person.email,
                region_id=region_id,
                region_overridden=False,
                household_id=household_id,
                household_relation=person.relation,
                search_key=fold(
                    " ".join(
                        p
                        for p in (
                            person.last_name,
                            person.first_name,
                            person.pesel,
                            person.document,
                        )
                        if p
                    )
                ),
                code=code,
                created_at=created_at,
                updated_at=created_at,
            )
            ctx.clients.append(
                DemoClient(
                    client_id,
                    person.first_name,
                    person.last_name,
                    person.sex,
                    person.birth_date,
                    region_id,
                    household_id,
                    person.relation,
                    registered,
                    code,
                )
            )
    # new clients registered later continue the codes (services.clients.register)
    ctx.rows.add(Counter, name=CLIENT_CODE_COUNTER, scope="", value=number)
