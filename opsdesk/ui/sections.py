"""The sections of the main window and who sees them (DESIGN.md §5).

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


SECTIONS = (
    SectionSpec(
        "reception",
        N_("Reception"),
        frozenset({R.CLERK, R.SOCIAL_WORKER, R.SERVICES_WORKER, R.MANAGER}),
        None,
        "Ctrl+1",
    ),
    SectionSpec(
        "boards",
        N_("Team boards"),
        frozenset({R.CLERK, R.SOCIAL_WORKER, R.SERVICES_WORKER, R.MANAGER}),
        None,
        "Ctrl+2",
    ),
    SectionSpec(
        "hours",
        N_("Hours"),
        frozenset({R.CLERK, R.SOCIAL_WORKER, R.SERVICES_WORKER, R.PSYCHOLOGIST, R.SUPERVISOR,
                   R.MANAGER}),
        None,
        "Ctrl+3",
    ),
    SectionSpec(
        "reports",
        N_("Reports"),
        frozenset({R.SOCIAL_WORKER, R.SERVICES_WORKER, R.PSYCHOLOGIST, R.SUPERVISOR, R.MANAGER,
                   R.ADMIN}),
        None,
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
