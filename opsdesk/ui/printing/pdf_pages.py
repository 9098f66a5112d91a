"""The pages of a PDF as images, rendered by PDFium (pypdfium2).

PDFium is not thread-safe: use one :class:`PdfPages` from the GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QSizeF
from PySide6.QtGui import QImage

from opsdesk.i18n import _

POINTS_PER_INCH = 72.0


class PdfPages:
    """A PDF document opened from bytes; renders page ``index`` at any resolution."""

    def __init__(self, pdf: bytes) -> None:
        import pypdfium2 as pdfium  # loaded when the first document is shown

        self._pdf = bytes(pdf)  # PDFium reads from this buffer for as long as it is open
        try:
            self._document = pdfium.PdfDocument(self._pdf)
        except pdfium.PdfiumError as error:
            message = _("The document cannot be shown: {error}").format(error=error)
            raise ValueError(message) from error
        self._sizes = [
            QSizeF(*self._document.get_page_size(index)) for index in range(len(self._document))
        ]

    def __len__(self) -> int:
        return len(self._sizes)

    @property
    def data(self) -> bytes:
        return self._pdf

    def page_size(self, index: int) -> QSizeF:
        """The page's size in points (1/72 inch)."""
        return QSizeF(self._sizes[index])

    def render(self, index: int, dpi: float) -> QImage:
        """Page ``index`` as an opaque RGB image at ``dpi`` dots per inch."""
        page = self._document[index]
        try:
            bitmap = page.render(scale=dpi / POINTS_PER_INCH, prefer_bgrx=True)
            # BGRx bytes are Format_RGB32 on little-endian machines (Windows, Linux x86/ARM)
            image = QImage(
                bytes(bitmap.buffer),
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_RGB32,
            )
            return image.copy()  # own the pixels before the buffer goes away
        finally:
            page.close()

    def close(self) -> None:
        self._document.close()
