"""The manager's overview of every contract's month: held and booked time against the budget,
with the alert from 80 % and at 100 %."""

from __future__ import annotations

import dataclasses
from datetime import date, time

import pytest
from hours_office import psych_contract_input

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


def test_the_alerts_count_the_hours_carried_in(hours):
    """Issue 18: a carry-over contract's month is judged against its budget plus what the
    month before left unused, as the booking check does."""
    carrying = hours.manager.contracts.create(
        psych_contract_input(
            hours.other_psychologist.actor.id,
            number="9/PS/2026",
            valid_from=date(2026, 10, 1),
            project_minutes=None,
            carry_over=True,
        )
    )
    hours.refer(carrying.id, "lukasz")

    def held(day: date, minutes: int) -> None:
        hours.other_psychologist.hours.record(
            dataclasses.replace(hours.consultation(day, "08:00", minutes), contract_id=carrying.id)
        )

    held(date(2026, 10, 6), 10 * 60)  # October leaves 5 of its 15 h to November
    held(date(2026, 11, 3), 10 * 60)
    held(date(2026, 11, 4), 6 * 60)  # 16 h of 15 h + 5 h carried: 80 %, not over
    row = {r.contract.number: r for r in hours.manager.hours_summary.month_overview(NOV)}[
        "9/PS/2026"
    ]
    assert (row.budget.budget, row.budget.used) == (20 * 60, 16 * 60)
    assert row.budget.level is BudgetLevel.NEAR
    held(date(2026, 11, 5), 4 * 60)  # 20 h: all that was available
    row = {r.contract.number: r for r in hours.manager.hours_summary.month_overview(NOV)}[
        "9/PS/2026"
    ]
    assert row.budget.level is BudgetLevel.FULL
