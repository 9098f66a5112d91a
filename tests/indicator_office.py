"""A small office with known indicators: September, October and November 2026 at the desk, in
the benefits team's cases and in the psychologist's hours, written straight into the
database so every minute and every date is exactly as the hand computations below assume.

Today is Monday 30.11.2026, 9:00 (the ``clock`` fixture). 11.11.2026 (Wednesday) is a
statutory holiday: the week of 9–13 November is the "holiday week" that moves deadlines.

The desk (times of arrival, call … in the comments):

- September: one visit (15.09, waited 7 minutes);
- October: a visit in person (waited 6) and an e-mail, both settled at the desk by Anna;
- November: seven contacts —
  V1 02.11 in person, information, waited 4, settled by Anna;
  V2 02.11 in person, application, benefits team, waited 20, served by Beata;
  V3 03.11 in person, information, waited 10 at the desk, redirected to benefits, waited 30
     there, served by Celina (who has left since);
  V4 12.11 phone, information, settled by Anna;
  V5 13.11 letter, application, sent on to the benefits team by Anna;
  V6 30.11 in person, information, still waiting (arrived 8:55, never called);
  V7 16.11 in person, complaint, waited 15, did not come to the call.

Cases of the benefits team (periodic allowance, decided; social work, not decided):

- C1 applied 12.10 (Mon), interview 20.10, decision 12.11: due 12.11, on time; closed 12.11
- C2 applied 11.10 (Sun), interview 16.10, decision 13.11: due 11.11 is a holiday, so 12.11;
  one day late; closed 13.11
- C3 applied 02.11, Celina, interview 23.11: 14 working days skip 11.11, due 23.11, on time
- C4 applied 02.11, Beata, interview 24.11: one day late
- C5 applied 01.09, interview 08.09, suspended 10.09–19.09, decision 12.10: due 01.10 + 10
  days = 11.10 (Sunday), so 12.10: on time; closed 12.10
- C6 applied 15.09, Celina, interview 22.09, no decision, art. 36 notice of a new date
  20.11: decision due 15.10, overdue (16 days at the end of October, 46 at the end of
  November)
- C7 social work applied 05.11, Beata, open
- C8 social work applied 01.10, Beata, closed 20.11
- C9 periodic allowance applied 25.11, nobody assigned, open

Hours: the psychologist's contract 1/PS/2026 (15 h a month, 2026) held 60 + 90 minutes in
November (a cancelled and a booked session do not count) and 120 in October; the supervision
contract 2/SU/2026 (8 h a month) starts on 16.11 with a pro-rata first month: 15/30 of 8 h.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

import pytest
from sqlalchemy import select

from opsdesk.domain.roles import Role
from opsdesk.storage.models import (
    BenefitKind,
    Case,
    CaseSuspension,
    Client,
    ContactPurpose,
    Contract,
    Session,
    Team,
    TeamStatus,
    Visit,
    VisitEvent,
)

NOW = datetime(2026, 11, 30, 9, 0)


@dataclass
class IndicatorOffice:
    manager: object  # Services as the manager
    clerk: object  # Services as the desk's clerk
    staff: dict[str, int] = field(default_factory=dict)  # anna, beata, celina
    teams: dict[str, int] = field(default_factory=dict)  # team kind -> id
    team_names: dict[str, str] = field(default_factory=dict)
    cases: dict[str, int] = field(default_factory=dict)  # C1 … C9 -> id
    file_numbers: dict[str, str] = field(default_factory=dict)


def _at(day: date, hhmm: str) -> datetime:
    hour, minute = (int(part) for part in hhmm.split(":"))
    return datetime.combine(day, time(hour, minute))


def build_indicator_office(office, make_person) -> IndicatorOffice:
    clerk = make_person(Role.CLERK, "first_contact", "anna", "Anna Kowalczyk")
    beata = make_person(Role.SOCIAL_WORKER, "benefits", "beata", "Beata Michalska")
    celina = make_person(Role.SOCIAL_WORKER, "benefits", "celina", "Celina Nowak")
    manager = make_person(Role.MANAGER, None, "kierownik", "Elżbieta Wiśniewska")
    built = IndicatorOffice(manager=manager, clerk=clerk)
    built.staff = {"anna": clerk.actor.id, "beata": beata.actor.id, "celina": celina.actor.id}
    with office.db.transaction() as session:
        for team_id, kind, name in session.execute(select(Team.id, Team.kind, Team.name)):
            built.teams[kind] = team_id
            built.team_names[kind] = name
        purposes = dict(session.execute(select(ContactPurpose.code, ContactPurpose.id)).all())
        kinds = dict(session.execute(select(BenefitKind.code, BenefitKind.id)).all())
        client = Client(
            first_name="Łukasz",
            last_name="Wójcik",
            search_key="wojcik lukasz",
            code="K-0001",
            created_at=_at(date(2026, 1, 5), "10:00"),
            updated_at=_at(date(2026, 1, 5), "10:00"),
        )
        session.add(client)
        session.flush()
        _visits(session, built, purposes)
        _cases(session, built, kinds, client.id)
        _hours(session)
    office.staff.set_active(built.staff["celina"], False)  # Celina has left the office
    return built


def _visits(session, built: IndicatorOffice, purposes: dict[str, int]) -> None:
    fc, ben = built.teams["first_contact"], built.teams["benefits"]
    anna, beata, celina = (built.staff[k] for k in ("anna", "beata", "celina"))
    seq = iter(range(1, 1000))

    def visit(
        day,
        arrived,
        purpose,
        team,
        *,
        channel="in_person",
        events=(),
        state="done",
        outcome=None,
        served_by=None,
        redirected_from=None,
        outcome_team=None,
    ):
        in_person = channel == "in_person"
        row = Visit(
            day=day,
            channel=channel,
            purpose_id=purposes[purpose],
            ticket_letter="I" if in_person else None,
            ticket_seq=next(seq) if in_person else None,
            target_team_id=team,
            state=state,
            arrived_at=_at(day, arrived),
            outcome=outcome,
            outcome_team_id=outcome_team,
            served_by_id=served_by,
            redirected_from_team_id=redirected_from,
        )
        session.add(row)
        session.flush()
        for action, hhmm, event_team in events:
            session.add(
                VisitEvent(visit_id=row.id, at=_at(day, hhmm), action=action, team_id=event_team)
            )

    def queue(team, steps):
        """Events written as "register 10:00, call 10:07", all in ``team``."""
        return [
            (action, hhmm, team) for action, hhmm in (step.split() for step in steps.split(", "))
        ]

    def settled(day, arrived, steps="", *, channel="in_person"):
        """Information given by Anna at the desk: in person after ``steps`` in its queue."""
        events = queue(fc, f"register {arrived}, {steps}") if steps else ()
        visit(
            day,
            arrived,
            "information",
            fc,
            channel=channel,
            events=events,
            outcome="information",
            served_by=anna,
        )

    # September: one visit
    settled(date(2026, 9, 15), "10:00", "call 10:07, finish 10:12")
    # October
    settled(date(2026, 10, 5), "09:00", "call 09:06, finish 09:10")
    settled(date(2026, 10, 6), "11:00", channel="email")
    # November
    nov = date(2026, 11, 2)
    settled(nov, "09:00", "call 09:04, start 09:05, finish 09:10")  # V1
    visit(  # V2
        nov,
        "09:10",
        "benefit_application",
        ben,
        events=queue(ben, "register 09:10, call 09:30, finish 09:50"),
        outcome="application",
        served_by=beata,
    )
    visit(  # V3
        date(2026, 11, 3),
        "10:00",
        "information",
        ben,
        events=queue(fc, "register 10:00, call 10:10, start 10:11")
        + queue(ben, "redirect 10:15, call 10:45, finish 11:00"),
        outcome="application",
        served_by=celina,
        redirected_from=fc,
    )
    settled(date(2026, 11, 12), "11:00", channel="phone")  # V4, in the holiday week
    visit(  # V5
        date(2026, 11, 13),
        "13:00",
        "benefit_application",
        fc,
        channel="letter",
        outcome="sent_to_team",
        outcome_team=ben,
        served_by=anna,
    )
    visit(  # V6: still waiting
        date(2026, 11, 30),
        "08:55",
        "information",
        fc,
        events=queue(fc, "register 08:55"),
        state="waiting",
    )
    visit(  # V7: did not come to the call
        date(2026, 11, 16),
        "12:00",
        "complaint",
        fc,
        events=queue(fc, "register 12:00, call 12:15, no_show 12:20"),
        state="no_show",
    )


def _cases(session, built: IndicatorOffice, kinds: dict[str, int], client_id: int) -> None:
    ben = built.teams["benefits"]
    statuses = dict(
        session.execute(
            select(TeamStatus.code, TeamStatus.id).where(TeamStatus.team_id == ben)
        ).all()
    )
    status = next(iter(statuses.values()))
    beata, celina = built.staff["beata"], built.staff["celina"]
    d = date

    def add(key, kind, applied, worker, **facts):
        closed = facts.pop("closed", None)
        seq = int(key[1:])
        case = Case(
            file_number=f"OPS.{seq}.2026",
            file_year=2026,
            file_seq=seq,
            client_id=client_id,
            kind_id=kinds[kind],
            team_id=ben,
            worker_id=worker,
            status_id=status,
            application_date=applied,
            closed_at=_at(closed, "12:00") if closed else None,
            created_at=_at(applied, "08:00"),
            updated_at=NOW,
            **facts,
        )
        session.add(case)
        session.flush()
        built.cases[key] = case.id
        built.file_numbers[key] = case.file_number
        return case

    periodic, social = "zasilek_okresowy", "praca_socjalna"
    add("C1", periodic, d(2026, 10, 12), beata, interview_date=d(2026, 10, 20),
        decision_date=d(2026, 11, 12), closed=d(2026, 11, 12))  # fmt: skip
    add("C2", periodic, d(2026, 10, 11), beata, interview_date=d(2026, 10, 16),
        decision_date=d(2026, 11, 13), closed=d(2026, 11, 13))  # fmt: skip
    add("C3", periodic, d(2026, 11, 2), celina, interview_date=d(2026, 11, 23))
    add("C4", periodic, d(2026, 11, 2), beata, interview_date=d(2026, 11, 24))
    c5 = add("C5", periodic, d(2026, 9, 1), beata, interview_date=d(2026, 9, 8),
             decision_date=d(2026, 10, 12), closed=d(2026, 10, 12))  # fmt: skip
    session.add(CaseSuspension(case_id=c5.id, starts_on=d(2026, 9, 10), ends_on=d(2026, 9, 19)))
    add("C6", periodic, d(2026, 9, 15), celina, interview_date=d(2026, 9, 22),
        notice_new_date=d(2026, 11, 20))  # fmt: skip
    add("C7", social, d(2026, 11, 5), beata)
    add("C8", social, d(2026, 10, 1), beata, closed=d(2026, 11, 20))
    add("C9", periodic, d(2026, 11, 25), None)


def _hours(session) -> None:
    psych = Contract(
        kind="psychology",
        number="1/PS/2026",
        provider_name="Małgorzata Zielińska",
        monthly_minutes=900,
        valid_from=date(2026, 1, 1),
        valid_to=date(2026, 12, 31),
        created_at=_at(date(2026, 1, 2), "08:00"),
    )
    supervision = Contract(
        kind="supervision",
        number="2/SU/2026",
        provider_name="Piotr Nowicki",
        monthly_minutes=480,
        pro_rata_first_month=True,
        valid_from=date(2026, 11, 16),
        valid_to=date(2027, 6, 30),
        created_at=_at(date(2026, 11, 2), "08:00"),
    )
    session.add_all([psych, supervision])
    session.flush()
    for day, minutes, state in (
        (date(2026, 10, 14), 120, "held"),
        (date(2026, 11, 10), 60, "held"),
        (date(2026, 11, 17), 90, "held"),
        (date(2026, 11, 20), 60, "cancelled"),
        (date(2026, 12, 1), 60, "booked"),
    ):
        session.add(
            Session(
                contract_id=psych.id,
                day=day,
                start=time(12, 0),
                minutes=minutes,
                form="individual",
                state=state,
                created_at=_at(date(2026, 10, 1), "08:00"),
            )
        )


@pytest.fixture
def indicator_office(office, make_person):
    return build_indicator_office(office, make_person)
