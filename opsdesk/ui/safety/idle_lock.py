"""The idle lock: after some minutes without keyboard or mouse input anywhere in opsdesk, every
window's content is covered and only the same person's password uncovers it.

An application-wide event filter restarts a single-shot timer on each input event. Locking puts
an opaque cover over every visible opsdesk window (the main window, open dialogs, windows that
appear while locked) and blanks their titles, then opens an application-modal
``UnlockDialog``; unlocking needs ``ScreenLockService.unlock`` (the person's password, checked
off the GUI thread: the dialog says it is checking). Another
person logs out instead ("switch user"). Lock and unlock are audit entries.

A window that must stay visible (the waiting-room display shows only ticket numbers) sets the
Qt property ``opsdeskLockExempt`` to True.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from opsdesk.errors import ServiceError
from opsdesk.i18n import _
from opsdesk.ui.operation import SESSION_EVENTS, run_operation
from opsdesk.ui.safety.unlock_dialog import UnlockDialog

if TYPE_CHECKING:
    from opsdesk.services.registry import Services

log = logging.getLogger("opsdesk.ui")

EXEMPT_PROPERTY = "opsdeskLockExempt"
INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


def resolve_event_classes() -> None:
    """Create PySide6's Python classes for every Qt event type now.

    PySide6 creates a wrapper class the first time it is needed. Creating an event class while
    an application-wide Python event filter converts the event (shiboken's findDerivedType ->
    Module::get) segfaulted in PySide6 6.11, so the classes are made before the filter is
    installed (about 3 ms, instead of initialising every class eagerly at import).
    """
    for module in (QtCore, QtGui, QtWidgets):
        for name in dir(module):
            if name.endswith("Event"):
                getattr(module, name)


class Cover(QWidget):
    """An opaque panel over the whole of a window, saying that opsdesk is locked."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.setObjectName("lockCover")
        self.setAutoFillBackground(True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(
            "QWidget#lockCover { background: #2b3a4a; }QLabel { color: white; font-size: 16pt; }"
        )
        label = QLabel(_("opsdesk is locked"))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        self.fit()
        self.show()
        self.raise_()

    def fit(self) -> None:
        parent = self.parentWidget()
        assert parent is not None, "a cover always covers a window"
        self.setGeometry(parent.rect())


class IdleLock(QObject):
    locked_changed = Signal(bool)
    switch_user_requested = Signal()

    def __init__(self, window: QWidget, services: Services, timeout_ms: int):
        super().__init__(window)
        self.window = window
        self.services = services
        self.dialog: UnlockDialog | None = None
        self._covers: dict[QWidget, Cover] = {}
        self._titles: dict[QWidget, str] = {}
        self.timer = QTimer(self)
        self.timer.setObjectName("idleLockTimer")
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.set_timeout(timeout_ms)
        resolve_event_classes()
        app = QApplication.instance()
        assert app is not None, "the lock runs inside the application"
        app.installEventFilter(self)

    @property
    def is_locked(self) -> bool:
        return self.dialog is not None

    def set_timeout(self, timeout_ms: int) -> None:
        self.timer.setInterval(max(int(timeout_ms), 1))
        if not self.is_locked:
            self.timer.start()

    def minutes(self) -> int:
        return max(self.timer.interval() // 60_000, 0)

    # --- watching input ------------------------------------------------------------------

    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        if kind in INPUT_EVENTS:
            if not self.is_locked:
                self.timer.start()
        elif self.is_locked:
            if kind == QEvent.Type.Resize and watched in self._covers:
                self._covers[watched].fit()
            elif kind == QEvent.Type.Show and isinstance(watched, QWidget):
                self._cover(watched)
        return False

    # --- locking -------------------------------------------------------------------------

    def _cover(self, widget: QWidget) -> None:
        if (
            not widget.isWindow()
            or widget in self._covers
            or not widget.isVisible()
            or widget.property(EXEMPT_PROPERTY)
        ):
            return
        if self.dialog is not None and (widget is self.dialog or self.dialog.isAncestorOf(widget)):
            return
        self._covers[widget] = Cover(widget)
        self._titles[widget] = widget.windowTitle()
        widget.setWindowTitle(_("opsdesk \u2014 locked"))
        widget.destroyed.connect(lambda _obj=None, w=widget: self._forget(w))

    def _forget(self, widget) -> None:
        self._covers.pop(widget, None)
        self._titles.pop(widget, None)

    def lock(self) -> None:
        if self.is_locked:
            return
        self.timer.stop()
        popup = QApplication.activePopupWidget()
        while popup is not None:
            popup.close()
            popup = QApplication.activePopupWidget()
        actor = self.services.actor
        assert actor is not None, "only a logged-in person's window is locked"
        self.dialog = UnlockDialog(actor.full_name, actor.login, self.minutes(), self.window)
        for widget in QApplication.topLevelWidgets():
            self._cover(widget)
        self.dialog.unlock_requested.connect(self._try_unlock)
        self.dialog.switch_user_requested.connect(self._switch_user)
        self.dialog.show()  # a new window opens on top
        self.dialog.activateWindow()
        run_operation(  # recorded off the GUI thread; the lock itself must never fail
            self.dialog,
            self.services.screen_lock.locked,
            lambda _none: None,
            refused=lambda error: log.warning("the screen lock was not recorded: %s", error),
            busy=_("saving"),
            lane="record",
            defect=lambda error: log.error("the screen lock was not recorded: %r", error),
            in_order=SESSION_EVENTS,
        )
        log.info("window locked for %s", actor.login)
        self.locked_changed.emit(True)

    def _switch_user(self) -> None:
        """Another person: close the previous person's other windows, then log out."""
        for widget in list(self._covers):
            if widget is not self.window:
                widget.close()
        self.switch_user_requested.emit()

    def _try_unlock(self, password: str) -> None:
        """Check the password off the GUI thread (argon2 takes a while, a server may be
        slow); a second press meanwhile starts nothing."""
        dialog = self.dialog
        if not self.is_locked or dialog is None:
            return
        screen_lock = self.services.screen_lock
        if run_operation(
            dialog,
            lambda: screen_lock.unlock(password),
            lambda _none: self._unlocked(dialog),
            refused=lambda error: self._refused(dialog, error),
            busy=_("checking the password"),
            defect=lambda _error: self._check_failed(dialog),
            in_order=SESSION_EVENTS,
        ):
            dialog.set_checking(_("Checking the password\u2026"))

    def _check_failed(self, dialog: UnlockDialog) -> None:
        """An unexpected failure of the check (logged in full by the pool): said on the
        lock, which takes the password again; the window stays locked."""
        if dialog is self.dialog:
            dialog.show_error(_("The password could not be checked; please try again."))

    def _unlocked(self, dialog: UnlockDialog) -> None:
        if dialog is self.dialog:
            self.unlock()

    def _refused(self, dialog: UnlockDialog, error: ServiceError) -> None:
        if dialog is self.dialog:
            dialog.show_error(str(error))

    def unlock(self) -> None:
        if not self.is_locked:
            return
        for widget, cover in list(self._covers.items()):
            cover.hide()
            cover.deleteLater()
            widget.setWindowTitle(self._titles.get(widget, ""))
        self._covers.clear()
        self._titles.clear()
        dialog, self.dialog = self.dialog, None
        assert dialog is not None  # is_locked
        dialog.finish()
        dialog.deleteLater()
        self.timer.start()
        actor = self.services.actor
        log.info("window unlocked for %s", actor.login if actor else "")
        self.locked_changed.emit(False)

    def stop(self) -> None:
        """No more locking (the person logged out): uncover, stop watching input."""
        self.unlock()
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def covered_windows(self) -> list[QWidget]:
        return list(self._covers)
