"""The sections of the main window and who sees them (docs/roles.md).

Each section is built by ``factory`` ("module:function"), imported only when the section is
first opened; the function takes ``(services, parent)`` and returns a QWidget. A section whose
capability is not built yet shows a plain notice saying so.
"""

from __future__ import annotations

from dataclasses import dataclass

from opsdesk.domain.roles import Role
from opsdesk.i18n import N_

R = Role


@dataclass(frozen=True)
class SectionSpec:
    key: str
    title: str  # English source, translated when shown
    roles: frozenset[Role]
    factory: str | None  # None: not built yet
    shortcut: str
    # "module:function(services, parent)" run once right after login (e.g. what is due)
    on_login: str | None = None


SECTIONS = (
    SectionSpec(
        "reception",
        N_("Reception"),
        frozenset({R.CLERK, R.SOCIAL_WORKER, R.SERVICES_WORKER, R.MANAGER}),
        "opsdesk.ui.reception.section:build_reception_section",
        "Ctrl+1",
    ),
    SectionSpec(
        "boards",
        N_("Team boards"),
        frozenset({R.CLERK, R.SOCIAL_WORKER, R.SERVICES_WORKER, R.MANAGER}),
        "opsdesk.ui.boards.section:build_boards_section",
        "Ctrl+2",
        on_login="opsdesk.ui.boards.due_dialog:show_due_at_login",
    ),
    SectionSpec(
        "hours",
        N_("Hours"),
        frozenset(
            {R.CLERK, R.SOCIAL_WORKER, R.SERVICES_WORKER, R.PSYCHOLOGIST, R.SUPERVISOR, R.MANAGER}
        ),
        "opsdesk.ui.hours.section:build_hours_section",
        "Ctrl+3",
    ),
    SectionSpec(
        "reports",
        N_("Reports"),
        frozenset({R.SOCIAL_WORKER, R.SERVICES_WORKER, R.PSYCHOLOGIST, R.SUPERVISOR, R.MANAGER}),
        "opsdesk.ui.reports.section:build_reports_section",
        "Ctrl+4",
    ),
    SectionSpec(
        "admin",
        N_("Administration"),
        frozenset({R.ADMIN, R.MANAGER}),
        "opsdesk.ui.admin.section:build_admin_section",
        "Ctrl+5",
    ),
)


def sections_for(roles) -> list[SectionSpec]:
    roles = set(roles)
    return [s for s in SECTIONS if s.roles & roles]


def first_section_modules() -> set[str]:
    """The modules of the section each role sees first after logging in."""
    modules = set()
    for role in Role:
        specs = sections_for({role})
        if specs and specs[0].factory:
            modules.add(specs[0].factory.split(":")[0])
    return modules
