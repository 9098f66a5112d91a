"""A board column on screen: its heading and a list of cards that can be dragged to another
column or moved by keyboard.

Keys on a card: Up / Down go to the card above / below, Left / Right to the neighbouring
column without moving anything, Ctrl+Right / Ctrl+Left move the card to the next / previous
column (the same rules as a drag), Enter or Space opens the case, the menu key (or Shift+F10)
offers every column. Tab reaches each column once. Only the column with the focus shows its
current card as selected, with a focus frame.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QPoint, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QFrame, QLabel, QListView, QVBoxLayout

from opsdesk.i18n import _
from opsdesk.ui.boards.card_delegate import CardDelegate
from opsdesk.ui.boards.column_model import BoardColumnModel, CaseIdRole

COLUMN_MIN_WIDTH = 245
COLUMN_MAX_WIDTH = 340


class CardListView(QListView):
    move_by_key = Signal(int, int)  # case id, +1 next column / -1 previous column
    open_requested = Signal(int)
    menu_requested = Signal(int, QPoint)  # case id, global position
    neighbour_requested = Signal(int)  # -1 left, +1 right
    focused = Signal()  # the column got the keyboard focus

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setItemDelegate(CardDelegate(self))
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setMovement(QListView.Movement.Static)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.doubleClicked.connect(lambda index: self.open_requested.emit(index.data(CaseIdRole)))

    def current_case(self) -> int | None:
        index = self.currentIndex()
        return index.data(CaseIdRole) if index.isValid() else None

    def keyPressEvent(self, event) -> None:
        key, mods = event.key(), event.modifiers()
        case_id = self.current_case()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Left):
            step = 1 if key == Qt.Key.Key_Right else -1
            if ctrl and case_id is not None:
                self.move_by_key.emit(case_id, step)
            else:
                self.neighbour_requested.emit(step)
            event.accept()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and (case_id is not None):
            self.open_requested.emit(case_id)
            event.accept()
            return
        if case_id is not None and (
            key == Qt.Key.Key_Menu
            or (key == Qt.Key.Key_F10 and mods & Qt.KeyboardModifier.ShiftModifier)
        ):
            rect = self.visualRect(self.currentIndex())
            self.menu_requested.emit(case_id, self.viewport().mapToGlobal(rect.center()))
            event.accept()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event) -> None:
        index = self.indexAt(event.pos())
        if index.isValid():
            self.setCurrentIndex(index)
            self.menu_requested.emit(index.data(CaseIdRole), event.globalPos())

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        if not self.currentIndex().isValid() and self.model() and self.model().rowCount():
            self.setCurrentIndex(self.model().index(0, 0))
        elif self.currentIndex().isValid():  # selection was cleared when focus went elsewhere
            self.selectionModel().select(
                self.currentIndex(), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        self.focused.emit()


class ColumnWidget(QFrame):
    """Heading "Status (count)" and the cards of one status."""

    def __init__(self, name: str, model: BoardColumnModel, closes_case: bool, parent=None):
        super().__init__(parent)
        self.name = name
        self.model = model
        self.closes_case = closes_case
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(COLUMN_MIN_WIDTH)
        self.setMaximumWidth(COLUMN_MAX_WIDTH)
        self.setObjectName(f"column_{model.status_id}")
        self.heading = QLabel()
        self.heading.setObjectName("columnHeading")
        self.heading.setStyleSheet("font-weight: 600; padding: 4px;")
        self.view = CardListView()
        self.view.setModel(model)
        self.view.setAccessibleName(name)
        self.heading.setBuddy(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.view, 1)

    def set_count(self, count: int, capped: bool = False) -> None:
        self.count = count
        shown = f"{count}+" if capped else str(count)
        self.heading.setText(_("{status} ({count})").format(status=self.name, count=shown))
        self.view.setAccessibleDescription(self.heading.text())
