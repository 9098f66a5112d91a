"""Columns of the summary tables: periods, forms, workers, projects."""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any

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


def _number(
    title: str,
    value: Callable[[Any], int],
    show: Callable[[int], str] = str,
    *,
    blank_zero: bool = False,
) -> Column:
    """A right-aligned column of a number (``show`` writes it: a count, hours), sorted by
    the number; ``blank_zero``: an empty cell for 0."""

    def text(row: Any) -> str:
        number = value(row)
        return "" if blank_zero and not number else show(number)

    return Column(title, text, sort_key=value, align=RIGHT)


def _numbers(first: Column) -> tuple[Column, ...]:
    return (
        first,
        _number(N_("Budget"), attrgetter("budget.budget"), hours_text),
        _number(N_("Carried over in"), attrgetter("carried_in"), hours_text, blank_zero=True),
        _number(N_("Used"), attrgetter("budget.used"), hours_text),
        _number(N_("Left"), attrgetter("left"), left_or_over),
        _number(
            N_("Carried over to the next month"),
            attrgetter("carried_out"),
            hours_text,
            blank_zero=True,
        ),
        _number(N_("Booked"), attrgetter("budget.planned"), hours_text, blank_zero=True),
        _number(N_("Sessions"), attrgetter("sessions")),
        _number(N_("Confirmed over budget"), attrgetter("approved_over"), blank_zero=True),
    )


MONTH_COLUMNS = _numbers(
    Column(N_("Month"), lambda r: month_label(*r.key), sort_key=lambda r: r.key)
)
QUARTER_COLUMNS = _numbers(Column(N_("Quarter"), quarter_label, sort_key=lambda r: r.key))

FORM_COLUMNS: tuple[Column[FormRow], ...] = (
    Column(N_("Form"), lambda r: r.form.label),
    _number(N_("Sessions"), attrgetter("sessions")),
    _number(N_("Hours"), attrgetter("minutes"), hours_text),
)

WORKER_COLUMNS: tuple[Column[WorkerRow], ...] = (
    Column(N_("Social worker"), lambda r: r.full_name),
    _number(N_("Sessions"), attrgetter("sessions")),
    _number(N_("Hours"), attrgetter("minutes"), hours_text),
    _number(N_("With written consent"), attrgetter("consents")),
)

PROJECT_COLUMNS: tuple[Column[ProjectRow], ...] = (
    Column(N_("Project"), lambda r: f"{r.project_number} {r.project_name}".strip()),
    Column(N_("Kind"), lambda r: r.kind.label),
    _number(N_("Contracts"), attrgetter("contracts")),
    _number(N_("Contracted"), attrgetter("budget.budget"), hours_text),
    _number(N_("Used"), attrgetter("budget.used"), hours_text),
    _number(N_("Left"), attrgetter("budget.remaining"), left_or_over),
)
