"""Bars of one or two series per category, painted with QPainter, told apart by pattern.

The first series is a dark solid bar, the second a white bar with diagonal hatching, both
outlined: the chart reads the same in black and white and to a person who does not tell red
from green (the printed report's charts, ``printing/charts.series_bar_chart``, do the same).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

INK = QColor("#1a1a1a")
GRID = QColor("#c8c8c8")
SOLID = QColor("#2b4c7e")
MAX_BAR = 40.0


def nice_step(top: float, whole: bool) -> float:
    raw = max(top, 1.0) / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(f * magnitude for f in (1, 2, 2.5, 5, 10) if raw <= f * magnitude)
    return max(1.0, math.ceil(step)) if whole else step


def plain_number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


class SeriesChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = ""
        self._categories: list[str] = []
        self._series: list[tuple[str, list[float]]] = []
        self._text: Callable[[float], str] = plain_number
        self.setMinimumSize(QSize(280, 170))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(
        self,
        title: str,
        categories: Sequence[str],
        series: Sequence[tuple[str, Sequence[float]]],
        value_text: Callable[[float], str] = plain_number,
    ) -> None:
        self._title = title
        self._categories = list(categories)
        self._series = [(name, [float(v) for v in values]) for name, values in series]
        self._text = value_text
        self.setAccessibleName(title)
        described = []
        for index, category in enumerate(self._categories):
            values = ", ".join(
                f"{name} {value_text(values[index])}" for name, values in self._series
            )
            described.append(f"{category}: {values}")
        self.setAccessibleDescription("; ".join(described))
        self.update()

    def series(self) -> list[tuple[str, list[float]]]:
        return list(self._series)

    def categories(self) -> list[str]:
        return list(self._categories)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        metrics = painter.fontMetrics()
        line = metrics.height()
        painter.setPen(INK)
        title_font = painter.font()
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.drawText(
            QRectF(4, 2, self.width() - 8, line), Qt.AlignmentFlag.AlignLeft, self._title
        )
        title_font.setBold(False)
        painter.setFont(title_font)
        legend_y = 4 + line
        if len(self._series) > 1:
            right = self.width() - 4.0
            for number, (name, _values) in reversed(list(enumerate(self._series))):
                width = metrics.horizontalAdvance(name)
                painter.setPen(INK)
                painter.drawText(
                    QRectF(right - width, legend_y, width, line), Qt.AlignmentFlag.AlignLeft, name
                )
                box = QRectF(right - width - 16, legend_y + 3, 12, line - 6)
                self._bar(painter, number, box)
                right = box.left() - 10
        values = [v for _name, vs in self._series for v in vs]
        if not self._categories or not values:
            painter.end()
            return
        whole = all(v.is_integer() for v in values)
        step = nice_step(max(values + [1.0]) * 1.15, whole)
        top_value = step * math.ceil(max(values + [1.0]) * 1.15 / step)
        left = metrics.horizontalAdvance(plain_number(top_value)) + 8.0
        top = legend_y + line + 4.0
        bottom = self.height() - line - 6.0
        right = self.width() - 6.0

        def y_of(value: float) -> float:
            return bottom - (bottom - top) * value / top_value

        steps = round(top_value / step)
        for index in range(steps + 1):
            value = index * step
            y = y_of(value)
            painter.setPen(QPen(GRID, 1))
            if index:
                painter.drawLine(int(left), int(y), int(right), int(y))
            painter.setPen(INK)
            painter.drawText(
                QRectF(0, y - line / 2, left - 4, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                plain_number(value),
            )
        painter.setPen(QPen(INK, 1))
        painter.drawLine(int(left), int(bottom), int(right), int(bottom))
        slot = (right - left) / len(self._categories)
        group = min(slot * 0.8, MAX_BAR * len(self._series))
        bar = group / len(self._series)
        label_every = max(1, math.ceil((metrics.horizontalAdvance("00.0000") + 4) / slot))
        longest = max(metrics.horizontalAdvance(c) for c in self._categories)
        if longest + 4 <= slot:
            label_every = 1
        for index, category in enumerate(self._categories):
            x = left + index * slot + (slot - group) / 2
            for number, (_name, vs) in enumerate(self._series):
                value = vs[index] if index < len(vs) else 0.0
                rect = QRectF(x + number * bar, y_of(value), bar, bottom - y_of(value))
                if value > 0:
                    self._bar(painter, number, rect)
                    text = self._text(value)
                    if metrics.horizontalAdvance(text) <= bar + 6:
                        painter.setPen(INK)
                        painter.drawText(
                            QRectF(rect.left() - 6, rect.top() - line, bar + 12, line),
                            Qt.AlignmentFlag.AlignHCenter,
                            text,
                        )
            if index % label_every == 0:
                painter.setPen(INK)
                label = metrics.elidedText(
                    category, Qt.TextElideMode.ElideRight, int(slot * label_every) - 2
                )
                painter.drawText(
                    QRectF(
                        left + index * slot - slot * (label_every - 1) / 2,
                        bottom + 3,
                        slot * label_every,
                        line,
                    ),  # fmt: skip
                    Qt.AlignmentFlag.AlignHCenter,
                    label,
                )
        painter.end()

    @staticmethod
    def _bar(painter: QPainter, number: int, rect: QRectF) -> None:
        painter.setPen(QPen(INK, 1))
        if number % 2 == 0:
            painter.setBrush(SOLID)
            painter.drawRect(rect)
        else:
            painter.setBrush(QColor("white"))
            painter.drawRect(rect)
            painter.setBrush(QBrush(INK, Qt.BrushStyle.BDiagPattern))
            painter.drawRect(rect)
        painter.setBrush(Qt.BrushStyle.NoBrush)
