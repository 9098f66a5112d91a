"""The side panel of a board: each worker's open cases (with their caseload limit, "12 / 40";
a worker past it in amber), how many are overdue, and an absence; for the manager, buttons
to move an absent worker's cases and to set the limits."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.formatting import format_date
from opsdesk.i18n import N_, _
from opsdesk.services.cases.boards import CaseloadRow

HEADERS = (N_("Worker"), N_("Open cases"), N_("Overdue"))
OVER_LIMIT_BACKGROUND = "#fff1c2"  # amber; the dark text keeps a contrast above 7:1
WorkerIdRole = Qt.ItemDataRole.UserRole + 1


class CaseloadModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[CaseloadRow] = []

    def rows(self) -> list[CaseloadRow]:
        return list(self._rows)

    def set_rows(self, rows: list[CaseloadRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            name = row.worker_name
            if row.absent_until is not None:
                name += "\n" + _("absent until {date}").format(
                    date=format_date(row.absent_until)[:5]
                )
            load = f"{row.open} / {row.limit}" if row.limit is not None else str(row.open)
            return (name, load, str(row.overdue))[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 1 and row.limit is not None:
            return (
                _("Over the caseload limit ({limit})")
                if row.over_limit
                else _("Open cases / caseload limit ({limit})")
            ).format(limit=row.limit)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and row.over_limit and index.column() < 2:
            return QColor(OVER_LIMIT_BACKGROUND)
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
        # shown to the manager only (BoardWidget connects them)
        self.move_button = QPushButton(_("Absence and &moving cases\u2026"))
        self.move_button.setObjectName("moveCases")
        self.limits_button = QPushButton(_("Caseload &limits\u2026"))
        self.limits_button.setObjectName("caseloadLimits")
        for button in (self.move_button, self.limits_button):
            button.hide()
            layout.addWidget(button)
        self.setMinimumWidth(250)
        self.setMaximumWidth(330)

    def set_rows(self, rows: list[CaseloadRow]) -> None:
        self.model.set_rows(rows)
