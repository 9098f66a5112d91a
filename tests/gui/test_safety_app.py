"""The safety features wired into the application: the idle lock of the main window, the daily
backup after start-up, and a damaged database at start (offer, restore, then login)."""

from datetime import datetime

import pytest
from people import ADMIN_PASSWORD, STAFF_PASSWORD
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication, QLabel
from safety.damage import damage_middle
from sqlalchemy import select
from typing_keys import type_text
from waiting import operations_done, slow_server

from opsdesk.domain.roles import Role
from opsdesk.paths import DataPaths
from opsdesk.services.account.auth import AdminInput
from opsdesk.services.clock import system_clock
from opsdesk.services.office.profile import OfficeInput
from opsdesk.services.office.staff import StaffInput
from opsdesk.services.registry import Services
from opsdesk.settings import LocalSettings
from opsdesk.storage import backup
from opsdesk.storage.models import AuditEntry
from opsdesk.storage.opening import open_database
from opsdesk.ui import app as app_module
from opsdesk.ui.app import Application
from opsdesk.ui.safety import auto_backup, damaged_database


@pytest.fixture
def paths(tmp_path):
    """A set-up office on disk with a psychologist ("psycholog") who chose a password."""
    paths = DataPaths(tmp_path / "data").ensure()
    db = open_database(paths.database_url())
    services = Services(db)
    admin = services.auth.first_run(
        OfficeInput(name="GOPS w Świlczy"),
        AdminInput("admin", "Adam Żółkiewski", ADMIN_PASSWORD, ADMIN_PASSWORD),
    )
    services.as_actor(admin).staff.create(
        StaffInput(
            "psycholog", "Irena Łęcka", frozenset({Role.PSYCHOLOGIST}), password="tymczasowe-1"
        )
    )
    person = services.auth.login("psycholog", "tymczasowe-1")
    services.auth.change_password(person, "tymczasowe-1", STAFF_PASSWORD, STAFF_PASSWORD)
    db.dispose()
    return paths


@pytest.fixture
def controller(qtbot, paths):
    controller = Application(paths, LocalSettings())
    yield controller
    if controller.main_window is not None:
        controller.main_window.idle_lock.stop()
    for widget in (controller.main_window, controller.login_dialog):
        if widget is not None:
            widget.close()
    if controller.services is not None:
        controller.services.db.dispose()


def log_in(qtbot, controller, login="psycholog", password=STAFF_PASSWORD):
    dialog = controller.login_dialog
    qtbot.waitUntil(lambda: dialog.login_button.isEnabled(), timeout=10_000)
    type_text(qtbot, dialog.login_edit, login)
    type_text(qtbot, dialog.password_edit, password)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: controller.main_window is not None)
    return controller.main_window


def test_a_slow_server_never_freezes_the_login_nor_the_password_change(
    qtbot, controller, monkeypatch
):
    from shiboken6 import isValid

    monkeypatch.setattr(auto_backup, "DAILY_DELAY_MS", 60_000)
    controller.start()
    dialog = controller.login_dialog
    qtbot.waitUntil(lambda: dialog.login_button.isEnabled(), timeout=10_000)
    auth = type(controller.services.auth)
    with slow_server(monkeypatch, auth, "login") as slow:
        type_text(qtbot, dialog.login_edit, "psycholog")
        type_text(qtbot, dialog.password_edit, STAFF_PASSWORD)
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)  # impatient: pressed again
        qtbot.waitUntil(lambda: slow.ticks >= 5)  # the window answers while it checks
        assert dialog.message() == "Sprawdzanie hasła…"
        assert not dialog.login_button.isEnabled() and controller.main_window is None
    qtbot.waitUntil(lambda: controller.main_window is not None)
    assert len(slow.calls) == 1  # checked once
    controller.change_password(False)
    change = controller.password_dialog
    new_password = "nowe-hasło-Łąka-7"
    with slow_server(monkeypatch, auth, "change_password") as slow:
        type_text(qtbot, change.edits["old"], STAFF_PASSWORD)
        type_text(qtbot, change.edits["new"], new_password)
        type_text(qtbot, change.edits["repeat"], new_password)
        qtbot.mouseClick(change.ok_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(change.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: slow.ticks >= 5)
        assert not change.ok_button.isEnabled()
        change.reject()  # Cancel waits for the answer: the change cannot be taken back
        assert change.isVisible()
    operations_done(qtbot)
    assert not isValid(change) or not change.isVisible()
    assert len(slow.calls) == 1
    assert controller.services.auth.login("psycholog", new_password).login == "psycholog"


def test_the_main_window_locks_and_another_person_switches_user(qtbot, controller, monkeypatch):
    monkeypatch.setattr(auto_backup, "DAILY_DELAY_MS", 60_000)
    controller.start()
    window = log_in(qtbot, controller)
    lock = window.idle_lock
    assert lock.timer.interval() == 10 * 60_000  # LocalSettings.lock_minutes
    lock.set_timeout(20)
    qtbot.waitUntil(lambda: lock.is_locked, timeout=5000)
    assert "Irena Łęcka (psycholog)" in lock.dialog.findChild(QLabel, "unlockText").text()
    assert window.centralWidget().isVisible()  # still there, under the cover
    qtbot.mouseClick(lock.dialog.switch_button, Qt.MouseButton.LeftButton)
    assert controller.main_window is None
    assert controller.login_dialog.isVisible()
    operations_done(qtbot)  # the logout is recorded off the GUI thread
    assert psychologist_actions(controller)[-2:] == ["screen_lock", "logout"]


def psychologist_actions(controller) -> list[str]:
    with controller.services.db.reading() as session:
        return list(
            session.scalars(
                select(AuditEntry.action)
                .where(AuditEntry.actor_login == "psycholog")
                .order_by(AuditEntry.id)
            )
        )


def test_a_switch_of_user_while_the_lock_is_still_being_recorded_keeps_the_order(
    qtbot, controller, monkeypatch
):
    """A busy server answers the screen lock's record late; the person switches user at
    once: the audit log still says the screen was locked before the person logged out."""
    from opsdesk.services.account.screen_lock import ScreenLockService

    monkeypatch.setattr(auto_backup, "DAILY_DELAY_MS", 60_000)
    controller.start()
    window = log_in(qtbot, controller)
    lock = window.idle_lock
    with slow_server(monkeypatch, ScreenLockService, "locked") as slow:
        lock.set_timeout(20)
        qtbot.waitUntil(lambda: lock.is_locked and len(slow.calls) == 1, timeout=5000)
        qtbot.mouseClick(lock.dialog.switch_button, Qt.MouseButton.LeftButton)
        assert controller.login_dialog.isVisible()
        qtbot.wait(200)  # the logout would have been written by now, were it not waiting
    operations_done(qtbot)
    assert psychologist_actions(controller)[-2:] == ["screen_lock", "logout"]


def test_the_daily_backup_comes_after_the_main_window(qtbot, controller, paths, monkeypatch):
    monkeypatch.setattr(auto_backup, "DAILY_DELAY_MS", 0)
    controller.start()
    log_in(qtbot, controller)
    qtbot.waitUntil(lambda: bool(backup.list_backups(paths.backups)), timeout=10_000)
    [made] = backup.list_backups(paths.backups)
    assert made.taken_at.date() == system_clock().today()  # the harness's day (conftest)
    assert backup.verify_backup(made.path).ok


def test_backup_at_exit(qtbot, paths):
    services = Services(open_database(paths.database_url()))
    try:
        auto_backup.backup_at_exit(services)
        auto_backup.backup_at_exit(services)  # each exit, even on the same day
    finally:
        services.close()
    assert len(backup.list_backups(paths.backups)) == 1  # rotated: the newest of the day
    auto_backup.backup_at_exit(None)  # no database opened: nothing to do


def test_the_backup_at_exit_shows_that_opsdesk_waits_for_it(qtbot, paths, monkeypatch):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QProgressDialog

    services = Services(open_database(paths.database_url()))
    seen, looks = [], []

    def look_then_answer() -> None:
        """Runs only if the event loop does; looks until the progress shows and the loop
        has ticked a few times (5 s at most), then lets the slow server answer."""
        shown = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QProgressDialog) and w.isVisible()
        ]
        looks.append(1)
        if (not shown or slow.ticks < 5) and len(looks) < 250:
            QTimer.singleShot(20, look_then_answer)
            return
        seen.append(([w.labelText() for w in shown], slow.ticks))
        slow.answer.set()

    try:
        with slow_server(monkeypatch, type(services.backups), "automatic") as slow:
            QTimer.singleShot(400, look_then_answer)
            auto_backup.backup_at_exit(services)
    finally:
        services.close()
    [(labels, ticks)] = seen
    assert labels == ["Wykonywanie kopii zapasowej przed zamknięciem opsdesk…"]
    assert ticks >= 5  # the window was never frozen meanwhile
    assert len(slow.calls) == 1
    assert len(backup.list_backups(paths.backups)) == 1


@pytest.fixture
def damaged(paths):
    good = backup.make_backup(
        paths.database, datetime(2026, 11, 27, 15, 30), backup.RotationPolicy()
    )
    damage_middle(paths.database)
    return good


@pytest.fixture
def dialogs(monkeypatch):
    said = {"asked": [], "told": [], "exit": []}

    def ask(parent, text, details=""):
        said["asked"].append(text + "\n" + details)
        return said.get("answer", True)

    def tell(parent, text, error, details=""):
        said["told"].append((text + "\n" + details, error))

    monkeypatch.setattr(damaged_database, "ask_restore", ask)
    monkeypatch.setattr(damaged_database, "tell", tell)
    monkeypatch.setattr(
        app_module.QApplication, "exit", staticmethod(lambda code=0: said["exit"].append(code))
    )
    yield said
    # finish what is under way while the answers above still hold (no real message box)
    QThreadPool.globalInstance().waitForDone()
    QApplication.processEvents()


def test_a_damaged_database_at_start_is_restored_from_the_newest_good_backup(
    qtbot, controller, paths, damaged, dialogs
):
    damaged_bytes = paths.database.read_bytes()
    controller.start()
    qtbot.waitUntil(lambda: bool(dialogs["told"]), timeout=15_000)
    [question] = dialogs["asked"]
    assert "jest uszkodzony" in question and "nie zmienił" in question
    assert str(paths.database) in question  # the details name the file
    assert "27.11.2026 15:30" in question
    [(told, error)] = dialogs["told"]
    assert not error and "Przywrócono bazę danych z kopii" in told
    kept = [
        p
        for p in paths.root.iterdir()
        if ".replaced-" in p.name and not p.name.endswith(("-wal", "-shm"))
    ]
    assert [p.read_bytes() for p in kept] == [damaged_bytes]  # never written to
    window = log_in(qtbot, controller, "admin", ADMIN_PASSWORD)
    assert window.isVisible() and dialogs["exit"] == []


def test_a_damaged_database_without_a_good_backup(qtbot, controller, paths, damaged, dialogs):
    damage_middle(damaged.path)
    before = paths.database.read_bytes()
    controller.start()
    qtbot.waitUntil(lambda: bool(dialogs["exit"]), timeout=15_000)
    assert dialogs["asked"] == []
    [(told, error)] = dialogs["told"]
    assert error and "nie ma dobrej kopii" in told and "nie usuwaj" in told
    assert dialogs["exit"] == [1]
    assert paths.database.read_bytes() == before


def test_refusing_the_restore_closes_opsdesk_and_changes_nothing(
    qtbot, controller, paths, damaged, dialogs
):
    dialogs["answer"] = False
    before = paths.database.read_bytes()
    controller.start()
    qtbot.waitUntil(lambda: bool(dialogs["exit"]), timeout=15_000)
    assert len(dialogs["asked"]) == 1 and dialogs["told"] == []
    assert paths.database.read_bytes() == before
    assert not [p for p in paths.root.iterdir() if ".replaced-" in p.name]


def test_restoring_from_the_administration_section_returns_to_the_login(
    qtbot, controller, paths, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(auto_backup, "DAILY_DELAY_MS", 60_000)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: told.append(text))
    controller.start()
    window = log_in(qtbot, controller, "admin", ADMIN_PASSWORD)
    tab = window.open_section("admin").open_tab("backups")
    qtbot.mouseClick(tab.backup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=10_000)
    tab.table.selectRow(0)
    qtbot.mouseClick(tab.restore_button, Qt.MouseButton.LeftButton)
    assert controller.main_window is None  # logged out before the restore
    qtbot.waitUntil(lambda: bool(told), timeout=15_000)
    assert "Przywrócono bazę danych" in told[0]
    assert [p for p in paths.root.iterdir() if p.name.startswith("opsdesk.sqlite3.replaced-")]
    window = log_in(qtbot, controller, "admin", ADMIN_PASSWORD)  # the restored database
    assert window.isVisible()
