"""Printing PDF pages on a QPrinter: each page rendered by PDFium at the printer's
resolution and painted at its real size (scaled down only if the paper is smaller)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QRectF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

from opsdesk.i18n import _
from opsdesk.ui.printing.pdf_pages import POINTS_PER_INCH, PdfPages

log = logging.getLogger("opsdesk.ui.printing")

MAX_PRINT_DPI = 300  # 600 dpi A4 would be 140 MB a page; 300 dpi prints text sharply


class PrintCancelled(Exception):
    """The person stopped printing before the last page."""


def match_printer_to_pages(printer: QPrinter, pages: PdfPages) -> None:
    """Preselect the paper size and orientation of the document's first page."""
    if not len(pages):
        return
    size = pages.page_size(0)
    landscape = size.width() > size.height()
    portrait_size = QSizeF(min(size.width(), size.height()), max(size.width(), size.height()))
    page_size = QPageSize(
        portrait_size, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch
    )
    printer.setPageSize(page_size)
    printer.setPageOrientation(
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )


def selected_pages(printer: QPrinter, count: int) -> list[int]:
    """Page indexes to print: the range chosen in the print dialog, or all."""
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(printer.fromPage(), 1)
        last = min(printer.toPage() or count, count)
        return list(range(first - 1, last))
    return list(range(count))


def print_pages(
    pages: PdfPages,
    printer: QPrinter,
    progress: Callable[[int, int], bool] | None = None,
) -> int:
    """Paint the selected pages on ``printer``; returns how many sheets were painted.

    ``progress(done, total)`` is called before each page; returning ``False`` cancels
    the job (:class:`PrintCancelled`). Copies are printed here when the printer cannot
    make them itself. Raises ``OSError`` when the printer cannot be started.
    """
    printer.setFullPage(True)  # the PDF carries its own margins
    indexes = selected_pages(printer, len(pages))
    copies = 1
    if not printer.supportsMultipleCopies():
        copies = max(printer.copyCount(), 1)
    sequence = indexes * copies
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(_("The printer could not be started."))
    try:
        for done, index in enumerate(sequence):
            if progress is not None and progress(done, len(sequence)) is False:
                printer.abort()
                raise PrintCancelled
            if done:
                printer.newPage()
            _paint_page(painter, printer, pages, index)
    finally:
        if painter.isActive():
            painter.end()
    log.info("printed %d pages on %s", len(sequence), printer.printerName() or "file")
    return len(sequence)


def _paint_page(painter: QPainter, printer: QPrinter, pages: PdfPages, index: int) -> None:
    resolution = printer.resolution()
    image = pages.render(index, min(resolution, MAX_PRINT_DPI))
    size = pages.page_size(index)
    width = size.width() / POINTS_PER_INCH * resolution
    height = size.height() / POINTS_PER_INCH * resolution
    paper = printer.paperRect(QPrinter.Unit.DevicePixel)
    scale = min(1.0, paper.width() / width, paper.height() / height)
    width, height = width * scale, height * scale
    left = max((paper.width() - width) / 2, 0.0)  # centred across, from the top
    painter.drawImage(QRectF(left, 0.0, width, height), image)
