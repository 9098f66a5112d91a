"""A contract's hours over a quarter or the project to date, month by month, with a chart.

Built from ``opsdesk.services.reports.records.HoursPeriodReport``; uses ReportLab (import
this module only when a document is made, e.g. through ``opsdesk.printing.documents``).
Numbers only: no client appears here.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from opsdesk.domain.hours import Budget
from opsdesk.i18n import _
from opsdesk.printing.charts import monthly_hours_chart
from opsdesk.printing.formatting import (
    format_date,
    format_hours,
    month_bounds,
    month_label,
    month_short,
    quarter_label,
)
from opsdesk.printing.header import DocumentInfo
from opsdesk.printing.layout import build_a4_pdf
from opsdesk.printing.office import office_header
from opsdesk.printing.signatures import signature_lines, signed_ending
from opsdesk.printing.styles import CONTENT_WIDTH, para
from opsdesk.printing.tables import data_table, facts_table, side_by_side
from opsdesk.services.hours.records import PeriodRow
from opsdesk.services.reports.records import HoursPeriodReport

PERIOD_WEIGHTS = (2.0, 0.8, 1.5, 1.1, 1.2, 1.6)
PERIOD_ALIGN = ("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT")
CARRY_WEIGHTS = (90, 34, 40, 70, 74, 56, 58, 58)  # contracts with carry-over
CARRY_ALIGN = ("LEFT",) + ("RIGHT",) * 7
NUMBERS_ALIGN = ("LEFT", "RIGHT", "RIGHT")
CHART_HEIGHT = 48 * mm
SUMMARY_SHARE = 0.56
SIDE_GAP = 6 * mm


def period_text(report: HoursPeriodReport) -> str:
    """ "01.04.2026 – 30.06.2026"."""
    first, _end = month_bounds(*report.first)
    _start, last = month_bounds(*report.last)
    return f"{format_date(first)} – {format_date(last)}"


def subtitle(report: HoursPeriodReport) -> str:
    kind = report.contract.kind_label
    if report.scope == "quarter":
        year, month = report.first
        return f"{kind} — {quarter_label(year, (month - 1) // 3 + 1)}"
    return f"{kind} — {month_short(*report.first)}–{month_short(*report.last)}"


def signed(minutes: int) -> str:
    """A difference with a real minus sign when negative (over the limit)."""
    return format_hours(minutes).replace("-", "\u2212")


def _period_cells(label: str, row: PeriodRow, carry: bool) -> list[str]:
    approved = str(row.approved_over) if row.approved_over else "—"
    if carry:  # the order a settlement reads: budget, carried in, used, left, carried out
        return [
            label,
            str(row.sessions),
            format_hours(row.budget.budget),
            format_hours(row.carried_in),
            format_hours(row.budget.used),
            signed(row.left),
            format_hours(row.carried_out),
            approved,
        ]
    return [
        label,
        str(row.sessions),
        format_hours(row.budget.used),
        format_hours(row.budget.budget),
        signed(row.budget.remaining),
        approved,
    ]


def _period_header(first: str, carry: bool) -> list[str]:
    if carry:
        return [
            first,
            _("Sessions"),
            _("Limit (hours)"),
            _("Carried in"),
            _("Hours used"),
            _("Left"),
            _("Carried out"),
            _("Over the limit, approved"),
        ]
    return [
        first,
        _("Sessions"),
        _("Hours used"),
        _("Limit (hours)"),
        _("Difference"),
        _("Over the limit, approved"),
    ]


def _period_table(
    report: HoursPeriodReport, first: str, rows: list[list[str]], totals: list[list[str]]
) -> Flowable:
    carry = report.contract.carry_over
    return data_table(
        _period_header(first, carry),
        rows,
        weights=CARRY_WEIGHTS if carry else PERIOD_WEIGHTS,
        align=CARRY_ALIGN if carry else PERIOD_ALIGN,
        totals=totals,
    )


def _months_table(report: HoursPeriodReport) -> Flowable:
    carry = report.contract.carry_over
    rows = [_period_cells(month_label(*row.key), row, carry) for row in report.months]
    total = PeriodRow(
        (),
        Budget(report.budget_minutes, report.used_minutes),
        report.sessions,
        sum(r.approved_over for r in report.months),
        report.months[0].carried_in,
        report.months[-1].carried_out,
    )
    return _period_table(
        report, _("Month"), rows, [_period_cells(_("Total in the period"), total, carry)]
    )


def _quarters_table(report: HoursPeriodReport) -> list[Flowable]:
    if report.scope != "project" or len(report.quarters) < 2:
        return []
    carry = report.contract.carry_over
    rows = [_period_cells(quarter_label(*row.key), row, carry) for row in report.quarters]
    table = _period_table(report, _("Quarter"), rows, [])
    return [KeepTogether([para(_("By quarter"), "heading"), table])]


def _chart(report: HoursPeriodReport) -> list[Flowable]:
    months = [(month_short(*row.key), row.budget.used) for row in report.months]
    chart = monthly_hours_chart(
        months, limit_minutes=report.contract.monthly_minutes, height=CHART_HEIGHT
    )
    return [KeepTogether([para(_("Hours by month"), "heading"), chart])]


def _summary(report: HoursPeriodReport, width: float) -> Flowable:
    _first, period_end = month_bounds(*report.last)
    contracted = report.project.budget.budget
    lines = [
        (_("Hours in the period"), format_hours(report.used_minutes)),
        (_("Limit in the period under the contract"), format_hours(report.budget_minutes)),
        *_carry_lines(report),
        (
            _("Hours in the project to date (until {date})").format(date=format_date(period_end)),
            format_hours(report.project_to_last),
        ),
        (_("Hours contracted in the project"), format_hours(contracted)),
        (_("Remaining in the project"), signed(contracted - report.project_to_last)),
    ]
    return data_table(
        [_("Summary"), _("Hours")],
        lines,
        weights=(4, 1),
        align=("LEFT", "RIGHT"),
        zebra=False,
        width=width,
    )


def _carry_lines(report: HoursPeriodReport) -> list[tuple[str, str]]:
    if not report.contract.carry_over:
        return []
    return [
        (_("Carried over into the period"), format_hours(report.months[0].carried_in)),
        (_("Left in the period"), signed(report.left_minutes)),
        (_("Carried over past the period"), format_hours(report.months[-1].carried_out)),
    ]


def _forms(report: HoursPeriodReport, width: float) -> Flowable:
    rows = [[row.form.label, str(row.sessions), format_hours(row.minutes)] for row in report.forms]
    return data_table(
        [_("Form of session"), _("Sessions"), _("Hours")],
        rows,
        weights=(2.4, 1.2, 1.25),
        align=NUMBERS_ALIGN,
        width=width,
    )


def _summary_block(report: HoursPeriodReport) -> Flowable:
    """The summary, and beside it the sessions by form (when there are any)."""
    if not report.forms:
        return _summary(report, CONTENT_WIDTH * SUMMARY_SHARE)
    left = CONTENT_WIDTH * SUMMARY_SHARE
    right = CONTENT_WIDTH - left - SIDE_GAP
    return side_by_side([_summary(report, left), _forms(report, right)], [left, right], SIDE_GAP)


def _workers(report: HoursPeriodReport) -> list[Flowable]:
    if not report.workers:
        return []
    rows = [
        [row.full_name, str(row.sessions), format_hours(row.minutes), str(row.consents)]
        for row in report.workers
    ]
    return [
        para(_("Supervision by worker"), "heading"),
        data_table(
            [_("Worker"), _("Sessions"), _("Hours"), _("Consents to share conclusions")],
            rows,
            weights=(3, 1, 1, 1.6),
            align=NUMBERS_ALIGN + ("RIGHT",),
        ),
    ]


def hours_summary_story(report: HoursPeriodReport) -> list[Flowable]:
    contract = report.contract
    provider = contract.provider_name
    if contract.provider_company:
        provider = f"{provider}, {contract.provider_company}"
    facts = facts_table(
        [
            (_("Contract no."), contract.number),
            (_("Person conducting"), provider),
            (_("Kind of service"), contract.kind_label),
            (_("Period"), period_text(report)),
        ]
    )
    signatures = signature_lines(
        [_("signature of the person conducting"), _("signature of the manager")],
        [contract.provider_name, report.manager_name],
    )
    closing = [para(_("Summary"), "heading"), _summary_block(report)]
    workers = _workers(report)
    if workers:  # the signatures stay with the last rows of the last table
        heading, table = workers
        closing = [KeepTogether(closing), *signed_ending(signatures, before=[heading], table=table)]
    else:
        closing = signed_ending(signatures, before=closing)
    return [
        facts,
        Spacer(1, 5 * mm),
        _months_table(report),
        *_quarters_table(report),
        *_chart(report),
        *closing,
    ]


def build_hours_summary(
    report: HoursPeriodReport, *, progress: Callable[[float], None] | None = None
) -> bytes:
    title = (
        _("Quarterly summary of hours")
        if report.scope == "quarter"
        else _("Summary of hours in the project")
    )
    info = DocumentInfo(
        title=title,
        subtitle=subtitle(report),
        generated_by=report.prepared_by,
        generated_at=report.generated_at,
    )
    header = office_header(
        report.office, project_name=report.project_name, project_number=report.project_number
    )
    return build_a4_pdf(header, info, hours_summary_story(report), progress=progress)
