"""The psychologist's week as a table: a column per day, a row per slot start time.

Each cell holds the slot (free or a session) starting then; what a taken slot says depends on
the reader (the service decides: names for the psychologist, codes for the manager, nothing
for the desk).
"""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor

from opsdesk.domain.hours import SessionState
from opsdesk.i18n import N_, _
from opsdesk.services.hours.records import CalendarSlot, WeekCalendar

SLOT_ROLE = Qt.ItemDataRole.UserRole + 1

WEEKDAY_NAMES = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))
FREE_TEXT = N_("free")
TAKEN_TEXT = N_("taken")

# light backgrounds; text stays black (contrast over 12:1)
COLOURS = {
    "free": QColor("#dff3df"),
    SessionState.BOOKED.value: QColor("#dbe8f8"),
    SessionState.HELD.value: QColor("#e6e6e6"),
    SessionState.NO_SHOW.value: QColor("#fbe6c8"),
}
PAST_FREE = QColor("#f4f4f4")
WORKDAYS = 5


def slot_text(slot: CalendarSlot) -> str:
    end = f"{slot.start:%H:%M}\u2013{slot.end:%H:%M}"
    if slot.free:
        return f"{end} {_(FREE_TEXT)}"
    state = SessionState(slot.status).label
    return f"{end} {state}" + (f"\n{slot.label}" if slot.label else "")


class WeekModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.week: WeekCalendar | None = None
        self._days: list = []
        self._times: list[time] = []
        self._cells: dict[tuple[int, int], CalendarSlot] = {}

    def set_week(self, week: WeekCalendar | None) -> None:
        self.beginResetModel()
        self.week = week
        self._cells = {}
        if week is None:
            self._days, self._times = [], []
        else:
            used_days = {s.day for s in week.slots}
            self._days = [d for i, d in enumerate(week.days) if i < WORKDAYS or d in used_days]
            self._times = sorted({s.start for s in week.slots})
            for slot in week.slots:
                if slot.day in self._days:
                    key = (self._times.index(slot.start), self._days.index(slot.day))
                    # a session wins over a free slot starting at the same time
                    if key not in self._cells or self._cells[key].free:
                        self._cells[key] = slot
        self.endResetModel()

    def slot(self, row: int, column: int) -> CalendarSlot | None:
        return self._cells.get((row, column))

    def find(self, predicate) -> QModelIndex:
        """The index of the first slot (by day, then time) matching ``predicate``."""
        for column in range(len(self._days)):
            for row in range(len(self._times)):
                slot = self._cells.get((row, column))
                if slot is not None and predicate(slot):
                    return self.index(row, column)
        return QModelIndex()

    # --- QAbstractTableModel -------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._times)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._days)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._days):
            day = self._days[section]
            return f"{_(WEEKDAY_NAMES[day.weekday()])} {day:%d.%m}"
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._times):
            return f"{self._times[section]:%H:%M}"
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.slot(index.row(), index.column()) is None:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (
            0 <= index.row() < len(self._times) and 0 <= index.column() < len(self._days)
        ):
            return None
        slot = self.slot(index.row(), index.column())
        if slot is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return slot_text(slot)
        if role == Qt.ItemDataRole.ToolTipRole:
            return slot_text(slot) if slot.free or not slot.label else None
        if role == Qt.ItemDataRole.BackgroundRole:
            return PAST_FREE if slot.free and slot.past else COLOURS.get(slot.status)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor("#000000")
        if role == SLOT_ROLE:
            return slot
        return None
