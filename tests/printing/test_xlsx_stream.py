"""printing/xlsx_stream.py: the workbook it writes, read back by openpyxl as a spreadsheet
would read it (values, dates, number formats, fonts, sheet names, odd text)."""

import io
from datetime import date, datetime

import openpyxl

from opsdesk.printing.xlsx_stream import StreamWorkbook, column_letter


def test_values_dates_and_formats_read_back():
    book = StreamWorkbook()
    sheet = book.create_sheet("Decyzje i wywiady w terminach ustawowych")
    sheet.append(["Tytuł"], ["title"])
    sheet.append(["Nr sprawy", "Termin", "Udział"], ["header"] * 3)
    sheet.append(["OPS.1.2026", date(2026, 11, 12), 0.4], [None, "date", "share"])
    sheet.append([])
    sheet.append(["a & b <c> \x01 żółć", None, 7, 1.5, datetime(2026, 11, 30, 9, 0)])
    sheet.widths[1] = 20
    again = book.create_sheet("Decyzje i wywiady w terminach ustawowych")
    again.append(["second"])
    workbook = openpyxl.load_workbook(io.BytesIO(book.save()))
    assert workbook.sheetnames == [
        "Decyzje i wywiady w terminach u",
        "Decyzje i wywiady w terminach 2",
    ]
    first = workbook.worksheets[0]
    rows = list(first.iter_rows(values_only=True))
    assert rows[0][0] == "Tytuł" and rows[1] == ("Nr sprawy", "Termin", "Udział", None, None)
    assert rows[2][:3] == ("OPS.1.2026", datetime(2026, 11, 12), 0.4)
    assert rows[3] == (None,) * 5
    assert rows[4] == ("a & b <c>  żółć", None, 7, 1.5, datetime(2026, 11, 30, 9, 0))
    assert first["B3"].number_format == "DD.MM.YYYY" and first["C3"].number_format == "0.0%"
    assert first["A1"].font.b and first["A1"].font.sz == 13
    assert first["A2"].font.b and first["A2"].fill.fgColor.rgb == "FFE4E7EC"
    assert first.column_dimensions["A"].width == 20


def test_column_letters():
    assert [column_letter(n) for n in (1, 26, 27, 52, 53, 702, 703)] == [
        "A",
        "Z",
        "AA",
        "AZ",
        "BA",
        "ZZ",
        "AAA",
    ]
