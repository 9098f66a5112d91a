"""``opsdesk check``: is the database sound? Exit 0 when it is, 1 when not."""

from __future__ import annotations

from opsdesk.commands import CliError
from opsdesk.i18n import N_, _

DESCRIPTION = N_("Checks the database's integrity, its foreign keys and its schema version.")


def add_arguments(parser) -> None:
    """No options."""


def run(args, paths) -> int:
    from opsdesk.storage.health import check_database

    url = paths.database_url()
    if url.startswith("sqlite") and not paths.database.exists():
        raise CliError(_("There is no database in {path}.").format(path=paths.root))
    report = check_database(url)
    for line in report.lines:
        print(line)
    print(_("The database is sound.") if report.ok else _("The database has problems."))
    return 0 if report.ok else 1
