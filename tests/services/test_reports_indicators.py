"""The indicators of the separated model against the hand computations of
tests/indicator_office.py (its docstring lists every contact, case and session)."""

from datetime import date

import pytest
from sqlalchemy import select

from opsdesk.domain.errors import DomainError
from opsdesk.domain.report_periods import (
    Period,
    begun,
    month_period,
    parse_period,
    quarter_period,
    year_period,
)
from opsdesk.domain.roles import Action, Role
from opsdesk.errors import PermissionDenied, ValidationError
from opsdesk.services.indicators.records import Count, WorkerCases, WorkerCount
from opsdesk.storage.models import AuditEntry

TODAY = date(2026, 11, 30)


def counts(rows):
    return {row.label: row.count for row in rows}


# --- periods --------------------------------------------------------------------------------


def test_periods_are_read_as_typed_and_have_a_previous_one():
    assert parse_period("2026-11") == month_period(2026, 11)
    assert parse_period(" 2026-Q4 ") == quarter_period(2026, 4)
    assert parse_period("2026-q1").previous() == quarter_period(2025, 4)
    assert parse_period("2026") == year_period(2026)
    assert parse_period("2026-01").previous() == month_period(2025, 12)
    assert year_period(2026).previous() == year_period(2025)
    months = parse_period("2026-01..2026-06")
    assert (months.first, months.last) == (date(2026, 1, 1), date(2026, 6, 30))
    assert months.previous().months == [(2025, m) for m in range(7, 13)]
    assert quarter_period(2026, 4).label == "IV kwartał 2026"
    assert month_period(2026, 11).label == "listopad 2026"
    assert year_period(2026).label == "rok 2026"
    assert quarter_period(2026, 4).code == "2026-Q4"
    assert quarter_period(2026, 4).as_of(TODAY) == TODAY


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2026-13", "Nie ma miesiąca 13"),
        ("2026-00", "Nie ma miesiąca 0"),
        ("2026-Q5", "Nie ma kwartału 5"),
        ("2026-Q0", "Nie ma kwartału 0"),
        ("1999", "od 2000 do 2100"),
        ("2026-06..2026-01", "zaczyna się (01.06.2026) po swoim końcu (31.01.2026)"),
        ("listopad", "jest nieprawidłowy"),
        ("", "jest nieprawidłowy"),
        ("2026-11-30", "jest nieprawidłowy"),
    ],
)
def test_periods_that_do_not_exist_are_refused_in_polish(text, words):
    with pytest.raises(DomainError) as refused:
        parse_period(text)
    assert words in str(refused.value)
    assert refused.value.field == "period"


def test_a_future_period_is_refused_a_running_one_is_not():
    assert begun(month_period(2026, 11), TODAY) == month_period(2026, 11)
    assert begun(quarter_period(2026, 4), TODAY) == quarter_period(2026, 4)
    with pytest.raises(DomainError, match="jeszcze się nie zaczął"):
        begun(month_period(2026, 12), TODAY)
    with pytest.raises(DomainError, match="jeszcze się nie zaczął"):
        begun(year_period(2027), TODAY)


def test_the_service_refuses_bad_periods_next_to_the_field(indicator_office):
    manager = indicator_office.manager
    with pytest.raises(ValidationError) as refused:
        manager.indicators.overview(month_period(2027, 1))
    assert "period" in refused.value.errors
    assert "jeszcze się nie zaczął" in refused.value.errors["period"]
    with pytest.raises(ValidationError):
        manager.indicators.overview("2026-11")
    with pytest.raises(ValidationError, match="po swoim końcu"):
        manager.indicators.overview(Period("months", (2026, 6), (2026, 1)))


# --- the desk -------------------------------------------------------------------------------


def test_a_month_at_the_desk_by_hand(indicator_office):
    o = indicator_office
    overview = o.manager.indicators.overview(parse_period("2026-11"))
    now, before = overview.current, overview.previous
    assert (now.period.code, before.period.code) == ("2026-11", "2026-10")
    assert now.as_of == TODAY and before.as_of == date(2026, 10, 31)
    assert now.contacts == 7 and before.contacts == 2
    assert counts(now.by_channel) == {
        "Osobiście": 5,
        "Telefon": 1,
        "E-mail": 0,
        "Pismo": 1,
        "ePUAP": 0,
    }
    assert counts(before.by_channel)["E-mail"] == 1
    purposes = counts(now.by_purpose)
    assert list(purposes.values()) == [4, 2, 1]  # most frequent first
    assert sorted(purposes.values()) == [1, 2, 4]
    # ended: V1..V5; settled at the desk: V1 (in person) and V4 (phone)
    assert (now.ended, now.settled_at_first_contact) == (5, 2)
    assert now.first_contact_share == pytest.approx(0.4)
    assert before.first_contact_share == 1.0
    # waits 4, 20, 10, 30 (after the redirect), 15 -> 4 10 15 20 30: median 15,
    # p90 rank 3.6 -> 20 + 0.6 * 10 = 26; within 15 minutes: 4, 10, 15
    waits = now.waits
    assert (waits.count, waits.median, waits.p90) == (5, 15.0, pytest.approx(26.0))
    assert (waits.within_target, waits.target_minutes) == (3, 15)
    assert waits.share_within_target == pytest.approx(0.6)
    assert (before.waits.count, before.waits.median, before.waits.p90) == (1, 6.0, 6.0)
    teams = counts(now.visits_by_team)
    assert teams == {o.team_names["first_contact"]: 5, o.team_names["benefits"]: 2}
    assert now.visits_by_worker == (
        WorkerCount(o.staff["anna"], "Anna Kowalczyk", 3),
        WorkerCount(o.staff["beata"], "Beata Michalska", 1),
        WorkerCount(o.staff["celina"], "Celina Nowak", 1, left=True),
    )
    by_day = {row.label: row.count for row in now.contacts_by_day}
    assert len(by_day) == 30 and sum(by_day.values()) == 7
    assert (by_day["2"], by_day["3"], by_day["11"], by_day["12"], by_day["30"]) == (2, 1, 0, 1, 1)
    by_hour = counts(now.contacts_by_hour)
    assert list(by_hour)[0] == "07" and list(by_hour)[-1] == "15"
    assert (by_hour["08"], by_hour["09"], by_hour["10"], by_hour["13"]) == (1, 2, 1, 1)


def test_a_period_with_one_visit(indicator_office):
    figures = indicator_office.manager.indicators.overview(month_period(2026, 9)).current
    assert figures.contacts == 1 and figures.ended == 1
    assert figures.first_contact_share == 1.0
    assert (figures.waits.count, figures.waits.median, figures.waits.p90) == (1, 7.0, 7.0)
    assert figures.waits.share_within_target == 1.0
    assert [row.count for row in figures.visits_by_worker] == [1]
    assert not figures.is_empty


def test_an_empty_period_has_zeros_and_no_shares(indicator_office):
    overview = indicator_office.manager.indicators.overview(month_period(2026, 6))
    for figures in (overview.current, overview.previous):
        assert figures.is_empty
        assert figures.contacts == 0 and figures.ended == 0
        assert figures.first_contact_share is None
        assert (figures.waits.count, figures.waits.median, figures.waits.p90) == (0, None, None)
        assert figures.waits.share_within_target is None
        assert figures.visits_by_team == () and figures.visits_by_worker == ()
        assert figures.by_purpose == ()
        assert [c.count for c in figures.by_channel] == [0, 0, 0, 0, 0]
        assert figures.caseload == ()
        assert figures.decisions.made == 0 and figures.decisions.share_on_time is None
        assert figures.interviews.late == ()
        psychology = [h for h in figures.hours if h.number == "1/PS/2026"]
        assert psychology[0].used_minutes == 0 and psychology[0].budget_minutes == 900


def test_a_quarter_and_a_year_add_their_months(indicator_office):
    q4 = indicator_office.manager.indicators.overview(parse_period("2026-Q4"))
    assert q4.current.contacts == 9 and q4.previous.contacts == 1  # Q3: the September visit
    assert [(c.label, c.count) for c in q4.current.contacts_by_day] == [
        ("10.2026", 2),
        ("11.2026", 7),
        ("12.2026", 0),
    ]
    assert q4.current.waits.count == 6
    year = indicator_office.manager.indicators.overview(parse_period("2026"))
    assert year.current.contacts == 10 and year.previous.contacts == 0
    assert len(year.current.contacts_by_day) == 12


# --- cases and deadlines --------------------------------------------------------------------


def test_caseload_with_a_worker_who_left(indicator_office):
    o = indicator_office
    overview = o.manager.indicators.overview(month_period(2026, 11))
    now, before = overview.current, overview.previous
    assert (now.cases_new, now.cases_closed, now.cases_open_at_end) == (4, 3, 5)
    assert now.caseload == (
        WorkerCases(o.staff["beata"], "Beata Michalska", open_at_end=2, new=2, closed=3),
        WorkerCases(o.staff["celina"], "Celina Nowak", open_at_end=2, new=1, closed=0, left=True),
        WorkerCases(None, "Nieprzypisane", open_at_end=1, new=1, closed=0),
    )
    assert (before.cases_new, before.cases_closed, before.cases_open_at_end) == (3, 1, 4)


def test_decisions_and_interviews_against_their_deadlines(indicator_office):
    o = indicator_office
    overview = o.manager.indicators.overview(month_period(2026, 11), lists=True)
    decisions = overview.current.decisions
    assert (decisions.made, decisions.on_time, decisions.made_late) == (2, 1, 1)
    assert decisions.share_on_time == 0.5
    late, overdue = decisions.late
    # C2: applied on a Sunday, one month ends on the holiday 11.11, so due 12.11; made 13.11
    assert (late.file_number, late.due, late.made, late.days_late) == (
        o.file_numbers["C2"],
        date(2026, 11, 12),
        date(2026, 11, 13),
        1,
    )
    assert not late.notice_given and late.worker_name == "Beata Michalska"
    # C6: due 15.10, still not decided at the end of November, with an art. 36 notice
    assert (overdue.file_number, overdue.due, overdue.made, overdue.days_late) == (
        o.file_numbers["C6"],
        date(2026, 10, 15),
        None,
        46,
    )
    assert overdue.notice_given and overdue.notice_date == date(2026, 11, 20)
    assert overdue.worker_name == "Celina Nowak (już nie pracuje)"
    assert decisions.outstanding == 1
    interviews = overview.current.interviews
    # C3 on 23.11: 14 working days from 02.11 skip the holiday; C4 a day later
    assert (interviews.made, interviews.on_time) == (2, 1)
    assert [(r.file_number, r.due, r.days_late) for r in interviews.late] == [
        (o.file_numbers["C4"], date(2026, 11, 23), 1)
    ]
    # October: C5 suspended for 10 days, decided on its moved deadline; C6 16 days overdue
    october = overview.previous
    assert (october.decisions.made, october.decisions.on_time) == (1, 1)
    assert october.decisions.outstanding == 1  # counted beside November; its own list:
    october_listed = o.manager.indicators.overview(month_period(2026, 10), lists=True).current
    assert [(r.file_number, r.made, r.days_late) for r in october_listed.decisions.late] == [
        (o.file_numbers["C6"], None, 16)
    ]
    assert (october.interviews.made, october.interviews.on_time) == (2, 2)
    # the screen's overview counts the same without listing them (read when opened)
    counted = o.manager.indicators.overview(month_period(2026, 11))
    pairs = ((counted.current, overview.current), (counted.previous, october_listed))
    for figures, listed in pairs:
        for step in ("decisions", "interviews"):
            plain, full = getattr(figures, step), getattr(listed, step)
            assert plain.late == ()
            assert (plain.made, plain.on_time, plain.outstanding) == (
                full.made,
                full.on_time,
                sum(1 for r in full.late if r.made is None),
            )
            assert plain.late_count == len(full.late)


# --- hours ----------------------------------------------------------------------------------


def test_hours_against_the_budgets(indicator_office):
    manager = indicator_office.manager
    november = {
        h.number: h for h in manager.indicators.overview(month_period(2026, 11)).current.hours
    }
    psych, supervision = november["1/PS/2026"], november["2/SU/2026"]
    assert (psych.used_minutes, psych.sessions, psych.budget_minutes) == (150, 2, 900)
    assert psych.share_used == pytest.approx(150 / 900)
    assert (supervision.used_minutes, supervision.budget_minutes) == (0, 240)  # 15/30 of 8 h
    quarter = manager.indicators.overview(quarter_period(2026, 4))
    hours = {h.number: h for h in quarter.current.hours}
    # October and November only: December has not begun
    assert (hours["1/PS/2026"].used_minutes, hours["1/PS/2026"].budget_minutes) == (270, 1800)
    assert [h.number for h in quarter.previous.hours] == ["1/PS/2026"]  # not yet in force


# --- who may, and the audit log -------------------------------------------------------------


def test_only_the_manager_sees_the_indicators_and_each_look_is_audited(indicator_office):
    o = indicator_office
    with pytest.raises(PermissionDenied):
        o.clerk.indicators.overview(month_period(2026, 11))
    o.manager.indicators.overview(month_period(2026, 11))
    o.manager.indicators.overview(quarter_period(2026, 4), use="export")
    with o.manager.db.reading() as session:
        entries = session.execute(
            select(AuditEntry.action, AuditEntry.detail, AuditEntry.actor_login)
            .where(AuditEntry.entity == "indicators")
            .order_by(AuditEntry.id)
        ).all()
    assert [tuple(e) for e in entries] == [
        ("read", "indicators 2026-11", "kierownik"),
        ("export", "indicators 2026-Q4", "kierownik"),
    ]


def test_the_permission_is_the_managers_alone():
    from opsdesk.domain.roles import PERMISSIONS

    assert {r for r, actions in PERMISSIONS.items() if Action.INDICATORS_VIEW in actions} == {
        Role.MANAGER
    }


def test_counts_pair_by_key(indicator_office):
    overview = indicator_office.manager.indicators.overview(month_period(2026, 11))
    assert overview.current.by_channel[0] == Count("Osobiście", 5, "in_person")
