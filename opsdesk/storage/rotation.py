"""Which backups to keep: the newest of each of the last N days and of the last M months.

As in restic's and borg's ``--keep-daily`` / ``--keep-monthly``: the days and months counted are
those that *have* backups (a closed office over the holidays does not lose its history), a
backup may count for both, and the newest backup is always kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

T = TypeVar("T")

DEFAULT_DAILY = 14
DEFAULT_MONTHLY = 12
MAX_KEEP = 1000


@dataclass(frozen=True)
class RotationPolicy:
    daily: int = DEFAULT_DAILY
    monthly: int = DEFAULT_MONTHLY


def _newest_per_period(
    items: Sequence[T],
    when: Callable[[T], datetime],
    period: Callable[[datetime], object],
    count: int,
) -> set[int]:
    """Indexes of the newest item in each of the ``count`` most recent periods."""
    kept: set[int] = set()
    seen: set[object] = set()
    for index in sorted(range(len(items)), key=lambda i: when(items[i]), reverse=True):
        key = period(when(items[index]))
        if key in seen:
            continue
        if len(seen) >= count:
            break
        seen.add(key)
        kept.add(index)
    return kept


def to_delete(items: Iterable[T], when: Callable[[T], datetime], policy: RotationPolicy) -> list[T]:
    """The items the policy does not keep (oldest first). Of items with the same time, the
    one listed first counts as the newer (list newest first)."""
    items = list(items)
    if not items:
        return []
    kept = _newest_per_period(items, when, lambda t: t.date(), max(policy.daily, 0))
    kept |= _newest_per_period(items, when, lambda t: (t.year, t.month), max(policy.monthly, 0))
    kept.add(max(range(len(items)), key=lambda i: when(items[i])))
    doomed = [items[i] for i in range(len(items)) if i not in kept]
    return sorted(doomed, key=when)
