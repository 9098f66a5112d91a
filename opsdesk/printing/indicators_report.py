"""The printed report "Monitoring modelu rozdzielenia": the indicators of a period beside the
period before it, section by section, with charts readable in black and white.

Built from ``IndicatorOverview`` through the section tables of ``indicator_tables`` (the same
rows the XLSX and CSV files hold); uses ReportLab (import this module only when a document is
made, e.g. through ``opsdesk.printing.documents``). Numbers and file numbers only: no client
appears here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from opsdesk.i18n import _
from opsdesk.printing.charts import day_hour_chart, series_bar_chart
from opsdesk.printing.formatting import format_date, format_hours
from opsdesk.printing.header import DocumentInfo
from opsdesk.printing.indicator_tables import (
    Section,
    Table,
    empty_period_text,
    sections,
    subtitle,
)
from opsdesk.printing.layout import build_a4_pdf
from opsdesk.printing.office import office_header
from opsdesk.printing.styles import ACCENT, para, styles
from opsdesk.printing.tables import data_table, facts_table
from opsdesk.services.indicators.records import IndicatorOverview, period_heading

CHART_HEIGHT = 52 * mm
MAX_WORKER_BARS = 16
PRINTED_LATE_LIMIT = 100  # rows of late decisions and interviews on paper


@cache
def _section_style() -> ParagraphStyle:
    """A section's title: larger than a table's heading, in the title's colour, ruled."""
    return ParagraphStyle(
        "indicator_section",
        parent=styles()["heading"],
        fontSize=12.5,
        leading=16,
        spaceBefore=7 * mm,
        spaceAfter=1 * mm,
        textColor=ACCENT,
    )


def report_title() -> str:
    return _("Monitoring of the separated model")


def _table(table: Table) -> list[Flowable]:
    heading = para(table.title, "heading")
    if not table.rows:
        return [KeepTogether([heading, para(table.empty, "muted")])] if table.empty else []
    align = [
        "RIGHT" if any(row[i].numeric for row in table.rows) else "LEFT"
        for i in range(len(table.header))
    ]
    body = [[cell.text() for cell in row] for row in table.rows]
    rendered = data_table(list(table.header), body, weights=table.weights, align=align)
    if len(table.rows) <= 12:
        return [KeepTogether([heading, rendered])]
    return [heading, rendered]


def _charts(section: Section, overview: IndicatorOverview) -> list[Flowable]:
    now, before = overview.current, overview.previous
    this, last = period_heading(now), before.period.label
    charts: list[tuple[str, Flowable]] = []
    if section.key == "desk":
        unit = _("contacts")
        if now.period.kind == "month":
            title = _("Contacts per day, {period}").format(period=this)
        else:
            title = _("Contacts per month, {period}").format(period=this)
        charts.append(
            (
                title,
                series_bar_chart(
                    [c.label for c in now.contacts_by_day],
                    [(this, [c.count for c in now.contacts_by_day])],
                    unit=unit,
                    height=CHART_HEIGHT,
                ),
            )
        )
        charts.append(
            (
                _("Contacts by hour of arrival"),
                series_bar_chart(
                    [c.label for c in now.contacts_by_hour],
                    [
                        (this, [c.count for c in now.contacts_by_hour]),
                        (
                            last,
                            [_count(before.contacts_by_hour, c.key) for c in now.contacts_by_hour],
                        ),
                    ],
                    unit=unit,
                    height=CHART_HEIGHT,
                ),
            )
        )
        grid = now.day_hour
        if grid is not None and grid.busiest:
            if now.period.kind == "month":
                title = _("Contacts by day and hour of arrival, {period}").format(period=this)
            else:
                title = _("Contacts by weekday and hour of arrival, {period}").format(period=this)
            charts.append((title, day_hour_chart(grid.row_labels, grid.hours, grid.counts)))
    elif section.key == "deadlines" and now.deadline_months:
        months = now.deadline_months
        charts.append(
            (
                _("Share within the statutory deadline, month by month"),
                series_bar_chart(
                    [m.label for m in months],
                    [
                        (_("decisions"), [100 * (m.decisions_share or 0) for m in months]),
                        (_("interviews"), [100 * (m.interviews_share or 0) for m in months]),
                    ],
                    value_text=lambda value: f"{value:.0f}%",
                    unit=_("% on time (no bar: none made, or none on time)"),
                    height=CHART_HEIGHT,
                ),
            )
        )
    elif section.key == "cases" and now.caseload:
        workers = now.caseload[:MAX_WORKER_BARS]
        charts.append(
            (
                _("Open cases per worker at the end of the period"),
                series_bar_chart(
                    [w.name for w in workers],
                    [(this, [w.open_at_end for w in workers])],
                    unit=_("cases"),
                    height=CHART_HEIGHT,
                ),
            )
        )
    elif section.key == "hours" and now.hours:
        charts.append(
            (
                _("Hours used and the budget per contract"),
                series_bar_chart(
                    [h.number for h in now.hours],
                    [
                        (_("used"), [h.used_minutes / 60 for h in now.hours]),
                        (_("budget"), [h.budget_minutes / 60 for h in now.hours]),
                    ],
                    value_text=lambda hours: format_hours(round(hours * 60)),
                    unit=_("hours"),
                    height=CHART_HEIGHT,
                ),
            )
        )
    return [KeepTogether([para(title, "heading"), chart]) for title, chart in charts]


def _count(counts, key: str) -> int:
    return next((c.count for c in counts if c.key == key), 0)


def indicators_story(overview: IndicatorOverview) -> list[Flowable]:
    now, before = overview.current, overview.previous
    facts = facts_table(
        [
            (_("Period"), period_heading(now)),
            (_("Compared with"), before.period.label),
            (
                _("Days"),
                f"{format_date(now.period.first)} \u2013 {format_date(now.as_of)}",
            ),
            (
                _("Previous period"),
                f"{format_date(before.period.first)} \u2013 {format_date(before.as_of)}",
            ),
        ]
    )
    story: list[Flowable] = [facts, Spacer(1, 2 * mm)]
    parts = sections(overview, late_limit=PRINTED_LATE_LIMIT)
    if not parts:
        story.append(Spacer(1, 6 * mm))
        story.append(para(empty_period_text(now), "body"))
        if not before.is_empty:
            story.append(
                para(
                    _("In {period} the office registered {contacts} contacts at the desk.").format(
                        period=before.period.label, contacts=before.contacts
                    ),
                    "muted",
                )
            )
        return story
    for section in parts:
        story.append(CondPageBreak(60 * mm))
        story.append(para(section.title, _section_style()))
        for table in section.tables:
            story += _table(table)
        story += _charts(section, overview)
        if section.notes:
            story.append(Spacer(1, 2 * mm))
        story += [para(note, "muted") for note in section.notes]
    return story


def build_indicators_report(
    overview: IndicatorOverview, *, progress: Callable[[float], None] | None = None
) -> bytes:
    info = DocumentInfo(
        title=report_title(),
        subtitle=subtitle(overview),
        generated_by=overview.prepared_by,
        generated_at=overview.generated_at,
    )
    return build_a4_pdf(
        office_header(overview.office), info, indicators_story(overview), progress=progress
    )
