"""``opsdesk restore FILE``: put a backup in place of the database.

The file is copied and verified first; a backup of a newer opsdesk is refused; so is a
database another opsdesk has open. The replaced database is kept next to it as
``opsdesk.sqlite3.replaced-YYYYmmdd-HHMMSS``; an office on a PostgreSQL server keeps its
replaced data in this data folder's backup folder (``storage.server_backup``).
"""

from __future__ import annotations

import logging
from pathlib import Path

from opsdesk.commands import CliError
from opsdesk.i18n import N_, _

log = logging.getLogger("opsdesk.backup")


DESCRIPTION = N_(
    "Replaces the database by a backup file after checking it. The replaced "
    "database is kept next to it (opsdesk.sqlite3.replaced-DATE). Close every "
    "opsdesk using the database first."
)


def add_arguments(parser) -> None:
    parser.add_argument("file", metavar="FILE", help=_("the backup file to restore"))


def run(args, paths) -> int:
    from sqlalchemy.engine import make_url

    from opsdesk.services.clock import system_clock
    from opsdesk.services.safety.backups import record_restore
    from opsdesk.storage import backup

    url = make_url(paths.database_url())
    if url.get_backend_name() != "sqlite":
        return _restore_on_server(args, paths, url.render_as_string(hide_password=False))
    if not url.database or url.database == ":memory:":
        raise CliError(_("This database is not a file."))
    database = Path(url.database)
    source = Path(args.file).expanduser()
    if not backup.is_file(source):
        raise CliError(_("The file {path} does not exist.").format(path=source))
    clock = system_clock()
    try:
        result = backup.restore_backup(source, database, clock.now())
    except backup.BadBackupError as error:
        raise CliError(str(error)) from None
    except backup.BackupError as error:
        raise CliError(str(error), code=1) from None
    try:
        record_restore(database, None, clock, f"command line: {source.name}")
    except Exception as error:  # the restore itself is done; the next start reports problems
        log.warning("restore not recorded in the audit log: %s", error)
    print(_("The database was restored from {path}.").format(path=source))
    if result.replaced is not None:
        print(_("The previous database was kept as {path}.").format(path=result.replaced))
    return 0


def _restore_on_server(args, paths, url: str) -> int:
    from opsdesk.commands.join_server import server_database
    from opsdesk.services.clock import system_clock
    from opsdesk.services.safety.backups import record_restore_in
    from opsdesk.storage import backup, server_backup

    source = Path(args.file).expanduser()
    clock = system_clock()
    db = server_database(url)
    try:
        result = server_backup.restore_server_backup(db, source, paths.backups, clock.now())
        record_restore_in(db, None, clock, f"command line: {source.name}")
    except backup.BadBackupError as error:
        raise CliError(str(error)) from None
    except backup.BackupError as error:
        raise CliError(str(error), code=1) from None
    finally:
        db.dispose()
    print(_("The database was restored from {path}.").format(path=source))
    print(_("The server's previous data were kept as {path}.").format(path=result.replaced))
    return 0
