"""Plain records of the printed reports, handed to ``opsdesk.printing`` (never ORM objects).

Hour sheets and supervision attendance lists are ``hours.records``'; the records here are the
other documents: a team's or worker's deadlines, a contract's quarter or project
summary, the desk's referral slip and ticket, and a client's data report (GDPR art. 15).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from opsdesk.domain.deadlines import Urgency
from opsdesk.domain.hours import Month
from opsdesk.domain.ids import ClientId, StaffId, TeamId
from opsdesk.i18n import N_, _
from opsdesk.services.hours.records import (
    ContractRecord,
    FormRow,
    PeriodRow,
    ProjectOfContract,
    WorkerRow,
)
from opsdesk.services.office.records import OfficeRecord

CLI_LOGIN = "cli"


def signed_name(full_name: str, login: str) -> str:
    """How a person appears in a report's history: "Anna Łęcka (alecka)"."""
    if login == CLI_LOGIN and not full_name:
        return _("opsdesk command line")
    if full_name and login:
        return f"{full_name} ({login})"
    return full_name or login or _("unknown")


# --- choices for the report's parameters --------------------------------------------------


@dataclass(frozen=True)
class WorkerChoice:
    id: StaffId
    full_name: str
    login: str = ""


@dataclass(frozen=True)
class DeadlineScope:
    """A team whose deadline report the actor may print, with its workers."""

    team_id: TeamId
    team_name: str
    workers: tuple[WorkerChoice, ...]


@dataclass(frozen=True)
class ClientChoice:
    """A match of the GDPR report's client search."""

    id: ClientId
    code: str
    display_name: str
    identity: str  # PESEL, document number or birth date
    address: str


# --- deadlines ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeadlineRow:
    case_id: int
    file_number: str
    client_name: str
    kind_name: str
    worker_name: str
    status_name: str
    due: date
    rule: str
    rule_label: str
    working_days_left: int
    urgency: Urgency
    urgent: bool
    suspended: bool


@dataclass(frozen=True)
class DeadlineReport:
    """Open cases of a team (or of one worker) due by ``until``, the overdue ones first."""

    office: OfficeRecord
    team_name: str
    worker_name: str  # "" for the whole team
    today: date
    until: date
    rows: tuple[DeadlineRow, ...]
    later: int  # open cases whose next deadline is after ``until``
    without_deadline: int  # open cases with no deadline running
    prepared_by: str
    generated_at: datetime

    @property
    def overdue(self) -> tuple[DeadlineRow, ...]:
        return tuple(r for r in self.rows if r.due < self.today)

    @property
    def upcoming(self) -> tuple[DeadlineRow, ...]:
        return tuple(r for r in self.rows if r.due >= self.today)


# --- hours over several months ---------------------------------------------------------------


@dataclass(frozen=True)
class HoursPeriodReport(ProjectOfContract):
    """A contract's months of a quarter (``scope`` "quarter") or of the project to date
    (``scope`` "project"), with the project's total to date."""

    office: OfficeRecord
    contract: ContractRecord
    scope: str  # "quarter" | "project"
    first: Month
    last: Month
    months: tuple[PeriodRow, ...]
    quarters: tuple[PeriodRow, ...]  # the quarters the months belong to
    project: PeriodRow  # every held session of the contract, against its contracted total
    project_to_last: int  # held minutes from the contract's start to the end of ``last``
    forms: tuple[FormRow, ...]  # held sessions of the period by form
    workers: tuple[WorkerRow, ...]  # supervision: hours of each worker in the period
    manager_name: str
    prepared_by: str
    generated_at: datetime

    @property
    def used_minutes(self) -> int:
        return sum(row.budget.used for row in self.months)

    @property
    def budget_minutes(self) -> int:
        return sum(row.budget.budget for row in self.months)

    @property
    def sessions(self) -> int:
        return sum(row.sessions for row in self.months)

    @property
    def left_minutes(self) -> int:
        """The period's budget with what was carried into it, less its held minutes."""
        return self.budget_minutes + self.months[0].carried_in - self.used_minutes


# --- the first-contact desk ------------------------------------------------------------------


@dataclass(frozen=True)
class Appointment:
    """A psychologist's slot booked for the visitor from the desk."""

    day: date
    start: time
    minutes: int
    provider_name: str


@dataclass(frozen=True)
class ReferralSlip:
    """Where the desk sent a person: printed and handed to them."""

    office: OfficeRecord
    visit_id: int
    day: date
    arrived_at: datetime
    ticket: str
    person: str
    purpose_name: str
    team_name: str
    worker_name: str
    workplace: str  # the worker's room or desk, e.g. "pokój 12"
    priority_label: str
    appointment: Appointment | None
    prepared_by: str
    generated_at: datetime


@dataclass(frozen=True)
class TicketSlip:
    """The queue ticket on the 80 mm roll. Nothing about the person on it."""

    office_name: str
    ticket: str
    team_name: str
    arrived_at: datetime
    waiting_ahead: int
    priority: bool
    language: str = "pl"  # the person's choice at registration: pl, uk or en


# --- a client's data (GDPR art. 15) ----------------------------------------------------------


@dataclass(frozen=True)
class GdprIdentity:
    code: str
    first_name: str
    last_name: str
    pesel: str
    document_number: str
    birth_date: date | None
    sex: str | None
    address: str
    phone: str
    email: str
    region_name: str
    household: tuple[tuple[str, str], ...]  # (name, relation) of the other members
    household_relation: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class GdprVisit:
    arrived_at: datetime
    channel_label: str
    ticket: str
    purpose_name: str
    team_name: str
    worker_name: str
    state_label: str
    outcome_label: str
    note: str


@dataclass(frozen=True)
class GdprEvent:
    at: datetime
    actor_name: str
    label: str
    from_value: str
    to_value: str
    reason: str


@dataclass(frozen=True)
class GdprNote:
    at: datetime
    author_name: str
    text: str


@dataclass(frozen=True)
class GdprCase:
    file_number: str
    kind_name: str
    team_name: str
    worker_name: str
    status_name: str
    application_date: date
    urgent: bool
    complex: bool
    interview_date: date | None
    decision_date: date | None
    notice_new_date: date | None
    summary: str
    outcome: str
    created_at: datetime
    closed_at: datetime | None
    suspensions: tuple[tuple[date, date | None, str], ...]
    events: tuple[GdprEvent, ...]
    notes: tuple[GdprNote, ...]
    letters: tuple[tuple[datetime, str], ...] = ()  # (printed at, title) of letters sent


@dataclass(frozen=True)
class GdprSession:
    day: date
    start: time
    minutes: int
    form_label: str
    state_label: str
    provider_name: str
    contract_number: str
    has_private_note: bool


@dataclass(frozen=True)
class GdprRoomBooking:
    starts_at: datetime
    ends_at: datetime
    room: str
    worker_name: str
    cancelled: bool
    note: str = ""


@dataclass(frozen=True)
class AccessRow:
    """One line of the audit log about the person's data."""

    at: datetime
    who: str
    action: str
    action_label: str
    subject: str  # "kartoteka klienta", "sprawa OPS.12.2026", "wizyta 03.03.2026" ...


@dataclass(frozen=True)
class GdprInformation:
    controller: str  # who the controller is, and the data protection officer's contact
    purposes: str  # art. 15(1)(a)
    legal_bases: str  # art. 15(1)(a), art. 6 and 9
    categories: str  # art. 15(1)(b)
    recipients: str  # art. 15(1)(c)
    retention: str  # art. 15(1)(d)
    rights: str  # art. 15(1)(e) and (f): rectification, restriction, complaint to UODO
    source: str  # art. 15(1)(g)
    automated: str  # art. 15(1)(h)
    transfers: str  # art. 15(2)
    copy: str  # art. 15(3)


# the information's parts in the report's order: (field, heading, untranslated N_)
GDPR_SECTIONS: tuple[tuple[str, str], ...] = (
    ("controller", N_("Controller of the data")),
    ("purposes", N_("Purposes of processing")),
    ("legal_bases", N_("Legal bases")),
    ("categories", N_("Categories of personal data")),
    ("recipients", N_("Recipients")),
    ("retention", N_("How long the data are kept")),
    ("rights", N_("The person's rights")),
    ("source", N_("Where the data come from")),
    ("automated", N_("Automated decisions")),
    ("transfers", N_("Transfers outside the European Economic Area")),
    ("copy", N_("Copy of the data")),
)


@dataclass(frozen=True)
class GdprReport:
    office: OfficeRecord
    client_id: int
    identity: GdprIdentity
    visits: tuple[GdprVisit, ...]
    cases: tuple[GdprCase, ...]
    sessions: tuple[GdprSession, ...]
    room_bookings: tuple[GdprRoomBooking, ...]
    access: tuple[AccessRow, ...]
    prepared_by: str
    generated_at: datetime
    information: GdprInformation | None = None  # art. 15(1)(a)-(h), 15(2), 15(3)

    @property
    def display_name(self) -> str:
        return f"{self.identity.first_name} {self.identity.last_name}"


@dataclass(frozen=True)
class SeenRow:
    """One occasion someone had the person's data before them (issue 19, item 5)."""

    at: datetime
    who: str  # "Anna Łęcka (alecka)"
    action: str  # the audit code: read, print, export, list, update ...
    action_label: str  # "wyświetlenie", "na liście" ...
    screen: str  # where: "kartoteka klienta", "wyszukiwanie klientów: „Nowak”" ...
    subject: str  # which data: "dane klienta", "sprawa OPS.12.2026" ...


@dataclass(frozen=True)
class WhoSawReport:
    """Who saw one client's data, when and on which screen, newest first."""

    office: OfficeRecord
    client_id: int
    client_code: str
    client_name: str
    rows: tuple[SeenRow, ...]
    truncated: bool  # more entries than ``rows`` holds
    prepared_by: str
    generated_at: datetime


AUDIT_ACTION_LABELS = {
    "read": N_("viewed"),
    "create": N_("recorded"),
    "update": N_("changed"),
    "print": N_("printed"),
    "book": N_("booked an appointment"),
    "cancel": N_("cancelled"),
    "no_show": N_("marked as not present"),
    "anonymise": N_("anonymised"),
    "call": N_("called to the desk"),
    "recall": N_("called again"),
    "start": N_("started serving"),
    "finish": N_("finished serving"),
    "redirect": N_("redirected"),
    "register": N_("registered"),
    "list": N_("shown in a list"),
    "export": N_("exported"),
}


def audit_action_label(action: str) -> str:
    return _(AUDIT_ACTION_LABELS[action]) if action in AUDIT_ACTION_LABELS else action
