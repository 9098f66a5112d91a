"""The ``opsdesk`` command: the GUI by default, plus demo, check and other subcommands.

Heavy libraries are imported by the subcommand that needs them, never here.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from opsdesk import __version__, cli_words
from opsdesk.commands import COMMANDS, CliError
from opsdesk.i18n import _, set_language
from opsdesk.paths import resolve_data_paths
from opsdesk.running_mark import hold_running_mark
from opsdesk.settings import LocalSettings

log = logging.getLogger("opsdesk.cli")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors: message on stderr, exit code 2
        self.print_usage(sys.stderr)
        self.exit(2, _("{prog}: error: {message}\n").format(prog=self.prog, message=message))


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole parser; only ``command``'s own arguments are added (and its module imported)."""
    parser = _Parser(
        prog="opsdesk",
        description=_("opsdesk \u2014 the desktop application of a social welfare centre."),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"opsdesk {__version__}",
        help=_("show the version number and exit"),
    )
    _add_data_dir(parser, None)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for entry in COMMANDS:
        sub = subparsers.add_parser(entry.name, help=_(entry.help))
        if entry.name == command:
            module = importlib.import_module(entry.module)
            sub.description = _(module.DESCRIPTION)
            module.add_arguments(sub)
            parser.set_defaults(run=module.run)
        _data_dir_everywhere(sub)
    return parser


def _data_dir_everywhere(parser: argparse.ArgumentParser) -> None:
    """The global option after the subcommand too (``opsdesk check --data-dir DIR``), and
    after a command's own kind (``opsdesk report hours … --data-dir DIR``); absent there, it
    keeps what was given before the subcommand."""
    if not any("--data-dir" in action.option_strings for action in parser._actions):
        _add_data_dir(parser, argparse.SUPPRESS)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for nested in action.choices.values():
                _data_dir_everywhere(nested)


def _add_data_dir(parser: argparse.ArgumentParser, default) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help=_(
            "folder for the database, backups and logs (default: the user data folder; "
            "or OPSDESK_DATA_DIR)"
        ),
    )


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    hold_running_mark()  # the installer waits for every opsdesk to end (Windows only)
    _tolerant_output()
    data_dir = _peek_data_dir(argv)
    paths = resolve_data_paths(data_dir)
    set_language(LocalSettings.load(paths.settings).language)
    cli_words.install()
    parser = build_parser(_peek_command(argv))
    args = parser.parse_args(argv)
    paths = resolve_data_paths(args.data_dir)
    try:
        if args.command is None:
            from opsdesk.ui.app import run_gui

            return run_gui(paths)
        return args.run(args, paths)
    except CliError as error:
        print(f"opsdesk: {error}", file=sys.stderr)
        return error.code
    except KeyboardInterrupt:
        return 130


def _tolerant_output() -> None:
    """A Windows console or pipe in a code page without Polish letters (cp1252, cp437) must not
    end a command with UnicodeEncodeError: what it cannot show is replaced."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (stream.encoding or "").lower().replace("-", "") != "utf8":
            reconfigure(errors="replace")


def _peek_command(argv: list[str]) -> str | None:
    """The subcommand's name: the first word that is neither an option nor its value."""
    skip_value = False
    for arg in argv:
        if skip_value:
            skip_value = False
        elif arg == "--data-dir":
            skip_value = True
        elif not arg.startswith("-"):
            return arg
    return None


def _peek_data_dir(argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--data-dir" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--data-dir="):
            return arg.split("=", 1)[1]
    return None
