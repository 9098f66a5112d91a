"""Opening the office's database at start: create, upgrade, or refuse it.

An existing SQLite file is first looked at read-only (``mode=ro``): an interrupted restore is
finished (``backup.finish_interrupted_restore``), then the file must be a sound SQLite database
(``quick_check``), not empty, with sound references (``foreign_key_check``) and either empty of
tables or opsdesk's of a version this opsdesk knows. Only then is it opened for writing (which
switches it to WAL and may upgrade its schema). A refused file is never changed, not even its
journal mode.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime
from pathlib import Path

from opsdesk.i18n import _
from opsdesk.storage.backup import BackupError, BackupFile, finish_interrupted_restore
from opsdesk.storage.database import Database
from opsdesk.storage.health import broken_references_advice, empty_file_message
from opsdesk.storage.integrity import DamagedDatabaseError, connect_readonly, ensure_sound
from opsdesk.storage.migrate import (
    KNOWN_REVISIONS,
    NewerDatabaseError,
    NotOpsdeskDatabaseError,
    SchemaState,
    schema_state,
    upgrade_to_head,
)

log = logging.getLogger("opsdesk.storage")

MAX_REFERENCES = 20


def refusals() -> tuple[type[Exception], ...]:
    """What ``open_database`` raises for a database it will not open, each with a Polish
    message for the person (the command line prints it and exits with 2)."""
    return (NewerDatabaseError, NotOpsdeskDatabaseError, DamagedDatabaseError, BackupError)


def open_database(url: str, moment: datetime | None = None) -> Database:
    """Open ``url`` and bring its schema to head.

    Raises ``NewerDatabaseError`` for a database of a newer opsdesk, ``NotOpsdeskDatabaseError``
    for a database of another program, and ``DamagedDatabaseError`` for a SQLite file that is
    empty (0 bytes), fails ``PRAGMA quick_check`` or has broken references; none of them is
    modified.

    Before a SQLite database of an older opsdesk is migrated, a verified backup of it is
    written to its backup folder (named for ``moment``, default now): a migration that goes
    wrong, or a version the office wants to go back to, has the data as they were; a
    ``BackupError`` (nothing is migrated) when it cannot be written.
    """
    db = Database(url)
    try:
        if db.sqlite_path is not None:
            finish_interrupted_restore(db.sqlite_path)
            if db.sqlite_path.exists():
                inspect_readonly(db.sqlite_path)  # before any connection may write
        if db.sqlite_path is not None and schema_state(db.engine) is SchemaState.OUTDATED:
            backup_before_migration(db, moment or datetime.now())
        state = upgrade_to_head(db.engine)
    except Exception:
        db.dispose()
        raise
    log.info(
        "database %s opened (%s)", db.engine.url.render_as_string(hide_password=True), state.value
    )
    return db


def inspect_readonly(path: Path) -> None:
    """Refuse (raise) a SQLite file opsdesk must not open for writing; never writes to it."""
    path = Path(path)
    if path.stat().st_size == 0:
        log.error("database %s is an empty file", path)
        raise DamagedDatabaseError(path, [empty_file_message()])
    ensure_sound(path)
    connection = connect_readonly(path)
    try:
        tables = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        revision = None
        if "alembic_version" in tables:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = str(row[0]) if row else None
        if revision is not None and revision not in KNOWN_REVISIONS:
            raise NewerDatabaseError(revision)
        if revision is None and tables - {"alembic_version"}:
            raise NotOpsdeskDatabaseError()
        broken = broken_references(connection)
    except sqlite3.Error as error:
        raise DamagedDatabaseError(path, [str(error)]) from None
    finally:
        connection.close()
    if broken:
        log.error("database %s has broken references: %s", path, "; ".join(broken[:5]))
        raise DamagedDatabaseError(
            path,
            [
                _("{n} records refer to records that do not exist (for example {first}).").format(
                    n=len(broken), first=broken[0]
                )
                + " "
                + broken_references_advice(),
                *broken[1:],
            ],
        )


def broken_references(connection: sqlite3.Connection) -> list[str]:
    """Rows whose foreign key points at nothing: ``table rowid -> parent`` (at most 20)."""
    rows = connection.execute("PRAGMA foreign_key_check").fetchmany(MAX_REFERENCES)
    return [f"{table} {rowid} -> {parent}" for table, rowid, parent, _fk in rows]


def backup_before_migration(db: Database, moment: datetime) -> BackupFile:
    from opsdesk.storage.backup import backup_folder, unique_target, write_backup

    assert db.sqlite_path is not None
    db.engine.dispose()  # the copy reads the file as it is on disk
    target = unique_target(backup_folder(db.sqlite_path), moment)
    written = write_backup(db.sqlite_path, target)
    log.info("backup before migrating: %s", written.path)
    return written
