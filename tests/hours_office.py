"""A small office for the hours tests: a psychologist and a supervisor under contract, the
manager, the desk, social workers, and clients with real-looking Polish names.

Import the ``hours`` fixture into a test module: ``from hours_office import hours``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, time

import pytest
from people import STAFF_PASSWORD

from opsdesk.domain.hours import ContractKind, SessionForm
from opsdesk.domain.pesel import make_pesel
from opsdesk.domain.roles import Role
from opsdesk.services.clients.register import ClientInput, ClientSummary
from opsdesk.services.hours.records import (
    BookingInput,
    ContractInput,
    ContractRecord,
    DutyHours,
    ManagerApproval,
    ParticipantInput,
    SessionInput,
)
from opsdesk.services.registry import Services

PSYCHOLOGIST = "Małgorzata Zielińska"
REFERRAL_DAY = date(2027, 6, 29)  # a Tuesday, the contract's last duty day
NOTE = "Klientka opowiada o przemocy ze strony męża; plan: grupa wsparcia."


@dataclass
class HoursOffice:
    admin: Services
    manager: Services
    clerk: Services
    psychologist: Services
    supervisor: Services
    social_a: Services
    social_b: Services
    services_worker: Services
    benefits_worker: Services
    other_psychologist: Services
    psych: ContractRecord  # 15 h a month, 01.01.2026 – 30.06.2027, Tue 12–16, Thu 8–12
    supervision: ContractRecord  # 8 h a month, 2026
    clients: dict[str, ClientSummary]

    def everyone(self) -> dict[str, Services]:
        return {name: value for name, value in vars(self).items() if isinstance(value, Services)}

    def consultation(
        self,
        day: date,
        start: str,
        minutes: int = 60,
        client: str = "lukasz",
        form: SessionForm = SessionForm.INDIVIDUAL,
        note: str | None = None,
        clients: tuple[str, ...] | None = None,
    ) -> SessionInput:
        keys = clients or (client,)
        return SessionInput(
            self.psych.id,
            day,
            time.fromisoformat(start),
            minutes,
            form,
            tuple(self.clients[k].id for k in keys),
            note=note,
        )

    def refer(self, contract_id: int, client: str) -> None:
        """The desk refers ``client`` to the provider of ``contract_id`` (a booking on the
        contract's last Tuesday): only then may the psychologist record sessions with them."""
        self.clerk.hours_calendar.book(
            BookingInput(contract_id, REFERRAL_DAY, time(12), 60, self.clients[client].id)
        )

    def carrying_contract(self) -> ContractRecord:
        """The other psychologist's contract 9/PS/2026, 15 h a month from September 2026 to
        June 2027, unused hours moving on, with held sessions of 20 h in September (5 h over,
        confirmed by the manager), 10 h in October and 19 h in November."""
        contract = self.manager.contracts.create(
            psych_contract_input(
                self.other_psychologist.actor.id,
                number="9/PS/2026",
                valid_from=date(2026, 9, 1),
                project_minutes=None,
                carry_over=True,
            )
        )
        self.refer(contract.id, "lukasz")
        approval = ManagerApproval("Interwencja kryzysowa", "kierownik", STAFF_PASSWORD)
        for day, hours, confirmed in (
            (date(2026, 9, 8), 10, None),
            (date(2026, 9, 9), 10, approval),
            (date(2026, 10, 6), 10, None),
            (date(2026, 11, 3), 10, None),
            (date(2026, 11, 4), 9, None),
        ):
            session = self.consultation(day, "08:00", hours * 60)
            self.other_psychologist.hours.record(
                replace(session, contract_id=contract.id), confirmed
            )
        return contract

    def supervision_session(
        self,
        day: date,
        start: str,
        minutes: int = 120,
        people: tuple[Services, ...] | None = None,
        form: SessionForm = SessionForm.SUPERVISION_GROUP,
    ) -> SessionInput:
        people = people or (self.social_a, self.social_b)
        return SessionInput(
            self.supervision.id,
            day,
            time.fromisoformat(start),
            minutes,
            form,
            participants=tuple(ParticipantInput(p.actor.id, i == 0) for i, p in enumerate(people)),
        )


def psych_contract_input(psychologist_id: int, **changes) -> ContractInput:
    values = dict(
        kind=ContractKind.PSYCHOLOGY,
        number="3/PS/2026",
        provider_staff_id=psychologist_id,
        monthly_minutes=15 * 60,
        valid_from=date(2026, 1, 1),
        valid_to=date(2027, 6, 30),
        provider_company="Gabinet Psychologiczny „Równowaga”",
        project_minutes=270 * 60,
        project_name="Skuteczna pomoc społeczna w Łęczycy",
        project_number="POWR.02.05.00-00-0117/16",
        duty_hours=(DutyHours(1, time(12), time(16)), DutyHours(3, time(8), time(12))),
    )
    values.update(changes)
    return ContractInput(**values)


def build_hours_office(office: Services, make_person) -> HoursOffice:
    manager = make_person(Role.MANAGER, None, "kierownik", "Jolanta Świątek")
    clerk = make_person(Role.CLERK, "first_contact", "recepcja", "Beata Kłos")
    psychologist = make_person(Role.PSYCHOLOGIST, None, "psycholog", PSYCHOLOGIST)
    other = make_person(Role.PSYCHOLOGIST, None, "psycholog2", "Tomasz Żuraw")
    supervisor = make_person(Role.SUPERVISOR, None, "superwizor", "Krzysztof Dąbrowski")
    social_a = make_person(Role.SOCIAL_WORKER, "social_work", "socjalny1", "Ewa Szuberla")
    social_b = make_person(Role.SOCIAL_WORKER, "social_work", "socjalny2", "Marek Wójcik")
    services_worker = make_person(Role.SERVICES_WORKER, "services", "uslugi", "Irena Ćwik")
    benefits = make_person(Role.SOCIAL_WORKER, "benefits", "swiadczenia", "Anna Łęcka")
    # the tests fill the whole of 2026 on 30 November: no entry window (its own tests set one)
    office.month_approvals.set_entry_days(0)
    psych = manager.contracts.create(psych_contract_input(psychologist.actor.id))
    supervision = manager.contracts.create(
        ContractInput(
            kind=ContractKind.SUPERVISION,
            number="7/SU/2026",
            provider_staff_id=supervisor.actor.id,
            monthly_minutes=8 * 60,
            valid_from=date(2026, 1, 1),
            valid_to=date(2026, 12, 31),
            project_name="Skuteczna pomoc społeczna w Łęczycy",
            project_number="POWR.02.05.00-00-0117/16",
        )
    )
    people = {
        "lukasz": ("Łukasz", "Kowalski", date(1980, 3, 14), "M", 11),
        "zofia": ("Zofia", "Wąsowska", date(1944, 6, 2), "F", 22),
        "grazyna": ("Grażyna", "Źdźbło", date(1990, 11, 5), "F", 44),
    }
    clients = {
        key: clerk.clients.create(
            ClientInput(
                first_name=first,
                last_name=last,
                pesel=make_pesel(born, sex, serial),
                locality="Łęczyca",
                street="Zachęty",
                house_number=str(serial),
                postal_code="99-100",
            )
        )
        for key, (first, last, born, sex, serial) in people.items()
    }
    # the desk refers every client to the psychologist (a booking in the contract's last
    # month): only referred clients are the psychologist's to see and to record sessions with
    for hour, client in enumerate(clients.values(), start=12):
        clerk.hours_calendar.book(BookingInput(psych.id, REFERRAL_DAY, time(hour), 60, client.id))
    return HoursOffice(
        office,
        manager,
        clerk,
        psychologist,
        supervisor,
        social_a,
        social_b,
        services_worker,
        benefits,
        other,
        psych,
        supervision,
        clients,
    )


@pytest.fixture
def hours(office, make_person) -> HoursOffice:
    return build_hours_office(office, make_person)
