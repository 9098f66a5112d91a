"""Starting the GUI: translators, crash handler, then first run or login, then the main window.

The login window is shown before SQLAlchemy is even imported: the database is opened in the
background while the person types (docs/machine-facts.md, start-up speed). For the same reason this
module leaves PySide6's ``Qt`` namespace (~12 ms to create) and QMessageBox to the code that
runs after the login window is up.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from opsdesk.i18n import _, set_language
from opsdesk.logging_setup import setup_logging
from opsdesk.paths import DataPaths
from opsdesk.settings import LocalSettings
from opsdesk.ui.account.login_dialog import LoginDialog
from opsdesk.ui.background import run_in_background
from opsdesk.ui.crash import CrashHandler

if TYPE_CHECKING:
    from opsdesk.services.context import Actor
    from opsdesk.services.registry import Services
    from opsdesk.ui.account.first_run_dialog import FirstRunDialog
    from opsdesk.ui.account.password_dialog import ChangePasswordDialog
    from opsdesk.ui.main_window import MainWindow

log = logging.getLogger("opsdesk.ui")

_START = time.perf_counter()


def trace(event: str) -> None:
    """With OPSDESK_TRACE_STARTUP=1, print start-up milestones (used by bench/startup.py)."""
    if os.environ.get("OPSDESK_TRACE_STARTUP"):
        print(
            f"opsdesk-trace {event} {time.perf_counter() - _START:.4f}", file=sys.stderr, flush=True
        )


def install_qt_translator(app: QApplication, language: str) -> None:
    if language == "en":
        return
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{language}", folder):
        app.installTranslator(translator)
    else:
        log.warning("qtbase_%s not found in %s", language, folder)
    QLocale.setDefault(QLocale(QLocale.Language.Polish, QLocale.Country.Poland))


def _warm_up() -> None:
    """Import the main window and each role's first section while the person types the
    password, so logging in waits only for the password check and the first section's data.
    Imports are shared between threads: a module still loading here is waited for, never
    loaded twice. Modules only; widgets are made on the GUI thread."""
    from opsdesk.ui.sections import first_section_modules

    for module in ("opsdesk.ui.main_window", *sorted(first_section_modules())):
        importlib.import_module(module)


def _make_qt_types() -> None:
    from opsdesk.ui import qt_types

    if qt_types.make_all():
        trace("qt-types")


def _warm_up_failed(error: Exception) -> None:
    """Logging in still works (the modules load then, on the GUI thread); the log says why
    the head start was lost."""
    log.warning("preparing the main window in the background failed: %r", error)
    trace("warm-up-failed")


def _restore_pending(database) -> bool:
    """A restore stopped half-way: opening the database finishes it (no new office)."""
    from opsdesk.services.safety.restore_state import restore_waiting

    return restore_waiting(database)


class Application(QObject):
    """Runs the sequence first run / login / main window / log out."""

    def __init__(self, paths: DataPaths, settings: LocalSettings, open_display: bool = False):
        from opsdesk.ui import workstation

        workstation.install(settings, lambda changed: changed.save(paths.settings))
        super().__init__()
        self.paths = paths
        self.open_display = open_display  # the waiting-room display after the first login
        self.settings = settings
        self.services: Services | None = None  # without an actor, once the database is open
        self.office_name = ""
        self.login_dialog: LoginDialog | None = None
        self.first_run_dialog: FirstRunDialog | None = None
        self.main_window: MainWindow | None = None
        self.password_dialog: ChangePasswordDialog | None = None

    # --- start ---------------------------------------------------------------------------

    def start(self) -> None:
        url = self.paths.database_url()
        if (
            url.startswith("sqlite")
            and not self.paths.database.exists()
            and not (_restore_pending(self.paths.database))
        ):
            self.show_first_run()
        else:
            self.show_login()
            run_in_background(self._open_database, self._database_opened, self._database_failed)
        # once the first window is drawn, before any worker imports a module that names a Qt
        # class (ui/qt_types.py says why)
        QTimer.singleShot(0, _make_qt_types)

    def _open_database(self):
        from opsdesk.services.safety.opening import open_office

        services = open_office(self.paths.database_url(), backups=self.paths.backups)
        return services, services.auth.needs_first_run(), services.auth.office_name()

    def _database_opened(self, result) -> None:
        self.services, needs_first_run, self.office_name = result
        trace("database-open")
        login_dialog = self.login_dialog
        assert login_dialog is not None, "the login window waits for the database"
        if needs_first_run:
            login_dialog.hide()
            self.show_first_run()
            return
        login_dialog.set_office(self.office_name)
        login_dialog.set_ready()
        _make_qt_types()  # done already, unless the database opened first
        run_in_background(_warm_up, lambda _result: trace("warmed-up"), _warm_up_failed)

    def _database_failed(self, error: Exception) -> None:
        from PySide6.QtWidgets import QMessageBox

        from opsdesk.errors import DamagedDatabase, NewerDatabase

        log.error("cannot open the database: %s", error)
        if isinstance(error, DamagedDatabase):
            from opsdesk.ui.safety.damaged_database import offer_restore

            offer_restore(
                self.login_dialog,
                error,
                self._reopen_database,
                lambda: QApplication.exit(1),
            )
            return
        if isinstance(error, NewerDatabase):
            text = str(error)
        else:
            text = _(
                "The database cannot be opened: {error}\n\nThe details are in the log "
                "folder: {path}"
            ).format(error=error, path=self.paths.logs)
        QMessageBox.critical(self.login_dialog, _("opsdesk"), text)
        QApplication.exit(1)

    def _reopen_database(self) -> None:
        assert self.login_dialog is not None, "the login window waits for the database"
        self.login_dialog.set_busy(_("Opening the database\u2026"))
        run_in_background(self._open_database, self._database_opened, self._database_failed)

    def _restore_requested(self, path) -> None:
        """The administrator restores a backup: log out, restore, log in to the restored data."""
        from opsdesk.ui.safety.restore_flow import restore_at_login

        window, self.main_window = self.main_window, None
        assert window is not None, "a restore is asked for from the main window"
        window.idle_lock.stop()
        window.close()
        window.deleteLater()
        login_dialog = self.show_login()
        login_dialog.set_busy(_("Opening the database\u2026"))
        restore_at_login(login_dialog, window.services, path, self._reopen_database)

    # --- first run -----------------------------------------------------------------------

    def show_first_run(self) -> None:
        from opsdesk.ui.account.first_run_dialog import FirstRunDialog

        dialog = self.first_run_dialog = FirstRunDialog()
        dialog.submitted.connect(self._first_run_submitted)
        dialog.join_requested.connect(self._join_server)
        # only a PC that has no office yet may join a server instead
        dialog.join_button.setVisible(self.paths.database_url().startswith("sqlite"))
        dialog.rejected.connect(QApplication.quit)
        dialog.show()
        trace("first-run-window")

    def _join_server(self) -> None:
        from opsdesk.ui.account.join_server_dialog import JoinServerDialog

        dialog = JoinServerDialog(self.paths.settings, self.first_run_dialog)
        dialog.joined.connect(lambda url, _label: self._server_joined(dialog, url))
        dialog.open()

    def _server_joined(self, dialog, url: str) -> None:
        """This PC uses the office's server now: log in to it (or set the office up there)."""
        self.settings.server_url = url  # saved already; kept when the settings are saved again
        dialog.accept()
        first_run, self.first_run_dialog = self.first_run_dialog, None
        assert first_run is not None, "a server is joined from the first-run window"
        first_run.rejected.disconnect()
        first_run.accept()
        self.services = None
        self.show_login()
        run_in_background(self._open_database, self._database_opened, self._database_failed)

    def _first_run_submitted(self, office: dict, admin: dict) -> None:
        """Open (create) the database and set the office up off the GUI thread: the schema
        and the administrator's password hash take a while; the window answers meanwhile."""
        from opsdesk.errors import ServiceError, ValidationError
        from opsdesk.services.account.auth import AdminInput
        from opsdesk.services.office.profile import OfficeInput
        from opsdesk.ui.forms import show_service_error
        from opsdesk.ui.operation import run_operation

        dialog = self.first_run_dialog
        assert dialog is not None, "the office is set up from the first-run window"
        services, paths = self.services, self.paths

        def work() -> tuple[Services, ValidationError | None]:
            opened = services
            if opened is None:
                from opsdesk.services.safety.opening import open_office

                opened = open_office(paths.database_url(), backups=paths.backups)
            try:
                opened.auth.first_run(
                    OfficeInput(
                        name=office["office_name"],
                        street=office["street"],
                        postal_code=office["postal_code"],
                        city=office["city"],
                    ),
                    AdminInput(**admin),
                )
            except ValidationError as error:
                return opened, error
            return opened, None

        def refused(error: ServiceError) -> None:  # e.g. the server went away
            dialog.create_button.setEnabled(True)
            show_service_error(dialog, error)

        run_operation(
            dialog,
            work,
            lambda answer: self._office_set_up(office, admin, *answer),
            refused=refused,
            busy=_("setting up the office"),
        )

    def _office_set_up(
        self, office: dict, admin: dict, services: Services, refusal: Exception | None
    ) -> None:
        from opsdesk.errors import ValidationError

        self.services = services
        if refusal is not None:
            assert isinstance(refusal, ValidationError)
            if self.first_run_dialog is not None:
                self.first_run_dialog.show_errors(refusal.errors)
            return
        self.office_name = office["office_name"].strip()
        self.settings.last_login = admin["login"].strip()
        self.settings.save(self.paths.settings)
        dialog, self.first_run_dialog = self.first_run_dialog, None
        assert dialog is not None, "the office is set up from the first-run window"
        dialog.rejected.disconnect()
        dialog.accept()
        login_dialog = self.show_login()
        login_dialog.set_office(self.office_name)
        login_dialog.set_ready()

    # --- login and main window -----------------------------------------------------------

    def show_login(self) -> LoginDialog:
        dialog = self.login_dialog = LoginDialog(self.settings.last_login)
        dialog.login_requested.connect(self._login)
        dialog.rejected.connect(self._login_closed)
        if self.office_name:
            dialog.set_office(self.office_name)
            dialog.set_ready()
        dialog.show()
        trace("login-window")
        return dialog

    def _login_closed(self) -> None:
        if self.main_window is None:
            QApplication.quit()

    def _login(self, login: str, password: str) -> None:
        """Check the password off the GUI thread (argon2 takes a while, a server may be
        slow): the dialog says it is checking and answers meanwhile; a second press
        starts nothing."""
        from opsdesk.ui.operation import run_operation

        dialog = self.login_dialog
        assert self.services is not None and dialog is not None, "login is asked once open"
        auth = self.services.auth
        dialog.set_busy(_("Checking the password\u2026"))
        run_operation(
            dialog,
            lambda: auth.login(login, password),
            lambda actor: self._logged_in(dialog, actor),
            refused=lambda error: dialog.show_error(str(error)),
            busy=_("checking the password"),
        )

    def _logged_in(self, dialog: LoginDialog, actor: Actor) -> None:
        if dialog is not self.login_dialog or not dialog.isVisible():
            return  # the dialog was closed meanwhile
        self.settings.last_login = actor.login
        self.settings.save(self.paths.settings)
        self.login_dialog = None
        dialog.rejected.disconnect()
        dialog.accept()
        self.open_main_window(actor)

    def open_main_window(self, actor: Actor) -> None:
        from opsdesk.ui.main_window import MainWindow

        assert self.services is not None, "the database is open before anyone logs in"
        services = self.services.as_actor(actor)
        window = MainWindow(services, self.office_name)
        window.logout_requested.connect(self.logout)
        window.switch_user_requested.connect(self.logout)
        window.change_password_requested.connect(lambda: self.change_password(False))
        window.settings_requested.connect(self.edit_settings)
        self.main_window = window
        window.show()
        trace("main-window")
        from opsdesk.ui.safety.auto_backup import schedule_daily_backup
        from opsdesk.ui.safety.idle_lock import IdleLock

        window.idle_lock = IdleLock(window, services, self.settings.lock_minutes * 60_000)
        window.idle_lock.switch_user_requested.connect(self.logout)
        window.restore_requested.connect(self._restore_requested)
        schedule_daily_backup(self.services, window, window.statusBar().showMessage)
        if self.open_display and "reception" in window.section_keys():
            self.open_display = False
            from opsdesk.ui.reception.section import ReceptionSection

            section = window.open_section("reception")
            assert isinstance(section, ReceptionSection)
            QTimer.singleShot(0, section, section.open_display)
        if actor.must_change_password:
            QTimer.singleShot(0, lambda: self.change_password(True))
        else:
            QTimer.singleShot(0, window, window.run_login_hooks)  # cancelled if closed

    def change_password(self, required: bool) -> None:
        from PySide6.QtCore import Qt

        from opsdesk.ui.account.password_dialog import ChangePasswordDialog

        assert self.main_window is not None, "the password is changed from the main window"
        dialog = ChangePasswordDialog(self.main_window.services, required, self.main_window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if required:
            dialog.rejected.connect(self.logout)
        self.password_dialog = dialog
        dialog.open()

    def edit_settings(self) -> None:
        from opsdesk.ui.account.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self.main_window)
        if dialog.exec():
            self.settings.save(self.paths.settings)
            assert self.main_window is not None, "the settings are edited from the main window"
            self.main_window.idle_lock.set_timeout(self.settings.lock_minutes * 60_000)

    def logout(self) -> None:
        """Close the main window and show the login; the logout is written to the audit log
        off the GUI thread, the login waiting for it (the log keeps the order)."""
        from opsdesk.errors import ServiceError
        from opsdesk.ui.operation import SESSION_EVENTS, run_operation

        window, self.main_window = self.main_window, None
        actor = window.services.actor if window is not None else None
        auth = window.services.auth if window is not None else None
        if window is not None:
            window.idle_lock.stop()
            window.close()
            window.deleteLater()
        dialog = self.show_login()
        if auth is None or actor is None:  # always known, in the main window
            return
        dialog.set_busy(_("Logging out\u2026"))

        def written(_none: None) -> None:
            dialog.set_ready()

        def refused(error: ServiceError) -> None:  # e.g. the server went away
            log.warning("the logout of %s was not recorded: %s", actor.login, error)
            dialog.set_ready()

        run_operation(
            dialog,
            lambda: auth.logout(actor),
            written,
            refused=refused,
            busy=_("logging out"),
            lane="logout",
            in_order=SESSION_EVENTS,  # after the screen lock it may follow
        )


def run_gui(paths: DataPaths, open_display: bool = False) -> int:
    paths.ensure()
    log_path = setup_logging(paths.logs)
    settings = LocalSettings.load(paths.settings)
    set_language(settings.language)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication), "the GUI needs a QApplication"
    app.setApplicationName("opsdesk")
    app.setOrganizationName("opsdesk")
    from opsdesk.ui import app_icon

    app.setWindowIcon(app_icon.icon())  # every window's, the taskbar's and Alt+Tab's
    install_qt_translator(app, settings.language)
    from opsdesk.ui import wheel_guard

    wheel_guard.install(app)
    crash = CrashHandler(log_path)
    crash.install()
    crash.record_fatal_errors()
    controller = Application(paths, settings, open_display)
    controller.start()
    code = app.exec()
    from opsdesk.ui.safety.auto_backup import backup_at_exit

    backup_at_exit(controller.services)
    return code
