"""Build a document off the GUI thread, then show it in the preview.

    preview_document(window, lambda progress: build_hour_sheet(data, progress=progress),
                     title=_("Record of hours"), file_name="ewidencja-2025-03.pdf")

``build`` runs on the thread pool (it must not touch widgets) and receives a
``progress(fraction)`` callable; a progress dialog with "Anuluj" shows after a moment,
and the preview opens when the PDF is ready. Errors are shown as a Polish message.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from opsdesk.errors import ServiceError
from opsdesk.i18n import _
from opsdesk.ui.background import run_in_background
from opsdesk.ui.printing.preview_dialog import DocumentPreviewDialog
from opsdesk.ui.printing.printing_pages import match_printer_to_pages

log = logging.getLogger("opsdesk.ui.printing")

Build = Callable[[Callable[[float], None]], bytes]
PROGRESS_STEPS = 100
SHOWN_ERRORS = (ServiceError, ValueError, OSError)  # their text is meant for the person


class BuildCancelled(Exception):
    """Raised inside the build when the person pressed "Anuluj"."""


def failure_message(error: BaseException) -> str:
    """What the person reads when building a document failed."""
    if isinstance(error, SHOWN_ERRORS):
        return _("The document could not be prepared:\n{error}").format(error=error)
    return _(
        "The document could not be prepared because of an unexpected error. "
        "The details are in the log file."
    )


class DocumentJob(QObject):
    """One document being built; its signals arrive on the GUI thread.

    ``progress(int)`` percent done, ``finished(bytes)`` the PDF, ``failed(str)`` the
    message to show, ``cancelled()`` after :meth:`cancel`. A started job keeps itself
    alive until one of the last three has been emitted. (It has no Qt parent: deleting a
    Python QObject subclass with ``deleteLater`` right after its signal crashed PySide6
    6.11 in ``~QObject``.)
    """

    progress = Signal(int)
    printed = Signal(int)  # sheets sent to the printer (print_document_at_once)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, build: Build) -> None:
        super().__init__()
        self._build = build
        self._stop = threading.Event()
        self.running = False

    def start(self) -> None:
        self.running = True
        _running_jobs.add(self)
        run_in_background(self._run, self._succeeded, self._failed, self._progressed)

    def cancel(self) -> None:
        """Stop at the next progress report of the build."""
        self._stop.set()

    def _run(self, report: Callable[[int, int], None]) -> bytes:  # on the thread pool
        def progress(fraction: float) -> None:
            if self._stop.is_set():
                raise BuildCancelled
            report(round(fraction * PROGRESS_STEPS), PROGRESS_STEPS)

        data = self._build(progress)
        if self._stop.is_set():
            raise BuildCancelled
        return data

    def _progressed(self, done: int, total: int) -> None:
        self.progress.emit(round(done * 100 / max(total, 1)))

    def _succeeded(self, data: bytes) -> None:
        self.running = False
        self.finished.emit(data)
        _running_jobs.discard(self)

    def _failed(self, error: Exception) -> None:
        self.running = False
        if isinstance(error, BuildCancelled):
            self.cancelled.emit()
        else:
            log.error("building a document failed: %r", error)
            self.failed.emit(failure_message(error))
        _running_jobs.discard(self)


_running_jobs: set[DocumentJob] = set()


def default_printer() -> QPrinter:
    """The system's default printer (what "print at once" uses)."""
    return QPrinter(QPrinter.PrinterMode.HighResolution)


def print_document_at_once(
    parent: QWidget,
    build: Build,
    *,
    title: str,
    printer: Callable[[], QPrinter] | None = None,
) -> DocumentJob:
    """Build the document in the background and print it on the default printer with no
    preview and no print dialog (the desk's tickets, when the workstation is set so).
    A failure is shown as a message; ``job.printed`` is emitted with the sheet count."""
    job = DocumentJob(build)

    def finished(data: bytes) -> None:
        from opsdesk.ui.printing.pdf_pages import PdfPages
        from opsdesk.ui.printing.printing_pages import print_pages

        target = (printer or default_printer)()
        target.setDocName(title)
        try:
            pages = PdfPages(data)
            match_printer_to_pages(target, pages)
            sheets = print_pages(pages, target)
        except (OSError, ValueError) as error:
            log.warning("printing %s failed: %s", title, error)
            QMessageBox.critical(
                parent, title, _("The document could not be printed:\n{error}").format(error=error)
            )
            return
        job.printed.emit(sheets)

    job.finished.connect(finished)
    job.failed.connect(lambda message: QMessageBox.critical(parent, title, message))
    job.start()
    return job


def preview_document(
    parent: QWidget,
    build: Build,
    *,
    title: str,
    file_name: str = "dokument.pdf",
) -> DocumentJob:
    """Build the document in the background, then open :class:`DocumentPreviewDialog`.

    Returns the job (its ``finished``/``failed`` signals tell tests and callers the end);
    the dialog is a child of ``parent`` and deletes itself when closed.
    """
    job = DocumentJob(build)
    waiting = QProgressDialog(_("Preparing the document…"), _("Cancel"), 0, 100, parent)
    waiting.setWindowTitle(title)
    waiting.setWindowModality(Qt.WindowModality.WindowModal)
    waiting.setMinimumDuration(500)
    waiting.setAutoReset(False)
    waiting.canceled.connect(job.cancel)
    job.progress.connect(waiting.setValue)

    def finished(data: bytes) -> None:
        waiting.close()
        waiting.deleteLater()
        try:
            dialog = DocumentPreviewDialog(data, title=title, file_name=file_name, parent=parent)
        except ValueError as error:
            QMessageBox.critical(parent, title, str(error))
            return
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def failed(message: str) -> None:
        waiting.close()
        waiting.deleteLater()
        QMessageBox.critical(parent, title, message)

    def cancelled() -> None:
        waiting.close()
        waiting.deleteLater()

    job.finished.connect(finished)
    job.failed.connect(failed)
    job.cancelled.connect(cancelled)
    job.start()
    return job
