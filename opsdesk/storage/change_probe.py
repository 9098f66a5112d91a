"""How a screen learns that others (another window, another workstation) changed data.

On SQLite, ``PRAGMA data_version`` read on one dedicated raw connection changes whenever
another connection commits (docs/machine-facts.md: a few microseconds a poll, none missed);
elsewhere the probe reports a change on every poll and the screen asks its service whether
what it shows has changed (or simply reloads when its queries are small).
"""

from __future__ import annotations

import logging
import sqlite3

from opsdesk.storage.database import BUSY_TIMEOUT_MS, Database

log = logging.getLogger("opsdesk.storage")


class ChangeProbe:
    """``changed()`` is True when someone committed since the last poll."""

    def __init__(self, db: Database):
        self._connection: sqlite3.Connection | None = None
        self._last: int | None = None
        path = db.sqlite_path
        if path is not None:
            self._connection = sqlite3.connect(
                str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
            )
            self._last = self._version(self._connection)

    @property
    def exact(self) -> bool:
        """False when every poll reports a change (not SQLite)."""
        return self._connection is not None

    @staticmethod
    def _version(connection: sqlite3.Connection) -> int:
        version: int = connection.execute("PRAGMA data_version").fetchone()[0]
        return version

    def changed(self) -> bool:
        connection = self._connection
        if connection is None:
            return True
        try:
            version = self._version(connection)
        except sqlite3.Error:
            log.exception("data_version poll failed")
            return True
        if version != self._last:
            self._last = version
            return True
        return False

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
