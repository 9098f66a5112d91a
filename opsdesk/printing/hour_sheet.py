"""The monthly hour sheet of a contract (ewidencja godzin) for an EU project's settlement.

One row per session with date, start–end, hours, form and the client's *code* (never a
name), the month's total against the contracted budget, the project's total to date, and
signature lines for the provider and the manager.

Importing this module does not import ReportLab: services fill :class:`HourSheetData`
and the PDF is laid out only when :func:`build_hour_sheet` runs.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from opsdesk.printing.header import OfficeHeader
from opsdesk.printing.output import write_atomically


class HourSheetRow(NamedTuple):
    """One session: when, how long (minutes), in what form, for which client code."""

    date: dt.date
    start: dt.time
    end: dt.time
    minutes: int
    form: str
    client_code: str


@dataclass(frozen=True)
class HourSheetData:
    """Everything printed on one month's hour sheet, as plain values.

    ``project_used_minutes`` is the project's total to date, this month included.
    ``code_header`` replaces "Kod klienta" when the last column
    holds something else (a supervision sheet lists how many workers took part).
    """

    office: OfficeHeader
    contract_number: str
    provider_name: str
    kind_label: str
    month: tuple[int, int]
    rows: Sequence[HourSheetRow | tuple]
    monthly_budget_minutes: int
    project_used_minutes: int
    project_budget_minutes: int | None
    prepared_by: str
    project_name: str | None = None
    project_number: str | None = None
    manager_name: str | None = None
    generated_at: dt.datetime | None = None
    code_header: str | None = None  # the last column's title, e.g. "Uczestnicy" for supervision

    def sessions(self) -> list[HourSheetRow]:
        """The rows as :class:`HourSheetRow`, in date and start order."""
        rows = [row if isinstance(row, HourSheetRow) else HourSheetRow(*row) for row in self.rows]
        return sorted(rows, key=lambda row: (row.date, row.start))


@dataclass(frozen=True)
class HourSheetTotals:
    """The sums printed under the table, in minutes."""

    month_minutes: int
    monthly_budget_minutes: int
    project_used_minutes: int
    project_budget_minutes: int | None
    month_remaining_minutes: int = field(init=False)
    project_remaining_minutes: int | None = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "month_remaining_minutes", self.monthly_budget_minutes - self.month_minutes
        )
        remaining = (
            None if self.project_budget_minutes is None
            else self.project_budget_minutes - self.project_used_minutes
        )
        object.__setattr__(self, "project_remaining_minutes", remaining)


def hour_sheet_totals(data: HourSheetData) -> HourSheetTotals:
    return HourSheetTotals(
        month_minutes=sum(row.minutes for row in data.sessions()),
        monthly_budget_minutes=data.monthly_budget_minutes,
        project_used_minutes=data.project_used_minutes,
        project_budget_minutes=data.project_budget_minutes,
    )


def build_hour_sheet(
    data: HourSheetData, *, progress: Callable[[float], None] | None = None
) -> bytes:
    """The hour sheet as A4 PDF bytes."""
    from opsdesk.printing.hour_sheet_story import hour_sheet_pdf

    return hour_sheet_pdf(data, hour_sheet_totals(data), progress=progress)


def write_hour_sheet(data: HourSheetData, path: str | os.PathLike[str]) -> Path:
    """Build the hour sheet and write it to ``path`` atomically."""
    return write_atomically(path, build_hour_sheet(data))
