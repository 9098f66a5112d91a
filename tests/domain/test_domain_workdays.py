from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opsdesk.domain.workdays import (
    add_working_days,
    holidays_in,
    is_day_off,
    is_holiday,
    is_working_day,
    next_day_not_off,
    working_days_between,
)


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 1, 1),  # New Year (Thursday)
        date(2026, 1, 6),  # Epiphany (Tuesday)
        date(2026, 4, 5),  # Easter Sunday 2026
        date(2026, 4, 6),  # Easter Monday 2026
        date(2025, 5, 1),
        date(2026, 5, 3),  # Constitution Day (a Sunday in 2026)
        date(2026, 5, 24),  # Pentecost Sunday 2026
        date(2026, 6, 4),  # Corpus Christi 2026
        date(2025, 8, 15),
        date(2025, 11, 1),
        date(2025, 11, 11),
        date(2025, 12, 24),  # Christmas Eve, a holiday from 2025 on (Dz.U. 2024 poz. 1965)
        date(2025, 12, 25),
        date(2025, 12, 26),
        date(2026, 12, 24),
    ],
)
def test_statutory_holidays(day):
    assert is_holiday(day)
    assert is_day_off(day)
    assert not is_working_day(day)


def test_christmas_eve_was_a_working_day_until_2024():
    assert date(2024, 12, 24).weekday() == 1  # a Tuesday
    assert not is_holiday(date(2024, 12, 24))
    assert is_working_day(date(2024, 12, 24))


def test_ordinary_days():
    assert not is_holiday(date(2026, 4, 7))
    assert is_working_day(date(2026, 4, 7))  # Tuesday after Easter
    assert not is_working_day(date(2026, 3, 7))  # Saturday
    assert not is_working_day(date(2026, 3, 8))  # Sunday
    assert not is_holiday(date(2026, 3, 7))  # a Saturday is a day off, not a holiday
    assert is_working_day(date(2026, 6, 5))  # the Friday after Corpus Christi


def test_thirteen_holidays_a_year_from_2025():
    assert len(holidays_in(2024)) == 13
    assert len(holidays_in(2025)) == 14
    assert len(holidays_in(2026)) == 14


def test_next_day_not_off():
    assert next_day_not_off(date(2026, 3, 4)) == date(2026, 3, 4)  # a Wednesday stays
    assert next_day_not_off(date(2026, 3, 7)) == date(2026, 3, 9)  # Saturday -> Monday
    assert next_day_not_off(date(2026, 4, 4)) == date(2026, 4, 7)  # Sat, Easter Sun, Easter Mon
    assert next_day_not_off(date(2025, 12, 24)) == date(2025, 12, 29)  # 24-28 Dec all off
    assert next_day_not_off(date(2026, 5, 1)) == date(2026, 5, 4)  # 1 May Fri, Sat, 3 May Sun
    assert next_day_not_off(date(2026, 6, 4)) == date(2026, 6, 5)  # Corpus Christi -> Friday


def test_add_working_days_does_not_count_the_day_of_the_event():
    assert add_working_days(date(2026, 3, 2), 1) == date(2026, 3, 3)
    assert add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 9)  # Friday -> Monday
    assert add_working_days(date(2026, 3, 7), 1) == date(2026, 3, 9)  # from a Saturday


def test_add_working_days_skips_holidays():
    assert add_working_days(date(2026, 4, 3), 1) == date(2026, 4, 7)  # over Easter
    assert add_working_days(date(2025, 12, 23), 1) == date(2025, 12, 29)  # over Christmas 2025
    assert add_working_days(date(2024, 12, 23), 1) == date(2024, 12, 24)  # 2024: 24 Dec worked
    assert add_working_days(date(2026, 6, 3), 1) == date(2026, 6, 5)  # over Corpus Christi
    assert add_working_days(date(2025, 11, 10), 1) == date(2025, 11, 12)  # over 11 November
    # 16 Dec 2025 .. 9 Jan 2026 without 24-26 Dec, 1 Jan and 6 Jan
    assert add_working_days(date(2025, 12, 15), 14) == date(2026, 1, 9)


def test_add_zero_and_negative_working_days():
    assert add_working_days(date(2026, 3, 7), 0) == date(2026, 3, 7)
    assert add_working_days(date(2026, 4, 7), -1) == date(2026, 4, 3)
    assert add_working_days(date(2026, 1, 2), -2) == date(2025, 12, 30)


def test_working_days_between():
    assert working_days_between(date(2026, 3, 2), date(2026, 3, 2)) == 0
    assert working_days_between(date(2026, 3, 2), date(2026, 3, 9)) == 5  # Mon -> next Mon
    assert working_days_between(date(2026, 3, 6), date(2026, 3, 8)) == 0  # Fri -> Sun
    assert working_days_between(date(2025, 12, 23), date(2025, 12, 31)) == 3  # 29, 30, 31
    assert working_days_between(date(2024, 12, 23), date(2024, 12, 31)) == 4  # 24, 27, 30, 31
    # calendar years: 261 weekdays minus the holidays falling Monday to Friday
    # 2025: 1 and 6 Jan, 21 Apr, 1 May, 19 Jun, 15 Aug, 11 Nov, 24-26 Dec (10)
    assert working_days_between(date(2024, 12, 31), date(2025, 12, 31)) == 251
    # 2026: 1 and 6 Jan, 6 Apr, 1 May, 4 Jun, 11 Nov, 24-25 Dec (8)
    assert working_days_between(date(2025, 12, 31), date(2026, 12, 31)) == 253
    assert working_days_between(date(2026, 3, 9), date(2026, 3, 2)) == -5


def test_working_days_in_december_2025():
    # 23 weekdays, minus 24, 25, 26 December
    assert working_days_between(date(2025, 11, 30), date(2025, 12, 31)) == 20


@settings(deadline=None)
@given(start=st.dates(date(2000, 1, 1), date(2060, 12, 31)), n=st.integers(1, 300))
def test_add_working_days_lands_on_a_working_day(start, n):
    end = add_working_days(start, n)
    assert is_working_day(end)
    assert working_days_between(start, end) == n
    assert add_working_days(start, -n) < start


@settings(deadline=None)
@given(start=st.dates(date(2000, 1, 1), date(2060, 12, 31)), days=st.integers(-800, 800))
def test_working_days_between_matches_counting_day_by_day(start, days):
    end = start + timedelta(days=days)
    low, high = min(start, end), max(start, end)
    count = sum(is_working_day(low + timedelta(days=i)) for i in range(1, (high - low).days + 1))
    assert working_days_between(start, end) == (count if end >= start else -count)
    assert working_days_between(end, start) == -working_days_between(start, end)
