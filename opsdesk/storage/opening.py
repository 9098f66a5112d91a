"""Opening the office's database at start: create, upgrade, or refuse it."""

from __future__ import annotations

import logging
from datetime import datetime

from opsdesk.storage.database import Database
from opsdesk.storage.integrity import ensure_sound
from opsdesk.storage.migrate import SchemaState, schema_state, upgrade_to_head

log = logging.getLogger("opsdesk.storage")


def open_database(url: str, moment: datetime | None = None) -> Database:
    """Open ``url`` and bring its schema to head.

    Before a SQLite database of an older opsdesk is migrated, a verified backup of it is
    written to its backup folder (named for ``moment``, default now): a migration that goes
    wrong, or a version the office wants to go back to, has the data as they were.

    Raises ``NewerDatabaseError`` (nothing is modified) for a database of a newer opsdesk,
    ``DamagedDatabaseError`` (nothing is modified either) for a SQLite file that fails
    ``PRAGMA quick_check`` or cannot be read, and ``BackupError`` (nothing is migrated) when
    the backup before a migration cannot be written.
    """
    db = Database(url)
    if db.sqlite_path is not None and db.sqlite_path.exists():
        try:
            ensure_sound(db.sqlite_path)  # read-only, before any connection may write
        except Exception:
            db.dispose()
            raise
    try:
        if db.sqlite_path is not None and schema_state(db.engine) is SchemaState.OUTDATED:
            backup_before_migration(db, moment or datetime.now())
        state = upgrade_to_head(db.engine)
    except Exception:
        db.dispose()
        raise
    log.info("database %s opened (%s)", db.engine.url.render_as_string(hide_password=True),
             state.value)
    return db


def backup_before_migration(db: Database, moment: datetime):
    from opsdesk.storage.backup import backup_folder, unique_target, write_backup

    assert db.sqlite_path is not None
    db.engine.dispose()  # the copy reads the file as it is on disk
    target = unique_target(backup_folder(db.sqlite_path), moment)
    written = write_backup(db.sqlite_path, target)
    log.info("backup before migrating: %s", written.path)
    return written
