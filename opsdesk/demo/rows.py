"""Rows collected in memory and written in bulk, with primary keys handed out in advance.

Generating thousands of visits and events as ORM objects is slow; the demo collects plain
dicts, gives each row its id at once (so other rows can refer to it) and inserts every table
with one executemany, parents before children.
"""

from __future__ import annotations

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session

from opsdesk.storage.models import Base


class Rows:
    def __init__(self, session: Session):
        self._session = session
        self._next_id: dict[str, int] = {}
        self._rows: dict[str, list[dict]] = {}

    def add(self, model, **values) -> int | None:
        """Queue one row of ``model``; returns its new id (None for tables without ``id``)."""
        table: Table = model.__table__
        if "id" in table.c and table.c.id.primary_key and "id" not in values:
            values["id"] = self._allocate(table)
        self._rows.setdefault(table.name, []).append(values)
        return values.get("id")

    def of(self, model) -> list[dict]:
        """The queued rows of ``model`` (live dicts: a generator may still change them)."""
        return self._rows.get(model.__table__.name, [])

    def write(self) -> None:
        """Insert everything queued, parents first, inside the session's transaction."""
        for table in Base.metadata.sorted_tables:
            rows = self._rows.pop(table.name, None)
            if rows:
                self._session.execute(insert(table), _complete(table, rows))

    def _allocate(self, table: Table) -> int:
        if table.name not in self._next_id:
            current = self._session.scalar(select(func.max(table.c.id))) or 0
            self._next_id[table.name] = current + 1
        value = self._next_id[table.name]
        self._next_id[table.name] = value + 1
        return value


def _complete(table: Table, rows: list[dict]) -> list[dict]:
    """Give every row the same keys (an executemany needs them), filling column defaults."""
    keys = {key for row in rows for key in row}
    defaults = {}
    for key in keys:
        default = table.c[key].default
        defaults[key] = default.arg if default is not None and default.is_scalar else None
    return [{key: row.get(key, defaults[key]) for key in keys} for row in rows]
