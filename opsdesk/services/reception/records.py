"""Plain records of the first-contact desk handed to the UI and printing (never live ORM
objects). Turning visit rows into them is ``reception.names``' job."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from opsdesk.domain.ids import ClientId, StaffId, TeamId, VisitId
from opsdesk.domain.presence import Presence
from opsdesk.domain.queue import RATINGS, Channel


@dataclass(frozen=True)
class PurposeRecord:
    id: int
    code: str
    name: str
    default_team_id: TeamId | None


@dataclass(frozen=True)
class QueueTeam:
    id: TeamId
    name: str
    kind: str
    letter: str


@dataclass(frozen=True)
class WorkerChoice:
    id: StaffId
    name: str
    workplace: str
    status: str = Presence.AVAILABLE.value  # today's (domain.presence.Presence)

    @property
    def available(self) -> bool:
        return self.status == Presence.AVAILABLE.value

    @property
    def label(self) -> str:
        """The name, and the status when not available ("Piotr Żak (przerwa)")."""
        if self.available:
            return self.name
        return f"{self.name} ({Presence(self.status).label.lower()})"


@dataclass(frozen=True)
class Route:
    """Where a contact goes: the team from the purpose, the worker from the client's region."""

    team_id: TeamId | None
    team_name: str
    worker_id: StaffId | None
    worker_name: str
    region_name: str
    explanation: str


@dataclass(frozen=True)
class VisitRecord:
    """One contact. ``id``, ``client_id`` and ``target_team_id`` are what opening a case from
    it needs (issue 5)."""

    id: VisitId
    day: date
    channel: str
    ticket: str
    purpose_id: int | None
    purpose_name: str
    client_id: ClientId | None
    person: str  # the client's name, the visitor's description or "anonymous"
    priority: int
    priority_reason: str
    target_team_id: TeamId | None
    target_team_name: str
    target_worker_id: StaffId | None
    target_worker_name: str
    routing_override_reason: str
    note: str
    state: str
    arrived_at: datetime
    called_at: datetime | None
    call_place: str
    called_by_name: str
    started_at: datetime | None
    finished_at: datetime | None
    outcome: str | None
    outcome_team_id: TeamId | None
    redirected_from_team_id: TeamId | None
    language: str = "pl"  # of the printed ticket
    recalls: int = 0  # how many times called again since the last call (queue views only)

    @property
    def channel_label(self) -> str:
        return Channel(self.channel).label


@dataclass(frozen=True)
class QueueView:
    """A team's queue today: people being served or called, then those waiting in order,
    those on hold (by arrival), those who did not come when called (latest first: a late
    person's "did not come" can be undone the same day) and those cancelled a few minutes
    ago (restorable within ``domain.queue.UNDO_MINUTES``)."""

    team: QueueTeam
    serving: tuple[VisitRecord, ...]
    waiting: tuple[VisitRecord, ...]
    finished_today: int
    held: tuple[VisitRecord, ...] = ()
    no_shows: tuple[VisitRecord, ...] = ()
    cancelled: tuple[VisitRecord, ...] = ()  # in the last minutes: they can be restored

    @property
    def rows(self) -> tuple[VisitRecord, ...]:
        """Everyone in the order the desk's table lists them."""
        return self.serving + self.waiting + self.held + self.no_shows + self.cancelled


@dataclass(frozen=True)
class DisplayCall:
    """A line of the waiting-room display. Deliberately nothing about the person."""

    ticket: str
    place: str
    called_at: datetime
    recalls: int = 0  # how many times this person was called again since the call
    language: str = "pl"  # the ticket's language (domain.queue.TICKET_LANGUAGES)


@dataclass(frozen=True)
class WorkerPresence:
    """A worker's status today (``domain.presence.Presence`` value) and since when."""

    staff_id: StaffId
    name: str
    team_id: TeamId | None
    team_name: str
    workplace: str
    status: str
    since: datetime | None

    @property
    def status_label(self) -> str:
        return Presence(self.status).label


@dataclass(frozen=True)
class ClosedPlace:
    """A line of the waiting-room display: a room or desk whose worker is not available.
    The place and the status only (no one's name)."""

    place: str
    status: str

    @property
    def status_label(self) -> str:
        return Presence(self.status).label


# --- the desk's statistics (services/reception/stats.py; printing/reception_xlsx.py) ------


@dataclass(frozen=True)
class CountRow:
    label: str
    count: int


class WithinTarget:
    """Waits of a queue with a waiting-time target: the share of them within it."""

    # fields of the dataclasses that take this in
    waits: int
    target_minutes: int | None
    within_target: int  # waits no longer than the target

    @property
    def within_target_share(self) -> float | None:
        return self.within_target / self.waits if self.waits and self.target_minutes else None


@dataclass(frozen=True)
class TeamTimes(WithinTarget):
    team_id: TeamId | None
    team_name: str
    waits: int
    wait_median: float | None  # minutes
    wait_p90: float | None
    services: int
    service_median: float | None
    service_p90: float | None
    finished: int
    no_shows: int
    target_minutes: int | None = None  # the queue's waiting-time target
    within_target: int = 0  # waits no longer than the target


@dataclass(frozen=True)
class DayWaits(WithinTarget):
    """One team's waits on one day of the period (the export's daily sheet)."""

    day: date
    team_name: str
    waits: int
    wait_median: float | None
    wait_p90: float | None
    target_minutes: int | None
    within_target: int


@dataclass(frozen=True)
class WorkerWaits(WithinTarget):
    """The waits ended by one worker's calls in one team's queue, over the period (``day``
    None) or on one day: how many were within the queue's target."""

    day: date | None
    worker_name: str
    team_name: str
    waits: int
    wait_median: float | None
    target_minutes: int | None
    within_target: int


@dataclass(frozen=True)
class ReceptionStats:
    first_day: date
    last_day: date
    title: str
    contacts: int
    by_channel: tuple[CountRow, ...]
    by_purpose: tuple[CountRow, ...]
    teams: tuple[TeamTimes, ...]
    finished_at_first_contact: int
    ended: int
    referrals: tuple[CountRow, ...]
    no_shows: int
    series_title: str
    series: tuple[CountRow, ...]  # contacts per hour (a day) or per day (a month)
    daily: tuple[DayWaits, ...] = ()
    ratings: tuple[int, ...] = (0, 0, 0, 0, 0)  # how many answered 1, 2, 3, 4, 5
    workers: tuple[WorkerWaits, ...] = ()  # per worker (and team) over the period
    worker_days: tuple[WorkerWaits, ...] = ()  # per worker (and team) and day

    @property
    def first_contact_share(self) -> float | None:
        return self.finished_at_first_contact / self.ended if self.ended else None

    @property
    def rated(self) -> int:
        return sum(self.ratings)

    @property
    def rating_average(self) -> float | None:
        if not self.rated:
            return None
        return sum(r * n for r, n in zip(RATINGS, self.ratings, strict=True)) / self.rated
