"""Subcommands of the ``opsdesk`` command line.

Each module has ``DESCRIPTION`` (for its ``--help``), ``add_arguments(parser)`` and
``run(args, paths)``. Only the module of the command being run is imported, so a plain
``opsdesk`` (the window) pays for none of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from opsdesk.i18n import N_


@dataclass(frozen=True)
class Command:
    name: str
    module: str
    help: str  # marked with N_, translated when shown


# Order of appearance in ``opsdesk --help``.
COMMANDS = (
    Command(
        "demo",
        "opsdesk.commands.demo",
        N_("build and open a demo office with two years of fictional data"),
    ),
    Command(
        "check",
        "opsdesk.commands.check",
        N_("check the database: integrity, foreign keys, schema version"),
    ),
    Command("backup", "opsdesk.commands.backup", N_("make a verified backup of the database")),
    Command("restore", "opsdesk.commands.restore", N_("replace the database by a backup")),
    Command(
        "join-server",
        "opsdesk.commands.join_server",
        N_("use the office's PostgreSQL server on this PC"),
    ),
    Command(
        "migrate-to",
        "opsdesk.commands.migrate_to",
        N_("move this PC's office to the office's PostgreSQL server"),
    ),
    Command(
        "report",
        "opsdesk.commands.report",
        N_("print a document to a PDF file (hour sheets, lists, deadlines, GDPR)"),
    ),
    Command(
        "display",
        "opsdesk.commands.display",
        N_("start the window and open the waiting-room display after logging in"),
    ),
    Command(
        "smoke",
        "opsdesk.commands.smoke",
        N_("check that this installation works (window, database, fonts, one PDF)"),
    ),
)


class CliError(Exception):
    """A problem to report on stderr, without a traceback; exit code 2 unless told."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code
