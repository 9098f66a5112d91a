"""``opsdesk backup [--out FILE]``: a verified copy of the office's database, made while opsdesk
may be running. Without ``--out`` it goes into the backup folder and old backups are rotated.
An office on a PostgreSQL server is copied into an opsdesk SQLite file too
(``storage.server_backup``), into this data folder's backup folder."""

from __future__ import annotations

from pathlib import Path

from opsdesk.commands import CliError
from opsdesk.i18n import N_, _

DESCRIPTION = N_(
    "Makes a verified copy of the database (also while opsdesk is in use). "
    "Without --out the copy goes into the backup folder next to the database "
    "and old backups are removed as configured (by default 14 daily and 12 "
    "monthly ones are kept)."
)


def add_arguments(parser) -> None:
    parser.add_argument(
        "--out", metavar="FILE", help=_("write the copy to this file (or into this folder) instead")
    )


def sqlite_database(paths) -> Path:
    """The SQLite file of this data folder; CliError for a PostgreSQL URL or no database."""
    from sqlalchemy.engine import make_url

    from opsdesk.services.safety.backups import postgresql_note

    url = make_url(paths.database_url())
    if url.get_backend_name() != "sqlite":
        raise CliError(postgresql_note())
    if not url.database or url.database == ":memory:":
        raise CliError(_("This database is not a file."))
    database = Path(url.database)
    if not database.is_file():
        raise CliError(_("There is no database in {path}.").format(path=database.parent))
    return database


def _target(args, now):
    """The file ``--out`` names (a new name inside it when it is a folder); None without it."""
    from opsdesk.storage import backup

    if not args.out:
        return None
    target = Path(args.out).expanduser()
    if target.is_dir():
        return backup.unique_target(target, now)
    if target.exists():
        raise CliError(
            _("The file {path} already exists; choose another name.").format(path=target)
        )
    return target


def _server_backup(args, paths, url: str):
    from opsdesk.commands.join_server import server_database
    from opsdesk.services.clock import system_clock
    from opsdesk.services.safety.backups import read_policy
    from opsdesk.storage import backup, server_backup

    now = system_clock().now()
    target = _target(args, now)
    db = server_database(url)
    try:
        if target is not None:
            return server_backup.write_server_backup(db, target)
        return server_backup.make_server_backup(db, paths.backups, now, read_policy(db))
    except backup.BackupError as error:
        raise CliError(str(error), code=1) from None
    finally:
        db.dispose()


def run(args, paths) -> int:
    from opsdesk.services.safety.backups import read_policy, size_text
    from opsdesk.storage import backup
    from opsdesk.storage.database import Database, sqlite_url
    from opsdesk.storage.integrity import quick_check

    url = paths.database_url()
    if not url.startswith("sqlite"):
        written = _server_backup(args, paths, url)
        print(
            _("Backup written: {path} ({size}).").format(
                path=written.path, size=size_text(written.size)
            )
        )
        return 0
    database = sqlite_database(paths)
    problems = quick_check(database)
    if problems:
        raise CliError(
            _(
                "The database is damaged, so no backup was made: {problem}\n"
                "Restore a good backup with: opsdesk restore FILE"
            ).format(problem=problems[0]),
            code=1,
        )
    from opsdesk.services.clock import system_clock

    now = system_clock().now()
    target = _target(args, now)
    try:
        if target is not None:
            written = backup.write_backup(database, target)
        else:
            db = Database(sqlite_url(database))
            try:
                policy = read_policy(db)
            finally:
                db.dispose()
            written = backup.make_backup(database, now, policy)
    except backup.BackupError as error:
        raise CliError(str(error), code=1) from None
    print(
        _("Backup written: {path} ({size}).").format(
            path=written.path, size=size_text(written.size)
        )
    )
    return 0
