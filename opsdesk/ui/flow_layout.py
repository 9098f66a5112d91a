"""A layout that puts its widgets in rows as wide as there is room for, wrapping to the next
row as the window narrows (buttons at 125 % scaling on a 1366 px screen), like words in a
line of text. Each item keeps its size hint's width (with ``uniform``, all take the widest
one's, so the rows look like a grid whose columns follow the width), so a button's text is
never elided.

Its minimum width is the widest item's; its minimum height is the height the rows need at
the width it was last given (so the window never squeezes the wrapped rows together), and
``heightForWidth`` answers the same for any width."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QWidget


class FlowLayout(QLayout):
    def __init__(
        self, parent: QWidget | None = None, spacing: int = 6, uniform: bool = False
    ) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._uniform = uniform
        self._width = 0  # the width last given by setGeometry
        self.setContentsMargins(0, 0, 0, 0)

    # --- the list of items ------------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    # --- sizes ---------------------------------------------------------------------------

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def _widest(self) -> int:
        shown = [i.sizeHint().width() for i in self._items if not i.isEmpty()]
        return max(shown, default=0)

    def minimumSize(self) -> QSize:
        margins = self.contentsMargins()
        width = self._widest() + margins.left() + margins.right()
        height = self.heightForWidth(max(self._width, width))
        return QSize(width, height)

    def _size(self, item: QLayoutItem) -> QSize:
        size = item.sizeHint()
        return QSize(self._widest(), size.height()) if self._uniform else size

    def sizeHint(self) -> QSize:
        margins = self.contentsMargins()
        shown = [self._size(i) for i in self._items if not i.isEmpty()]
        one_row = sum(s.width() for s in shown) + self._spacing * max(0, len(shown) - 1)
        width = max(self._width, self._widest()) if self._width else one_row
        return QSize(width + margins.left() + margins.right(), self.heightForWidth(max(width, 1)))

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        rows_before = self.heightForWidth(self._width) if self._width else None
        self._width = rect.width()
        self._arrange(rect, move=True)
        if rows_before is not None and rows_before != self.heightForWidth(self._width):
            self.invalidate()  # a row more or less: the parent asks the new minimum height

    def _arrange(self, rect: QRect, move: bool) -> int:
        """Place the items in rows within ``rect`` (when ``move``); the height they take."""
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, row_height = area.x(), area.y(), 0
        for item in self._items:
            if item.isEmpty():
                continue
            size = self._size(item)
            if x > area.x() and x + size.width() > area.right() + 1:
                x, y = area.x(), y + row_height + self._spacing
                row_height = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), size))
            x += size.width() + self._spacing
            row_height = max(row_height, size.height())
        return y + row_height - rect.y() + margins.bottom()


def flow_container(widgets: list[QWidget], uniform: bool = False) -> QWidget:
    """A widget holding ``widgets`` in a FlowLayout, as wide as its parent lets it be."""
    box = QWidget()
    box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    layout = FlowLayout(box, uniform=uniform)
    for widget in widgets:
        layout.addWidget(widget)
    return box
