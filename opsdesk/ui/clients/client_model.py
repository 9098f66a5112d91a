"""Search results of the client register as a table model."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from opsdesk.domain.formatting import format_date
from opsdesk.i18n import N_, _
from opsdesk.services.clients.register import ClientSummary

HEADERS = (
    N_("Last and first name"),
    N_("PESEL / document"),
    N_("Birth date"),
    N_("Address"),
    N_("Region"),
)
ClientIdRole = Qt.ItemDataRole.UserRole + 1


class ClientListModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[ClientSummary] = []

    def set_rows(self, rows: list[ClientSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def client(self, row: int) -> ClientSummary:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        c = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                c.display_name,
                c.pesel or c.document_number,
                format_date(c.birth_date),
                c.address,
                c.region_name,
            )[index.column()]
        if role == ClientIdRole:
            return c.id
        return None

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(HEADERS)
        ):
            return _(HEADERS[section])
        return None
