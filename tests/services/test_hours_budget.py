"""Budgets: month boundaries, contracts starting mid-month, pro rata, over-budget approval."""

from __future__ import annotations

import dataclasses
from datetime import date, time

import pytest
from hours_office import psych_contract_input
from people import STAFF_PASSWORD

from opsdesk.domain.hours import Budget
from opsdesk.domain.roles import Role
from opsdesk.errors import AuthenticationError, ValidationError
from opsdesk.services.account.auth import MAX_FAILED_LOGINS
from opsdesk.services.hours.records import BookingInput, BudgetExceeded, ManagerApproval
from opsdesk.services.office.role_changes import SecondPerson
from opsdesk.services.office.staff import StaffInput

OCTOBER_DAYS = [date(2026, 10, d) for d in range(1, 32) if date(2026, 10, d).weekday() < 5]


def fill(hours, days, minutes=60, start="12:00"):
    for day in days:
        hours.psychologist.hours.record(hours.consultation(day, start, minutes))


def test_remaining_hours_fall_with_each_session(hours):
    psych = hours.psychologist.hours
    assert psych.budget(hours.psych.id, (2026, 10)).month_budget == Budget(900, 0)
    fill(hours, OCTOBER_DAYS[:3], 90)
    view = psych.budget(hours.psych.id, (2026, 10))
    assert view.month_budget.used == 270 and view.month_budget.remaining == 630
    assert view.project == Budget(270 * 60, 270) and view.project_limited


def test_month_boundaries_keep_months_apart(hours):
    fill(hours, [date(2026, 9, 30)], 14 * 60, start="08:00")
    fill(hours, [date(2026, 10, 1)], 15 * 60, start="08:00")  # October is a fresh month
    psych = hours.psychologist.hours
    assert psych.budget(hours.psych.id, (2026, 9)).month_budget.used == 14 * 60
    assert psych.budget(hours.psych.id, (2026, 10)).month_budget.remaining == 0
    with pytest.raises(BudgetExceeded):
        fill(hours, [date(2026, 10, 31)], 15)
    fill(hours, [date(2026, 9, 1)], 60)  # the last hour of September still fits


def test_the_session_that_would_exceed_the_month_carries_the_numbers(hours):
    fill(hours, OCTOBER_DAYS[:14], 60)  # 14 h of 15
    with pytest.raises(BudgetExceeded) as error:
        fill(hours, [OCTOBER_DAYS[14]], 90)
    check = error.value.check
    assert (check.month_before.budget, check.month_before.used, check.minutes) == (900, 840, 90)
    assert check.month_after.exceeded_by == 30
    assert str(error.value) == (
        "Ta sesja przekracza budżet miesiąca: wykorzystano 14 h z 15 h, sesja trwa 1 h 30 min "
        "(przekroczenie o 30 min). Kierownik musi ją potwierdzić i podać powód."
    )
    fill(hours, [OCTOBER_DAYS[14]], 60)  # exactly the budget is fine


def test_manager_confirms_on_the_spot_with_login_and_password(hours):
    fill(hours, OCTOBER_DAYS[:15], 60)
    approval = ManagerApproval("Interwencja kryzysowa po pożarze", "kierownik", STAFF_PASSWORD)
    record = hours.psychologist.hours.record(
        hours.consultation(OCTOBER_DAYS[15], "12:00", 60), approval
    )
    assert record.over_budget_approved_by == "Jolanta Świątek"
    assert record.over_budget_reason == "Interwencja kryzysowa po pożarze"
    view = hours.manager.hours.budget(hours.psych.id, (2026, 10))
    assert view.month_budget.exceeded_by == 60
    entries = hours.manager.audit.entries(action="approve_over_budget")
    assert len(entries) == 1 and entries[0].actor_login == "psycholog"
    assert "kierownik" in entries[0].detail


@pytest.mark.parametrize(
    ("login", "password", "field", "message"),
    [
        ("kierownik", "złe-hasło", "password", "Błędny login lub hasło kierownika."),
        ("nikt", STAFF_PASSWORD, "password", "Błędny login lub hasło kierownika."),
        (
            "recepcja",
            STAFF_PASSWORD,
            "login",
            "Tylko kierownik może potwierdzić sesję ponad budżet.",
        ),
        (
            "psycholog",
            STAFF_PASSWORD,
            "login",
            "Tylko kierownik może potwierdzić sesję ponad budżet.",
        ),
        ("", "", "login", "Kierownik musi wpisać swój login."),
    ],
)
def test_approval_must_come_from_a_real_manager(hours, login, password, field, message):
    fill(hours, OCTOBER_DAYS[:15], 60)
    with pytest.raises(ValidationError) as error:
        hours.psychologist.hours.record(
            hours.consultation(OCTOBER_DAYS[15], "12:00"), ManagerApproval("powód", login, password)
        )
    assert error.value.errors[field] == message
    assert hours.manager.hours.budget(hours.psych.id, (2026, 10)).month_budget.used == 900


def test_the_reason_is_required(hours):
    fill(hours, OCTOBER_DAYS[:15], 60)
    with pytest.raises(ValidationError) as error:
        hours.psychologist.hours.record(
            hours.consultation(OCTOBER_DAYS[15], "12:00"),
            ManagerApproval("  ", "kierownik", STAFF_PASSWORD),
        )
    assert error.value.errors == {"reason": "Podaj powód przekroczenia budżetu."}


def test_wrong_manager_passwords_lock_the_account(hours):
    fill(hours, OCTOBER_DAYS[:15], 60)
    for _attempt in range(MAX_FAILED_LOGINS):
        with pytest.raises(ValidationError):
            hours.psychologist.hours.record(
                hours.consultation(OCTOBER_DAYS[15], "12:00"),
                ManagerApproval("powód", "kierownik", "zgaduję"),
            )
    with pytest.raises(ValidationError) as error:
        hours.psychologist.hours.record(
            hours.consultation(OCTOBER_DAYS[15], "12:00"),
            ManagerApproval("powód", "kierownik", STAFF_PASSWORD),
        )
    assert "zablokowane" in error.value.errors["login"]
    assert len(hours.manager.audit.entries(action="approval_failed")) == MAX_FAILED_LOGINS
    manager_id = hours.manager.actor.id
    assert [
        (e.entity, e.entity_id, e.detail) for e in hours.manager.audit.entries(action="lock")
    ] == [("staff", manager_id, "kierownik")]  # as a login's lock-out
    with pytest.raises(AuthenticationError, match="zablokowane"):
        hours.admin.as_actor(None).auth.login("kierownik", STAFF_PASSWORD)


def test_confirmations_and_logins_count_towards_one_lock_out(hours):
    """One rule: failed confirmations and failed logins add up to the same limit, the right
    password starts the count again."""
    fill(hours, OCTOBER_DAYS[:15], 60)
    anonymous = hours.admin.as_actor(None)

    def confirm(password):
        return hours.psychologist.hours.record(
            hours.consultation(OCTOBER_DAYS[15], "12:00"),
            ManagerApproval("powód", "kierownik", password),
        )

    for _attempt in range(MAX_FAILED_LOGINS - 1):
        with pytest.raises(AuthenticationError, match="Nieprawidłowy"):
            anonymous.auth.login("kierownik", "zgaduję")
    confirm(STAFF_PASSWORD)  # the right password: the count starts again
    for _attempt in range(MAX_FAILED_LOGINS - 1):
        with pytest.raises(ValidationError):
            confirm("zgaduję")
    assert anonymous.auth.login("kierownik", STAFF_PASSWORD).login == "kierownik"
    for _attempt in range(MAX_FAILED_LOGINS - 1):
        with pytest.raises(ValidationError):
            confirm("zgaduję")
    with pytest.raises(AuthenticationError, match="Nieprawidłowy"):
        anonymous.auth.login("kierownik", "zgaduję")  # the last one of the limit
    assert len(hours.manager.audit.entries(action="lock")) == 1
    with pytest.raises(ValidationError) as error:
        confirm(STAFF_PASSWORD)
    assert "zablokowane" in error.value.errors["login"]


def test_a_person_who_is_also_the_manager_confirms_with_their_own_login(hours):
    hours.admin.staff.update(
        hours.psychologist.actor.id,
        StaffInput(
            "psycholog", "Małgorzata Zielińska", frozenset({Role.PSYCHOLOGIST, Role.MANAGER})
        ),
        SecondPerson("kierownik", STAFF_PASSWORD),
    )
    both = hours.admin.as_actor(hours.admin.auth.login("psycholog", STAFF_PASSWORD))
    for day in OCTOBER_DAYS[:15]:
        both.hours.record(hours.consultation(day, "12:00"))
    record = both.hours.record(
        hours.consultation(OCTOBER_DAYS[15], "12:00"), ManagerApproval("Sytuacja kryzysowa")
    )
    assert record.over_budget_approved_by == "Małgorzata Zielińska"


def test_a_booking_uses_budget_only_when_held(hours, clock):
    booking = hours.clerk.hours_calendar.book(
        BookingInput(hours.psych.id, date(2026, 12, 1), time(12), 60, hours.clients["zofia"].id)
    )
    assert hours.psychologist.hours.budget(hours.psych.id, (2026, 12)).month_budget == Budget(
        900, 0, 60
    )  # planned, not used
    clock.advance(days=1, hours=4)
    hours.psychologist.hours.mark_held(booking.session_id)
    assert hours.psychologist.hours.budget(hours.psych.id, (2026, 12)).month_budget == Budget(
        900, 60, 0
    )


def test_a_booking_over_the_budget_needs_approval_when_held(hours, clock):
    booking = hours.clerk.hours_calendar.book(
        BookingInput(hours.psych.id, date(2026, 12, 3), time(8), 60, hours.clients["zofia"].id)
    )
    clock.advance(days=3, hours=4)  # Thursday 03.12 13:00
    fill(hours, [date(2026, 12, d) for d in (1, 2)], 7 * 60 + 30, start="00:00")
    with pytest.raises(BudgetExceeded):
        hours.psychologist.hours.mark_held(booking.session_id)
    held = hours.psychologist.hours.mark_held(
        booking.session_id, approval=ManagerApproval("Pilne", "kierownik", STAFF_PASSWORD)
    )
    assert held.state.value == "held" and held.approved_over_budget


def test_an_approval_survives_edits_that_do_not_grow_the_session(hours):
    fill(hours, OCTOBER_DAYS[:15], 60)
    approval = ManagerApproval("Kryzys", "kierownik", STAFF_PASSWORD)
    record = hours.psychologist.hours.record(
        hours.consultation(OCTOBER_DAYS[15], "12:00", 60), approval
    )
    same = hours.psychologist.hours.update(
        record.id, hours.consultation(OCTOBER_DAYS[15], "13:00", 45)
    )
    assert same.over_budget_approved_by == "Jolanta Świątek"
    with pytest.raises(BudgetExceeded):
        hours.psychologist.hours.update(
            record.id, hours.consultation(OCTOBER_DAYS[15], "13:00", 90)
        )


def test_mid_month_start_gets_the_full_first_month(hours):
    later = hours.manager.contracts.create(
        psych_contract_input(
            hours.other_psychologist.actor.id,
            number="5/PS/2026",
            valid_from=date(2026, 10, 16),
            project_minutes=None,
        )
    )
    view = hours.other_psychologist.hours.budget(later.id, (2026, 10))
    assert view.month_budget.budget == 900
    assert not view.project_limited
    assert view.project.budget == 9 * 900  # October 2026 .. June 2027, no project limit


def test_pro_rata_first_month(hours):
    pro_rata = hours.manager.contracts.create(
        psych_contract_input(
            hours.other_psychologist.actor.id,
            number="6/PS/2026",
            valid_from=date(2026, 10, 16),
            pro_rata_first_month=True,
        )
    )
    hours.refer(pro_rata.id, "lukasz")
    view = hours.other_psychologist.hours.budget(pro_rata.id, (2026, 10))
    assert view.month_budget.budget == 465  # 16 of 31 days of 15 h
    data = dataclasses.replace(
        hours.consultation(date(2026, 10, 20), "10:00", 8 * 60), contract_id=pro_rata.id
    )
    with pytest.raises(BudgetExceeded) as error:
        hours.other_psychologist.hours.record(data)
    assert error.value.check.month_before.budget == 465


def test_project_budget_is_enforced_too(hours):
    small = hours.manager.contracts.create(
        psych_contract_input(
            hours.other_psychologist.actor.id, number="8/PS/2026", project_minutes=120
        )
    )
    hours.refer(small.id, "lukasz")
    make = lambda day, minutes: dataclasses.replace(  # noqa: E731
        hours.consultation(day, "10:00", minutes), contract_id=small.id
    )
    hours.other_psychologist.hours.record(make(date(2026, 9, 1), 90))
    with pytest.raises(BudgetExceeded) as error:
        hours.other_psychologist.hours.record(make(date(2026, 10, 1), 60))
    assert error.value.check.exceeds_project and not error.value.check.exceeds_month
    assert "budżet projektu" in str(error.value)


def test_no_shows_and_cancellations_use_no_budget(hours):
    fill(hours, OCTOBER_DAYS[:2], 60)
    first = hours.psychologist.hours.sessions(hours.psych.id, (2026, 10))[0]
    hours.psychologist.hours.cancel(first.id)
    assert hours.psychologist.hours.budget(hours.psych.id, (2026, 10)).month_budget.used == 60


def test_carry_over_moves_unused_hours_into_the_next_months_budget_and_sheet(hours):
    carrying = hours.manager.contracts.create(
        psych_contract_input(
            hours.other_psychologist.actor.id,
            number="9/PS/2026",
            valid_from=date(2026, 10, 1),
            project_minutes=None,
            carry_over=True,
        )
    )
    assert carrying.carry_over and hours.manager.contracts.get(carrying.id).carry_over
    hours.refer(carrying.id, "lukasz")
    other = hours.other_psychologist.hours

    def held(day, minutes):
        other.record(
            dataclasses.replace(hours.consultation(day, "08:00", minutes), contract_id=carrying.id)
        )

    held(date(2026, 10, 6), 10 * 60)  # October leaves 5 of its 15 h
    view = other.budget(carrying.id, (2026, 11))
    assert view.month_budget.budget == 20 * 60  # 15 h + 5 h carried
    held(date(2026, 11, 3), 10 * 60)
    held(date(2026, 11, 4), 9 * 60)  # 19 h in November: within 20 h, no confirmation needed
    with pytest.raises(BudgetExceeded) as error:
        held(date(2026, 11, 5), 2 * 60)
    assert error.value.check.month_before.budget == 20 * 60
    # the calendar counts the carried hour of November into December's bookings
    assert hours.clerk.hours_calendar.month_budget(carrying.id, date(2026, 12, 1)).budget == 16 * 60
    sheet = hours.manager.hours_sheets.hour_sheet(carrying.id, (2026, 11))
    assert sheet.carried_minutes == 5 * 60 and sheet.totals.month_remaining_minutes == 60
    from pdf_text import all_text

    from opsdesk.printing.hour_sheet import build_hour_sheet

    text = all_text(build_hour_sheet(sheet))
    assert "Przeniesione z poprzednich miesięcy 5,00" in text
    assert "Pozostało do wykorzystania w miesiącu 1,00" in text
    assert "przechodzą na następny miesiąc" in text


def test_without_carry_over_unused_hours_do_not_move(hours):
    fill(hours, [date(2026, 10, 6)], 60)
    assert hours.psychologist.hours.budget(hours.psych.id, (2026, 11)).month_budget.budget == 900
