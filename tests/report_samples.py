"""Sample report records for the document tests (no database): a Gryfino office, a
psychologist's contract, deadlines, a supervision month, a client's data, a ticket."""

from __future__ import annotations

import datetime as dt

from opsdesk.domain.hours import Budget, ContractKind, SessionForm
from opsdesk.services.hours.records import (
    AttendanceSession,
    AttendanceSheet,
    ContractRecord,
    FormRow,
    ParticipantRecord,
    PeriodRow,
)
from opsdesk.services.office.records import OfficeRecord
from opsdesk.services.reports.records import (
    AccessRow,
    Appointment,
    DeadlineReport,
    DeadlineRow,
    GdprCase,
    GdprEvent,
    GdprIdentity,
    GdprNote,
    GdprReport,
    GdprRoomBooking,
    GdprSession,
    GdprVisit,
    HoursPeriodReport,
    ReferralSlip,
    TicketSlip,
)

D, T, DT = dt.date, dt.time, dt.datetime
MADE = DT(2026, 4, 2, 10, 30)
OFFICE = OfficeRecord(
    "Ośrodek Pomocy Społecznej w Gryfinie",
    "ul. Łużycka 50",
    "74-100",
    "Gryfino",
    "91 416 20 05",
    "ops@gryfino.pl",
    "Wdrożenie usprawnień organizacyjnych w OPS w Gryfinie",
    "POWR.02.05.00-00-0117/16",
    None,
)


def contract(kind: ContractKind = ContractKind.PSYCHOLOGY, **changes) -> ContractRecord:
    values = dict(
        id=3,
        kind=kind,
        number="3/PS/2026",
        provider_staff_id=7,
        provider_name="Małgorzata Zielińska",
        provider_company="Gabinet „Równowaga”",
        monthly_minutes=15 * 60,
        project_minutes=None,
        pro_rata_first_month=False,
        valid_from=D(2026, 1, 1),
        valid_to=D(2026, 12, 31),
        project_name="",
        project_number="",
    )
    values.update(changes)
    return ContractRecord(**values)


# --- hours over months ----------------------------------------------------------------------


def month_rows(used: list[int], year: int = 2026, budget: int = 15 * 60) -> tuple[PeriodRow, ...]:
    return tuple(
        PeriodRow((year, n), Budget(budget, minutes), minutes // 60, 0)
        for n, minutes in enumerate(used, start=1)
    )


def hours_period(
    scope: str = "project", used: list[int] | None = None, **changes
) -> HoursPeriodReport:
    used = used if used is not None else [600, 720, 825, 900, 540, 780, 0, 300, 870, 900, 660, 480]
    months = month_rows(used)
    quarters = tuple(
        PeriodRow(
            (2026, q),
            Budget(3 * 900, sum(used[3 * (q - 1) : 3 * q])),
            sum(r.sessions for r in months[3 * (q - 1) : 3 * q]),
        )
        for q in range(1, 1 + (len(used) + 2) // 3)
    )
    values = dict(
        office=OFFICE,
        contract=contract(),
        scope=scope,
        first=months[0].key,
        last=months[-1].key,
        months=months,
        quarters=quarters,
        project=PeriodRow((), Budget(180 * 60, sum(used)), sum(r.sessions for r in months)),
        project_to_last=sum(used),
        forms=(FormRow(SessionForm.INDIVIDUAL, 60, 6000), FormRow(SessionForm.FAMILY, 5, 575)),
        workers=(),
        manager_name="Jolanta Świątek",
        prepared_by="Jolanta Świątek",
        generated_at=MADE,
    )
    values.update(changes)
    return HoursPeriodReport(**values)


# --- deadlines ------------------------------------------------------------------------------


def deadline_row(n: int, due: dt.date, days: int, **changes) -> DeadlineRow:
    values = dict(
        case_id=n,
        file_number=f"OPS.{n}.2026",
        client_name=f"Wąsowska Zofia {n}",
        kind_name="Zasiłek okresowy",
        worker_name="Anna Łęcka",
        status_name="Wywiad",
        due=due,
        rule="interview",
        rule_label="wywiad środowiskowy",
        working_days_left=days,
        urgency="overdue" if days < 0 else ("soon" if days <= 3 else "ok"),
        urgent=False,
        suspended=False,
    )
    values.update(changes)
    return DeadlineRow(**values)


def deadline_report(rows: tuple[DeadlineRow, ...] | None = None, **changes) -> DeadlineReport:
    rows = (
        rows
        if rows is not None
        else (
            deadline_row(1, D(2026, 3, 20), -2),
            deadline_row(2, D(2026, 3, 24), 0, client_name="Źdźbło Grażyna"),
            deadline_row(
                3, D(2026, 3, 30), 4, rule="decision", rule_label="decyzja", suspended=True
            ),
        )
    )
    values = dict(
        office=OFFICE,
        team_name="Zespół świadczeń",
        worker_name="",
        today=D(2026, 3, 24),
        until=D(2026, 4, 7),
        rows=rows,
        later=5,
        without_deadline=2,
        prepared_by="Jolanta Świątek",
        generated_at=MADE,
    )
    values.update(changes)
    return DeadlineReport(**values)


# --- supervision ----------------------------------------------------------------------------


def attendance(sessions: tuple[AttendanceSession, ...] | None = None) -> AttendanceSheet:
    people = (
        ParticipantRecord(11, "Ewa Szuberla", True),
        ParticipantRecord(12, "Marek Wójcik", False),
        ParticipantRecord(13, "Irena Ćwik", True),
    )
    sessions = (
        sessions
        if sessions is not None
        else (
            AttendanceSession(D(2026, 3, 11), T(10), T(12), 120, "superwizja grupowa", people),
            AttendanceSession(
                D(2026, 3, 25), T(9), T(10, 30), 90, "superwizja indywidualna", people[:1]
            ),
        )
    )
    return AttendanceSheet(
        OFFICE,
        contract(ContractKind.SUPERVISION, number="7/SU/2026", provider_name="Krzysztof Dąbrowski"),
        (2026, 3),
        sessions,
        "Jolanta Świątek",
        "Jolanta Świątek",
        MADE,
    )


# --- the desk ---------------------------------------------------------------------------------


def referral(appointment: bool = True) -> ReferralSlip:
    return ReferralSlip(
        office=OFFICE,
        visit_id=5,
        day=D(2026, 3, 24),
        arrived_at=DT(2026, 3, 24, 8, 47),
        ticket="Ś-012",
        person="Kowalski Łukasz",
        purpose_name="Wniosek o świadczenie",
        team_name="Zespół świadczeń",
        worker_name="Anna Łęcka",
        workplace="pokój 12",
        priority_label="Osoba z niepełnosprawnością",
        appointment=Appointment(D(2026, 3, 26), T(12), 60, "Małgorzata Zielińska")
        if appointment
        else None,
        prepared_by="Beata Kłos",
        generated_at=MADE,
    )


def ticket(**changes) -> TicketSlip:
    values = dict(
        office_name="Ośrodek Pomocy Społecznej w Gryfinie",
        ticket="Ś-012",
        team_name="Zespół świadczeń",
        arrived_at=DT(2026, 3, 24, 8, 47),
        waiting_ahead=3,
        priority=False,
    )
    values.update(changes)
    return TicketSlip(**values)


# --- a client's data ----------------------------------------------------------------------


def gdpr(access: int = 3) -> GdprReport:
    identity = GdprIdentity(
        code="K-000017",
        first_name="Łukasz",
        last_name="Kowalski",
        pesel="80031401133",
        document_number="",
        birth_date=D(1980, 3, 14),
        sex="M",
        address="ul. Łużycka 7/3, 74-100 Gryfino",
        phone="600 100 200",
        email="",
        region_name="Rejon 1",
        household=(("Zofia Kowalska", "żona"),),
        household_relation="mąż",
        created_at=DT(2025, 1, 8, 9, 12),
        updated_at=DT(2026, 2, 3, 11, 0),
    )
    case = GdprCase(
        file_number="OPS.12.2026",
        kind_name="Zasiłek celowy",
        team_name="Zespół świadczeń",
        worker_name="Anna Łęcka",
        status_name="Wywiad",
        application_date=D(2026, 3, 2),
        urgent=True,
        complex=False,
        interview_date=D(2026, 3, 4),
        decision_date=None,
        notice_new_date=None,
        summary="Opał na zimę.",
        outcome="",
        created_at=DT(2026, 3, 2, 9, 30),
        closed_at=None,
        suspensions=((D(2026, 3, 10), D(2026, 3, 12), "Oczekiwanie na zaświadczenie"),),
        events=(
            GdprEvent(
                DT(2026, 3, 2, 9, 30), "Beata Kłos", "Założenie sprawy", "", "Nowy wniosek", ""
            ),
        ),
        notes=(GdprNote(DT(2026, 3, 4, 14, 0), "Anna Łęcka", "Mieszkanie ogrzewane piecem."),),
    )
    return GdprReport(
        office=OFFICE,
        client_id=17,
        identity=identity,
        visits=(
            GdprVisit(
                DT(2026, 3, 2, 9, 5),
                "Osobiście",
                "Ś-004",
                "Wniosek o świadczenie",
                "Zespół świadczeń",
                "Anna Łęcka",
                "Zakończona",
                "Skierowano do zespołu",
                "Pyta o zasiłek celowy na opał.",
            ),
        ),
        cases=(case,),
        sessions=(
            GdprSession(
                D(2026, 3, 10),
                T(12),
                60,
                "konsultacja indywidualna",
                "odbyta",
                "Małgorzata Zielińska",
                "3/PS/2026",
                True,
            ),
        ),
        room_bookings=(
            GdprRoomBooking(
                DT(2026, 3, 3, 11), DT(2026, 3, 3, 12), "Pokój do rozmów", "Ewa Szuberla", False, ""
            ),
        ),
        access=tuple(
            AccessRow(
                DT(2026, 3, 2, 9) + dt.timedelta(minutes=n),
                "Beata Kłos (recepcja)",
                "read",
                "wgląd",
                "kartoteka klienta",
            )
            for n in range(access)
        ),
        prepared_by="Adam Żółkiewski",
        generated_at=MADE,
    )
