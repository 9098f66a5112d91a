"""Columns of the summary tables: periods, forms, workers, projects."""

from __future__ import annotations

from opsdesk.i18n import N_, _
from opsdesk.printing.formatting import month_label
from opsdesk.services.hours.records import FormRow, PeriodRow, ProjectRow, WorkerRow
from opsdesk.ui.hours.controls import hours_text
from opsdesk.ui.table_models import RIGHT, Column


def quarter_label(row: PeriodRow) -> str:
    return _("Q{quarter} {year}").format(quarter=row.key[1], year=row.key[0])


def left_or_over(minutes: int) -> str:
    return (
        hours_text(minutes)
        if minutes >= 0
        else _("over by {hours}").format(hours=hours_text(-minutes))
    )


# the columns of carried-over hours, shown only for a contract that lets them move on
CARRY_COLUMNS = (2, 5)


def _numbers(first: Column) -> tuple[Column, ...]:
    return (
        first,
        Column(
            N_("Budget"),
            lambda r: hours_text(r.budget.budget),
            sort_key=lambda r: r.budget.budget,
            align=RIGHT,
        ),
        Column(
            N_("Carried over in"),
            lambda r: hours_text(r.carried_in) if r.carried_in else "",
            sort_key=lambda r: r.carried_in,
            align=RIGHT,
        ),
        Column(
            N_("Used"),
            lambda r: hours_text(r.budget.used),
            sort_key=lambda r: r.budget.used,
            align=RIGHT,
        ),
        Column(
            N_("Left"),
            lambda r: left_or_over(r.left),
            sort_key=lambda r: r.left,
            align=RIGHT,
        ),
        Column(
            N_("Carried over to the next month"),
            lambda r: hours_text(r.carried_out) if r.carried_out else "",
            sort_key=lambda r: r.carried_out,
            align=RIGHT,
        ),
        Column(
            N_("Booked"),
            lambda r: hours_text(r.budget.planned) if r.budget.planned else "",
            sort_key=lambda r: r.budget.planned,
            align=RIGHT,
        ),
        Column(
            N_("Sessions"), lambda r: str(r.sessions), sort_key=lambda r: r.sessions, align=RIGHT
        ),
        Column(
            N_("Confirmed over budget"),
            lambda r: str(r.approved_over) if r.approved_over else "",
            sort_key=lambda r: r.approved_over,
            align=RIGHT,
        ),
    )


MONTH_COLUMNS = _numbers(
    Column(N_("Month"), lambda r: month_label(*r.key), sort_key=lambda r: r.key)
)
QUARTER_COLUMNS = _numbers(Column(N_("Quarter"), quarter_label, sort_key=lambda r: r.key))

FORM_COLUMNS: tuple[Column[FormRow], ...] = (
    Column(N_("Form"), lambda r: r.form.label),
    Column(N_("Sessions"), lambda r: str(r.sessions), sort_key=lambda r: r.sessions, align=RIGHT),
    Column(N_("Hours"), lambda r: hours_text(r.minutes), sort_key=lambda r: r.minutes, align=RIGHT),
)

WORKER_COLUMNS: tuple[Column[WorkerRow], ...] = (
    Column(N_("Social worker"), lambda r: r.full_name),
    Column(N_("Sessions"), lambda r: str(r.sessions), sort_key=lambda r: r.sessions, align=RIGHT),
    Column(N_("Hours"), lambda r: hours_text(r.minutes), sort_key=lambda r: r.minutes, align=RIGHT),
    Column(
        N_("With written consent"),
        lambda r: str(r.consents),
        sort_key=lambda r: r.consents,
        align=RIGHT,
    ),
)

PROJECT_COLUMNS: tuple[Column[ProjectRow], ...] = (
    Column(N_("Project"), lambda r: f"{r.project_number} {r.project_name}".strip()),
    Column(N_("Kind"), lambda r: r.kind.label),
    Column(
        N_("Contracts"), lambda r: str(r.contracts), sort_key=lambda r: r.contracts, align=RIGHT
    ),
    Column(
        N_("Contracted"),
        lambda r: hours_text(r.budget.budget),
        sort_key=lambda r: r.budget.budget,
        align=RIGHT,
    ),
    Column(
        N_("Used"),
        lambda r: hours_text(r.budget.used),
        sort_key=lambda r: r.budget.used,
        align=RIGHT,
    ),
    Column(
        N_("Left"),
        lambda r: left_or_over(r.budget.remaining),
        sort_key=lambda r: r.budget.remaining,
        align=RIGHT,
    ),
)
