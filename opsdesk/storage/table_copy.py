"""Every table of one opsdesk database copied into another of the same schema, and proved equal.

Used to move a SQLite office to a PostgreSQL server (``opsdesk migrate-to``) and to back a
server office up into an ordinary opsdesk SQLite file and restore it from one. Both sides
must be at the same schema revision; the caller owns the transactions, so a copy either
happens whole or not at all.

Rows are read and written through SQLAlchemy Core with the tables' own types, in foreign-key
order, in batches (a year of visits never sits in memory at once). Each table's fingerprint is
its row count plus an order-independent checksum: the sum of every row's SHA-256 modulo
2^256, so the two databases need not sort text alike. Ids are copied as they are; on
PostgreSQL the id sequences are caught up afterwards (``storage.sequences``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import Table, delete, func, insert, select, text
from sqlalchemy.engine import Connection

from opsdesk.storage import sequences
from opsdesk.storage.models import Base

BATCH_ROWS = 2_000
_MODULUS = 1 << 256
# rows fetched in batches from a server-side cursor, for this statement only (the
# connection's own execution_options() would change every later statement too)
_STREAMED = {"stream_results": True}

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class TableFingerprint:
    rows: int
    checksum: int


def tables() -> list[Table]:
    """Every opsdesk table, parents before the tables that refer to them."""
    return list(Base.metadata.sorted_tables)


def row_counts(connection: Connection) -> dict[str, int]:
    return {
        table.name: connection.scalar(select(func.count()).select_from(table)) or 0
        for table in tables()
    }


# Tables a freshly migrated schema already fills (the shipped letter templates, seeded by
# their migration): rows there alone do not make an office.
SEEDED_TABLES = frozenset({"letter_template", "letter_template_version"})


def has_office_data(connection: Connection) -> bool:
    """Does any table hold a row of the office's own (a schema just created holds none)?"""
    return any(
        connection.scalar(select(select(table).limit(1).exists()))
        for table in tables()
        if table.name not in SEEDED_TABLES
    )


def copy_tables(source: Connection, target: Connection, progress: Progress | None = None) -> int:
    """Make every table of ``target`` hold exactly the rows of ``source``; the rows copied.

    The target's own rows go first (in the caller's transaction): a schema just created
    already holds what its migrations seed, and those rows come again from the source."""
    clear_tables(target)
    total = sum(row_counts(source).values())
    done = 0
    if progress is not None:
        progress(0, total)
    for table in tables():
        result = source.execute(select(table), execution_options=_STREAMED)
        while batch := result.mappings().fetchmany(BATCH_ROWS):
            target.execute(insert(table), [dict(row) for row in batch])
            done += len(batch)
            if progress is not None:
                progress(done, total)
    return done


def copy_and_compare(
    source: Connection, target: Connection, progress: Progress | None = None
) -> list[str]:
    """``copy_tables``, the target's id sequences caught up (PostgreSQL), then the names of
    the tables whose copy differs from the source (none: the copy is faithful)."""
    copy_tables(source, target, progress)
    sequences.catch_up(target)
    return differences(fingerprints(source), fingerprints(target))


def clear_tables(connection: Connection) -> None:
    """Delete every row (the schema and its revision stay). On PostgreSQL one TRUNCATE of
    every table: quick, and it locks the tables against every other session until the
    transaction ends."""
    if connection.dialect.name == "postgresql":
        names = ", ".join(connection.dialect.identifier_preparer.quote(t.name) for t in tables())
        connection.execute(text(f"TRUNCATE TABLE {names}"))
        return
    for table in reversed(tables()):  # children first
        connection.execute(delete(table))


def fingerprints(connection: Connection) -> dict[str, TableFingerprint]:
    return {table.name: _fingerprint(connection, table) for table in tables()}


def differences(
    first: dict[str, TableFingerprint], second: dict[str, TableFingerprint]
) -> list[str]:
    """The names of the tables whose rows differ (in number or content)."""
    return sorted(
        name for name in first.keys() | second.keys() if first.get(name) != second.get(name)
    )


def _fingerprint(connection: Connection, table: Table) -> TableFingerprint:
    rows = 0
    checksum = 0
    columns = sorted(table.c, key=lambda column: column.name)
    result = connection.execute(select(*columns), execution_options=_STREAMED)
    while batch := result.fetchmany(BATCH_ROWS):
        for row in batch:
            rows += 1
            checksum = (checksum + _row_hash(row)) % _MODULUS
    return TableFingerprint(rows, checksum)


def _row_hash(values: Iterable[object]) -> int:
    text = "\x1f".join(_canonical(value) for value in values)
    return int.from_bytes(hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest(), "big")


def _canonical(value: object) -> str:
    """One spelling per value, whichever database returned it."""
    if value is None:
        return "\x00"
    if isinstance(value, bool):
        return "T" if value else "F"
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return f"{type(value).__name__}:{value}"
