"""The monthly hour sheet of a contract (ewidencja godzin) for an EU project's settlement.

One row per session with date, start–end, hours, form and the client's *code* (never a
name), the month's total against the contracted budget, the project's total to date, and
signature lines for the provider and the manager.

The sheet is printed as ``hours_sheets`` builds it
(:class:`~opsdesk.services.hours.records.HourSheet`). Importing this module does not import
ReportLab: the PDF is laid out by ``hour_sheet_story`` only when :func:`build_hour_sheet`
runs.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from opsdesk.printing.output import write_atomically
from opsdesk.services.hours.records import HourSheet, HourSheetTotals


def hour_sheet_totals(sheet: HourSheet) -> HourSheetTotals:
    return sheet.totals


def build_hour_sheet(sheet: HourSheet, *, progress: Callable[[float], None] | None = None) -> bytes:
    """The hour sheet as A4 PDF bytes."""
    from opsdesk.printing.hour_sheet_story import hour_sheet_pdf

    return hour_sheet_pdf(sheet, progress=progress)


def write_hour_sheet(sheet: HourSheet, path: str | os.PathLike[str]) -> Path:
    """Build the hour sheet and write it to ``path`` atomically."""
    return write_atomically(path, build_hour_sheet(sheet))
