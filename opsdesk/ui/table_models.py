"""A read-only table over a list of plain records (dataclasses from the services), described
by column specs, and a proxy that filters and sorts it by the records themselves.

    COLUMNS = (
        Column(N_("Name"), lambda r: r.full_name),      # sorted the Polish way by default
        Column(N_("Created"), lambda r: format_date(r.created), sort_key=lambda r: r.created),
        Column(N_("Overdue"), lambda r: str(r.overdue), align=RIGHT,   # a cell's own colour,
               foreground=lambda r: "#8a1414" if r.overdue else None),  # or None: the view's
    )
    model = RecordTableModel(COLUMNS, muted=lambda r: not r.active)
    model.set_records(services.staff.list())
    proxy = RecordFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_predicate(lambda r: r.active)               # None shows every row
    view.setModel(proxy)
    proxy.record_at(view.currentIndex())                  # the record behind a view index

Headers are English sources (``N_``) translated when shown. Both pass qtmodeltester.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from opsdesk.domain.text import polish_sort_key
from opsdesk.i18n import _

R = TypeVar("R")

RECORD_ROLE = Qt.ItemDataRole.UserRole + 1  # the record of the row
KEY_ROLE = Qt.ItemDataRole.UserRole + 2  # its key (``id`` by default)

# rows of a retired record: still readable (contrast ~6.9:1 on white), set apart by italics
MUTED_COLOR = "#595959"

_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class Column(Generic[R]):
    title: str  # English source (N_), translated in the header
    text: Callable[[R], str]  # what the cell shows
    sort_key: Callable[[R], Any] | None = None  # default: the text, the Polish way
    align: Qt.AlignmentFlag = _LEFT
    tooltip: Callable[[R], str | None] | None = None
    background: Callable[[R], str | None] | None = None  # a colour ("#rrggbb") or None
    foreground: Callable[[R], str | None] | None = None  # wins over a muted row's grey

    def key(self, record: R) -> Any:
        if self.sort_key is not None:
            return self.sort_key(record)
        return polish_sort_key(self.text(record))


class RecordTableModel(QAbstractTableModel, Generic[R]):
    """Rows are records, in the order given (services sort them); never edited in place."""

    def __init__(
        self,
        columns: Sequence[Column[R]],
        parent=None,
        *,
        key: Callable[[R], Any] = attrgetter("id"),
        muted: Callable[[R], bool] | None = None,
    ):
        super().__init__(parent)
        self.columns = tuple(columns)
        self._key = key
        self._muted = muted
        self._records: tuple[R, ...] = ()

    # --- the rows --------------------------------------------------------------------

    def set_records(self, records: Sequence[R]) -> None:
        self.beginResetModel()
        self._records = tuple(records)
        self.endResetModel()

    def records(self) -> tuple[R, ...]:
        return self._records

    def record(self, row: int) -> R | None:
        return self._records[row] if 0 <= row < len(self._records) else None

    def row_of(self, key: Any) -> int:
        """The row of the record whose key is ``key``; -1 when absent."""
        return next((i for i, r in enumerate(self._records) if self._key(r) == key), -1)

    def sort_key(self, row: int, column: int) -> Any:
        return self.columns[column].key(self._records[row])

    def is_muted(self, row: int) -> bool:
        return self._muted is not None and bool(self._muted(self._records[row]))

    # --- QAbstractTableModel ---------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.columns)
        ):
            return _(self.columns[section].title)
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        record = self._records[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(record)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(record)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align.value)
        if role == RECORD_ROLE:
            return record
        if role == KEY_ROLE:
            return self._key(record)
        if role == Qt.ItemDataRole.BackgroundRole and column.background is not None:
            colour = column.background(record)
            return QColor(colour) if colour else None
        if role == Qt.ItemDataRole.ForegroundRole and column.foreground is not None:
            colour = column.foreground(record)
            if colour:
                return QColor(colour)
        if self.is_muted(index.row()):
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor(MUTED_COLOR)
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setItalic(True)
                return font
        return None


class RecordFilterProxy(QSortFilterProxyModel):
    """Filters rows by a predicate on the record, sorts by the columns' ``sort_key``."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._predicate: Callable[[Any], bool] | None = None

    def set_predicate(self, predicate: Callable[[Any], bool] | None) -> None:
        self.beginFilterChange()
        self._predicate = predicate
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def records_model(self) -> RecordTableModel[Any]:
        """The source model: a RecordFilterProxy filters a RecordTableModel."""
        model = self.sourceModel()
        if not isinstance(model, RecordTableModel):
            raise TypeError("a RecordFilterProxy needs a RecordTableModel as its source")
        return model

    def record_at(self, index: QModelIndex | QPersistentModelIndex) -> Any:
        """The record behind a view index (of this proxy), or None."""
        if not index.isValid():
            return None
        return self.records_model().record(self.mapToSource(index).row())

    def record(self, row: int) -> Any:
        return self.record_at(self.index(row, 0))

    def row_of(self, key: Any) -> int:
        source_row = self.records_model().row_of(key)
        if source_row < 0:
            return -1
        return self.mapFromSource(self.sourceModel().index(source_row, 0)).row()

    def filterAcceptsRow(self, source_row, source_parent) -> bool:
        if self._predicate is None:
            return True
        return bool(self._predicate(self.records_model().record(source_row)))

    def lessThan(self, left, right) -> bool:
        model = self.records_model()
        return model.sort_key(left.row(), left.column()) < model.sort_key(
            right.row(), right.column()
        )


def current_keeper(view) -> Callable[[], None]:
    """A callable that makes the record current in ``view`` now (its model a
    RecordTableModel or a RecordFilterProxy over one) current again, in the same column, once
    the records were reset — by a reload answered later, off the GUI thread; nothing when the
    record is gone."""
    index = view.currentIndex()
    key = index.data(KEY_ROLE) if index.isValid() else None
    column = max(index.column(), 0)

    def keep() -> None:
        row = view.model().row_of(key) if key is not None else -1
        if row >= 0:
            view.setCurrentIndex(view.model().index(row, column))

    return keep
