"""Hours lists and summaries (``HoursExport``) written as an XLSX workbook or a CSV file.

XLSX: one worksheet per table; the first row is the header (bold, kept in view, with a
filter), then the rows with real dates (dd.mm.rrrr), times (gg:mm), hours as decimal numbers
(0,00) and counts as whole numbers, then a totals row (values, bold). The workbook's title
and author are set in its properties. openpyxl is imported only here.

CSV: the first (main) table only, as a Polish spreadsheet opens it: UTF-8 with a byte order
mark, ";" between fields, dates dd.mm.rrrr, times gg:mm and hours with a decimal comma.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from opsdesk.services.hours.records import ColumnKind, ExportTable, HoursExport

DATE_FORMAT = "DD.MM.YYYY"
TIME_FORMAT = "HH:MM"
HOURS_FORMAT = "0.00"


def _hours(minutes: int) -> float:
    return round(minutes / 60, 4)


def _xlsx_value(kind: ColumnKind, value: object) -> object:
    if value is None or value == "":
        return None
    if kind is ColumnKind.HOURS and isinstance(value, int):
        return _hours(value)
    return value


def _text_value(kind: ColumnKind, value: object) -> str:
    if value is None:
        return ""
    if kind is ColumnKind.HOURS and isinstance(value, int):
        return f"{value / 60:.2f}".replace(".", ",")
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return str(value)


def build_xlsx(export: HoursExport) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    book.properties.title = export.title
    book.properties.creator = export.made_by
    book.properties.created = export.made_at
    fill = PatternFill("solid", fgColor="E4E7EC")
    for table in export.tables:
        sheet = book.create_sheet(table.name[:31])
        sheet.append([column.title for column in table.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = fill
        lines = list(table.rows) + ([table.totals] if table.totals is not None else [])
        for row in lines:
            sheet.append([_xlsx_value(c.kind, v) for c, v in zip(table.columns, row)])
            for index, column in enumerate(table.columns, start=1):
                cell = sheet.cell(sheet.max_row, index)
                if column.kind is ColumnKind.DATE:
                    cell.number_format = DATE_FORMAT
                elif column.kind is ColumnKind.TIME:
                    cell.number_format = TIME_FORMAT
                elif column.kind is ColumnKind.HOURS:
                    cell.number_format = HOURS_FORMAT
        if table.totals is not None:
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
        for index, column in enumerate(table.columns, start=1):
            longest = max(
                [len(column.title)]
                + [len(_text_value(column.kind, row[index - 1])) for row in lines]
            )
            sheet.column_dimensions[get_column_letter(index)].width = min(max(longest + 2, 9), 60)
        sheet.freeze_panes = "A2"
        last = get_column_letter(len(table.columns))
        sheet.auto_filter.ref = f"A1:{last}{max(len(table.rows) + 1, 1)}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_text(table: ExportTable) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([column.title for column in table.columns])
    lines = list(table.rows) + ([table.totals] if table.totals is not None else [])
    for row in lines:
        writer.writerow([_text_value(c.kind, v) for c, v in zip(table.columns, row)])
    return out.getvalue()


def build_csv(export: HoursExport) -> bytes:
    """The main table as CSV, UTF-8 with a byte order mark (so Excel reads Polish letters)."""
    return csv_text(export.tables[0]).encode("utf-8-sig")


def build_export(export: HoursExport, fmt: str) -> bytes:
    return build_xlsx(export) if fmt == "xlsx" else build_csv(export)
