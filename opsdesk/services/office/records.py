"""Plain records handed to the UI and printing (never live ORM objects)."""

from __future__ import annotations

from dataclasses import dataclass

from opsdesk.domain.ids import RegionId, StaffId, TeamId
from opsdesk.domain.roles import Role


@dataclass(frozen=True)
class StaffRecord:
    id: StaffId
    login: str
    full_name: str
    roles: frozenset[Role]
    team_id: TeamId | None
    team_name: str
    workplace: str
    email: str
    active: bool
    locked: bool

    @property
    def roles_label(self) -> str:
        return ", ".join(sorted(r.label for r in self.roles))


@dataclass(frozen=True)
class TeamStatusRecord:
    id: int
    code: str
    name: str
    position: int
    closes_case: bool


@dataclass(frozen=True)
class TeamRecord:
    id: TeamId
    name: str
    kind: str
    ticket_letter: str
    active: bool
    statuses: tuple[TeamStatusRecord, ...]


@dataclass(frozen=True)
class PurposeSetting:
    """A contact purpose as the administrator sees it (the desk's list, in its order)."""

    id: int
    code: str
    name: str
    default_team_id: TeamId | None
    team_name: str  # "" without a team (the desk chooses)
    team_active: bool  # False: its team is switched off (the desk chooses meanwhile)
    active: bool
    position: int


@dataclass(frozen=True)
class RegionAreaRecord:
    locality: str
    street: str
    number_from: int
    number_to: int | None


@dataclass(frozen=True)
class RegionRecord:
    id: RegionId
    name: str
    benefits_worker_id: int | None
    benefits_worker_name: str
    social_worker_id: int | None
    social_worker_name: str
    areas: tuple[RegionAreaRecord, ...]


@dataclass(frozen=True)
class OfficeRecord:
    name: str
    street: str
    postal_code: str
    city: str
    phone: str
    email: str
    project_name: str
    project_number: str
    logo_strip: bytes | None

    @property
    def address_lines(self) -> tuple[str, ...]:
        city_line = " ".join(p for p in (self.postal_code, self.city) if p)
        return tuple(line for line in (self.street, city_line) if line)
