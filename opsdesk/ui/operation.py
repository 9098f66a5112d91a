"""A screen's call into the services, off the GUI thread: the window never freezes.

    run_operation(self, lambda: services.reception.call_next(team), self.show_called,
                  busy=_("Calling the next person…"))

``work`` runs on the thread pool (the services open their own session per call, so any
thread will do; it must not touch widgets). Its result is handed to ``done`` on the GUI
thread. When no answer came within ``BUSY_AFTER_MS`` (a slow or unreachable server, a long
write lock on the office's file), the person sees that opsdesk is working: the busy cursor,
and the operation's text in the main window's status line (``operations().busy_changed``).

Failures are shown one way. A refusal (``ServiceError``, a lost connection to the server
included: nothing was saved) goes to ``refused`` when the screen shows it next to a field,
else into a message box over the owner's window. Anything else is a defect: it goes to the
crash handler (logged in full, one Polish dialog).

One operation at a time per owner: while one runs, ``run_operation`` for the same owner
starts nothing and returns False (a second press of F4 does not call a second person).
If the owner is closed meanwhile, the result is dropped.

Loads the person asks for one after another (typing a search, changing a filter) pass
``latest=True``: the new one starts even while an older one runs, and only the newest
answer is delivered; an older one that comes later is dropped (neither ``done`` nor
``refused`` is called for it).
"""

from __future__ import annotations

import itertools
import logging
import sys
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from shiboken6 import isValid

from opsdesk.errors import ServiceError
from opsdesk.i18n import _
from opsdesk.ui.background import run_in_background

log = logging.getLogger("opsdesk.ui")

BUSY_AFTER_MS = 300
_RUNNING = "opsdeskOperationRunning"  # a dynamic property of the owner widget
_tokens = itertools.count(1)

T = TypeVar("T")


class Operations(QObject):
    """What runs now, for whoever shows it (the main window's status line)."""

    busy_changed = Signal(str)  # the text of the oldest operation shown as busy; "" none

    def __init__(self) -> None:
        super().__init__()
        self._running: dict[int, str] = {}  # started, not yet answered
        self._shown: dict[int, str] = {}  # of those, the ones past BUSY_AFTER_MS

    @property
    def running(self) -> int:
        return len(self._running)

    @property
    def busy_text(self) -> str:
        return next(iter(self._shown.values()), "")

    def _start(self, token: int, text: str) -> None:
        self._running[token] = text

    def _show(self, token: int) -> None:
        if token not in self._running or token in self._shown:
            return
        if not self._shown:
            QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        self._shown[token] = self._running[token]
        self.busy_changed.emit(self.busy_text)

    def _end(self, token: int) -> None:
        self._running.pop(token, None)
        if self._shown.pop(token, None) is None:
            return
        if not self._shown:
            QApplication.restoreOverrideCursor()
        self.busy_changed.emit(self.busy_text)


_operations: Operations | None = None


def operations() -> Operations:
    global _operations
    if _operations is None:
        _operations = Operations()
    return _operations


def is_running(owner: QWidget) -> bool:
    return bool(owner.property(_RUNNING))


def show_refusal(owner: QWidget, error: ServiceError) -> None:
    """The standard way to show a refusal no field of the screen can hold."""
    window = owner.window()
    QMessageBox.warning(window, window.windowTitle() or "opsdesk", str(error))


def run_operation(
    owner: QWidget,
    work: Callable[[], T],
    done: Callable[[T], Any],
    *,
    refused: Callable[[ServiceError], Any] | None = None,
    busy: str = "",
    latest: bool = False,
) -> bool:
    """Run ``work`` off the GUI thread for ``owner``; False when one is still running
    (with ``latest``, it starts anyway and the older one's answer will be dropped)."""
    if is_running(owner) and not latest:
        return False
    hub = operations()
    token = next(_tokens)
    owner.setProperty(_RUNNING, token)  # the owner's newest operation
    hub._start(token, busy or _("Working…"))
    timer = QTimer(owner)
    timer.setSingleShot(True)
    timer.timeout.connect(lambda: hub._show(token))
    timer.start(BUSY_AFTER_MS)

    def finish() -> bool:
        """Clear the busy state; is the owner still there and waiting for this answer (not a
        newer one)?"""
        hub._end(token)
        if not isValid(owner):
            return False
        timer.stop()
        timer.deleteLater()
        if owner.property(_RUNNING) != token:
            return False  # superseded by a newer operation (``latest``)
        owner.setProperty(_RUNNING, 0)
        return True

    def attempt() -> tuple[bool, Any]:
        """On the pool: a refusal is an answer, not a failure of the task (not logged as
        one)."""
        try:
            return True, work()
        except ServiceError as error:
            return False, error

    def answered(outcome: tuple[bool, Any]) -> None:
        ok, value = outcome
        if not finish():
            log.debug("an operation's screen was closed or asked again; answer dropped")
        elif ok:
            done(value)
        else:
            (refused or (lambda e: show_refusal(owner, e)))(value)

    def failed(error: Exception) -> None:
        finish()
        sys.excepthook(type(error), error, error.__traceback__)

    run_in_background(attempt, answered, failed)
    return True
