"""The waiting-room display: a separate window for a second monitor or a TV.

Large, high-contrast type (yellow and white on black, readable from several metres; sizes
follow the window's height); the newest call on top, emphasised for a while; the earlier
calls of the last minutes below, each with where to go; the rooms whose worker is on a break
or away, and the office's message line. It shows ticket numbers and places only — no
personal data, ever. It reloads when the data change (polled every half second), so a call
made at any desk appears within about a second, with a chime (and, where set, spoken by
Windows' speech: ``speech.py``). F11 or double-click: full
screen; Esc leaves it; F2: this PC's display settings (what it shows, the chime, the screen;
``LocalSettings.display_*``).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontMetrics, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from opsdesk.i18n import _
from opsdesk.ui import workstation
from opsdesk.ui.change_watcher import ChangeWatcher
from opsdesk.ui.operation import run_reload
from opsdesk.ui.reception.chime import play_chime
from opsdesk.ui.reception.display_words import call_line, heading
from opsdesk.ui.reception.speech import speak
from opsdesk.ui.safety.idle_lock import EXEMPT_PROPERTY

if TYPE_CHECKING:
    from opsdesk.services.reception.records import DisplayCall
    from opsdesk.services.registry import Services

log = logging.getLogger("opsdesk.ui")

BACKGROUND = "#000000"
TEXT = "#ffffff"
TICKET = "#ffd400"
EMPHASIS = timedelta(seconds=20)  # a new call stands out this long
ROWS = 6


class DisplayWindow(QWidget):
    def __init__(self, services: Services, parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.services = services
        self.setObjectName("waitingRoomDisplay")
        # ticket numbers and places only: the idle lock leaves it showing (and following calls)
        self.setProperty(EXEMPT_PROPERTY, True)
        self.setWindowTitle(_("Waiting-room display"))
        self.setStyleSheet(
            f"#waitingRoomDisplay {{ background: {BACKGROUND}; }}"
            f" QLabel {{ color: {TEXT}; background: transparent; }}"
        )
        self.setAutoFillBackground(True)
        self.calls: list[DisplayCall] = []
        self._seen: set[tuple[str, datetime]] = set()
        self._emphasised_until: datetime | None = None
        self._loaded = False
        self.heading = QLabel(_("Please come to"))
        self.heading.setObjectName("displayHeading")
        self.clock = QLabel()
        self.clock.setObjectName("displayClock")
        self.clock.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.latest = QWidget()
        self.latest.setObjectName("latestCall")
        self.latest_ticket = QLabel()
        self.latest_ticket.setObjectName("latestTicket")
        self.latest_place = QLabel()
        self.latest_place.setObjectName("latestPlace")
        for label in (self.latest_ticket, self.latest_place):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        latest = QHBoxLayout(self.latest)
        latest.addWidget(self.latest_ticket, 2)
        latest.addWidget(self.latest_place, 3)
        self.earlier_heading = QLabel(_("Called earlier"))
        self.earlier_heading.setObjectName("earlierHeading")
        self.rows: list[tuple[QLabel, QLabel]] = []
        grid = QGridLayout()
        grid.setColumnMinimumWidth(2, 80)  # a gap between the two columns of calls
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(4, 1)
        for i in range(ROWS):
            ticket, place = QLabel(), QLabel()
            ticket.setObjectName(f"earlierTicket{i}")
            place.setObjectName(f"earlierPlace{i}")
            grid.addWidget(ticket, i // 2, (i % 2) * 3)
            grid.addWidget(place, i // 2, (i % 2) * 3 + 1)
            self.rows.append((ticket, place))
        self.closed = QLabel()  # rooms whose worker is on a break or away: places only
        self.closed.setObjectName("closedPlaces")
        self.message = QLabel()  # the office's own line (opening hours, a notice ...)
        self.message.setObjectName("displayMessage")
        for label in self.findChildren(QLabel):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._sizes: dict[QLabel, int] = {}
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.clock)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 24)
        layout.addLayout(top)
        layout.addWidget(self.latest, 3)
        layout.addWidget(self.earlier_heading)
        layout.addLayout(grid, 3)
        layout.addWidget(self.closed)
        layout.addWidget(self.message)
        QShortcut(QKeySequence(Qt.Key.Key_F11), self, self.toggle_full_screen)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.showNormal)
        QShortcut(QKeySequence(Qt.Key.Key_F2), self, self.edit_settings)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._every_second)
        self._tick.start()
        self.watcher = ChangeWatcher(services, self)  # its own: it lives on its own screen
        self.watcher.changed.connect(self.reload)
        self.resize(1280, 720)
        self.reload()
        self._apply_sizes()

    # --- content -------------------------------------------------------------------------

    def reload(self) -> None:
        """The latest calls, loaded off the GUI thread: a slow server never freezes the
        display (it keeps showing the last calls), and a reload asked for while one runs
        follows it once."""
        options = workstation.settings()
        minutes = max(1, min(24 * 60, options.display_seconds // 60))
        rows = max(0, min(ROWS, options.display_rows))
        services = self.services

        def load():
            calls = services.display.recent_calls(minutes=minutes, limit=rows + 1)
            closed = services.presence.closed_places() if options.display_show_closed else []
            return calls, closed

        run_reload(
            self,
            load,
            lambda loaded: self._show_loaded(options, *loaded),
            busy=_("loading the calls for the display"),
            what="display reload",
        )

    def _show_loaded(self, options, calls, closed) -> None:
        self.closed.setText(" \u00b7 ".join(f"{c.place}: {c.status_label.lower()}" for c in closed))
        self.message.setText(options.display_message.strip())
        now = self.services.ctx.clock.now()
        fresh = [c for c in calls if (c.ticket, c.called_at) not in self._seen]
        first_load, self._loaded = not self._loaded, True
        if fresh and (not first_load or now - calls[0].called_at < EMPHASIS):
            self._emphasised_until = max(now, calls[0].called_at) + EMPHASIS
            if not first_load and options.display_chime:
                play_chime()
            if not first_load and options.display_speech:
                speak(calls[0])
        self._seen = {(c.ticket, c.called_at) for c in calls}
        self.calls = calls
        self._show()

    def _show(self) -> None:
        calls = self.calls
        self.heading.setText(heading(_("Please come to"), calls[0].language if calls else None))
        if calls:
            self.latest_ticket.setText(calls[0].ticket)
            self.latest_place.setText(
                call_line(calls[0].place, calls[0].recalls, calls[0].language)
            )
        else:
            self.latest_ticket.setText("")
            self.latest_place.setText(_("Please wait to be called"))
        for i, (ticket, place) in enumerate(self.rows):
            call = calls[i + 1] if i + 1 < len(calls) else None
            ticket.setText(call.ticket if call else "")
            place.setText(call_line(call.place, call.recalls, call.language) if call else "")
        self.earlier_heading.setVisible(len(calls) > 1)
        self._fit_all()
        self._paint_emphasis()

    def emphasised(self) -> bool:
        return (
            self._emphasised_until is not None
            and self.services.ctx.clock.now() < self._emphasised_until
        )

    def _paint_emphasis(self) -> None:
        if self.emphasised():
            self.latest.setStyleSheet(
                f"#latestCall {{ background: {TICKET}; border-radius: 16px; }}"
                f" #latestCall QLabel {{ color: {BACKGROUND}; }}"
            )
        else:
            self.latest.setStyleSheet(
                f"#latestCall {{ background: {BACKGROUND}; border: 6px solid {TICKET};"
                f" border-radius: 16px; }} #latestTicket {{ color: {TICKET}; }}"
            )

    def texts(self) -> list[str]:
        """Every text the display shows now (what the tests check for personal data)."""
        return [label.text() for label in self.findChildren(QLabel) if label.text()]

    def _every_second(self) -> None:
        self.clock.setText(f"{self.services.ctx.clock.now():%H:%M}")
        self._paint_emphasis()

    # --- size ----------------------------------------------------------------------------

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.watcher.resume()
        self._tick.start()
        self.reload()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self.watcher.pause()
        self._tick.stop()

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def mouseDoubleClickEvent(self, _event) -> None:
        self.toggle_full_screen()

    def show_on_second_screen(self) -> None:
        """Full screen on the chosen monitor (the second by default) when there is one,
        else a normal window."""
        screens = QGuiApplication.screens()
        chosen = workstation.settings().display_screen
        if len(screens) > 1 and 0 <= chosen < len(screens):
            self.setGeometry(screens[chosen].geometry())
            self.showFullScreen()
        else:
            self.show()

    def edit_settings(self) -> None:
        """F2: what this PC's display shows, the chime, the screen; saved and used at once."""
        from opsdesk.ui.reception.display_settings import DisplaySettingsDialog

        dialog = DisplaySettingsDialog(workstation.settings(), self)
        if dialog.exec() == DisplaySettingsDialog.DialogCode.Accepted:
            workstation.save()
            self._loaded = False  # no chime for calls already shown
            self.reload()
        dialog.deleteLater()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._apply_sizes()
        QTimer.singleShot(0, self._fit_all)  # again once the layout has the new widths

    def _apply_sizes(self) -> None:
        """Type sizes follow the window's height (at 1080 px the number is 240 px tall)."""
        unit = max(12, self.height() // 18)
        self._sizes = {
            self.heading: unit,
            self.clock: unit,
            self.earlier_heading: int(unit * 0.8),
            self.latest_ticket: unit * 4,
            self.latest_place: int(unit * 2.2),
            self.closed: int(unit * 0.7),
            self.message: int(unit * 0.7),
        }
        for ticket, place in self.rows:
            self._sizes[ticket] = int(unit * 1.6)
            self._sizes[place] = int(unit * 1.3)
            ticket.setStyleSheet(f"color: {TICKET};")
        self.clock.setText(f"{self.services.ctx.clock.now():%H:%M}")
        self._fit_all()

    def _fit_all(self) -> None:
        for label, pixels in self._sizes.items():
            self._fit(label, pixels)

    @staticmethod
    def _fit(label: QLabel, pixels: int) -> None:
        """Bold type of ``pixels``, smaller when a long text would not fit the label."""
        font = label.font()
        font.setBold(True)
        font.setPixelSize(pixels)
        width = label.contentsRect().width()
        text = label.text()
        if text and width > 0:
            advance = QFontMetrics(font).horizontalAdvance(text)
            if advance > width:
                font.setPixelSize(max(10, int(pixels * width / advance)))
        label.setFont(font)
