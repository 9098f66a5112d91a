"""Backups: the automatic ones (first start of the day, exit) and the administrator's.

A SQLite office is copied with SQLite's backup API (``storage.backup``); an office on a
PostgreSQL server is copied table by table into an opsdesk SQLite file in this PC's backup
folder (``storage.server_backup``), by the administrator only: the automatic ones are of this
PC's own file. The rotation policy is an office-wide setting (``setting`` table).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from opsdesk.domain.numbers import is_whole
from opsdesk.domain.roles import Action
from opsdesk.errors import Conflict, ServiceError, ValidationError
from opsdesk.i18n import _
from opsdesk.services import audit
from opsdesk.services.clock import Clock, system_clock
from opsdesk.services.context import Actor, Service
from opsdesk.storage import backup as storage
from opsdesk.storage import server_backup
from opsdesk.storage.database import Database, sqlite_url
from opsdesk.storage.rotation import MAX_KEEP
from opsdesk.storage.rotation import RotationPolicy as RotationPolicy  # the UI shows it
from opsdesk.storage.setting_values import get_setting, put_setting

log = logging.getLogger("opsdesk.backup")

KEEP_DAILY_KEY = "backup.keep_daily"
KEEP_MONTHLY_KEY = "backup.keep_monthly"


def postgresql_note() -> str:
    return _(
        "This office's database is on a PostgreSQL server, and this PC has no folder for "
        "backups of it. Start opsdesk from its data folder (or with --data-dir) to make them."
    )


def server_backup_note() -> str:
    return _(
        "The office's database is on a PostgreSQL server. A backup made here is a full copy "
        "of it, checked table by table, saved as a file in this PC's folder {folder}; it can "
        "be restored on the server or opened as a single-PC office. The server's "
        "administrator should also back the server up with its own tools (pg_dump)."
    )


def size_text(size: int) -> str:
    """``12,3 MB`` — a file size as a Polish office reads it."""
    value, unit = float(size), "B"
    for unit in ("B", "kB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            break
        value /= 1000
    text = f"{value:.0f}" if unit == "B" or value >= 100 else f"{value:.1f}"
    return f"{text.replace('.', ',')}\u00a0{unit}"


@dataclass(frozen=True)
class BackupRecord:
    name: str
    path: Path
    taken_at: datetime
    size: int


@dataclass(frozen=True)
class RestoreRecord:
    source_name: str
    replaced: Path | None
    revision: str


def _record(backup: storage.BackupFile) -> BackupRecord:
    return BackupRecord(backup.path.name, backup.path, backup.taken_at, backup.size)


def read_policy(db: Database) -> RotationPolicy:
    """The office's rotation policy (defaults when unset or unreadable)."""
    default = RotationPolicy()
    try:
        with db.reading() as session:
            return RotationPolicy(
                daily=get_setting(session, KEEP_DAILY_KEY, default.daily),
                monthly=get_setting(session, KEEP_MONTHLY_KEY, default.monthly),
            )
    except Exception as error:  # a damaged database still gets its backup attempted
        log.warning("backup policy unreadable (%s); using the defaults", error)
        return default


def automatic_backup(db: Database, now: datetime, daily_only: bool) -> BackupRecord | None:
    """The application's own backup: with ``daily_only``, only if none was made today."""
    path = db.sqlite_path
    if path is None or not path.exists():
        return None
    if daily_only and not storage.daily_backup_due(storage.backup_folder(path), now.date()):
        return None
    db.behind.finish()  # the audit entries of the lists just shown belong in the backup
    return _record(storage.make_backup(path, now, read_policy(db)))


def record_restore(database: Path, actor: Actor | None, clock: Clock, detail: str) -> None:
    """Note the restore in the restored database's audit log (upgrading its schema first)."""
    from opsdesk.storage.opening import open_database

    db = open_database(sqlite_url(database))
    try:
        record_restore_in(db, actor, clock, detail)
    finally:
        db.dispose()


def record_restore_in(db: Database, actor: Actor | None, clock: Clock, detail: str) -> None:
    """Note the restore in the audit log of the restored database ``db``.

    The person who restored may not exist in the restored database: their login is kept,
    their id only when it is the same account there.
    """
    from opsdesk.storage.models import AuditEntry, Staff

    with db.transaction() as session:
        staff = session.get(Staff, actor.id) if actor else None
        same_id = (
            actor.id
            if actor is not None and staff is not None and staff.login == actor.login
            else None
        )
        session.add(
            AuditEntry(
                at=clock.now(),
                actor_id=same_id,
                actor_login=actor.login if actor else "",
                action="restore",
                entity="database",
                entity_id=None,
                detail=detail[:500],
            )
        )


def newest_good_backup(database: Path) -> BackupRecord | None:
    """The newest backup of ``database`` that is sound and not of a newer opsdesk."""
    backup = storage.newest_good_backup(storage.backup_folder(database))
    return _record(backup) if backup else None


def restore_at_start(
    database: Path, source: Path, progress: storage.Progress | None = None
) -> RestoreRecord:
    """Restore over a database that failed its check at start (nobody can log in to it).

    The damaged file is never opened for writing: it is moved aside as it is.
    """
    clock = system_clock()
    result = storage.restore_backup(source, database, clock.now(), progress)
    detail = f"at start, the database was damaged; restored {result.source.name}"
    if result.replaced is not None:
        detail += f"; damaged database kept as {result.replaced.name}"
    record_restore(database, None, clock, detail)
    return RestoreRecord(result.source.name, result.replaced, result.revision)


def _service_error(error: storage.BackupError) -> ServiceError:
    if isinstance(error, storage.BadBackupError):
        return ValidationError.single("file", str(error))
    if isinstance(error, storage.DatabaseInUseError):
        return Conflict(str(error))
    return ServiceError(str(error))


class BackupService(Service):
    def available(self) -> bool:
        """Can this PC make backups of the office (a SQLite file, or a server's database with
        this PC's backup folder known)?"""
        return self.db.backup_folder is not None

    def on_server(self) -> bool:
        return not self.db.is_sqlite

    def automatic(self, daily_only: bool) -> BackupRecord | None:
        """The application's own backup (no permission needed): at exit, or with
        ``daily_only`` the first of the day; None when none was due or the database is not
        this PC's SQLite file."""
        return automatic_backup(self.db, self.ctx.clock.now(), daily_only)

    @property
    def folder(self) -> Path:
        folder = self.db.backup_folder
        if folder is None:
            raise ServiceError(postgresql_note())
        return folder

    def list(self) -> list[BackupRecord]:
        self.ctx.require(Action.BACKUP_RESTORE)
        return [_record(b) for b in storage.list_backups(self.folder)]

    def policy(self) -> RotationPolicy:
        self.ctx.require(Action.BACKUP_RESTORE)
        return read_policy(self.db)

    def set_policy(self, daily: int, monthly: int) -> RotationPolicy:
        self.ctx.require(Action.BACKUP_RESTORE)
        errors = {}
        if not is_whole(daily) or not 1 <= daily <= MAX_KEEP:
            errors["daily"] = _("Keep between 1 and {n} daily backups.").format(n=MAX_KEEP)
        if not is_whole(monthly) or not 0 <= monthly <= MAX_KEEP:
            errors["monthly"] = _("Keep between 0 and {n} monthly backups.").format(n=MAX_KEEP)
        if errors:
            raise ValidationError(errors)
        with self.db.transaction() as session:
            put_setting(session, KEEP_DAILY_KEY, daily)
            put_setting(session, KEEP_MONTHLY_KEY, monthly)
            audit.record(
                session,
                self.ctx,
                "update",
                "setting",
                None,
                f"backups: {daily} daily, {monthly} monthly",
            )
        return RotationPolicy(daily, monthly)

    def create(self, progress: storage.Progress | None = None) -> BackupRecord:
        """A backup now (into the backup folder, rotated like the automatic ones)."""
        self.ctx.require(Action.BACKUP_RESTORE)
        folder = self.folder
        policy = read_policy(self.db)
        now = self.ctx.clock.now()
        audit.written(self.ctx)  # the audit entries of the lists just shown belong in it
        try:
            if self.db.sqlite_path is not None:
                backup = storage.make_backup(self.db.sqlite_path, now, policy, progress)
            else:
                backup = server_backup.make_server_backup(self.db, folder, now, policy, progress)
        except storage.BackupError as error:
            raise _service_error(error) from None
        with self.db.transaction() as session:
            audit.record(session, self.ctx, "backup", "database", None, backup.path.name)
        return _record(backup)

    def restore(self, source: Path, progress: storage.Progress | None = None) -> RestoreRecord:
        """Replace the office's data by the backup ``source``; everyone must log in again after.

        This service's own connections are closed first; any other open connection (another
        window, another PC, the display) makes the restore refuse.
        """
        actor = self.ctx.require(Action.BACKUP_RESTORE)
        folder = self.folder
        if not isinstance(source, (str, Path)) or not str(source).strip() or "\0" in str(source):
            raise ValidationError.single("file", _("Choose the backup file."))
        self.db.dispose()
        now = self.ctx.clock.now()
        try:
            if self.db.sqlite_path is not None:
                result = storage.restore_backup(Path(source), self.db.sqlite_path, now, progress)
            else:
                result = server_backup.restore_server_backup(
                    self.db, Path(source), folder, now, progress
                )
        except storage.BackupError as error:
            raise _service_error(error) from None
        detail = f"{result.source.name}"
        if result.replaced is not None:
            detail += f"; previous database kept as {result.replaced.name}"
        if self.db.sqlite_path is not None:
            record_restore(self.db.sqlite_path, actor, self.ctx.clock, detail)
        else:
            record_restore_in(self.db, actor, self.ctx.clock, detail)
        self.db.dispose()  # the next use connects to the restored data
        return RestoreRecord(result.source.name, result.replaced, result.revision)
