"""Painting a board card: client, urgency mark, kind, worker and file number, and the next
deadline on a coloured strip (overdue / within 3 working days / fine / clock stopped).

Colour is never the only sign: the deadline line says "po terminie", "zostały 2 dni robocze"
and so on, and every colour pair has a contrast of at least 4.5:1 (WCAG 2.1 AA).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate

from opsdesk.domain.formatting import format_date
from opsdesk.i18n import _
from opsdesk.ui.boards.column_model import CardRole, UrgencyRole, due_lines, time_left

# urgency -> (stripe, chip background, chip text)
URGENCY_COLOURS = {
    "overdue": ("#c62828", "#fbe0e0", "#8a1414"),
    "soon": ("#e0a800", "#fff1c2", "#5c4000"),
    "ok": ("#2e7d32", "#e2f2e3", "#1d5e20"),
    "stopped": ("#6b7894", "#e6e9f0", "#37415a"),
    "none": ("#b0b0b0", "#f0f0f0", "#404040"),
}
PAD = 8
STRIPE = 5
LINES = 5


class CardDelegate(QStyledItemDelegate):
    def sizeHint(self, option, index) -> QSize:
        height = QFontMetrics(option.font).height()
        return QSize(220, LINES * (height + 3) + 2 * PAD + 4)

    def paint(self, painter: QPainter, option, index) -> None:
        card = index.data(CardRole)
        if card is None:
            return
        model = index.model()
        urgency = index.data(UrgencyRole)
        stripe, chip_bg, chip_fg = URGENCY_COLOURS[urgency]
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = option.rect.adjusted(2, 3, -2, -3)
        painter.setPen(
            QPen(QColor("#1a5fb4" if selected else "#c4c7cc"), 2 if selected or focused else 1)
        )
        painter.setBrush(QColor("#eef4fc" if selected else "#ffffff"))
        painter.drawRoundedRect(box, 6, 6)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(stripe))
        painter.drawRoundedRect(QRect(box.left(), box.top(), STRIPE + 3, box.height()), 4, 4)

        metrics = QFontMetrics(option.font)
        line = metrics.height() + 3
        left = box.left() + STRIPE + PAD
        width = box.right() - left - PAD
        y = box.top() + PAD

        bold = QFont(option.font)
        bold.setBold(True)
        marks = []
        if card.urgent:
            marks.append(_("URGENT"))
        if card.linked:
            marks.append("\u21c4")
        mark_text = "  ".join(marks)
        mark_width = QFontMetrics(bold).horizontalAdvance(mark_text) + (PAD if marks else 0)
        painter.setFont(bold)
        painter.setPen(QColor("#1b1b1b"))
        name = QFontMetrics(bold).elidedText(
            card.client_name, Qt.TextElideMode.ElideRight, width - mark_width
        )
        painter.drawText(QRect(left, y, width - mark_width, line), Qt.AlignmentFlag.AlignLeft, name)
        if marks:
            painter.setPen(QColor("#b00020"))
            painter.drawText(QRect(left, y, width, line), Qt.AlignmentFlag.AlignRight, mark_text)
        painter.setFont(option.font)
        y += line
        painter.setPen(QColor("#1b1b1b"))
        self._text(painter, metrics, QRect(left, y, width, line), model.kinds.get(card.kind_id, ""))
        y += line
        painter.setPen(QColor("#4a4a4a"))
        worker = model.workers.get(card.worker_id, _("nobody assigned"))
        for rect, text, align in split_line(
            metrics, QRect(left, y, width, line), worker, card.file_number
        ):
            painter.drawText(rect, align, text)
        y += line
        chip = QRect(left - 3, y, width + 6, 2 * line)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(chip_bg))
        painter.drawRoundedRect(chip, 3, 3)
        painter.setPen(QColor(chip_fg))
        for rect, text, align in due_texts(metrics, QRect(left, y, width, line), card, model.today):
            painter.drawText(rect, align, text)
        if focused:  # the keyboard's place, visible whatever the style draws
            painter.setPen(QPen(QColor("#1a5fb4"), 1, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(box.adjusted(3, 3, -3, -3), 4, 4)
        painter.restore()

    @staticmethod
    def _text(painter: QPainter, metrics: QFontMetrics, rect: QRect, text: str) -> None:
        painter.drawText(
            rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width()),
        )


LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def split_line(
    metrics: QFontMetrics, rect: QRect, elidable: str, whole: str
) -> list[tuple[QRect, str, Qt.AlignmentFlag]]:
    """``elidable`` on the left, shortened if need be, and ``whole`` on the right in full (a
    file number's year or the days overdue are never cut)."""
    whole_width = metrics.horizontalAdvance(whole)
    gap = metrics.horizontalAdvance("  ")
    room = max(rect.width() - whole_width - gap, 0)
    parts = [
        (
            QRect(rect.right() - whole_width + 1, rect.top(), whole_width, rect.height()),
            whole,
            RIGHT,
        )
    ]
    if room and elidable:
        parts.insert(
            0,
            (
                QRect(rect.left(), rect.top(), room, rect.height()),
                metrics.elidedText(elidable, Qt.TextElideMode.ElideRight, room),
                LEFT,
            ),
        )
    return parts


def due_texts(
    metrics: QFontMetrics, rect: QRect, card, today
) -> list[tuple[QRect, str, Qt.AlignmentFlag]]:
    """The deadline chip: what is due and its date on the first line, the time left (or
    overdue) on the second, both date and time left always in full."""
    first, second = due_lines(card, today)
    below = rect.translated(0, rect.height())
    if card.next_due is None:
        return [
            (rect, metrics.elidedText(first, Qt.TextElideMode.ElideRight, rect.width()), LEFT),
            (below, metrics.elidedText(second, Qt.TextElideMode.ElideRight, rect.width()), LEFT),
        ]
    day = format_date(card.next_due)
    return [
        *split_line(metrics, rect, first, day),
        (below, time_left(card.next_due, today, short=True), LEFT),
    ]
