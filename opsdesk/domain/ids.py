"""Ids of the things opsdesk keeps, each its own type so that a checker (mypy) refuses a
client's id where a case's is expected. ``NewType`` is free at run time: an id is a plain int.

Services put these in their plain records and take them in their methods; code that gets an
int from elsewhere (a table row, a widget's item data) says what it is: ``ClientId(value)``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NewType, TypeVar

ClientId = NewType("ClientId", int)
CaseId = NewType("CaseId", int)
VisitId = NewType("VisitId", int)
StaffId = NewType("StaffId", int)
TeamId = NewType("TeamId", int)
ContractId = NewType("ContractId", int)
SessionId = NewType("SessionId", int)
RegionId = NewType("RegionId", int)

IdT = TypeVar("IdT", bound=int)


def optional_id(kind: Callable[[int], IdT], value: int | None) -> IdT | None:
    """``kind(value)``, or None for no id: ``optional_id(TeamId, visit.target_team_id)``."""
    return None if value is None else kind(value)
