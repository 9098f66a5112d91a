"""What is overdue, due today, tomorrow and within 3 working days: shown to a worker right
after logging in, and from the board's warning line for the board's cases."""

from __future__ import annotations

import logging
from operator import attrgetter
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex
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
from opsdesk.ui.table_models import KEY_ROLE, Column, RecordTableModel

if TYPE_CHECKING:
    from opsdesk.services.registry import Services

log = logging.getLogger("opsdesk.ui")

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


def _urgency(item: DueItem) -> tuple[str, str, str]:
    """The stripe, background and text colours of the item's urgency."""
    return URGENCY_COLOURS[COLOURS[item.when]]


COLUMNS: tuple[Column[DueItem], ...] = (
    Column(
        N_("When"),
        lambda item: _(WHEN[item.when]),
        background=lambda item: _urgency(item)[1],
        foreground=lambda item: _urgency(item)[2],
    ),
    Column(N_("Due date"), lambda item: format_date(item.due)),
    Column(N_("Deadline"), attrgetter("label")),
    Column(N_("Client"), attrgetter("client_name")),
    Column(N_("Kind of help"), attrgetter("kind_name")),
    Column(N_("File number"), attrgetter("file_number")),
)
CaseIdRole = KEY_ROLE  # the row's case id


class DueModel(RecordTableModel[DueItem]):
    """One row a deadline, keyed by its case's id."""

    def __init__(self, items: list[DueItem], parent=None):
        super().__init__(COLUMNS, parent, key=attrgetter("case_id"))
        self.set_records(items)


def due_table(model: DueModel, name: str) -> QTableView:
    """The table of a list of deadlines: whole rows, read-only, the columns as wide as their
    texts (the last one takes the rest)."""
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


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
        self.table = due_table(self.model, "dueTable")
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
