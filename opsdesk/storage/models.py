"""SQLAlchemy 2 declarative models: every entity of the office (docs/data-model.md).

The schema is created and changed only by the Alembic migrations in
``opsdesk/storage/migrations``; a test checks that the migrations and these models agree.
Timestamps are local wall-clock time of the office (Europe/Warsaw), stored naive.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    Time,
    UniqueConstraint,
    event,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from opsdesk.domain.text import address_key, name_key

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection
    from sqlalchemy.orm import Mapper

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# --- people and organisation -------------------------------------------------------------


class Team(Base):
    __tablename__ = "team"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    # first_contact | benefits | social_work | services | external
    kind: Mapped[str] = mapped_column(String(20))
    ticket_letter: Mapped[str | None] = mapped_column(String(2))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class TeamStatus(Base):
    """One column of a team's board, in order."""

    __tablename__ = "team_status"
    __table_args__ = (
        UniqueConstraint("team_id", "position"),
        UniqueConstraint("team_id", "code"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(80))
    closes_case: Mapped[bool] = mapped_column(Boolean, default=False)


class Staff(Base):
    __tablename__ = "staff"
    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(60), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(200))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"))
    workplace: Mapped[str | None] = mapped_column(String(60))  # room or desk, e.g. "pokój 12"
    email: Mapped[str | None] = mapped_column(String(120))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class StaffPresence(Base):
    """A worker's status of the day (at the desk, on a break, away); a status set on an
    earlier day no longer counts: everyone starts the day available."""

    __tablename__ = "staff_presence"
    staff_id: Mapped[int] = mapped_column(
        ForeignKey("staff.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12))  # domain.presence.Presence
    since: Mapped[datetime] = mapped_column(DateTime)
    set_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))


class StaffRole(Base):
    __tablename__ = "staff_role"
    staff_id: Mapped[int] = mapped_column(
        ForeignKey("staff.id", ondelete="CASCADE"), primary_key=True
    )
    # clerk | social_worker | services_worker | psychologist | supervisor | manager | admin
    role: Mapped[str] = mapped_column(String(20), primary_key=True)


class Region(Base):
    __tablename__ = "region"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    benefits_worker_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    social_worker_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))


class RegionStreet(Base):
    """A locality, or one street of it, belonging to a region (optionally a number range)."""

    __tablename__ = "region_street"
    __table_args__ = (UniqueConstraint("locality", "street", "number_from"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id", ondelete="CASCADE"))
    locality: Mapped[str] = mapped_column(String(80))
    street: Mapped[str] = mapped_column(String(120), default="")  # "" = the whole locality
    number_from: Mapped[int] = mapped_column(Integer, default=0)
    number_to: Mapped[int | None] = mapped_column(Integer)


class OfficeProfile(Base):
    __tablename__ = "office_profile"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    street: Mapped[str] = mapped_column(String(200), default="")
    postal_code: Mapped[str] = mapped_column(String(6), default="")
    city: Mapped[str] = mapped_column(String(80), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(120), default="")
    project_name: Mapped[str] = mapped_column(String(300), default="")
    project_number: Mapped[str] = mapped_column(String(80), default="")
    logo_strip: Mapped[bytes | None] = mapped_column(LargeBinary)


class Setting(Base):
    """Office-wide configuration (thresholds, file-number pattern, retention ...), JSON values."""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Counter(Base):
    """Gap-free sequences (ticket numbers per day and letter, file numbers per year).

    Incremented with an upsert ... RETURNING in the same transaction as the record using it.
    """

    __tablename__ = "counter"
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    scope: Mapped[str] = mapped_column(String(20), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)


class BenefitKind(Base):
    """Kinds of benefits and services (administrator-editable list)."""

    __tablename__ = "benefit_kind"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    needs_decision: Mapped[bool] = mapped_column(Boolean)
    team_kind: Mapped[str] = mapped_column(String(20))  # which team usually runs it
    continuing: Mapped[bool] = mapped_column(Boolean, default=False)  # permanent help
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class ContactPurpose(Base):
    """Purposes of a contact at the desk (administrator-editable), with a default team."""

    __tablename__ = "contact_purpose"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    default_team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


# --- clients -------------------------------------------------------------------------------


class Household(Base):
    __tablename__ = "household"
    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Client(Base):
    __tablename__ = "client"
    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(120))
    pesel: Mapped[str | None] = mapped_column(String(11), unique=True)
    document_number: Mapped[str | None] = mapped_column(String(40))
    birth_date: Mapped[date | None] = mapped_column(Date)
    sex: Mapped[str | None] = mapped_column(String(1))
    locality: Mapped[str] = mapped_column(String(80), default="")
    street: Mapped[str] = mapped_column(String(120), default="")
    house_number: Mapped[str] = mapped_column(String(20), default="")
    flat_number: Mapped[str] = mapped_column(String(20), default="")
    postal_code: Mapped[str] = mapped_column(String(6), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(120), default="")
    region_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"))
    region_overridden: Mapped[bool] = mapped_column(Boolean, default=False)
    household_id: Mapped[int | None] = mapped_column(ForeignKey("household.id"))
    household_relation: Mapped[str | None] = mapped_column(String(40))
    # case- and accent-folded "last first pesel document" for search
    search_key: Mapped[str] = mapped_column(String(400), index=True)
    # folded "first last" and "street number locality": the desk's search finds a prefix of
    # either through its index (filled on insert, also by the demo's bulk INSERT, and kept
    # up to date by the ORM on each update)
    name_key: Mapped[str] = mapped_column(
        String(210), index=True, default=lambda c: _client_keys(c)[0]
    )
    address_key: Mapped[str] = mapped_column(
        String(230), index=True, default=lambda c: _client_keys(c)[1]
    )
    code: Mapped[str] = mapped_column(String(20), unique=True)  # stable pseudonymous code
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    anonymised_at: Mapped[datetime | None] = mapped_column(DateTime)


class _InsertContext(Protocol):
    """What a column default is given (SQLAlchemy's execution context, untyped there)."""

    def get_current_parameters(self) -> dict[str, Any]: ...


def _client_keys(context: _InsertContext) -> tuple[str, str]:
    values = context.get_current_parameters()
    return (
        name_key(values.get("first_name", ""), values.get("last_name", "")),
        address_key(
            values.get("street", ""), values.get("house_number", ""), values.get("locality", "")
        ),
    )


@event.listens_for(Client, "before_update")
def _refresh_client_keys(_mapper: Mapper[Client], _connection: Connection, client: Client) -> None:
    client.name_key = name_key(client.first_name, client.last_name)
    client.address_key = address_key(client.street, client.house_number, client.locality)


# --- reception -----------------------------------------------------------------------------


class Visit(Base):
    """A contact at the first-contact desk (in person, phone, e-mail, letter, ePUAP)."""

    __tablename__ = "visit"
    __table_args__ = (UniqueConstraint("day", "ticket_letter", "ticket_seq"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(String(12))  # in_person | phone | email | letter | epuap
    purpose_id: Mapped[int | None] = mapped_column(ForeignKey("contact_purpose.id"))
    client_id: Mapped[int | None] = mapped_column(ForeignKey("client.id"))
    visitor_label: Mapped[str] = mapped_column(String(120), default="")  # unregistered person
    ticket_letter: Mapped[str | None] = mapped_column(String(2))
    ticket_seq: Mapped[int | None] = mapped_column(Integer)
    priority: Mapped[int] = mapped_column(Integer, default=0)
    priority_reason: Mapped[str] = mapped_column(String(200), default="")
    target_team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"))
    target_worker_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    routing_override_reason: Mapped[str] = mapped_column(String(300), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    # waiting | called | in_service | done | no_show | cancelled
    state: Mapped[str] = mapped_column(String(12))
    arrived_at: Mapped[datetime] = mapped_column(DateTime)
    called_at: Mapped[datetime | None] = mapped_column(DateTime)
    called_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    call_place: Mapped[str] = mapped_column(String(60), default="")
    started_at: Mapped[datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    served_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    outcome: Mapped[str | None] = mapped_column(String(30))
    outcome_team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"))
    redirected_from_team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    # the language of the printed ticket, chosen with the person (domain.queue.TICKET_LANGUAGES)
    language: Mapped[str] = mapped_column(String(5), default="pl", server_default="pl")


# a team's waiting people in the order they are called (services/reception/queue.py,
# ``_waiting``): the head of the queue is the index's first entry, read without a sort — and a
# server keeps one plan for "call next" instead of planning it on every press
Index(
    "ix_visit_queue",
    Visit.day,
    Visit.target_team_id,
    Visit.state,
    Visit.priority.desc(),
    Visit.arrived_at,
    Visit.id,
)


class VisitRating(Base):
    """The person's answer to the one-question survey after a visit (1-5), nothing else."""

    __tablename__ = "visit_rating"
    visit_id: Mapped[int] = mapped_column(
        ForeignKey("visit.id", ondelete="CASCADE"), primary_key=True
    )
    rating: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(DateTime)


class VisitEvent(Base):
    """Every action on a visit: who, when, what."""

    __tablename__ = "visit_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    action: Mapped[str] = mapped_column(String(20))
    detail: Mapped[str] = mapped_column(String(300), default="")
    # the team whose queue the visit is in after this action (waiting/service time per team)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"))


class IndicatorCount(Base):
    """The day's contacts by channel, purpose, team, worker, hour, ended, settled and survey
    answer (``measure``, ``key``): kept with every desk write by ``storage.indicator_counts``
    for the indicators' overview."""

    __tablename__ = "indicator_count"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    measure: Mapped[str] = mapped_column(String(10), primary_key=True)
    key: Mapped[str] = mapped_column(String(20), primary_key=True)
    n: Mapped[int] = mapped_column(Integer)


class IndicatorWait(Base):
    """How many waits of the day's in-person visits lasted ``centiminutes`` (hundredths of a
    minute): kept with every desk write by ``storage.indicator_counts``."""

    __tablename__ = "indicator_wait"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    centiminutes: Mapped[int] = mapped_column(Integer, primary_key=True)
    n: Mapped[int] = mapped_column(Integer)


class RoomBooking(Base):
    __tablename__ = "room_booking"
    __table_args__ = (Index("ix_room_booking_room_start", "room", "starts_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    room: Mapped[str] = mapped_column(String(60))
    starts_at: Mapped[datetime] = mapped_column(DateTime)
    ends_at: Mapped[datetime] = mapped_column(DateTime)
    worker_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    client_id: Mapped[int | None] = mapped_column(ForeignKey("client.id"))
    note: Mapped[str] = mapped_column(String(300), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime)


# --- cases ---------------------------------------------------------------------------------


class Case(Base):
    __tablename__ = "case_file"
    __table_args__ = (
        UniqueConstraint("file_year", "file_seq"),
        # a column's cards in order; with the file number and client, a board's text filter
        # reads a column's numbers from the index alone (migration 0015)
        Index(
            "ix_case_board", "team_id", "status_id", "next_due", "id", "file_number", "client_id"
        ),
        # covers the caseload panel (open cases and overdue per worker) and "mine" filters
        Index("ix_case_caseload", "team_id", "status_id", "worker_id", "next_due"),
        # the search across boards (services/cases/search.py): by file number ("123" or
        # "123/2026" is the case of sequence 123), and the cases of the clients found, counted
        # and ordered by deadline per board without reading the cases themselves
        Index("ix_case_file_seq", "file_seq"),
        Index("ix_case_client_board", "client_id", "team_id", "status_id", "next_due"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    file_number: Mapped[str] = mapped_column(String(60), unique=True)
    file_year: Mapped[int] = mapped_column(Integer)
    file_seq: Mapped[int] = mapped_column(Integer)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"), index=True)
    kind_id: Mapped[int] = mapped_column(ForeignKey("benefit_kind.id"))
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id"))
    worker_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), index=True)
    status_id: Mapped[int] = mapped_column(ForeignKey("team_status.id"))
    application_date: Mapped[date] = mapped_column(Date)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    complex: Mapped[bool] = mapped_column(Boolean, default=False)
    interview_date: Mapped[date | None] = mapped_column(Date)
    decision_date: Mapped[date | None] = mapped_column(Date)
    decision_number: Mapped[str] = mapped_column(String(60), default="", server_default="")
    ending: Mapped[str | None] = mapped_column(String(20))  # domain.case_closing.ENDINGS
    notice_new_date: Mapped[date | None] = mapped_column(Date)  # KPA art. 36
    notice_reason: Mapped[str] = mapped_column(String(300), default="")
    # the decision's delivery to the party: the appeal period runs from it (KPA art. 129 § 2)
    decision_delivered_on: Mapped[date | None] = mapped_column(Date)
    next_due: Mapped[date | None] = mapped_column(Date)  # cached next deadline, for boards
    next_due_rule: Mapped[str | None] = mapped_column(String(30))
    opened_from_visit_id: Mapped[int | None] = mapped_column(ForeignKey("visit.id"))
    summary: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(String(300), default="")
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class CaseSuspension(Base):
    """A period during which the decision clock stops (KPA art. 35 § 5): a suspension of the
    proceedings (open until resumed), or the 7 days a summons gives the party to complete the
    application (``kind`` "summons", its last day known, waiting until ``settled_on``)."""

    __tablename__ = "case_suspension"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(300), default="")
    kind: Mapped[str] = mapped_column(String(20), default="suspension", server_default="suspension")
    letter_id: Mapped[int | None] = mapped_column(ForeignKey("case_letter.id", ondelete="SET NULL"))
    settled_on: Mapped[date | None] = mapped_column(Date)  # a summons answered (or given up)


class CaseEvent(Base):
    """Every change of a case: who, when, from, to, why."""

    __tablename__ = "case_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    kind: Mapped[str] = mapped_column(String(30))
    from_value: Mapped[str] = mapped_column(String(200), default="")
    to_value: Mapped[str] = mapped_column(String(200), default="")
    reason: Mapped[str] = mapped_column(String(500), default="")


class CaseNote(Base):
    """A note on a case: visible to the case's team and the manager, not to the desk."""

    __tablename__ = "case_note"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    text: Mapped[str] = mapped_column(Text)


class CaseLink(Base):
    """Linked cases of one family across teams (hand-off)."""

    __tablename__ = "case_link"
    case_id: Mapped[int] = mapped_column(
        ForeignKey("case_file.id", ondelete="CASCADE"), primary_key=True
    )
    linked_case_id: Mapped[int] = mapped_column(
        ForeignKey("case_file.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(30), default="handoff")


class CaseHandoff(Base):
    """A case handed to a team or a worker, waiting for them to accept it or send it back
    (services/cases/handoff.py). ``kind``: ``team`` (a linked case opened on another team's
    board; ``source_case_id`` is the sender's case), ``worker`` (the case given to another
    worker of its team), ``returned`` (a hand-off sent back, for the sender to take note).
    ``to_worker_id`` None: anyone of ``to_team_id``. ``state``: ``pending``, ``accepted``,
    ``returned`` or ``superseded`` (the case went elsewhere before an answer)."""

    __tablename__ = "case_handoff"
    __table_args__ = (Index("ix_case_handoff_inbox", "state", "to_team_id", "to_worker_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)
    source_case_id: Mapped[int | None] = mapped_column(
        ForeignKey("case_file.id", ondelete="SET NULL")
    )
    kind: Mapped[str] = mapped_column(String(12))
    from_team_id: Mapped[int] = mapped_column(ForeignKey("team.id"))
    from_worker_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    to_team_id: Mapped[int] = mapped_column(ForeignKey("team.id"))
    to_worker_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    sent_at: Mapped[datetime] = mapped_column(DateTime)
    sent_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    note: Mapped[str] = mapped_column(String(500), default="")
    state: Mapped[str] = mapped_column(String(12), default="pending")
    answered_at: Mapped[datetime | None] = mapped_column(DateTime)
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    answer: Mapped[str] = mapped_column(String(500), default="")


class StaffAbsence(Base):
    """A worker away (leave, sick leave, training) from ``starts_on`` to ``ends_on``
    inclusive: their open cases can be moved to others (services/cases/caseload.py) and new
    cases of their region are left for the team meanwhile."""

    __tablename__ = "staff_absence"
    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), index=True)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))


# --- letters ---------------------------------------------------------------------------------


class LetterTemplate(Base):
    """A letter the office prints from cases (domain/letters.py: its ``kind``); its text is
    in versions, the newest being the one printed."""

    __tablename__ = "letter_template"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))
    name: Mapped[str] = mapped_column(String(120), unique=True)
    shipped: Mapped[bool] = mapped_column(Boolean, default=False)  # opsdesk's own, restorable
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class LetterTemplateVersion(Base):
    """One saved text of a template; never changed (editing saves a new version)."""

    __tablename__ = "letter_template_version"
    __table_args__ = (UniqueConstraint("template_id", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("letter_template.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))


class CaseAppeal(Base):
    """An appeal (odwołanie) against the case's decision: lodged, forwarded to the appeals
    board (SKO) within 7 days (KPA art. 133), and how it ended (services/cases/appeals.py)."""

    __tablename__ = "case_appeal"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)
    lodged_on: Mapped[date] = mapped_column(Date)
    forwarded_on: Mapped[date | None] = mapped_column(Date)
    outcome: Mapped[str | None] = mapped_column(String(20))  # domain.appeals.OUTCOMES
    outcome_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)


class SavedCaseFilter(Base):
    """A search across boards a person saved under a name (services/cases/search.py); the
    query is JSON (its periods, such as "this week", are relative to the day it is run)."""

    __tablename__ = "saved_case_filter"
    __table_args__ = (UniqueConstraint("staff_id", "name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(80))
    query: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class CaseLetter(Base):
    """A letter printed from a case: the template's version and the values it was printed
    with (``content``, JSON), so it prints again exactly as it was."""

    __tablename__ = "case_letter"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)
    template_version_id: Mapped[int] = mapped_column(ForeignKey("letter_template_version.id"))
    kind: Mapped[str] = mapped_column(String(30))
    title: Mapped[str] = mapped_column(String(300), default="")
    content: Mapped[str] = mapped_column(Text)
    printed_at: Mapped[datetime] = mapped_column(DateTime)
    printed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))


# --- hours ---------------------------------------------------------------------------------


class Contract(Base):
    __tablename__ = "contract"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # psychology | supervision
    number: Mapped[str] = mapped_column(String(60))
    provider_name: Mapped[str] = mapped_column(String(120))
    provider_company: Mapped[str] = mapped_column(String(200), default="")
    provider_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    monthly_minutes: Mapped[int] = mapped_column(Integer)
    project_minutes: Mapped[int | None] = mapped_column(Integer)
    pro_rata_first_month: Mapped[bool] = mapped_column(Boolean, default=False)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date] = mapped_column(Date)
    project_name: Mapped[str] = mapped_column(String(300), default="")
    project_number: Mapped[str] = mapped_column(String(80), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # unused hours of a month move to the next month
    carry_over: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    project_role: Mapped[str] = mapped_column(String(120), default="", server_default="")
    engagement_form: Mapped[str] = mapped_column(String(120), default="", server_default="")
    hourly_rate_grosze: Mapped[int | None] = mapped_column(Integer)  # None: no rate


class Session(Base):
    """A consultation or supervision session (or a booked slot not yet held)."""

    __tablename__ = "session"
    __table_args__ = (Index("ix_session_contract_date", "contract_id", "day"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contract.id"))
    day: Mapped[date] = mapped_column(Date)
    start: Mapped[time] = mapped_column(Time)
    minutes: Mapped[int] = mapped_column(Integer)
    form: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(12))  # booked | held | no_show | cancelled
    over_budget_approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    over_budget_reason: Mapped[str] = mapped_column(String(300), default="")
    booked_from_visit_id: Mapped[int | None] = mapped_column(ForeignKey("visit.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    task_done: Mapped[str] = mapped_column(String(300), default="", server_default="")
    project_task: Mapped[str] = mapped_column(String(120), default="", server_default="")


class SessionClient(Base):
    __tablename__ = "session_client"
    session_id: Mapped[int] = mapped_column(
        ForeignKey("session.id", ondelete="CASCADE"), primary_key=True
    )
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"), primary_key=True)


class SessionParticipant(Base):
    """A social worker at a supervision session; written consent to share conclusions."""

    __tablename__ = "session_participant"
    session_id: Mapped[int] = mapped_column(
        ForeignKey("session.id", ondelete="CASCADE"), primary_key=True
    )
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), primary_key=True)
    consent: Mapped[bool] = mapped_column(Boolean, default=False)


class SessionNote(Base):
    """The psychologist's private note: readable only by its author."""

    __tablename__ = "session_note"
    session_id: Mapped[int] = mapped_column(
        ForeignKey("session.id", ondelete="CASCADE"), primary_key=True
    )
    author_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class ContractDutyHours(Base):
    """When the provider receives clients under a contract (a weekday's hours): the free slots
    of the calendar the first-contact desk books into."""

    __tablename__ = "contract_duty_hours"
    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(
        ForeignKey("contract.id", ondelete="CASCADE"), index=True
    )
    weekday: Mapped[int] = mapped_column(Integer)  # 0 = Monday
    start: Mapped[time] = mapped_column(Time)
    end: Mapped[time] = mapped_column(Time)
    slot_minutes: Mapped[int] = mapped_column(Integer, default=60)


class MonthApproval(Base):
    """A contract's month as the provider submitted it and the manager approved (locked),
    returned or reopened it. One row per contract and month; the audit log keeps every step."""

    __tablename__ = "month_approval"
    __table_args__ = (UniqueConstraint("contract_id", "year", "month"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contract.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(12))  # submitted | approved | returned | reopened
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    reason: Mapped[str] = mapped_column(String(300), default="")  # of a return or a reopening
    corrections: Mapped[int] = mapped_column(Integer, default=0)  # times reopened
    reopened_at: Mapped[datetime | None] = mapped_column(DateTime)
    # hours the person worked in other projects that month (the 276-hour declaration)
    other_project_minutes: Mapped[int | None] = mapped_column(Integer)


# --- safety --------------------------------------------------------------------------------


class AuditEntry(Base):
    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entity", "entity", "entity_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    actor_login: Mapped[str] = mapped_column(String(60), default="")
    action: Mapped[str] = mapped_column(String(30))  # read | create | update | ...
    entity: Mapped[str] = mapped_column(String(30))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str] = mapped_column(String(500), default="")


class AuditShown(Base):
    """Which records a list showed: one row per record of an audit entry with action "list"
    (a search, a queue, a board page), so "who saw this person" finds lists too."""

    __tablename__ = "audit_shown"
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("audit_entry.id", ondelete="CASCADE"), primary_key=True
    )
    entity_id: Mapped[int] = mapped_column(Integer, primary_key=True, index=True)


# The indicators (services/indicators/overview.py) read these from the index alone: the
# decisions and interviews made in a period, grouped by application day; each worker's cases
# new, closed and open in a period.
Index(
    "ix_case_decision_made",
    Case.decision_date,
    Case.application_date,
    Case.complex,
    Case.kind_id,
)
Index(
    "ix_case_interview_made",
    Case.interview_date,
    Case.application_date,
    Case.urgent,
    Case.kind_id,
)
Index(
    "ix_case_worker_load",
    Case.worker_id,
    Case.closed_at,
    Case.application_date,
)
# a period's histogram of waits summed from the index alone (the table's rows are not read)
Index(
    "ix_indicator_wait_cover",
    IndicatorWait.day,
    IndicatorWait.centiminutes,
    IndicatorWait.n,
)
