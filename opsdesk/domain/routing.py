"""Which region an address belongs to: locality, street and optional house-number range.

The most specific rule wins: a street with a number range, then a whole street, then a
whole locality. Comparison ignores case and Polish letters ("Łąkowa" = "lakowa").
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


def _norm_street(street: str) -> str:
    folded = fold(street).strip()
    for prefix in _STREET_PREFIXES:
        if folded.startswith(prefix):
            return folded[len(prefix):].strip()
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
        elif rule.number_from or rule.number_to is not None:
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
