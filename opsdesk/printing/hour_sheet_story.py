"""Layout of the hour sheet (:class:`~opsdesk.services.hours.records.HourSheet`); uses
ReportLab. ``hour_sheet`` is the door that imports this module when a sheet is built."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from opsdesk.domain.formatting import format_money
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
from opsdesk.printing.tables import (
    Cell,
    TextRunTable,
    data_table,
    facts_table,
    totals_style,
)
from opsdesk.services.hours.records import HourSheet, HourSheetTotals, SheetRow

COLUMN_WEIGHTS = (0.55, 1.25, 1.35, 1.05, 2.6, 1.3)
COLUMN_ALIGN = ("RIGHT", "LEFT", "CENTER", "RIGHT", "LEFT", "LEFT")
LOAD_LIMIT_HOURS = 276  # a person's total load across projects in a month


def _facts(data: HourSheet) -> Flowable:
    first, last = month_bounds(*data.month)
    facts = [
        (_("Contract no."), data.contract.number),
        (_("Person conducting"), data.provider_name),
        (_("Kind of service"), data.kind_label),
        *(
            [(_("Role in the project"), data.contract.project_role)]
            if data.contract.project_role
            else []
        ),
        *(
            [(_("Form of engagement"), data.contract.engagement_form)]
            if data.contract.engagement_form
            else []
        ),
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
        _("Form of session; task performed (project task)"),
        _("Participants") if data.supervision else _("Client code"),
    ]
    sessions = data.sessions()
    rows: list[list[Cell]] = [
        [
            f"{number}.",
            format_date(row.day),
            f"{format_time(row.start)}–{format_time(row.end)}",
            format_hours(row.minutes) + (" *" if row.over_budget else ""),
            _form_cell(row),
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


def _form_cell(row: SheetRow) -> str:
    """The form; under it what was done and the project's task, when entered:
    "konsultacja indywidualna; konsultacja psychologiczna (Zadanie 2)"."""
    task = row.task_done
    if row.project_task:
        task = f"{task} ({row.project_task})" if task else f"({row.project_task})"
    return f"{row.form_label}; {task}" if task else row.form_label


def _over_budget_note(data: HourSheet) -> list[Flowable]:
    if not any(row.over_budget for row in data.sessions()):
        return []
    return [
        Spacer(1, 1.5 * mm),
        para(_("* a session held over the budget with the manager's confirmation"), "muted"),
    ]


def _declaration(data: HourSheet, totals: HourSheetTotals) -> str:
    """The statement that the person's load across projects stays within 276 hours."""
    other = data.other_project_minutes
    if other is None:
        other_text, total_text = "……", "……"
    else:
        other_text = format_hours(other)
        total_text = format_hours(totals.month_minutes + other)
    return _(
        "I declare that my total working time in all projects and other activities "
        "does not exceed {limit} hours in {month}: this project {own} h, other "
        "projects {other} h, in total {total} h."
    ).format(
        limit=LOAD_LIMIT_HOURS,
        month=month_label(*data.month),
        own=format_hours(totals.month_minutes),
        other=other_text,
        total=total_text,
    )


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
    rate = data.contract.hourly_rate_grosze
    amount = data.amount_due_grosze
    if rate is not None and amount is not None:
        lines.append((_("Hourly rate"), format_money(Decimal(rate) / 100), False))
        lines.append((_("Amount due"), format_money(Decimal(amount) / 100), True))
    return lines


def _summary_table(data: HourSheet, totals: HourSheetTotals, width: float) -> Table:
    rows = [
        [para(label, cell_style("LEFT", bold)), para(hours, cell_style("RIGHT", bold))]
        for label, hours, bold in _summary_lines(data, totals)
    ]
    table = TextRunTable(rows, colWidths=[width * 0.74, width * 0.26], hAlign="RIGHT")
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
    """The summary under the table, the 276-hour declaration beside it. The months of the
    project are charted in the quarter and project summary, not here: a month's sheet stays
    on as few pages as its sessions need."""
    gap = 4 * mm
    side = CONTENT_WIDTH * 0.62
    beside = TextRunTable(
        [[para(_declaration(data, totals), "body"), _summary_table(data, totals, side)]],
        colWidths=[CONTENT_WIDTH - side - gap, side + gap],
    )
    beside.setStyle(
        TableStyle(
            [
                TABLE_FONT,
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, 0), gap),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [KeepTogether([para(_("Summary"), "heading"), beside])]


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
        [
            _("date and signature of the person conducting"),
            _("date and signature of the manager"),
            _("approved: date and signature of the project coordinator"),
        ],
        [data.provider_name, data.manager_name],
        place_and_date=False,
    )
    content: list[Flowable] = [
        _facts(data),
        Spacer(1, 5 * mm),
        *signed_ending(
            signatures,
            table=_sessions_table(data, totals),
            after=[*_over_budget_note(data), *_summary(data, totals)],
        ),
    ]
    return build_a4_pdf(office, info, content, progress=progress)
