"""The periods the office's indicators are reported for: a month, a quarter, a year, or a run
of whole months, each with the period before it for comparison.

Written and read as ``2026-11`` (a month), ``2026-Q4`` (a quarter), ``2026`` (a year) and
``2026-01..2026-06`` (the months from January to June). Years run from 2000 to 2100, like
every period a service accepts (``services/periods.py``). A period that does not exist (month
13, quarter 5), that starts after it ends, or that has not begun by today is refused with a
:class:`DomainError` on the field "period"; a period that has begun but not ended (the current
month) is allowed and reported up to today.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from opsdesk.domain.errors import DomainError
from opsdesk.domain.formatting import format_date, month_name
from opsdesk.domain.hours import Month, month_first_day, month_last_day
from opsdesk.i18n import _

FIRST_YEAR, LAST_YEAR = 2000, 2100
FIELD = "period"

PeriodKind = Literal["month", "quarter", "year", "months"]

_YEAR = re.compile(r"(\d{4})", re.ASCII)
_MONTH = re.compile(r"(\d{4})-(\d{1,2})", re.ASCII)
_QUARTER = re.compile(r"(\d{4})-[Qq](\d)", re.ASCII)
_RANGE = re.compile(r"(\d{4})-(\d{1,2})\s*\.\.\s*(\d{4})-(\d{1,2})", re.ASCII)
ROMAN = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class Period:
    """Whole months from ``first`` (a month) to ``last`` (a month), both included."""

    kind: PeriodKind
    first_month: Month
    last_month: Month

    @property
    def first(self) -> date:
        return month_first_day(self.first_month)

    @property
    def last(self) -> date:
        return month_last_day(self.last_month)

    @property
    def months(self) -> list[Month]:
        found: list[Month] = []
        year, number = self.first_month
        while (year, number) <= self.last_month:
            found.append((year, number))
            year, number = (year + 1, 1) if number == 12 else (year, number + 1)
        return found

    @property
    def code(self) -> str:
        """As typed on the command line: ``2026-11``, ``2026-Q4``, ``2026``,
        ``2026-01..2026-06``."""
        year, number = self.first_month
        if self.kind == "year":
            return str(year)
        if self.kind == "quarter":
            return f"{year}-Q{(number - 1) // 3 + 1}"
        if self.kind == "month":
            return f"{year}-{number:02d}"
        end_year, end_number = self.last_month
        return f"{year}-{number:02d}..{end_year}-{end_number:02d}"

    @property
    def label(self) -> str:
        """In words: ``listopad 2026``, ``IV kwartał 2026``, ``rok 2026``,
        ``01.2026–06.2026``."""
        year, number = self.first_month
        if self.kind == "year":
            return _("year {year}").format(year=year)
        if self.kind == "quarter":
            return _("{numeral} quarter {year}").format(numeral=ROMAN[(number - 1) // 3], year=year)
        if self.kind == "month":
            return f"{month_name(number)} {year}"
        end_year, end_number = self.last_month
        return f"{number:02d}.{year}\u2013{end_number:02d}.{end_year}"

    def previous(self) -> Period:
        """The period of the same kind and length just before this one (the previous month,
        quarter or year)."""
        count = len(self.months)
        index = self.first_month[0] * 12 + self.first_month[1] - 1
        first = divmod(index - count, 12)
        last = divmod(index - 1, 12)
        return Period(self.kind, (first[0], first[1] + 1), (last[0], last[1] + 1))

    def as_of(self, today: date) -> date:
        """The last day the period is reported up to: its end, or today while it runs."""
        return min(self.last, today)


def month_period(year: int, month: int) -> Period:
    return checked(Period("month", (year, month), (year, month)))


def quarter_period(year: int, quarter: int) -> Period:
    if not 1 <= quarter <= 4:
        raise DomainError(
            _("There is no quarter {quarter}: quarters are Q1 to Q4.").format(quarter=quarter),
            field=FIELD,
        )
    first = 3 * (quarter - 1) + 1
    return checked(Period("quarter", (year, first), (year, first + 2)))


def year_period(year: int) -> Period:
    return checked(Period("year", (year, 1), (year, 12)))


def months_period(first: Month, last: Month) -> Period:
    return checked(Period("months", first, last))


def checked(period: Period) -> Period:
    """The period itself when it exists and starts no later than it ends."""
    for year, number in (period.first_month, period.last_month):
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise DomainError(
                _("Choose a year from {first} to {last}.").format(first=FIRST_YEAR, last=LAST_YEAR),
                field=FIELD,
            )
        if not 1 <= number <= 12:
            raise DomainError(
                _("There is no month {month}: months are 01 to 12.").format(month=number),
                field=FIELD,
            )
    if period.first_month > period.last_month:
        raise DomainError(
            _("The period starts ({first}) after it ends ({last}).").format(
                first=format_date(period.first), last=format_date(period.last)
            ),
            field=FIELD,
        )
    return period


def begun(period: Period, today: date) -> Period:
    """The period itself when it has begun by ``today``; a period in the future is refused."""
    checked(period)
    if period.first > today:
        raise DomainError(
            _(
                "The period {period} has not begun yet: choose one that starts by today ({today})."
            ).format(period=period.label, today=format_date(today)),
            field=FIELD,
        )
    return period


def parse_period(text: str) -> Period:
    """``2026-11``, ``2026-Q4``, ``2026`` or ``2026-01..2026-06`` as a checked period (not yet
    checked against today: see :func:`begun`)."""
    value = text.strip()
    if match := _YEAR.fullmatch(value):
        return year_period(int(match.group(1)))
    if match := _QUARTER.fullmatch(value):
        return quarter_period(int(match.group(1)), int(match.group(2)))
    if match := _MONTH.fullmatch(value):
        return month_period(int(match.group(1)), int(match.group(2)))
    if match := _RANGE.fullmatch(value):
        a, b, c, d = (int(g) for g in match.groups())
        return months_period((a, b), (c, d))
    raise DomainError(
        _(
            "The period \u201e{text}\u201d is not valid: give a month (2026-11), a quarter "
            "(2026-Q4), a year (2026) or months (2026-01..2026-06)."
        ).format(text=text),
        field=FIELD,
    )
