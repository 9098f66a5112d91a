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
crash handler (logged in full, one Polish dialog), or to ``defect`` when given (a refresh
nobody asked for logs it and tries again at the next change, rather than open a dialog
every half second).

One operation at a time per owner and ``lane``: while one runs, ``run_operation`` for the
same owner and lane starts nothing and returns False (a second press of F4 does not call a
second person). A screen whose refresh should not hold up its buttons gives the refresh its
own lane (``lane="refresh"``). What a call made while one runs does is ``when_running``:

- ``"refuse"`` (the default): nothing; False is returned (a button pressed twice);
- ``"follow"``: it runs once the running one has ended, and both answers are delivered;
  of several such calls meanwhile only the newest runs (a refresh asked for while one runs:
  never two at once, none missed, none piled up on a slow server);
- ``"replace"``: the same, but the running one's answer (or refusal) is dropped, since a
  newer one comes: the latest wins (a search as the person types).

Calls that must reach the database in the order they were made, whatever their owner, share
an ``in_order`` name (a person's session events: the lock is recorded before the logout that
follows it); each runs after the ones started before it with that name.

If the owner is closed meanwhile, the result is dropped, and a call waiting its turn never
starts.

A reload nobody asked for (another workstation's commit, a timer) goes through
``run_reload``: its own lane, a reload asked for meanwhile follows once, a refusal (the
server is gone) is painted red in the screen's message line, a defect is logged and the next
change tries again:

    run_reload(self, lambda: services.rooms.day(day), show, message=self.message,
               busy=_("loading the bookings"), what="bookings reload")
"""

from __future__ import annotations

import itertools
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from shiboken6 import isValid

from opsdesk.errors import ServerUnavailable, ServiceError
from opsdesk.i18n import _
from opsdesk.ui.background import run_in_background
from opsdesk.ui.forms import ERROR_STYLE, show_service_error

log = logging.getLogger("opsdesk.ui")

BUSY_AFTER_MS = 300
# the ``in_order`` of a person's session events: lock, unlock, logout
SESSION_EVENTS = "session events"
_RUNNING = "opsdeskOperationRunning"  # a dynamic property of the owner widget
_tokens = itertools.count(1)

T = TypeVar("T")
WhenRunning = Literal["refuse", "follow", "replace"]


@dataclass
class _Call:
    """A call of ``run_operation`` waiting for its owner's lane to be free."""

    work: Callable[[], Any]
    done: Callable[[Any], Any]
    refused: Callable[[ServiceError], Any] | None
    busy: str
    when_running: WhenRunning
    defect: Callable[[Exception], Any] | None
    in_order: str = ""


# the call to start when an owner's lane is free again, by (id of the owner, lane)
_waiting: dict[tuple[int, str], _Call] = {}


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


def is_running(owner: QWidget, lane: str = "") -> bool:
    return bool(owner.property(_RUNNING + lane))


def run_operation(
    owner: QWidget,
    work: Callable[[], T],
    done: Callable[[T], Any],
    *,
    refused: Callable[[ServiceError], Any] | None = None,
    busy: str = "",
    lane: str = "",
    when_running: WhenRunning = "refuse",
    defect: Callable[[Exception], Any] | None = None,
    in_order: str = "",
) -> bool:
    """Run ``work`` off the GUI thread for ``owner``; False when one is still running in the
    lane and this call is refused (``when_running="refuse"``), True when it started or waits
    its turn."""
    call = _Call(work, done, refused, busy, when_running, defect, in_order)
    if is_running(owner, lane):
        if when_running == "refuse":
            return False
        _waiting[(id(owner), lane)] = call  # replaces an older call still waiting
        return True
    _start(owner, lane, call)
    return True


def _start(owner: QWidget, lane: str, call: _Call) -> None:
    owner.setProperty(_RUNNING + lane, True)
    hub = operations()
    token = next(_tokens)
    hub._start(token, call.busy or _("Working…"))
    timer = QTimer(owner)
    timer.setSingleShot(True)
    timer.timeout.connect(lambda: hub._show(token))
    timer.start(BUSY_AFTER_MS)
    slot = (id(owner), lane)

    def finish() -> tuple[bool, _Call | None]:
        """Clear the busy state and start the call waiting its turn: is the owner still
        there to take the answer, and which call started next (if any)?"""
        hub._end(token)
        following = _waiting.pop(slot, None)
        if not isValid(owner):
            return False, None
        timer.stop()
        timer.deleteLater()
        owner.setProperty(_RUNNING + lane, False)
        if following is not None:
            _start(owner, lane, following)
        return True, following

    def attempt() -> tuple[bool, Any]:
        """On the pool: a refusal is an answer, not a failure of the task (not logged as
        one)."""
        try:
            return True, call.work()
        except ServiceError as error:
            return False, error

    def answered(outcome: tuple[bool, Any]) -> None:
        ok, value = outcome
        alive, following = finish()
        if not alive:
            log.debug("an operation ended after its screen was closed; answer dropped")
        elif following is not None and following.when_running == "replace":
            log.debug("an operation's answer was dropped: a newer one runs")
        elif ok:
            call.done(value)
        else:
            (call.refused or (lambda e: show_service_error(owner, e)))(value)

    def failed(error: Exception) -> None:
        alive, _following = finish()  # logged in full by the pool's task
        if alive and call.defect is not None:
            call.defect(error)
        else:
            sys.excepthook(type(error), error, error.__traceback__)

    run_in_background(attempt, answered, failed, in_order=call.in_order)


def run_reload(
    owner: QWidget,
    work: Callable[[], T],
    done: Callable[[T], Any],
    *,
    message: QLabel | None = None,
    busy: str = "",
    what: str = "reload",
    lane: str = "reload",
) -> bool:
    """A reload nobody asked for, off the GUI thread, in its own ``lane`` (it never holds
    up a press): asked for while one runs, it follows once (``when_running="follow"``). A
    refusal is painted red in ``message`` (logged when the screen has none); a defect is
    logged, not shown (the next change tries again). ``what`` names it in the log."""

    def refused(error: ServiceError) -> None:
        if message is None:
            log.info("%s refused: %s", what, error)
        elif isValid(message):
            message.setStyleSheet(ERROR_STYLE)
            message.setText(str(error))

    return run_operation(
        owner,
        work,
        done,
        refused=refused,
        busy=busy,
        lane=lane,
        when_running="follow",
        defect=lambda _error: log.warning("%s failed; the next change retries", what),
    )


RETRY_AFTER_MS = 5000  # a screen's first read refused (the server away): asked again after


def run_first_read(
    owner: QWidget,
    work: Callable[[], T],
    done: Callable[[T], Any],
    *,
    refused: Callable[[ServiceError], Any],
    busy: str = "",
    lane: str = "first read",
) -> bool:
    """A read a screen cannot work without (its lists while it is built), off the GUI
    thread. A refusal goes to ``refused`` (a line on the screen, never a dialog); when it
    was the server out of reach (``ServerUnavailable``: away for a moment), the read is
    asked again every ``RETRY_AFTER_MS`` while the screen is open, until it answers: the
    screen never stays disabled until the next login. Any other refusal (no permission)
    would only repeat itself: it is said once."""

    def again(error: ServiceError) -> None:
        refused(error)
        if not isinstance(error, ServerUnavailable):
            return
        QTimer.singleShot(
            RETRY_AFTER_MS,
            owner,
            lambda: run_first_read(owner, work, done, refused=refused, busy=busy, lane=lane),
        )

    return run_operation(
        owner, work, done, refused=again, busy=busy, lane=lane, when_running="replace"
    )
