"""What is overdue, due today, tomorrow and within 3 working days: shown to a worker right
after logging in, and from the board's warning line for the board's cases."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.formatting import format_date
from opsdesk.domain.roles import Action
from opsdesk.i18n import N_, _
from opsdesk.services.cases.boards import DueItem
from opsdesk.ui.boards.card_delegate import URGENCY_COLOURS
from opsdesk.ui.operation import run_first_read

if TYPE_CHECKING:
    from opsdesk.services.registry import Services

log = logging.getLogger("opsdesk.ui")

HEADERS = (
    N_("When"),
    N_("Due date"),
    N_("Deadline"),
    N_("Client"),
    N_("Kind of help"),
    N_("File number"),
)
WHEN = {
    "overdue": N_("overdue"),
    "today": N_("today"),
    "tomorrow": N_("tomorrow"),
    "soon": N_("within 3 working days"),
    "later": N_("later"),
}
COLOURS = {"overdue": "overdue", "today": "soon", "tomorrow": "soon", "soon": "ok", "later": "none"}


def due_counts_text(items: list[DueItem]) -> str:
    """ "po terminie – 1, dziś – 0, jutro – 2, w ciągu 3 dni roboczych – 1"."""
    counts = {when: sum(1 for i in items if i.when == when) for when in WHEN if when != "later"}
    return _(
        "overdue \u2013 {overdue}, today \u2013 {today}, tomorrow \u2013 {tomorrow}, "
        "within 3 working days \u2013 {soon}"
    ).format(**counts)


CaseIdRole = Qt.ItemDataRole.UserRole + 1


class DueModel(QAbstractTableModel):
    def __init__(self, items: list[DueItem], parent=None):
        super().__init__(parent)
        self._items = list(items)

    def set_items(self, items: list[DueItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                _(WHEN[item.when]),
                format_date(item.due),
                item.label,
                item.client_name,
                item.kind_name,
                item.file_number,
            )[index.column()]
        _stripe, background, colour = URGENCY_COLOURS[COLOURS[item.when]]
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == 0:
            return QColor(background)
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 0:
            return QColor(colour)
        if role == CaseIdRole:
            return item.case_id
        return None

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(HEADERS)
        ):
            return _(HEADERS[section])
        return None


class DueDialog(QDialog):
    """The list; Enter or a double click opens the case."""

    def __init__(
        self, services: Services, items: list[DueItem], parent=None, whose: str | None = None
    ):
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(_("Deadlines: overdue, today, tomorrow, within 3 working days"))
        self.resize(820, 360)
        self.summary = QLabel(
            _("{whose}: {counts}.").format(
                whose=whose or (services.actor.full_name if services.actor else ""),
                counts=due_counts_text(items),
            )
        )
        self.summary.setObjectName("dueSummary")
        self.summary.setWordWrap(True)
        self.model = DueModel(items, self)
        self.table = QTableView()
        self.table.setObjectName("dueTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(self._open)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        if items:
            self.table.selectRow(0)

    def _open(self, index: QModelIndex) -> None:
        from opsdesk.ui.boards.case_dialog import open_case_dialog

        case_id = index.siblingAtColumn(0).data(CaseIdRole)
        open_case_dialog(self.table, self.services, case_id)


def show_due_at_login(services: Services, parent: QWidget) -> bool:
    """The login hook of the boards section: a worker with something due gets the list (not
    modal, so it never blocks the main window). The list is read off the GUI thread, the
    dialog shown over ``parent`` when the answer comes, only if something is due; a refusal
    is logged, not shown (the board's warning line says the same), and the read is asked
    again while the server is away. True when the read was started."""
    if services.actor is None or not services.actor.can(Action.CASE_VIEW):
        return False
    boards = services.boards

    def show(items: list[DueItem]) -> None:
        if not items:
            return
        dialog = DueDialog(services, items, parent)
        dialog.setModal(False)
        dialog.show()

    return run_first_read(
        parent,
        boards.my_due,
        show,
        refused=lambda error: log.info("the deadlines at login were refused: %s", error),
        busy=_("loading the deadlines"),
        lane="due at login",
    )
