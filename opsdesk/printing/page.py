"""What is drawn on every A4 page outside the flow: running header and footer.

The footer's "page N of M" needs the page count before any page is written, so the
canvas keeps each finished page's state and draws the footers when the document is saved
(the two-pass "NumberedCanvas" recipe).
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from opsdesk.i18n import _
from opsdesk.printing.fonts import FONT, register_fonts
from opsdesk.printing.styles import (
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MUTED,
    RULE,
)

FOOTER_FONT_SIZE = 7.5
RUNNING_HEADER_FONT_SIZE = 7.5


class NumberedCanvas(Canvas):
    """A canvas in DejaVu Sans that ends every page with the footer line.

    Left: ``footer_text`` (set on a subclass by :func:`numbered_canvas`); right:
    "Strona N z M".
    """

    footer_text = ""

    def __init__(self, *args, **kwargs) -> None:
        register_fonts()
        if kwargs.get("initialFontName") is None:
            kwargs["initialFontName"] = FONT
        super().__init__(*args, **kwargs)
        self._page_states: list[dict] = []

    def showPage(self) -> None:
        self._page_states.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._page_states)
        for state in self._page_states:
            self.__dict__.update(state)
            self._draw_footer(total)
            super().showPage()
        super().save()

    def _draw_footer(self, total: int) -> None:
        width = self._pagesize[0]
        rule_y = MARGIN_BOTTOM - 7 * mm
        text_y = rule_y - 4 * mm
        self.saveState()
        self.setStrokeColor(RULE)
        self.setLineWidth(0.4)
        self.line(MARGIN_LEFT, rule_y, width - MARGIN_RIGHT, rule_y)
        self.setFont(FONT, FOOTER_FONT_SIZE)
        self.setFillColor(MUTED)
        if self.footer_text:
            self.drawString(MARGIN_LEFT, text_y, self.footer_text)
        page_text = _("Page {page} of {pages}").format(page=self._pageNumber, pages=total)
        self.drawRightString(width - MARGIN_RIGHT, text_y, page_text)
        self.restoreState()


def numbered_canvas(footer_text: str) -> type[NumberedCanvas]:
    """A :class:`NumberedCanvas` class whose footer starts with ``footer_text``."""
    return type("FooterCanvas", (NumberedCanvas,), {"footer_text": footer_text})


def running_header(text: str):
    """An ``onPage`` callback drawing ``text`` and a thin rule at the top of later pages."""

    def draw(canvas: Canvas, doc) -> None:
        width = canvas._pagesize[0]
        text_y = canvas._pagesize[1] - 10 * mm
        canvas.saveState()
        canvas.setFont(FONT, RUNNING_HEADER_FONT_SIZE)
        canvas.setFillColor(MUTED)
        available = width - MARGIN_LEFT - MARGIN_RIGHT
        canvas.drawString(MARGIN_LEFT, text_y, fit_text(text, RUNNING_HEADER_FONT_SIZE, available))
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN_LEFT, text_y - 2 * mm, width - MARGIN_RIGHT, text_y - 2 * mm)
        canvas.restoreState()

    return draw


def fit_text(text: str, size: float, width: float, font: str = FONT) -> str:
    """``text`` shortened with an ellipsis so that it is at most ``width`` points wide."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"
