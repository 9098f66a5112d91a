"""The demo office's staff accounts: logins and passwords are fixed and public (README).

Every password is ``demo-`` followed by the login, at least 10 characters as the password
policy requires. Never use these accounts in a real office: ``opsdesk demo`` refuses to touch
a database holding a real one.
"""

from __future__ import annotations

from dataclasses import dataclass

from opsdesk.domain.office_model import TeamKind
from opsdesk.domain.roles import Role


@dataclass(frozen=True)
class DemoAccount:
    login: str
    password: str
    full_name: str
    role: Role
    team: TeamKind | None
    workplace: str
    region: str = ""  # the region (rejon) the worker serves, if any
    duty: str = ""  # what the person does, in Polish, for the README and the summary


def _account(login: str, *args, **kwargs) -> DemoAccount:
    return DemoAccount(login, f"demo-{login}", *args, **kwargs)


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    _account("rejestracja", "Anna Kowalczyk", Role.CLERK, TeamKind.FIRST_CONTACT,
             "stanowisko pierwszego kontaktu", duty="pierwszy kontakt"),
    _account("swiadczenia1", "Beata Michalska", Role.SOCIAL_WORKER, TeamKind.BENEFITS,
             "pokój 12", "Rejon I", "zespół świadczeń"),
    _account("swiadczenia2", "Joanna Wróbel", Role.SOCIAL_WORKER, TeamKind.BENEFITS,
             "pokój 12", "Rejon II", "zespół świadczeń"),
    _account("swiadczenia3", "Dorota Sikora", Role.SOCIAL_WORKER, TeamKind.BENEFITS,
             "pokój 14", "Rejon III", "zespół świadczeń"),
    _account("socjalny1", "Magdalena Zając", Role.SOCIAL_WORKER, TeamKind.SOCIAL_WORK,
             "pokój 21", "Rejon I", "praca socjalna"),
    _account("socjalny2", "Katarzyna Pawlak", Role.SOCIAL_WORKER, TeamKind.SOCIAL_WORK,
             "pokój 21", "Rejon II", "praca socjalna"),
    _account("socjalny3", "Tomasz Górski", Role.SOCIAL_WORKER, TeamKind.SOCIAL_WORK,
             "pokój 22", "Rejon III", "praca socjalna"),
    _account("socjalny4", "Agnieszka Lis", Role.SOCIAL_WORKER, TeamKind.SOCIAL_WORK,
             "pokój 22", duty="kontrakty socjalne, interwencja kryzysowa"),
    _account("uslugi", "Renata Krajewska", Role.SERVICES_WORKER, TeamKind.SOCIAL_WORK,
             "pokój 23", duty="usługi opiekuńcze, DPS, schronienie"),
    _account("psycholog", "Małgorzata Zielińska", Role.PSYCHOLOGIST, None,
             "Pokój do rozmów", duty="psycholog (umowa zewnętrzna)"),
    _account("superwizor", "Piotr Nowicki", Role.SUPERVISOR, None, "",
             duty="superwizor (umowa zewnętrzna)"),
    _account("kierownik", "Elżbieta Wiśniewska", Role.MANAGER, None, "pokój 30",
             duty="kierownik ośrodka"),
    _account("admin", "Marcin Kaczmarek", Role.ADMIN, None, "pokój 31",
             duty="administrator systemu"),
)


def account(login: str) -> DemoAccount:
    return next(a for a in DEMO_ACCOUNTS if a.login == login)
