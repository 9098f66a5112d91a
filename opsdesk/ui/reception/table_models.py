"""Item models of the desk: today's queue of a team, client search results, and plain rows
of text (statistics tables). Each passes qtmodeltester."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from opsdesk.domain.queue import VisitState, priority_label, state_label
from opsdesk.i18n import N_, _
from opsdesk.services.reception.records import VisitRecord

VISIT_ID_ROLE = Qt.ItemDataRole.UserRole + 1

QUEUE_COLUMNS = (
    N_("Ticket"),
    N_("State"),
    N_("Arrived"),
    N_("Waiting"),
    N_("Person"),
    N_("Purpose"),
    N_("Worker"),
    N_("Priority"),
    N_("Where"),
)


ROW_COLOURS = {  # the waiting keep the table's own colours
    VisitState.CALLED.value: "#fff3c4",
    VisitState.IN_SERVICE.value: "#fff3c4",
    VisitState.ON_HOLD.value: "#e4e9f2",
    VisitState.NO_SHOW.value: "#eeeeee",
    VisitState.CANCELLED.value: "#eeeeee",
}


WAITING_COLUMN = 3
OVER_TARGET = "#b3261e"  # white on this red: contrast 6.5:1


def waited(record: VisitRecord, now: datetime) -> str:
    end = record.called_at or record.finished_at or now
    minutes = max(0, int((end - record.arrived_at).total_seconds() // 60))
    return _("{n} min").format(n=minutes)


def state_text(record: VisitRecord) -> str:
    """The state, with how many times a called person was called again ("Wezwany · 2×")."""
    if record.recalls and record.state == VisitState.CALLED.value:
        return _("{state} \u00b7 called again {n}\u00d7").format(
            state=state_label(record.state), n=record.recalls
        )
    return state_label(record.state)


class QueueModel(QAbstractTableModel):
    """Rows: people being served or called, then those waiting in order."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[VisitRecord] = []
        self._now = datetime.min  # set with the rows
        self._target: int | None = None  # the queue's waiting-time target, minutes

    def set_rows(
        self, rows: Sequence[VisitRecord], now: datetime, target: int | None = None
    ) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._now = now
        self._target = target
        self.endResetModel()

    def over_target(self, record: VisitRecord) -> bool:
        """Waiting longer than the queue's target (still waiting, or waited until called)."""
        if self._target is None or record.state not in (
            VisitState.WAITING.value,
            VisitState.ON_HOLD.value,
        ):
            return False
        return (self._now - record.arrived_at).total_seconds() > self._target * 60

    def record(self, row: int) -> VisitRecord | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, visit_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == visit_id), -1)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(QUEUE_COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(QUEUE_COLUMNS)
        ):
            return _(QUEUE_COLUMNS[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                r.ticket,
                state_text(r),
                f"{r.arrived_at:%H:%M}",
                waited(r, self._now),
                r.person,
                r.purpose_name,
                r.target_worker_name or "\u2014",
                priority_label(r.priority_reason) if r.priority else "",
                r.call_place,
            )[index.column()]
        if role == VISIT_ID_ROLE:
            return r.id
        if role == Qt.ItemDataRole.FontRole and (index.column() == 0 or r.priority):
            font = QFont()
            font.setBold(True)
            return font
        if index.column() == WAITING_COLUMN and self.over_target(r):
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor(OVER_TARGET))
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor("#ffffff"))
            if role == Qt.ItemDataRole.ToolTipRole:
                return _("Waiting longer than the queue's target of {n} min").format(n=self._target)
        if role == Qt.ItemDataRole.BackgroundRole and r.state in ROW_COLOURS:
            return QBrush(QColor(ROW_COLOURS[r.state]))
        if role == Qt.ItemDataRole.ForegroundRole and r.state in ROW_COLOURS:
            return QBrush(QColor("#000000"))
        return None


class ClientResultsModel(QAbstractListModel):
    """Search results: "Surname First — PESEL", the address on a second line."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._clients: list = []

    def set_clients(self, clients) -> None:
        self.beginResetModel()
        self._clients = list(clients)
        self.endResetModel()

    def client(self, row: int):
        return self._clients[row] if 0 <= row < len(self._clients) else None

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._clients)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._clients):
            return None
        c = self._clients[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            first = " \u2014 ".join(p for p in (c.display_name, c.identity) if p)
            return f"{first}\n{c.address}" if c.address else first
        if role == VISIT_ID_ROLE:
            return c.id
        return None


class RowsModel(QAbstractTableModel):
    """Read-only rows of text under given headers (statistics)."""

    def __init__(self, headers: Sequence[str], parent=None, numeric_from: int | None = 1):
        super().__init__(parent)
        self._headers = list(headers)
        self._numeric_from = numeric_from  # columns from this one on are right-aligned
        self._rows: list[tuple[str, ...]] = []

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self._rows = [tuple(str(v) for v in row) for row in rows]
        self.endResetModel()

    def rows(self) -> list[tuple[str, ...]]:
        return list(self._rows)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[index.row()][index.column()]
        if (
            role == Qt.ItemDataRole.TextAlignmentRole
            and self._numeric_from is not None
            and index.column() >= self._numeric_from
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
