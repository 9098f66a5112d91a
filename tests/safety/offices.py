"""Offices with a history, for safety tests (through the real services)."""

from datetime import date

from opsdesk.domain.pesel import make_pesel
from opsdesk.domain.roles import Role
from opsdesk.services.cases.records import CaseInput
from opsdesk.services.clients.register import ClientInput


def clients_with_old_cases(make_person, manager, clock) -> dict:
    """Three clients: "old" (its case closed 3.03.2014), "mixed" (one case closed in 2014,
    one still open) and "recent" (closed 3.03.2020); the clock ends at 30.11.2026."""
    clerk = make_person(Role.CLERK, "first_contact")
    kind = next(k for k in manager.cases.kinds() if not k.needs_decision)

    def client(last, pesel):
        return clerk.clients.create(
            ClientInput(
                first_name="Zofia",
                last_name=last,
                pesel=pesel,
                locality="Łęczyca",
                street="ul. Ozorkowska",
                house_number="12",
                postal_code="99-100",
                phone="600 100 200",
                email="z@example.pl",
            )
        ).id

    old = client("Wąsowska", make_pesel(date(1944, 5, 14), "F", 1))
    mixed = client("Żak", make_pesel(date(2002, 7, 8), "F", 2))
    recent = client("Kęsik", make_pesel(date(1990, 9, 5), "F", 3))
    cases = {}
    clock.moment = clock.moment.replace(year=2014, month=3, day=3)
    for who in (old, mixed):
        cases[who] = manager.cases.create(CaseInput(who, kind.id)).id
        manager.cases.close(cases[who], "pomoc udzielona")
    manager.cases.create(CaseInput(mixed, kind.id))  # opened 2014, still open
    clock.moment = clock.moment.replace(year=2020)
    cases[recent] = manager.cases.create(CaseInput(recent, kind.id)).id
    manager.cases.close(cases[recent], "pomoc udzielona")
    clock.moment = clock.moment.replace(year=2026, month=11, day=30)
    return {"old": old, "mixed": mixed, "recent": recent, "cases": cases}
