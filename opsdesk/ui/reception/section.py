"""The Reception section: the desk (contact form and queues), the conversation room, the
statistics; the waiting-room display opens from here as its own window.

The clerk sees everything; a social or services worker sees their own team's queue and
serves it from their own screen; the manager sees the queues and the statistics.
Every action has a key (shown in the hint line at the top) and the focus goes where the
clerk types next.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.presence import Presence
from opsdesk.domain.queue import Outcome
from opsdesk.domain.roles import Action
from opsdesk.i18n import _
from opsdesk.ui.change_watcher import ChangeWatcher
from opsdesk.ui.operation import run_operation, run_reload
from opsdesk.ui.reception.contact_form import ContactForm
from opsdesk.ui.reception.contact_log import ContactLogView
from opsdesk.ui.reception.display_window import DisplayWindow
from opsdesk.ui.reception.psych_booking import PsychBookingDialog, can_book_psychologist
from opsdesk.ui.reception.queue_panel import QueuePanel
from opsdesk.ui.reception.rooms_panel import RoomsPanel, bookings_line
from opsdesk.ui.reception.stats_view import StatsView
from opsdesk.ui.tabs import readable_tabs, scrolling_page

if TYPE_CHECKING:
    from opsdesk.services.registry import Services

log = logging.getLogger("opsdesk.ui")

REFRESH_MS = 30_000  # waiting minutes tick on even when nothing changes
HINT_STYLE = "background: #eef4ff; color: #0b3d91; border: 1px solid #b7c9ef; padding: 4px 8px;"


def build_reception_section(services: Services, parent=None) -> QWidget:
    return ReceptionSection(services, parent)


class ReceptionSection(QWidget):
    def __init__(self, services: Services, parent=None):
        super().__init__(parent)
        self.setObjectName("receptionSection")
        self.services = services
        actor = services.actor
        assert actor is not None, "the reception is shown to a logged-in person only"
        self.is_desk = actor.can(Action.VISIT_REGISTER)
        self.display: DisplayWindow | None = None
        self.watcher = ChangeWatcher(services, self)

        self.hint = QLabel()
        self.hint.setObjectName("shortcutHint")
        self.hint.setStyleSheet(HINT_STYLE)
        self.hint.setWordWrap(True)
        self.queue = QueuePanel(services)
        self.queue.visit_finished.connect(self._after_finish)
        self.form = ContactForm(services) if self.is_desk else None
        if self.form is not None:
            self.form.registered.connect(self._registered)

        desk = QWidget()
        desk_layout = QVBoxLayout(desk)
        if self.form is not None:
            splitter = QSplitter()
            splitter.addWidget(self.form)
            splitter.addWidget(self.queue)
            splitter.setStretchFactor(1, 1)
            splitter.setSizes([420, 700])
            desk_layout.addWidget(splitter, 1)
        else:
            desk_layout.addWidget(self.queue, 1)
        self.room_line = QLabel()
        self.room_line.setObjectName("roomToday")
        self.room_line.setWordWrap(True)
        self.display_button = QPushButton(_("Waiting-&room display"))
        self.display_button.setObjectName("displayButton")
        self.display_button.clicked.connect(self.open_display)
        self.display_button.setVisible(self.is_desk or actor.can(Action.RECEPTION_STATS))
        self.my_status = QComboBox()  # the worker's own status, shown to the desk and display
        self.my_status.setObjectName("myStatus")
        for status in Presence:
            self.my_status.addItem(status.label, status.value)
        self.my_status.activated.connect(self._status_chosen)
        self.my_status_label = QLabel(_("My &status"))
        self.my_status_label.setBuddy(self.my_status)
        # shown once the first refresh (off the GUI thread) says the person has a status
        self.has_status = False
        self.my_status.setVisible(False)
        self.my_status_label.setVisible(False)
        bottom = QHBoxLayout()
        bottom.addWidget(self.room_line, 1)
        bottom.addWidget(self.my_status_label)
        bottom.addWidget(self.my_status)
        bottom.addWidget(self.display_button)
        desk_layout.addLayout(bottom)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("receptionTabs")
        readable_tabs(self.tabs)
        self.tabs.addTab(desk, _("Desk and queues") if self.is_desk else _("Queue"))
        self.log = ContactLogView(services) if self.is_desk else None
        if self.log is not None:
            self.tabs.addTab(self.log, _("Today's contacts"))
        self.rooms = RoomsPanel(services)
        self.tabs.addTab(self.rooms, _("Conversation room"))
        self.stats = StatsView(services) if actor.can(Action.RECEPTION_STATS) else None
        if self.stats is not None:  # scrolls on a low screen instead of making the desk taller
            self.tabs.addTab(scrolling_page(self.stats), _("Statistics"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.tabs, 1)
        self.tabs.currentChanged.connect(lambda _i: self.refresh())

        self._shortcuts()
        self.watcher.changed.connect(self.refresh)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setInterval(REFRESH_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        self.refresh()
        if self.form is not None:
            QTimer.singleShot(0, self.form.start_new)

    # --- keyboard ------------------------------------------------------------------------

    def _shortcuts(self) -> None:
        keys = []
        if self.form is not None:
            keys += [("F2", _("new contact"), self.new_contact), ("F3", _("search"), self.search)]
        # F7 is listed once the queue's teams (read off the GUI thread) are more than one
        keys += [("F7", _("next queue"), self._next_queue)]
        if self.queue.can_serve:
            keys += [
                ("F4", _("call next"), self._on_desk(self.queue.call_next)),
                ("Shift+F4", _("out of turn"), self._on_desk(self.queue.call_chosen)),
                ("F5", _("call again"), self._on_desk(self.queue.recall)),
                ("F6", _("start"), self._on_desk(self.queue.start)),
                ("F8", _("finish"), self._on_desk(self.queue.finish)),
                ("F9", _("move"), self._on_desk(self.queue.redirect)),
                ("F11", _("hold"), self._on_desk(self.queue.hold)),
                ("F12", _("back to queue"), self._on_desk(self.queue.resume)),
                ("Shift+F5", _("undo"), self._on_desk(self.queue.undo)),
            ]
        keys += [("Ctrl+Tab", _("next tab"), lambda: self._turn_tab(1))]
        # The whole window's keys while this section is shown (a hidden section's shortcuts
        # are off): F4 works right after login, with the focus still in the section list.
        for key, _text, slot in keys:
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)
        # Ctrl+Tab from any field: tables, date and combo fields keep it otherwise
        back = QShortcut(QKeySequence("Ctrl+Shift+Tab"), self)
        back.setContext(Qt.ShortcutContext.WindowShortcut)
        back.activated.connect(lambda: self._turn_tab(-1))
        if self.form is not None:
            search = QShortcut(QKeySequence("Ctrl+F"), self)
            search.setContext(Qt.ShortcutContext.WindowShortcut)
            search.activated.connect(self.search)
        self._keys = [(k, t) for k, t, _s in keys]
        self._show_hint()
        self.queue.teams_loaded.connect(self._show_hint)

    def _next_queue(self) -> None:
        if len(self.queue.teams) > 1:
            self._on_desk(self.queue.next_team)()

    def _show_hint(self) -> None:
        keys = [(k, t) for k, t in self._keys if k != "F7" or len(self.queue.teams) > 1]
        self.hint.setText(
            _("Keys: ")
            + " \u00b7 ".join(f"<b>{k}</b> {t}" for k, t in keys)
            + (
                _(
                    " \u00b7 in the client search: \u2193\u2191 choose, "
                    "<b>Enter</b> take \u00b7 <b>Enter</b> in the form registers"
                )
                if self.form is not None
                else ""
            )
        )

    def _turn_tab(self, step: int) -> None:
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    def _focus_start(self) -> None:
        """Where the person types first: the client search at the desk, else the queue."""
        if self.form is not None:
            self.form.focus_search()
        else:
            self.queue.table.setFocus()

    def _on_desk(self, action):
        def run():
            self.tabs.setCurrentIndex(0)
            action()

        return run

    def new_contact(self) -> None:
        self.tabs.setCurrentIndex(0)
        if self.form is not None:
            self.form.start_new()

    def search(self) -> None:
        self.tabs.setCurrentIndex(0)
        if self.form is not None:
            self.form.focus_search()

    # --- refreshing ----------------------------------------------------------------------

    def _status_chosen(self) -> None:
        status = self.my_status.currentData()
        run_operation(
            self,
            lambda: self.services.presence.set_status(status),
            lambda _mine: self.queue.reload(),
            refused=lambda error: self.queue._say(str(error), error=True),
            busy=_("saving your status"),
        )

    def refresh(self) -> None:
        """Reload what others may have changed (called on their commits and every 30 s),
        off the GUI thread: a slow server never freezes the window, and a refresh asked for
        while one runs follows it once (never two at once)."""
        self.queue.reload()
        services, can_serve, desk = self.services, self.queue.can_serve, self.form is not None

        def load():
            mine = services.presence.mine() if can_serve else None
            lists = services.reception.lists_mark() if desk else None
            return mine, services.rooms.day(services.ctx.clock.today()), lists

        run_reload(
            self,
            load,
            self._show_refreshed,
            busy=_("refreshing the desk"),
            what="reception refresh",
            lane="refresh",
        )
        if self.tabs.currentWidget() is self.rooms:
            self.rooms.reload()
        if self.log is not None and self.tabs.currentWidget() is self.log:
            self.log.reload()

    def _show_refreshed(self, loaded) -> None:
        mine, bookings, lists = loaded
        if self.form is not None and lists is not None:
            self.form.follow_lists(lists)
        if mine is not None:
            if not self.has_status:
                self.has_status = True
                self.my_status.setVisible(True)
                self.my_status_label.setVisible(True)
            self.my_status.setCurrentIndex(self.my_status.findData(mine.status))
        self.room_line.setText(bookings_line(bookings))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.watcher.resume()
        self._refresh_timer.start()
        self.refresh()
        focus = QApplication.focusWidget()
        if focus is None or not self.isAncestorOf(focus):
            QTimer.singleShot(0, self._focus_start)

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self.watcher.pause()
        self._refresh_timer.stop()

    def _registered(self, visit) -> None:
        if visit.ticket and visit.target_team_id is not None:
            self.queue.show_team(visit.target_team_id)
        self.queue.reload()

    def _after_finish(self, visit) -> None:
        """A referral to the psychologist can be booked into the psychologist's calendar."""
        if (
            visit.outcome == Outcome.PSYCHOLOGIST
            and visit.client_id is not None
            and can_book_psychologist(self.services)
        ):
            answer = QMessageBox.question(
                self,
                _("Psychologist"),
                _("Book {person} a time with the psychologist now?").format(person=visit.person),
            )
            if answer == QMessageBox.StandardButton.Yes:
                PsychBookingDialog(self.services, visit, self).exec()

    # --- waiting-room display ------------------------------------------------------------

    def open_display(self) -> DisplayWindow:
        if self.display is None:
            self.display = DisplayWindow(self.services)
            self.destroyed.connect(self.display.close)  # never outlives the desk
        self.display.show_on_second_screen()
        return self.display

    def closeEvent(self, event) -> None:
        if self.display is not None:
            self.display.close()
        self.watcher.stop()
        super().closeEvent(event)
