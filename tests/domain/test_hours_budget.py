"""Budget rules of hour contracts: month budgets, pro rata, checks, aggregation."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from opsdesk.domain.errors import DomainError
from opsdesk.domain.hours import (
    Budget,
    ContractTerms,
    SessionForm,
    check_session,
    contracted_total,
    ends_same_day,
    month_budget,
    month_totals,
    months_between,
    overlaps,
    people_problem,
    project_to_date,
    quarter_of,
    quarter_totals,
    validate_duration,
)

FIFTEEN_HOURS = 15 * 60


def terms(**changes) -> ContractTerms:
    values = dict(
        monthly_minutes=FIFTEEN_HOURS, valid_from=date(2025, 3, 16), valid_to=date(2025, 12, 31)
    )
    values.update(changes)
    return ContractTerms(**values)


def test_months_outside_validity_have_no_budget():
    t = terms()
    assert month_budget(t, (2025, 2)) == 0
    assert month_budget(t, (2026, 1)) == 0
    assert month_budget(t, (2025, 12)) == FIFTEEN_HOURS


def test_mid_month_start_gets_the_full_month_unless_pro_rata():
    assert month_budget(terms(), (2025, 3)) == FIFTEEN_HOURS
    # 16..31 March: 16 of 31 days of 900 minutes = 464.5 -> 465 (half up)
    assert month_budget(terms(pro_rata_first_month=True), (2025, 3)) == 465
    assert month_budget(terms(pro_rata_first_month=True), (2025, 4)) == FIFTEEN_HOURS


def test_pro_rata_on_the_first_day_is_the_whole_month():
    t = terms(valid_from=date(2025, 4, 1), pro_rata_first_month=True)
    assert month_budget(t, (2025, 4)) == FIFTEEN_HOURS


def test_pro_rata_february_and_a_contract_within_one_month():
    leap = terms(
        valid_from=date(2024, 2, 15), valid_to=date(2024, 12, 31), pro_rata_first_month=True
    )
    assert month_budget(leap, (2024, 2)) == 466  # 15 of 29 days: 465.52 minutes
    short = terms(
        valid_from=date(2025, 4, 10), valid_to=date(2025, 4, 19), pro_rata_first_month=True
    )
    assert month_budget(short, (2025, 4)) == 300  # 10 of 30 days


def test_month_boundaries():
    assert months_between(date(2025, 11, 30), date(2026, 2, 1)) == [
        (2025, 11),
        (2025, 12),
        (2026, 1),
        (2026, 2),
    ]
    t = terms(valid_from=date(2025, 1, 1), valid_to=date(2025, 1, 31))
    assert month_budget(t, (2025, 1)) == FIFTEEN_HOURS
    assert month_budget(t, (2024, 12)) == month_budget(t, (2025, 2)) == 0
    assert t.covers(date(2025, 1, 31)) and not t.covers(date(2025, 2, 1))


def test_check_session_within_and_over_the_month():
    t = terms()
    fits = check_session(t, date(2025, 5, 20), 60, used_in_month=14 * 60, used_in_project=0)
    assert not fits.needs_approval
    assert fits.month_after.remaining == 0
    over = check_session(t, date(2025, 5, 20), 90, used_in_month=14 * 60, used_in_project=0)
    assert over.needs_approval and over.exceeds_month and not over.exceeds_project
    assert over.month_after.exceeded_by == 30
    assert over.month_before == Budget(FIFTEEN_HOURS, 14 * 60)


def test_check_session_over_the_project():
    t = terms(project_minutes=100 * 60)
    check = check_session(t, date(2025, 5, 20), 60, used_in_month=0, used_in_project=99 * 60 + 30)
    assert check.exceeds_project and not check.exceeds_month and check.needs_approval


@pytest.mark.parametrize("minutes", [0, -15, 24 * 60 + 1, 10_000])
def test_bad_durations_are_refused(minutes):
    with pytest.raises(DomainError) as error:
        validate_duration(minutes)
    assert error.value.field == "minutes"
    assert "sesja" in str(error.value).lower()


@pytest.mark.parametrize("minutes", [1, 15, 60, 24 * 60])
def test_good_durations(minutes):
    validate_duration(minutes)


def test_session_must_end_by_midnight():
    assert ends_same_day(date(2025, 5, 1), time(0, 0), 24 * 60)
    assert ends_same_day(date(2025, 5, 1), time(23, 0), 60)
    assert not ends_same_day(date(2025, 5, 1), time(23, 30), 45)


def test_overlaps_but_back_to_back_is_fine():
    ten = datetime(2025, 5, 6, 10, 0)
    assert overlaps(ten, 60, datetime(2025, 5, 6, 10, 30), 60)
    assert overlaps(ten, 120, datetime(2025, 5, 6, 10, 30), 15)
    assert not overlaps(ten, 60, datetime(2025, 5, 6, 11, 0), 60)
    assert not overlaps(datetime(2025, 5, 6, 9, 0), 60, ten, 60)


def test_people_per_form():
    assert people_problem(SessionForm.INDIVIDUAL, 1, supervision=False) is None
    assert people_problem(SessionForm.INDIVIDUAL, 2, supervision=False)
    assert people_problem(SessionForm.GROUP, 1, supervision=False)
    assert people_problem(SessionForm.FAMILY, 0, supervision=False)
    assert people_problem(SessionForm.SUPERVISION_GROUP, 1, supervision=True)
    assert people_problem(SessionForm.SUPERVISION_INDIVIDUAL, 1, supervision=True) is None


def test_month_and_quarter_totals():
    t = terms(valid_from=date(2025, 1, 1), valid_to=date(2025, 6, 30))
    used = {(2025, 1): 600, (2025, 2): 900, (2025, 4): 960}
    months = month_totals(t, used, counts={(2025, 1): 10})
    assert [m.label_key for m in months] == [(2025, n) for n in range(1, 7)]
    assert months[0].budget == Budget(FIFTEEN_HOURS, 600) and months[0].sessions == 10
    assert months[3].budget.exceeded_by == 60
    quarters = quarter_totals(months)
    assert [q.label_key for q in quarters] == [(2025, 1), (2025, 2)]
    assert quarters[0].budget == Budget(3 * FIFTEEN_HOURS, 1500)
    assert quarters[1].budget == Budget(3 * FIFTEEN_HOURS, 960)
    assert quarter_of((2025, 12)) == (2025, 4)


def test_project_to_date_and_contracted_total():
    t = terms(valid_from=date(2025, 1, 1), valid_to=date(2025, 6, 30))
    assert contracted_total(t) == 6 * FIFTEEN_HOURS
    assert contracted_total(terms(project_minutes=5000)) == 5000
    used = {(2025, 1): 600, (2025, 2): 900, (2025, 4): 960}
    assert project_to_date(t, used, (2025, 2)) == Budget(6 * FIFTEEN_HOURS, 1500)
    assert project_to_date(t, used, (2025, 6)).used == 2460
    pro_rata = terms(pro_rata_first_month=True)  # 16.03 - 31.12.2025
    assert contracted_total(pro_rata) == 465 + 9 * FIFTEEN_HOURS


def test_unused_hours_carry_over_to_the_next_months_only_when_the_contract_allows_it():
    from opsdesk.domain.hours import ContractTerms, carried_in, check_booking, month_allowance

    plain = ContractTerms(15 * 60, date(2026, 1, 1), date(2026, 12, 31))
    carrying = ContractTerms(15 * 60, date(2026, 1, 1), date(2026, 12, 31), carry_over=True)
    used = {(2026, 1): 10 * 60, (2026, 2): 18 * 60, (2026, 3): 15 * 60}
    assert carried_in(plain, (2026, 2), used) == 0
    assert carried_in(carrying, (2026, 1), used) == 0  # nothing before the first month
    assert carried_in(carrying, (2026, 2), used) == 5 * 60  # January left 5 h
    assert carried_in(carrying, (2026, 3), used) == 2 * 60  # February used 3 of them
    assert carried_in(carrying, (2026, 4), used) == 2 * 60  # March used exactly its 15 h
    assert month_allowance(carrying, (2026, 2), used) == 20 * 60
    # a booking in February fits the carried hours; without carry-over it would be over
    assert not check_booking(carrying, date(2026, 2, 27), 60, 18 * 60, 0, 5 * 60).exceeds
    assert check_booking(plain, date(2026, 2, 27), 60, 15 * 60, 0).exceeds


def test_the_carry_flow_of_each_month_worked_out_by_hand():
    from opsdesk.domain.hours import ContractTerms, carry_flow

    carrying = ContractTerms(15 * 60, date(2026, 1, 1), date(2026, 4, 30), carry_over=True)
    used = {(2026, 1): 20 * 60, (2026, 2): 10 * 60, (2026, 3): 12 * 60}
    assert carry_flow(carrying, used) == {
        (2026, 1): (0, 0),  # 5 h over: an overrun is not taken from later months
        (2026, 2): (0, 5 * 60),
        (2026, 3): (5 * 60, 8 * 60),
        (2026, 4): (8 * 60, 0),  # the last month: its 23 unused hours lapse
    }
    plain = ContractTerms(15 * 60, date(2026, 1, 1), date(2026, 4, 30))
    assert carry_flow(plain, used) == {}
