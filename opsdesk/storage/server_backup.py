"""Backups of an office on a PostgreSQL server, written as ordinary opsdesk SQLite files.

A backup is every table of the server's database copied (``storage.table_copy``) from one
snapshot (a REPEATABLE READ transaction: other PCs keep working meanwhile) into a new SQLite
file with the same schema, compared table by table (row count and checksum), checked with
``integrity_check`` and only then renamed into place, synced, under the usual backup name in
this PC's backup folder. Such a file is restorable on a server office and on a single-PC
office alike, and ``opsdesk check`` reads it. It needs no ``pg_dump`` of the server's exact
version on the PC; the server's administrator should still back the server up with its own
tools (README, docs/machine-facts.md).

Restoring reads a backup file (upgrading a copy of it if an older opsdesk wrote it), keeps the
server's current data as ``opsdesk-server.replaced-YYYYmmdd-HHMMSS.sqlite3`` in the backup
folder, then in one transaction on the server empties every table, copies the backup in,
catches the id sequences up and compares every table with the backup before committing. It is
refused while any other connection (another PC's opsdesk, the display) uses the database.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import tempfile
from datetime import datetime
from pathlib import Path

from sqlalchemy import text

from opsdesk.i18n import _
from opsdesk.storage import table_copy
from opsdesk.storage.backup import (
    BackupError,
    BackupFile,
    BadBackupError,
    DatabaseInUseError,
    NewerBackupError,
    Progress,
    RestoreResult,
    fsync_file,
    fsync_folder,
    is_file,
    is_newer,
    partial_path,
    remove_database_files,
    remove_stale_partials,
    rotate,
    unique_target,
    verify_backup,
    write_backup,
)
from opsdesk.storage.database import Database, sqlite_url
from opsdesk.storage.rotation import RotationPolicy

log = logging.getLogger("opsdesk.backup")

ASIDE_PREFIX = "opsdesk-server.replaced-"


def write_server_backup(db: Database, target: Path, progress: Progress | None = None) -> BackupFile:
    """Copy the server's office into a new SQLite file ``target``, verified, atomically."""
    from opsdesk.storage.migrate import upgrade_to_head

    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_partials(target.parent)
    temporary = partial_path(target)
    remove_database_files(temporary)
    copy = Database(sqlite_url(temporary))
    try:
        upgrade_to_head(copy.engine)
        snapshot = db.engine.connect().execution_options(isolation_level="REPEATABLE READ")
        with snapshot as reading, reading.begin(), copy.engine.begin() as writing:
            different = table_copy.copy_and_compare(reading, writing, progress)
        if different:
            raise BackupError(
                _("The copy differs from the server's data in: {tables}.").format(
                    tables=", ".join(different)
                )
            )
    except BaseException:
        copy.dispose()
        remove_database_files(temporary)
        raise
    copy.dispose()
    with sqlite3.connect(temporary, isolation_level=None) as connection:
        connection.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
    connection.close()
    check = verify_backup(temporary)
    if not check.ok:
        remove_database_files(temporary)
        raise BackupError(
            _("The copy failed its check, so no backup was written: {problem}").format(
                problem=check.problems[0]
            )
        )
    fsync_file(temporary)
    os.replace(temporary, target)
    fsync_folder(target.parent)
    log.info("server backup written: %s (schema %s)", target, check.revision)
    return BackupFile(target, datetime.now(), target.stat().st_size)


def make_server_backup(
    db: Database,
    folder: Path,
    moment: datetime,
    policy: RotationPolicy,
    progress: Progress | None = None,
) -> BackupFile:
    """A new backup of the server's office in ``folder``, then rotation."""
    written = write_server_backup(db, unique_target(folder, moment), progress)
    rotate(folder, policy)
    return BackupFile(written.path, moment, written.size)


def other_connections(db: Database) -> int:
    """How many other sessions (other PCs, the display) use this database on the server."""
    with db.engine.connect() as connection:
        count = connection.scalar(
            text(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        )
    return int(count or 0)


def _aside_target(folder: Path, moment: datetime) -> Path:
    base = f"{ASIDE_PREFIX}{moment:%Y%m%d-%H%M%S}"
    candidate, attempt = folder / f"{base}.sqlite3", 1
    while candidate.exists():
        attempt += 1
        candidate = folder / f"{base}-{attempt}.sqlite3"
    return candidate


def _refuse_unusable(source: Path) -> str:
    """The backup's schema revision; BadBackupError / NewerBackupError for a file that is not
    a sound opsdesk backup this opsdesk can read."""
    if not is_file(source):
        raise BadBackupError(_("The file {path} does not exist.").format(path=source))
    check = verify_backup(source)
    if not check.ok:
        raise BadBackupError(
            _("The file {path} is not a sound opsdesk backup: {problem}").format(
                path=source.name, problem=check.problems[0]
            )
        )
    if is_newer(check.revision):
        raise NewerBackupError(
            _(
                "The backup {path} was made by a newer version of opsdesk (schema {revision}); "
                "install that version to restore it."
            ).format(path=source.name, revision=check.revision)
        )
    return check.revision or ""


def restore_server_backup(
    db: Database,
    source: Path,
    folder: Path,
    moment: datetime,
    progress: Progress | None = None,
) -> RestoreResult:
    """Replace the server's office by the backup ``source``; the data it had are kept in
    ``folder`` first. ``db``'s own connections must be closed by the caller."""
    from opsdesk.storage.opening import open_database

    source = Path(source)
    revision = _refuse_unusable(source)
    if other_connections(db):
        raise DatabaseInUseError(
            _(
                "Another opsdesk (on another PC, or the waiting-room display) is using the "
                "office's database on the server. Close opsdesk on every PC and try again."
            )
        )
    aside = write_server_backup(db, _aside_target(folder, moment)).path
    with tempfile.TemporaryDirectory(prefix="opsdesk-restore-") as scratch:
        copy = write_backup(source, Path(scratch) / "backup.sqlite3")
        backup_db = open_database(sqlite_url(copy.path), moment)  # upgraded if older
        try:
            with backup_db.engine.connect() as reading, db.engine.begin() as writing:
                different = table_copy.copy_and_compare(reading, writing, progress)
                if different:
                    raise BackupError(
                        _(
                            "The restored data differ from the backup in: {tables}. The "
                            "server's data were left as they were."
                        ).format(tables=", ".join(different))
                    )
        finally:
            backup_db.dispose()
    log.info("restored %s on the server (previous data kept as %s)", source, aside)
    return RestoreResult(source, None, aside, revision)
