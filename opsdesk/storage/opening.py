"""Opening the office's database at start: create, upgrade, or refuse it."""

from __future__ import annotations

import logging

from opsdesk.storage.database import Database
from opsdesk.storage.integrity import ensure_sound
from opsdesk.storage.migrate import upgrade_to_head

log = logging.getLogger("opsdesk.storage")


def open_database(url: str) -> Database:
    """Open ``url`` and bring its schema to head.

    Raises ``NewerDatabaseError`` (nothing is modified) for a database of a newer opsdesk,
    and ``DamagedDatabaseError`` (nothing is modified either) for a SQLite file that fails
    ``PRAGMA quick_check`` or cannot be read.
    """
    db = Database(url)
    if db.sqlite_path is not None and db.sqlite_path.exists():
        try:
            ensure_sound(db.sqlite_path)  # read-only, before any connection may write
        except Exception:
            db.dispose()
            raise
    try:
        state = upgrade_to_head(db.engine)
    except Exception:
        db.dispose()
        raise
    log.info("database %s opened (%s)", db.engine.url.render_as_string(hide_password=True),
             state.value)
    return db
