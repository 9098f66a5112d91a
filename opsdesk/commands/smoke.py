"""``opsdesk smoke``: is this installation whole? Exit 0 when it is.

Run by the installer's tests (.ci/windows, the Windows workflow) and by an administrator after
installing: it starts Qt with the Polish translations and shows the login window, opens the
office's database (creating or migrating it, a backup first), with ``--first-run`` sets up an
office when there is none yet, and prints one PDF (the deadline report of the first team) with
the shipped fonts. Every step is logged in the data folder's log; any failure ends with exit
code 1 and the reason on stderr (the windowed opsdesk.exe has no console: see the log).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from opsdesk.commands import CliError
from opsdesk.i18n import N_, _

log = logging.getLogger("opsdesk.smoke")

DESCRIPTION = N_(
    "Checks that this installation works: the window, the translations, the database "
    "(created or migrated), the fonts and one PDF. Exit code 0 when everything works."
)

SMOKE_OFFICE = "Ośrodek Pomocy Społecznej w Żółkiewce (próba instalacji)"
SMOKE_ADMIN = "admin"


def add_arguments(parser) -> None:
    parser.add_argument(
        "--out",
        metavar="FILE.pdf",
        help=_("the PDF file to write (default: smoke.pdf in the data folder)"),
    )
    parser.add_argument(
        "--first-run",
        action="store_true",
        help=_("set up a trial office when the database has none"),
    )
    parser.add_argument(
        "--password",
        default="",
        help=_("the trial office administrator's password (with --first-run)"),
    )


def _say(text: str) -> None:
    log.info("smoke: %s", text)
    if sys.stdout is not None:
        print(text, flush=True)


def run(args, paths) -> int:
    from opsdesk.logging_setup import setup_logging

    paths.ensure()
    setup_logging(paths.logs)
    try:
        _run(args, paths)
    except CliError:
        raise
    except Exception as error:  # the smoke test reports whatever broke, with its traceback
        log.exception("smoke test failed")
        raise CliError(_("The smoke test failed: {error}").format(error=error), 1) from None
    return 0


def _run(args, paths) -> None:
    from opsdesk.settings import LocalSettings

    settings = LocalSettings.load(paths.settings)
    _say(f"data folder: {paths.root}")
    _window(settings.language)
    services = _database(paths, args)
    out = Path(args.out) if args.out else paths.root / "smoke.pdf"
    _pdf(services, out)
    _say("smoke test passed")


def _window(language: str) -> None:
    from PySide6.QtCore import QLibraryInfo
    from PySide6.QtWidgets import QApplication

    from opsdesk.ui.account.login_dialog import LoginDialog
    from opsdesk.ui.app import install_qt_translator

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    install_qt_translator(app, language)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if language != "en" and not (Path(folder) / f"qtbase_{language}.qm").is_file():
        raise RuntimeError(f"qtbase_{language}.qm is missing from {folder}")
    dialog = LoginDialog("")
    dialog.show()
    app.processEvents()
    _say(f"login window shown ({app.platformName()}): {dialog.windowTitle()}")
    dialog.close()


def _database(paths, args):
    from opsdesk.services.account.auth import AdminInput
    from opsdesk.services.clock import system_clock
    from opsdesk.services.office.profile import OfficeInput
    from opsdesk.services.registry import Services
    from opsdesk.services.reports.documents import system_actor
    from opsdesk.storage.migrate import HEAD_REVISION
    from opsdesk.storage.opening import open_database, refusals

    clock = system_clock()
    try:
        db = open_database(paths.database_url(), clock.now())
    except refusals() as error:
        raise CliError(str(error), 1) from None
    _say(f"database open at schema {HEAD_REVISION}")
    services = Services(db, None, clock)
    if services.auth.needs_first_run():
        if not args.first_run:
            raise CliError(
                _(
                    "The office is not set up yet: start opsdesk and fill in the "
                    "first-run form (or run the smoke test with --first-run)."
                ),
                1,
            )
        password = args.password or "Próba-instalacji-1"
        services.auth.first_run(
            OfficeInput(name=SMOKE_OFFICE, city="Żółkiewka"),
            AdminInput(SMOKE_ADMIN, "Administrator próby", password, password),
        )
        _say("first run: trial office set up")
    _say(f"office: {services.auth.office_name()}")
    return services.as_actor(system_actor())


def _pdf(services, out: Path) -> None:
    from opsdesk.printing import documents

    scopes = services.reports.deadline_scopes()
    if not scopes:
        raise RuntimeError("the office has no team to print a report of")
    data = documents.deadline_report(services, scopes[0].team_id)
    if not data.startswith(b"%PDF"):
        raise RuntimeError("the report is not a PDF")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    _say(f"PDF written: {out} ({len(data)} bytes)")
