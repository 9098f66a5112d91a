"""Moving an office to its PostgreSQL server, and a PC joining the office's server.

Moving (``opsdesk migrate-to``) copies this PC's SQLite office into the server's database:
- the SQLite file is never written to: a verified copy of it is made first (the backup API,
  as for backups) and, if it was written by an older opsdesk, that copy is upgraded;
- the server's database gets the schema from the same Alembic migrations and must hold no
  office yet (nothing is ever mixed into or written over another office);
- every table is copied in one transaction on the server, the id sequences are caught up,
  and each table's row count and checksum are compared with the copy's before committing:
  a difference, an error or an interruption leaves the server as it was;
- the move is recorded in the server's audit log.

Joining (``opsdesk join-server``) checks that the server answers and holds an opsdesk
database (creating or upgrading its schema), then stores the address for this PC
(``opsdesk.server_link``). Neither needs a login: both are run by whoever installs the PC,
as ``opsdesk backup`` and ``opsdesk restore`` are.
"""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from opsdesk.errors import Conflict, ServiceError
from opsdesk.i18n import _
from opsdesk.server_link import ServerAddress
from opsdesk.storage import table_copy
from opsdesk.storage.database import Database, sqlite_url
from opsdesk.storage.migrate import HEAD_REVISION, NewerDatabaseError, NotOpsdeskDatabaseError

log = logging.getLogger("opsdesk.server")


@dataclass(frozen=True)
class MoveResult:
    rows: dict[str, int]  # table -> rows copied

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def _server_error(address: ServerAddress, error: Exception) -> ServiceError:
    log.info("server %s: %s", address.safe_url, error)
    detail = str(getattr(error, "orig", None) or error).strip().splitlines()
    return ServiceError(
        _("The server {server} did not let opsdesk in: {reason}").format(
            server=address.label, reason=detail[0] if detail else "?"
        )
    )


def open_server(address: ServerAddress) -> Database:
    """The server's database with opsdesk's schema at head (created or upgraded)."""
    from opsdesk.storage.migrate import upgrade_to_head

    db = Database(address.url)
    try:
        upgrade_to_head(db.engine)
    except (NewerDatabaseError, NotOpsdeskDatabaseError) as error:
        db.dispose()
        raise ServiceError(str(error)) from None
    except DBAPIError as error:
        db.dispose()
        raise _server_error(address, error) from None
    return db


def office_on_server(db: Database) -> str | None:
    """The name of the office the server holds; "" for one without a name, None for none."""
    with db.engine.connect() as connection:
        return _office_name(connection)


def _office_name(connection: Connection) -> str | None:
    from sqlalchemy import select

    from opsdesk.storage.models import OfficeProfile

    if not table_copy.has_office_data(connection):
        return None
    return connection.scalar(select(OfficeProfile.name).limit(1)) or ""


def join_server(address: ServerAddress, settings_path: Path) -> str | None:
    """Check the server, prepare its schema and use it on this PC from now on; the name of the
    office it holds (None: an empty database, the next start sets the office up)."""
    from opsdesk.server_link import store_for_this_pc

    db = open_server(address)
    try:
        name = office_on_server(db)
    finally:
        db.dispose()
    store_for_this_pc(settings_path, address)
    log.info("this PC now uses the server %s", address.safe_url)
    return name


def migrate_to(
    database: Path,
    address: ServerAddress,
    moment: datetime,
    progress: table_copy.Progress | None = None,
) -> MoveResult:
    """Copy the SQLite office ``database`` into the server's empty database, verified, in one
    transaction; the SQLite file is left as it was."""
    from opsdesk.storage import backup
    from opsdesk.storage.opening import open_database

    with tempfile.TemporaryDirectory(prefix="opsdesk-move-") as folder:
        try:
            copy = backup.write_backup(database, Path(folder) / "office.sqlite3")
        except backup.BackupError as error:
            raise ServiceError(str(error)) from None
        try:
            source = open_database(sqlite_url(copy.path), moment)  # upgraded if older
        except (NewerDatabaseError, NotOpsdeskDatabaseError) as error:
            raise ServiceError(str(error)) from None
        try:
            target = open_server(address)
        except ServiceError:
            source.dispose()
            raise
        try:
            return _copy_verified(source, target, address, database, moment, progress)
        except DBAPIError as error:  # the server refused a row, or the connection was lost
            raise _server_error(address, error) from None
        finally:
            source.dispose()
            target.dispose()


def _copy_verified(
    source: Database,
    target: Database,
    address: ServerAddress,
    database: Path,
    moment: datetime,
    progress: table_copy.Progress | None,
) -> MoveResult:
    from sqlalchemy import insert

    from opsdesk.storage.models import AuditEntry

    with source.engine.connect() as reading, target.engine.begin() as writing:
        name = _office_name(writing)
        if name is not None:
            raise Conflict(
                _(
                    "The server's database already holds an office ({name}): nothing was "
                    "copied. Move the office into an empty database."
                ).format(name=name or "?")
            )
        rows = table_copy.row_counts(reading)
        different = table_copy.copy_and_compare(reading, writing, progress)
        if different:
            raise ServiceError(
                _(
                    "The copy on the server differs from the office's file in: {tables}. "
                    "Nothing was saved on the server."
                ).format(tables=", ".join(different))
            )
        writing.execute(
            insert(AuditEntry).values(
                at=moment,
                actor_id=None,
                actor_login="",
                action="migrate",
                entity="database",
                entity_id=None,
                detail=f"moved from {database.name} ({sum(rows.values())} rows, schema "
                f"{HEAD_REVISION})"[:500],
            )
        )
    log.info("office moved from %s to %s", database, address.safe_url)
    return MoveResult(rows)
