"""Plain records of contracts, sessions, budgets and calendars handed to the UI and printing,
and the printed hour sheet and supervision attendance list as ``opsdesk.printing`` prints them.

Clients appear as ``SessionClientRef``: a stable code always, a name only in the
psychologist's own view of their own sessions (the service fills ``name`` only there).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from opsdesk.domain.formatting import format_date, format_hours
from opsdesk.domain.hours import (
    BookingBudget,
    Budget,
    BudgetCheck,
    ContractKind,
    ContractTerms,
    Month,
    SessionForm,
    SessionState,
)
from opsdesk.domain.ids import ClientId, ContractId, SessionId, StaffId, VisitId
from opsdesk.errors import Conflict
from opsdesk.i18n import N_, _
from opsdesk.services.office.records import OfficeRecord

# --- contracts ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DutyHours:
    """A weekly window in which the provider receives clients, split into slots."""

    weekday: int  # 0 = Monday
    start: time
    end: time
    slot_minutes: int = 60


@dataclass(frozen=True)
class ContractInput:
    kind: ContractKind
    number: str
    provider_staff_id: StaffId | None
    monthly_minutes: int
    valid_from: date | None
    valid_to: date | None
    provider_name: str = ""  # defaults to the account's full name
    provider_company: str = ""
    project_minutes: int | None = None
    pro_rata_first_month: bool = False
    project_name: str = ""
    project_number: str = ""
    duty_hours: tuple[DutyHours, ...] = ()
    carry_over: bool = False  # unused hours move to the next month
    project_role: str = ""  # the person's role in the project
    engagement_form: str = ""  # e.g. umowa zlecenie
    hourly_rate_grosze: int | None = None  # None: the contract sets no rate


@dataclass(frozen=True)
class ContractRecord:
    id: ContractId
    kind: ContractKind
    number: str
    provider_staff_id: StaffId | None
    provider_name: str
    provider_company: str
    monthly_minutes: int
    project_minutes: int | None
    pro_rata_first_month: bool
    valid_from: date
    valid_to: date
    project_name: str
    project_number: str
    duty_hours: tuple[DutyHours, ...] = ()
    carry_over: bool = False
    project_role: str = ""
    engagement_form: str = ""
    hourly_rate_grosze: int | None = None

    @property
    def terms(self) -> ContractTerms:
        return ContractTerms(
            self.monthly_minutes,
            self.valid_from,
            self.valid_to,
            self.pro_rata_first_month,
            self.project_minutes,
            self.carry_over,
        )

    @property
    def kind_label(self) -> str:
        return self.kind.label

    @property
    def label(self) -> str:
        """ "Nr 12/2025 — Anna Nowak (konsultacje psychologiczne)" for pickers."""
        return _("{number} — {provider} ({kind})").format(
            number=self.number, provider=self.provider_name, kind=self.kind_label.lower()
        )

    @property
    def validity_label(self) -> str:
        return f"{format_date(self.valid_from)} – {format_date(self.valid_to)}"

    def covers(self, day: date) -> bool:
        return self.valid_from <= day <= self.valid_to


# --- sessions -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ParticipantInput:
    staff_id: StaffId
    consent: bool = False


@dataclass(frozen=True)
class SessionInput:
    contract_id: ContractId
    day: date
    start: time
    minutes: int
    form: SessionForm
    client_ids: tuple[int, ...] = ()
    participants: tuple[ParticipantInput, ...] = ()
    note: str | None = None  # None: leave the private note as it is; "": remove it
    task_done: str | None = None  # printed on the sheet; None: leave it as it is
    project_task: str | None = None  # the project's task; None: leave it as it is


@dataclass(frozen=True)
class ManagerApproval:
    """The manager's confirmation of a session over the budget.

    When the logged-in person is a manager, ``login`` and ``password`` stay empty: their own
    login is the proof. Otherwise the manager types their login and password on the spot
    (checked like a login: wrong passwords count towards the account's lock-out).
    """

    reason: str
    login: str = ""
    password: str = ""


@dataclass(frozen=True)
class SessionClientRef:
    client_id: ClientId
    code: str
    name: str = ""  # only in the psychologist's own view

    @property
    def display(self) -> str:
        return f"{self.name} ({self.code})" if self.name else self.code


@dataclass(frozen=True)
class ParticipantRecord:
    staff_id: StaffId
    full_name: str
    consent: bool


@dataclass(frozen=True)
class SessionRecord:
    id: SessionId
    contract_id: ContractId
    contract_number: str
    kind: ContractKind
    day: date
    start: time
    minutes: int
    form: SessionForm
    state: SessionState
    clients: tuple[SessionClientRef, ...] = ()
    participants: tuple[ParticipantRecord, ...] = ()
    over_budget_approved_by: str = ""
    over_budget_reason: str = ""
    booked_from_visit_id: VisitId | None = None
    note: str | None = None  # only for the note's author, only in ``session()``
    has_own_note: bool = False  # the reader wrote a private note for this session
    task_done: str = ""  # what was done, as printed on the sheet (never the note)
    project_task: str = ""  # the project's task it belongs to

    @property
    def end(self) -> time:
        moment = datetime.combine(self.day, self.start) + timedelta(minutes=self.minutes)
        return moment.time()

    @property
    def time_label(self) -> str:
        return f"{self.start:%H:%M}–{self.end:%H:%M}"

    @property
    def people_label(self) -> str:
        if self.kind is ContractKind.SUPERVISION:
            return ", ".join(p.full_name for p in self.participants)
        return ", ".join(c.display for c in self.clients)

    @property
    def client_codes(self) -> str:
        return ", ".join(c.code for c in self.clients)

    @property
    def approved_over_budget(self) -> bool:
        return bool(self.over_budget_approved_by)


class BudgetExceeded(Conflict):
    """The session would take the month (or the project) over its budget: the UI asks for the
    manager's confirmation and calls again with a :class:`ManagerApproval`."""

    def __init__(self, check: BudgetCheck):
        self.check = check
        month = check.month_after
        if check.exceeds_month:
            message = _(
                "This session exceeds the month's budget: {used} of {budget} used, the session "
                "lasts {minutes} (over by {over}). The manager must confirm it and give a reason."
            ).format(
                used=format_hours(check.month_before.used),
                budget=format_hours(check.month_before.budget),
                minutes=format_hours(check.minutes),
                over=format_hours(month.exceeded_by),
            )
        else:
            project = check.project_after
            project_before = check.project_before
            assert project_before is not None, "raised only over the month's or project's budget"
            message = _(
                "This session exceeds the project's budget: {used} of {budget} used "
                "(over by {over}). The manager must confirm it and give a reason."
            ).format(
                used=format_hours(project_before.used),
                budget=format_hours(project_before.budget),
                over=format_hours(project.exceeded_by if project else 0),
            )
        super().__init__(message)


class BookingOverBudget(Conflict):
    """The booking would take the month's held and booked time over its budget: the UI
    asks whether to book anyway and calls again with ``over_budget_acknowledged``."""

    def __init__(self, check: BookingBudget):
        self.check = check
        before = check.before
        super().__init__(
            _(
                "With this booking the month's budget of {budget} is exceeded by {over}: "
                "{used} held and {planned} booked so far."
            ).format(
                budget=format_hours(before.budget),
                over=format_hours(check.over_by),
                used=format_hours(before.used),
                planned=format_hours(before.planned),
            )
        )


@dataclass(frozen=True)
class BudgetView:
    """What is always shown while entering a session of a contract in a month."""

    contract_id: ContractId
    month: Month
    month_budget: Budget  # held minutes of the month; planned = booked
    project: Budget  # held minutes from the start to the month's end vs the contracted total
    project_limited: bool  # the contract sets a project budget (else: sum of monthly budgets)


# --- calendar -----------------------------------------------------------------------------

SLOT_FREE = "free"


@dataclass(frozen=True)
class CalendarSlot:
    day: date
    start: time
    minutes: int
    status: str  # "free" or a SessionState value
    session_id: SessionId | None = None
    label: str = ""  # what the reader may see: client names (own view), codes, or nothing
    past: bool = False

    @property
    def free(self) -> bool:
        return self.status == SLOT_FREE

    @property
    def end(self) -> time:
        return (datetime.combine(self.day, self.start) + timedelta(minutes=self.minutes)).time()


@dataclass(frozen=True)
class WeekCalendar:
    contract_id: ContractId
    provider_name: str
    monday: date
    days: tuple[date, ...]
    slots: tuple[CalendarSlot, ...]
    duty_hours: tuple[DutyHours, ...] = ()


@dataclass(frozen=True)
class BookingInput:
    contract_id: ContractId
    day: date
    start: time
    minutes: int
    client_id: ClientId
    visit_id: VisitId | None = None
    form: SessionForm = SessionForm.INDIVIDUAL
    over_budget_acknowledged: bool = False  # booked although it exceeds the month's budget


@dataclass(frozen=True)
class BookingRecord:
    session_id: SessionId
    contract_id: ContractId
    provider_name: str
    day: date
    start: time
    minutes: int
    client_code: str
    state: SessionState
    visit_id: VisitId | None = None


# --- summaries ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodRow:
    """A month (key (year, month)), a quarter (key (year, quarter)) or the project (key ())."""

    key: tuple[int, ...]
    budget: Budget
    sessions: int = 0
    approved_over: int = 0
    # contracts with carry-over: unused minutes received from the month (or quarter) before,
    # and those passed on to the next one (domain.hours.carry_flow)
    carried_in: int = 0
    carried_out: int = 0

    @property
    def left(self) -> int:
        """The budget with what was carried in, less the held minutes (negative: over)."""
        return self.budget.budget + self.carried_in - self.budget.used


@dataclass(frozen=True)
class FormRow:
    form: SessionForm
    sessions: int
    minutes: int


@dataclass(frozen=True)
class WorkerRow:
    staff_id: StaffId
    full_name: str
    sessions: int
    minutes: int
    consents: int = 0


@dataclass(frozen=True)
class ContractSummary:
    contract: ContractRecord
    months: tuple[PeriodRow, ...]
    quarters: tuple[PeriodRow, ...]
    project: PeriodRow
    forms: tuple[FormRow, ...]
    workers: tuple[WorkerRow, ...] = ()  # supervision: hours per worker over the contract


@dataclass(frozen=True)
class ProjectRow:
    project_number: str
    project_name: str
    kind: ContractKind
    contracts: int
    budget: Budget
    sessions: int = 0


@dataclass(frozen=True)
class AttendanceRow:
    """One supervision session a worker attended (their own view)."""

    session_id: SessionId
    day: date
    start: time
    minutes: int
    form: SessionForm
    provider_name: str
    consent: bool


@dataclass(frozen=True)
class OwnSupervision:
    year: int
    rows: tuple[AttendanceRow, ...] = field(default_factory=tuple)

    @property
    def minutes(self) -> int:
        return sum(r.minutes for r in self.rows)


# --- printed sheets -----------------------------------------------------------------------


class ProjectOfContract:
    """The EU project a document is settled under: the contract's own, else the office's."""

    # fields of the dataclasses that take this in
    office: OfficeRecord
    contract: ContractRecord

    @property
    def project_name(self) -> str:
        return self.contract.project_name or self.office.project_name

    @property
    def project_number(self) -> str:
        return self.contract.project_number or self.office.project_number


@dataclass(frozen=True)
class SheetRow:
    """One held session on the hour sheet: when, how long (minutes), in what form, for which
    client *codes* (never names)."""

    day: date
    start: time
    end: time
    minutes: int
    form_label: str
    client_code: str  # codes joined with ", "; "" for supervision
    participants: int = 0  # supervision: how many workers took part
    task_done: str = ""  # what was done (the task performed)
    project_task: str = ""  # the project's task it belongs to
    over_budget: bool = False  # held over the budget with the manager's confirmation


@dataclass(frozen=True)
class HourSheetTotals:
    """The sums printed under the hour sheet's table, in minutes."""

    month_minutes: int
    monthly_budget_minutes: int
    project_used_minutes: int
    project_budget_minutes: int | None
    carried_minutes: int = 0  # unused minutes of earlier months carried into this one
    month_remaining_minutes: int = field(init=False)
    project_remaining_minutes: int | None = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(
            self,
            "month_remaining_minutes",
            self.monthly_budget_minutes + self.carried_minutes - self.month_minutes,
        )
        remaining = (
            None
            if self.project_budget_minutes is None
            else self.project_budget_minutes - self.project_used_minutes
        )
        object.__setattr__(self, "project_remaining_minutes", remaining)


# --- month approval ------------------------------------------------------------------------


class ApprovalState(enum.Enum):
    OPEN = "open"  # nothing submitted yet
    SUBMITTED = "submitted"  # the provider handed the month in
    RETURNED = "returned"  # the manager sent it back with a reason
    APPROVED = "approved"  # approved and locked
    REOPENED = "reopened"  # the manager opened an approved month again for a correction

    @property
    def label(self) -> str:
        return _(APPROVAL_LABELS[self])

    @property
    def locked(self) -> bool:
        return self is ApprovalState.APPROVED

    @property
    def waits_for_manager(self) -> bool:
        """Submitted or approved: the person cannot change the month."""
        return self in (ApprovalState.SUBMITTED, ApprovalState.APPROVED)


APPROVAL_LABELS = {
    ApprovalState.OPEN: N_("open for entry"),
    ApprovalState.SUBMITTED: N_("submitted for approval"),
    ApprovalState.RETURNED: N_("returned for correction"),
    ApprovalState.APPROVED: N_("approved, locked"),
    ApprovalState.REOPENED: N_("reopened for correction"),
}


@dataclass(frozen=True)
class MonthApprovalRecord:
    """Where a contract's month stands: who submitted it, who approved, returned or reopened it
    and when, the reason of a return or reopening, and how many corrections it had."""

    contract_id: ContractId
    month: Month
    state: ApprovalState = ApprovalState.OPEN
    submitted_by: str = ""
    submitted_at: datetime | None = None
    decided_by: str = ""  # who approved, returned or reopened it
    decided_at: datetime | None = None
    reason: str = ""
    corrections: int = 0  # how many times it was reopened after approval
    reopened_at: datetime | None = None
    other_project_minutes: int | None = None  # the person's hours in other projects

    @property
    def locked(self) -> bool:
        return self.state.locked

    @property
    def waits_for_manager(self) -> bool:
        return self.state.waits_for_manager

    @property
    def summary(self) -> str:
        """One line for a screen: the state, who and when, the reason."""
        text = self.state.label
        who = self.decided_by if self.state is not ApprovalState.SUBMITTED else self.submitted_by
        when = self.decided_at if self.state is not ApprovalState.SUBMITTED else self.submitted_at
        if who and when is not None and self.state is not ApprovalState.OPEN:
            text += f" — {who}, {format_date(when.date())} {when:%H:%M}"
        if self.reason and self.state in (ApprovalState.RETURNED, ApprovalState.REOPENED):
            text += f" ({self.reason})"
        if self.corrections:
            text += ", " + _("correction no. {number}").format(number=self.corrections)
        return text


@dataclass(frozen=True)
class HourSheet(ProjectOfContract):
    """A contract's month on the hour sheet (ewidencja godzin), built by ``hours.sheets`` and
    printed as it is by ``opsdesk.printing.hour_sheet``.

    ``project_used_minutes`` is the project's total to date, this month included.
    """

    office: OfficeRecord
    contract: ContractRecord
    month: Month
    rows: tuple[SheetRow, ...]
    monthly_budget_minutes: int
    project_used_minutes: int  # from the contract's start to the month's end, this included
    project_budget_minutes: int | None  # the contract's project limit, if it sets one
    manager_name: str
    prepared_by: str
    generated_at: datetime
    approval: MonthApprovalRecord | None = None  # where the month stands, when known
    carried_minutes: int = 0  # carried in from earlier months (contracts with carry-over)
    other_project_minutes: int | None = None  # the person's hours in other projects

    @property
    def provider_name(self) -> str:
        return self.contract.provider_name

    @property
    def kind_label(self) -> str:
        return self.contract.kind_label

    @property
    def supervision(self) -> bool:
        """A supervision sheet: its last column counts the workers instead of client codes."""
        return self.contract.kind is ContractKind.SUPERVISION

    def sessions(self) -> list[SheetRow]:
        """The rows (plain tuples accepted) in date and start order."""
        rows = [row if isinstance(row, SheetRow) else SheetRow(*row) for row in self.rows]
        return sorted(rows, key=lambda row: (row.day, row.start))

    @property
    def month_used_minutes(self) -> int:
        return sum(row.minutes for row in self.sessions())

    @property
    def amount_due_grosze(self) -> int | None:
        """Hours held times the contract's hourly rate, in grosze (half up), or None."""
        rate = self.contract.hourly_rate_grosze
        if rate is None:
            return None
        exact = Decimal(self.month_used_minutes) * rate / 60
        return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))

    @property
    def totals(self) -> HourSheetTotals:
        return HourSheetTotals(
            month_minutes=self.month_used_minutes,
            monthly_budget_minutes=self.monthly_budget_minutes,
            project_used_minutes=self.project_used_minutes,
            project_budget_minutes=self.project_budget_minutes,
            carried_minutes=self.carried_minutes,
        )


@dataclass(frozen=True)
class AttendanceSession:
    day: date
    start: time
    end: time
    minutes: int
    form_label: str
    participants: tuple[ParticipantRecord, ...]


@dataclass(frozen=True)
class AttendanceSheet:
    """A supervision contract's month on the attendance list (never any content)."""

    office: OfficeRecord
    contract: ContractRecord
    month: Month
    sessions: tuple[AttendanceSession, ...]
    manager_name: str
    prepared_by: str
    generated_at: datetime
    approval: MonthApprovalRecord | None = None  # where the month stands, when known


# --- exports -------------------------------------------------------------------------------


class ColumnKind(enum.Enum):
    """How an exported cell is typed: a spreadsheet gets real dates, times and numbers."""

    TEXT = "text"
    DATE = "date"
    TIME = "time"
    HOURS = "hours"  # minutes in the record, hours (a decimal number) in the file
    COUNT = "count"


@dataclass(frozen=True)
class ExportColumn:
    title: str
    kind: ColumnKind = ColumnKind.TEXT


@dataclass(frozen=True)
class ExportTable:
    """One list as a table: a header row of ``columns``, then ``rows`` (values typed by their
    column: ``date``, ``time``, minutes for hours, ``int``, ``str``), then ``totals`` if any."""

    name: str  # a worksheet's name (at most 31 characters)
    columns: tuple[ExportColumn, ...]
    rows: tuple[tuple[object, ...], ...]
    totals: tuple[object, ...] | None = None


@dataclass(frozen=True)
class HoursExport:
    """What an hours list or summary exports: its tables (the first is the main one) and who
    made it when; ``file_stem`` names the file ("sesje-3-PS-2026-2026-11")."""

    title: str
    file_stem: str
    made_by: str
    made_at: datetime
    tables: tuple[ExportTable, ...]


@dataclass(frozen=True)
class ContractMonthBudget:
    """A contract's month in the manager's overview: its budget with held and booked time
    (``budget.level`` is the alert: from 80 %, all of it, over it). ``budget.budget`` is what
    the month has available: its own budget plus ``carried_in``, the minutes carried in from
    the months before on a contract with carry-over."""

    contract: ContractRecord
    month: Month
    budget: Budget
    carried_in: int = 0
