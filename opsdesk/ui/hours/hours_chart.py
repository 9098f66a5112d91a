"""Hours used per month against the monthly budget, painted with QPainter (PySide6-Essentials
has no QtCharts). Bars over what the month had available are drawn in a warning colour: its
budget, plus the hours carried in from the month before on a contract with carry-over."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from opsdesk.i18n import _
from opsdesk.services.hours.records import PeriodRow
from opsdesk.ui.hours.controls import hours_text

BAR = QColor("#1f5fa8")
OVER = QColor("#b03a2e")
BUDGET = QColor("#333333")
GRID = QColor("#d0d0d0")
TEXT = QColor("#222222")
MARGIN_LEFT = 44
MARGIN_BOTTOM = 34
MARGIN_TOP = 28


def nice_step(maximum_hours: float) -> int:
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500):
        if maximum_hours / step <= 6:
            return step
    return 1000


class HoursChart(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("hoursChart")
        self._rows: list[PeriodRow] = []
        self._title = ""
        self._empty = ""
        self.setMinimumSize(QSize(420, 220))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_months(self, title: str, rows: list[PeriodRow], empty: str = "") -> None:
        """The months to draw under ``title``; with none, ``empty`` is said (else "No
        data.")."""
        self._title = title
        self._rows = list(rows)
        self._empty = empty
        self.setAccessibleName(title)
        self.setAccessibleDescription(
            "; ".join(
                f"{row.key[1]:02d}.{row.key[0]}: {hours_text(row.budget.used)} / "
                f"{hours_text(row.budget.budget)}"
                for row in rows
            )
        )
        self.update()

    def months(self) -> list[PeriodRow]:
        return list(self._rows)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        metrics = painter.fontMetrics()
        painter.setPen(TEXT)
        painter.drawText(
            QRectF(0, 4, self.width(), metrics.height()), Qt.AlignmentFlag.AlignHCenter, self._title
        )
        if not self._rows:
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter, self._empty or _("No data.")
            )
            return
        legend = _(
            "bars: hours used; dashed line: monthly budget; red: over the budget and the hours "
            "carried in"
        )
        wrap = Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap
        legend_height = metrics.boundingRect(QRect(0, 0, self.width(), 1000), wrap, legend).height()
        margin_bottom = MARGIN_BOTTOM - metrics.height() + legend_height  # wrapped when narrow
        plot = QRectF(
            MARGIN_LEFT,
            MARGIN_TOP,
            self.width() - MARGIN_LEFT - 10,
            self.height() - MARGIN_TOP - margin_bottom,
        )
        top_hours = max(max(max(r.budget.used, r.budget.budget) for r in self._rows) / 60, 1)
        step = nice_step(top_hours)
        ceiling = step * (int(top_hours * 1.1 / step) + 1)

        def y_of(minutes: float) -> float:
            return plot.bottom() - plot.height() * (minutes / 60) / ceiling

        for value in range(0, ceiling + 1, step):
            y = y_of(value * 60)
            painter.setPen(QPen(GRID, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(TEXT)
            painter.drawText(
                QRectF(0, y - metrics.height() / 2, MARGIN_LEFT - 6, metrics.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                f"{value} h",
            )
        slot = plot.width() / len(self._rows)
        bar_width = max(slot * 0.6, 2)
        label_every = max(1, int(metrics.horizontalAdvance("00.0000 ") / slot) + 1)
        for i, row in enumerate(self._rows):
            x = plot.left() + i * slot + (slot - bar_width) / 2
            used = row.budget.used
            colour = OVER if row.left < 0 else BAR  # the budget and the hours carried in
            painter.fillRect(QRectF(x, y_of(used), bar_width, plot.bottom() - y_of(used)), colour)
            if row.budget.budget:
                painter.setPen(QPen(BUDGET, 2, Qt.PenStyle.DashLine))
                y = y_of(row.budget.budget)
                painter.drawLine(
                    QPointF(plot.left() + i * slot + 1, y),
                    QPointF(plot.left() + (i + 1) * slot - 1, y),
                )
            if i % label_every == 0:
                painter.setPen(TEXT)
                painter.drawText(
                    QRectF(
                        plot.left() + i * slot - slot, plot.bottom() + 4, slot * 3, metrics.height()
                    ),
                    Qt.AlignmentFlag.AlignHCenter,
                    f"{row.key[1]:02d}.{row.key[0]}",
                )
        painter.setPen(TEXT)
        painter.drawText(
            QRectF(0, self.height() - legend_height - 2, self.width(), legend_height), wrap, legend
        )
