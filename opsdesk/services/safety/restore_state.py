"""Is a restore of the database waiting to be finished? Asked by the application before it
decides between the login and setting up a new office; imports no SQLAlchemy (start-up)."""

from __future__ import annotations

from pathlib import Path

from opsdesk.storage.backup import restore_pending


def restore_waiting(database: Path) -> bool:
    """A restore stopped half-way; opening the database finishes it (it is no new office)."""
    return restore_pending(Path(database))
