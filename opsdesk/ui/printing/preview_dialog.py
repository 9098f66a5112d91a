"""The preview of a finished document: its pages, zoom, print and save as PDF.

    dialog = DocumentPreviewDialog(pdf_bytes, title=_("Record of hours"),
                                   file_name="ewidencja-2025-03.pdf", parent=window)
    dialog.open()

Pages are rendered by PDFium when they scroll into view, so long documents open at once.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut, QWheelEvent
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from opsdesk.i18n import _
from opsdesk.printing.output import write_atomically
from opsdesk.ui.file_dialog import ask_save_path
from opsdesk.ui.printing.pdf_pages import PdfPages
from opsdesk.ui.printing.printing_pages import PrintCancelled, match_printer_to_pages, print_pages

log = logging.getLogger("opsdesk.ui.printing")

SCREEN_DPI = 96.0  # 100 % shows the page at its real size on a standard screen
ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)
PAGE_GAP = 14
PAGE_MARGIN = 18
DESK_COLOUR = "#5f6670"
PAGE_STYLE = "background: white; border: 1px solid #3c4047;"


class _PageView(QLabel):
    """One page on the desk: white until its image is rendered."""

    def __init__(self, index: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.index = index
        self.rendered_zoom: float | None = None
        self.setObjectName(f"page_{index + 1}")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet(PAGE_STYLE)


class DocumentPreviewDialog(QDialog):
    """Shows a PDF's pages (scrollable, zoom in and out) with "Drukuj…" and
    "Zapisz jako PDF…". ``file_name`` is the name suggested when saving."""

    def __init__(
        self,
        pdf: bytes,
        *,
        title: str,
        file_name: str = "dokument.pdf",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._pages = PdfPages(pdf)
        self._title = title
        self._file_name = file_name
        self._zoom = 1.0
        self._shown_once = False
        self.setWindowTitle(_("Document preview — {title}").format(title=title))
        self.setObjectName("document_preview")
        self._views: list[_PageView] = []
        self._render_timer = QTimer(self, singleShot=True, interval=0)
        self._render_timer.timeout.connect(self._render_visible)
        self._build()
        self.set_zoom(1.0)
        self._size_to_screen()

    # ----------------------------------------------------------------- layout
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(self._build_toolbar())

        self._scroll = QScrollArea(self)
        self._scroll.setObjectName("pages")
        self._scroll.setWidgetResizable(True)
        self._scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self._scroll.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        desk = QWidget(self._scroll)
        desk.setObjectName("desk")
        desk.setStyleSheet(f"QWidget#desk {{ background: {DESK_COLOUR}; }}")
        pages_layout = QVBoxLayout(desk)
        pages_layout.setContentsMargins(PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN)
        pages_layout.setSpacing(PAGE_GAP)
        for index in range(len(self._pages)):
            view = _PageView(index, desk)
            self._views.append(view)
            pages_layout.addWidget(view, 0, Qt.AlignmentFlag.AlignHCenter)
        self._scroll.setWidget(desk)
        self._scroll.verticalScrollBar().valueChanged.connect(self._schedule_render)
        self._scroll.horizontalScrollBar().valueChanged.connect(self._schedule_render)
        self._scroll.viewport().installEventFilter(self)
        layout.addWidget(self._scroll, 1)

        self.status_label = QLabel(self)
        self.status_label.setObjectName("status")
        self.status_label.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.print_button = QPushButton(_("&Print…"), self)
        self.print_button.setObjectName("print")
        self.save_button = QPushButton(_("&Save as PDF…"), self)
        self.save_button.setObjectName("save_pdf")
        close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close_button.setText(_("Close"))
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_as)
        self.print_button.setDefault(True)
        footer = QHBoxLayout()
        footer.addWidget(self.status_label, 1)
        footer.addWidget(buttons)
        layout.addLayout(footer)

        QShortcut(QKeySequence.StandardKey.Print, self).activated.connect(self.print_document)
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self.save_as)
        QShortcut(QKeySequence.StandardKey.ZoomIn, self).activated.connect(self.zoom_in)
        QShortcut(QKeySequence("Ctrl+="), self).activated.connect(self.zoom_in)
        QShortcut(QKeySequence.StandardKey.ZoomOut, self).activated.connect(self.zoom_out)

    def _build_toolbar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self._zoom_out = self._tool_button("zoom_out", "−", _("Zoom out"), self.zoom_out)
        self._zoom_in = self._tool_button("zoom_in", "+", _("Zoom in"), self.zoom_in)
        self.zoom_label = QLabel(self)
        self.zoom_label.setObjectName("zoom")
        self.zoom_label.setMinimumWidth(self.zoom_label.fontMetrics().horizontalAdvance("400 %"))
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        fit = QPushButton(_("Fit to width"), self)
        fit.setObjectName("fit_width")
        fit.setAutoDefault(False)
        fit.clicked.connect(self.fit_width)
        self.page_label = QLabel(self)
        self.page_label.setObjectName("current_page")
        for widget in (self._zoom_out, self.zoom_label, self._zoom_in, fit):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.page_label)
        return bar

    def _tool_button(self, name: str, text: str, tip: str, slot) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setMinimumWidth(32)
        button.clicked.connect(slot)
        return button

    def _size_to_screen(self) -> None:
        page_width = self._page_pixels(0).width() if len(self._pages) else 600
        width = page_width + 2 * PAGE_MARGIN + 60
        screen = self.screen().availableGeometry() if self.screen() else None
        height = 900
        if screen is not None:
            width = min(width, int(screen.width() * 0.9))
            height = min(height, int(screen.height() * 0.9))
        self.resize(max(width, 560), height)

    # ------------------------------------------------------------------ pages
    def page_count(self) -> int:
        return len(self._pages)

    def pdf_bytes(self) -> bytes:
        return self._pages.data

    def zoom(self) -> float:
        return self._zoom

    def zoom_in(self) -> None:
        larger = [step for step in ZOOM_STEPS if step > self._zoom + 1e-6]
        self.set_zoom(larger[0] if larger else ZOOM_STEPS[-1])

    def zoom_out(self) -> None:
        smaller = [step for step in ZOOM_STEPS if step < self._zoom - 1e-6]
        self.set_zoom(smaller[-1] if smaller else ZOOM_STEPS[0])

    def fit_width(self) -> None:
        if not len(self._pages):
            return
        available = self._scroll.viewport().width() - 2 * PAGE_MARGIN - 4
        widest = max(self._pages.page_size(i).width() for i in range(len(self._pages)))
        self.set_zoom(available / (widest / 72 * SCREEN_DPI))

    def set_zoom(self, zoom: float) -> None:
        self._zoom = min(max(zoom, ZOOM_STEPS[0]), ZOOM_STEPS[-1])
        self.zoom_label.setText(_("{percent} %").format(percent=round(self._zoom * 100)))
        self._zoom_out.setEnabled(self._zoom > ZOOM_STEPS[0] + 1e-6)
        self._zoom_in.setEnabled(self._zoom < ZOOM_STEPS[-1] - 1e-6)
        for view in self._views:
            size = self._page_pixels(view.index)
            view.setFixedSize(size.width() + 2, size.height() + 2)  # + the 1 px border
            view.rendered_zoom = None
        self._schedule_render()

    def _page_pixels(self, index: int):
        points = self._pages.page_size(index)
        factor = SCREEN_DPI / 72 * self._zoom
        return (points * factor).toSize()

    def _schedule_render(self, *_args) -> None:
        self._render_timer.start()

    def _visible_views(self) -> list[_PageView]:
        viewport = self._scroll.viewport()
        top = self._scroll.verticalScrollBar().value()
        bottom = top + viewport.height()
        margin = viewport.height() // 2  # render a little ahead of scrolling
        return [
            view
            for view in self._views
            if view.geometry().bottom() >= top - margin and view.geometry().top() <= bottom + margin
        ]

    def _render_visible(self) -> None:
        ratio = self.devicePixelRatioF()
        for view in self._visible_views():
            if view.rendered_zoom == self._zoom:
                continue
            image = self._pages.render(view.index, SCREEN_DPI * self._zoom * ratio)
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(ratio)
            view.setPixmap(pixmap)
            view.rendered_zoom = self._zoom
        self._update_page_label()

    def _update_page_label(self) -> None:
        count = len(self._pages)
        current = 1
        middle = self._scroll.verticalScrollBar().value() + self._scroll.viewport().height() // 2
        for view in self._views:
            if view.geometry().top() <= middle:
                current = view.index + 1
        self.page_label.setText(_("Page {page} of {pages}").format(page=current, pages=count))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._scroll.viewport():
            if event.type() == QEvent.Type.Resize:
                self._schedule_render()
            elif (
                event.type() == QEvent.Type.Wheel
                and isinstance(event, QWheelEvent)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier
            ):
                self.zoom_in() if event.angleDelta().y() > 0 else self.zoom_out()
                return True
        return super().eventFilter(watched, event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._shown_once:  # a small screen: start with the whole width in view
            self._shown_once = True
            if self._views and self._views[0].width() > self._scroll.viewport().width():
                self.fit_width()
        self._schedule_render()

    def done(self, result: int) -> None:
        self._render_timer.stop()
        super().done(result)

    # --------------------------------------------------------- print and save
    def print_document(self) -> bool:
        """Ask for a printer (QPrintDialog) and print; True when the pages were sent."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self._title)
        match_printer_to_pages(printer, self._pages)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Print"))
        dialog.setMinMax(1, max(len(self._pages), 1))
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self.print_to(printer)

    def print_to(self, printer: QPrinter) -> bool:
        """Print on an already configured ``printer``, showing progress; True when done."""
        progress = QProgressDialog(_("Printing…"), _("Cancel"), 0, 100, self)
        progress.setWindowTitle(_("Print"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)

        def report(done: int, total: int) -> bool:
            progress.setMaximum(total)
            progress.setValue(done)
            progress.setLabelText(
                _("Printing page {page} of {pages}…").format(page=done + 1, pages=total)
            )
            return not progress.wasCanceled()

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            print_pages(self._pages, printer, report)
        except PrintCancelled:
            self.status_label.setText(_("Printing was cancelled."))
            return False
        except OSError as error:
            log.warning("printing failed: %s", error)
            QMessageBox.critical(
                self,
                _("Print"),
                _("The document could not be printed:\n{error}").format(error=error),
            )
            return False
        finally:
            QApplication.restoreOverrideCursor()
            progress.close()
        return True

    def save_as(self) -> Path | None:
        """Ask where to save and write the PDF atomically; the path, or None."""
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        ) or str(Path.home())
        chosen, _filter = ask_save_path(
            self,
            _("Save as PDF"),
            str(Path(folder) / self._file_name),
            _("PDF documents (*.pdf)"),
        )
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            write_atomically(path, self._pages.data)
        except OSError as error:
            log.warning("saving %s failed: %s", path, error)
            QMessageBox.critical(
                self,
                _("Save as PDF"),
                _("The document could not be saved:\n{error}").format(
                    error=error.strerror or error
                ),
            )
            return None
        self.status_label.setText(_("Saved to {path}").format(path=path))
        return path
