"""Contacts by day (or weekday) and hour of arrival, painted with QPainter as a grid: each
cell's number written in it and its grey the darker the busier, so the grid reads the same in
black and white and needs no colour to be told apart (the printed report's
``printing/charts.day_hour_chart`` does the same)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

INK = QColor("#1a1a1a")
LINES = QColor("#9a9a9a")


def shade(count: int, busiest: int) -> int:
    """The grey (0-255) of a cell: white for none, darker with more."""
    if not count or not busiest:
        return 255
    return round(255 * (0.88 - 0.7 * count / busiest))


class GridChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = ""
        self._rows: list[str] = []
        self._hours: list[int] = []
        self._counts: list[list[int]] = []
        self.setMinimumSize(QSize(280, 200))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(
        self,
        title: str,
        rows: Sequence[str],
        hours: Sequence[int],
        counts: Sequence[Sequence[int]],
    ) -> None:
        self._title = title
        self._rows, self._hours = list(rows), list(hours)
        self._counts = [list(r) for r in counts]
        self.setAccessibleName(title)
        described = []
        for label, row in zip(self._rows, self._counts, strict=True):
            busy = ", ".join(f"{h:02d}: {n}" for h, n in zip(self._hours, row, strict=True) if n)
            if busy:
                described.append(f"{label} \u2014 {busy}")
        self.setAccessibleDescription("; ".join(described))
        self.update()

    def cell(self, row: int, hour: int) -> int:
        return self._counts[row][self._hours.index(hour)]

    def rows(self) -> list[str]:
        return list(self._rows)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        metrics = painter.fontMetrics()
        line = metrics.height()
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(INK)
        painter.drawText(QRectF(4, 2, self.width() - 8, line + 2), self._title)
        font.setBold(False)
        painter.setFont(font)
        if not self._rows or not self._hours:
            return
        label_width = max(metrics.horizontalAdvance(r) for r in self._rows) + 8
        top = line + 6 + line  # the title, then the hours
        cell_w = (self.width() - label_width - 6) / len(self._hours)
        cell_h = max(4.0, (self.height() - top - 4) / len(self._rows))
        small = cell_h < line * 0.9
        busiest = max((n for r in self._counts for n in r), default=0)
        for column, hour in enumerate(self._hours):
            x = label_width + column * cell_w
            painter.drawText(
                QRectF(x, line + 4, cell_w, line), Qt.AlignmentFlag.AlignCenter, f"{hour:02d}"
            )
        painter.setPen(QPen(LINES, 1))
        for row, label in enumerate(self._rows):
            y = top + row * cell_h
            if not small or row % 2 == 0:
                painter.setPen(INK)
                painter.drawText(
                    QRectF(2, y, label_width - 6, cell_h),
                    Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                    label,
                )
            for column, count in enumerate(self._counts[row]):
                grey = shade(count, busiest)
                rect = QRectF(label_width + column * cell_w, y, cell_w, cell_h)
                painter.setPen(QPen(LINES, 1))
                painter.setBrush(QColor(grey, grey, grey))
                painter.drawRect(rect)
                if count and not small:
                    painter.setPen(QColor("white") if grey < 128 else INK)
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(count))
        painter.end()
