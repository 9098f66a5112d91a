"""The manager's overview of every contract's month: held and booked time against the budget,
with the alert from 80 % and at 100 %."""

from __future__ import annotations

from datetime import date, time

import pytest

from opsdesk.domain.hours import BudgetLevel
from opsdesk.errors import PermissionDenied
from opsdesk.services.hours.records import BookingInput

NOV = (2026, 11)


WEEKDAYS = [date(2026, 11, d) for d in range(1, 30) if date(2026, 11, d).weekday() < 5]


def _held(hours, hours_count: int) -> None:
    """``hours_count`` one-hour sessions, one a weekday from 2 November."""
    for day in WEEKDAYS[:hours_count]:
        hours.psychologist.hours.record(hours.consultation(day, "12:00", 60))


def test_bookings_count_towards_the_alert(hours):
    _held(hours, 11)  # 11 h of 15 h: 73 %
    rows = {r.contract.number: r for r in hours.manager.hours_summary.month_overview(NOV)}
    assert set(rows) == {"3/PS/2026", "7/SU/2026"}
    psych = rows["3/PS/2026"].budget
    assert (psych.budget, psych.used, psych.planned, psych.level) == (900, 660, 0, BudgetLevel.OK)
    booking = BookingInput(
        hours.psych.id, date(2026, 11, 30), time(14), 60, hours.clients["zofia"].id
    )
    hours.psychologist.hours_calendar.book(booking)  # 12 h with the booking: 80 %
    psych = {r.contract.number: r for r in hours.manager.hours_summary.month_overview(NOV)}[
        "3/PS/2026"
    ].budget
    assert (psych.used, psych.planned, psych.level) == (660, 60, BudgetLevel.NEAR)
    assert rows["7/SU/2026"].budget.level is BudgetLevel.OK


def test_a_full_and_an_exceeded_month(hours):
    _held(hours, 15)
    row = hours.manager.hours_summary.month_overview(NOV)[0]
    assert row.budget.level is BudgetLevel.FULL
    booking = BookingInput(
        hours.psych.id,
        date(2026, 11, 30),
        time(14),
        30,
        hours.clients["zofia"].id,
        over_budget_acknowledged=True,
    )
    hours.psychologist.hours_calendar.book(booking)
    row = hours.manager.hours_summary.month_overview(NOV)[0]
    assert row.budget.level is BudgetLevel.OVER and row.budget.committed == 930


@pytest.mark.parametrize("who", ["psychologist", "clerk", "supervisor"])
def test_only_the_manager_sees_every_contract(hours, who):
    with pytest.raises(PermissionDenied):
        getattr(hours, who).hours_summary.month_overview(NOV)
