"""One column of a team's board as a lazy list model: cards are fetched a page at a time when
the view scrolls (``canFetchMore``/``fetchMore``), as plain ``CardRow`` tuples. With
``run_fetch`` set (the board sets ``ui.operation.run_operation`` for the column's view) the
page the view asks for is fetched off the GUI thread and appended when it comes; finding a
card (``row_of``, ``row_among``) still fetches at once.

Cards can be dragged to another column: the model offers the case ids as MIME data, and a drop
asks the board (signal ``move_requested``) to move the case; the board reloads the columns
after the service answers, so the model never removes or inserts a card by itself.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from opsdesk.domain.case_rules import deadline_label
from opsdesk.domain.deadlines import urgency_class, working_days_left
from opsdesk.domain.formatting import format_date
from opsdesk.i18n import _
from opsdesk.services.cases.boards import PAGE_SIZE, CardRow

CASE_MIME = "application/x-opsdesk-case"
CardRole = Qt.ItemDataRole.UserRole + 1  # the CardRow
UrgencyRole = Qt.ItemDataRole.UserRole + 2  # "overdue" | "soon" | "ok" | "stopped" | "none"
CaseIdRole = Qt.ItemDataRole.UserRole + 3

Fetcher = Callable[[CardRow | None, int], list[CardRow]]
# run_fetch(work, done, failed): run ``work`` off the GUI thread, then ``done(page)``, or
# ``failed()`` when it was refused; False when it could not start
PageRunner = Callable[
    [Callable[[], list[CardRow]], Callable[[list[CardRow]], None], Callable[[], None]], bool
]


def card_urgency(card: CardRow, today: date) -> str:
    if card.suspended and card.next_due is None:
        return "stopped"
    if card.next_due is None:
        return "none"
    return urgency_class(card.next_due, today)


def due_lines(card: CardRow, today: date) -> tuple[str, str]:
    """The card's deadline in two short lines: what is due, then the date and the time left,
    e.g. ("decyzja", "02.04.2026 · zostało 3 dz. rob.")."""
    if card.next_due is None:
        if card.suspended:
            return _("Proceedings suspended"), _("the decision clock is stopped")
        return _("no statutory deadline"), ""
    assert card.next_due_rule is not None, "a deadline has its rule"
    return (
        deadline_label(card.next_due_rule),
        f"{format_date(card.next_due)} \u00b7 {time_left(card.next_due, today, short=True)}",
    )


def due_text(card: CardRow, today: date) -> str:
    """The card's deadline in one line, in words (tooltips, screen readers)."""
    if card.next_due is None:
        first, second = due_lines(card, today)
        return f"{first}: {second}" if second else first
    assert card.next_due_rule is not None, "a deadline has its rule"
    return (
        f"{deadline_label(card.next_due_rule)}: {format_date(card.next_due)} \u00b7 "
        f"{time_left(card.next_due, today)}"
    )


def time_left(due: date, today: date, short: bool = False) -> str:
    """E.g. "pozostało dni roboczych: 3", "termin dziś", "dni roboczych po terminie: 2";
    ``short`` for a card: "zostało 3 dz. rob.", "2 dz. rob. po terminie"."""
    left = working_days_left(due, today)
    if left < 0:
        if short:
            return _("{n} wd. overdue").format(n=-left)
        return _("working days overdue: {n}").format(n=-left)
    if left == 0:
        return _("due today") if due == today else _("due on the next working day")
    if short:
        return _("{n} wd. left").format(n=left)
    return _("working days left: {n}").format(n=left)


class BoardColumnModel(QAbstractListModel):
    move_requested = Signal(int, int)  # case id, target status id

    def __init__(
        self,
        status_id: int,
        fetch: Fetcher,
        today: date,
        kinds: dict[int, str],
        workers: dict[int, str],
        page_size: int = PAGE_SIZE,
        parent=None,
    ):
        super().__init__(parent)
        self.status_id = status_id
        self._fetch = fetch
        self._page = page_size
        self.today = today
        self.kinds = kinds
        self.workers = workers
        self._rows: list[CardRow] = []
        self._more = True
        self.run_fetch: PageRunner | None = None
        self._fetching = False  # a page asked for off the GUI thread, not yet answered
        self._generation = 0  # changes with each reset: a page for older rows is dropped

    # --- loading ------------------------------------------------------------------------

    def reload(self) -> None:
        """Forget the loaded cards and fetch the first page again."""
        self.beginResetModel()
        self._rows = []
        self._more = True
        self._generation += 1
        self._fetching = False
        self.endResetModel()
        self._fetch_now()

    def set_rows(self, rows: list[CardRow], more: bool) -> None:
        """Show cards loaded elsewhere (off the GUI thread); ``more``: further pages exist."""
        self.beginResetModel()
        self._rows = list(rows)
        self._more = more
        self._generation += 1
        self._fetching = False
        self.endResetModel()

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:
        return not parent.isValid() and self._more and not self._fetching

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:
        """The view scrolled to the end: the next page, off the GUI thread with
        ``run_fetch``."""
        if parent.isValid() or not self._more or self._fetching:
            return
        if self.run_fetch is None:
            self._fetch_now()
            return
        after, limit, generation = (
            self._rows[-1] if self._rows else None,
            self._page,
            self._generation,
        )
        fetch = self._fetch

        def done(page: list[CardRow]) -> None:
            if generation == self._generation:
                self._fetching = False
                self._append(page)

        def failed() -> None:
            if generation == self._generation:
                self._fetching = False

        self._fetching = True
        if not self.run_fetch(lambda: fetch(after, limit), done, failed):
            self._fetching = False

    def _fetch_now(self) -> None:
        """The next page, fetched at once (on the calling thread)."""
        if not self._more or self._fetching:
            return
        self._append(self._fetch(self._rows[-1] if self._rows else None, self._page))

    def _append(self, page: list[CardRow]) -> None:
        self._more = len(page) == self._page
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    def card(self, row: int) -> CardRow:
        return self._rows[row]

    def row_of(self, case_id: int, max_pages: int = 20) -> int:
        """The row of a case, fetching further pages if needed; -1 if not in the column."""
        for _page in range(max_pages + 1):
            for row, card in enumerate(self._rows):
                if card.id == case_id:
                    return row
            if not self._more or self._fetching:
                break
            self._fetch_now()
        return -1

    def row_among(self, case_id: int, first: int) -> int:
        """The row of a case among the loaded cards, after loading at least the column's
        ``first`` cards; -1 if it is not among them."""
        while self.rowCount() < first and self._more and not self._fetching:
            self._fetch_now()
        for row, card in enumerate(self._rows):
            if card.id == case_id:
                return row
        return -1

    # --- the model ----------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        card = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.describe(card)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.describe(card).replace(" \u2014 ", "\n")
        if role == CardRole:
            return card
        if role == CaseIdRole:
            return card.id
        if role == UrgencyRole:
            return card_urgency(card, self.today)
        return None

    def describe(self, card: CardRow) -> str:
        """The whole card as one line of text (screen readers, tooltips, tests)."""
        parts = [
            card.client_name,
            self.kinds.get(card.kind_id, ""),
            self.workers.get(card.worker_id, _("nobody assigned"))
            if card.worker_id is not None
            else _("nobody assigned"),
            card.file_number,
            due_text(card, self.today),
        ]
        if card.urgent:
            parts.insert(1, _("urgent case"))
        return " \u2014 ".join(p for p in parts if p)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    # --- drag and drop ------------------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [CASE_MIME]

    def mimeData(self, indexes) -> QMimeData:
        ids = [str(self._rows[i.row()].id) for i in indexes if i.isValid()]
        mime = QMimeData()
        mime.setData(CASE_MIME, QByteArray(",".join(ids).encode()))
        return mime

    def canDropMimeData(self, data, action, row, column, parent) -> bool:
        return data is not None and data.hasFormat(CASE_MIME)

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        for text in bytes(data.data(CASE_MIME).data()).decode().split(","):
            if text.strip().isdigit():
                self.move_requested.emit(int(text), self.status_id)
        return False  # the board reloads both columns; nothing is removed by Qt
