"""Finding the client at the desk: type part of a surname, first name, PESEL or street
(insensitive to Polish letters and case), arrows to pick, Enter to take — or a quick new
client, or nobody (an anonymous visitor)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from opsdesk.i18n import _
from opsdesk.ui.operation import is_running, run_operation
from opsdesk.ui.reception.table_models import ClientResultsModel

if TYPE_CHECKING:
    from opsdesk.services.registry import Services

MIN_SEARCH = 2
RESULTS = 8
TYPING_PAUSE_MS = 150  # search once the typing pauses, not on every keystroke


class ClientPicker(QWidget):
    """Emits ``chosen`` when a client is taken (or cleared), ``new_client_requested`` for the
    quick new-client dialog."""

    chosen = Signal()
    new_client_requested = Signal()

    def __init__(self, services: Services, parent=None):
        super().__init__(parent)
        self.services = services
        self.client = None  # the chosen ClientSummary
        self._take_when_found = False  # Enter was pressed before the search answered
        self.search = QLineEdit()
        self.search.setObjectName("clientSearch")
        self.search.setPlaceholderText(_("Surname, first name, PESEL or street\u2026"))
        self.search.setAccessibleName(_("Search for a client"))
        self.search.setClearButtonEnabled(True)
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(TYPING_PAUSE_MS)
        self._pending.timeout.connect(lambda: self._search(self.search.text()))
        self.search.textEdited.connect(lambda _text: self._pending.start())
        self.search.installEventFilter(self)
        self.results_model = ClientResultsModel(self)
        self.results = QListView()
        self.results.setObjectName("clientResults")
        self.results.setModel(self.results_model)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setAccessibleName(_("Clients found"))
        self.results.activated.connect(lambda index: self.take(index.row()))
        self.results.hide()
        self.chosen_label = QLabel()
        self.chosen_label.setObjectName("chosenClient")
        self.chosen_label.setWordWrap(True)
        self.new_button = QPushButton(_("New cl&ient\u2026"))
        self.new_button.setObjectName("newClientButton")
        self.new_button.clicked.connect(self.new_client_requested.emit)
        self.clear_button = QPushButton(_("&Without data"))
        self.clear_button.setToolTip(_("An anonymous visitor (or clear the chosen client)"))
        self.clear_button.clicked.connect(self.clear)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        layout.addWidget(self.chosen_label)
        layout.addLayout(buttons)
        self._show_chosen()

    # --- searching -----------------------------------------------------------------------

    def search_now(self) -> None:
        self._pending.stop()
        self._search(self.search.text())

    def searching(self) -> bool:
        """Typed, and the answer not shown yet (a pause in typing awaited, or the server)."""
        return self._pending.isActive() or is_running(self, "search")

    def _search(self, text: str) -> None:
        """Off the GUI thread: the letters typed meanwhile appear at once; the answer for
        the latest text wins, older answers are dropped."""
        self._pending.stop()
        services = self.services
        wanted = len(text.strip()) >= MIN_SEARCH
        run_operation(
            self,
            lambda: services.reception.search_clients(text, limit=RESULTS) if wanted else [],
            lambda found: self._found(text, found),
            refused=self._refused,
            busy=_("searching for the client"),
            lane="search",
            when_running="replace",
        )

    def _refused(self, error) -> None:
        self._take_when_found = False
        self.chosen_label.setText(str(error))

    def _found(self, text: str, found) -> None:
        take, self._take_when_found = self._take_when_found, False
        if text != self.search.text():
            return  # the field was cleared or a client taken meanwhile
        self.results_model.set_clients(found)
        self.results.setVisible(bool(found))
        if found:
            self._select(0)
            rows = min(len(found), 5)
            self.results.setFixedHeight(
                sum(self.results.sizeHintForRow(r) for r in range(rows))
                + 2 * self.results.frameWidth()
                + 2
            )
            if take:
                self.take(0)

    def _select(self, row: int) -> None:
        index = self.results_model.index(row, 0)
        self.results.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )

    def eventFilter(self, watched, event) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if self.searching() and key in (
                Qt.Key.Key_Down,
                Qt.Key.Key_Up,
                Qt.Key.Key_Return,
                Qt.Key.Key_Enter,
            ):
                if self._pending.isActive():
                    self.search_now()
                # Enter right after typing takes the best match of what was typed, once found
                self._take_when_found = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                return True
            count = self.results_model.rowCount()
            current = self.results.currentIndex().row()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and count:
                step = 1 if key == Qt.Key.Key_Down else -1
                self._select(max(0, min(count - 1, current + step)))
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and count:
                self.take(max(current, 0))
                return True
            if key == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                self._search("")
                return True
        return super().eventFilter(watched, event)

    # --- choosing ------------------------------------------------------------------------

    def take(self, row: int) -> None:
        client = self.results_model.client(row)
        if client is not None:
            self.set_client(client)

    def set_client(self, client) -> None:
        self.client = client
        self.search.clear()
        self.results_model.set_clients([])
        self.results.hide()
        self._show_chosen()
        self.chosen.emit()

    def clear(self) -> None:
        self.client = None
        self.search.clear()
        self.results_model.set_clients([])
        self.results.hide()
        self._show_chosen()
        self.chosen.emit()

    def _show_chosen(self) -> None:
        c = self.client
        if c is None:
            self.chosen_label.setText(_("Client: none chosen (anonymous visitor)"))
        else:
            details = ", ".join(p for p in (c.identity, c.address, c.region_name) if p)
            self.chosen_label.setText(
                _("Client: <b>{name}</b> \u2014 {details}").format(
                    name=c.display_name, details=details
                )
            )
