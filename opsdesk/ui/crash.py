"""Unhandled exceptions: logged in full, shown once per distinct error as a Polish dialog.

A crash below Python (Qt, a driver) cannot be shown or logged as a record: ``faulthandler``
writes where every thread was into ``opsdesk-fatal.log`` beside the log, so that what killed the
application without a word can still be sent to whoever looks after it.
"""

from __future__ import annotations

import faulthandler
import logging
import sys
import threading
import traceback
from pathlib import Path
from typing import TextIO

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from opsdesk.i18n import _

log = logging.getLogger("opsdesk.crash")

FATAL_LOG = "opsdesk-fatal.log"


class _CrashBridge(QObject):
    """Carries an exception from any thread to the GUI thread."""

    raised = Signal(str, str)


class CrashHandler:
    def __init__(self, log_path: Path):
        self.log_path = log_path
        self.seen: set[str] = set()
        self.fatal_log: TextIO | None = None  # open for the process's life once recording
        self.bridge = _CrashBridge()
        # from another thread the signal is queued to the GUI thread; the dialog itself opens
        # from the event loop, never inside the code that failed
        self.bridge.raised.connect(self._schedule)

    def install(self) -> None:
        sys.excepthook = self._hook
        threading.excepthook = lambda args: self._hook(
            args.exc_type, args.exc_value, args.exc_traceback
        )

    def record_fatal_errors(self) -> None:
        """Where every thread was when the process dies of a fatal error, into
        :data:`FATAL_LOG` (for the rest of the process's life)."""
        try:
            self.fatal_log = open(self.log_path.with_name(FATAL_LOG), "a", encoding="utf-8")
        except OSError as error:  # a logs folder that cannot be written never stops the start
            log.warning("fatal errors will not be recorded: %s", error)
            return
        faulthandler.enable(self.fatal_log, all_threads=True)

    def _hook(self, exc_type, exc_value, exc_tb) -> None:
        text = "".join(traceback.format_exception(exc_type, exc_value, exc_tb))
        log.critical("unhandled exception:\n%s", text)
        where = traceback.extract_tb(exc_tb)[-1] if exc_tb else None
        key = f"{exc_type.__name__}:{where.filename}:{where.lineno}" if where else exc_type.__name__
        self.bridge.raised.emit(key, f"{exc_type.__name__}: {exc_value}")

    def _schedule(self, key: str, summary: str) -> None:
        QTimer.singleShot(0, lambda: self._show(key, summary))

    def _show(self, key: str, summary: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        if key in self.seen or QApplication.instance() is None:
            return
        self.seen.add(key)
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            _("Unexpected error"),
            _(
                "Something went wrong in opsdesk. What you saved before is safe; "
                "the action that failed was not saved.\n\n"
                "The details are in the log file:\n{path}"
            ).format(path=self.log_path),
        )
        box.setDetailedText(summary)
        box.exec()
