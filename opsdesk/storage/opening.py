"""Opening the office's database at start: create, upgrade, or refuse it."""

from __future__ import annotations

import logging

from opsdesk.storage.database import Database
from opsdesk.storage.migrate import upgrade_to_head

log = logging.getLogger("opsdesk.storage")


def open_database(url: str) -> Database:
    """Open ``url`` and bring its schema to head.

    Raises ``NewerDatabaseError`` (nothing is modified) for a database of a newer opsdesk.
    """
    db = Database(url)
    try:
        state = upgrade_to_head(db.engine)
    except Exception:
        db.dispose()
        raise
    log.info("database %s opened (%s)", db.engine.url.render_as_string(hide_password=True),
             state.value)
    return db
