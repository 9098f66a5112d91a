"""A visit's queue events as one text value, read in the statement that locks the visit.

"Call next" must know the history of the person it takes (the share of the daily counts the
visit holds before the call, ``storage.indicator_counts``). Read in a statement of its own it
is one more round trip to a server; :func:`visit_history` reads it in the take itself:

- on PostgreSQL through the function ``opsdesk_visit_history`` (:data:`FUNCTION`, created
  by the migration ``0017_visit_history``). A function in PL/pgSQL runs its query with a
  snapshot of its own, taken when it is called — after the take has locked the visit. A
  subquery would see the events as they stood when the statement began, and could miss one
  another desk committed in between (adding an event locks the visit's key only; no later
  version of the row would tell). Nobody can add one while the lock is held.
- on SQLite, a subquery: a write there holds the whole file (``BEGIN IMMEDIATE``).

Each event is ``action|at|team|id`` (``at`` in ISO form, ``team`` empty when none), one per
line; :func:`steps` turns the text back into the events in the order they happened.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import String, literal_column
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from opsdesk.domain.queue import Step

FUNCTION = "opsdesk_visit_history"


class visit_history(FunctionElement[str]):
    """``visit_history(Visit.id)``: the visit's events as text (None: it has none)."""

    type = String()
    inherit_cache = True
    name = "visit_history"


@compiles(visit_history, "postgresql")
def _on_a_server(element: visit_history, compiler: SQLCompiler, **kw: Any) -> str:
    return f"{FUNCTION}({compiler.process(element.clauses, **kw)})"


@compiles(visit_history)
def _in_a_file(element: visit_history, compiler: SQLCompiler, **kw: Any) -> str:
    visit = compiler.process(element.clauses, **kw)
    events = (
        "SELECT group_concat(e.action || '|' || e.at || '|' || coalesce(e.team_id, '') "
        f"|| '|' || e.id, char(10)) FROM visit_event AS e WHERE e.visit_id = {visit}"
    )
    return compiler.process(literal_column(f"({events})"), **kw)


def steps(history: str | None) -> list[Step]:
    """The events of a :func:`visit_history` value, in the order they happened (by time, then
    as they were recorded)."""
    if not history:
        return []
    found = []
    for line in history.split("\n"):
        action, at, team, event_id = line.split("|")
        moment = datetime.fromisoformat(at)
        found.append((moment, int(event_id), Step(action, moment, int(team) if team else None)))
    return [step for _at, _id, step in sorted(found, key=lambda f: (f[0], f[1]))]
