"""How printed documents write dates, times and hours (Polish office conventions).

Pure functions, no ReportLab: services and tests may use them freely.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from opsdesk.i18n import N_, _

NBSP = "\u00a0"

MONTH_NAMES = (
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
    N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
)


def format_date(value: dt.date) -> str:
    """``dd.mm.yyyy``"""
    return value.strftime("%d.%m.%Y")


def format_time(value: dt.time) -> str:
    """``HH:MM``"""
    return value.strftime("%H:%M")


def format_datetime(value: dt.datetime) -> str:
    """``dd.mm.yyyy HH:MM``"""
    return value.strftime("%d.%m.%Y %H:%M")


def format_hours(minutes: int) -> str:
    """Minutes as hours with two decimals and a decimal comma: 90 -> ``1,50``.

    Thousands are separated by a non-breaking space (``1 229,00``); negative values keep
    their sign. Halves round up (50 minutes -> ``0,83``).
    """
    hours = (Decimal(minutes) / Decimal(60)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "-" if hours < 0 else ""
    whole, _dot, fraction = f"{abs(hours):.2f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return f"{sign}{NBSP.join(groups)},{fraction}"


def month_name(month: int) -> str:
    """The month's name in the current language, e.g. ``marzec``."""
    return _(MONTH_NAMES[month - 1])


def month_label(year: int, month: int) -> str:
    """``marzec 2025``"""
    return f"{month_name(month)} {year}"


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    """First and last day of a month."""
    first = dt.date(year, month, 1)
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return first, following - dt.timedelta(days=1)
