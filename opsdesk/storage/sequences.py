"""PostgreSQL's id sequences against their tables: which lag behind, and catching them up.

A row inserted with an explicit id (a restore, a bulk load) leaves the table's sequence
behind: the next insert is given an id already taken and fails. Nothing in opsdesk writes
explicit ids but a bulk copy of a whole office (``storage.table_copy``), which catches up.
SQLite numbers from the table's largest id, so there both are no-ops.
"""

from __future__ import annotations

from sqlalchemy import Table, func, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from opsdesk.storage.models import Base


def _serial_tables(session: Session | Connection) -> list[Table]:
    dialect = session.dialect if isinstance(session, Connection) else session.get_bind().dialect
    if dialect.name != "postgresql":
        return []
    return [
        t
        for t in Base.metadata.sorted_tables
        if "id" in t.c and list(t.primary_key.columns) == [t.c.id]
    ]


def lagging(session: Session) -> list[tuple[str, int, int]]:
    """(table, sequence's last value, table's largest id) for every sequence behind."""
    found = []
    for table in _serial_tables(session):
        sequence = session.scalar(
            text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table.name}
        )
        if sequence is None:
            continue
        last, called = session.execute(text(f"SELECT last_value, is_called FROM {sequence}")).one()
        largest = session.scalar(select(func.max(table.c.id))) or 0
        if (last if called else last - 1) < largest:
            found.append((table.name, last, largest))
    return found


def catch_up(session: Session | Connection) -> None:
    """Move every id sequence to its table's largest id (no-op on SQLite)."""
    for table in _serial_tables(session):
        session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f'coalesce(max(id), 1), max(id) IS NOT NULL) FROM "{table.name}"'
            )
        )
