"""Gathering everything stored about one client, for a GDPR access request (art. 15 RODO).

What is listed: identity and contact data, region and household; every contact at the desk
(with its note); every case with its history, suspensions, notes and the letters sent; the
psychologist's and other sessions the person took part in (date, form, who; a private note of
the psychologist is mentioned, its text stays with its author, docs/law.md); quiet-room
bookings; and from the audit log every entry about the person's file, cases, contacts,
sessions, bookings and letters: who, when, what they did.

Called by ``ReportService.gdpr_report`` inside its transaction (permission checked there).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime
from typing import Protocol

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session as DbSession

from opsdesk.domain.formatting import format_date
from opsdesk.domain.hours import SessionForm, SessionState
from opsdesk.domain.queue import Channel, Outcome, VisitState, format_ticket
from opsdesk.i18n import _
from opsdesk.services import audit
from opsdesk.services.cases.access import event_label
from opsdesk.services.clients.register import address_text
from opsdesk.services.office.records import OfficeRecord
from opsdesk.services.reports.records import (
    AccessRow,
    GdprCase,
    GdprEvent,
    GdprIdentity,
    GdprNote,
    GdprReport,
    GdprRoomBooking,
    GdprSession,
    GdprVisit,
    audit_action_label,
    signed_name,
)
from opsdesk.storage.models import (
    AuditEntry,
    BenefitKind,
    Case,
    CaseEvent,
    CaseLetter,
    CaseNote,
    CaseSuspension,
    Client,
    ContactPurpose,
    Contract,
    Region,
    RoomBooking,
    Session,
    SessionClient,
    SessionNote,
    Staff,
    Team,
    TeamStatus,
    Visit,
)


class _Labelled(Protocol):
    """A stored value's enum member (``Channel``, ``VisitState``, ``SessionForm``...)."""

    @property
    def label(self) -> str: ...


def _label(enum_type: Callable[[str], _Labelled], value: str | None) -> str:
    """The label of a stored enum value; the value itself if it is not one (kept as it was
    written by an older version), "" for none."""
    if not value:
        return ""
    try:
        return enum_type(value).label
    except ValueError:
        return value


class _Names:
    """Staff and team names, read once."""

    def __init__(self, session: DbSession):
        self.staff = {
            i: (n, login)
            for i, n, login in session.execute(select(Staff.id, Staff.full_name, Staff.login))
        }
        # looked up by a visit's or a case's team, which may be missing
        self.teams: dict[int | None, str] = dict(session.execute(select(Team.id, Team.name)).all())

    def person(self, staff_id: int | None) -> str:
        return self.staff.get(staff_id, ("", ""))[0] if staff_id is not None else ""


def _identity(session: DbSession, client: Client) -> GdprIdentity:
    region = (
        session.scalar(select(Region.name).where(Region.id == client.region_id))
        if client.region_id
        else None
    )
    household: tuple[tuple[str, str], ...] = ()
    if client.household_id:
        household = tuple(
            (f"{first} {last}", relation or "")
            for first, last, relation in session.execute(
                select(Client.first_name, Client.last_name, Client.household_relation)
                .where(
                    Client.household_id == client.household_id,
                    Client.id != client.id,
                    Client.anonymised_at.is_(None),
                )
                .order_by(Client.last_name, Client.first_name)
            )
        )
    return GdprIdentity(
        code=client.code,
        first_name=client.first_name,
        last_name=client.last_name,
        pesel=client.pesel or "",
        document_number=client.document_number or "",
        birth_date=client.birth_date,
        sex=client.sex,
        address=address_text(client),
        phone=client.phone,
        email=client.email,
        region_name=region or "",
        household=household,
        household_relation=client.household_relation or "",
        created_at=client.created_at,
        updated_at=client.updated_at,
    )


def _visits(session: DbSession, client_id: int, names: _Names) -> list[tuple[int, GdprVisit]]:
    purposes: dict[int | None, str] = dict(
        session.execute(select(ContactPurpose.id, ContactPurpose.name)).all()
    )
    rows = session.scalars(
        select(Visit).where(Visit.client_id == client_id).order_by(Visit.arrived_at, Visit.id)
    )
    return [
        (
            v.id,
            GdprVisit(
                arrived_at=v.arrived_at,
                channel_label=_label(Channel, v.channel),
                ticket=format_ticket(v.ticket_letter, v.ticket_seq),
                purpose_name=purposes.get(v.purpose_id, ""),
                team_name=names.teams.get(v.outcome_team_id or v.target_team_id, ""),
                worker_name=names.person(v.target_worker_id),
                state_label=_label(VisitState, v.state),
                outcome_label=_label(Outcome, v.outcome),
                note=v.note,
            ),
        )
        for v in rows
    ]


def _cases(
    session: DbSession,
    client_id: int,
    names: _Names,
    letter_ids: list[tuple[int, datetime]],
) -> tuple[list[tuple[int, GdprCase]], list[int]]:
    cases = list(
        session.scalars(
            select(Case).where(Case.client_id == client_id).order_by(Case.application_date, Case.id)
        )
    )
    ids = [c.id for c in cases]
    kinds = dict(session.execute(select(BenefitKind.id, BenefitKind.name)).all())
    statuses = dict(session.execute(select(TeamStatus.id, TeamStatus.name)).all())
    suspensions: dict[int, list[tuple[date, date | None, str]]] = defaultdict(list)
    events: dict[int, list[GdprEvent]] = defaultdict(list)
    notes: dict[int, list[GdprNote]] = defaultdict(list)
    letters: dict[int, list[tuple[datetime, str]]] = defaultdict(list)
    note_ids: list[int] = []
    if ids:
        for letter_id, case_id, printed_at, title in session.execute(
            select(CaseLetter.id, CaseLetter.case_id, CaseLetter.printed_at, CaseLetter.title)
            .where(CaseLetter.case_id.in_(ids))
            .order_by(CaseLetter.printed_at, CaseLetter.id)
        ):
            letters[case_id].append((printed_at, title))
            letter_ids.append((letter_id, printed_at))
        for s in session.scalars(
            select(CaseSuspension)
            .where(CaseSuspension.case_id.in_(ids))
            .order_by(CaseSuspension.starts_on)
        ):
            suspensions[s.case_id].append((s.starts_on, s.ends_on, s.reason))
        for e in session.scalars(
            select(CaseEvent).where(CaseEvent.case_id.in_(ids)).order_by(CaseEvent.at, CaseEvent.id)
        ):
            events[e.case_id].append(
                GdprEvent(
                    e.at,
                    names.person(e.actor_id),
                    event_label(e.kind),
                    e.from_value,
                    e.to_value,
                    e.reason,
                )
            )
        for n in session.scalars(
            select(CaseNote).where(CaseNote.case_id.in_(ids)).order_by(CaseNote.at, CaseNote.id)
        ):
            notes[n.case_id].append(GdprNote(n.at, names.person(n.author_id), n.text))
            note_ids.append(n.id)
    records = [
        (
            c.id,
            GdprCase(
                file_number=c.file_number,
                kind_name=kinds.get(c.kind_id, ""),
                team_name=names.teams.get(c.team_id, ""),
                worker_name=names.person(c.worker_id),
                status_name=statuses.get(c.status_id, ""),
                application_date=c.application_date,
                urgent=c.urgent,
                complex=c.complex,
                interview_date=c.interview_date,
                decision_date=c.decision_date,
                notice_new_date=c.notice_new_date,
                summary=c.summary,
                outcome=c.outcome,
                created_at=c.created_at,
                closed_at=c.closed_at,
                suspensions=tuple(suspensions[c.id]),
                events=tuple(events[c.id]),
                notes=tuple(notes[c.id]),
                letters=tuple(letters[c.id]),
            ),
        )
        for c in cases
    ]
    return records, note_ids


def _sessions(session: DbSession, client_id: int) -> list[tuple[int, GdprSession]]:
    rows = session.execute(
        select(
            Session.id,
            Session.day,
            Session.start,
            Session.minutes,
            Session.form,
            Session.state,
            Contract.provider_name,
            Contract.number,
        )
        .join(SessionClient, SessionClient.session_id == Session.id)
        .join(Contract, Contract.id == Session.contract_id)
        .where(SessionClient.client_id == client_id)
        .order_by(Session.day, Session.start)
    ).all()
    with_note = (
        set(
            session.scalars(
                select(SessionNote.session_id).where(
                    SessionNote.session_id.in_([r[0] for r in rows])
                )
            )
        )
        if rows
        else set()
    )
    return [
        (
            sid,
            GdprSession(
                day,
                start,
                minutes,
                _label(SessionForm, form),
                _label(SessionState, state),
                provider,
                number,
                sid in with_note,
            ),
        )
        for sid, day, start, minutes, form, state, provider, number in rows
    ]


def _bookings(
    session: DbSession, client_id: int, names: _Names
) -> list[tuple[int, GdprRoomBooking]]:
    rows = session.scalars(
        select(RoomBooking)
        .where(RoomBooking.client_id == client_id)
        .order_by(RoomBooking.starts_at)
    )
    return [
        (
            b.id,
            GdprRoomBooking(
                b.starts_at,
                b.ends_at,
                b.room,
                names.person(b.worker_id),
                b.cancelled_at is not None,
                b.note,
            ),
        )
        for b in rows
    ]


def _access(
    session: DbSession, subjects: dict[tuple[str, int], str], names: _Names
) -> tuple[AccessRow, ...]:
    """Audit entries about any of ``subjects`` ((entity, id) -> what it is), oldest first."""
    by_entity: dict[str, list[int]] = defaultdict(list)
    for entity, entity_id in subjects:
        by_entity[entity].append(entity_id)
    conditions = [
        and_(AuditEntry.entity == entity, AuditEntry.entity_id.in_(ids))
        for entity, ids in by_entity.items()
    ]
    rows = session.execute(
        select(
            AuditEntry.at,
            AuditEntry.actor_id,
            AuditEntry.actor_login,
            AuditEntry.action,
            AuditEntry.entity,
            AuditEntry.entity_id,
            AuditEntry.detail,
        )
        .where(or_(*conditions))
        .order_by(AuditEntry.at, AuditEntry.id)
    ).all()
    access = []
    for at, actor_id, login, action, entity, row_id, detail in rows:
        assert row_id is not None  # matched by its id above
        name = names.staff.get(actor_id, ("", ""))[0] if actor_id is not None else ""
        subject = subjects[(entity, row_id)]
        if entity == "client" and detail == "GDPR report":
            subject = _("the client's file (this data report)")
        access.append(
            AccessRow(at, signed_name(name, login), action, audit_action_label(action), subject)
        )
    return tuple(access)


def _lists(session: DbSession, client_id: int) -> list[AccessRow]:
    """Lists that showed the person or their cases (a search, the desk's log, a queue, a
    board page …): the same audit entries as "who saw this person's data" (``who_saw``)."""
    from opsdesk.services.reports.who_saw import gather_seen

    seen, _more = gather_seen(session, client_id)
    return [
        AccessRow(row.at, row.who, row.action, row.action_label, f"{row.subject} ({row.screen})")
        for row in seen
        if row.action == audit.LIST
    ]


def gather_gdpr_report(
    session: DbSession, client: Client, office: OfficeRecord, now: datetime, prepared_by: str
) -> GdprReport:
    """The report on ``client`` (the permission is checked by the caller)."""
    names = _Names(session)
    visits = _visits(session, client.id, names)
    letter_ids: list[tuple[int, datetime]] = []
    cases, note_ids = _cases(session, client.id, names, letter_ids)
    sessions = _sessions(session, client.id)
    bookings = _bookings(session, client.id, names)

    subjects: dict[tuple[str, int], str] = {("client", client.id): _("the client's file")}
    for visit_id, visit in visits:
        subjects[("visit", visit_id)] = _("contact of {date}").format(
            date=format_date(visit.arrived_at)
        )
    for case_id, case in cases:
        what = _("case {number}").format(number=case.file_number)
        subjects[("case", case_id)] = what
        subjects[("case_notes", case_id)] = _("notes of case {number}").format(
            number=case.file_number
        )
        subjects[("case_link", case_id)] = what
    for note_id in note_ids:
        subjects[("case_note", note_id)] = _("a note of a case")
    for letter_id, printed_at in letter_ids:
        subjects[("case_letter", letter_id)] = _("letter of {date}").format(
            date=format_date(printed_at)
        )
    for session_id, row in sessions:
        subjects[("session", session_id)] = _("session of {date}").format(date=format_date(row.day))
    for booking_id, booking in bookings:
        subjects[("room_booking", booking_id)] = _("room booking of {date}").format(
            date=format_date(booking.starts_at)
        )

    return GdprReport(
        office=office,
        client_id=client.id,
        identity=_identity(session, client),
        visits=tuple(v for _id, v in visits),
        cases=tuple(c for _id, c in cases),
        sessions=tuple(s for _id, s in sessions),
        room_bookings=tuple(b for _id, b in bookings),
        # oldest first; at the same moment a list before the entries about one record, so
        # that this report's own entry stays the last
        access=tuple(
            sorted(
                (*_lists(session, client.id), *_access(session, subjects, names)),
                key=lambda row: row.at,
            )
        ),
        prepared_by=prepared_by,
        generated_at=now,
    )
