"""Backups of the SQLite database: written, verified, rotated; and restoring one.

- Written with SQLite's online backup API from one read transaction: a consistent copy even
  while other windows keep writing (WAL lets them), in steps so progress can be shown.
- Verified before it counts: ``integrity_check`` on the copy and its schema revision readable.
- Atomic: written to a hidden temporary name in the same folder, synced, then renamed.
- Named ``opsdesk-YYYY-mm-dd_HHMMSS.sqlite3`` in the backup folder next to the database and
  rotated there (``opsdesk.storage.rotation``); files with other names are never touched.
- Restoring copies the chosen file next to the database, verifies the copy, refuses a schema
  newer than this opsdesk and a database another program has open, then keeps the current
  database (with its -wal/-shm) as ``opsdesk.sqlite3.replaced-YYYYmmdd-HHMMSS`` and puts the
  copy in its place, atomically with respect to a crash (see "restoring atomically" below).
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import sqlite3
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from opsdesk.i18n import _
from opsdesk.storage import integrity
from opsdesk.storage.rotation import RotationPolicy, to_delete

log = logging.getLogger("opsdesk.backup")

Progress = Callable[[int, int], None]

BACKUP_FOLDER = "backups"
NAME_FORMAT = "%Y-%m-%d_%H%M%S"
_NAME = re.compile(r"^opsdesk-(\d{4}-\d{2}-\d{2}_\d{6})(?:-(\d+))?\.sqlite3$")
STEP_PAGES = 512
SIDE_FILES = ("-wal", "-shm", "-journal")


class BackupError(Exception):
    """A backup or restore that did not happen; the message is for the user."""


class BadBackupError(BackupError):
    """The file is not a sound opsdesk database."""


class NewerBackupError(BadBackupError):
    """The file was written by a newer opsdesk."""


class DatabaseInUseError(BackupError):
    """Another program (another opsdesk window, the display) has the database open."""


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: datetime
    size: int


@dataclass(frozen=True)
class BackupCheck:
    problems: tuple[str, ...]
    revision: str | None

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class RestoreResult:
    source: Path
    database: Path | None  # None for a server's database (storage.server_backup)
    replaced: Path | None  # where the previous database (or server's data) was kept
    revision: str


def backup_folder(database: Path) -> Path:
    """The backup folder of a database file: ``backups`` next to it."""
    return Path(database).parent / BACKUP_FOLDER


def backup_name(moment: datetime, attempt: int = 1) -> str:
    suffix = f"-{attempt}" if attempt > 1 else ""
    return f"opsdesk-{moment.strftime(NAME_FORMAT)}{suffix}.sqlite3"


def parse_backup_name(name: str) -> datetime | None:
    match = _NAME.match(name)
    if not match:
        return None
    try:
        return datetime.strptime(match.group(1), NAME_FORMAT)
    except ValueError:
        return None


def _attempt(name: str) -> int:
    match = _NAME.match(name)
    return int(match.group(2)) if match and match.group(2) else 1


def list_backups(folder: Path) -> list[BackupFile]:
    """The backups in ``folder``, newest first (only files named like backups)."""
    found = []
    try:
        entries = list(Path(folder).iterdir())
    except FileNotFoundError:
        return []
    for path in entries:
        taken_at = parse_backup_name(path.name)
        if taken_at is not None and path.is_file():
            found.append(BackupFile(path, taken_at, path.stat().st_size))
    return sorted(found, key=lambda b: (b.taken_at, _attempt(b.path.name)), reverse=True)


def daily_backup_due(folder: Path, today: date) -> bool:
    return not any(b.taken_at.date() == today for b in list_backups(folder))


# --- checking a copy -----------------------------------------------------------------------


def _revision(connection: sqlite3.Connection) -> str | None:
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return None
    return str(row[0]) if row else None


def check_connection(connection: sqlite3.Connection) -> BackupCheck:
    """Full integrity check and the schema revision of an open database."""
    try:
        problems = integrity.check_problems(connection, "integrity_check")
    except sqlite3.Error as error:
        return BackupCheck((str(error),), None)
    revision = _revision(connection)
    if revision is None and not problems:
        problems = [_("It is not an opsdesk database (no schema version).")]
    return BackupCheck(tuple(problems), revision)


def verify_backup(path: Path) -> BackupCheck:
    """Check a backup file read-only."""
    try:
        connection = integrity.connect_readonly(path)
    except (sqlite3.Error, OSError) as error:
        return BackupCheck((str(error),), None)
    try:
        return check_connection(connection)
    finally:
        connection.close()


def is_newer(revision: str | None) -> bool:
    from opsdesk.storage.migrate import KNOWN_REVISIONS

    return revision is not None and revision not in KNOWN_REVISIONS


def newest_good_backup(folder: Path) -> BackupFile | None:
    """The newest backup in ``folder`` that passes its check and this opsdesk can use."""
    for backup in list_backups(folder):
        check = verify_backup(backup.path)
        if check.ok and not is_newer(check.revision):
            return backup
        log.warning(
            "backup %s skipped: %s",
            backup.path.name,
            "; ".join(check.problems) or f"newer schema {check.revision}",
        )
    return None


def is_file(path: Path) -> bool:
    """Is there a file at ``path``? (False, not an error, for names the system refuses.)"""
    try:
        return Path(path).is_file()
    except (OSError, ValueError):
        return False


# --- copying -------------------------------------------------------------------------------


def fsync_file(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def fsync_folder(folder: Path) -> None:
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_database_files(path: Path) -> None:
    """A SQLite file and its -wal/-shm/-journal, where they exist."""
    for suffix in ("", *SIDE_FILES):
        Path(str(path) + suffix).unlink(missing_ok=True)


def _copy(source: sqlite3.Connection, target: Path, progress: Progress | None) -> BackupCheck:
    """Copy ``source`` (inside one read transaction) into a new file ``target``; check it."""
    remove_database_files(target)
    destination = sqlite3.connect(target, isolation_level=None)
    try:
        source.execute("BEGIN")
        source.execute("SELECT count(*) FROM sqlite_master").fetchone()
        try:

            def step(_status: int, remaining: int, total: int) -> None:
                if progress is not None:
                    progress(total - remaining, total)

            source.backup(destination, pages=STEP_PAGES, progress=step)
        finally:
            source.execute("ROLLBACK")
        destination.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        return check_connection(destination)
    finally:
        destination.close()


# A backup is written under a hidden name first and renamed when verified. A backup cut off
# (the PC switched off, the program killed) leaves that file behind; the next backup into the
# folder removes those no longer written to (a running backup writes every few milliseconds).
PARTIAL_SUFFIX = ".partial"
STALE_PARTIAL_SECONDS = 600


def partial_path(target: Path) -> Path:
    """Where a backup to ``target`` is written until it is verified."""
    return target.with_name(f".{target.name}.{os.getpid()}{PARTIAL_SUFFIX}")


def remove_stale_partials(folder: Path, now: float | None = None) -> list[Path]:
    """Delete what cut-off backups left in ``folder``; returns what was deleted."""
    limit = (time.time() if now is None else now) - STALE_PARTIAL_SECONDS
    removed = []
    for path in Path(folder).glob(f".*{PARTIAL_SUFFIX}*"):
        name = path.name
        base = name[: name.index(PARTIAL_SUFFIX) + len(PARTIAL_SUFFIX)]
        try:
            stale = path.stat().st_mtime < limit
        except FileNotFoundError:  # finished meanwhile
            continue
        if stale and base.startswith(".opsdesk-"):
            path.unlink(missing_ok=True)
            removed.append(path)
            log.info("left-over of a cut-off backup deleted: %s", name)
    return removed


def write_backup(database: Path, target: Path, progress: Progress | None = None) -> BackupFile:
    """Copy the database at ``database`` to ``target``, verified, atomically."""
    database, target = Path(database), Path(target)
    if not database.is_file():
        raise BackupError(_("There is no database file {path}.").format(path=database))
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_partials(target.parent)
    temporary = partial_path(target)
    try:
        source = integrity.connect_readonly(database)
    except (sqlite3.Error, OSError) as error:
        raise BackupError(_("The database cannot be read: {error}").format(error=error)) from None
    try:
        check = _copy(source, temporary, progress)
    except sqlite3.Error as error:
        remove_database_files(temporary)
        raise BackupError(
            _("The backup could not be written: {error}").format(error=error)
        ) from None
    finally:
        source.close()
    if not check.ok:
        remove_database_files(temporary)
        raise BackupError(
            _(
                "The copy failed its check, so no backup was written; the database may be "
                "damaged: {problem}"
            ).format(problem=check.problems[0])
        )
    try:
        fsync_file(temporary)
        os.replace(temporary, target)
        fsync_folder(target.parent)
    except OSError as error:
        remove_database_files(temporary)
        raise BackupError(
            _("The backup could not be written: {error}").format(error=error)
        ) from None
    log.info("backup written: %s (schema %s)", target, check.revision)
    return BackupFile(target, datetime.now(), target.stat().st_size)


def unique_target(folder: Path, moment: datetime) -> Path:
    attempt = 1
    while (candidate := Path(folder) / backup_name(moment, attempt)).exists():
        attempt += 1
    return candidate


def rotate(folder: Path, policy: RotationPolicy) -> list[Path]:
    """Delete the backups the policy does not keep; returns what was deleted."""
    doomed = to_delete(list_backups(folder), lambda b: b.taken_at, policy)
    for backup in doomed:
        backup.path.unlink(missing_ok=True)
        log.info("old backup deleted: %s", backup.path.name)
    return [b.path for b in doomed]


def make_backup(
    database: Path, moment: datetime, policy: RotationPolicy, progress: Progress | None = None
) -> BackupFile:
    """A new backup in the database's backup folder, then rotation."""
    folder = backup_folder(database)
    written = write_backup(database, unique_target(folder, moment), progress)
    backup = BackupFile(written.path, moment, written.size)
    rotate(folder, policy)
    return backup


# --- restoring -----------------------------------------------------------------------------


def _check_not_in_use(database: Path, sound: bool) -> None:
    if integrity.in_use_by_others(database, sound):
        raise DatabaseInUseError(
            _(
                "Another opsdesk (a window or the waiting-room display) is using the database. "
                "Close every opsdesk on this computer and try again."
            )
        )


def _aside_name(database: Path, moment: datetime) -> Path:
    base = f"{database.name}.replaced-{moment:%Y%m%d-%H%M%S}"
    candidate, attempt = database.with_name(base), 1
    while candidate.exists():
        attempt += 1
        candidate = database.with_name(f"{base}-{attempt}")
    return candidate


# --- restoring atomically ------------------------------------------------------------------
#
# A restore is a small transaction on files, safe against a crash at any instruction:
#
# 1. the backup is copied to ``<db>.restoring``, checked and synced (a crash: the leftover
#    copy is deleted at the next start; the database was never touched);
# 2. the plan ``<db>.restore-plan`` (where the previous database goes) is written to a
#    temporary name, synced and renamed: from this rename on, the restore will be finished;
# 3. the previous database and its -wal/-shm/-journal are *linked* (not moved) to the aside
#    name, then its side files are removed, then ``os.replace`` puts the copy in place in one
#    step: at every moment a database file is at its path;
# 4. the plan is deleted.
#
# ``finish_interrupted_restore`` (called before the database is opened) repeats steps 3–4
# from the plan, each step done only if not done yet, or deletes the leftovers of step 1.

RESTORING = ".restoring"
PLAN = ".restore-plan"


def _step(name: str) -> None:
    """A point between two file operations of a restore (tests crash the process here)."""


def _plan_path(database: Path) -> Path:
    return Path(str(database) + PLAN)


def restore_pending(database: Path) -> bool:
    """Did a restore of ``database`` stop half-way (to be finished at the next opening)?"""
    return _plan_path(database).exists()


def _write_plan(database: Path, aside: Path | None) -> None:
    plan = _plan_path(database)
    partial = Path(str(plan) + ".partial")
    partial.write_text(json.dumps({"aside": aside.name if aside else None}), encoding="utf-8")
    fsync_file(partial)
    _step("plan written")
    os.replace(partial, plan)
    fsync_folder(database.parent)
    _step("plan committed")


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # a file system without hard links
        partial = Path(str(target) + ".partial")
        shutil.copyfile(source, partial)
        fsync_file(partial)
        os.replace(partial, target)


def _carry_out(database: Path, aside: Path | None) -> None:
    """Steps 3–4 of a restore whose plan is committed; each done only if not done yet."""
    temporary = Path(str(database) + RESTORING)
    if temporary.exists():
        if aside is not None:
            for suffix in ("", *SIDE_FILES):
                current, kept = Path(str(database) + suffix), Path(str(aside) + suffix)
                if current.exists() and not kept.exists():
                    _link_or_copy(current, kept)
                    _step(f"kept {suffix or 'database'}")
            fsync_folder(database.parent)
        for suffix in SIDE_FILES:  # never apply the old -wal to the restored database
            Path(str(database) + suffix).unlink(missing_ok=True)
            _step(f"removed {suffix}")
        os.replace(temporary, database)
        _step("replaced")
        fsync_folder(database.parent)
    for suffix in SIDE_FILES:  # a -journal of the restored copy's own making, if any
        Path(str(temporary) + suffix).unlink(missing_ok=True)
    _plan_path(database).unlink(missing_ok=True)
    fsync_folder(database.parent)
    _step("done")


def finish_interrupted_restore(database: Path) -> str | None:
    """Finish a restore that stopped after its plan was committed, or delete the leftovers of
    one that stopped before; "finished", "rolled back" or None (nothing to do)."""
    database = Path(database)
    plan = _plan_path(database)
    temporary = Path(str(database) + RESTORING)
    Path(str(plan) + ".partial").unlink(missing_ok=True)
    if plan.exists():
        try:
            aside_name = json.loads(plan.read_text(encoding="utf-8")).get("aside")
        except (OSError, ValueError, AttributeError):
            aside_name = None
        aside = database.with_name(aside_name) if aside_name else None
        _carry_out(database, aside)
        log.warning(
            "an interrupted restore of %s was finished (previous kept as %s)", database, aside
        )
        return "finished"
    if any(Path(str(temporary) + suffix).exists() for suffix in ("", *SIDE_FILES)):
        remove_database_files(temporary)
        log.warning("an interrupted restore of %s was rolled back", database)
        return "rolled back"
    return None


def restore_backup(
    source: Path, database: Path, moment: datetime, progress: Progress | None = None
) -> RestoreResult:
    """Replace ``database`` by a verified copy of ``source``; the old one is kept aside."""
    source, database = Path(source), Path(database)
    if not is_file(source):
        raise BadBackupError(_("The file {path} does not exist.").format(path=source))
    if source.resolve() == database.resolve():
        raise BadBackupError(_("This is the database itself, not a backup."))
    finish_interrupted_restore(database)
    sound = not database.exists() or not integrity.quick_check(database)
    _check_not_in_use(database, sound)
    database.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(str(database) + RESTORING)
    try:
        reader = integrity.connect_readonly(source)
        try:
            check = _copy(reader, temporary, progress)
        finally:
            reader.close()
    except (sqlite3.Error, OSError) as error:
        remove_database_files(temporary)
        raise BadBackupError(
            _("The file {path} is not a readable opsdesk backup: {error}").format(
                path=source.name, error=error
            )
        ) from None
    if not check.ok:
        remove_database_files(temporary)
        raise BadBackupError(
            _("The file {path} is not a sound opsdesk backup: {problem}").format(
                path=source.name, problem=check.problems[0]
            )
        )
    if is_newer(check.revision):
        remove_database_files(temporary)
        raise NewerBackupError(
            _(
                "The backup {path} was made by a newer version of opsdesk (schema {revision}); "
                "install that version to restore it."
            ).format(path=source.name, revision=check.revision)
        )
    _step("copied")
    aside = _aside_name(database, moment) if database.exists() else None
    try:
        _check_not_in_use(database, sound)
        fsync_file(temporary)
        fsync_folder(database.parent)
        _step("copy synced")
        _write_plan(database, aside)
    except PermissionError:
        remove_database_files(temporary)
        _plan_path(database).unlink(missing_ok=True)
        raise DatabaseInUseError(
            _(
                "The database file cannot be replaced: another program is using it. "
                "Close every opsdesk on this computer and try again."
            )
        ) from None
    except BaseException:
        remove_database_files(temporary)
        raise
    try:
        _carry_out(database, aside)
    except PermissionError:
        raise DatabaseInUseError(
            _(
                "The database file cannot be replaced: another program is using it. "
                "Close every opsdesk on this computer and try again; the restore is finished "
                "when opsdesk starts."
            )
        ) from None
    log.info("restored %s over %s (previous kept as %s)", source, database, aside)
    return RestoreResult(source, database, aside, check.revision or "")
