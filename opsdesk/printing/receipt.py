"""The 80 mm receipt-roll page for queue tickets: one page exactly as tall as its content."""

from __future__ import annotations

import io
from functools import cache

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate

from opsdesk.printing.fonts import FONT, FONT_BOLD, register_fonts
from opsdesk.printing.styles import INK, MUTED

RECEIPT_WIDTH = 80 * mm
RECEIPT_MARGIN = 4 * mm
MEASURING_HEIGHT = 10_000 * mm


@cache
def receipt_styles() -> dict[str, ParagraphStyle]:
    """Centred styles sized for a ticket: office line, the big number, details."""
    register_fonts()
    base = ParagraphStyle(
        "receipt", fontName=FONT, fontSize=9, leading=11.5, alignment=TA_CENTER, textColor=INK
    )
    return {
        "body": base,
        "office": ParagraphStyle("receipt_office", parent=base, fontName=FONT_BOLD),
        "number": ParagraphStyle(
            "receipt_number",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=40,
            leading=46,
            spaceBefore=6,
            spaceAfter=6,
        ),
        "small": ParagraphStyle(
            "receipt_small", parent=base, fontSize=7.5, leading=9.5, textColor=MUTED
        ),
    }


class _ReceiptCanvas(Canvas):
    def __init__(self, *args, **kwargs) -> None:
        if kwargs.get("initialFontName") is None:
            kwargs["initialFontName"] = FONT
        super().__init__(*args, **kwargs)


def content_height(content: list[Flowable], width: float) -> float:
    """How tall ``content`` is when laid out ``width`` wide (space around included)."""
    scratch = _ReceiptCanvas(io.BytesIO())
    height = 0.0
    for flowable in content:
        inner = getattr(flowable, "_content", None)  # KeepTogether asks to be split
        if isinstance(flowable, KeepTogether) and inner is not None:
            height += content_height(list(inner), width)
            continue
        _w, flowable_height = flowable.wrapOn(scratch, width, MEASURING_HEIGHT)
        height += flowable_height + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return height


def build_receipt_pdf(
    content: list[Flowable],
    *,
    title: str = "",
    width: float = RECEIPT_WIDTH,
    margin: float = RECEIPT_MARGIN,
) -> bytes:
    """A one-page PDF ``width`` wide (80 mm) and as tall as ``content`` needs."""
    register_fonts()
    frame_width = width - 2 * margin
    height = content_height(content, frame_width) + 2 * margin + 2 * mm
    buffer = io.BytesIO()
    frame = Frame(
        margin,
        margin,
        frame_width,
        height - 2 * margin,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="receipt",
    )
    document = BaseDocTemplate(
        buffer,
        pagesize=(width, height),
        pageTemplates=[PageTemplate("receipt", frames=[frame])],
        title=title,
        creator="opsdesk",
        initialFontName=FONT,
        lang="pl-PL",
    )
    document.build(list(content), canvasmaker=_ReceiptCanvas)
    return buffer.getvalue()
