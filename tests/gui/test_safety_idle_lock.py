"""The idle lock: after the timeout without input every window's content is covered until the
same person types their password; another person logs out instead."""

import pytest
from people import ADMIN_PASSWORD, STAFF_PASSWORD
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMainWindow, QVBoxLayout
from sqlalchemy import select
from typing_keys import type_text
from waiting import operations_done, slow_server

from opsdesk.domain.roles import Role
from opsdesk.storage.models import AuditEntry
from opsdesk.ui.safety.idle_lock import EXEMPT_PROPERTY, Cover, IdleLock

SECRET = "Kowalska Anna, PESEL 44051401458, ul. Łąkowa 5"


def window_with_data(qtbot):
    window = QMainWindow()
    window.setWindowTitle("opsdesk \u2014 MOPS")
    window.setCentralWidget(QLabel(SECRET))
    window.resize(700, 400)
    qtbot.addWidget(window)
    window.show()
    return window


def dialog_with_data(window, title="Klient: Kowalska Anna"):
    dialog = QDialog(window)
    dialog.setWindowTitle(title)
    QVBoxLayout(dialog).addWidget(QLabel(SECRET))
    dialog.resize(400, 200)
    dialog.show()
    return dialog


@pytest.fixture
def clerk(make_person):
    return make_person(Role.CLERK, login="rejestracja", full_name="Halina Żuraw")


@pytest.fixture
def make_lock():
    locks = []

    def make(window, services, timeout_ms):
        locks.append(IdleLock(window, services, timeout_ms))
        return locks[-1]

    yield make
    for lock in locks:
        lock.stop()


@pytest.fixture
def locked(qtbot, clerk, make_lock):
    window = window_with_data(qtbot)
    dialog = dialog_with_data(window)
    lock = make_lock(window, clerk, timeout_ms=20)
    qtbot.waitUntil(lambda: lock.is_locked, timeout=5000)
    operations_done(qtbot)  # the lock is recorded off the GUI thread
    return window, dialog, lock


def covers_everything(widget) -> bool:
    cover = widget.findChild(Cover)
    if cover is None or not cover.isVisible() or cover.geometry() != widget.rect():
        return False
    top = widget.childAt(QPoint(widget.width() // 2, widget.height() // 2))
    return top is cover or cover.isAncestorOf(top)


def audit_actions(services):
    with services.db.reading() as session:
        return list(
            session.scalars(
                select(AuditEntry.action)
                .where(AuditEntry.actor_login == "rejestracja")
                .order_by(AuditEntry.id)
            )
        )


def test_without_input_everything_is_covered(locked, clerk):
    window, dialog, lock = locked
    assert covers_everything(window) and covers_everything(dialog)
    assert dialog.windowTitle() == "opsdesk \u2014 zablokowany"  # the title named the client
    assert lock.dialog.isVisible() and lock.dialog.isModal()
    text = lock.dialog.findChild(QLabel, "unlockText").text()
    assert "Halina Żuraw (rejestracja)" in text
    assert audit_actions(clerk)[-1] == "screen_lock"


def test_the_cover_follows_the_window_size(qtbot, locked):
    window, _dialog, _lock = locked
    window.resize(900, 600)
    qtbot.waitUntil(lambda: covers_everything(window))


def test_escape_does_not_uncover(qtbot, locked):
    _window, _dialog, lock = locked
    qtbot.keyClick(lock.dialog, Qt.Key.Key_Escape)
    lock.dialog.close()
    assert lock.is_locked and lock.dialog.isVisible()


def test_only_the_same_persons_password_unlocks(qtbot, locked, clerk):
    window, dialog, lock = locked
    unlock = lock.dialog
    type_text(qtbot, unlock.password_edit, ADMIN_PASSWORD)  # someone else's
    qtbot.mouseClick(unlock.unlock_button, Qt.MouseButton.LeftButton)
    operations_done(qtbot)  # the password is checked off the GUI thread
    assert unlock.message() == "Nieprawidłowy login lub hasło."
    assert lock.is_locked and covers_everything(window)
    type_text(qtbot, unlock.password_edit, STAFF_PASSWORD)
    qtbot.keyClick(unlock.password_edit, Qt.Key.Key_Return)
    operations_done(qtbot)
    assert not lock.is_locked
    assert window.findChild(Cover) is None or not window.findChild(Cover).isVisible()
    assert dialog.windowTitle() == "Klient: Kowalska Anna"
    assert lock.timer.isActive()
    assert audit_actions(clerk)[-3:] == ["screen_lock", "login", "screen_unlock"]
    with clerk.db.reading() as session:  # the wrong password counted as a failed login
        assert (
            session.scalar(select(AuditEntry.entity_id).where(AuditEntry.action == "login_failed"))
            == clerk.actor.id
        )


def test_a_slow_server_never_freezes_the_unlock_and_checks_the_password_once(
    qtbot, locked, clerk, monkeypatch
):
    window, _dialog, lock = locked
    unlock = lock.dialog
    type_text(qtbot, unlock.password_edit, STAFF_PASSWORD)
    with slow_server(monkeypatch, type(clerk.screen_lock), "unlock") as slow:
        qtbot.keyClick(unlock.password_edit, Qt.Key.Key_Return)
        qtbot.keyClick(unlock.password_edit, Qt.Key.Key_Return)  # pressed again meanwhile
        qtbot.mouseClick(unlock.unlock_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: slow.ticks >= 5)  # the window answers while it checks
        assert unlock.message() == "Sprawdzanie hasła…"
        assert not unlock.unlock_button.isEnabled()
        assert lock.is_locked and covers_everything(window)  # still covered meanwhile
    operations_done(qtbot)
    assert not lock.is_locked
    assert len(slow.calls) == 1
    assert audit_actions(clerk)[-3:] == ["screen_lock", "login", "screen_unlock"]


def test_an_unexpected_failure_of_the_check_leaves_the_lock_ready_for_another_try(
    qtbot, locked, clerk, monkeypatch
):
    window, _dialog, lock = locked
    unlock = lock.dialog
    screen_lock = type(clerk.screen_lock)
    real_unlock, failing = screen_lock.unlock, [True]

    def broken_once(self, *args, **kwargs):
        if failing and failing.pop():
            raise RuntimeError("the database driver broke")
        return real_unlock(self, *args, **kwargs)

    monkeypatch.setattr(screen_lock, "unlock", broken_once)
    type_text(qtbot, unlock.password_edit, STAFF_PASSWORD)
    qtbot.keyClick(unlock.password_edit, Qt.Key.Key_Return)
    operations_done(qtbot)
    assert unlock.message() == "Nie udało się sprawdzić hasła; spróbuj ponownie."
    assert unlock.unlock_button.isEnabled()  # not left disabled: only "switch user"
    assert lock.is_locked and covers_everything(window)
    type_text(qtbot, unlock.password_edit, STAFF_PASSWORD)
    qtbot.keyClick(unlock.password_edit, Qt.Key.Key_Return)
    operations_done(qtbot)
    assert not lock.is_locked


def test_a_slow_server_never_delays_the_lock_and_records_it_once(
    qtbot, clerk, make_lock, monkeypatch
):
    window = window_with_data(qtbot)
    with slow_server(monkeypatch, type(clerk.screen_lock), "locked") as slow:
        lock = make_lock(window, clerk, timeout_ms=20)
        qtbot.waitUntil(lambda: lock.is_locked, timeout=5000)
        qtbot.waitUntil(lambda: slow.ticks >= 5)  # covered at once, recorded meanwhile
        assert covers_everything(window) and lock.dialog.isVisible()
    operations_done(qtbot)
    assert len(slow.calls) == 1
    assert audit_actions(clerk)[-1] == "screen_lock"


def test_a_window_opened_while_locked_is_covered_too(qtbot, locked):
    window, _dialog, lock = locked
    late = dialog_with_data(window, "Wynik wyszukiwania")
    qtbot.waitUntil(lambda: covers_everything(late))
    display = QDialog()
    display.setProperty(EXEMPT_PROPERTY, True)  # e.g. the waiting-room display
    qtbot.addWidget(display)
    display.show()
    assert display.findChild(Cover) is None
    assert set(lock.covered_windows()) >= {window, late}


def test_another_person_logs_out_and_the_previous_windows_close(qtbot, locked):
    window, dialog, lock = locked
    with qtbot.waitSignal(lock.switch_user_requested):
        qtbot.mouseClick(lock.dialog.switch_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_input_anywhere_restarts_the_countdown(qtbot, clerk, make_lock):
    window = window_with_data(qtbot)
    lock = make_lock(window, clerk, timeout_ms=60_000)
    lock.timer.stop()
    QApplication.sendEvent(
        window.centralWidget(),
        QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a"),
    )
    assert lock.timer.isActive() and lock.timer.remainingTime() > 50_000
    lock.timer.stop()
    QApplication.sendEvent(
        window.centralWidget(),
        QMouseEvent(
            QEvent.Type.MouseMove,
            QPointF(20, 20),
            QPointF(20, 20),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
        ),
    )
    assert lock.timer.isActive()
    lock.set_timeout(120_000)
    assert lock.timer.interval() == 120_000 and not lock.is_locked
