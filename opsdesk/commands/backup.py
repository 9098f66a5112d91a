"""``opsdesk backup [--out FILE]``: a verified copy of the SQLite database, made while opsdesk
may be running. Without ``--out`` it goes into the backup folder and old backups are rotated."""

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


def run(args, paths) -> int:
    from opsdesk.services.safety.backups import read_policy, size_text
    from opsdesk.storage import backup
    from opsdesk.storage.database import Database, sqlite_url
    from opsdesk.storage.integrity import quick_check

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
    try:
        if args.out:
            target = Path(args.out).expanduser()
            if target.is_dir():
                target = backup.unique_target(target, now)
            elif target.exists():
                raise CliError(
                    _("The file {path} already exists; choose another name.").format(path=target)
                )
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
