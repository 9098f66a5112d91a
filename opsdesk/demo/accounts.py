"""The demo office's staff accounts: logins and passwords are fixed and public (README).

Every password is ``demo-`` followed by the login, at least 10 characters as the password
policy requires. Never use these accounts in a real office: ``opsdesk demo`` refuses to touch
a database holding a real one.
"""

from __future__ import annotations

from dataclasses import dataclass

from opsdesk.domain.office_model import TeamKind
from opsdesk.domain.roles import Role
from opsdesk.i18n import N_


@dataclass(frozen=True)
class DemoAccount:
    login: str
    password: str
    full_name: str
    role: Role
    team: TeamKind | None
    workplace: str
    region: str = ""  # the region (rejon) the worker serves, if any
    duty: str = ""  # what the person does (English, N_; show with _())


def _account(login: str, *args, **kwargs) -> DemoAccount:
    return DemoAccount(login, f"demo-{login}", *args, **kwargs)


BENEFITS_DUTY = N_("benefits team")
SOCIAL_DUTY = N_("social work team")

DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    _account(
        "rejestracja",
        "Anna Kowalczyk",
        Role.CLERK,
        TeamKind.FIRST_CONTACT,
        "stanowisko pierwszego kontaktu",
    ),
    _account(
        "swiadczenia1",
        "Beata Michalska",
        Role.SOCIAL_WORKER,
        TeamKind.BENEFITS,
        "pokój 12",
        "Rejon I",
        BENEFITS_DUTY,
    ),
    _account(
        "swiadczenia2",
        "Joanna Wróbel",
        Role.SOCIAL_WORKER,
        TeamKind.BENEFITS,
        "pokój 12",
        "Rejon II",
        BENEFITS_DUTY,
    ),
    _account(
        "swiadczenia3",
        "Dorota Sikora",
        Role.SOCIAL_WORKER,
        TeamKind.BENEFITS,
        "pokój 14",
        "Rejon III",
        BENEFITS_DUTY,
    ),
    _account(
        "socjalny1",
        "Magdalena Zając",
        Role.SOCIAL_WORKER,
        TeamKind.SOCIAL_WORK,
        "pokój 21",
        "Rejon I",
        SOCIAL_DUTY,
    ),
    _account(
        "socjalny2",
        "Katarzyna Pawlak",
        Role.SOCIAL_WORKER,
        TeamKind.SOCIAL_WORK,
        "pokój 21",
        "Rejon II",
        SOCIAL_DUTY,
    ),
    _account(
        "socjalny3",
        "Tomasz Górski",
        Role.SOCIAL_WORKER,
        TeamKind.SOCIAL_WORK,
        "pokój 22",
        "Rejon III",
        SOCIAL_DUTY,
    ),
    _account(
        "socjalny4",
        "Agnieszka Lis",
        Role.SOCIAL_WORKER,
        TeamKind.SOCIAL_WORK,
        "pokój 22",
        duty=N_("social contracts, crisis intervention"),
    ),
    _account(
        "uslugi",
        "Renata Krajewska",
        Role.SERVICES_WORKER,
        TeamKind.SOCIAL_WORK,
        "pokój 23",
        duty=N_("care services, care homes, shelters"),
    ),
    _account(
        "psycholog",
        "Małgorzata Zielińska",
        Role.PSYCHOLOGIST,
        None,
        "Pokój do rozmów",
        duty=N_("external, 15 hours a month"),
    ),
    _account(
        "superwizor",
        "Piotr Nowicki",
        Role.SUPERVISOR,
        None,
        "",
        duty=N_("external, 8 hours a month"),
    ),
    _account(
        "kierownik",
        "Elżbieta Wiśniewska",
        Role.MANAGER,
        None,
        "pokój 30",
        duty=N_("head of the centre"),
    ),
    _account("admin", "Marcin Kaczmarek", Role.ADMIN, None, "pokój 31"),
)
