"""Which region an address belongs to: locality, street and optional house-number range.

The most specific rule wins: a street with a number range, then a whole street, then a
whole locality. Comparison ignores case, Polish letters and a street prefix ("ul. Łąkowa" =
"lakowa"). Two rules of different regions that would tie for one address clash
(``clashes``): routing could not tell where that address belongs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from opsdesk.domain.text import fold

_STREET_PREFIXES = ("ul. ", "ul ", "al. ", "os. ", "pl. ")


@dataclass(frozen=True)
class AreaRule:
    region_id: int
    locality: str
    street: str = ""  # "" = the whole locality
    number_from: int = 0
    number_to: int | None = None

    @property
    def has_range(self) -> bool:
        return bool(self.street) and (self.number_from != 0 or self.number_to is not None)

    def place_key(self) -> tuple[str, str]:
        """The locality and street as routing compares them."""
        return fold(self.locality).strip(), _norm_street(self.street)


def clashes(first: AreaRule, second: AreaRule) -> bool:
    """True when some address would match both rules equally well: the same locality (or
    street), or two house-number ranges of one street that share a number."""
    if first.place_key() != second.place_key() or first.has_range != second.has_range:
        return False
    if not first.has_range:
        return True
    return (first.number_to is None or second.number_from <= first.number_to) and (
        second.number_to is None or first.number_from <= second.number_to
    )


def _norm_street(street: str) -> str:
    folded = fold(street).strip()
    for prefix in _STREET_PREFIXES:
        if folded.startswith(prefix):
            return folded[len(prefix) :].strip()
    return folded


def house_number_value(house_number: str) -> int | None:
    match = re.match(r"\s*(\d+)", house_number or "")
    return int(match.group(1)) if match else None


def find_region(
    rules: Iterable[AreaRule], locality: str, street: str = "", house_number: str = ""
) -> int | None:
    locality_key = fold(locality).strip()
    street_key = _norm_street(street)
    number = house_number_value(house_number)
    best: tuple[int, int] | None = None
    for rule in rules:
        if fold(rule.locality).strip() != locality_key:
            continue
        if not rule.street:
            rank = 1
        elif _norm_street(rule.street) != street_key:
            continue
        elif rule.has_range:
            if number is None or number < rule.number_from:
                continue
            if rule.number_to is not None and number > rule.number_to:
                continue
            rank = 3
        else:
            rank = 2
        if best is None or rank > best[0]:
            best = (rank, rule.region_id)
    return best[1] if best else None
