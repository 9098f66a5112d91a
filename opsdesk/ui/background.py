"""Run a function off the GUI thread and get its result back on the GUI thread.

    run_in_background(lambda: build_pdf(data), on_success=show, on_error=report)

The callbacks run on the GUI thread (queued signal delivery). Work must not touch widgets.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger("opsdesk.ui")

# Threads for the screens' calls. The pool's default is one per core (two on the office's
# PCs), but a call mostly waits for the database: on a slow server two refreshes would hold
# both threads and a pressed button would wait behind them.
POOL_THREADS = 8

# Pools of one thread each, by name, for calls that must reach the database in the order they
# were made (a person's session events: the screen lock is recorded before the logout that
# follows it). Tasks of one such pool run one after another, first started first.
_serial_pools: dict[str, QThreadPool] = {}

# Relays of running tasks, by token. A relay is a child of ``_keeper`` (a QObject of the GUI
# thread), so neither the pool's thread letting go of its task nor the end of the relay's own
# signal delivery frees it: once its answer was handled it is freed with ``deleteLater`` on the
# GUI thread. (Freed by its last Python reference inside its own delivery, it was a crash.)
_running: dict[int, _Relay] = {}
_tokens = itertools.count()
_keeper: QObject | None = None


class _Relay(QObject):
    succeeded = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int)


class _Task(QRunnable):
    def __init__(self, fn: Callable[..., Any], relay: _Relay, with_progress: bool):
        super().__init__()
        self.fn = fn
        self.relay = relay
        self.with_progress = with_progress

    def run(self) -> None:
        try:
            if self.with_progress:
                result = self.fn(
                    lambda done, total: self._hand_over(self.relay.progress, done, total)
                )
            else:
                result = self.fn()
        except Exception as exc:  # handed to the GUI thread, which shows it
            log.exception("background task failed")
            self._hand_over(self.relay.failed, exc)
        else:
            self._hand_over(self.relay.succeeded, result)

    @staticmethod
    def _hand_over(signal, *values) -> None:
        try:
            signal.emit(*values)
        except RuntimeError:  # the application quit while the task ran: nobody waits
            log.debug("background task ended after the application quit")


def run_in_background(
    fn: Callable[..., Any],
    on_success: Callable[[Any], None],
    on_error: Callable[[Exception], None],
    on_progress: Callable[[int, int], None] | None = None,
    in_order: str = "",
) -> None:
    """Start ``fn`` on the thread pool. With ``on_progress``, ``fn`` receives a
    ``report(done, total)`` callable. With ``in_order``, ``fn`` runs after every task
    started earlier with the same ``in_order`` has ended."""
    global _keeper
    if _keeper is None:
        _keeper = QObject()
    relay = _Relay(_keeper)
    token = next(_tokens)
    _running[token] = relay

    def finish(callback, value):
        done = _running.pop(token, None)
        try:
            callback(value)
        finally:
            if done is not None:
                done.deleteLater()

    relay.succeeded.connect(lambda result: finish(on_success, result))
    relay.failed.connect(lambda exc: finish(on_error, exc))
    if on_progress is not None:
        relay.progress.connect(on_progress)
    _pool(in_order).start(_Task(fn, relay, on_progress is not None))


def _pool(in_order: str) -> QThreadPool:
    if in_order:
        if in_order not in _serial_pools:
            serial = QThreadPool()
            serial.setMaxThreadCount(1)
            _serial_pools[in_order] = serial
        return _serial_pools[in_order]
    pool = QThreadPool.globalInstance()
    if pool.maxThreadCount() < POOL_THREADS:
        pool.setMaxThreadCount(POOL_THREADS)
    return pool
