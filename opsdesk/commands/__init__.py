"""Subcommands of the ``opsdesk`` command line; each module has ``add_parser`` and ``run``."""

# Order of appearance in ``opsdesk --help``.
COMMAND_MODULES = (
    "opsdesk.commands.demo",
    "opsdesk.commands.check",
    "opsdesk.commands.backup",
    "opsdesk.commands.restore",
    "opsdesk.commands.report",
)


class CliError(Exception):
    """A problem to report on stderr, without a traceback; exit code 2 unless told."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code
