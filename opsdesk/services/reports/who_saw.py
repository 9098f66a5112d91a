"""Who saw this person's data: for one client, every occasion someone opened, printed,
exported, changed or was shown in a list the client's file, contacts, cases, sessions or room
bookings — when, who, on which screen (issue 19, item 5).

Two sources, both in the audit log: entries about one of the client's records
(``audit_entry.entity``/``entity_id``: the file, a case, a contact ...), and lists that showed
the client or one of their cases (``audit_shown`` rows of "list" entries: a search, the desk
log, a queue, a board page ...). The manager only (``Action.AUDIT_PERSON``): the report names
the client. Making it is itself recorded as a read of the client ("who saw report"), printing
it as a print, so the next report shows both.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session as DbSession

from opsdesk.domain.formatting import format_date
from opsdesk.domain.roles import Action
from opsdesk.errors import NotFound
from opsdesk.i18n import N_, _
from opsdesk.services import audit
from opsdesk.services.context import Service
from opsdesk.services.office.profile import OfficeService
from opsdesk.services.reports.records import (
    SeenRow,
    WhoSawReport,
    audit_action_label,
    signed_name,
)
from opsdesk.storage.models import (
    AuditEntry,
    AuditShown,
    Case,
    Client,
    RoomBooking,
    Session,
    SessionClient,
    Staff,
    Visit,
)
from opsdesk.storage.server_transaction import write_kept_now

MAX_ROWS = 5000
REPORT_DETAIL = "who saw report"  # the audit detail of making this report

# the screens lists are shown on (services' ``audit.shown`` calls)
LIST_SCREENS = {
    "client search": N_("client search"),
    "desk search": N_("client search at the first contact desk"),
    "address search": N_("search by address"),
    "desk log": N_("the desk's log of the day"),
    "queue": N_("queue"),
    "board": N_("team board"),
    "referrals": N_("where the client was sent"),
    "client's cases": N_("the client's cases"),
}

# fixed details of entries about one record: the screen or document they came from
DETAIL_SCREENS = {
    "GDPR report": N_("personal data report (GDPR)"),
    REPORT_DETAIL: N_("who saw this person's data"),
    "psychologist bookings": N_("psychologist bookings"),
    "referral slip": N_("referral slip"),
}

ENTITY_SCREENS = {
    "client": N_("client's file"),
    "case": N_("case"),
    "case_notes": N_("case notes"),
    "case_note": N_("case notes"),
    "case_link": N_("case"),
    "visit": N_("first contact desk"),
    "session": N_("psychologist's sessions"),
    "room_booking": N_("quiet room"),
}


def _subjects(session: DbSession, client_id: int) -> dict[tuple[str, int], str]:
    """(entity, id) -> which of the client's data it is."""
    subjects: dict[tuple[str, int], str] = {("client", client_id): _("the client's data")}
    for visit_id, arrived in session.execute(
        select(Visit.id, Visit.arrived_at).where(Visit.client_id == client_id)
    ):
        subjects[("visit", visit_id)] = _("contact of {date}").format(date=format_date(arrived))
    for case_id, number in session.execute(
        select(Case.id, Case.file_number).where(Case.client_id == client_id)
    ):
        what = _("case {number}").format(number=number)
        subjects[("case", case_id)] = what
        subjects[("case_link", case_id)] = what
        subjects[("case_notes", case_id)] = _("notes of case {number}").format(number=number)
    for session_id, day in session.execute(
        select(Session.id, Session.day)
        .join(SessionClient, SessionClient.session_id == Session.id)
        .where(SessionClient.client_id == client_id)
    ):
        subjects[("session", session_id)] = _("session of {date}").format(date=format_date(day))
    for booking_id, starts in session.execute(
        select(RoomBooking.id, RoomBooking.starts_at).where(RoomBooking.client_id == client_id)
    ):
        subjects[("room_booking", booking_id)] = _("room booking of {date}").format(
            date=format_date(starts)
        )
    return subjects


def _screen(entry_action: str, entity: str, detail: str) -> str:
    if entry_action == audit.LIST:
        screen, _sep, asked = detail.partition(": ")
        where = _(LIST_SCREENS[screen]) if screen in LIST_SCREENS else screen
        if screen in ("client search", "address search"):
            asked = asked.rsplit(" (", 1)[0]  # the search text, without the count
            return f"{where}: {asked}"
        return where
    if detail in DETAIL_SCREENS:
        return _(DETAIL_SCREENS[detail])
    return _(ENTITY_SCREENS[entity]) if entity in ENTITY_SCREENS else entity


def gather_seen(session: DbSession, client_id: int) -> tuple[list[SeenRow], bool]:
    """Every audit entry about the client's data, newest first (at most ``MAX_ROWS``), and
    whether there were more."""
    subjects = _subjects(session, client_id)
    by_entity: dict[str, list[int]] = defaultdict(list)
    for entity, entity_id in subjects:
        by_entity[entity].append(entity_id)
    about = [
        and_(
            AuditEntry.action != audit.LIST,
            AuditEntry.entity == entity,
            AuditEntry.entity_id.in_(ids),
        )
        for entity, ids in by_entity.items()
    ]
    listed_ids = {
        "client": [client_id],
        "case": by_entity.get("case", []),
    }
    listed = [
        and_(
            AuditEntry.action == audit.LIST,
            AuditEntry.entity == entity,
            AuditEntry.id.in_(select(AuditShown.entry_id).where(AuditShown.entity_id.in_(ids))),
        )
        for entity, ids in listed_ids.items()
        if ids
    ]
    rows = session.execute(
        select(
            AuditEntry.id,
            AuditEntry.at,
            AuditEntry.actor_login,
            Staff.full_name,
            AuditEntry.action,
            AuditEntry.entity,
            AuditEntry.entity_id,
            AuditEntry.detail,
        )
        .outerjoin(Staff, Staff.id == AuditEntry.actor_id)
        .where(or_(*about, *listed))
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(MAX_ROWS + 1)
    ).all()
    shown_cases: dict[int, list[int]] = defaultdict(list)
    case_ids = listed_ids["case"]
    list_entries = [r.id for r in rows if r.action == audit.LIST and r.entity == "case"]
    if case_ids and list_entries:
        for entry_id, case_id in session.execute(
            select(AuditShown.entry_id, AuditShown.entity_id).where(
                AuditShown.entry_id.in_(list_entries), AuditShown.entity_id.in_(case_ids)
            )
        ):
            shown_cases[entry_id].append(case_id)
    seen = []
    for row in rows[:MAX_ROWS]:
        if row.action == audit.LIST:
            if row.entity == "case":
                subject = ", ".join(
                    subjects[("case", i)] for i in sorted(shown_cases.get(row.id, []))
                )
            else:
                subject = subjects[("client", client_id)]
        else:
            subject = subjects.get((row.entity, row.entity_id), row.entity)
        seen.append(
            SeenRow(
                row.at,
                signed_name(row.full_name or "", row.actor_login),
                row.action,
                audit_action_label(row.action),
                _screen(row.action, row.entity, row.detail),
                subject,
            )
        )
    return seen, len(rows) > MAX_ROWS


class WhoSawService(Service):
    def report(self, client_id: int, *, printing: bool = False) -> WhoSawReport:
        """Who saw the client's data, when and where; recorded in the audit log as a read of
        the client (or a print, ``printing``) before it is gathered, so it lists itself."""
        actor = self.ctx.require(Action.AUDIT_PERSON)
        audit.written(self.ctx)  # the lists shown just before are in the report too
        with self.db.transaction() as session:
            client = session.get(Client, client_id) if _fits(client_id) else None
            if client is None:
                raise NotFound(_("This client does not exist."))
            audit.record(
                session,
                self.ctx,
                "print" if printing else "read",
                "client",
                client.id,
                REPORT_DETAIL,
            )
            write_kept_now(session)  # (on a server the entry would wait for the commit)
            rows, truncated = gather_seen(session, client.id)
            code, name = client.code, f"{client.first_name} {client.last_name}".strip()
            now = self.ctx.clock.now()
        return WhoSawReport(
            office=OfficeService(self.ctx).profile(),
            client_id=client_id,
            client_code=code,
            client_name=name,
            rows=tuple(rows),
            truncated=truncated,
            prepared_by=actor.full_name,
            generated_at=now,
        )


def _fits(value: object) -> bool:
    """A whole number a database id can be (larger ones find nothing)."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**31
