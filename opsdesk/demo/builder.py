"""Building the demo office: its rows in one transaction, once per database; then the cases
in motion (``case_flows``: a summons, appeals, a hand-off, a leave) through the services.

The database is marked with the setting ``demo_office``; building again finds the mark and
adds nothing. A database holding any other office is refused and never touched.
"""

from __future__ import annotations

import json
import logging
import time as clock
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from opsdesk.demo.case_flows import show_case_flows
from opsdesk.demo.cases import plan_cases, schedule_applications, write_cases
from opsdesk.demo.clients import create_clients
from opsdesk.demo.context import DemoContext, snapshot_for
from opsdesk.demo.hours import create_hours
from opsdesk.demo.organisation import (
    PasswordHashes,
    create_office,
    create_regions,
    create_staff,
)
from opsdesk.demo.rooms import create_room_bookings
from opsdesk.demo.rows import Rows
from opsdesk.demo.visits import Schedule, create_visits
from opsdesk.storage import indicator_counts
from opsdesk.storage.database import Database
from opsdesk.storage.models import (
    AuditEntry,
    Case,
    Client,
    Household,
    OfficeProfile,
    RoomBooking,
    Setting,
    Staff,
    TeamStatus,
    Visit,
)
from opsdesk.storage.models import (
    Session as SessionRow,
)

log = logging.getLogger("opsdesk.demo")

DEMO_MARKER = "demo_office"
DEMO_VERSION = 1


class ForeignOfficeError(Exception):
    """The database already holds an office that is not the demo: it is never touched."""

    def __init__(self, office_name: str):
        super().__init__(office_name)
        self.office_name = office_name


@dataclass(frozen=True)
class DemoSummary:
    office_name: str
    created: bool  # False: the demo office was already there
    built_on: date
    seconds: float
    staff: int
    clients: int
    households: int
    visits: int
    waiting_today: int
    cases: int
    open_cases: int
    sessions: int
    booked_sessions: int
    room_bookings: int


def build_demo_office(db: Database, now: datetime) -> DemoSummary:
    """Build the demo office as of ``now`` unless the database already holds it.

    Raises ForeignOfficeError if the database holds another office.
    """
    started = clock.perf_counter()
    with db.transaction() as session:
        marker = session.get(Setting, DEMO_MARKER)
        created = marker is None
        if created:
            _refuse_foreign(session)
            _build(session, now)
    if created:
        show_case_flows(db, now)
    with db.reading() as session:
        summary = _summary(session, created, clock.perf_counter() - started)
    log.info("demo office %s in %.2f s", "built" if created else "already present", summary.seconds)
    return summary


def _refuse_foreign(session: Session) -> None:
    name = session.scalar(select(OfficeProfile.name).limit(1))
    if (
        name is not None
        or session.scalar(select(Staff.id).limit(1)) is not None
        or session.scalar(select(Client.id).limit(1)) is not None
    ):
        raise ForeignOfficeError(name or "")


def _build(session: Session, now: datetime) -> None:
    hashes = PasswordHashes()
    try:
        ctx = DemoContext(today=now.date(), snapshot=snapshot_for(now), rows=Rows(session))
        _generate(session, ctx, now)
        hashes.fill(ctx.rows.of(Staff))
        ctx.rows.write()
    finally:
        hashes.close()
    indicator_counts.recount(session.connection())  # the rows went around the sessions
    session.add(
        Setting(
            key=DEMO_MARKER,
            value=json.dumps({"version": DEMO_VERSION, "built_on": ctx.today.isoformat()}),
        )
    )
    session.flush()


def _generate(session: Session, ctx: DemoContext, now: datetime) -> None:
    create_office(session, ctx)
    create_staff(ctx)
    rules = create_regions(ctx)
    create_clients(ctx, rules)
    plans = plan_cases(ctx)
    schedule = Schedule()
    schedule_applications(plans, schedule)
    create_hours(ctx, schedule)
    create_visits(ctx, schedule)
    write_cases(ctx, plans)
    create_room_bookings(ctx)
    ctx.rows.add(
        AuditEntry,
        at=now.replace(microsecond=0),
        actor_id=None,
        actor_login="",
        action="create",
        entity="office",
        entity_id=None,
        detail="demo office",
    )


def _summary(session: Session, created: bool, seconds: float) -> DemoSummary:
    def count(query) -> int:
        return session.scalar(query) or 0

    setting = session.get(Setting, DEMO_MARKER)
    assert setting is not None  # written when the demo office was built
    marker = json.loads(setting.value)
    built_on = date.fromisoformat(marker["built_on"])
    closing = select(TeamStatus.id).where(TeamStatus.closes_case.is_(True))
    return DemoSummary(
        office_name=session.scalar(select(OfficeProfile.name).limit(1)) or "",
        created=created,
        built_on=built_on,
        seconds=seconds,
        staff=count(select(func.count(Staff.id))),
        clients=count(select(func.count(Client.id))),
        households=count(select(func.count(Household.id))),
        visits=count(select(func.count(Visit.id))),
        waiting_today=count(
            select(func.count(Visit.id)).where(Visit.day == built_on, Visit.state == "waiting")
        ),
        cases=count(select(func.count(Case.id))),
        open_cases=count(select(func.count(Case.id)).where(Case.status_id.not_in(closing))),
        sessions=count(select(func.count(SessionRow.id))),
        booked_sessions=count(
            select(func.count(SessionRow.id)).where(SessionRow.state == "booked")
        ),
        room_bookings=count(
            select(func.count(RoomBooking.id)).where(RoomBooking.cancelled_at.is_(None))
        ),
    )
