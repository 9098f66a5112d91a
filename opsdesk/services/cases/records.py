"""Plain records of cases handed to the UI (never ORM objects), and the inputs of case actions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from opsdesk.domain.case_rules import deadline_label
from opsdesk.domain.deadlines import Urgency
from opsdesk.domain.ids import CaseId, ClientId, StaffId, TeamId, VisitId
from opsdesk.domain.letters import AppealPeriod


@dataclass(frozen=True)
class CaseInput:
    client_id: ClientId
    kind_id: int
    team_id: TeamId | None = None  # default: the team that usually runs the kind
    worker_id: StaffId | None = None  # default: the region's worker of that team
    application_date: date | None = None  # default: today
    urgent: bool = False
    complex: bool = False
    summary: str = ""
    status_id: int | None = None  # default: the first column of the team's board


@dataclass(frozen=True)
class KindRecord:
    id: int
    code: str
    name: str
    needs_decision: bool
    continuing: bool
    team_kind: str


@dataclass(frozen=True)
class Assignment:
    """Where a new case of a client would go by default."""

    team_id: TeamId
    worker_id: StaffId | None


@dataclass(frozen=True)
class CaseSummary:
    id: CaseId
    file_number: str
    client_id: ClientId
    client_name: str
    kind_id: int
    kind_name: str
    team_id: TeamId
    team_name: str
    worker_id: StaffId | None
    worker_name: str
    status_id: int
    status_name: str
    application_date: date
    next_due: date | None
    next_due_rule: str | None
    closed: bool

    @property
    def next_due_label(self) -> str:
        return deadline_label(self.next_due_rule) if self.next_due_rule else ""


@dataclass(frozen=True)
class Referral:
    """Where a client was sent: what the first-contact desk may see of a case."""

    file_number: str
    team_name: str
    worker_name: str
    opened_on: date
    closed: bool


@dataclass(frozen=True)
class DeadlineRecord:
    rule: str
    label: str
    due: date
    working_days_left: int
    urgency: Urgency
    stopped: bool


@dataclass(frozen=True)
class SuspensionRecord:
    id: int
    starts_on: date
    ends_on: date | None
    reason: str


@dataclass(frozen=True)
class EventRecord:
    at: datetime
    actor_name: str
    kind: str
    label: str  # translated name of the kind of change
    from_value: str
    to_value: str
    reason: str


@dataclass(frozen=True)
class LinkedCase:
    id: CaseId
    file_number: str
    team_name: str
    kind_name: str
    worker_name: str
    status_name: str
    closed: bool
    reachable: bool  # the actor may open it


@dataclass(frozen=True)
class NoteRecord:
    id: int
    at: datetime
    author_name: str
    text: str


@dataclass(frozen=True)
class CaseDetail:
    summary: CaseSummary
    team_kind: str  # benefits | social_work | services
    client_identity: str
    client_address: str
    client_phone: str
    needs_decision: bool
    continuing: bool
    urgent: bool
    complex: bool
    interview_date: date | None
    decision_date: date | None
    decision_number: str
    ending: str | None  # how the closed case ended (domain.case_closing.ENDINGS)
    notice_new_date: date | None
    notice_reason: str
    text: str  # the case's summary as typed
    outcome: str
    created_at: datetime
    closed_at: datetime | None
    opened_from_visit_id: VisitId | None
    deadlines: tuple[DeadlineRecord, ...]
    next_deadline: DeadlineRecord | None
    suspended_since: date | None
    suspensions: tuple[SuspensionRecord, ...]
    events: tuple[EventRecord, ...]
    links: tuple[LinkedCase, ...]
    can_change: bool
    # the last day of a summons' period the party has not answered yet (art. 64 § 2 KPA)
    awaiting_completion: date | None = None
    decision_delivered_on: date | None = None
    appeal: AppealPeriod | None = None  # from the decision's delivery (art. 129 § 2 KPA)


# --- a board exported to a workbook (printing/board_xlsx.py) ---


@dataclass(frozen=True)
class ExportRow:
    status_name: str
    file_number: str
    client_name: str
    kind_name: str
    worker_name: str
    next_due: date | None
    deadline: str  # what is due, "" without a running deadline
    working_days_left: int | None
    urgent: bool
    suspended: bool


@dataclass(frozen=True)
class BoardExport:
    team_name: str
    filter_text: str  # the filter in words, "" for the whole board
    today: date
    made_at: datetime
    made_by: str
    rows: tuple[ExportRow, ...]
