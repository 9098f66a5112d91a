"""The automatic backups: at the first start of each day (in the background, some seconds after
the main window appears, so start-up is never slower) and when opsdesk exits (opsdesk waits for
that one, showing that it does)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThreadPool, QTimer

from opsdesk.i18n import _
from opsdesk.ui.background import run_in_background

if TYPE_CHECKING:
    from opsdesk.services.registry import Services

log = logging.getLogger("opsdesk.backup")

DAILY_DELAY_MS = 5000


def schedule_daily_backup(
    services: Services | None,
    context: QObject,
    report: Callable[[str], None] | None = None,
    delay_ms: int | None = None,
) -> None:
    """After ``delay_ms``, back up the database of ``services`` off the GUI thread unless
    today's backup exists.

    Nothing happens if ``context`` (the main window) is gone by then. ``report(text)`` (on the
    GUI thread) is told when a backup fails.
    """
    if services is None or not services.backups.available():
        return
    delay_ms = DAILY_DELAY_MS if delay_ms is None else delay_ms

    def work():
        return services.backups.automatic(daily_only=True)

    def done(record) -> None:
        if record is not None:
            log.info("daily backup made: %s", record.name)

    def failed(error: Exception) -> None:
        log.error("the daily backup failed: %s", error)
        if report is not None:
            report(_("The automatic backup failed: {error}").format(error=error))

    QTimer.singleShot(delay_ms, context, lambda: run_in_background(work, done, failed))


def backup_at_exit(services: Services | None) -> None:
    """The backup made when opsdesk closes (its windows are already gone).

    opsdesk waits for it (a process that ended half-way through the copy would leave no
    backup), but not frozen and not silently: the copy runs on the thread pool while a small
    window says what opsdesk is doing, until it is done.
    """
    if services is None or not services.backups.available():
        return
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from opsdesk.ui.safety.progress import progress_dialog

    app = QApplication.instance()
    assert isinstance(app, QApplication), "the backup at exit is the GUI's"
    dialog = progress_dialog(None, _("opsdesk"), _("Making a backup before opsdesk closes\u2026"))
    pool = QThreadPool.globalInstance()
    waited = 0
    while not pool.waitForDone(50) and waited < 120_000:  # a daily backup still running
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        waited += 50
    outcome: list[tuple[bool, object]] = []
    run_in_background(
        lambda: services.backups.automatic(daily_only=False),
        lambda record: outcome.append((True, record)),
        lambda error: outcome.append((False, error)),
    )
    while not outcome:
        pool.waitForDone(50)
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    dialog.close()
    dialog.deleteLater()
    ok, value = outcome[0]
    if not ok:
        log.error("the backup at exit failed: %r", value)
    elif value is not None:
        log.info("backup at exit made: %s", getattr(value, "name", value))
