"""A team's board: one column per status of the team, the filter bar, and the caseload panel.

Moving a card (drag and drop, Ctrl+arrow, or the card's menu) asks ``CaseService.move``; a
refused move leaves the board as it was and says why in the message line at the top.

The board follows the office: after any commit (another window or workstation) it asks
``BoardService.change_mark`` and reloads when a case changed, keeping each column's current
card and the card at its top, as F5 does. A client's or worker's new name shows with the next
change of a case or on F5.

Every reload (following others' commits, F5, a filter or team changed, after a move) runs off
the GUI thread (``ui.operation``, ``load_board``): a slow server never freezes the window. A
reload the person asks for replaces one still running (the newest filter's answer wins); a
catch-up due while a reload runs is not started twice, it runs once that reload has answered.
A move and its undo are asked off the GUI thread too (one at a time, beside a reload).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.ids import CaseId, TeamId
from opsdesk.domain.roles import Action
from opsdesk.errors import ServiceError
from opsdesk.i18n import _
from opsdesk.services.cases.boards import (
    PAGE_SIZE,
    BoardFilter,
    BoardInfo,
    BoardTeam,
    CardRow,
    CaseloadRow,
    DueItem,
)
from opsdesk.services.cases.case_service import UNDO_MINUTES
from opsdesk.ui.background import run_in_background
from opsdesk.ui.boards.board_filters import BoardFilterBar
from opsdesk.ui.boards.caseload import CaseloadPanel
from opsdesk.ui.boards.column_model import BoardColumnModel, CaseIdRole
from opsdesk.ui.boards.column_view import ColumnWidget
from opsdesk.ui.boards.deadline_calendar import DeadlineCalendar
from opsdesk.ui.boards.due_dialog import DueDialog, due_counts_text
from opsdesk.ui.boards.reassign_dialog import LimitsDialog, ReassignDialog
from opsdesk.ui.boards.step_dialogs import CloseCaseDialog
from opsdesk.ui.change_watcher import FollowsChanges
from opsdesk.ui.file_dialog import ask_save_path
from opsdesk.ui.operation import is_running, run_first_read, run_operation, run_reload

if TYPE_CHECKING:
    from opsdesk.domain.case_closing import Ending
    from opsdesk.services.cases.records import CaseDetail
    from opsdesk.services.registry import Services

log = logging.getLogger("opsdesk.ui.boards")

Asker = Callable[[str, str], str | None]  # (title, label) -> text, or None when cancelled
# status id -> (current card, card at the top, cards loaded)
Place = dict[int, tuple[int | None, int | None, int]]

MESSAGE_STYLE = (
    "background: #fbe0e0; color: #8a1414; border: 1px solid #c62828; "
    "padding: 6px; font-weight: 600;"
)
INFO_STYLE = "background: #e2f2e3; color: #1d5e20; border: 1px solid #2e7d32; padding: 6px;"


@dataclass(frozen=True)
class BoardLoad:
    """Everything the board shows, read off the GUI thread in one go."""

    mark: object  # BoardService.change_mark() before the reading
    filt: BoardFilter
    info: BoardInfo
    pages: dict[int, tuple[list[CardRow], bool]]  # status id -> (cards, more to fetch)
    due: list[DueItem]
    caseload: list[CaseloadRow]
    inbox: int


def load_board(
    services: Services, team_id: TeamId, filt: BoardFilter, loaded: dict[int, int]
) -> BoardLoad:
    """The board of ``team_id`` under ``filt``, each column's cards as many as ``loaded``
    says were shown (whole pages, at least the first)."""
    boards = services.boards
    mark = boards.change_mark()
    info = boards.board(team_id, filt)
    pages = {}
    for status in info.columns:
        rows: list[CardRow] = []
        more = True
        while more and (not rows or len(rows) < loaded.get(status.id, 0)):
            page = boards.page(team_id, status.id, filt, rows[-1] if rows else None, PAGE_SIZE)
            rows.extend(page)
            more = len(page) == PAGE_SIZE
        pages[status.id] = (rows, more)
    return BoardLoad(
        mark,
        filt,
        info,
        pages,
        boards.team_due(team_id, filt),
        boards.caseload(team_id),
        services.inbox.count(),
    )


def ask_text(parent: QWidget) -> Asker:
    def ask(title: str, label: str) -> str | None:
        text, ok = QInputDialog.getText(parent, title, label)
        return text if ok else None

    return ask


# dark red on the default background, as the overdue chips (contrast above 4.5:1)
DUE_ALERT_STYLE = "color: #8a1414; font-weight: 600;"


# a count of hand-offs waiting: amber, dark text (contrast above 7:1)
INBOX_WAITING_STYLE = (
    "QPushButton { background: #fff1c2; color: #3d2c00; border: 1px solid #b58a00; "
    "padding: 4px 10px; font-weight: 600; }"
)


class BoardWidget(FollowsChanges, QWidget):
    inbox_count_changed = Signal(int)
    inbox_requested = Signal()

    def __init__(self, services: Services, parent=None):
        super().__init__(parent)
        self.services = services
        self.ask: Asker = ask_text(self)
        self.open_case_dialog: Callable[[CaseId], None] = self._open_case_dialog
        self.info: BoardInfo | None = None
        self.columns: dict[int, ColumnWidget] = {}
        actor = services.actor
        assert actor is not None, "the boards are shown to a logged-in person only"
        self.filters = BoardFilterBar(actor.account_id)
        self.message = QLabel()
        self.message.setObjectName("boardMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self._columns_box = QWidget()
        self._columns_layout = QHBoxLayout(self._columns_box)
        self._columns_layout.setContentsMargins(0, 0, 0, 0)
        self._columns_layout.setAlignment(Qt.AlignmentFlag.AlignLeft)
        scroll = self.columns_scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._columns_box)
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the columns inside
        self.caseload = CaseloadPanel()
        splitter = QSplitter()
        splitter.addWidget(scroll)
        splitter.addWidget(self.caseload)
        splitter.setStretchFactor(0, 1)
        refresh = self.refresh_button = QPushButton(_("Refresh"))
        refresh.setShortcut(QKeySequence("F5"))
        refresh.setToolTip("F5")
        refresh.clicked.connect(lambda: self.refresh())
        self.export_button = QPushButton(_("E&xport to XLSX\u2026"))
        self.export_button.setObjectName("exportBoard")
        self.export_button.setToolTip(_("The cards shown (under the filter) as a spreadsheet"))
        self.export_button.clicked.connect(self.export)
        self.choose_export_path: Callable[[str], str | None] = self._choose_export_path
        self.inbox_count = 0
        self.inbox_button = QPushButton()
        self.inbox_button.setObjectName("handedToMe")
        self.inbox_button.setToolTip(_("Cases handed to you or your team, waiting for an answer"))
        self.inbox_button.clicked.connect(self.inbox_requested.emit)
        self.filters.search_row.addWidget(refresh)
        self.filters.search_row.addWidget(self.export_button)
        self.undo_button = QPushButton(_("&Undo the move"))
        self.undo_button.setObjectName("undoMove")
        self.undo_button.setToolTip(
            _("Put the card back (Ctrl+Z), within {n} minutes of the move").format(n=UNDO_MINUTES)
        )
        self.undo_button.clicked.connect(self.undo_move)
        self.undo_button.hide()
        self._undoable: CaseId | None = None
        self._undo_expires = QTimer(self)
        self._undo_expires.setSingleShot(True)
        self._undo_expires.timeout.connect(self._forget_undo)
        undo_shortcut = QShortcut(QKeySequence.StandardKey.Undo, self)
        undo_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        undo_shortcut.activated.connect(self.undo_move)
        self.due_line = QLabel()
        self.due_line.setObjectName("boardDue")
        self.due_line.setWordWrap(True)  # never wider than the screen leaves it
        self.due_button = QPushButton(_("&Deadlines\u2026"))
        self.due_button.setObjectName("boardDueList")
        self.due_button.setToolTip(
            _("The board's deadlines: overdue, today, tomorrow and within 3 working days")
        )
        self.due_button.clicked.connect(self.show_due)
        self.calendar_button = QPushButton(_("Deadline &calendar\u2026"))
        self.calendar_button.setObjectName("boardCalendar")
        self.calendar_button.clicked.connect(self.show_calendar)
        due_row = QHBoxLayout()
        due_row.addWidget(self.due_line, 1)
        due_row.addWidget(self.inbox_button)
        due_row.addWidget(self.due_button)
        due_row.addWidget(self.calendar_button)
        message_row = QHBoxLayout()
        message_row.addWidget(self.message, 1)
        message_row.addWidget(self.undo_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addLayout(due_row)
        layout.addLayout(message_row)
        layout.addWidget(splitter, 1)
        self.filters.changed.connect(self.apply_filter)
        self.filters.team_changed.connect(self.show_team)
        self.caseload.worker_chosen.connect(self.filters.choose_worker)
        if actor.can(Action.CASE_ASSIGN):
            self.caseload.move_button.show()
            self.caseload.limits_button.show()
            self.caseload.move_button.clicked.connect(self.move_cases)
            self.caseload.limits_button.clicked.connect(self.set_limits)
        self._hide_message_later = QTimer(self)
        self._hide_message_later.setSingleShot(True)
        self._hide_message_later.timeout.connect(self.message.hide)
        self._mark: object = None
        self._filter_shown = BoardFilter()
        self._catch_up_again = False  # a commit came while a reload ran
        self.due_items: list[DueItem] = []
        self.inbox_button.hide()  # until the first load tells the count
        self._first_load()
        self.watch_for_changes(services)

    def _first_load(self) -> None:
        """The teams, the regions and the first team's board, read off the GUI thread: the
        section opens at once."""
        services, filt = self.services, self.filters.current()

        def work() -> tuple[list[BoardTeam], list, BoardLoad | None, int]:
            teams = services.boards.teams()
            regions = services.regions.list()
            if not teams:
                return teams, regions, None, services.inbox.count()
            load = load_board(services, TeamId(teams[0].id), filt, {})
            return teams, regions, load, load.inbox

        def done(loaded: tuple[list[BoardTeam], list, BoardLoad | None, int]) -> None:
            teams, regions, load, inbox = loaded
            self.filters.set_choices(teams, regions)
            if load is None:
                self.show_inbox_count(inbox)
                self.inbox_count_changed.emit(inbox)
                return
            self._show_load(load, False)
            if self.filters.current() != filt:  # the person filtered while it loaded
                self.apply_filter()
            self._after_load(None)

        run_first_read(
            self.columns_scroll,
            work,
            done,
            refused=lambda error: self.show_message(str(error), error=True),
            busy=_("loading the board"),
            lane="",
        )

    @property
    def board_info(self) -> BoardInfo:
        """The board of the team shown (there is one once a team is shown)."""
        assert self.info is not None, "a team's board is shown"
        return self.info

    # --- loading ------------------------------------------------------------------------

    def show_team(self, team_id: TeamId) -> None:
        """Show ``team_id``'s board (the manager's team chooser)."""
        self._reload(team_id, keep_place=False)

    def _reload(
        self,
        team_id: TeamId,
        *,
        keep_place: bool,
        then: Callable[[], object] | None = None,
    ) -> bool:
        """Load the board off the GUI thread; a newer reload replaces one still running."""
        filt = self.filters.current()
        loaded = {s: c.model.rowCount() for s, c in self.columns.items()} if keep_place else {}
        services = self.services
        return run_operation(
            self.columns_scroll,  # loads run beside a move or an undo (which use the board)
            lambda: load_board(services, team_id, filt, loaded),
            lambda load: self._loaded(load, keep_place, then),
            refused=lambda error: self.show_message(str(error), error=True),
            busy=_("loading the board"),
            when_running="replace",
        )

    def _loaded(self, load: BoardLoad, keep_place: bool, then) -> None:
        self._show_load(load, keep_place)
        self._after_load(then)

    def _after_load(self, then: Callable[[], object] | None) -> None:
        if then is not None:
            then()
        if self._catch_up_again:
            self._catch_up_again = False
            self.catch_up()

    def _show_load(self, load: BoardLoad, keep_place: bool) -> None:
        """Show a loaded board: the same columns are refilled (each keeping its current card
        and the card at its top with ``keep_place``), other columns are built anew."""
        info = load.info
        assert info.today is not None, "the service dates every board"
        same = (
            self.info is not None
            and self.info.team_id == info.team_id
            and [s.id for s in info.columns] == list(self.columns)
        )
        place = self._place() if keep_place and same else {}
        self.info = info
        self._filter_shown = load.filt  # the further pages of a column are read under it
        if not same:
            self._build_columns(info)
        for status in info.columns:
            column = self.columns[status.id]
            column.set_count(status.count, status.capped)
            column.model.today = info.today
            column.model.set_rows(*load.pages[status.id])
        self._show_due(load.due)
        self.caseload.set_rows(load.caseload)
        self._restore(place)
        self._mark = load.mark
        self.show_inbox_count(load.inbox)
        self.inbox_count_changed.emit(load.inbox)

    def _build_columns(self, info: BoardInfo) -> None:
        """The columns of ``info``'s board, empty (filled by ``_show_load``)."""
        assert info.today is not None, "the service dates every board"
        self.filters.set_workers(info.team_workers)
        for column in self.columns.values():
            column.deleteLater()
        self.columns = {}
        for position, status in enumerate(info.columns):
            model = BoardColumnModel(
                status.id,
                self._fetcher(status.id),
                info.today,
                info.kinds,
                info.workers,
                parent=self,
            )
            model.move_requested.connect(self.request_move, Qt.ConnectionType.QueuedConnection)
            column = ColumnWidget(status.name, model, status.closes_case)
            model.run_fetch = self._page_runner(column.view)
            column.view.move_by_key.connect(self._move_by_key)
            column.view.open_requested.connect(lambda case_id: self.open_case_dialog(case_id))
            column.view.menu_requested.connect(self._card_menu)
            column.view.neighbour_requested.connect(
                lambda step, s=status.id: self._focus_neighbour(s, step)
            )
            column.view.focused.connect(lambda s=status.id: self._column_focused(s))
            self._columns_layout.insertWidget(position, column)
            self.columns[status.id] = column
        self._tab_order()

    def _tab_order(self) -> None:
        """Tab: the filters, Refresh, each column left to right, then the caseload table."""
        chain = [self.refresh_button, *(c.view for c in self.columns.values()), self.caseload.table]
        for before, after in zip(chain, chain[1:]):
            QWidget.setTabOrder(before, after)

    def _column_focused(self, status_id: int) -> None:
        """One selected card on the board: the focused column's; that column is scrolled
        into view."""
        for other_id, column in self.columns.items():
            if other_id != status_id:
                column.view.clearSelection()
        focused = self.columns.get(status_id)
        if focused is not None:
            self.columns_scroll.ensureWidgetVisible(focused, 0, 0)

    def _fetcher(self, status_id: int):
        """A column's further pages, under the filter of the cards shown (read on any
        thread: no widget is touched)."""
        team_id, boards = self.board_info.team_id, self.services.boards

        def fetch(after, limit):
            return boards.page(team_id, status_id, self._filter_shown, after, limit)

        return fetch

    def _page_runner(self, view: QWidget):
        """The next page a column's view asks for, off the GUI thread (``run_operation`` for
        the view: a page for cards since reloaded is dropped)."""

        def run(work, done, failed) -> bool:
            def refused(error: ServiceError) -> None:
                failed()
                self.show_message(str(error), error=True)

            return run_operation(
                view,
                work,
                done,
                refused=refused,
                busy=_("loading the board"),
                when_running="replace",
            )

        return run

    def apply_filter(self) -> None:
        """The filter changed: load the board under it (the newest filter's answer wins)."""
        if self.info is not None:
            self._reload(self.info.team_id, keep_place=False)

    def _show_due(self, items: list[DueItem]) -> None:
        """The warning line: the board's deadlines (under the filter) by how close they are."""
        self.due_items = items
        overdue = any(i.when == "overdue" for i in self.due_items)
        self.due_line.setText(
            _("Deadlines: {counts}").format(counts=due_counts_text(self.due_items))
        )
        self.due_line.setStyleSheet(DUE_ALERT_STYLE if overdue else "")
        self.due_button.setEnabled(bool(self.due_items))

    def show_calendar(self) -> DeadlineCalendar:
        """The deadlines of the board's cases (under the filter: "Mine" for one's own) by
        day."""
        team_id, filt = self.board_info.team_id, self.filters.current()
        dialog = DeadlineCalendar(
            self.services,
            lambda until: self.services.boards.team_due(team_id, filt, until),
            self.filters.describe() or self.board_info.team_name,
            self,
        )
        dialog.setModal(False)
        dialog.show()
        self.calendar_dialog = dialog
        return dialog

    def show_due(self) -> DueDialog:
        dialog = DueDialog(
            self.services,
            self.due_items,
            self,
            whose=self.filters.describe() or self.board_info.team_name,
        )
        dialog.setModal(False)
        dialog.show()
        self.due_dialog = dialog
        return dialog

    def refresh(self, then: Callable[[], object] | None = None) -> None:
        """Reload the counts, the cards and the caseload; each column keeps its place.
        ``then`` runs once the board shows the reloaded cards."""
        if self.info is not None:
            self._reload(self.info.team_id, keep_place=True, then=then)

    def show_inbox_count(self, count: int) -> None:
        """The header's button: how many hand-offs wait for the person (amber when any)."""
        self.inbox_count = count
        self.inbox_button.setText(_("&Handed to me: {n}").format(n=count))
        self.inbox_button.setStyleSheet(INBOX_WAITING_STYLE if count else "")
        self.inbox_button.show()
        self.inbox_button.setAccessibleName(self.inbox_button.text().replace("&", ""))

    def catch_up(self) -> None:
        """Reload if a case changed (or the day turned) since the board was loaded; the mark
        is asked off the GUI thread. While a reload runs, once more after it answered."""
        if self.info is None:
            return
        if is_running(self.columns_scroll):
            self._catch_up_again = True
            return
        team_id, filt, mark = self.info.team_id, self.filters.current(), self._mark
        loaded = {s: c.model.rowCount() for s, c in self.columns.items()}
        services = self.services

        def work() -> BoardLoad | None:
            if services.boards.change_mark() == mark:
                return None
            return load_board(services, team_id, filt, loaded)

        def done(load: BoardLoad | None) -> None:
            if load is not None:
                self._show_load(load, True)
            self._after_load(None)

        run_reload(
            self.columns_scroll,
            work,
            done,
            busy=_("loading the board"),
            what="board catch-up",
            lane="",  # the board's own loads' lane: never beside one (checked above)
        )

    def _place(self) -> Place:
        place = {}
        for status_id, column in self.columns.items():
            top = column.view.indexAt(QPoint(1, 1))
            place[status_id] = (
                column.view.current_case(),
                top.data(CaseIdRole) if top.isValid() else None,
                column.model.rowCount(),
            )
        return place

    def _restore(self, place: Place) -> None:
        """Find the cards again among as many as were loaded before (a card that left its
        column is not hunted for through the whole column)."""
        for status_id, (current, top, loaded) in place.items():
            column = self.columns.get(status_id)
            if column is None:
                continue
            view, model = column.view, column.model
            row = model.row_among(current, loaded) if current is not None else -1
            if row >= 0:
                view.setCurrentIndex(model.index(row, 0))
            row = model.row_among(top, loaded) if top is not None else -1
            if row >= 0:
                view.scrollTo(model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop)

    # --- moving -------------------------------------------------------------------------

    def status_of(self, case_id: CaseId) -> int | None:
        for status_id, column in self.columns.items():
            model = column.model
            if any(model.card(row).id == case_id for row in range(model.rowCount())):
                return status_id
        return None

    def _move_by_key(self, case_id: CaseId, step: int) -> None:
        order = [s.id for s in self.board_info.columns]
        current = self.status_of(case_id)
        if current is None:
            return
        index = order.index(current) + step
        if 0 <= index < len(order):
            self.request_move(case_id, order[index])

    def exec_dialog(self, dialog: QDialog) -> int:
        """Show a dialog modally (tests replace this to answer it as a user would)."""
        return dialog.exec()

    def close_case(self, case_id: CaseId, status_id: int) -> bool:
        """A card dropped on the closing column: closed by its rules (how it ended, the
        decision's number and date), asked in the closing dialog. What it offers is read off
        the GUI thread, the dialog opens with the answer; True when that was started (a
        second drop meanwhile does nothing)."""
        cases = self.services.cases
        return run_operation(
            self,
            lambda: (cases.get(case_id), cases.closing_endings(case_id)),
            lambda loaded: self._ask_closing(case_id, status_id, *loaded),
            refused=self._refused,
            busy=_("opening the closing"),
        )

    def _ask_closing(
        self, case_id: CaseId, status_id: int, detail: CaseDetail, endings: list[Ending]
    ) -> None:
        dialog = CloseCaseDialog(
            self,
            endings,
            lambda closing: self.services.cases.close(case_id, closing),
            today=self.services.ctx.clock.today(),
            decision_number=detail.decision_number,
            decision_date=detail.decision_date,
        )
        if not self.exec_dialog(dialog):
            return
        moved = dialog.result_value
        self.show_message(
            _("{file}: moved to \u201e{status}\u201d.").format(
                file=moved.file_number, status=moved.status_name
            ),
            error=False,
        )
        self.refresh(then=lambda: self._select(case_id, status_id))

    def request_move(self, case_id: CaseId, status_id: int) -> bool:
        """Move a card to another column (off the GUI thread); True when the move was asked
        of the service (a closing: when the case was closed)."""
        source = self.status_of(case_id)
        if source == status_id:
            return False
        target = self.columns[status_id]
        reason: str | None = ""
        if target.closes_case:
            return self.close_case(case_id, status_id)
        if source is not None and self.columns[source].closes_case:
            reason = self.ask(_("Reopen the case"), _("Why is the case reopened?"))
        if reason is None:
            return False
        cases = self.services.cases
        return run_operation(
            self,
            lambda: cases.move(case_id, status_id, reason),
            lambda moved: self._moved(moved, case_id, status_id),
            refused=self._refused,
            busy=_("moving the card"),
        )

    def _moved(self, moved, case_id: CaseId, status_id: int) -> None:
        self.show_message(
            _("{file}: moved to \u201e{status}\u201d.").format(
                file=moved.file_number, status=moved.status_name
            ),
            error=False,
        )
        self.refresh(then=lambda: self._select(case_id, status_id))
        self._offer_undo(case_id)

    def _refused(self, error: ServiceError) -> None:
        """A refused move or undo: the board stays as it was, the message says why."""
        errors = getattr(error, "errors", None)
        self.show_message(" ".join(errors.values()) if errors else str(error), error=True)

    # --- undo ---------------------------------------------------------------------------

    def _offer_undo(self, case_id: CaseId) -> None:
        self._undoable = case_id
        self.undo_button.show()
        self._undo_expires.start(UNDO_MINUTES * 60 * 1000)

    def _forget_undo(self) -> None:
        self._undoable = None
        self.undo_button.hide()
        self._undo_expires.stop()

    def undo_move(self) -> bool:
        """Put the last card moved here back (the service checks it is still undoable, off
        the GUI thread); True when it was asked."""
        case_id = self._undoable
        if case_id is None:
            return False
        cases = self.services.cases
        started = run_operation(
            self,
            lambda: cases.undo_move(case_id),
            lambda back: self._undone(back, case_id),
            refused=self._refused,
            busy=_("moving the card"),
        )
        if started:
            self._forget_undo()
        return started

    def _undone(self, back, case_id: CaseId) -> None:
        self.show_message(
            _("{file}: the move was undone, back in \u201e{status}\u201d.").format(
                file=back.file_number, status=back.status_name
            ),
            error=False,
        )
        self.refresh(then=lambda: self._select(case_id, back.status_id))

    def _select(self, case_id: CaseId, status_id: int) -> None:
        column = self.columns.get(status_id)
        if column is None:
            return
        row = column.model.row_of(case_id)
        if row >= 0:
            column.view.setCurrentIndex(column.model.index(row, 0))
            column.view.scrollTo(column.model.index(row, 0))
            column.view.setFocus()

    def _focus_neighbour(self, status_id: int, step: int) -> None:
        order = [s.id for s in self.board_info.columns]
        index = order.index(status_id) + step
        if 0 <= index < len(order):
            self.columns[order[index]].view.setFocus()

    def _card_menu(self, case_id: CaseId, position: QPoint) -> None:
        menu = self.card_menu(case_id)
        menu.exec(position)

    def card_menu(self, case_id: CaseId) -> QMenu:
        menu = QMenu(self)
        open_action = QAction(_("&Open the case"), menu)
        open_action.triggered.connect(lambda: self.open_case_dialog(case_id))
        menu.addAction(open_action)
        move_to = menu.addMenu(_("&Move to"))
        current = self.status_of(case_id)
        for status in self.board_info.columns:
            action = QAction(status.name, move_to)
            action.setEnabled(status.id != current)
            action.triggered.connect(
                lambda _checked=False, s=status.id: self.request_move(case_id, s)
            )
            move_to.addAction(action)
        return menu

    def show_message(self, text: str, error: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(MESSAGE_STYLE if error else INFO_STYLE)
        self.message.setAccessibleName(text)
        self.message.show()
        if not error:
            self._hide_message_later.start(6000)
        else:
            self._hide_message_later.stop()
        log.info("board message: %s", text)

    # --- export -------------------------------------------------------------------------

    def _choose_export_path(self, suggested: str) -> str | None:
        path, _filter = ask_save_path(
            self, _("Export the board"), str(Path.home() / suggested), _("Excel workbook (*.xlsx)")
        )
        if not path:
            return None
        return path if path.lower().endswith(".xlsx") else path + ".xlsx"

    def export(self) -> None:
        """The cards under the filter, every column, into an XLSX file (in the background)."""
        if self.info is None:
            return
        today = self.services.ctx.clock.today()
        name = re.sub(r"[^\w.-]+", "_", f"{self.info.team_name}_{today.isoformat()}.xlsx")
        path = self.choose_export_path(name)
        if path is None:
            return
        team_id, filt, words = self.info.team_id, self.filters.current(), self.filters.describe()
        services = self.services

        def work():
            from opsdesk.printing.board_xlsx import build_board_xlsx

            export = services.boards.export(team_id, filt, words)
            Path(path).write_bytes(build_board_xlsx(export))
            return len(export.rows)

        self.export_button.setEnabled(False)
        self.show_message(_("Exporting\u2026"), error=False)
        run_in_background(work, lambda count: self._exported(path, count), self._export_failed)

    def _exported(self, path: str, count: int) -> None:
        self.export_button.setEnabled(True)
        self.show_message(
            _("Exported {count} cards to {path}.").format(count=count, path=path), error=False
        )

    def _export_failed(self, error: Exception) -> None:
        self.export_button.setEnabled(True)
        text = str(error) if isinstance(error, (ServiceError, OSError)) else repr(error)
        self.show_message(
            _("The board could not be exported: {error}").format(error=text), error=True
        )

    # --- absence and caseload (the manager) ---------------------------------------------

    def move_cases(self) -> ReassignDialog:
        """The absence and moving dialog for the worker chosen in the caseload panel (or the
        first); the board reloads after a move."""
        from opsdesk.ui.boards.caseload import WorkerIdRole

        index = self.caseload.table.currentIndex()
        worker = index.siblingAtColumn(0).data(WorkerIdRole) if index.isValid() else None
        dialog = ReassignDialog(self.services, list(self.caseload.model.records()), worker, self)
        if self.exec_dialog(dialog):
            self.show_message(_("Cases moved: {n}.").format(n=dialog.result_value), error=False)
            self.refresh()
        return dialog

    def set_limits(self) -> None:
        dialog = LimitsDialog(self, self.services, list(self.caseload.model.records()))
        if self.exec_dialog(dialog):
            self.refresh()

    # --- the case -----------------------------------------------------------------------

    def _open_case_dialog(self, case_id: CaseId) -> None:
        from opsdesk.ui.boards.case_dialog import open_case_dialog

        open_case_dialog(self, self.services, case_id, then=self.refresh)
