"""An office with something to print: the hours office (a psychologist's and a supervisor's
contracts, the manager, the desk, workers, three clients) plus March 2026 sessions, open
benefits cases with overdue and upcoming deadlines, contacts at the desk with tickets, a
psychologist's appointment booked from the desk and a quiet-room booking.

Today is Monday 30.11.2026, 9:00 (the ``clock`` fixture). Import the fixture into a test
module: ``from report_office import reports_office``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

import pytest
from hours_office import HoursOffice, build_hours_office

from opsdesk.domain.hours import SessionForm
from opsdesk.domain.queue import Channel
from opsdesk.services.cases.records import CaseInput
from opsdesk.services.hours.records import BookingInput
from opsdesk.services.reception.desk import ContactInput
from opsdesk.services.reception.rooms import BookingInput as RoomInput

# (day in March 2026, start, minutes, client key, form): 13,75 h of the 15 h budget
MARCH_CONSULTATIONS = [
    (3, "12:00", 60, "lukasz", SessionForm.INDIVIDUAL),
    (3, "13:00", 90, "zofia", SessionForm.INDIVIDUAL),
    (5, "08:00", 60, "grazyna", SessionForm.CRISIS),
    (10, "12:00", 45, "lukasz", SessionForm.INDIVIDUAL),
    (12, "09:00", 120, "zofia", SessionForm.FAMILY),
    (17, "12:00", 60, "grazyna", SessionForm.INDIVIDUAL),
    (19, "08:00", 90, "lukasz", SessionForm.INDIVIDUAL),
    (24, "12:00", 60, "zofia", SessionForm.INDIVIDUAL),
    (24, "14:00", 60, "grazyna", SessionForm.INDIVIDUAL),
    (26, "10:00", 90, "lukasz", SessionForm.CRISIS),
    (31, "12:00", 50, "zofia", SessionForm.INDIVIDUAL),
]
MARCH_MINUTES = sum(minutes for _d, _s, minutes, _c, _f in MARCH_CONSULTATIONS)
# earlier months of the project: January 10 h, February 12 h
EARLIER = [((2026, 1), 10 * 60), ((2026, 2), 12 * 60)]


@dataclass
class ReportsOffice:
    hours: HoursOffice
    teams: dict[str, int]
    cases: dict[str, int] = field(default_factory=dict)  # key -> case id
    visits: dict[str, int] = field(default_factory=dict)  # key -> visit id

    def __getattr__(self, name):  # the hours office's people and contracts
        return getattr(self.hours, name)


def _record_month(h: HoursOffice, year: int, month: int, minutes: int) -> None:
    """``minutes`` of individual consultations with Łukasz, in 60-minute sessions."""
    day = 2
    while minutes > 0:
        length = min(60, minutes)
        h.psychologist.hours.record(h.consultation(date(year, month, day), "12:00", length))
        minutes -= length
        day += 1


def build_reports_office(h: HoursOffice) -> ReportsOffice:
    for (year, month), minutes in EARLIER:
        _record_month(h, year, month, minutes)
    for day, start, minutes, client, form in MARCH_CONSULTATIONS:
        h.psychologist.hours.record(
            h.consultation(
                date(2026, 3, day), start, minutes, client, form, note="Notatka prywatna."
            )
        )
    h.supervisor.hours.record(h.supervision_session(date(2026, 3, 11), "10:00", 120))
    h.supervisor.hours.record(
        h.supervision_session(
            date(2026, 3, 25),
            "10:00",
            90,
            people=(h.social_a,),
            form=SessionForm.SUPERVISION_INDIVIDUAL,
        )
    )

    teams = {t.kind: t.id for t in h.admin.teams.list()}
    office = ReportsOffice(h, teams)
    kinds = {k.code: k.id for k in h.manager.cases.kinds()}
    benefits = h.benefits_worker.actor.id
    plans = {
        # key: (client, kind, application date, urgent) — today is 30.11.2026
        "overdue": ("lukasz", "zasilek_okresowy", date(2026, 10, 1), False),
        "soon": ("zofia", "zasilek_celowy", date(2026, 11, 20), False),
        "urgent": ("grazyna", "zasilek_celowy", date(2026, 11, 27), True),
        "later": ("zofia", "posilek", date(2026, 11, 27), False),
    }
    for key, (client, kind, applied, urgent) in plans.items():
        office.cases[key] = h.manager.cases.create(
            CaseInput(
                client_id=h.clients[client].id,
                kind_id=kinds[kind],
                team_id=teams["benefits"],
                worker_id=benefits,
                application_date=applied,
                urgent=urgent,
                summary="Wniosek złożony osobiście; brak zaświadczenia o dochodach.",
            )
        ).id
    h.manager.case_notes.add(office.cases["overdue"], "Klient dostarczy zaświadczenie z ZUS.")

    purposes = {p.code: p.id for p in h.clerk.reception.purposes()}
    office.visits["first"] = h.clerk.reception.register(
        ContactInput(
            Channel.IN_PERSON, purposes["information"], visitor_label="pan w szarej kurtce"
        )
    ).id
    office.visits["lukasz"] = h.clerk.reception.register(
        ContactInput(
            Channel.IN_PERSON,
            purposes["benefit_application"],
            client_id=h.clients["lukasz"].id,
            note="Pyta o zasiłek celowy na opał.",
        )
    ).id
    office.visits["psych"] = h.clerk.reception.register(
        ContactInput(Channel.IN_PERSON, purposes["psychologist"], client_id=h.clients["grazyna"].id)
    ).id
    h.clerk.hours_calendar.book(
        BookingInput(
            h.psych.id,
            date(2026, 12, 1),
            time(12),
            60,
            h.clients["grazyna"].id,
            visit_id=office.visits["psych"],
        )
    )
    room = h.clerk.rooms.rooms()[0]
    h.clerk.rooms.book(
        RoomInput(
            room,
            datetime(2026, 11, 30, 11),
            datetime(2026, 11, 30, 12),
            h.social_a.actor.id,
            h.clients["lukasz"].id,
            "rozmowa w sprawie przemocy",
        )
    )
    return office


@pytest.fixture
def reports_office(office, make_person) -> ReportsOffice:
    return build_reports_office(build_hours_office(office, make_person))
