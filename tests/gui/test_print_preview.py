"""The document preview: pages shown, zoom, save as PDF, print, building off the GUI thread."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import threading

import pypdf
import pytest
from PySide6.QtCore import QThread
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMessageBox,
    QScrollArea,
)

from opsdesk.printing.header import DocumentInfo, OfficeHeader
from opsdesk.ui.printing import document_flow, preview_dialog
from opsdesk.ui.printing.document_flow import preview_document
from opsdesk.ui.printing.preview_dialog import DocumentPreviewDialog

OFFICE = OfficeHeader("Gminny Ośrodek Pomocy Społecznej w Paczkowie", ("ul. Wojska Polskiego 8",))


def build_pdf(rows: int = 150, progress=None) -> bytes:
    from opsdesk.printing.layout import build_a4_pdf
    from opsdesk.printing.tables import data_table

    table = data_table(
        ["Lp.", "Sprawa", "Termin"],
        [[f"{n}.", f"Zasiłek okresowy — sprawa {n}", "14.03.2025"] for n in range(1, rows + 1)],
        weights=[1, 6, 2],
    )
    info = DocumentInfo("Wykaz terminów", "Zespół ds. świadczeń", "Łucja Źrebiec")
    return build_a4_pdf(OFFICE, info, [table], progress=progress)


def page_count(pdf: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return build_pdf()


@pytest.fixture
def dialog(qtbot, pdf):
    dialog = DocumentPreviewDialog(pdf, title="Wykaz terminów", file_name="terminy.pdf")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.fixture
def errors(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda _parent, _title, text, *args: shown.append(text)
    )
    return shown


def test_preview_shows_every_page_and_the_page_count(qtbot, dialog, pdf):
    count = page_count(pdf)
    assert count >= 3
    assert dialog.page_count() == count
    pages = [
        label
        for label in dialog.findChildren(QLabel)
        if re.fullmatch(r"page_\d+", label.objectName())
    ]
    assert len(pages) == count
    assert dialog.page_label.text() == f"Strona 1 z {count}"
    assert "Wykaz terminów" in dialog.windowTitle()
    qtbot.waitUntil(lambda: not pages[0].pixmap().isNull())
    assert dialog.print_button.text() == "&Drukuj…"
    assert dialog.save_button.text() == "&Zapisz jako PDF…"


def test_first_page_is_rendered_not_blank(qtbot, dialog):
    first = dialog.findChild(QLabel, "page_1")
    qtbot.waitUntil(lambda: not first.pixmap().isNull())
    image = first.pixmap().toImage()
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
    }
    assert len(colours) > 2  # text and rules, not an empty sheet


def test_zoom_in_and_out_resizes_the_pages(qtbot, dialog):
    first = dialog.findChild(QLabel, "page_1")
    dialog.set_zoom(1.0)
    width = first.width()
    dialog.zoom_in()
    assert dialog.zoom_label.text() == "110 %"
    assert first.width() > width
    dialog.zoom_out()
    dialog.zoom_out()
    assert dialog.zoom_label.text() == "90 %"
    assert first.width() < width
    qtbot.waitUntil(
        lambda: (
            first.pixmap().width() / first.pixmap().devicePixelRatio()
            == pytest.approx(first.width() - 2, abs=2)
        )
    )


def test_scrolling_to_the_end_shows_the_last_page_number(qtbot, dialog):
    count = dialog.page_count()
    bar = dialog.findChild(QScrollArea, "pages").verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: dialog.page_label.text() == f"Strona {count} z {count}")
    last = dialog.findChild(QLabel, f"page_{count}")
    qtbot.waitUntil(lambda: not last.pixmap().isNull())


def test_save_as_pdf_writes_the_document(dialog, pdf, tmp_path, monkeypatch):
    asked = {}

    def choose(parent, caption, suggested, file_filter):
        asked.update(caption=caption, suggested=suggested, filter=file_filter)
        return str(tmp_path / "terminy-marzec"), file_filter

    monkeypatch.setattr(preview_dialog, "ask_save_path", choose)
    saved = dialog.save_as()
    assert saved == tmp_path / "terminy-marzec.pdf"
    assert saved.read_bytes() == pdf
    assert page_count(saved.read_bytes()) == dialog.page_count()
    assert asked["caption"] == "Zapisz jako PDF"
    assert asked["suggested"].endswith("terminy.pdf")
    assert asked["filter"] == "Dokumenty PDF (*.pdf)"
    assert dialog.status_label.text() == f"Zapisano w pliku {saved}"
    assert [p.name for p in tmp_path.iterdir()] == ["terminy-marzec.pdf"]


def test_cancelling_the_save_dialog_writes_nothing(dialog, tmp_path, monkeypatch):
    monkeypatch.setattr(preview_dialog, "ask_save_path", lambda *args: ("", ""))
    assert dialog.save_as() is None
    assert list(tmp_path.iterdir()) == []


def test_a_failed_save_is_explained_in_polish_and_leaves_nothing(
    dialog, tmp_path, monkeypatch, errors
):
    target = tmp_path / "nie-ma-takiego-folderu" / "terminy.pdf"
    monkeypatch.setattr(preview_dialog, "ask_save_path", lambda *args: (str(target), ""))
    assert dialog.save_as() is None
    assert len(errors) == 1 and errors[0].startswith("Nie udało się zapisać dokumentu:")
    assert list(tmp_path.iterdir()) == []


def test_print_paints_every_page_on_the_printer(dialog, tmp_path, monkeypatch):
    output = tmp_path / "wydruk.pdf"

    class AcceptingPrintDialog:
        def __init__(self, printer, _parent):
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(output))
            printer.setResolution(150)

        def exec(self):
            return QDialog.DialogCode.Accepted

        def __getattr__(self, _name):
            return lambda *args: None

    monkeypatch.setattr(preview_dialog, "QPrintDialog", AcceptingPrintDialog)
    assert dialog.print_document() is True
    printed = pypdf.PdfReader(str(output))
    assert len(printed.pages) == dialog.page_count()
    assert float(printed.pages[0].mediabox.width) == pytest.approx(595, abs=2)  # A4 kept


def test_print_a_page_range(dialog, tmp_path):
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "strona-2.pdf"))
    printer.setResolution(100)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 2)
    assert dialog.print_to(printer) is True
    assert len(pypdf.PdfReader(str(tmp_path / "strona-2.pdf")).pages) == 1


def test_closing_the_print_dialog_prints_nothing(dialog, monkeypatch):
    class RejectingPrintDialog:
        def __init__(self, *_args):
            pass

        def exec(self):
            return QDialog.DialogCode.Rejected

        def __getattr__(self, _name):
            return lambda *args: None

    monkeypatch.setattr(preview_dialog, "QPrintDialog", RejectingPrintDialog)
    assert dialog.print_document() is False


def test_document_is_built_off_the_gui_thread_then_previewed(qtbot):
    parent = QDialog()
    qtbot.addWidget(parent)
    threads = []

    def build(progress):
        threads.append(QThread.currentThread() == QApplication.instance().thread())
        return build_pdf(40, progress=progress)

    landed = []
    job = preview_document(parent, build, title="Wykaz terminów")
    job.finished.connect(
        lambda _data: landed.append(QThread.currentThread() == QApplication.instance().thread())
    )
    with qtbot.waitSignal(job.finished, timeout=20_000) as blocker:
        pass
    assert threads == [False]  # built on the thread pool
    assert landed == [True]  # delivered on the GUI thread
    qtbot.waitUntil(lambda: parent.findChild(DocumentPreviewDialog) is not None)
    shown = parent.findChild(DocumentPreviewDialog)
    assert shown.page_count() == page_count(blocker.args[0])
    shown.close()


def test_progress_is_reported_in_percent(qtbot):
    job = document_flow.DocumentJob(lambda progress: build_pdf(60, progress=progress))
    seen: list[int] = []
    job.progress.connect(seen.append)
    with qtbot.waitSignal(job.finished, timeout=20_000):
        job.start()
    qtbot.waitUntil(lambda: seen and seen[-1] == 100)
    assert seen == sorted(seen)


def test_a_failed_build_is_explained_in_polish(qtbot, errors):
    parent = QDialog()
    qtbot.addWidget(parent)

    def build(_progress):
        raise ValueError("Brak sesji do wydruku.")

    with qtbot.waitSignal(
        preview_document(parent, build, title="Ewidencja").failed, timeout=20_000
    ) as blocker:
        pass
    assert blocker.args == ["Nie udało się przygotować dokumentu:\nBrak sesji do wydruku."]
    assert errors == blocker.args
    assert parent.findChild(DocumentPreviewDialog) is None


def test_an_unexpected_error_gets_a_general_message(qtbot, errors):
    job = document_flow.DocumentJob(lambda _progress: 1 / 0)
    with qtbot.waitSignal(job.failed, timeout=20_000) as blocker:
        job.start()
    assert blocker.args[0].startswith("Nie udało się przygotować dokumentu z powodu")


def test_cancel_stops_the_build(qtbot):
    release = threading.Event()

    def build(progress):
        release.wait(10)
        progress(0.5)
        return b"never"

    job = document_flow.DocumentJob(build)
    with qtbot.waitSignal(job.cancelled, timeout=20_000):
        job.start()
        job.cancel()
        release.set()


def test_preview_modules_do_not_load_reportlab():
    code = (
        "import sys, opsdesk.ui.printing.document_flow, opsdesk.ui.printing.preview_dialog; "
        "print(sorted(m for m in sys.modules if m.startswith('reportlab')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_printing_can_be_cancelled_between_pages(qtbot, pdf, tmp_path):
    from opsdesk.ui.printing.pdf_pages import PdfPages
    from opsdesk.ui.printing.printing_pages import PrintCancelled, print_pages

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "przerwany.pdf"))
    printer.setResolution(100)
    with pytest.raises(PrintCancelled):
        print_pages(PdfPages(pdf), printer, lambda done, _total: done < 1)
