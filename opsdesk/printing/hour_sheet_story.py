"""Layout of the hour sheet (:class:`~opsdesk.services.hours.records.HourSheet`); uses
ReportLab. ``hour_sheet`` is the door that imports this module when a sheet is built."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from opsdesk.i18n import _
from opsdesk.printing.approval_lines import approval_facts, correction_text
from opsdesk.printing.formatting import (
    format_date,
    format_hours,
    format_time,
    month_bounds,
    month_label,
)
from opsdesk.printing.header import DocumentInfo
from opsdesk.printing.layout import build_a4_pdf
from opsdesk.printing.office import office_header
from opsdesk.printing.signatures import signature_lines, signed_ending
from opsdesk.printing.styles import CONTENT_WIDTH, GRID, INK, TABLE_FONT, cell_style, para
from opsdesk.printing.tables import Cell, data_table, facts_table, totals_style
from opsdesk.services.hours.records import HourSheet, HourSheetTotals

COLUMN_WEIGHTS = (0.55, 1.25, 1.35, 1.05, 2.6, 1.3)
COLUMN_ALIGN = ("RIGHT", "LEFT", "CENTER", "RIGHT", "LEFT", "LEFT")


def _facts(data: HourSheet) -> Flowable:
    first, last = month_bounds(*data.month)
    facts = [
        (_("Contract no."), data.contract.number),
        (_("Person conducting"), data.provider_name),
        (_("Kind of service"), data.kind_label),
        (_("Settlement period"), f"{format_date(first)} – {format_date(last)}"),
        *approval_facts(data.approval),
    ]
    if data.contract.carry_over:
        facts.append(
            (_("Unused hours"), _("carried over to the next month (the contract allows it)"))
        )
    return facts_table(facts)


def _sessions_table(data: HourSheet, totals: HourSheetTotals) -> Flowable:
    header = [
        _("No."),
        _("Date"),
        _("Hours from–to"),
        _("Number of hours"),
        _("Form of session"),
        _("Participants") if data.supervision else _("Client code"),
    ]
    sessions = data.sessions()
    rows: list[list[Cell]] = [
        [
            f"{number}.",
            format_date(row.day),
            f"{format_time(row.start)}–{format_time(row.end)}",
            format_hours(row.minutes),
            row.form_label,
            (str(row.participants) if data.supervision else row.client_code) or "—",
        ]
        for number, row in enumerate(sessions, start=1)
    ]
    if not rows:
        rows = [["", _("No sessions in this month."), None, None, None, None]]
    total = [_("Total in the month"), None, None, format_hours(totals.month_minutes), "", None]
    table = data_table(header, rows, weights=COLUMN_WEIGHTS, align=COLUMN_ALIGN, totals=[total])
    if not sessions:
        table.setStyle([("SPAN", (1, 1), (-1, 1))])
    return table


def _summary_lines(data: HourSheet, totals: HourSheetTotals) -> list[tuple[str, str, bool]]:
    """(label, hours, emphasised) lines of the summary under the table."""
    _first, last = month_bounds(*data.month)
    lines = [
        (_("Hours in the month"), format_hours(totals.month_minutes), True),
        (_("Monthly limit under the contract"), format_hours(totals.monthly_budget_minutes), False),
    ]
    if data.contract.carry_over:
        lines.append(
            (_("Carried over from earlier months"), format_hours(totals.carried_minutes), False)
        )
    if totals.month_remaining_minutes >= 0:
        lines.append(
            (_("Remaining in the month"), format_hours(totals.month_remaining_minutes), False)
        )
    else:
        lines.append(
            (_("Monthly limit exceeded by"), format_hours(-totals.month_remaining_minutes), True)
        )
    lines.append(
        (
            _("Hours in the project to date (until {date})").format(date=format_date(last)),
            format_hours(totals.project_used_minutes),
            True,
        )
    )
    if totals.project_budget_minutes is not None:
        lines.append(
            (
                _("Hours contracted in the project"),
                format_hours(totals.project_budget_minutes),
                False,
            )
        )
        remaining = totals.project_remaining_minutes or 0
        if remaining >= 0:
            lines.append((_("Remaining in the project"), format_hours(remaining), False))
        else:
            lines.append((_("Project limit exceeded by"), format_hours(-remaining), True))
    return lines


def _summary_table(data: HourSheet, totals: HourSheetTotals, width: float) -> Table:
    rows = [
        [para(label, cell_style("LEFT", bold)), para(hours, cell_style("RIGHT", bold))]
        for label, hours, bold in _summary_lines(data, totals)
    ]
    table = Table(rows, colWidths=[width * 0.8, width * 0.2], hAlign="RIGHT")
    table.setStyle(
        TableStyle(
            [
                TABLE_FONT,
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, GRID),
                ("BOX", (0, 0), (-1, -1), 0.8, INK),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                *totals_style(0, 0),
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, INK),
            ]
        )
    )
    return table


def _summary(data: HourSheet, totals: HourSheetTotals) -> list[Flowable]:
    """The summary under the table. The months of the project are charted in the quarter and
    project summary, not here: a month's sheet stays on as few pages as its sessions need."""
    return [
        KeepTogether(
            [para(_("Summary"), "heading"), _summary_table(data, totals, CONTENT_WIDTH * 0.62)]
        )
    ]


def hour_sheet_pdf(data: HourSheet, *, progress: Callable[[float], None] | None = None) -> bytes:
    totals = data.totals
    office = office_header(
        data.office, project_name=data.project_name, project_number=data.project_number
    )
    info = DocumentInfo(
        title=_("Record of hours"),
        subtitle=" — ".join(
            part
            for part in (data.kind_label, month_label(*data.month), correction_text(data.approval))
            if part
        ),
        generated_by=data.prepared_by,
        generated_at=data.generated_at,
    )
    signatures = signature_lines(
        [_("signature of the person conducting"), _("signature of the manager")],
        [data.provider_name, data.manager_name],
    )
    content: list[Flowable] = [
        _facts(data),
        Spacer(1, 5 * mm),
        *signed_ending(
            signatures, table=_sessions_table(data, totals), after=_summary(data, totals)
        ),
    ]
    return build_a4_pdf(office, info, content, progress=progress)
