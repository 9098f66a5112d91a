"""The printed "Monitoring modelu rozdzielenia", its XLSX workbook and its CSV file, read back
as a person (or a spreadsheet) would, on the office of tests/indicator_office.py."""

import csv
import io
import os
from datetime import date
from pathlib import Path

import openpyxl
from pdf_text import all_text, fonts_are_embedded_dejavu, page_texts

from opsdesk.domain.report_periods import month_period, parse_period
from opsdesk.printing import documents

SHOTS = os.environ.get("OPSDESK_SHOTS")  # a folder: the PDFs are also written there to look at


def keep(name: str, data: bytes) -> None:
    if SHOTS:
        Path(SHOTS, name).write_bytes(data)


def test_the_printed_report_of_a_month(indicator_office):
    o = indicator_office
    pdf = documents.indicators_report(o.manager, month_period(2026, 11), "pdf")
    keep("indicators-2026-11.pdf", pdf)
    text = all_text(pdf)
    assert fonts_are_embedded_dejavu(pdf)
    assert text.startswith("Miejski Ośrodek Pomocy Społecznej w Łęczycy")
    assert "Monitoring modelu rozdzielenia" in text
    assert "listopad 2026, w porównaniu z: październik 2026" in text
    assert "Kontakty w punkcie pierwszego kontaktu" in text
    assert (
        "Załatwione przy pierwszym kontakcie (udział w zakończonych kontaktach) 40,0% 100,0%"
        in text
    )
    assert "Czas oczekiwania – mediana (min) 15,0 6,0" in text
    assert "Czas oczekiwania – 90. percentyl (min) 26,0 6,0" in text
    assert "Osobiście 5 1" in text and "Telefon 1 0" in text
    assert "Celina Nowak (już nie pracuje)" in text
    # the late decision and the overdue one, with their art. 36 notice
    assert f"{o.file_numbers['C2']} decyzja Beata Michalska 12.11.2026 13.11.2026 1 nie" in text
    assert "15.10.2026 jeszcze nie 46 tak, nowy termin 20.11.2026" in text
    assert "1/PS/2026 (Małgorzata Zielińska)" in text
    assert "Ankiety nie zbierano w żadnym z okresów." in text  # no answer in the office
    assert "Wygenerowano 30.11.2026 09:00 przez Elżbieta Wiśniewska" in text


def test_an_empty_period_says_so_in_words(indicator_office):
    pdf = documents.indicators_report(indicator_office.manager, month_period(2026, 6), "pdf")
    keep("indicators-2026-06.pdf", pdf)
    pages = page_texts(pdf)
    assert len(pages) == 1
    assert "W okresie czerwiec 2026 ośrodek nie zarejestrował" in pages[0]
    assert "nie ma czego zestawić" in pages[0]
    assert "Podsumowanie" not in pages[0]  # no empty tables


def test_a_quarter_prints_on_a_few_pages(indicator_office):
    pdf = documents.indicators_report(indicator_office.manager, parse_period("2026-Q4"), "pdf")
    keep("indicators-2026-Q4.pdf", pdf)
    text = all_text(pdf)
    assert "IV kwartał 2026 (do 30.11.2026)" in text and "III kwartał 2026" in text
    assert "Kontakty w miesiącach, IV kwartał 2026 (do 30.11.2026)" in text
    assert 2 <= len(page_texts(pdf)) <= 6


def test_the_workbook_holds_real_numbers_and_dates(indicator_office):
    o = indicator_office
    data = documents.indicators_report(o.manager, month_period(2026, 11), "xlsx")
    keep("indicators-2026-11.xlsx", data)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == [
        "Podsumowanie",
        "Kontakty w punkcie pierwszego k",
        "Wizyty według zespołów i pracow",
        "Sprawy i obciążenie pracowników",
        "Decyzje i wywiady w terminach u",
        "Godziny psychologa i superwizji",
        "Ankieta satysfakcji",
        "Kontakty w poszczególnych dniac",
    ]
    summary = {row[0]: row[1:3] for row in book["Podsumowanie"].iter_rows(values_only=True)}
    assert summary["Kontakty w punkcie pierwszego kontaktu"] == (7, 2)
    assert summary["Załatwione przy pierwszym kontakcie (udział w zakończonych kontaktach)"] == (
        0.4,
        1.0,
    )
    assert summary["Czas oczekiwania – 90. percentyl (min)"] == (26.0, 6.0)
    assert summary["Godziny psychologa i superwizji – wykorzystane"] == (2.5, 2.0)
    sheet = book["Podsumowanie"]
    share_cell = next(
        row[1] for row in sheet.iter_rows() if row[0].value and "Załatwione" in row[0].value
    )
    assert share_cell.number_format == "0.0%"
    deadlines = list(book["Decyzje i wywiady w terminach u"].iter_rows(values_only=True))
    late = next(row for row in deadlines if row[0] == o.file_numbers["C2"])
    assert late[1:3] == ("decyzja", "Beata Michalska")
    assert (late[3].date(), late[4].date(), late[5]) == (date(2026, 11, 12), date(2026, 11, 13), 1)
    days = list(book["Kontakty w poszczególnych dniac"].iter_rows(values_only=True))
    assert days[0] == ("Dzień", "Kontakty") and len(days) == 31
    assert days[2][0].date() == date(2026, 11, 2) and days[2][1] == 2


def test_the_workbook_of_an_empty_period_says_so(indicator_office):
    data = documents.indicators_report(indicator_office.manager, month_period(2026, 6), "xlsx")
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Podsumowanie"]
    texts = [row[0] for row in book["Podsumowanie"].iter_rows(values_only=True) if row[0]]
    assert any("nie ma czego zestawić" in t for t in texts)


def test_the_csv_opens_in_a_polish_spreadsheet(indicator_office):
    o = indicator_office
    data = documents.indicators_report(o.manager, month_period(2026, 11), "csv")
    keep("indicators-2026-11.csv", data)
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Sekcja", "Tabela", "Pozycja", "listopad 2026", "październik 2026"]
    by_item = {(r[1], r[2]): r[3:] for r in rows[1:]}
    summary = "Okres wybrany i poprzedni"
    assert by_item[(summary, "Kontakty w punkcie pierwszego kontaktu")] == ["7", "2"]
    assert by_item[(summary, "Czas oczekiwania – mediana (min)")] == ["15,0", "6,0"]
    late = [r for r in rows if r[2] == o.file_numbers["C2"]]
    assert late and late[0][3:] == [
        "decyzja",
        "Beata Michalska",
        "12.11.2026",
        "13.11.2026",
        "1",
        "nie",
    ]
    empty = documents.indicators_report(o.manager, month_period(2026, 6), "csv")
    assert "nie ma czego zestawić" in empty.decode("utf-8-sig")


def test_printing_and_exporting_are_audited(indicator_office):
    from sqlalchemy import select

    from opsdesk.storage.models import AuditEntry

    o = indicator_office
    documents.indicators_report(o.manager, month_period(2026, 11), "pdf")
    documents.indicators_report(o.manager, month_period(2026, 11), "csv")
    with o.manager.db.reading() as session:
        actions = session.scalars(
            select(AuditEntry.action).where(AuditEntry.entity == "indicators")
        ).all()
    assert actions == ["print", "export"]


def test_paper_lists_only_the_longest_delays(indicator_office):
    from opsdesk.printing.indicator_tables import sections

    overview = indicator_office.manager.indicators.overview(month_period(2026, 11), lists=True)
    deadlines = next(s for s in sections(overview, late_limit=1) if s.key == "deadlines")
    late = deadlines.tables[1]
    assert [row[0].text() for row in late.rows] == [indicator_office.file_numbers["C6"]]  # 46 days
    assert deadlines.notes[0] == (
        "Wykaz obejmuje 1 najdłuższych opóźnień spośród 3; pełny wykaz zawierają pliki XLSX i CSV."
    )
    every = next(s for s in sections(overview) if s.key == "deadlines")
    assert len(every.tables[1].rows) == 3
