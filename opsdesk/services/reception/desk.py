"""The first-contact desk: registering a contact, routing it, and the day's ticket numbers.

Routing: the target team comes from the contact's purpose; the worker from the client's
region (street/locality -> region -> the region's benefits or social-work worker). The clerk
may override either, and must then say why. A person at the desk gets a ticket numbered
per day and team letter (``Ś-012``) from a counter row upserted in the same transaction
(docs/machine-facts.md); phone, e-mail, letter and ePUAP contacts are logged without one.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from opsdesk.domain.ids import ClientId, StaffId, TeamId, VisitId, optional_id
from opsdesk.domain.office_model import TeamKind
from opsdesk.domain.presence import Presence
from opsdesk.domain.queue import (
    DEFAULT_TICKET_LANGUAGE,
    PRIORITY_LEVEL,
    TICKET_LANGUAGES,
    Channel,
    Outcome,
    PriorityReason,
    QueueAction,
    VisitState,
    fallback_letter,
)
from opsdesk.domain.roles import Action
from opsdesk.errors import NotFound, ValidationError
from opsdesk.i18n import _
from opsdesk.services import audit
from opsdesk.services.clients.register import ClientInput, ClientService, ClientSummary
from opsdesk.services.context import Service, ServiceContext
from opsdesk.services.office.regions import region_for_address
from opsdesk.services.reception.names import Names, visit_records
from opsdesk.services.reception.presence import status_of
from opsdesk.services.reception.records import (
    PurposeRecord,
    QueueTeam,
    Route,
    VisitRecord,
    WorkerChoice,
)
from opsdesk.storage.counters import next_value
from opsdesk.storage.models import (
    Client,
    ContactPurpose,
    Region,
    RegionStreet,
    Staff,
    Team,
    Visit,
    VisitEvent,
)

log = logging.getLogger("opsdesk.reception")

MAX_NOTE = 1000
MAX_LABEL = 120
MAX_REASON = 300


@dataclass(frozen=True)
class ContactInput:
    channel: Channel
    purpose_id: int | None
    client_id: ClientId | None = None
    visitor_label: str = ""  # an anonymous person: how to recognise them, if anything
    priority_reason: str = ""  # a PriorityReason value, or "" for none
    team_id: TeamId | None = None  # None: as routed
    worker_id: StaffId | None = None  # None: as routed (unless no_worker)
    no_worker: bool = False  # the clerk chose "no particular worker"
    override_reason: str = ""
    note: str = ""
    outcome: Outcome | None = None  # a contact without a ticket: how it ended (default derived)
    language: str = DEFAULT_TICKET_LANGUAGE  # of the printed ticket: pl, uk or en


def ticket_letter(team: Team) -> str:
    return team.ticket_letter or fallback_letter(team.name)


def queue_team(team: Team) -> QueueTeam:
    return QueueTeam(TeamId(team.id), team.name, team.kind, ticket_letter(team))


def worker_for(
    session: Session, team: Team | None, client: Client | None, day: date | None = None
) -> tuple[StaffId | None, str]:
    """The region's worker of ``team``'s kind for ``client``, and the region's name; with
    ``day``, none when that worker is not available that day (on a break or away)."""
    worker, region_name = _region_worker(session, team, client, day)
    return (StaffId(worker.id) if worker else None), region_name


def _region_worker(
    session: Session, team: Team | None, client: Client | None, day: date | None = None
) -> tuple[Staff | None, str]:
    """:func:`worker_for`, with the worker as read (for a caller that reads on about them)."""
    if team is None or client is None:
        return None, ""
    region_id = client.region_id
    if region_id is None:
        region_id = region_for_address(session, client.locality, client.street, client.house_number)
    region = session.get(Region, region_id) if region_id is not None else None
    if region is None:
        return None, ""
    worker_id: StaffId | None = None
    if team.kind == TeamKind.BENEFITS:
        worker_id = optional_id(StaffId, region.benefits_worker_id)
    elif team.kind in (TeamKind.SOCIAL_WORK, TeamKind.SERVICES):
        worker_id = optional_id(StaffId, region.social_worker_id)
    worker = session.get(Staff, worker_id) if worker_id is not None else None
    if worker is None or not worker.active:
        return None, region.name
    if day is not None and status_of(session, StaffId(worker.id), day) is not Presence.AVAILABLE:
        return None, region.name
    return worker, region.name


def route_for(
    session: Session, purpose: ContactPurpose | None, client: Client | None, day: date
) -> Route:
    """The team from the purpose, the worker from the client's region; a region's worker
    who is not available ``day`` (on a break or away) is skipped: the person waits for
    anyone of the team, and the explanation says why."""
    return _routed(session, purpose, client, day)[0]


def _routed(
    session: Session, purpose: ContactPurpose | None, client: Client | None, day: date
) -> tuple[Route, tuple[Team | None, Staff | None]]:
    """:func:`route_for`, and the team and worker it read: a caller that checks them again
    keeps them, and finds them in the session without asking the database (the session
    holds an unchanged object only while something else does)."""
    team = (
        session.get(Team, purpose.default_team_id) if purpose and purpose.default_team_id else None
    )
    switched_off = team if team is not None and not team.active else None
    if switched_off is not None:
        team = None
    worker, region_name = _region_worker(session, team, client)
    worker_id = StaffId(worker.id) if worker else None
    status = status_of(session, worker_id, day)
    if worker is not None and status is not Presence.AVAILABLE:
        explanation = _(
            "{team}, from the purpose; {worker}, the worker of region {region}, is not "
            "available today ({status}): anyone of the team."
        ).format(
            team=team.name if team else "",
            worker=worker.full_name,
            region=region_name,
            status=status.label.lower(),
        )
        return Route(
            team_id=TeamId(team.id) if team else None,
            team_name=team.name if team else "",
            worker_id=None,
            worker_name="",
            region_name=region_name,
            explanation=explanation,
        ), (team, worker)
    if switched_off is not None:
        explanation = _(
            "The purpose's team \u201e{team}\u201d is switched off: choose the team."
        ).format(team=switched_off.name)
    elif team is None:
        explanation = _("This purpose has no team of its own: choose the team.")
    elif client is None:
        explanation = _("{team}, from the purpose; no client, so no region's worker.").format(
            team=team.name
        )
    elif not region_name:
        explanation = _(
            "{team}, from the purpose; the client's address is in no region: "
            "choose the worker if needed."
        ).format(team=team.name)
    elif worker is None:
        explanation = _(
            "{team}, from the purpose; region {region} has no worker of this team."
        ).format(team=team.name, region=region_name)
    else:
        explanation = _(
            "{team}, from the purpose; {worker}, the worker of region {region}."
        ).format(team=team.name, worker=worker.full_name, region=region_name)
    return Route(
        team_id=TeamId(team.id) if team else None,
        team_name=team.name if team else "",
        worker_id=worker_id,
        worker_name=worker.full_name if worker else "",
        region_name=region_name,
        explanation=explanation,
    ), (team, worker)


def add_event(
    session: Session, ctx: ServiceContext, visit: Visit, action: QueueAction, detail: str = ""
) -> None:
    session.add(
        VisitEvent(
            visit_id=visit.id,
            at=ctx.clock.now(),
            actor_id=ctx.actor.id if ctx.actor else None,
            action=action.value,
            detail=detail[:300],
            team_id=visit.target_team_id,
        )
    )


@dataclass(frozen=True)
class ContactCorrection:
    """A contact of today's log corrected at the desk; each field None: left as it is."""

    reason: str
    channel: Channel | str | None = None  # between channels without a ticket only
    purpose_id: int | None = None
    outcome: Outcome | str | None = None  # of a finished contact
    outcome_team_id: TeamId | None = None  # with "sent to a team"


class ReceptionService(Service):
    """Registering contacts at the desk (``Action.VISIT_REGISTER``)."""

    # --- lists for the form ----------------------------------------------------------------

    def purposes(self) -> list[PurposeRecord]:
        self.ctx.require(Action.VISIT_VIEW)
        query = (
            select(ContactPurpose)
            .where(ContactPurpose.active.is_(True))
            .order_by(ContactPurpose.position, ContactPurpose.id)
        )
        with self.db.reading() as session:
            return [
                PurposeRecord(p.id, p.code, p.name, optional_id(TeamId, p.default_team_id))
                for p in session.scalars(query)
            ]

    def lists_mark(self) -> int:
        """Differs from an earlier mark once a team or a contact purpose was added, changed,
        moved or switched off or on (Administracja): the desk's lists showing an older mark
        are out of date."""
        self.ctx.require(Action.VISIT_VIEW)
        with self.db.reading() as session:
            return audit.last_change(session, ("team", "purpose"))

    def teams(self) -> list[QueueTeam]:
        """Teams a contact can be sent to (active, not the external specialists)."""
        self.ctx.require(Action.VISIT_VIEW)
        query = select(Team).where(Team.active.is_(True), Team.kind != TeamKind.EXTERNAL.value)
        with self.db.reading() as session:
            return [queue_team(t) for t in session.scalars(query.order_by(Team.id))]

    def workers(self, team_id: TeamId | None = None) -> list[WorkerChoice]:
        """Active staff who can be a contact's worker (all, or one team's), each with
        today's status, so the desk sees who is available when choosing."""
        self.ctx.require(Action.VISIT_VIEW)
        query = select(Staff).where(Staff.active.is_(True), Staff.team_id.is_not(None))
        if team_id is not None:
            query = query.where(Staff.team_id == team_id)
        today = self.ctx.clock.today()
        with self.db.reading() as session:
            staff = sorted(session.scalars(query), key=lambda s: s.full_name.split()[-1:])
            return [
                WorkerChoice(
                    StaffId(s.id),
                    s.full_name,
                    s.workplace or "",
                    status_of(session, s.id, today).value,
                )
                for s in staff
            ]

    def search_clients(self, text: str, limit: int = 8) -> list[ClientSummary]:
        """As the clerk types: the start of a surname, first name, PESEL or street (then any
        other words); the exact surname with a matching first name first
        (``services.clients.desk_search``)."""
        from opsdesk.services.clients.desk_search import desk_search

        return desk_search(ClientService(self.ctx), text, limit)

    # --- routing and registration ----------------------------------------------------------

    def route(self, purpose_id: int | None, client_id: ClientId | None) -> Route:
        """The proposed team and worker for a purpose and client (shown before registering)."""
        self.ctx.require(Action.VISIT_VIEW)
        with self.db.reading() as session:
            purpose = session.get(ContactPurpose, purpose_id) if purpose_id else None
            client = session.get(Client, client_id) if client_id else None
            return route_for(session, purpose, client, self.ctx.clock.today())

    def quick_client(self, data: ClientInput, confirm_duplicate: bool = False) -> ClientSummary:
        """A new client registered at the desk; a street no region covers is refused (a typo
        more often than not) unless the clerk chose the region. A likely duplicate raises
        ``LikelyDuplicate`` unless confirmed."""
        self.ctx.require(Action.CLIENT_EDIT)
        if data.region_id is None and (data.street.strip() or data.locality.strip()):
            with self.db.reading() as session:
                has_regions = session.scalar(select(RegionStreet.id).limit(1)) is not None
                found = region_for_address(session, data.locality, data.street, data.house_number)
            if has_regions and found is None:
                place = " ".join(
                    p
                    for p in (data.street.strip(), data.house_number.strip(), data.locality.strip())
                    if p
                )
                raise ValidationError.single(
                    "street",
                    _(
                        "No region covers \u201e{place}\u201d. Check the street and locality, or "
                        "choose the region yourself."
                    ).format(place=place),
                )
        return ClientService(self.ctx).create(data, confirm_duplicate=confirm_duplicate)

    def _clean(
        self, session: Session, data: ContactInput
    ) -> tuple[Channel, ContactPurpose, Client | None, Team, StaffId | None, str]:
        errors: dict[str, str] = {}
        try:
            channel = Channel(data.channel)
        except ValueError:
            errors["channel"] = _("Choose how the person contacted the centre.")
            channel = None
        purpose = session.get(ContactPurpose, data.purpose_id) if data.purpose_id else None
        if purpose is None or not purpose.active:
            errors["purpose"] = _("Choose the purpose of the contact.")
        client = None
        if data.client_id is not None:
            client = session.get(Client, data.client_id)
            if client is None or client.anonymised_at is not None:
                errors["client"] = _("This client does not exist.")
                client = None
        if data.priority_reason:
            try:
                PriorityReason(data.priority_reason)
            except ValueError:
                errors["priority"] = _("Choose the reason for priority from the list.")
        if data.language not in TICKET_LANGUAGES:
            errors["language"] = _("Choose the language of the ticket from the list.")
        if len(data.note.strip()) > MAX_NOTE:
            errors["note"] = _("The note is too long (at most {n} characters).").format(n=MAX_NOTE)
        if len(data.visitor_label.strip()) > MAX_LABEL:
            errors["client"] = _("The description of the person is too long.")
        today = self.ctx.clock.today()
        route, _read = _routed(session, purpose, client, today)  # (kept: checked again below)
        team_id = data.team_id if data.team_id is not None else route.team_id
        team = session.get(Team, team_id) if team_id is not None else None
        if team is None or not team.active:
            errors["team"] = _("Choose the team the person is sent to.")
        if data.no_worker:
            worker_id = None
        elif data.worker_id is not None:
            worker_id = data.worker_id
        elif data.team_id is not None and data.team_id != route.team_id and team is not None:
            worker_id, _region = worker_for(session, team, client, today)  # the new team's
        else:
            worker_id = route.worker_id
        if worker_id is not None:
            worker = session.get(Staff, worker_id)
            if worker is None or not worker.active:
                errors["worker"] = _("This worker does not exist or no longer works here.")
        reason = data.override_reason.strip()
        overridden = team_id != route.team_id or worker_id != route.worker_id
        if overridden and route.team_id is not None and not reason:
            errors["override_reason"] = _("Say why the routing differs from the proposal.")
        if len(reason) > MAX_REASON:
            errors["override_reason"] = _("The reason is too long.")
        if data.outcome is not None and channel is not None and channel.gets_ticket:
            errors["outcome"] = _(
                "A person at the desk gets a ticket; the outcome is recorded when they are served."
            )
        if errors:
            raise ValidationError(errors)
        # without an error each of them was found above
        assert channel is not None and purpose is not None and team is not None
        return channel, purpose, client, team, worker_id, reason if overridden else ""

    def register(self, data: ContactInput) -> VisitRecord:
        """Record a contact; in person: a ticket and a place in the target team's queue."""
        actor = self.ctx.require(Action.VISIT_REGISTER)
        with self.db.transaction() as session:
            channel, purpose, client, team, worker_id, reason = self._clean(session, data)
            now = self.ctx.clock.now()
            day = now.date()
            visit = Visit(
                day=day,
                channel=channel.value,
                purpose_id=purpose.id,
                client_id=client.id if client else None,
                visitor_label="" if client else data.visitor_label.strip(),
                priority=PRIORITY_LEVEL if data.priority_reason else 0,
                priority_reason=data.priority_reason,
                target_team_id=team.id,
                target_worker_id=worker_id,
                routing_override_reason=reason,
                note=data.note.strip(),
                arrived_at=now,
                created_by_id=actor.id,
                language=data.language,
            )
            if channel.gets_ticket:
                letter = ticket_letter(team)
                visit.ticket_letter = letter
                visit.ticket_seq = next_value(session, f"ticket:{letter}", day.isoformat())
                visit.state = VisitState.WAITING.value
            else:
                outcome = data.outcome or (
                    Outcome.INFORMATION
                    if team.kind == TeamKind.FIRST_CONTACT
                    else Outcome.SENT_TO_TEAM
                )
                visit.state = VisitState.DONE.value
                visit.finished_at = now
                visit.served_by_id = actor.id
                visit.outcome = outcome.value
                visit.outcome_team_id = team.id if outcome.needs_team else None
            session.add(visit)
            session.flush()
            add_event(session, self.ctx, visit, QueueAction.REGISTER, reason)
            if visit.state == VisitState.DONE.value:
                add_event(session, self.ctx, visit, QueueAction.FINISH, visit.outcome or "")
            audit.record(session, self.ctx, "create", "visit", visit.id, channel.value)
            return visit_records([visit], Names(session))[0]

    def visit(self, visit_id: VisitId) -> VisitRecord:
        self.ctx.require(Action.VISIT_VIEW)
        with self.db.reading() as session:
            visit = session.get(Visit, visit_id)
            if visit is None:
                raise NotFound(_("This contact does not exist."))
            return visit_records([visit], Names(session))[0]

    def today(self) -> list[VisitRecord]:
        """Every contact registered today, latest first (the desk's log of the day)."""
        return self.contacts_on(self.ctx.clock.today())

    def contacts_on(self, day: date) -> list[VisitRecord]:
        """Every contact registered on ``day``, latest first: the desk's log of that day
        (a past day's, to print a referral slip again); a day after today is refused."""
        self.ctx.require(Action.VISIT_REGISTER)
        if not isinstance(day, date) or isinstance(day, datetime):
            raise ValidationError.single("day", _("Give the day as a date."))
        if day > self.ctx.clock.today():
            raise ValidationError.single("day", _("There are no contacts after today yet."))
        query = (
            select(Visit).where(Visit.day == day).order_by(Visit.arrived_at.desc(), Visit.id.desc())
        )
        with self.db.reading() as session:
            records = visit_records(list(session.scalars(query)), Names(session))
        audit.shown(self.ctx, "client", "desk log", day.isoformat(), (r.client_id for r in records))
        return records

    def correct(self, visit_id: VisitId, change: ContactCorrection) -> VisitRecord:
        """Correct a contact of today's log (how it came, its purpose, how it ended) with a
        reason. The reason stays in the visit's history; the audit entry keeps what each
        field was and became (codes and ids, never typed text), so the original is never
        lost. A ticket's channel stays "in person" and a contact without one never gets it."""
        self.ctx.require(Action.VISIT_REGISTER)
        reason = change.reason.strip() if isinstance(change.reason, str) else ""
        errors: dict[str, str] = {}
        if not reason:
            errors["reason"] = _("Say why the contact is corrected.")
        elif len(reason) > MAX_REASON:
            errors["reason"] = _("The reason is too long.")
        with self.db.transaction() as session:
            visit = session.get(Visit, visit_id, with_for_update=True)
            if visit is None or visit.day != self.ctx.clock.today():
                raise NotFound(_("This contact is not in today's log."))
            was = (visit.channel, visit.purpose_id, visit.outcome, visit.outcome_team_id)
            if change.channel is not None and change.channel != visit.channel:
                try:
                    channel = Channel(change.channel)
                except ValueError:
                    channel = None
                if channel is None:
                    errors["channel"] = _("Choose how the person contacted the centre.")
                elif channel.gets_ticket or visit.ticket_seq is not None:
                    errors["channel"] = _(
                        "A visit with a ticket stays in person; a contact without one cannot "
                        "become a visit with a ticket."
                    )
                else:
                    visit.channel = channel.value
            if change.purpose_id is not None and change.purpose_id != visit.purpose_id:
                purpose = session.get(ContactPurpose, change.purpose_id)
                if purpose is None or not purpose.active:
                    errors["purpose"] = _("Choose the purpose of the contact.")
                else:
                    visit.purpose_id = purpose.id
            if change.outcome is not None:
                try:
                    outcome: Outcome | None = Outcome(change.outcome)
                except ValueError:
                    outcome = None
                team = (
                    session.get(Team, change.outcome_team_id)
                    if change.outcome_team_id is not None
                    else None
                )
                if visit.state != VisitState.DONE.value:
                    errors["outcome"] = _("Only a finished contact has an outcome to correct.")
                elif outcome is None:
                    errors["outcome"] = _("Choose how the visit ended.")
                elif outcome.needs_team and (team is None or not team.active):
                    errors["outcome_team"] = _("Choose the team the person is sent to.")
                else:
                    visit.outcome = outcome.value
                    visit.outcome_team_id = team.id if outcome.needs_team and team else None
            now = (visit.channel, visit.purpose_id, visit.outcome, visit.outcome_team_id)
            if not errors and now == was:
                errors["reason"] = _("Nothing was changed.")
            if errors:
                raise ValidationError(errors)
            changed = "; ".join(
                f"{name}: {old} -> {new}"
                for name, old, new in zip(
                    ("channel", "purpose", "outcome", "outcome_team"), was, now, strict=True
                )
                if old != new
            )
            add_event(session, self.ctx, visit, QueueAction.CORRECT, reason)
            audit.record(session, self.ctx, QueueAction.CORRECT.value, "visit", visit.id, changed)
            session.flush()
            return visit_records([visit], Names(session))[0]
