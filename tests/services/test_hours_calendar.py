"""The psychologist's week and booking from the first-contact desk."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from hours_office import REFERRAL_DAY
from sqlalchemy import select

from opsdesk.domain.hours import SessionState
from opsdesk.errors import Conflict, PermissionDenied, ValidationError
from opsdesk.services.hours.records import BookingInput
from opsdesk.services.hours.session_checks import SessionClash
from opsdesk.storage.models import Visit

TUESDAY = date(2026, 12, 1)
THURSDAY = date(2026, 12, 3)


def book(hours, day=TUESDAY, start=time(12), minutes=60, client="zofia", visit_id=None):
    return hours.clerk.hours_calendar.book(
        BookingInput(hours.psych.id, day, start, minutes, hours.clients[client].id, visit_id)
    )


def test_the_week_shows_duty_slots_as_free(hours):
    week = hours.clerk.hours_calendar.week(hours.psych.id, THURSDAY)
    assert week.monday == date(2026, 11, 30)
    assert [(s.day, s.start) for s in week.slots] == [
        (TUESDAY, time(h)) for h in (12, 13, 14, 15)
    ] + [(THURSDAY, time(h)) for h in (8, 9, 10, 11)]
    assert all(s.free and not s.past for s in week.slots)


def test_no_slots_on_holidays_or_outside_the_contract(hours):
    christmas_week = hours.clerk.hours_calendar.week(hours.psych.id, date(2026, 12, 24))
    assert date(2026, 12, 24) not in {s.day for s in christmas_week.slots}  # Thursday, holiday
    after = hours.clerk.hours_calendar.week(hours.psych.id, date(2027, 7, 6))
    assert after.slots == ()


def test_desk_books_a_client_from_a_reception_contact(hours, db):
    with db.transaction() as session:
        visit = Visit(
            day=date(2026, 11, 30),
            channel="in_person",
            state="done",
            arrived_at=datetime(2026, 11, 30, 8, 50),
        )
        session.add(visit)
        session.flush()
        visit_id = visit.id
    booking = book(hours, visit_id=visit_id)
    assert booking.state is SessionState.BOOKED
    assert booking.client_code == hours.clients["zofia"].code
    assert booking.provider_name == "Małgorzata Zielińska"
    week = hours.clerk.hours_calendar.week(hours.psych.id, TUESDAY)
    taken = [s for s in week.slots if not s.free]
    assert [(s.day, s.start, s.status) for s in taken] == [(TUESDAY, time(12), "booked")]
    assert len([s for s in week.slots if s.free]) == 7
    session = hours.psychologist.hours.session(booking.session_id)
    assert session.booked_from_visit_id == visit_id
    assert [
        b.session_id
        for b in hours.clerk.hours_calendar.bookings_for_client(hours.clients["zofia"].id)
        if b.day != REFERRAL_DAY
    ] == [booking.session_id]


def test_a_taken_slot_cannot_be_booked_twice(hours):
    book(hours)
    with pytest.raises(SessionClash) as error:
        book(hours, client="lukasz")
    assert "01.12.2026 12:00–13:00" in error.value.errors["start"]


def test_the_desk_books_only_within_duty_hours_and_in_the_future(hours):
    with pytest.raises(ValidationError) as error:
        book(hours, start=time(9))
    assert error.value.errors["start"] == (
        "Psycholog nie przyjmuje wtedy klientów (01.12.2026 09:00)."
    )
    with pytest.raises(ValidationError) as error:
        book(hours, day=date(2026, 11, 26), start=time(8))
    assert error.value.errors["start"] == "Ten termin już minął."
    with pytest.raises(ValidationError) as error:
        book(hours, day=date(2027, 7, 6))
    assert "day" in error.value.errors


@pytest.mark.parametrize(
    "who", ["social_a", "manager", "supervisor", "admin", "other_psychologist"]
)
def test_only_the_desk_and_the_psychologist_book(hours, who):
    with pytest.raises(PermissionDenied):
        getattr(hours, who).hours_calendar.book(
            BookingInput(hours.psych.id, TUESDAY, time(12), 60, hours.clients["zofia"].id)
        )


def test_a_booking_becomes_a_held_session_or_a_no_show(hours, clock):
    first = book(hours)
    second = book(hours, start=time(13), client="lukasz")
    clock.advance(days=1, hours=6)  # Tuesday 15:00
    held = hours.psychologist.hours.mark_held(first.session_id)
    absent = hours.psychologist.hours.mark_no_show(second.session_id)
    assert held.state is SessionState.HELD and absent.state is SessionState.NO_SHOW
    budget = hours.psychologist.hours.budget(hours.psych.id, (2026, 12)).month_budget
    assert (budget.used, budget.planned) == (60, 0)
    with pytest.raises(Conflict):
        hours.psychologist.hours.mark_no_show(first.session_id)
    week = hours.psychologist.hours_calendar.week(hours.psych.id, TUESDAY)
    statuses = {s.start: s.status for s in week.slots if s.day == TUESDAY}
    assert statuses[time(12)] == "held" and statuses[time(13)] == "no_show"


def test_the_desk_cancels_a_booking_and_the_slot_is_free_again(hours):
    booking = book(hours)
    hours.clerk.hours_calendar.cancel_booking(booking.session_id)
    week = hours.clerk.hours_calendar.week(hours.psych.id, TUESDAY)
    assert all(s.free for s in week.slots)
    with pytest.raises(Conflict):
        hours.clerk.hours_calendar.cancel_booking(booking.session_id)


def test_the_clerk_sees_only_psychology_calendars(hours):
    assert [c.number for c in hours.clerk.hours_calendar.bookable()] == ["3/PS/2026"]
    with pytest.raises(PermissionDenied):
        hours.social_a.hours_calendar.week(hours.psych.id, TUESDAY)


def test_the_change_mark_moves_with_bookings_and_sessions_not_with_looking(hours, clock):
    """What an open calendar or session list asks after each commit in the office."""
    mark = hours.psychologist.hours_calendar.change_mark()
    first = book(hours)
    assert hours.psychologist.hours_calendar.change_mark() != mark
    mark = hours.psychologist.hours_calendar.change_mark()
    week = hours.psychologist.hours_calendar.week(hours.psych.id, TUESDAY)
    assert any(s.label for s in week.slots)  # the client's name was shown: an audited read
    hours.psychologist.hours.sessions(hours.psych.id, (2026, 12))
    assert hours.manager.hours_calendar.change_mark() == mark
    for change in (
        lambda: book(hours, start=time(13), client="lukasz"),
        lambda: hours.clerk.hours_calendar.cancel_booking(first.session_id),
        lambda: hours.psychologist.hours.record(hours.consultation(date(2026, 11, 26), "09:00")),
    ):
        change()
        assert hours.psychologist.hours_calendar.change_mark() != mark
        mark = hours.psychologist.hours_calendar.change_mark()
    assert hours.social_a.hours_calendar.change_mark() == mark  # "My supervision" asks too
    clock.advance(days=1)
    assert hours.psychologist.hours_calendar.change_mark()[0] == date(2026, 12, 1)
    with pytest.raises(PermissionDenied):
        hours.admin.hours_calendar.change_mark()


DECEMBER_SLOTS = [(date(2026, 12, d), time(h)) for d in (1, 8, 15, 22) for h in (12, 13, 14, 15)]


def test_bookings_count_against_the_month_budget_and_warn(hours, db):
    from opsdesk.domain.hours import BudgetLevel
    from opsdesk.services.hours.records import BookingOverBudget
    from opsdesk.storage.models import AuditEntry

    levels = []
    for day, start in DECEMBER_SLOTS[:15]:  # the contract buys 15 h a month
        book(hours, day=day, start=start)
        levels.append(hours.clerk.hours_calendar.month_budget(hours.psych.id, day).level)
    assert levels[10] is BudgetLevel.OK  # 11 h
    assert levels[11] is BudgetLevel.NEAR  # 12 h = 80 %
    assert levels[14] is BudgetLevel.FULL  # 15 h
    day, start = DECEMBER_SLOTS[15]
    with pytest.raises(BookingOverBudget) as refused:
        book(hours, day=day, start=start)
    assert str(refused.value) == (
        "Z tą rezerwacją budżet miesiąca 15 h zostanie przekroczony o 1 h: "
        "dotąd odbyto 0 min i zarezerwowano 15 h."
    )
    booking = hours.clerk.hours_calendar.book(
        BookingInput(
            hours.psych.id, day, start, 60, hours.clients["zofia"].id, over_budget_acknowledged=True
        )
    )
    december = hours.clerk.hours_calendar.month_budget(hours.psych.id, day)
    assert (december.committed, december.level) == (16 * 60, BudgetLevel.OVER)
    assert december.level.label == "budżet przekroczony"
    with db.reading() as session:
        detail = session.scalars(
            select(AuditEntry.detail).where(
                AuditEntry.entity_id == booking.session_id, AuditEntry.action == "book"
            )
        ).one()
    assert "over the month's budget by 60 min acknowledged" in detail
