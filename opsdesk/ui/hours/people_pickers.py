"""Choosing the people of a session: clients of a consultation (found through the client
register, which shows a psychologist only their own clients), and the social workers taking
part in a supervision with their written consent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from opsdesk.errors import ServiceError
from opsdesk.i18n import _
from opsdesk.services.clients.register import ClientSummary
from opsdesk.services.hours.records import ParticipantInput, SessionClientRef
from opsdesk.ui.operation import is_running, run_operation

if TYPE_CHECKING:
    from opsdesk.services.registry import Services

MIN_SEARCH = 2


def client_search() -> tuple[QLineEdit, QListWidget]:
    """A box to look a client up (surname, first name or PESEL) and the list of those found."""
    search = QLineEdit()
    search.setObjectName("clientSearch")
    search.setPlaceholderText(_("Surname, first name or PESEL\u2026"))
    search.setAccessibleName(_("Search for a client"))
    search.setClearButtonEnabled(True)
    found = QListWidget()
    found.setObjectName("clientsFound")
    found.setAccessibleName(_("Clients found"))
    return search, found


class ClientsChooser(QWidget):
    """A search box, what it found, and the chosen clients (names in the psychologist's own
    view, codes otherwise). The search runs off the GUI thread (``ui.operation``), the newest
    text wins; Enter pressed before the answer takes the first client found once it comes."""

    def __init__(self, services: Services, parent=None):
        super().__init__(parent)
        self.services = services
        self.search, self.found = client_search()
        self.search.textEdited.connect(self._find)
        self.search.installEventFilter(self)
        self.found.setMaximumHeight(90)
        self.found.itemActivated.connect(self._take)
        self.found.installEventFilter(self)
        self.found.hide()
        self._take_when_found = False
        self.chosen = QListWidget()
        self.chosen.setObjectName("chosenClients")
        self.chosen.setAccessibleName(_("Clients of the session"))
        self.chosen.setMaximumHeight(80)
        remove = QPushButton(_("Remove from the session"))
        remove.clicked.connect(self._remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.found)
        row = QHBoxLayout()
        row.addWidget(self.chosen, 1)
        row.addWidget(remove, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(row)

    def set_clients(self, clients: tuple[SessionClientRef, ...]) -> None:
        self.chosen.clear()
        for client in clients:
            self._add(client.client_id, client.display)

    def client_ids(self) -> tuple[int, ...]:
        return tuple(
            self.chosen.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.chosen.count())
        )

    def _find(self, text: str) -> None:
        self._take_when_found = False
        self.found.clear()
        if len(text.strip()) < MIN_SEARCH:
            self.found.hide()
            return
        clients = self.services.clients
        run_operation(
            self.found,
            lambda: clients.search(text, limit=8),
            self._show_found,
            refused=self._refused,
            busy=_("searching for the client"),
            when_running="replace",
        )

    def _show_found(self, found: list[ClientSummary]) -> None:
        self.found.clear()
        if len(self.search.text().strip()) < MIN_SEARCH:
            self.found.hide()  # the search was emptied meanwhile
            return
        for client in found:
            item = QListWidgetItem(f"{client.display_name} ({client.code})")
            item.setData(Qt.ItemDataRole.UserRole, client.id)
            self.found.addItem(item)
        if not self.found.count():
            self.found.addItem(
                _(
                    "No client found. You see your own clients; a new client is "
                    "booked for you by the first-contact desk."
                )
            )
        self.found.show()
        if self._take_when_found:
            self._take_when_found = False
            self._take_first()

    def _refused(self, error: ServiceError) -> None:
        self._take_when_found = False
        self.found.clear()
        self.found.addItem(str(error))
        self.found.show()

    def eventFilter(self, watched, event) -> bool:
        """Enter in the search or the list picks a client and goes no further: it never
        reaches the dialog's default button, so saving stays a separate action. Down moves
        from the search into what it found."""
        if event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if watched is self.found and self.found.currentItem() is not None:
                    self._take(self.found.currentItem())
                else:
                    self._take_first()
                return True
            if key == Qt.Key.Key_Down and watched is self.search and not self.found.isHidden():
                self.found.setFocus()
                self.found.setCurrentRow(0)
                return True
        return super().eventFilter(watched, event)

    def _take_first(self) -> None:
        if is_running(self.found):  # Enter before the answer: take the first one found
            self._take_when_found = True
            return
        if not self.found.isHidden() and self.found.count():
            self._take(self.found.item(0))

    def _take(self, item: QListWidgetItem) -> None:
        client_id = item.data(Qt.ItemDataRole.UserRole)
        if client_id is None:
            return
        if client_id not in self.client_ids():
            self._add(client_id, item.text())
        self.search.clear()
        self.found.hide()
        self.search.setFocus()

    def _add(self, client_id: int, text: str) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, client_id)
        self.chosen.addItem(item)

    def _remove(self) -> None:
        row = self.chosen.currentRow()
        if row >= 0:
            self.chosen.takeItem(row)


class ParticipantsChooser(QWidget):
    """Social workers with two check boxes: took part, gave written consent to share the
    conclusions. (The session's content is never entered.)"""

    def __init__(self, workers: list[tuple[int, str]] | None = None, parent=None):
        """``workers`` None: the list is still being read ("Loading…" until
        ``set_workers``)."""
        super().__init__(parent)
        self.model = QStandardItemModel(0, 2, self)
        self.model.setHorizontalHeaderLabels([_("Took part"), _("Written consent")])
        self.loading = QLabel(_("Loading\u2026"))
        self.loading.setObjectName("participantsLoading")
        self.view = QTableView()
        self.view.setObjectName("participants")
        self.view.setModel(self.model)
        self.view.setAccessibleName(_("Participants of the supervision"))
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setMaximumHeight(150)
        hint = QLabel(_("Only who took part and their consent are stored, never the content."))
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.loading)
        layout.addWidget(self.view)
        layout.addWidget(hint)
        self.view.setEnabled(False)
        if workers is not None:
            self.set_workers(workers)

    def set_workers(self, workers: list[tuple[int, str]]) -> None:
        """The social workers to choose from (the answer of ``hours.social_workers``)."""
        self.model.removeRows(0, self.model.rowCount())
        for staff_id, name in workers:
            present = QStandardItem(name)
            present.setCheckable(True)
            present.setEditable(False)
            present.setData(staff_id, Qt.ItemDataRole.UserRole)
            consent = QStandardItem(_("consents"))
            consent.setCheckable(True)
            consent.setEditable(False)
            self.model.appendRow([present, consent])
        self.loading.hide()
        self.view.setEnabled(True)

    def set_participants(self, participants) -> None:
        chosen = {p.staff_id: p.consent for p in participants}
        for row in range(self.model.rowCount()):
            staff_id = self.model.item(row, 0).data(Qt.ItemDataRole.UserRole)
            self._check(row, 0, staff_id in chosen)
            self._check(row, 1, chosen.get(staff_id, False))

    def check(self, staff_id: int, consent: bool) -> None:
        for row in range(self.model.rowCount()):
            if self.model.item(row, 0).data(Qt.ItemDataRole.UserRole) == staff_id:
                self._check(row, 0, True)
                self._check(row, 1, consent)

    def participants(self) -> tuple[ParticipantInput, ...]:
        chosen = []
        for row in range(self.model.rowCount()):
            present = self.model.item(row, 0)
            if present.checkState() == Qt.CheckState.Checked:
                consent = self.model.item(row, 1).checkState() == Qt.CheckState.Checked
                chosen.append(ParticipantInput(present.data(Qt.ItemDataRole.UserRole), consent))
        return tuple(chosen)

    def _check(self, row: int, column: int, on: bool) -> None:
        self.model.item(row, column).setCheckState(
            Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        )
