"""A workbook of plain tables written straight as XLSX (Office Open XML) text, for the long
lists a council or a controller asks for (the indicators' late decisions and interviews: tens
of thousands of rows in a large office).

Why not openpyxl here: without lxml (not among our dependencies) openpyxl serialises every
cell through its pure-Python XML tree, write-only mode included: about 20 µs a cell on the
development machine, 3 s for the 135,000 cells of the benchmark's late list
(bench/indicators.md). This writer joins each row's XML as text, about 1 µs a cell. It knows
only what the indicators' files need: text (inline strings), numbers, dates, a few number
formats, a bold header row on a grey fill, a larger bold title, wrapped text and column
widths. openpyxl still reads what it writes (the tests do), as Excel and LibreOffice do.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from datetime import date, datetime
from xml.sax.saxutils import escape, quoteattr

Value = int | float | str | date | None

# the cell styles (cellXfs, by position in STYLES_XML) a cell may ask for by name
STYLES = {
    None: 0,
    "date": 1,  # DD.MM.YYYY
    "share": 2,  # 0.0%
    "minutes": 3,  # 0.0
    "hours": 4,  # 0.00
    "decimal": 4,  # 0.00
    "int": 5,  # 0
    "header": 6,  # bold on a grey fill, wrapped, at the top
    "title": 7,  # bold, 13 points
    "wrap": 8,  # wrapped, at the top
    "datetime": 9,  # DD.MM.YYYY HH:MM
}
EPOCH = date(1899, 12, 30)  # Excel's day 0 (the 1900 date system)
ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # not allowed in XML 1.0
SHEET_NAME_LIMIT = 31

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

STYLES_XML = (
    HEAD + f'<styleSheet xmlns="{MAIN}">'
    '<numFmts count="4">'
    '<numFmt numFmtId="164" formatCode="DD.MM.YYYY"/>'
    '<numFmt numFmtId="165" formatCode="0.0%"/>'
    '<numFmt numFmtId="166" formatCode="0.0"/>'
    '<numFmt numFmtId="167" formatCode="DD.MM.YYYY HH:MM"/>'
    "</numFmts>"
    '<fonts count="3">'
    '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="13"/><name val="Calibri"/><family val="2"/></font>'
    "</fonts>"
    '<fills count="3">'
    '<fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FFE4E7EC"/>'
    '<bgColor indexed="64"/></patternFill></fill>'
    "</fills>"
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="10">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" '
    'applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>'
    '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">'
    '<alignment vertical="top" wrapText="1"/></xf>'
    '<xf numFmtId="167" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


def column_letter(index: int) -> str:
    """1 -> "A", 27 -> "AA"."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class Sheet:
    """One worksheet: rows appended in order, then the columns' widths."""

    def __init__(self, title: str) -> None:
        self.title = title
        self.widths: dict[int, float] = {}  # column (1-based) -> width in characters
        self._rows: list[str] = []
        self._letters: list[str] = [""]

    def append(self, values: Sequence[Value], styles: Sequence[str | None] | None = None) -> None:
        """A row of values; ``styles`` (one name of ``STYLES`` per value, or None for all
        plain) sets number formats and looks; a date or a date and time without one is
        shown as such."""
        number = len(self._rows) + 1
        letters = self._letters
        while len(letters) <= len(values):
            letters.append(column_letter(len(letters)))
        cells = []
        for index, value in enumerate(values, start=1):
            if value is None or value == "":
                continue
            style = STYLES[styles[index - 1]] if styles is not None else 0
            where = f'r="{letters[index]}{number}"' + (f' s="{style}"' if style else "")
            if isinstance(value, str):
                text = escape(ILLEGAL.sub("", value))
                cells.append(
                    f'<c {where} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
                )
            elif isinstance(value, bool):
                cells.append(f'<c {where} t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, datetime):
                delta = value - datetime(EPOCH.year, EPOCH.month, EPOCH.day)
                where += "" if style else f' s="{STYLES["datetime"]}"'
                cells.append(f"<c {where}><v>{delta.total_seconds() / 86400!r}</v></c>")
            elif isinstance(value, date):
                where += "" if style else f' s="{STYLES["date"]}"'
                cells.append(f"<c {where}><v>{(value - EPOCH).days}</v></c>")
            else:
                cells.append(f"<c {where}><v>{value!r}</v></c>")
        self._rows.append(f'<row r="{number}">{"".join(cells)}</row>')

    def xml(self) -> str:
        cols = "".join(
            f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
            for i, w in sorted(self.widths.items())
        )
        return (
            HEAD
            + f'<worksheet xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}">'
            + (f"<cols>{cols}</cols>" if cols else "")
            + "<sheetData>"
            + "".join(self._rows)
            + "</sheetData></worksheet>"
        )


class StreamWorkbook:
    """Sheets in order, saved as the bytes of an .xlsx file."""

    def __init__(self) -> None:
        self.sheets: list[Sheet] = []
        self._names: set[str] = set()

    def create_sheet(self, title: str) -> Sheet:
        """A new sheet; its name is made valid (no []:*?/\\, at most 31 characters) and
        unique ("Name 2")."""
        name = "".join(ch for ch in title if ch not in "[]:*?/\\")[:SHEET_NAME_LIMIT].strip()
        name = name or "Sheet"
        base, number = name, 2
        while name in self._names:
            suffix = f" {number}"
            name = base[: SHEET_NAME_LIMIT - len(suffix)] + suffix
            number += 1
        self._names.add(name)
        sheet = Sheet(name)
        self.sheets.append(sheet)
        return sheet

    def save(self) -> bytes:
        count = len(self.sheets)
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for n in range(1, count + 1)
        )
        content_types = (
            HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            f"{overrides}</Types>"
        )
        root_rels = (
            HEAD + f'<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">'
            f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'
        )
        sheets = "".join(
            f'<sheet name={quoteattr(sheet.title)} sheetId="{n}" r:id="rId{n}"/>'
            for n, sheet in enumerate(self.sheets, start=1)
        )
        workbook = (
            HEAD + f'<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}">'
            f"<sheets>{sheets}</sheets></workbook>"
        )
        book_rels = (
            HEAD
            + f'<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">'
            + "".join(
                f'<Relationship Id="rId{n}" Type="{RELATIONSHIPS}/worksheet" '
                f'Target="worksheets/sheet{n}.xml"/>'
                for n in range(1, count + 1)
            )
            + f'<Relationship Id="rId{count + 1}" Type="{RELATIONSHIPS}/styles" '
            'Target="styles.xml"/></Relationships>'
        )
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
            package.writestr("[Content_Types].xml", content_types)
            package.writestr("_rels/.rels", root_rels)
            package.writestr("xl/workbook.xml", workbook)
            package.writestr("xl/_rels/workbook.xml.rels", book_rels)
            package.writestr("xl/styles.xml", STYLES_XML)
            for n, sheet in enumerate(self.sheets, start=1):
                package.writestr(f"xl/worksheets/sheet{n}.xml", sheet.xml())
        return out.getvalue()
