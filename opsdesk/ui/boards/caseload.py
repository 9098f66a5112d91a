"""The side panel of a board: each worker's open cases (with their caseload limit, "12 / 40";
a worker past it in amber), how many are overdue, and an absence; for the manager, buttons
to move an absent worker's cases and to set the limits."""

from __future__ import annotations

from operator import attrgetter

from PySide6.QtCore import Signal
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
from opsdesk.ui.table_models import KEY_ROLE, RIGHT, Column, RecordTableModel

OVER_LIMIT_BACKGROUND = "#fff1c2"  # amber; the dark text keeps a contrast above 7:1
OVERDUE_FOREGROUND = "#8a1414"
WorkerIdRole = KEY_ROLE  # the row's worker (staff id)


def _worker(row: CaseloadRow) -> str:
    if row.absent_until is None:
        return row.worker_name
    absent = _("absent until {date}").format(date=format_date(row.absent_until)[:5])
    return f"{row.worker_name}\n{absent}"


def _load(row: CaseloadRow) -> str:
    return f"{row.open} / {row.limit}" if row.limit is not None else str(row.open)


def _load_tooltip(row: CaseloadRow) -> str | None:
    if row.limit is None:
        return None
    return (
        _("Over the caseload limit ({limit})")
        if row.over_limit
        else _("Open cases / caseload limit ({limit})")
    ).format(limit=row.limit)


def _over_limit(row: CaseloadRow) -> str | None:
    return OVER_LIMIT_BACKGROUND if row.over_limit else None


COLUMNS: tuple[Column[CaseloadRow], ...] = (
    Column(N_("Worker"), _worker, background=_over_limit),
    Column(N_("Open cases"), _load, align=RIGHT, tooltip=_load_tooltip, background=_over_limit),
    Column(
        N_("Overdue"),
        lambda row: str(row.overdue),
        align=RIGHT,
        foreground=lambda row: OVERDUE_FOREGROUND if row.overdue else None,
    ),
)


class CaseloadModel(RecordTableModel[CaseloadRow]):
    """One row a worker, keyed by the worker's id."""

    def __init__(self, parent=None):
        super().__init__(COLUMNS, parent, key=attrgetter("worker_id"))


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
        self.model.set_records(rows)
