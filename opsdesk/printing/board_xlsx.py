"""A board (or its filtered cards) as an XLSX workbook, from ``BoardExport`` records.

One sheet: a heading (team, filter, as of, who made it), then a table with a bold header
row that stays in view, a filter on every column, real dates (shown dd.mm.rrrr) and numbers,
so the list can be sorted and counted in a spreadsheet. openpyxl is imported only here.
"""

from __future__ import annotations

from io import BytesIO

from opsdesk.domain.formatting import format_datetime
from opsdesk.i18n import _
from opsdesk.services.cases.records import BoardExport

DATE_FORMAT = "DD.MM.YYYY"
WIDTHS = (24, 16, 28, 30, 22, 12, 30, 10, 8, 11)


def build_board_xlsx(export: BoardExport) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = _("Board")[:31]
    sheet.append([_("Board of {team}").format(team=export.team_name)])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([_("Filter:"), export.filter_text or _("all cards")])
    sheet.append([_("As of:"), export.today])
    sheet["B3"].number_format = DATE_FORMAT
    sheet["B3"].alignment = Alignment(horizontal="left")
    sheet.append([_("Made by:"), f"{export.made_by}, {format_datetime(export.made_at)}"])
    sheet.append([])
    header = [
        _("Column"),
        _("File no."),
        _("Client"),
        _("Kind of help"),
        _("Worker"),
        _("Deadline"),
        _("Deadline for"),
        _("Work. days"),
        _("Urgent"),
        _("Suspended"),
    ]
    sheet.append(header)
    header_row = sheet.max_row
    fill = PatternFill("solid", fgColor="E4E7EC")
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.fill = fill
    yes = _("yes")
    for row in export.rows:
        sheet.append(
            [
                row.status_name,
                row.file_number,
                row.client_name,
                row.kind_name,
                row.worker_name,
                row.next_due,
                row.deadline,
                row.working_days_left,
                yes if row.urgent else "",
                yes if row.suspended else "",
            ]
        )
        sheet.cell(sheet.max_row, 6).number_format = DATE_FORMAT
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = sheet.cell(header_row + 1, 1)
    last = get_column_letter(len(header))
    sheet.auto_filter.ref = f"A{header_row}:{last}{max(sheet.max_row, header_row)}"
    out = BytesIO()
    book.save(out)
    return out.getvalue()
