"""Page geometry, colours and paragraph styles shared by every document."""

from __future__ import annotations

import logging
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from opsdesk.printing.fonts import FONT, FONT_BOLD, missing_glyphs, register_fonts
from opsdesk.printing.plain_text import PlainText

log = logging.getLogger("opsdesk.printing")

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = MARGIN_RIGHT = 18 * mm
MARGIN_TOP = 16 * mm
MARGIN_BOTTOM = 20 * mm
CONTENT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#8c8c8c")
GRID = colors.HexColor("#b4b4b4")
HEADER_FILL = colors.HexColor("#e6e9ee")
ZEBRA_FILL = colors.HexColor("#f6f7f9")
TOTAL_FILL = colors.HexColor("#dde2ea")
ACCENT = colors.HexColor("#2b4c7e")

TABLE_FONT = ("FONTNAME", (0, 0), (-1, -1), FONT)  # ReportLab's default is Helvetica

ALIGNMENTS = {"LEFT": TA_LEFT, "RIGHT": TA_RIGHT, "CENTER": TA_CENTER}


@cache
def styles() -> dict[str, ParagraphStyle]:
    """Named paragraph styles, all in DejaVu Sans."""
    register_fonts()
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5, textColor=INK)

    def derive(name: str, **changes) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **changes)

    return {
        "body": base,
        "small": derive("small", fontSize=8, leading=10),
        "muted": derive("muted", fontSize=8, leading=10, textColor=MUTED),
        "office": derive("office", fontName=FONT_BOLD, fontSize=11.5, leading=14),
        "address": derive("address", fontSize=8.5, leading=11, textColor=MUTED),
        "project": derive("project", fontSize=8, leading=10, textColor=MUTED, alignment=TA_RIGHT),
        "title": derive(
            "title",
            fontName=FONT_BOLD,
            fontSize=15,
            leading=19,
            alignment=TA_CENTER,
            spaceBefore=4 * mm,
            spaceAfter=1 * mm,
            textColor=ACCENT,
        ),
        "subtitle": derive(
            "subtitle", fontSize=10.5, leading=14, alignment=TA_CENTER, spaceAfter=5 * mm
        ),
        "heading": derive(
            "heading",
            fontName=FONT_BOLD,
            fontSize=10.5,
            leading=14,
            spaceBefore=5 * mm,
            spaceAfter=2 * mm,
        ),
        "chart_title": derive("chart_title", fontName=FONT_BOLD, fontSize=8, leading=10),
        "label": derive("label", fontSize=8.5, leading=11, textColor=MUTED),
        "value": derive("value", fontName=FONT_BOLD, fontSize=9.5, leading=12.5),
        "cell": derive("cell", fontSize=8.5, leading=10.5),
        "cell_bold": derive("cell_bold", fontName=FONT_BOLD, fontSize=8.5, leading=10.5),
        "caption": derive("caption", fontSize=7.5, leading=9, textColor=MUTED, alignment=TA_CENTER),
        "signature_name": derive("signature_name", fontSize=9, leading=11, alignment=TA_CENTER),
        "footer": derive("footer", fontSize=7.5, leading=9, textColor=MUTED),
    }


def cell_style(alignment: str = "LEFT", bold: bool = False) -> ParagraphStyle:
    """The table cell style for ``alignment`` ("LEFT", "RIGHT" or "CENTER")."""
    return _cell_style(alignment.upper(), bold)


@cache
def _cell_style(alignment: str, bold: bool) -> ParagraphStyle:
    parent = styles()["cell_bold" if bold else "cell"]
    return ParagraphStyle(
        f"{parent.name}_{alignment.lower()}", parent=parent, alignment=ALIGNMENTS[alignment]
    )


def para(text: str, style: str | ParagraphStyle = "body") -> PlainText:
    """A block of plain text in ``style`` that wraps within its width; line breaks in
    ``text`` are kept and nothing in it is read as markup. Characters the fonts cannot draw
    are logged: they would print as empty boxes.
    """
    missing = missing_glyphs(text)
    if missing:
        log.warning("no glyph in the document font for %s", "".join(sorted(missing)))
    return PlainText(text, style if isinstance(style, ParagraphStyle) else styles()[style])
