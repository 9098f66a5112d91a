"""The separated model of an OPS: team kinds, default board statuses, benefit kinds and the
purposes of a contact at the desk. These are starting data; the administrator edits them."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from opsdesk.i18n import N_, _


class TeamKind(str, enum.Enum):
    FIRST_CONTACT = "first_contact"
    BENEFITS = "benefits"
    SOCIAL_WORK = "social_work"
    SERVICES = "services"
    EXTERNAL = "external"

    @property
    def label(self) -> str:
        return _(TEAM_KIND_LABELS[self])


TEAM_KIND_LABELS = {
    TeamKind.FIRST_CONTACT: N_("First contact desk"),
    TeamKind.BENEFITS: N_("Benefits team"),
    TeamKind.SOCIAL_WORK: N_("Social work and services team"),
    TeamKind.SERVICES: N_("Services"),
    TeamKind.EXTERNAL: N_("External specialists"),
}


@dataclass(frozen=True)
class StatusTemplate:
    code: str
    name: str  # English source, translated when seeded
    closes_case: bool = False


DEFAULT_STATUSES: dict[TeamKind, tuple[StatusTemplate, ...]] = {
    TeamKind.BENEFITS: (
        StatusTemplate("new", N_("New application")),
        StatusTemplate("interview", N_("Environmental interview")),
        StatusTemplate("decision", N_("Decision in preparation")),
        StatusTemplate("decided", N_("Decision issued")),
        StatusTemplate("closed", N_("Closed"), closes_case=True),
    ),
    TeamKind.SOCIAL_WORK: (
        StatusTemplate("new", N_("New")),
        StatusTemplate("interview", N_("Environmental interview")),
        StatusTemplate("work", N_("Social work")),
        StatusTemplate("contract", N_("Social contract")),
        StatusTemplate("closed", N_("Closed"), closes_case=True),
    ),
    TeamKind.SERVICES: (
        StatusTemplate("new", N_("New")),
        StatusTemplate("interview", N_("Environmental interview")),
        StatusTemplate("services", N_("Services provided")),
        StatusTemplate("closed", N_("Closed"), closes_case=True),
    ),
}


@dataclass(frozen=True)
class TeamTemplate:
    name: str
    kind: TeamKind
    ticket_letter: str


DEFAULT_TEAMS = (
    TeamTemplate(N_("First contact desk"), TeamKind.FIRST_CONTACT, "I"),
    TeamTemplate(N_("Benefits team"), TeamKind.BENEFITS, "Ś"),
    TeamTemplate(N_("Social work and services team"), TeamKind.SOCIAL_WORK, "P"),
)


@dataclass(frozen=True)
class BenefitKindTemplate:
    code: str
    name: str
    needs_decision: bool
    team_kind: TeamKind
    continuing: bool = False


# docs/law.md; art. 106 u.p.s.: decisions for cash and most in-kind benefits
DEFAULT_BENEFIT_KINDS = (
    BenefitKindTemplate("zasilek_staly", N_("Permanent allowance"), True, TeamKind.BENEFITS, True),
    BenefitKindTemplate("zasilek_okresowy", N_("Periodic allowance"), True, TeamKind.BENEFITS),
    BenefitKindTemplate("zasilek_celowy", N_("Purpose allowance"), True, TeamKind.BENEFITS),
    BenefitKindTemplate(
        "zasilek_celowy_specjalny", N_("Special purpose allowance"), True, TeamKind.BENEFITS
    ),
    BenefitKindTemplate("posilek", N_("Meal"), True, TeamKind.BENEFITS),
    BenefitKindTemplate("schronienie", N_("Shelter"), True, TeamKind.SOCIAL_WORK),
    BenefitKindTemplate("ubranie", N_("Necessary clothing"), True, TeamKind.BENEFITS),
    BenefitKindTemplate("uslugi_opiekuncze", N_("Care services"), True, TeamKind.SOCIAL_WORK, True),
    BenefitKindTemplate(
        "specjalistyczne_uslugi", N_("Specialist care services"), True, TeamKind.SOCIAL_WORK, True
    ),
    BenefitKindTemplate("dps", N_("Placement in a care home (DPS)"), True, TeamKind.SOCIAL_WORK),
    BenefitKindTemplate("pogrzeb", N_("Funeral arrangement"), True, TeamKind.BENEFITS),
    BenefitKindTemplate("interwencja", N_("Crisis intervention"), False, TeamKind.SOCIAL_WORK),
    BenefitKindTemplate("poradnictwo", N_("Specialist counselling"), False, TeamKind.SOCIAL_WORK),
    BenefitKindTemplate("praca_socjalna", N_("Social work"), False, TeamKind.SOCIAL_WORK),
    BenefitKindTemplate("kontrakt_socjalny", N_("Social contract"), False, TeamKind.SOCIAL_WORK),
    BenefitKindTemplate(
        "mieszkanie_chronione", N_("Supported housing"), True, TeamKind.SOCIAL_WORK
    ),
)


@dataclass(frozen=True)
class PurposeTemplate:
    code: str
    name: str
    team_kind: TeamKind | None


DEFAULT_PURPOSES = (
    PurposeTemplate("information", N_("Information"), TeamKind.FIRST_CONTACT),
    PurposeTemplate("benefit_application", N_("Application for a benefit"), TeamKind.BENEFITS),
    PurposeTemplate("social_work", N_("Social work"), TeamKind.SOCIAL_WORK),
    PurposeTemplate("care_services", N_("Care services / DPS / shelter"), TeamKind.SOCIAL_WORK),
    PurposeTemplate("psychologist", N_("Psychologist"), TeamKind.SOCIAL_WORK),
    PurposeTemplate("complaint", N_("Complaint"), TeamKind.FIRST_CONTACT),
    PurposeTemplate("other", N_("Other"), TeamKind.FIRST_CONTACT),
)
