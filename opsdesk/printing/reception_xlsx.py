"""The desk's waiting statistics as an XLSX workbook, from ``ReceptionStats`` records.

Four sheets: the period's times per team (waits, median and 90th percentile, the queue's
target and the share served within it, service times), the same waits day by day, and the
waits per worker whose call ended them (per queue), over the period and day by day.
Times are minutes as numbers (one decimal), shares real percentages, days real dates, so
the figures can be summed and charted in a spreadsheet. openpyxl is imported only here.
"""

from __future__ import annotations

from io import BytesIO

from opsdesk.domain.formatting import format_datetime
from opsdesk.i18n import _
from opsdesk.services.reception.records import ReceptionStats

DATE_FORMAT = "DD.MM.YYYY"
MINUTES_FORMAT = "0.0"
SHARE_FORMAT = "0%"


def _minutes(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def build_waiting_xlsx(stats: ReceptionStats, made_by: str, made_at) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    teams = book.active
    teams.title = _("Times per team")[:31]
    teams.append([_("Waiting times at the desk: {title}").format(title=stats.title)])
    teams["A1"].font = Font(bold=True, size=13)
    teams.append([_("Made by:"), f"{made_by}, {format_datetime(made_at)}"])
    teams.append([])
    header = [
        _("Team"),
        _("People called"),
        _("Waiting: median (min)"),
        _("Waiting: 90th percentile (min)"),
        _("Target (min)"),
        _("Within the target"),
        _("Share within the target"),
        _("Service: median (min)"),
        _("Service: 90th percentile (min)"),
        _("Visits finished"),
        _("No-shows"),
    ]
    teams.append(header)
    first_team_row = teams.max_row
    for t in stats.teams:
        teams.append(
            [
                t.team_name,
                t.waits,
                _minutes(t.wait_median),
                _minutes(t.wait_p90),
                t.target_minutes,
                t.within_target if t.target_minutes else None,
                t.within_target_share,
                _minutes(t.service_median),
                _minutes(t.service_p90),
                t.finished,
                t.no_shows,
            ]
        )
    for row in teams.iter_rows(min_row=first_team_row + 1):
        for cell in (row[2], row[3], row[7], row[8]):
            cell.number_format = MINUTES_FORMAT
        row[6].number_format = SHARE_FORMAT

    days = book.create_sheet(_("Per day")[:31])
    days.append(
        [
            _("Day"),
            _("Team"),
            _("People called"),
            _("Waiting: median (min)"),
            _("Waiting: 90th percentile (min)"),
            _("Target (min)"),
            _("Within the target"),
            _("Share within the target"),
        ]
    )
    for d in stats.daily:
        days.append(
            [
                d.day,
                d.team_name,
                d.waits,
                _minutes(d.wait_median),
                _minutes(d.wait_p90),
                d.target_minutes,
                d.within_target if d.target_minutes else None,
                d.within_target_share,
            ]
        )
    for row in days.iter_rows(min_row=2):
        row[0].number_format = DATE_FORMAT
        row[3].number_format = row[4].number_format = MINUTES_FORMAT
        row[7].number_format = SHARE_FORMAT

    worker_header = [
        _("Worker"),
        _("Team"),
        _("People called"),
        _("Waiting: median (min)"),
        _("Target (min)"),
        _("Within the target"),
        _("Share within the target"),
    ]
    workers = book.create_sheet(_("Per worker")[:31])
    workers.append(worker_header)
    worker_days = book.create_sheet(_("Per worker and day")[:31])
    worker_days.append([_("Day"), *worker_header])
    for sheet, rows in ((workers, stats.workers), (worker_days, stats.worker_days)):
        for w in rows:
            sheet.append(
                ([w.day] if sheet is worker_days else [])
                + [
                    w.worker_name,
                    w.team_name,
                    w.waits,
                    _minutes(w.wait_median),
                    w.target_minutes,
                    w.within_target if w.target_minutes else None,
                    w.within_target_share,
                ]
            )
        shift = 1 if sheet is worker_days else 0
        for row in sheet.iter_rows(min_row=2):
            if shift:
                row[0].number_format = DATE_FORMAT
            row[3 + shift].number_format = MINUTES_FORMAT
            row[6 + shift].number_format = SHARE_FORMAT

    fill = PatternFill("solid", fgColor="E4E7EC")
    for sheet, header_row in ((teams, first_team_row), (days, 1), (workers, 1), (worker_days, 1)):
        for cell in sheet[header_row]:
            cell.font = Font(bold=True)
            cell.fill = fill
        sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
        last = get_column_letter(sheet.max_column)
        sheet.auto_filter.ref = f"A{header_row}:{last}{max(sheet.max_row, header_row)}"
        for index in range(1, sheet.max_column + 1):
            sheet.column_dimensions[get_column_letter(index)].width = 16 if index > 1 else 26
    out = BytesIO()
    book.save(out)
    return out.getvalue()
