"""Speed of printed documents, as ratios to a minimal ReportLab document made in the same run.

Builds the demo office in a temporary folder (about 2 s), then, after one warm-up of each:
  baseline      SimpleDocTemplate + Table of the same cells (header, a row per session, the
                month's total; header and total bold) in DejaVu Sans: the minimal document
                that prints this table in Polish (Helvetica prints squares, docs/machine-facts.md)
  helvetica     the same in ReportLab's default Helvetica, for reference
  hour sheet    the monthly record of hours of the demo psychologist's contract, laid out
                from its data (letterhead, cells that wrap, summary, signatures, running
                header, "Strona N z M")
  hour sheet*   the same, with reading its data through the services (audited)
  ... 200       the same three with the month's rows repeated to 200 sessions
  summary 12    a 12-month summary of hours of the contract (with its chart), from the data
  summary*      the contract's project summary to date, with reading its data
Median of N interleaved runs each. Targets (issue 7): hour sheet ≤ 2× the baseline with the
same table; a 12-month summary ≤ 1 s.

    .venv/bin/python bench/printing.py [--runs 15]
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import statistics
import tempfile
import time
from datetime import datetime
from pathlib import Path


def _office(folder: Path):
    from sqlalchemy import select

    from opsdesk.demo.builder import build_demo_office
    from opsdesk.i18n import set_language
    from opsdesk.services.account.auth import actor_for
    from opsdesk.services.clock import FixedClock
    from opsdesk.services.registry import Services
    from opsdesk.storage.models import Contract, Staff
    from opsdesk.storage.opening import open_database

    set_language("pl")
    now = datetime.now().replace(microsecond=0)
    db = open_database(f"sqlite:///{folder / 'opsdesk.sqlite3'}")
    build_demo_office(db, now)
    with db.reading() as session:
        manager = actor_for(
            session, session.scalar(select(Staff).where(Staff.login == "kierownik"))
        )
        contract_id = session.scalar(select(Contract.id).where(Contract.kind == "psychology"))
    return db, Services(db, manager, FixedClock(now)), contract_id


def _last_month(services) -> tuple[int, int]:
    today = services.ctx.clock.today()
    return (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)


def _minimal_document(
    header: list[str], rows: list[list[str]], total: list[str], fonts: tuple[str, str] | None
) -> bytes:
    """The same table, nothing else: header row, a row per session, the month's total; the
    header and total in the bold face, as on the sheet (``fonts`` None: Helvetica)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate, Table

    buffer = io.BytesIO()
    table = Table([header] + rows + [total], repeatRows=1)
    if fonts:
        regular, bold = fonts
        table.setStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), regular),
                ("FONTNAME", (0, 0), (-1, 0), bold),
                ("FONTNAME", (0, -1), (-1, -1), bold),
            ]
        )
    SimpleDocTemplate(buffer, pagesize=A4).build([table])
    return buffer.getvalue()


def _time(function) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs

    from opsdesk.printing import documents
    from opsdesk.printing.fonts import FONT, FONT_BOLD, register_fonts
    from opsdesk.printing.formatting import format_date, format_hours, format_time
    from opsdesk.printing.hour_sheet import build_hour_sheet
    from opsdesk.printing.hours_summary import build_hours_summary

    with tempfile.TemporaryDirectory() as folder:
        db, services, contract_id = _office(Path(folder))
        try:
            month = _last_month(services)
            data = services.hours_sheets.hour_sheet(contract_id, month)
            header = ["Lp.", "Data", "Godz. od–do", "Liczba godzin", "Forma", "Kod klienta"]

            def table(sheet):
                return [
                    [
                        f"{n}.",
                        format_date(r.day),
                        f"{format_time(r.start)}–{format_time(r.end)}",
                        format_hours(r.minutes),
                        r.form_label,
                        r.client_code,
                    ]
                    for n, r in enumerate(sheet.sessions(), start=1)
                ]

            def total(sheet):
                minutes = sum(r.minutes for r in sheet.sessions())
                return ["Razem w miesiącu", "", "", format_hours(minutes), "", ""]

            rows = table(data)
            big = dataclasses.replace(data, rows=(list(data.rows) * 200)[:200])
            big_rows = table(big)
            fonts = (FONT, FONT_BOLD)
            project = services.reports.hours_period(contract_id, "project")
            twelve = dataclasses.replace(
                project, months=project.months[-12:], first=project.months[-12].key
            )
            register_fonts()
            cases = {
                "baseline": lambda: _minimal_document(header, rows, total(data), fonts),
                "helvetica": lambda: _minimal_document(header, rows, total(data), None),
                "hour sheet": lambda: build_hour_sheet(data),
                "hour sheet*": lambda: documents.hour_sheet(services, contract_id, month),
                "baseline 200": lambda: _minimal_document(header, big_rows, total(big), fonts),
                "helvetica 200": lambda: _minimal_document(header, big_rows, total(big), None),
                "sheet 200": lambda: build_hour_sheet(big),
                "summary 12": lambda: build_hours_summary(twelve),
                "summary*": lambda: documents.hours_summary(services, contract_id, "project"),
            }
            for case in cases.values():  # imports, font registration, caches
                case()
            times: dict[str, list[float]] = {name: [] for name in cases}
            for _run in range(runs):
                for name, case in cases.items():
                    times[name].append(_time(case))
        finally:
            db.dispose()

    median = {name: statistics.median(values) for name, values in times.items()}
    logo = "with" if data.office.logo_strip else "without"
    print(
        f"hour sheet: {len(rows)} sessions of {month[1]:02d}.{month[0]} ({logo} a logo "
        f"strip); project summary: {len(project.months)} months; median of {runs} runs"
    )
    for name, value in median.items():
        base = median["baseline 200" if "200" in name else "baseline"]
        print(f"  {name:<14} {value * 1000:8.1f} ms   {value / base:5.2f}× its baseline")
    for name, base in (("hour sheet", "baseline"), ("sheet 200", "baseline 200")):
        ratio = median[name] / median[base]
        print(f"{name} ≤ 2× {base}: {'yes' if ratio <= 2 else 'NO'} ({ratio:.2f}×)")
    print(
        f"12-month summary ≤ 1 s: {'yes' if median['summary 12'] <= 1 else 'NO'} "
        f"({median['summary 12']:.3f} s; with its data {median['summary*']:.3f} s for "
        f"{len(project.months)} months)"
    )


if __name__ == "__main__":
    main()
