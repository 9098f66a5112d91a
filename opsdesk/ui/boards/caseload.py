"""The side panel of a board: each worker's open cases and how many are overdue."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from opsdesk.i18n import N_, _
from opsdesk.services.cases.boards import CaseloadRow

HEADERS = (N_("Worker"), N_("Open cases"), N_("Overdue"))
WorkerIdRole = Qt.ItemDataRole.UserRole + 1


class CaseloadModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[CaseloadRow] = []

    def set_rows(self, rows: list[CaseloadRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.worker_name, str(row.open), str(row.overdue))[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 2 and row.overdue:
            return QColor("#8a1414")
        if role == WorkerIdRole:
            return row.worker_id
        return None

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(HEADERS)
        ):
            return _(HEADERS[section])
        return None


class CaseloadPanel(QWidget):
    """Activating a worker's row filters the board to that worker."""

    worker_chosen = Signal(object)  # staff id or None

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = CaseloadModel(self)
        self.table = QTableView()
        self.table.setObjectName("caseloadTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move in it)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.activated.connect(
            lambda index: self.worker_chosen.emit(index.siblingAtColumn(0).data(WorkerIdRole))
        )
        title = QLabel(_("Caseload"))
        title.setStyleSheet("font-weight: 600;")
        title.setBuddy(self.table)
        self.table.setAccessibleName(_("Caseload"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.table)
        self.setMinimumWidth(250)
        self.setMaximumWidth(330)

    def set_rows(self, rows: list[CaseloadRow]) -> None:
        self.model.set_rows(rows)
