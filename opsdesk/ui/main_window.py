"""The main window: a section list on the left, the open section on the right, and a status
bar naming the office, the person and their role."""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from opsdesk.i18n import _
from opsdesk.ui.operation import operations
from opsdesk.ui.sections import SectionSpec, sections_for

if TYPE_CHECKING:
    from opsdesk.services.registry import Services
    from opsdesk.ui.safety.idle_lock import IdleLock

log = logging.getLogger("opsdesk.ui")


class NotBuiltSection(QWidget):
    """Said plainly instead of fake content."""

    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        heading = QLabel(f"<h2>{title}</h2>")
        text = QLabel(
            _(
                "This part of opsdesk is not available yet. It will come in a later version; "
                "nothing is stored here in the meantime."
            )
        )
        text.setWordWrap(True)
        layout.addWidget(heading)
        layout.addWidget(text)
        layout.addStretch(1)


class MainWindow(QMainWindow):
    logout_requested = Signal()
    switch_user_requested = Signal()
    change_password_requested = Signal()
    settings_requested = Signal()
    restore_requested = Signal(object)  # a backup's path: log out, restore, log in again
    idle_lock: IdleLock  # given by the application (ui/app.py) once the window is shown

    def __init__(self, services: Services, office_name: str, parent=None):
        super().__init__(parent)
        self.services = services
        actor = services.actor
        assert actor is not None, "the main window is shown to a logged-in person only"
        self.setWindowTitle(_("opsdesk \u2014 {office}").format(office=office_name))
        self.resize(1200, 760)
        self._specs: list[SectionSpec] = sections_for(actor.roles)
        self._built: dict[str, QWidget] = {}

        self._nav = QListWidget()
        self._nav.setObjectName("sectionList")
        self._nav.setMaximumWidth(210)
        self._nav.setMinimumWidth(160)
        self._nav.setStyleSheet(
            "QListWidget#sectionList { font-size: 12pt; }"
            "QListWidget#sectionList::item { padding: 8px 10px; }"
        )
        self._nav.setAccessibleName(_("Sections"))
        self._stack = QStackedWidget()
        for spec in self._specs:
            item = QListWidgetItem(f"{_(spec.title)}")
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setToolTip(spec.shortcut)
            self._nav.addItem(item)
            self._stack.addWidget(QWidget())  # replaced when first opened
        self._nav.currentRowChanged.connect(self._open_row)
        # as wide as the longest section name, never a scroll bar under three words
        self._nav.setMinimumWidth(
            min(
                self._nav.maximumWidth(),
                max(160, self._nav.sizeHintForColumn(0) + 2 * self._nav.frameWidth() + 24),
            )
        )

        # The sections scroll rather than push the window past a small screen (1366×768 at
        # 125 %): the window's minimum size stays small, nothing is out of reach.
        self._scroll = QScrollArea()
        self._scroll.setObjectName("sectionScroll")
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setWidget(self._stack)
        splitter = QSplitter()
        splitter.addWidget(self._nav)
        splitter.addWidget(self._scroll)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([self._nav.minimumWidth(), 10_000])
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self._build_connection_banner())
        column.addWidget(splitter, 1)
        self.setCentralWidget(central)

        self._build_menu()
        self._build_status_bar(office_name)
        if self._specs:
            self._nav.setCurrentRow(0)

    # --- sections ------------------------------------------------------------------------

    def section_keys(self) -> list[str]:
        return [s.key for s in self._specs]

    def open_section(self, key: str) -> QWidget:
        row = self.section_keys().index(key)
        self._nav.setCurrentRow(row)
        widget = self._stack.widget(row)
        assert widget is not None, "every section has its page in the stack"
        return widget

    def _open_row(self, row: int) -> None:
        if row < 0:
            return
        spec = self._specs[row]
        if spec.key not in self._built:
            widget = self._build_section(spec)
            old = self._stack.widget(row)
            assert old is not None, "every section has a placeholder until it is built"
            self._stack.insertWidget(row, widget)
            self._stack.removeWidget(old)
            old.deleteLater()
            self._built[spec.key] = widget
        self._stack.setCurrentIndex(row)

    def run_login_hooks(self) -> None:
        """Run each visible section's ``on_login`` (e.g. a worker's deadlines this week)."""
        for spec in self._specs:
            if spec.on_login:
                module_name, function = spec.on_login.split(":")
                try:
                    getattr(importlib.import_module(module_name), function)(self.services, self)
                except Exception:  # a notice must never stop the window from working
                    log.exception("login hook %s failed", spec.on_login)

    def _build_section(self, spec: SectionSpec) -> QWidget:
        if spec.factory is None:
            return NotBuiltSection(_(spec.title))
        module_name, function = spec.factory.split(":")
        factory = getattr(importlib.import_module(module_name), function)
        return factory(self.services, self)

    # --- chrome --------------------------------------------------------------------------

    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu(_("&Account"))
        for text, shortcut, signal in (
            (_("&Change password\u2026"), None, self.change_password_requested),
            (_("&Switch user\u2026"), None, self.switch_user_requested),
            (_("Log &out"), "Ctrl+Shift+Q", self.logout_requested),
        ):
            action = QAction(text, self)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(signal.emit)
            menu.addAction(action)
        view = self.menuBar().addMenu(_("&View"))
        for row, spec in enumerate(self._specs):
            action = QAction(_(spec.title), self)
            action.setShortcut(QKeySequence(spec.shortcut))
            action.triggered.connect(lambda _checked=False, r=row: self._nav.setCurrentRow(r))
            view.addAction(action)
        tools = self.menuBar().addMenu(_("&Tools"))
        settings = QAction(_("&Settings\u2026"), self)
        settings.triggered.connect(self.settings_requested.emit)
        tools.addAction(settings)

    def _build_connection_banner(self) -> QLabel:
        """A band across the window while the office's server cannot be reached (the screens
        reload by themselves once it is back: ``ChangeWatcher``)."""
        from opsdesk.ui.change_watcher import ChangeWatcher

        self.connection_banner = QLabel(
            _(
                "No connection to the office's server. opsdesk keeps trying; until the "
                "connection is back, nothing can be saved and the screens may be out of date."
            )
        )
        self.connection_banner.setObjectName("connectionBanner")
        self.connection_banner.setWordWrap(True)
        self.connection_banner.setAccessibleName(_("Connection to the server"))
        # black on amber, with a thick edge: readable without telling colours apart
        self.connection_banner.setStyleSheet(
            "QLabel#connectionBanner { background: #ffd54f; color: #000000; padding: 8px 12px;"
            " font-weight: 600; border-bottom: 3px solid #000000; }"
        )
        self.connection_banner.hide()
        self._connection_watcher = ChangeWatcher(self.services, self)
        self._connection_watcher.online_changed.connect(self.connection_banner.setHidden)
        return self.connection_banner

    def _build_status_bar(self, office_name: str) -> None:
        actor = self.services.actor
        assert actor is not None, "the main window is shown to a logged-in person only"
        roles = ", ".join(sorted(r.label for r in actor.roles))
        for text, name in (
            (office_name, "statusOffice"),
            (actor.full_name, "statusPerson"),
            (roles, "statusRole"),
            (self.services.auth.database_place(), "statusDatabase"),
        ):
            label = QLabel(text)
            label.setObjectName(name)
            label.setContentsMargins(8, 0, 8, 0)
            self.statusBar().addPermanentWidget(label)
        # what opsdesk is still waiting for (a slow server): "Trwa: …" on the left
        self.busy_label = QLabel()
        self.busy_label.setObjectName("statusBusy")
        self.busy_label.setContentsMargins(8, 0, 8, 0)
        self.statusBar().addWidget(self.busy_label, 1)
        operations().busy_changed.connect(self._show_busy)

    def _show_busy(self, text: str) -> None:
        self.busy_label.setText(_("In progress: {what}").format(what=text) if text else "")
