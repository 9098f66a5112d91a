"""The indicators as an XLSX workbook (one sheet per section) and as a CSV file, from the
section tables of ``indicator_tables`` (the rows the printed report shows).

The workbook holds real numbers (shares as fractions shown "0,0%", hours as decimal hours,
minutes) and real dates, so a spreadsheet can sum and sort them; an extra sheet lists the
contacts per day or month. The CSV is for Polish spreadsheets: UTF-8 with a byte order mark,
";" between fields, a decimal comma; every row is "section; table; item; value of the period;
value of the previous period" (the late cases' rows carry their own columns after a header
row). openpyxl is imported only here, when a workbook is made.
"""

from __future__ import annotations

import csv
import io
from datetime import date

from opsdesk.domain.formatting import format_datetime
from opsdesk.i18n import _
from opsdesk.printing.indicator_tables import (
    Cell,
    Section,
    empty_period_text,
    sections,
    subtitle,
)
from opsdesk.services.indicators.records import IndicatorOverview, period_heading

DATE_FORMAT = "DD.MM.YYYY"
NUMBER_FORMATS = {
    "share": "0.0%",
    "minutes": "0.0",
    "hours": "0.00",
    "decimal": "0.00",
    "int": "0",
}
SHEET_NAME_LIMIT = 31


def _xlsx_value(cell: Cell) -> int | float | str | date | None:
    """What the workbook stores: the number or date itself (hours as decimal hours)."""
    if cell.value is None or cell.value == "":
        return None
    if cell.kind == "hours" and isinstance(cell.value, int):
        return round(cell.value / 60, 2)
    return cell.value


def _sheet_title(title: str, used: set[str]) -> str:
    name = "".join(ch for ch in title if ch not in "[]:*?/\\")[:SHEET_NAME_LIMIT].strip()
    base, number = name, 2
    while name in used:
        suffix = f" {number}"
        name = base[: SHEET_NAME_LIMIT - len(suffix)] + suffix
        number += 1
    used.add(name)
    return name


def build_indicators_xlsx(overview: IndicatorOverview) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    first = book.active
    book.remove(first)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="E4E7EC")
    used: set[str] = set()

    def heading(sheet, title: str) -> None:
        sheet.append([title])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True, size=13)

    def add_about(sheet) -> None:
        heading(sheet, _("Monitoring of the separated model"))
        sheet.append([overview.office.name])
        sheet.append([subtitle(overview)])
        sheet.append(
            [
                _("Made by:"),
                f"{overview.prepared_by}, {format_datetime(overview.generated_at)}",
            ]
        )
        sheet.append([])

    parts = sections(overview)
    if not parts:
        sheet = book.create_sheet(_sheet_title(_("Summary"), used))
        add_about(sheet)
        sheet.append([empty_period_text(overview.current)])
        sheet.column_dimensions["A"].width = 60
        sheet.cell(sheet.max_row, 1).alignment = Alignment(wrap_text=True, vertical="top")
    for number, section in enumerate(parts):
        sheet = book.create_sheet(_sheet_title(section.title, used))
        if number == 0:
            add_about(sheet)
        widths: dict[int, int] = {}
        for table in section.tables:
            heading(sheet, table.title)
            if not table.rows:
                sheet.append([table.empty])
                sheet.append([])
                continue
            sheet.append(list(table.header))
            for cell in sheet[sheet.max_row]:
                cell.font, cell.fill = bold, fill
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            row_number = sheet.max_row  # computed over every cell: once per table
            for row in table.rows:
                sheet.append([_xlsx_value(c) for c in row])
                row_number += 1
                for index, c in enumerate(row, start=1):
                    target = sheet.cell(row_number, index)
                    if c.kind == "date" and isinstance(c.value, date):
                        target.number_format = DATE_FORMAT
                    elif c.kind in NUMBER_FORMATS and c.value is not None:
                        target.number_format = NUMBER_FORMATS[c.kind]
                    widths[index] = max(widths.get(index, 10), min(len(c.text()) + 2, 60))
            for index, title in enumerate(table.header, start=1):
                widths[index] = max(widths.get(index, 10), min(len(title) + 2, 28))
            sheet.append([])
        for note in section.notes:
            sheet.append([note])
        for index, width in widths.items():
            sheet.column_dimensions[get_column_letter(index)].width = width
    if parts:
        _days_sheet(book, overview, used, bold, fill)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _days_sheet(book, overview: IndicatorOverview, used: set[str], bold, fill) -> None:
    now = overview.current
    by_month = now.period.kind != "month"
    sheet = book.create_sheet(
        _sheet_title(_("Contacts per month") if by_month else _("Contacts per day"), used)
    )
    sheet.append([_("Month") if by_month else _("Day"), _("Contacts")])
    for cell in sheet[1]:
        cell.font, cell.fill = bold, fill
    for row_number, count in enumerate(now.contacts_by_day, start=2):
        if by_month:
            sheet.append([count.label, count.count])
        else:
            sheet.append([date.fromisoformat(count.key), count.count])
            sheet.cell(row_number, 1).number_format = DATE_FORMAT
    sheet.column_dimensions["A"].width = 14
    sheet.column_dimensions["B"].width = 12


def _csv_text(cell: Cell) -> str:
    if cell.value is None or cell.value == "":
        return ""
    return cell.text()


def build_indicators_csv(overview: IndicatorOverview) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    now = overview.current
    writer.writerow(
        [
            _("Section"),
            _("Table"),
            _("Item"),
            period_heading(now),
            overview.previous.period.label,
        ]
    )
    parts: list[Section] = sections(overview)
    if not parts:
        writer.writerow([_("Summary"), "", empty_period_text(now), "", ""])
    for section in parts:
        for table in section.tables:
            if not table.rows:
                writer.writerow([section.title, table.title, table.empty, "", ""])
                continue
            if len(table.header) != 3:  # its own columns: a header row, then the rows
                writer.writerow([section.title, table.title, *table.header])
                for row in table.rows:
                    writer.writerow([section.title, table.title, *(_csv_text(c) for c in row)])
                continue
            for row in table.rows:
                writer.writerow([section.title, table.title, *(_csv_text(c) for c in row)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
