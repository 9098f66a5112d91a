"""PESEL, the Polish personal identification number: YYMMDDZZZXQ.

- YYMMDD is the birth date; the century is encoded in the month: +80 for the 1800s, +0 for the
  1900s, +20 for the 2000s, +40 for the 2100s, +60 for the 2200s.
- ZZZ is a serial number, X the sex digit (even = female, odd = male).
- Q is the check digit: (10 - (sum of d_i * w_i) mod 10) mod 10, weights 1 3 7 9 1 3 7 9 1 3.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from opsdesk.domain.errors import DomainError
from opsdesk.i18n import _

Sex = Literal["F", "M"]

WEIGHTS = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
# Month offset -> first year of the century it encodes.
_CENTURY_BY_OFFSET = {80: 1800, 0: 1900, 20: 2000, 40: 2100, 60: 2200}
_OFFSET_BY_CENTURY = {century: offset for offset, century in _CENTURY_BY_OFFSET.items()}
FIRST_BIRTH_DATE = date(1800, 1, 1)
LAST_BIRTH_DATE = date(2299, 12, 31)


@dataclass(frozen=True)
class PeselInfo:
    pesel: str
    birth_date: date
    sex: Sex


def check_digit(first_ten: str) -> int:
    """The check digit Q for the first ten digits of a PESEL."""
    total = sum(int(digit) * weight for digit, weight in zip(first_ten, WEIGHTS, strict=True))
    return (10 - total % 10) % 10


def parse_pesel(text: str) -> PeselInfo:
    """Validate a PESEL (surrounding spaces ignored) and read the birth date and sex from it.

    Raises DomainError (field "pesel") with a Polish message: empty, not digits only, not
    11 digits, wrong check digit, or a birth date that does not exist (e.g. 30 February).
    """
    pesel = text.strip()
    if not pesel:
        raise DomainError(_("Enter the PESEL number."), field="pesel")
    if not (pesel.isascii() and pesel.isdigit()):
        raise DomainError(_("PESEL may contain digits only."), field="pesel")
    if len(pesel) != 11:
        raise DomainError(
            _("PESEL must have 11 digits, it has {count}.").format(count=len(pesel)),
            field="pesel",
        )
    if check_digit(pesel[:10]) != int(pesel[10]):
        raise DomainError(
            _("The PESEL check digit does not match; check the number for a typing error."),
            field="pesel",
        )
    birth_date = _birth_date(pesel)
    if birth_date is None:
        raise DomainError(_("PESEL contains a birth date that does not exist."), field="pesel")
    sex: Sex = "F" if int(pesel[9]) % 2 == 0 else "M"
    return PeselInfo(pesel=pesel, birth_date=birth_date, sex=sex)


def is_valid_pesel(text: str) -> bool:
    try:
        parse_pesel(text)
    except DomainError:
        return False
    return True


def make_pesel(birth_date: date, sex: Sex, serial: int) -> str:
    """A valid PESEL for a birth date (1800-2299), sex and serial 0..999 (used for demo data).

    The serial becomes ZZZ; the sex digit X is derived from it (X = 2 * (serial mod 5), plus 1
    for a man), so different (birth_date, sex, serial) always give different numbers.
    """
    if not FIRST_BIRTH_DATE <= birth_date <= LAST_BIRTH_DATE:
        raise ValueError(f"PESEL cannot encode a birth date in {birth_date.year}")
    if sex not in ("F", "M"):
        raise ValueError(f"sex must be 'F' or 'M', not {sex!r}")
    if not 0 <= serial <= 999:
        raise ValueError(f"serial must be 0..999, not {serial}")
    century = birth_date.year // 100 * 100
    month = birth_date.month + _OFFSET_BY_CENTURY[century]
    sex_digit = 2 * (serial % 5) + (1 if sex == "M" else 0)
    first_ten = f"{birth_date.year % 100:02d}{month:02d}{birth_date.day:02d}{serial:03d}{sex_digit}"
    return first_ten + str(check_digit(first_ten))


def _birth_date(pesel: str) -> date | None:
    year, month, day = int(pesel[0:2]), int(pesel[2:4]), int(pesel[4:6])
    offset = month // 20 * 20
    century = _CENTURY_BY_OFFSET.get(offset)
    if century is None:
        return None
    try:
        return date(century + year, month - offset, day)
    except ValueError:
        return None
