"""The shared A4 and receipt building blocks, used by every document."""

from __future__ import annotations

import datetime as dt
import io

import pypdf
import pytest
from reportlab.lib.units import mm

from opsdesk.printing.charts import monthly_hours_chart
from opsdesk.printing.header import DocumentInfo, OfficeHeader
from opsdesk.printing.layout import build_a4_pdf
from opsdesk.printing.receipt import RECEIPT_WIDTH, build_receipt_pdf, receipt_styles
from opsdesk.printing.signatures import signature_block
from opsdesk.printing.styles import CONTENT_WIDTH, para
from opsdesk.printing.tables import column_widths, data_table, facts_table

OFFICE = OfficeHeader(
    "Miejski Ośrodek Pomocy Społecznej w Iłży", ("ul. Błazińska 1", "27-100 Iłża")
)
INFO = DocumentInfo(
    "Wykaz spraw", "Zespół ds. świadczeń", "Żaneta Kuś", dt.datetime(2025, 5, 6, 7, 5)
)


def test_column_widths_fill_the_a4_text_width():
    widths = column_widths([1, 2, 1])
    assert sum(widths) == pytest.approx(CONTENT_WIDTH)
    assert widths[1] == pytest.approx(2 * widths[0])
    with pytest.raises(ValueError):
        column_widths([0, 0])


def test_long_text_wraps_inside_its_cell():
    """Every character of a long description and of an overlong code stays in its column."""
    import pypdfium2 as pdfium

    description = "Zażółć gęślą jaźń — wywiad środowiskowy. " * 8
    code = "Q" * 90  # one word far longer than its column
    weights = [1, 6, 2]
    table = data_table(["Lp.", "Opis", "Kod"], [["1.", description, code]], weights=weights)
    pdf = pdfium.PdfDocument(build_a4_pdf(OFFICE, INFO, [table]))
    text_page = pdf[0].get_textpage()
    text = text_page.get_text_range()
    left = 18 * mm
    edges = [left]
    for width in column_widths(weights):
        edges.append(edges[-1] + width)
    boxes = {"ź": [], "Q": []}  # letters found nowhere else on the page
    for index, char in enumerate(text):
        if char in boxes:
            boxes[char].append(text_page.get_charbox(index))
    assert len(boxes["Q"]) == 90
    for char, (column_left, column_right) in (("ź", edges[1:3]), ("Q", edges[2:4])):
        lines = {round(top) for _l, _b, _r, top in boxes[char]}
        assert len(lines) > 1, f"{char!r} text did not wrap"
        for box_left, _bottom, box_right, _top in boxes[char]:
            assert column_left < box_left and box_right < column_right
    pdf.close()


def test_cell_text_is_printed_literally(pdf_pages):
    table = data_table(["Nazwa"], [["<b>Kowalski & syn</b>"]], weights=[1])
    text = pdf_pages(build_a4_pdf(OFFICE, INFO, [table]))[0]
    assert "<b>Kowalski & syn</b>" in text


def test_rows_must_match_the_header():
    with pytest.raises(ValueError):
        data_table(["A", "B"], [["only one"]], weights=[1, 1])


def test_totals_row_merges_cells_marked_none(pdf_pages):
    table = data_table(
        ["Lp.", "Data", "Godziny"],
        [["1.", "03.03.2025", "1,50"]],
        weights=[1, 2, 1],
        totals=[["Razem", None, "1,50"]],
    )
    assert ("SPAN", (0, 2), (1, 2)) in table._spanCmds
    assert "Razem 1,50" in pdf_pages(build_a4_pdf(OFFICE, INFO, [table]))[0]


def test_a4_page_has_letterhead_title_footer_and_page_count(pdf_pages):
    content = [facts_table([("Rejon", "Północ — Łęgowo"), ("Pracownik", "Ewa Ślęzak")])]
    pdf = build_a4_pdf(OFFICE, INFO, content)
    text = pdf_pages(pdf)[0]
    assert "Miejski Ośrodek Pomocy Społecznej w Iłży ul. Błazińska 1 27-100 Iłża" in text
    assert "Wykaz spraw Zespół ds. świadczeń" in text
    assert "Rejon Północ — Łęgowo" in text
    assert "Wygenerowano 06.05.2025 07:05 przez Żaneta Kuś" in text
    assert "Strona 1 z 1" in text
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert float(reader.pages[0].mediabox.width) == pytest.approx(595.28, abs=0.1)
    assert reader.metadata.title == "Wykaz spraw"


def test_footer_without_a_person(pdf_pages):
    info = DocumentInfo("Raport", generated_at=dt.datetime(2025, 1, 2, 3, 4))
    text = pdf_pages(build_a4_pdf(OFFICE, info, [para("Treść")]))[0]
    assert "Wygenerowano 02.01.2025 03:04 Strona 1 z 1" in text


def test_a_logo_strip_is_drawn_and_a_broken_one_is_refused(pdf_pages):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (900, 100), "#003399").save(buffer, format="JPEG")
    office = OfficeHeader("OPS", logo_strip=buffer.getvalue())
    pdf = build_a4_pdf(office, INFO, [para("Treść")])
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    assert len(page.images) == 1
    broken = OfficeHeader("OPS", logo_strip=b"not an image")
    with pytest.raises(ValueError, match="Pasek logotypów nie jest obrazem PNG ani JPEG"):
        build_a4_pdf(broken, INFO, [para("Treść")])


def test_signature_block_prints_captions_and_names(pdf_pages):
    block = signature_block(["podpis osoby prowadzącej", "podpis kierownika"], ["Łukasz Żak"])
    text = pdf_pages(build_a4_pdf(OFFICE, INFO, [block]))[0]
    assert "miejscowość, data" in text
    assert "Łukasz Żak podpis osoby prowadzącej" in text
    assert "podpis kierownika" in text


def test_monthly_chart_has_polish_labels(pdf_pages, pdf_fonts):
    chart = monthly_hours_chart([("01.2025", 750), ("02.2025", 900)], limit_minutes=900)
    pdf = build_a4_pdf(OFFICE, INFO, [chart])
    text = pdf_pages(pdf)[0]
    assert "12,50" in text and "15,00" in text and "02.2025" in text
    assert all("DejaVuSans" in font["/BaseFont"] for font in pdf_fonts(pdf))


def test_receipt_is_80_mm_wide_one_page_as_tall_as_needed(pdf_pages):
    style = receipt_styles()
    content = [
        para("Ośrodek Pomocy Społecznej w Świlczy", style["office"]),
        para("A017", style["number"]),
        para("Zespół ds. świadczeń — pokój 12", style["body"]),
        para("06.05.2025 07:05 · proszę czekać na wywołanie", style["small"]),
    ]
    pdf = build_receipt_pdf(content, title="Numerek A017")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) == pytest.approx(RECEIPT_WIDTH)
    assert 30 * mm < float(box.height) < 80 * mm
    text = pdf_pages(pdf)[0]
    assert "A017" in text and "Świlczy" in text and "proszę czekać" in text


def _page_images(pdf: bytes) -> list[bytes]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        return [page.render(scale=100 / 72).to_pil().tobytes() for page in document]
    finally:
        document.close()


def _text_objects(pdf: bytes) -> int:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return sum(page.get_contents().get_data().count(b"BT ") for page in reader.pages)


def test_table_text_written_as_one_run_looks_and_reads_as_before(
    monkeypatch, pdf_pages, make_hour_sheet
):
    """The lines of a table's plain cells and text blocks go into one text object per table
    (a faster sheet); the pages look the same, pixel for pixel, and read the same as with
    ReportLab's text object per line and per block: every alignment, wrapped and empty cells,
    bold header and totals, merged totals cells, a cell holding another flowable, a table
    broken across pages; the letterhead, facts, summary and signatures of an hour sheet (whose
    summary is not sized again where it was already)."""
    from reportlab.platypus import Table

    from opsdesk.printing.hour_sheet import build_hour_sheet
    from opsdesk.printing.tables import TextRunTable

    rows = [
        [
            f"{n}.",
            "środowiskowy wywiad — aktualizacja, zażółć gęślą jaźń " * (n % 3),
            f"{n:02d}:00–{n:02d}:45",
            monthly_hours_chart([("I", 60)], width=60, height=30) if n == 7 else f"{n},75",
            para("Łęcka", "body") if n == 9 else "",
        ]
        for n in range(1, 61)
    ]

    def documents() -> list[bytes]:
        table = data_table(
            ["Lp.", "Opis", "Godziny", "Liczba godzin", "Uwagi"],
            rows,
            weights=[0.6, 3, 1.3, 1, 1],
            align=["RIGHT", "LEFT", "CENTER", "RIGHT", "LEFT"],
            totals=[["Razem w miesiącu", None, None, "45,00", ""]],
        )
        sheet = make_hour_sheet()
        return [build_a4_pdf(OFFICE, INFO, [table]), build_hour_sheet(sheet)]

    runs = documents()
    for method in ("_drawCell", "_drawLines", "_calc"):  # ReportLab's own, sizing every time
        monkeypatch.setattr(TextRunTable, method, getattr(Table, method))
    lines = documents()
    assert len(_page_images(runs[0])) > 1
    for ours, reportlabs in zip(runs, lines):
        assert _page_images(ours) == _page_images(reportlabs)
        assert pdf_pages(ours) == pdf_pages(reportlabs)
        assert _text_objects(ours) * 2 < _text_objects(reportlabs)
    assert "Razem w miesiącu" in pdf_pages(runs[0])[-1]
