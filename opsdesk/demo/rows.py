"""Rows collected in memory and written in bulk; the database assigns every primary key.

Generating thousands of visits and events as ORM objects is slow; the demo collects plain
dicts and inserts every table with one bulk INSERT ... RETURNING, parents before children.
Before that, a queued row is known by a stand-in for its id (a ``Ref``), so other rows can
refer to it; writing a table swaps each stand-in for the id the database gave the row. No id
is ever written by the demo, so PostgreSQL's sequences stay in step with the tables.
"""

from __future__ import annotations

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from opsdesk.storage.models import Base


class Ref(int):
    """The stand-in id of a queued row: ``table`` and its place in the queue (from 1).

    An int, so generators may sort and key by it as by an id; never written as one."""

    table: str

    def __new__(cls, table: str, number: int) -> Ref:
        ref = super().__new__(cls, number)
        ref.table = table
        return ref

    def __repr__(self) -> str:
        return f"Ref({self.table!r}, {int(self)})"


class Rows:
    def __init__(self, session: Session):
        self._session = session
        self._rows: dict[str, list[dict]] = {}
        self._refs: dict[str, list[Ref]] = {}
        self.ids: dict[Ref, int] = {}  # after ``write``: the id the database gave each row

    def add(self, model, **values) -> Ref | None:
        """Queue one row of ``model``; returns its stand-in id (None for tables without
        their own ``id``)."""
        table: Table = model.__table__
        if "id" in values:
            raise ValueError(f"the demo lets the database number {table.name} rows")
        rows = self._rows.setdefault(table.name, [])
        rows.append(values)
        if not _has_serial_id(table):
            return None
        ref = Ref(table.name, len(rows))
        self._refs.setdefault(table.name, []).append(ref)
        return ref

    def new(self, model, **values) -> Ref:
        """Queue one row of a table with its own ``id`` and return the row's stand-in id."""
        ref = self.add(model, **values)
        if ref is None:
            raise ValueError(f"{model.__table__.name} rows have no id of their own")
        return ref

    def of(self, model) -> list[dict]:
        """The queued rows of ``model`` (live dicts: a generator may still change them)."""
        return self._rows.get(model.__table__.name, [])

    def by_ref(self, model) -> dict[int, dict]:
        """The queued rows of ``model`` by their stand-in ids (live dicts, as ``of``); a
        ``Ref`` is an int, so a plan's ``id`` finds its row."""
        name = model.__table__.name
        return dict(zip(self._refs.get(name, []), self._rows.get(name, []), strict=True))

    def write(self) -> None:
        """Insert everything queued, parents first, inside the session's transaction."""
        for table in Base.metadata.sorted_tables:
            rows = self._rows.pop(table.name, None)
            if not rows:
                continue
            values = _complete(table, [self._resolved(row) for row in rows])
            if not _has_serial_id(table):
                self._session.execute(insert(table), values)
                continue
            statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
            new_ids = self._session.execute(statement, values).scalars().all()
            for ref, new_id in zip(self._refs.pop(table.name), new_ids, strict=True):
                self.ids[ref] = new_id
        if self._rows:
            raise RuntimeError(f"demo rows of unknown tables: {sorted(self._rows)}")

    def _resolved(self, row: dict) -> dict:
        """The row with every stand-in replaced by the real id (its table is written)."""
        return {
            key: self.ids[value] if isinstance(value, Ref) else value for key, value in row.items()
        }


def _has_serial_id(table: Table) -> bool:
    return "id" in table.c and list(table.primary_key.columns) == [table.c.id]


def _complete(table: Table, rows: list[dict]) -> list[dict]:
    """Give every row the same keys (a bulk insert needs them), filling column defaults."""
    keys = {key for row in rows for key in row}
    defaults = {}
    for key in keys:
        default = table.c[key].default
        defaults[key] = default.arg if default is not None and default.is_scalar else None
    return [{key: row.get(key, defaults[key]) for key in keys} for row in rows]
