"""``opsdesk migrate-to URL``: move this PC's SQLite office to the office's PostgreSQL server.

Every table in one transaction, counts and checksums verified, the SQLite file left as it
was; afterwards this PC uses the server (``opsdesk.services.safety.server_move``).
"""

from __future__ import annotations

import sys

from opsdesk.commands import CliError
from opsdesk.i18n import N_, _

DESCRIPTION = N_(
    "Moves the office from this PC's database file to an empty database on the office's "
    "PostgreSQL server: every table in one transaction, row counts and checksums compared, "
    "the file left unchanged. Afterwards this PC uses the server; the other PCs join it with "
    "opsdesk join-server. The password goes to PostgreSQL's password file of this Windows "
    "account, never to the settings or the log."
)


def add_arguments(parser) -> None:
    parser.add_argument(
        "url", metavar="URL", help=_("the server's database: postgresql://user:password@host/db")
    )


def run(args, paths) -> int:
    from opsdesk.commands.join_server import server_address
    from opsdesk.errors import ServiceError
    from opsdesk.server_link import store_for_this_pc
    from opsdesk.services.clock import system_clock
    from opsdesk.services.safety.server_move import migrate_to

    address = server_address(args.url)
    database = paths.database  # the file, also when this PC already uses a server
    if not database.is_file():
        raise CliError(_("There is no database in {path}.").format(path=database.parent))
    shown = [-1]

    def progress(done: int, total: int) -> None:
        percent = 100 * done // total if total else 100
        if percent // 10 != shown[0] // 10:
            shown[0] = percent
            print(_("Copied {percent}%").format(percent=percent), file=sys.stderr, flush=True)

    try:
        result = migrate_to(database, address, system_clock().now(), progress)
    except ServiceError as error:
        raise CliError(str(error)) from None
    store_for_this_pc(paths.settings, address)
    print(
        _(
            "The office was moved to {server}: {rows} records in {tables} tables, "
            "each table's count and checksum verified. The file {file} was not changed. "
            "This PC now uses the server."
        ).format(
            server=address.label,
            rows=result.total,
            tables=len(result.rows),
            file=database,
        )
    )
    return 0
