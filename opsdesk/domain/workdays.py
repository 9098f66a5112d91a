"""Working days and days off in Poland.

Statutory holidays come from the ``holidays`` package (``country_holidays("PL")``), which
follows the Act of 18 January 1951 on days free from work, including the 2024 amendment
(Dz.U. 2024 poz. 1965) that made 24 December a holiday from 2025 on.

- working day: Monday to Friday that is not a statutory holiday (rozporządzenie MRiPS of
  8 April 2021, Dz.U. 2021 poz. 893, § 3);
- day off for counting a deadline (KPA art. 57 § 4): Saturday, Sunday or a statutory holiday.
  The two notions are complements: a day is a working day exactly when it is not a day off.

Counting never includes the day of the event: one working day after Friday is Monday.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

import holidays

_ONE_DAY = timedelta(days=1)


@cache
def holidays_in(year: int) -> frozenset[date]:
    """The statutory holidays of Poland in one year (cached per year)."""
    days = set(holidays.country_holidays("PL", years=year).keys())
    if year >= 2025:
        # Christmas Eve, a holiday since the amendment of 2024 (Dz.U. 2024 poz. 1965). Current
        # releases of `holidays` include it; this keeps an older installed release correct.
        days.add(date(year, 12, 24))
    return frozenset(days)


def is_holiday(d: date) -> bool:
    """True on a statutory holiday (including those falling on a Sunday)."""
    return d in holidays_in(d.year)


def is_day_off(d: date) -> bool:
    """Saturday, Sunday or a statutory holiday (KPA art. 57 § 4)."""
    return d.weekday() >= 5 or is_holiday(d)


def is_working_day(d: date) -> bool:
    """Monday to Friday and not a statutory holiday."""
    return not is_day_off(d)


def next_day_not_off(d: date) -> date:
    """``d`` itself if it is a working day, else the next day that is no Saturday, Sunday
    or holiday (KPA art. 57 § 4: a deadline ending on a day off ends on the next day)."""
    while is_day_off(d):
        d += _ONE_DAY
    return d


def add_working_days(start: date, n: int) -> date:
    """The n-th working day after ``start`` (the day of the event itself is not counted).

    ``n == 0`` returns ``start`` unchanged; a negative ``n`` counts backwards (the n-th working
    day before ``start``). For n != 0 the result is always a working day.
    """
    step = _ONE_DAY if n >= 0 else -_ONE_DAY
    remaining = abs(n)
    d = start
    while remaining:
        d += step
        if is_working_day(d):
            remaining -= 1
    return d


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end``: the days d with start < d <= end.

    If ``end`` is before ``start`` the result is the negated count of working days d with
    end < d <= start, so ``working_days_between(a, b) == -working_days_between(b, a)`` and
    ``working_days_between(a, add_working_days(a, n)) == n``.
    """
    if end < start:
        return -working_days_between(end, start)
    days = (end - start).days
    full_weeks, rest = divmod(days, 7)
    count = full_weeks * 5
    first_weekday = start.weekday()
    count += sum(1 for i in range(1, rest + 1) if (first_weekday + i) % 7 < 5)
    for year in range(start.year, end.year + 1):
        count -= sum(1 for h in holidays_in(year) if start < h <= end and h.weekday() < 5)
    return count
