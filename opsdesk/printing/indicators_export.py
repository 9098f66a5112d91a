"""The indicators as an XLSX workbook (one sheet per section) and as a CSV file, from the
section tables of ``indicator_tables`` (the rows the printed report shows).

The workbook holds real numbers (shares as fractions shown "0,0%", hours as decimal hours,
minutes) and real dates, so a spreadsheet can sum and sort them; an extra sheet lists the
contacts per day or month. The CSV is for Polish spreadsheets: UTF-8 with a byte order mark,
";" between fields, a decimal comma; every row is "section; table; item; value of the period;
value of the previous period" (the late cases' rows carry their own columns after a header
row). The workbook is written by ``xlsx_stream`` (fast for long lists), not openpyxl.
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

NUMBER_KINDS = ("date", "share", "minutes", "hours", "decimal", "int")  # xlsx_stream.STYLES


def _xlsx_value(cell: Cell) -> int | float | str | date | None:
    """What the workbook stores: the number or date itself (hours as decimal hours)."""
    if cell.value is None or cell.value == "":
        return None
    if cell.kind == "hours" and isinstance(cell.value, int):
        return round(cell.value / 60, 2)
    return cell.value


def _style(cell: Cell) -> str | None:
    """The cell's number format: a date only when it holds one (the late list's "not yet")."""
    if cell.kind == "date":
        return "date" if isinstance(cell.value, date) else None
    return cell.kind if cell.kind in NUMBER_KINDS else None


def _width(cell: Cell) -> int:
    """The characters the cell shows, cheaply (a text's length, a date's 10)."""
    if cell.kind == "text" and isinstance(cell.value, str):
        return len(cell.value)
    if isinstance(cell.value, date):
        return 10
    return len(cell.text())


def build_indicators_xlsx(overview: IndicatorOverview) -> bytes:
    """The workbook, written by ``xlsx_stream`` (the late list of a large office has tens of
    thousands of rows: openpyxl without lxml takes seconds for them, bench/indicators.md)."""
    from opsdesk.printing.xlsx_stream import StreamWorkbook

    book = StreamWorkbook()

    def heading(sheet, title: str) -> None:
        sheet.append([title], ["title"])

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
        sheet = book.create_sheet(_("Summary"))
        add_about(sheet)
        sheet.append([empty_period_text(overview.current)], ["wrap"])
        sheet.widths[1] = 60
    for number, section in enumerate(parts):
        sheet = book.create_sheet(section.title)
        if number == 0:
            add_about(sheet)
        widths: dict[int, int] = {}
        for table in section.tables:
            heading(sheet, table.title)
            if not table.rows:
                sheet.append([table.empty])
                sheet.append([])
                continue
            sheet.append(list(table.header), ["header"] * len(table.header))
            for row in table.rows:
                sheet.append([_xlsx_value(c) for c in row], [_style(c) for c in row])
                for index, c in enumerate(row, start=1):
                    widths[index] = max(widths.get(index, 10), min(_width(c) + 2, 60))
            for index, title in enumerate(table.header, start=1):
                widths[index] = max(widths.get(index, 10), min(len(title) + 2, 28))
            sheet.append([])
        for note in section.notes:
            sheet.append([note])
        sheet.widths.update(widths)
    if parts:
        _days_sheet(book, overview)
    return book.save()


def _days_sheet(book, overview: IndicatorOverview) -> None:
    now = overview.current
    by_month = now.period.kind != "month"
    sheet = book.create_sheet(_("Contacts per month") if by_month else _("Contacts per day"))
    sheet.append([_("Month") if by_month else _("Day"), _("Contacts")], ["header", "header"])
    for count in now.contacts_by_day:
        if by_month:
            sheet.append([count.label, count.count])
        else:
            sheet.append([date.fromisoformat(count.key), count.count], ["date", None])
    sheet.widths.update({1: 14, 2: 12})


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
