"""A team's or a worker's deadline report: overdue cases first, then those due soon.

Built from ``opsdesk.services.reports.records.DeadlineReport``; uses ReportLab (import this
module only when a document is made, e.g. through ``opsdesk.printing.documents``).
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from opsdesk.i18n import _
from opsdesk.printing.formatting import format_date
from opsdesk.printing.header import DocumentInfo
from opsdesk.printing.layout import build_a4_pdf
from opsdesk.printing.office import office_header
from opsdesk.printing.styles import para
from opsdesk.printing.tables import data_table, facts_table
from opsdesk.services.reports.records import DeadlineReport, DeadlineRow

TEAM_WEIGHTS = (11, 20.5, 12, 27, 25.5, 22, 21, 20, 15)  # millimetres of the 174 mm width
TEAM_ALIGN = ("RIGHT", "LEFT", "RIGHT", "LEFT", "LEFT", "LEFT", "LEFT", "LEFT", "LEFT")
WORKER_COLUMN = 7


def days_left_text(row: DeadlineRow) -> str:
    """ "dziś", "2", or "−3" (working days; negative when overdue)."""
    if row.working_days_left == 0 and row.urgency != "overdue":
        return _("today")
    return str(row.working_days_left).replace("-", "\u2212")


def _what(row: DeadlineRow) -> str:
    if row.suspended:
        return _("{deadline} (proceedings suspended)").format(deadline=row.rule_label)
    return row.rule_label


def _table(rows: tuple[DeadlineRow, ...], with_worker: bool) -> Flowable:
    header = [
        _("No."),
        _("Deadline"),
        _("Work. days"),
        _("Deadline for"),
        _("File no."),
        _("Client"),
        _("Kind of help"),
        _("Worker"),
        _("Status"),
    ]
    body = [
        [
            f"{number}.",
            format_date(row.due),
            days_left_text(row),
            _what(row),
            row.file_number,
            row.client_name,
            row.kind_name,
            row.worker_name or "—",
            row.status_name,
        ]
        for number, row in enumerate(rows, start=1)
    ]
    weights, align = list(TEAM_WEIGHTS), list(TEAM_ALIGN)
    if not with_worker:
        del header[WORKER_COLUMN], weights[WORKER_COLUMN], align[WORKER_COLUMN]
        for cells in body:
            del cells[WORKER_COLUMN]
    return data_table(header, body, weights=weights, align=align)


def _section(
    title: str, rows: tuple[DeadlineRow, ...], empty: str, with_worker: bool
) -> list[Flowable]:
    heading = para(f"{title} ({len(rows)})", "heading")
    if not rows:
        return [KeepTogether([heading, para(empty, "muted")])]
    return [heading, _table(rows, with_worker)]


def deadline_story(report: DeadlineReport) -> list[Flowable]:
    with_worker = not report.worker_name
    facts = facts_table(
        [
            (_("Team"), report.team_name),
            (_("Worker"), report.worker_name or _("the whole team")),
            (_("As of"), format_date(report.today)),
            (_("Deadlines up to"), format_date(report.until)),
        ]
    )
    content: list[Flowable] = [facts, Spacer(1, 2 * mm)]
    content += _section(_("Overdue"), report.overdue, _("No case is overdue."), with_worker)
    content += _section(
        _("Due by {date}").format(date=format_date(report.until)),
        report.upcoming,
        _("No deadline falls in this period."),
        with_worker,
    )
    counts = _(
        "Open cases with a later deadline: {later}; without a running deadline: {undated}."
    ).format(later=report.later, undated=report.without_deadline)
    content += [
        Spacer(1, 4 * mm),
        para(counts, "muted"),
        para(
            _(
                "Working days exclude Saturdays, Sundays and statutory holidays. While "
                "proceedings are suspended, the decision deadline does not run "
                "(art. 35 § 5 KPA)."
            ),
            "muted",
        ),
    ]
    return content


def build_deadline_report(
    report: DeadlineReport, *, progress: Callable[[float], None] | None = None
) -> bytes:
    info = DocumentInfo(
        title=_("Deadline report"),
        subtitle=report.worker_name or report.team_name,
        generated_by=report.prepared_by,
        generated_at=report.generated_at,
    )
    return build_a4_pdf(
        office_header(report.office), info, deadline_story(report), progress=progress
    )
