"""How dates, times, money, postal codes and hours are shown and read in a Polish office.

- dates: ``dd.mm.yyyy``; read also ``d.m.yyyy``, ``dd.mm.yy``, ``ddmmyyyy`` and ISO
  ``yyyy-mm-dd``; said in words as ``wtorek, 24 listopada 2026``;
- money: ``1 229,00 zł``: groups of thousands separated by a NO-BREAK SPACE (U+00A0), also
  used before "zł", so an amount never wraps across lines; decimal comma; a leading "-" for
  negative amounts; always two decimals (rounded half up);
- postal codes: ``NN-NNN``;
- minutes: ``1 h 30 min`` for display, ``1,50`` (decimal hours) on hour sheets, ``1:30``.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from opsdesk.domain.errors import DomainError
from opsdesk.i18n import N_, _

NBSP = "\u00a0"
CURRENCY = "zł"
_CENT = Decimal("0.01")
_MINUS_SIGNS = "-\u2212\u2013"  # hyphen-minus, minus sign, en dash (as typed or pasted)

_DMY = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})", re.ASCII)
_DIGITS = re.compile(r"(\d{2})(\d{2})(\d{4})", re.ASCII)  # 24112026, as typed without dots
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
_POSTAL = re.compile(r"(\d{2})-?(\d{3})", re.ASCII)
_AMOUNT = re.compile(r"(\d+)(?:[.,](\d+))?", re.ASCII)
_CURRENCY_WORDS = re.compile(r"(zł|zl|pln)\.?$", re.IGNORECASE)


def format_date(d: date | None) -> str:
    """``dd.mm.yyyy``; an empty string for None (a datetime shows its date only)."""
    if d is None:
        return ""
    return f"{d.day:02d}.{d.month:02d}.{d.year:04d}"


def format_datetime(dt: datetime | None) -> str:
    """``dd.mm.yyyy HH:MM`` as stored (no time zone conversion); empty for None."""
    if dt is None:
        return ""
    return f"{format_date(dt)} {dt.hour:02d}:{dt.minute:02d}"


WEEKDAYS = (
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
    N_("Sunday"),
)
# the month's own name ("marzec"), as in a month's heading
MONTH_NAMES = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)


def month_name(month: int) -> str:
    """The month's name in the current language, e.g. ``marzec``."""
    return _(MONTH_NAMES[month - 1])


# the month as it follows a day ("24 listopada"): Polish needs the genitive
MONTHS_OF_DAY = (
    N_("day of January"),
    N_("day of February"),
    N_("day of March"),
    N_("day of April"),
    N_("day of May"),
    N_("day of June"),
    N_("day of July"),
    N_("day of August"),
    N_("day of September"),
    N_("day of October"),
    N_("day of November"),
    N_("day of December"),
)


def format_date_words(d: date) -> str:
    """``wtorek, 24 listopada 2026``: what a typed date was understood as."""
    return _("{weekday}, {day} {month} {year}").format(
        weekday=_(WEEKDAYS[d.weekday()]),
        day=d.day,
        month=_(MONTHS_OF_DAY[d.month - 1]),
        year=d.year,
    )


def _full_year(short: int, today: date | None) -> int:
    """A two-digit year: the year of that number nearest to ``today``'s century window
    (up to 20 years ahead, else the century before); 20yy without ``today``."""
    if today is None:
        return 2000 + short
    year = today.year - today.year % 100 + short
    return year - 100 if year > today.year + 20 else year


def parse_date(text: str, field: str | None = None, *, today: date | None = None) -> date:
    """Read ``dd.mm.yyyy``, ``d.m.yyyy``, ``dd.mm.yy``, ``ddmmyyyy`` or ``yyyy-mm-dd``
    (surrounding spaces ignored). A two-digit year is placed by ``_full_year``.

    Raises DomainError (with ``field``) for an empty text, another format or a day that does
    not exist (31.04.2026).
    """
    cleaned = text.strip()
    if not cleaned:
        raise DomainError(_("Enter a date."), field=field)
    if match := _DMY.fullmatch(cleaned) or _DIGITS.fullmatch(cleaned):
        day, month = int(match.group(1)), int(match.group(2))
        year_text = match.group(3)
        year = int(year_text) if len(year_text) == 4 else _full_year(int(year_text), today)
    elif match := _ISO.fullmatch(cleaned):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise DomainError(
            _("Enter the date as dd.mm.yyyy, e.g. {example}.").format(example="05.03.2026"),
            field=field,
        )
    try:
        return date(year, month, day)
    except ValueError:
        raise DomainError(
            _("There is no such date: {text}.").format(text=cleaned), field=field
        ) from None


def format_money(amount: Decimal | int) -> str:
    """``1 229,00 zł`` (U+00A0 between thousands and before "zł"), ``-12,50 zł`` if negative."""
    value = Decimal(str(amount)) if isinstance(amount, float) else Decimal(amount)
    value = value.quantize(_CENT, rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    whole, cents = f"{abs(value):.2f}".split(".")
    groups: list[str] = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return f"{sign}{NBSP.join(groups)},{cents}{NBSP}{CURRENCY}"


def parse_money(text: str, field: str | None = None) -> Decimal:
    """Read an amount as people type it: ``1 229,00 zł``, ``1229.5``, ``-30``, ``1.229,00``.

    Spaces (also U+00A0) may group thousands; the decimal separator is a comma or a dot (when
    both appear, the last one is the decimal separator); "zł", "zl" or "PLN" may follow.
    Returns a Decimal with two places. Raises DomainError (with ``field``) otherwise, also for
    more than two decimal places (so "1.229" is refused rather than misread).
    """
    cleaned = re.sub(r"[\s\u00a0\u202f]", "", text)
    cleaned = _CURRENCY_WORDS.sub("", cleaned)
    if not cleaned:
        raise DomainError(_("Enter an amount."), field=field)
    negative = cleaned[0] in _MINUS_SIGNS
    if negative:
        cleaned = cleaned[1:]
    if "," in cleaned and "." in cleaned:
        decimal_separator = max(cleaned.rfind(","), cleaned.rfind("."))
        thousands = "." if cleaned[decimal_separator] == "," else ","
        cleaned = cleaned.replace(thousands, "")
    match = _AMOUNT.fullmatch(cleaned)
    if match is None:
        raise DomainError(
            _("Enter the amount as a number, e.g. {example}.").format(example="1 229,00"),
            field=field,
        )
    whole, fraction = match.group(1), match.group(2) or "0"
    if len(fraction) > 2:
        raise DomainError(_("An amount can have at most two decimal places."), field=field)
    value = Decimal(f"{whole}.{fraction}").quantize(_CENT)
    return -value if negative and value else value


def validate_postal_code(text: str, field: str | None = "postal_code") -> str:
    """A Polish postal code ``NN-NNN`` (``NNNNN`` is accepted and gets its hyphen)."""
    cleaned = text.strip()
    match = _POSTAL.fullmatch(cleaned)
    if match is None:
        raise DomainError(
            _("Enter the postal code as NN-NNN, e.g. {example}.").format(example="74-100"),
            field=field,
        )
    return f"{match.group(1)}-{match.group(2)}"


def format_hours(minutes: int) -> str:
    """For display: 90 -> "1 h 30 min", 60 -> "1 h", 45 -> "45 min", -90 -> "-1 h 30 min"."""
    sign = "-" if minutes < 0 else ""
    hours, rest = divmod(abs(minutes), 60)
    if hours and rest:
        text = _("{hours} h {minutes} min").format(hours=hours, minutes=rest)
    elif hours:
        text = _("{hours} h").format(hours=hours)
    else:
        text = _("{minutes} min").format(minutes=rest)
    return sign + text


def hours_decimal(minutes: int) -> str:
    """Hours with two decimals and a comma, for hour sheets: 90 -> "1,50", 20 -> "0,33"."""
    value = (Decimal(minutes) / 60).quantize(_CENT, rounding=ROUND_HALF_UP)
    return f"{value:.2f}".replace(".", ",")


def format_minutes_hhmm(minutes: int) -> str:
    """Hours and minutes: 90 -> "1:30", 5 -> "0:05", -90 -> "-1:30"."""
    sign = "-" if minutes < 0 else ""
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours}:{rest:02d}"
