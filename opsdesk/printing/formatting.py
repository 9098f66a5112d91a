"""How printed documents write dates, times and hours (Polish office conventions).

Dates, date-times and decimal hours are the domain's (``opsdesk.domain.formatting``); this
module re-exports them for the document modules and adds what only paper needs: thousands
grouping in hour columns, month names and labels, clock times. Pure functions, no ReportLab.
"""

from __future__ import annotations

import datetime as dt

from opsdesk.domain.formatting import (
    NBSP,
    format_date,
    format_datetime,
    hours_decimal,
    month_name,
)
from opsdesk.domain.hours import month_first_day, month_last_day
from opsdesk.i18n import _

__all__ = [
    "NBSP",
    "format_date",
    "format_datetime",
    "format_hours",
    "format_time",
    "month_bounds",
    "month_label",
    "month_name",
    "month_short",
    "quarter_label",
]


def format_time(value: dt.time) -> str:
    """``HH:MM``"""
    return value.strftime("%H:%M")


def format_hours(minutes: int) -> str:
    """Decimal hours for a table column: the domain's ``hours_decimal`` (90 -> ``1,50``)
    with thousands separated by a non-breaking space (``1 229,00``)."""
    text = hours_decimal(minutes)
    sign = "-" if text.startswith("-") else ""
    whole, _comma, fraction = text.lstrip("-").partition(",")
    groups: list[str] = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return f"{sign}{NBSP.join(groups)},{fraction}"


def month_label(year: int, month: int) -> str:
    """``marzec 2025``"""
    return f"{month_name(month)} {year}"


def month_short(year: int, month: int) -> str:
    """``03.2025``: a month in a narrow column or under a chart's bar."""
    return f"{month:02d}.{year}"


def quarter_label(year: int, quarter: int) -> str:
    """``II kwartał 2026``"""
    numeral = ("I", "II", "III", "IV")[quarter - 1]
    return _("{numeral} quarter {year}").format(numeral=numeral, year=year)


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    """First and last day of a month."""
    return month_first_day((year, month)), month_last_day((year, month))
