"""The indicators as sections of tables with typed cells: one shape for the PDF, the XLSX
workbook and the CSV file (no ReportLab, no openpyxl here).

A cell keeps its value's kind (``Cell.kind``): a whole number, a share 0..1, minutes of
waiting, minutes of hours (shown as decimal hours), a date, or text. The PDF and the CSV
write it the Polish way ("40,0%", "1,50", "12.11.2026"); the workbook stores the number or
the date itself with a number format, so a spreadsheet can count with it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from operator import attrgetter
from typing import Any, NamedTuple

from opsdesk.domain.formatting import format_date, hours_decimal
from opsdesk.i18n import N_, _
from opsdesk.services.indicators.records import (
    ContractHours,
    Count,
    IndicatorOverview,
    LateRow,
    PeriodFigures,
    SurveyFigures,
    late_columns,
    period_heading,
    worker_label,
)

DASH = "\u2014"
SURVEY_WORDS = {
    1: N_("very dissatisfied"),
    2: N_("dissatisfied"),
    3: N_("so-so"),
    4: N_("satisfied"),
    5: N_("very satisfied"),
}


def not_collected() -> Cell:
    return text(_("not collected"))


def survey_mean(survey: SurveyFigures) -> Cell:
    """The mean answer, or "not collected" when nobody answered in the period."""
    return decimal(survey.mean) if survey.collected else not_collected()


class Cell(NamedTuple):
    """A value and its kind (a named tuple: a large office's late list makes 135,000 of
    them for its files, about three times faster than a frozen dataclass)."""

    value: int | float | str | date | None
    kind: str = "text"  # text | int | share | minutes | hours | decimal | date

    def text(self) -> str:
        """As printed: "40,0%", "15,0", "1,50", "12.11.2026", "—" for no value."""
        value = self.value
        if value is None or value == "":
            return DASH if self.kind != "text" else ""
        if isinstance(value, int | float) and self.kind == "share":
            return f"{value * 100:.1f}%".replace(".", ",")
        if isinstance(value, int | float) and self.kind == "minutes":
            return f"{value:.1f}".replace(".", ",")
        if isinstance(value, int | float) and self.kind == "decimal":
            return f"{value:.2f}".replace(".", ",")
        if isinstance(value, int) and self.kind == "hours":
            return hours_decimal(value)
        if self.kind == "date" and isinstance(value, date):
            return format_date(value)
        return str(value)

    @property
    def numeric(self) -> bool:
        return self.kind in ("int", "share", "minutes", "hours", "decimal")


def text(value: str) -> Cell:
    return Cell(value)


def number(value: int | None) -> Cell:
    return Cell(value, "int")


def share(value: float | None) -> Cell:
    return Cell(value, "share")


def minutes(value: float | None) -> Cell:
    return Cell(value, "minutes")


def hours(value: int | None) -> Cell:
    return Cell(value, "hours")


def decimal(value: float | None) -> Cell:
    return Cell(value, "decimal")


def day(value: date | None) -> Cell:
    return Cell(value, "date")


@dataclass(frozen=True)
class Table:
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    weights: tuple[float, ...]
    empty: str = ""  # said instead of the table when it has no rows


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    tables: tuple[Table, ...]
    notes: tuple[str, ...] = field(default=())


def empty_period_text(figures: PeriodFigures) -> str:
    return _(
        "In {period} the office registered no contact at the desk, no case, no decision or "
        "interview and no hours of the psychologist or supervision: there is nothing to report."
    ).format(period=period_heading(figures))


def _pair_counts(current: Sequence[Count], previous: Sequence[Count]) -> list[tuple[str, int, int]]:
    """Rows of both periods by key, in the current period's order, then the previous
    period's others."""
    before = {c.key or c.label: c.count for c in previous}
    rows = [(c.label, c.count, before.pop(c.key or c.label, 0)) for c in current]
    labels = {c.key or c.label: c.label for c in previous}
    rows += [(labels[key], 0, n) for key, n in before.items()]
    return rows


def _compared(
    title: str,
    first: str,
    overview: IndicatorOverview,
    rows: Iterable[tuple[Cell, ...]],
    empty: str = "",
) -> Table:
    """A table of the period beside the one before it: ``first`` heads the rows' labels."""
    return Table(
        title,
        (first, _period_column(overview.current), _period_column(overview.previous)),
        tuple(rows),
        (3, 1.3, 1.3),
        empty,
    )


def _compare(
    title: str,
    first: str,
    overview: IndicatorOverview,
    rows: Sequence[tuple[str, int, int]],
    empty: str,
) -> Table:
    cells = ((text(label), number(a), number(b)) for label, a, b in rows)
    return _compared(title, first, overview, cells, empty)


Figure = tuple[str, Callable[[Any], Cell], str]
"""A row of figures: its label, the cell its value makes (``number``, ``share`` …) and where
the value stands in a period's figures (an attribute, "waits.median" for a nested one)."""


def _figures(
    title: str, first: str, overview: IndicatorOverview, figures: Sequence[Figure], empty: str = ""
) -> Table:
    """A row per figure: its label, its value in the period and in the one before."""
    rows: list[tuple[Cell, ...]] = []
    for label, cell, where in figures:
        value = attrgetter(where)
        rows.append((text(label), cell(value(overview.current)), cell(value(overview.previous))))
    return _compared(title, first, overview, rows, empty)


def _hours_used(contracts: Sequence[ContractHours]) -> Cell:
    return hours(sum(h.used_minutes for h in contracts))


def _period_column(figures: PeriodFigures) -> str:
    return period_heading(figures)


def summary_table(overview: IndicatorOverview) -> Table:
    target = overview.current.waits.target_minutes
    figures: list[Figure] = [
        (_("Contacts at the desk"), number, "contacts"),
        (
            _("Settled at the first contact (share of finished contacts)"),
            share,
            "first_contact_share",
        ),
        (_("Waiting time, median (minutes)"), minutes, "waits.median"),
        (_("Waiting time, 90th percentile (minutes)"), minutes, "waits.p90"),
        (
            _("Waits within {minutes} minutes").format(minutes=target),
            share,
            "waits.share_within_target",
        ),
        (_("New cases"), number, "cases_new"),
        (_("Closed cases"), number, "cases_closed"),
        (_("Open cases at the end of the period"), number, "cases_open_at_end"),
        (_("Decisions within the statutory deadline"), share, "decisions.share_on_time"),
        (_("Interviews within the statutory deadline"), share, "interviews.share_on_time"),
        (_("Satisfaction survey, mean answer (1\u20135)"), survey_mean, "survey"),
        (_("Hours of the psychologist and supervision used"), _hours_used, "hours"),
    ]
    return _figures(
        _("The period and the one before it"),
        _("Indicator"),
        overview,
        figures,
    )


def _desk(overview: IndicatorOverview) -> Section:
    now, before = overview.current, overview.previous
    target = now.waits.target_minutes
    figures: list[Figure] = [
        (_("Waits measured"), number, "waits.count"),
        (_("Median (minutes)"), minutes, "waits.median"),
        (_("90th percentile (minutes)"), minutes, "waits.p90"),
        (
            _("Within the target of {minutes} minutes").format(minutes=target),
            share,
            "waits.share_within_target",
        ),
        (_("Contacts finished with an outcome"), number, "ended"),
        (_("Settled at the first contact"), number, "settled_at_first_contact"),
    ]
    waits = _figures(_("Waiting in the queues"), _("Indicator"), overview, figures)
    return Section(
        "desk",
        _("Contacts at the first-contact desk"),
        (
            _compare(
                _("Contacts by channel"),
                _("Channel"),
                overview,
                _pair_counts(now.by_channel, before.by_channel),
                "",
            ),
            _compare(
                _("Contacts by purpose"),
                _("Purpose"),
                overview,
                _pair_counts(now.by_purpose, before.by_purpose),
                _("No contact was registered in either period."),
            ),
            waits,
        ),
    )


def _visits(overview: IndicatorOverview) -> Section:
    now, before = overview.current, overview.previous
    before_workers = {w.staff_id: w.count for w in before.visits_by_worker}
    workers = []
    for w in now.visits_by_worker:
        workers.append((worker_label(w.name, w.left), w.count, before_workers.pop(w.staff_id, 0)))
    for w in before.visits_by_worker:
        if w.staff_id in before_workers:
            workers.append((worker_label(w.name, w.left), 0, w.count))
    return Section(
        "visits",
        _("Visits per team and per worker"),
        (
            _compare(
                _("Contacts per team (the queue they ended in)"),
                _("Team"),
                overview,
                _pair_counts(now.visits_by_team, before.visits_by_team),
                _("No contact was registered in either period."),
            ),
            _compare(
                _("Contacts served per worker"),
                _("Worker"),
                overview,
                workers,
                _("Nobody served a contact in either period."),
            ),
        ),
    )


def _cases(overview: IndicatorOverview) -> Section:
    now = overview.current
    rows = tuple(
        (
            text(worker_label(w.name, w.left)),
            number(w.open_at_end),
            number(w.new),
            number(w.closed),
        )
        for w in now.caseload
    )
    table = Table(
        _("Caseload per worker ({period})").format(period=period_heading(now)),
        (_("Worker"), _("Open at the end"), _("New"), _("Closed")),
        rows,
        (3, 1.1, 1, 1),
        _("No case was open, applied for or closed in the period."),
    )
    figures: list[Figure] = [
        (_("New cases"), number, "cases_new"),
        (_("Closed cases"), number, "cases_closed"),
        (_("Open cases at the end of the period"), number, "cases_open_at_end"),
    ]
    totals = _figures(_("Cases"), _("Cases"), overview, figures)
    return Section(
        "cases",
        _("Cases and caseload"),
        (totals, table),
        (_("Cases are counted under the worker they are assigned to today."),),
    )


def _deadline_figures(label: str, step: str) -> list[Figure]:
    """The figures of a step's deadlines: ``step`` names its ``DeadlineFigures`` in a period's
    figures ("decisions", "interviews")."""
    return [
        (_("{step}: made in the period").format(step=label), number, f"{step}.made"),
        (_("{step}: within the deadline").format(step=label), number, f"{step}.on_time"),
        (
            _("{step}: share within the deadline").format(step=label),
            share,
            f"{step}.share_on_time",
        ),
        (
            _("{step}: overdue at the end of the period").format(step=label),
            number,
            f"{step}.outstanding",
        ),
    ]


def late_cells(rows: Sequence[LateRow]) -> tuple[tuple[Cell, ...], ...]:
    """The late list's rows as cells (the words translated once: a large office's files list
    tens of thousands)."""
    not_yet, not_assigned = text(_("not yet")), _("Not assigned")
    return tuple(
        (
            text(row.file_number),
            text(row.step_label),
            text(row.worker_name or not_assigned),
            day(row.due),
            day(row.made) if row.made else not_yet,
            number(row.days_late),
            text(row.notice_text()),
        )
        for row in rows
    )


def _deadlines(overview: IndicatorOverview, late_limit: int | None) -> Section:
    now = overview.current
    figures = _deadline_figures(_("Decisions"), "decisions") + _deadline_figures(
        _("Environmental interviews"), "interviews"
    )
    summary = _figures(
        _("Statutory deadlines"),
        _("Decisions and interviews"),
        overview,
        figures,
    )
    every_late = now.decisions.late + now.interviews.late
    notes = []
    chosen = list(every_late)
    if late_limit is not None and len(every_late) > late_limit:
        chosen = sorted(every_late, key=lambda r: (-r.days_late, r.due, r.file_number))
        chosen = chosen[:late_limit]
        notes.append(
            _(
                "The list shows the {shown} longest delays of {count}; the XLSX and CSV files "
                "list them all."
            ).format(shown=late_limit, count=len(every_late))
        )
    late_rows = sorted(chosen, key=lambda r: (r.made is None, r.due, r.file_number))
    late = Table(
        _("Late, and overdue at the end of {period}").format(period=period_heading(now)),
        late_columns(),
        late_cells(late_rows),
        (1.4, 1.5, 1.8, 1.1, 1.1, 1.0, 1.7),
        _("Every decision and interview of the period kept its statutory deadline."),
    )
    months = Table(
        _("Deadlines kept in the 12 months up to {period}").format(period=period_heading(now)),
        (
            _("Month"),
            _("Decisions made"),
            _("On time"),
            _("Share on time"),
            _("Interviews made"),
            _("On time"),
            _("Share on time"),
        ),
        tuple(
            (
                text(m.label),
                number(m.decisions_made),
                number(m.decisions_on_time),
                share(m.decisions_share),
                number(m.interviews_made),
                number(m.interviews_on_time),
                share(m.interviews_share),
            )
            for m in now.deadline_months
        ),
        (1.2, 1.2, 1, 1.1, 1.2, 1, 1.1),
    )
    return Section(
        "deadlines",
        _("Decisions and interviews within their statutory deadlines"),
        (summary, late, months) if now.deadline_months else (summary, late),
        (
            *notes,
            _(
                "A decision is due one month after the application (two in a particularly "
                "complicated case), an environmental interview 14 working days after it (2 when "
                "urgent); suspended proceedings move the decision's deadline, an art. 36 KPA "
                "notice does not. Days late are calendar days."
            ),
        ),
    )


def _hours(overview: IndicatorOverview) -> Section:
    now, before = overview.current, overview.previous
    used_before = {h.contract_id: h.used_minutes for h in before.hours}
    rows = tuple(
        (
            text(f"{h.number} ({h.provider_name})"),
            text(h.kind_label),
            hours(h.budget_minutes),
            hours(h.used_minutes),
            share(h.share_used),
            number(h.sessions),
            hours(used_before.get(h.contract_id, 0)),
        )
        for h in now.hours
    )
    table = Table(
        _("Hours used against the budget"),
        (
            _("Contract"),
            _("Kind"),
            _("Budget (hours)"),
            _("Used (hours)"),
            _("Share used"),
            _("Sessions"),
            _("Previous period (hours)"),
        ),
        rows,
        (2.3, 2.0, 1.0, 1.3, 0.9, 0.8, 1.3),
        _("No contract of the psychologist or supervision was in force in the period."),
    )
    return Section(
        "hours",
        _("Hours of the psychologist and supervision"),
        (table,),
        (
            _(
                "The budget is the sum of the monthly budgets of the period's months up to "
                "the current one; only held sessions use it."
            ),
        ),
    )


def _survey(overview: IndicatorOverview) -> Section:
    now, before = overview.current.survey, overview.previous.survey

    def answers(survey: SurveyFigures, rating: int | None = None) -> Cell:
        if not survey.collected:
            return not_collected()
        return number(survey.answers if rating is None else survey.ratings[rating - 1])

    def part(survey: SurveyFigures, rating: int) -> Cell:
        return share(survey.share(rating)) if survey.collected else not_collected()

    figures: list[Figure] = []
    if now.collected or before.collected:
        figures = [
            (_("Answers"), answers, "survey"),
            (_("Mean answer (1\u20135)"), survey_mean, "survey"),
        ]
        for rating in reversed(range(1, 6)):
            label = f"{rating} \u2013 {_(SURVEY_WORDS[rating])}"
            figures.append(
                (
                    _("{answer}: answers").format(answer=label),
                    partial(answers, rating=rating),
                    "survey",
                )
            )
            figures.append(
                (_("{answer}: share").format(answer=label), partial(part, rating=rating), "survey")
            )
    table = _figures(
        _("Answers to the survey after a visit"),
        _("Survey"),
        overview,
        figures,
        _("The survey was not collected in either period."),
    )
    return Section(
        "survey",
        _("Satisfaction survey"),
        (table,),
        (
            _(
                "The person answers one question at the end of a visit, from 1 (very "
                "dissatisfied) to 5 (very satisfied); answers count for the day of the visit. "
                "\u201eNot collected\u201d: nobody answered in that period."
            ),
        ),
    )


def sections(overview: IndicatorOverview, late_limit: int | None = None) -> list[Section]:
    """Every section of the report, in print order (nothing when the period is empty);
    ``late_limit`` keeps only that many of the longest delays in the late list (paper)."""
    if overview.current.is_empty:
        return []
    return [
        Section("summary", _("Summary"), (summary_table(overview),)),
        _desk(overview),
        _visits(overview),
        _cases(overview),
        _deadlines(overview, late_limit),
        _hours(overview),
        _survey(overview),
    ]


def subtitle(overview: IndicatorOverview) -> str:
    return _("{period}, compared with {previous}").format(
        period=period_heading(overview.current), previous=overview.previous.period.label
    )
