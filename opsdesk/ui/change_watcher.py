"""Tells screens that someone (another window, another program) changed the data.

Polls ``ChangeProbe`` (``PRAGMA data_version`` on SQLite, DESIGN.md §7) on a QTimer every
half second and emits ``changed`` when there was a commit since the last poll.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from opsdesk.services.change_probe import ChangeProbe

POLL_MS = 500


class ChangeWatcher(QObject):
    changed = Signal()

    def __init__(self, db, parent=None, interval_ms: int = POLL_MS):
        super().__init__(parent)
        self._probe = ChangeProbe(db)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms if self._probe.exact else max(interval_ms, 2000))
        self._timer.timeout.connect(self.poll)
        self._timer.start()
        self.destroyed.connect(self._probe.close)

    def poll(self) -> None:
        if self._probe.changed():
            self.changed.emit()

    def pause(self) -> None:
        """No polling while nobody looks (the screen is hidden)."""
        self._timer.stop()

    def resume(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._probe.close()
