"""The "Search" tab of the Team boards section: cases across every board the person may see,
by client, file number, words of the case's notes, status, worker and deadline, grouped by
board; saved filters (one's own and a few ready ones) fill the form and search at once. Enter
or a double click opens the case. The search runs off the GUI thread (``ui.operation``); asked
again before it answered, the newest search's answer wins."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.case_rules import deadline_label
from opsdesk.domain.formatting import format_date
from opsdesk.domain.ids import CaseId
from opsdesk.errors import ServiceError
from opsdesk.i18n import N_, _
from opsdesk.services.cases.search import (
    CLOSED,
    DEADLINES,
    OPEN,
    PERIODS,
    BoardHits,
    CaseQuery,
    SavedFilter,
)
from opsdesk.ui.date_edit import DateEdit
from opsdesk.ui.operation import run_first_read, run_operation

if TYPE_CHECKING:
    from opsdesk.services.registry import Services

HEADERS = (
    N_("File number"),
    N_("Client"),
    N_("Kind of help"),
    N_("Status"),
    N_("Worker"),
    N_("Deadline"),
)
CaseIdRole = Qt.ItemDataRole.UserRole + 1
MINE = "mine"
RANGE = "range"


class CaseSearch(QWidget):
    def __init__(self, services: Services, parent=None):
        super().__init__(parent)
        self.services = services
        self.open_case_dialog: Callable[[CaseId], None] = self._open_case_dialog
        self.ask_name: Callable[[], str | None] = self._ask_name
        self.text = QLineEdit()
        self.text.setObjectName("searchClient")
        self.text.setPlaceholderText(_("surname, first name or PESEL"))
        self.file_number = QLineEdit()
        self.file_number.setObjectName("searchFileNumber")
        self.file_number.setPlaceholderText(_("e.g. 123/2026"))
        self.notes = QLineEdit()
        self.notes.setObjectName("searchNotes")
        self.notes.setPlaceholderText(_("words of a note"))
        self.status = QComboBox()
        self.status.setObjectName("searchStatus")
        self.status.addItem(_("Any status"), None)
        self.status.addItem(_("Open"), OPEN)
        self.status.addItem(_("Closed"), CLOSED)
        self.worker = QComboBox()
        self.worker.setObjectName("searchWorker")
        self.worker.addItem(_("Every worker"), None)
        self.worker.addItem(_("Mine"), MINE)
        self.team = QComboBox()
        self.team.setObjectName("searchTeam")
        self.team.addItem(_("Every board"), None)
        self.deadline = QComboBox()
        self.deadline.setObjectName("searchDeadline")
        self.deadline.addItem(_("Any deadline"), None)
        for key, label in DEADLINES.items():
            self.deadline.addItem(_(label), key)
        self.period = QComboBox()
        self.period.setObjectName("searchPeriod")
        self.period.addItem(_("Any date"), None)
        for key, label in PERIODS.items():
            self.period.addItem(_(label), key)
        self.period.addItem(_("between the dates\u2026"), RANGE)
        today = services.ctx.clock.today()
        self.due_from = DateEdit(None, today=today)
        self.due_from.field_name = "due_from"
        self.due_to = DateEdit(None, today=today)
        self.due_to.field_name = "due_to"
        self.search_button = QPushButton(_("&Search"))
        self.search_button.setObjectName("runSearch")
        self.search_button.setDefault(True)
        self.search_button.clicked.connect(self.run)
        clear = QPushButton(_("C&lear"))
        clear.clicked.connect(self.clear)
        self.saved = QComboBox()
        self.saved.setObjectName("savedFilters")
        self.saved.setMinimumContentsLength(18)
        self.save_button = QPushButton(_("Sa&ve the filter\u2026"))
        self.save_button.setObjectName("saveFilter")
        self.save_button.clicked.connect(self.save_filter)
        self.delete_button = QPushButton(_("&Delete the filter"))
        self.delete_button.setObjectName("deleteFilter")
        self.delete_button.clicked.connect(self.delete_filter)
        self.message = QLabel()
        self.message.setObjectName("searchMessage")
        self.message.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setObjectName("searchSummary")
        self.model = QStandardItemModel(self)
        self.tree = QTreeView()
        self.tree.setObjectName("searchResults")
        self.tree.setModel(self.model)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setUniformRowHeights(True)
        self.tree.setAccessibleName(_("Cases found, by board"))
        self.tree.activated.connect(self._activated)

        grid = QGridLayout()
        fields = [
            (_("Cl&ient:"), self.text),
            (_("File &number:"), self.file_number),
            (_("S&tatus:"), self.status),
            (_("&Worker:"), self.worker),
            (_("Dead&line:"), self.deadline),
            (_("&Due:"), self.period),
            (_("In n&otes:"), self.notes),
        ]
        for n, (label_text, widget) in enumerate(fields):
            buddy = QLabel(label_text)
            buddy.setBuddy(widget)
            grid.addWidget(buddy, n // 3, (n % 3) * 2)
            grid.addWidget(widget, n // 3, (n % 3) * 2 + 1)
        for column in (1, 3, 5):
            grid.setColumnStretch(column, 1)
        dates = QHBoxLayout()
        dates.addWidget(QLabel(_("from")))
        dates.addWidget(self.due_from)
        dates.addWidget(QLabel(_("to")))
        dates.addWidget(self.due_to)
        dates.addStretch(1)
        self.dates_row = QWidget()
        self.dates_row.setLayout(dates)
        dates.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.dates_row, 2, 5)
        actions = QHBoxLayout()
        board_label = self._board_label = QLabel(_("&Board:"))
        board_label.setBuddy(self.team)
        actions.addWidget(board_label)
        actions.addWidget(self.team)
        self.team.hide()  # shown when there is more than one board to choose
        board_label.hide()
        actions.addWidget(self.search_button)
        actions.addWidget(clear)
        actions.addStretch(1)
        # the saved filters in a row of their own: beside the search buttons they made the
        # tab wider than a 1366×768 screen at 125 % (tests/gui/test_boards_small_screen.py)
        saved_row = QHBoxLayout()
        saved_label = QLabel(_("Saved &filters:"))
        saved_label.setBuddy(self.saved)
        saved_row.addWidget(saved_label)
        saved_row.addWidget(self.saved)
        saved_row.addWidget(self.save_button)
        saved_row.addWidget(self.delete_button)
        saved_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addLayout(actions)
        layout.addLayout(saved_row)
        layout.addWidget(self.message)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        self.period.currentIndexChanged.connect(lambda _i: self._show_dates())
        self.saved.activated.connect(self._saved_chosen)
        for line in (self.text, self.file_number, self.notes):
            line.returnPressed.connect(self.run)
        self._show_dates()
        self._set_headers()
        self._load_lists()

    def _load_lists(self) -> None:
        """The statuses, workers, boards and saved filters to choose from, read off the GUI
        thread: the tab opens at once, the lists disabled meanwhile."""
        search = self.services.case_search
        lists = (self.status, self.worker, self.team, self.saved)
        for combo in lists:
            combo.setEnabled(False)
        self.summary.setText(_("Loading\u2026"))

        def load():
            return (
                search.statuses(),
                search.workers(),
                search.teams(),
                search.ready_filters() + search.saved_filters(),
            )

        def show(loaded) -> None:
            statuses, workers, teams, filters = loaded
            for choice in statuses:
                self.status.addItem(choice.name, choice.code)
            for staff_id, name in workers:
                self.worker.addItem(name, staff_id)
            for team_id, name in teams:
                self.team.addItem(name, team_id)
            self.team.setVisible(len(teams) > 1)
            self._board_label.setVisible(len(teams) > 1)
            for combo in lists:
                combo.setEnabled(True)
            if self.summary.text() == _("Loading\u2026"):
                self.summary.clear()
            if said and self.message.text() in said:
                self.show_message("")
            self._show_saved(filters)

        said: list[str] = []  # refusals of earlier tries, cleared with the answer

        def refused(error: ServiceError) -> None:
            self._refused(error)
            said.append(self.message.text())

        run_first_read(
            self,
            load,
            show,
            refused=refused,
            busy=_("loading the search lists"),
            lane="lists",
        )

    # --- the form -----------------------------------------------------------------------

    def _show_dates(self) -> None:
        self.dates_row.setVisible(self.period.currentData() == RANGE)

    def query(self) -> CaseQuery:
        worker = self.worker.currentData()
        period = self.period.currentData()
        return CaseQuery(
            text=self.text.text().strip(),
            file_number=self.file_number.text().strip(),
            notes=self.notes.text().strip(),
            status=self.status.currentData(),
            worker_id=worker if worker not in (None, MINE) else None,
            mine=worker == MINE,
            team_id=self.team.currentData(),
            deadline=self.deadline.currentData(),
            due_period=period if period not in (None, RANGE) else None,
            due_from=self._day(self.due_from) if period == RANGE else None,
            due_to=self._day(self.due_to) if period == RANGE else None,
        )

    @staticmethod
    def _day(edit: DateEdit):
        """The typed date; an empty field leaves that end of the range open."""
        return edit.checked_date() if edit.text().strip() else None

    def show_query(self, query: CaseQuery) -> None:
        self.text.setText(query.text)
        self.file_number.setText(query.file_number)
        self.notes.setText(query.notes)

        def choose(combo: QComboBox, value: object) -> None:
            combo.setCurrentIndex(max(combo.findData(value), 0))

        choose(self.status, query.status)
        choose(self.worker, MINE if query.mine else query.worker_id)
        choose(self.team, query.team_id)
        choose(self.deadline, query.deadline)
        if query.due_from or query.due_to:
            choose(self.period, RANGE)
            self.due_from.setDate(query.due_from)
            self.due_to.setDate(query.due_to)
        else:
            choose(self.period, query.due_period)

    def clear(self) -> None:
        self.show_query(CaseQuery())
        self.model.removeRows(0, self.model.rowCount())
        self.summary.clear()
        self.show_message("")

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #8a1414; font-weight: 600;" if text else "")
        self.message.setVisible(bool(text))

    # --- searching ----------------------------------------------------------------------

    def run(self) -> None:
        """Search with the form's criteria; the results show when the service answers."""
        try:
            query = self.query()
        except ServiceError as error:
            self._refused(error)
            return
        if query.is_empty():
            self.show_message(_("Fill in at least one field, or choose a saved filter."))
            return
        search = self.services.case_search
        run_operation(
            self,
            lambda: search.search(query),
            self._found,
            refused=self._refused,
            busy=_("searching the cases"),
            when_running="replace",
        )

    def _found(self, boards: list[BoardHits]) -> None:
        self.show_message("")
        self.show_results(boards)

    def _refused(self, error: ServiceError) -> None:
        errors = getattr(error, "errors", None)
        self.show_message(" ".join(errors.values()) if errors else str(error))

    def _set_headers(self) -> None:
        self.model.setHorizontalHeaderLabels([_(h) for h in HEADERS])
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)

    def show_results(self, boards: list[BoardHits]) -> None:
        self.model.removeRows(0, self.model.rowCount())
        found = sum(b.total for b in boards)
        self.summary.setText(
            _("Cases found: {n}.").format(n=found) if found else _("No case matches.")
        )
        for board in boards:
            shown = len(board.hits)
            title = (
                _("{board}: {n}").format(board=board.team_name, n=board.total)
                if shown == board.total
                else _("{board}: {n} (the first {shown} shown)").format(
                    board=board.team_name, n=board.total, shown=shown
                )
            )
            group = QStandardItem(title)
            font = group.font()
            font.setBold(True)
            group.setFont(font)
            group.setSelectable(False)
            for hit in board.hits:
                due = (
                    f"{format_date(hit.next_due)} ({deadline_label(hit.next_due_rule)})"
                    if hit.next_due and hit.next_due_rule
                    else ""
                )
                cells = [
                    hit.file_number,
                    hit.client_name,
                    hit.kind_name,
                    hit.status_name,
                    hit.worker_name,
                    due,
                ]
                row = [QStandardItem(text) for text in cells]
                row[0].setData(hit.id, CaseIdRole)
                group.appendRow(row)
            self.model.appendRow([group] + [QStandardItem() for _h in HEADERS[1:]])
            self.tree.setFirstColumnSpanned(self.model.rowCount() - 1, QModelIndex(), True)
        self.tree.expandAll()
        if boards and boards[0].hits:
            self.tree.setCurrentIndex(self.model.index(0, 0, self.model.index(0, 0)))

    def _activated(self, index: QModelIndex) -> None:
        case_id = index.siblingAtColumn(0).data(CaseIdRole)
        if case_id is not None:
            self.open_case_dialog(case_id)

    def _open_case_dialog(self, case_id: CaseId) -> None:
        from opsdesk.ui.boards.case_dialog import open_case_dialog

        open_case_dialog(self.tree, self.services, case_id)

    # --- saved filters ------------------------------------------------------------------

    def _show_saved(self, filters: list[SavedFilter], select_id: int | None = None) -> None:
        self.filters = filters
        self.saved.clear()
        self.saved.addItem(_("(choose a filter)"), None)
        for n, saved in enumerate(self.filters):
            self.saved.addItem(saved.name if saved.id else f"{saved.name} \u2605", n)
        if select_id is not None:
            index = next((n for n, f in enumerate(self.filters) if f.id == select_id), None)
            if index is not None:
                self.saved.setCurrentIndex(index + 1)
        self._enable_delete()

    def _enable_delete(self) -> None:
        chosen = self.chosen_filter()
        self.delete_button.setEnabled(chosen is not None and chosen.id is not None)

    def chosen_filter(self) -> SavedFilter | None:
        n = self.saved.currentData()
        return self.filters[n] if n is not None else None

    def _saved_chosen(self, _index: int) -> None:
        self._enable_delete()
        chosen = self.chosen_filter()
        if chosen is not None:
            self.show_query(chosen.query)
            self.run()

    def _ask_name(self) -> str | None:
        name, ok = QInputDialog.getText(self, _("Save the filter"), _("Name of the filter:"))
        return name if ok else None

    def save_filter(self) -> bool:
        """Save the form as a named filter (off the GUI thread); True when it was asked."""
        try:
            query = self.query()
        except ServiceError as error:
            self.show_message(str(error))
            return False
        name = self.ask_name()
        if name is None:
            return False
        search = self.services.case_search

        def save() -> tuple[SavedFilter, list[SavedFilter]]:
            saved = search.save_filter(name, query)
            return saved, search.ready_filters() + search.saved_filters()

        return run_operation(
            self.saved,
            save,
            lambda answer: self._filters_changed(answer[1], answer[0].id),
            refused=self._refused,
            busy=_("saving"),
        )

    def delete_filter(self) -> None:
        """Delete the chosen filter of one's own (off the GUI thread)."""
        chosen = self.chosen_filter()
        if chosen is None or chosen.id is None:
            return
        search, filter_id = self.services.case_search, chosen.id

        def delete() -> list[SavedFilter]:
            search.delete_filter(filter_id)
            return search.ready_filters() + search.saved_filters()

        run_operation(
            self.saved,
            delete,
            self._filters_changed,
            refused=lambda error: self.show_message(str(error)),
            busy=_("saving"),
        )

    def _filters_changed(self, filters: list[SavedFilter], select_id: int | None = None) -> None:
        self.show_message("")
        self._show_saved(filters, select_id)
