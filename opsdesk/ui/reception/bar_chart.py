"""A plain bar chart painted with QPainter (QtCharts is not in PySide6-Essentials)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

BAR = QColor("#1f5fa8")
AXIS = QColor("#333333")


class BarChart(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._title = ""
        self._bars: list[tuple[str, int]] = []
        self.setMinimumSize(QSize(320, 180))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_bars(self, title: str, bars: list[tuple[str, int]]) -> None:
        self._title = title
        self._bars = list(bars)
        self.setAccessibleName(title)
        self.setAccessibleDescription(", ".join(f"{label}: {n}" for label, n in bars))
        self.update()

    def bars(self) -> list[tuple[str, int]]:
        return list(self._bars)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        metrics = painter.fontMetrics()
        line = metrics.height()
        painter.setPen(AXIS)
        painter.drawText(
            QRectF(0, 2, self.width(), line), Qt.AlignmentFlag.AlignHCenter, self._title
        )
        if not self._bars:
            return
        top, bottom, left, right = line * 2 + 4, self.height() - line - 6, 8, self.width() - 8
        highest = max(max(n for _l, n in self._bars), 1)
        slot = (right - left) / len(self._bars)
        width = max(2.0, slot * 0.7)
        # show every label when they fit, else every k-th
        step = max(1, int((metrics.horizontalAdvance("00") + 6) // max(slot, 1)) + 1)
        painter.setPen(QPen(AXIS, 1))
        painter.drawLine(left, bottom, right, bottom)
        for i, (label, count) in enumerate(self._bars):
            x = left + i * slot + (slot - width) / 2
            height = (bottom - top) * count / highest
            painter.fillRect(QRectF(x, bottom - height, width, height), BAR)
            if count and width >= metrics.horizontalAdvance(str(count)):
                painter.drawText(
                    QRectF(x - 4, bottom - height - line, width + 8, line),
                    Qt.AlignmentFlag.AlignHCenter,
                    str(count),
                )
            if i % step == 0:
                painter.drawText(
                    QRectF(left + i * slot - 10, bottom + 3, slot + 20, line),
                    Qt.AlignmentFlag.AlignHCenter,
                    label,
                )
        painter.end()
