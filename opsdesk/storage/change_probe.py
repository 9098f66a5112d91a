"""How a screen learns that others (another window, another workstation) changed data.

On SQLite, ``PRAGMA data_version`` read on one dedicated raw connection changes whenever
another connection commits (docs/machine-facts.md: a few microseconds a poll, none missed).

On PostgreSQL, one listener thread per database (shared by every probe of it) keeps its own
autocommit connection ``LISTEN``-ing to the notices the tables' triggers send at each commit
(``storage.change_notices``) and counts them; a probe compares the count with what it saw at
its last poll. When the connection is lost the listener says so (``online``), tries again
with a growing pause (0.5 s up to 30 s), and counts a reconnection as a change: every screen
reloads, since notices sent meanwhile were missed.

Any other database: every poll reports a change and the screen asks its service whether what
it shows has changed.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from typing import Any

from opsdesk.storage.change_notices import CHANNEL
from opsdesk.storage.database import BUSY_TIMEOUT_MS, Database

log = logging.getLogger("opsdesk.storage")

FIRST_RETRY_S = 0.5
LONGEST_RETRY_S = 30.0


class ServerListener:
    """The thread counting a PostgreSQL database's change notices."""

    def __init__(self, db: Database):
        self._db = db
        self._lock = threading.Lock()
        self._count = 0
        self._online = True
        self._users = 0
        self._stopping = threading.Event()
        self._thread = threading.Thread(
            target=self._run, name="opsdesk-change-listener", daemon=True
        )
        self._listening = threading.Event()
        self._thread.start()

    @property
    def count(self) -> int:
        with self._lock:
            return self._count

    @property
    def online(self) -> bool:
        with self._lock:
            return self._online

    def wait_listening(self, timeout: float) -> bool:
        """Block until the first LISTEN is in place (tests, and a screen's first load)."""
        return self._listening.wait(timeout)

    def _bump(self, online: bool | None = None) -> None:
        with self._lock:
            self._count += 1
            if online is not None:
                self._online = online

    def _run(self) -> None:
        pause = FIRST_RETRY_S
        while not self._stopping.is_set():
            connection: Any = None  # a psycopg.Connection (an optional dependency)
            try:
                raw = self._db.engine.raw_connection()
                connection = raw.driver_connection
                raw.detach()  # this connection is the listener's alone, never the pool's
                connection.rollback()
                connection.autocommit = True
                connection.execute(f"LISTEN {CHANNEL}")
                if self._listening.is_set():
                    log.info("change notices: connected again")
                self._bump(online=True)  # anything may have changed while not listening
                self._listening.set()
                pause = FIRST_RETRY_S
                while not self._stopping.is_set():
                    for _notice in connection.notifies(timeout=0.5):
                        self._bump()
            except Exception as error:
                if self._stopping.is_set():
                    break
                with self._lock:
                    was_online, self._online = self._online, False
                if was_online:
                    log.warning("change notices: connection lost (%s)", error)
                self._stopping.wait(pause)
                pause = min(pause * 2, LONGEST_RETRY_S)
            finally:
                if connection is not None:
                    try:
                        connection.close()
                    except Exception:
                        pass

    def acquire(self) -> ServerListener:
        with self._lock:
            self._users += 1
        return self

    def release(self) -> bool:
        """One user fewer; True (and the thread stopping) when it was the last."""
        with self._lock:
            self._users -= 1
            last = self._users <= 0
        if last:
            self._stopping.set()
        return last


_listeners: dict[int, ServerListener] = {}
_listeners_lock = threading.Lock()


def _listener_for(db: Database) -> ServerListener:
    with _listeners_lock:
        listener = _listeners.get(id(db))
        if listener is None or listener._stopping.is_set():
            listener = _listeners[id(db)] = ServerListener(db)
        return listener.acquire()


def _release(db: Database, listener: ServerListener) -> None:
    with _listeners_lock:
        if listener.release() and _listeners.get(id(db)) is listener:
            del _listeners[id(db)]


class ChangeProbe:
    """``changed()`` is True when someone committed since the last poll."""

    def __init__(self, db: Database):
        self._db = db
        self._connection: sqlite3.Connection | None = None
        self._listener: ServerListener | None = None
        self._last: int | None = None
        path = db.sqlite_path
        if path is not None:
            self._connection = sqlite3.connect(
                str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
            )
            self._last = self._version(self._connection)
        elif db.engine.dialect.name == "postgresql":
            self._listener = _listener_for(db)
            self._last = self._listener.count

    @property
    def exact(self) -> bool:
        """False when every poll reports a change (neither SQLite nor PostgreSQL)."""
        return self._connection is not None or self._listener is not None

    @property
    def online(self) -> bool:
        """False while the server's listener has lost its connection."""
        return self._listener is None or self._listener.online

    def wait_listening(self, timeout: float = 10.0) -> bool:
        return self._listener is None or self._listener.wait_listening(timeout)

    @staticmethod
    def _version(connection: sqlite3.Connection) -> int:
        version: int = connection.execute("PRAGMA data_version").fetchone()[0]
        return version

    def changed(self) -> bool:
        if self._listener is not None:
            count = self._listener.count
            if count != self._last:
                self._last = count
                return True
            return False
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
        if self._listener is not None:
            _release(self._db, self._listener)
            self._listener = None
