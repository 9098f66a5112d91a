"""Opening the office's database for the application: create it, bring its schema up to date,
or refuse it, and hand back the :class:`Services` registry (the UI never holds the database).

A refusal is a service-level error the UI can show as it is: ``DamagedDatabase`` (the file
fails its read-only check; the UI offers ``newest_good_backup`` / ``restore_at_start`` of
:mod:`opsdesk.services.safety.backups`) or ``NewerDatabase`` (written by a newer opsdesk).
Neither database is modified. This module imports SQLAlchemy: the UI imports it only off the
GUI thread, after the login window is up (docs/machine-facts.md).
"""

from __future__ import annotations

from pathlib import Path

from opsdesk.errors import DamagedDatabase, NewerDatabase
from opsdesk.services.clock import Clock
from opsdesk.services.registry import Services
from opsdesk.storage.integrity import DamagedDatabaseError
from opsdesk.storage.migrate import NewerDatabaseError
from opsdesk.storage.opening import open_database


def open_office(url: str, clock: Clock | None = None, backups: Path | None = None) -> Services:
    """The services (without an actor) of the office's database at ``url``; a server office's
    backups go to ``backups`` (this PC's data folder's), a SQLite file's next to it.

    Raises ``DamagedDatabase`` or ``NewerDatabase`` when the database cannot be used; any other
    failure (no access to the folder, the server is down ...) is raised as it is.
    """
    try:
        db = open_database(url)
    except DamagedDatabaseError as error:
        raise DamagedDatabase(str(error), error.path, error.problems) from error
    except NewerDatabaseError as error:
        raise NewerDatabase(str(error)) from error
    if db.backup_folder is None:
        db.backup_folder = backups
    return Services(db, clock=clock)
