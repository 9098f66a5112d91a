"""Years, months and quarters asked for by a caller, checked before they reach a query.

A month is ``(year, month)``, a quarter ``(year, 1–4)``; years from 2000 to 2100 (the office's
records cannot be older, and a date beyond would only be a typing slip). Anything else is a
ValidationError on the field, never a raw TypeError or OverflowError.
"""

from __future__ import annotations

from typing import Any

from opsdesk.domain.numbers import is_whole
from opsdesk.errors import ValidationError
from opsdesk.i18n import _

FIRST_YEAR, LAST_YEAR = 2000, 2100


def _pair(value: Any, last: int) -> tuple[int, int] | None:
    try:
        year, number = value
    except (TypeError, ValueError):
        return None
    if not (is_whole(year) and is_whole(number)):
        return None
    if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= number <= last):
        return None
    return year, number


def checked_year(year: Any) -> int:
    if not is_whole(year) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError.single("year", _("Choose a year."))
    return year


def checked_month(month: Any) -> tuple[int, int]:
    if (pair := _pair(month, 12)) is None:
        raise ValidationError.single("month", _("Choose a month."))
    return pair


def checked_quarter(quarter: Any) -> tuple[int, int]:
    if (pair := _pair(quarter, 4)) is None:
        raise ValidationError.single("quarter", _("Choose a quarter."))
    return pair
