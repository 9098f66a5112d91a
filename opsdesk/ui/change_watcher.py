"""Tells screens that someone (another window, another program) changed the data.

Polls the probe of ``Services.change_probe`` (``PRAGMA data_version`` on SQLite, the server's
change notices on PostgreSQL; docs/machine-facts.md) on a QTimer every half second and emits
``changed`` when there was a commit since the last poll, and ``online_changed`` when the
connection to the office's server is lost or back.
``FollowsChanges`` turns a widget into one that catches up after others' commits while shown.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from opsdesk.services.registry import Services

    _Widget = QWidget  # what FollowsChanges is mixed into
else:
    _Widget = object

log = logging.getLogger("opsdesk.ui")

POLL_MS = 500


class ChangeWatcher(QObject):
    changed = Signal()
    online_changed = Signal(bool)  # the server's connection lost (False) or back (True)

    def __init__(self, services: Services, parent=None, interval_ms: int = POLL_MS):
        super().__init__(parent)
        self._probe = services.change_probe()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms if self._probe.exact else max(interval_ms, 2000))
        self._timer.timeout.connect(self.poll)
        self._timer.start()
        self._online = True
        self.destroyed.connect(self._probe.close)

    @property
    def online(self) -> bool:
        return self._online

    def poll(self) -> None:
        online = self._probe.online
        if online != self._online:
            self._online = online
            self.online_changed.emit(online)
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


class FollowsChanges(_Widget):
    """Mixin for a widget showing data that others may change (``class Board(FollowsChanges,
    QWidget)``): after each commit seen while the widget is shown, and when it is shown again,
    ``catch_up`` runs; it asks the service's change mark and reloads what is out of date.
    Call ``watch_for_changes(services)`` in ``__init__``."""

    watcher: ChangeWatcher

    def watch_for_changes(self, services: Services) -> None:
        self.watcher = ChangeWatcher(services, self)
        self.watcher.changed.connect(self.follow_changes)

    def catch_up(self) -> None:
        raise NotImplementedError

    def follow_changes(self) -> None:
        try:
            self.catch_up()
        except Exception:  # the next commit tries again; the log tells what failed
            log.exception("%s: reloading after others' changes failed", type(self).__name__)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.watcher.resume()
        self.follow_changes()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self.watcher.pause()
