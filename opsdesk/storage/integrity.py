"""Is a SQLite file sound, and is anybody else using it? Answered without writing to it.

``quick_check`` opens the file read-only (``mode=ro``) and runs ``PRAGMA quick_check``: it reads
every page once (O(N), cheap enough for the background thread that opens the database at start)
and never modifies the file. ``in_use_by_others`` tells whether another connection, in this
process or another, has the database open.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import struct
import sys
from pathlib import Path

from opsdesk.i18n import _

log = logging.getLogger("opsdesk.storage")

MAX_PROBLEMS = 20


def readonly_uri(path: Path) -> str:
    return Path(path).resolve().as_uri() + "?mode=ro"


def connect_readonly(path: Path, timeout: float = 10.0) -> sqlite3.Connection:
    """A connection that cannot write to ``path`` (SQLite may create empty -wal/-shm files)."""
    if not Path(path).is_file():
        raise FileNotFoundError(path)
    return sqlite3.connect(readonly_uri(path), uri=True, timeout=timeout, isolation_level=None)


class DamagedDatabaseError(RuntimeError):
    """The database file fails its integrity check or cannot be read; it was not modified."""

    def __init__(self, path: Path, problems: list[str]):
        self.path = Path(path)
        self.problems = list(problems)
        super().__init__(
            _("The database file {path} is damaged and cannot be used: {problem}").format(
                path=self.path, problem=self.problems[0] if self.problems else "?"
            )
        )


def check_problems(connection: sqlite3.Connection, pragma: str = "quick_check") -> list[str]:
    """The problems ``PRAGMA quick_check`` / ``integrity_check`` reports; [] when sound."""
    rows = [r[0] for r in connection.execute(f"PRAGMA {pragma}({MAX_PROBLEMS})")]
    return [] if rows == ["ok"] else [str(r) for r in rows]


def quick_check(path: Path) -> list[str]:
    """Problems of the SQLite file at ``path`` ([] when sound), found read-only."""
    try:
        connection = connect_readonly(path)
    except (sqlite3.Error, OSError) as error:
        return [str(error)]
    try:
        return check_problems(connection)
    except sqlite3.Error as error:
        return [str(error)]
    finally:
        connection.close()


def ensure_sound(path: Path) -> None:
    """Raise ``DamagedDatabaseError`` if the existing file at ``path`` is not sound."""
    problems = quick_check(path)
    if problems:
        log.error("database %s failed its quick check: %s", path, "; ".join(problems[:5]))
        raise DamagedDatabaseError(path, problems)


# --- who else has the database open ------------------------------------------------------

# SQLite's lock bytes (os_unix.c): PENDING at 1 GiB, then RESERVED, then the SHARED range.
_PENDING_BYTE = 0x40000000
_SHARED_FIRST = _PENDING_BYTE + 2
_SHARED_SIZE = 510


def _posix_lock_held_elsewhere(path: Path) -> bool:
    """Another process holds a SQLite lock on ``path`` (Linux ``F_GETLK``; never writes)."""
    import fcntl

    fd = os.open(path, os.O_RDONLY)
    try:
        layout = "hhqqi"  # struct flock on Linux: type, whence, start, len, pid
        request = struct.pack(
            layout,
            fcntl.F_WRLCK,
            os.SEEK_SET,
            _PENDING_BYTE,
            _SHARED_FIRST + _SHARED_SIZE - _PENDING_BYTE,
            0,
        )
        answer = struct.unpack(layout, fcntl.fcntl(fd, fcntl.F_GETLK, request))
        lock_type: int = answer[0]
        return lock_type != fcntl.F_UNLCK
    finally:
        os.close(fd)


def in_use_by_others(path: Path, sound: bool = True) -> bool:
    """Does any other connection have the database at ``path`` open?

    A sound database is probed with an exclusive lock (works for connections in this process
    too; WAL-mode connections hold a shared lock while open). A damaged one is never opened:
    on Linux the lock table is asked instead; elsewhere the answer is False and renaming the
    open file fails later (Windows refuses to rename a file in use).
    """
    path = Path(path)
    if not path.exists():
        return False
    if not sound:
        return sys.platform.startswith("linux") and _posix_lock_held_elsewhere(path)
    connection = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        connection.execute("PRAGMA locking_mode = EXCLUSIVE")
        connection.execute("BEGIN EXCLUSIVE")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchall()
        connection.execute("ROLLBACK")
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            return True
        raise
    finally:
        connection.close()
    return False
