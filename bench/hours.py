"""Speed of the month's approval, the hours XLSX export and the hour sheet on the demo office,
as ratios to baselines measured in the same run (issue 18).

Builds the demo office in a temporary folder (as bench/printing.py does), then, after one
warm-up of each, times (median of N interleaved runs):
  write baseline   one write transaction through the same database: an office setting and
                   its audit entry (the least a user action that changes data costs)
  approval         the psychologist submits last month and the manager approves it: two
                   service calls, each one transaction with its checks and audit entry (the
                   month is reopened between runs, untimed)
  xlsx baseline    openpyxl writing the same cells as the export, plainly (no formats)
  xlsx export      the contract's summary as XLSX: the service reads every month of the
                   contract (12 and more), audits the export, and the workbook is written
  sheet baseline   SimpleDocTemplate + Table of the sheet's cells in DejaVu Sans (the same
                   texts: the form with the task performed and the project task)
  hour sheet       the month's hour sheet laid out from its data (bench/printing.py's case)
Targets: approval ≤ 1 s, the XLSX export ≤ 1 s, the hour sheet ≤ 2× its baseline (judged on
the wall clock; the CPU time of this process is printed beside it: on a shared, loaded
machine it is the steadier of the two, since waiting for a core is not counted).

    nice .venv/bin/python bench/hours.py [--runs 15]
"""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
from pathlib import Path

from printing import _last_month, _minimal_document, _office, _time


def _actor(db, login: str):
    from sqlalchemy import select

    from opsdesk.services.account.auth import actor_for
    from opsdesk.storage.models import Staff

    with db.reading() as session:
        return actor_for(session, session.scalar(select(Staff).where(Staff.login == login)))


def _plain_xlsx(export) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for table in export.tables:
        sheet = book.create_sheet(table.name[:31])
        sheet.append([column.title for column in table.columns])
        for row in [*table.rows, *([table.totals] if table.totals is not None else [])]:
            sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs

    from opsdesk.printing.fonts import FONT, FONT_BOLD, register_fonts
    from opsdesk.printing.formatting import format_date, format_hours, format_time
    from opsdesk.printing.hour_sheet import build_hour_sheet
    from opsdesk.printing.hour_sheet_story import _form_cell
    from opsdesk.printing.table_export import build_export
    from opsdesk.services import audit
    from opsdesk.services.hours.records import ApprovalState
    from opsdesk.services.registry import Services
    from opsdesk.storage.setting_values import put_setting

    with tempfile.TemporaryDirectory() as folder:
        db, manager, contract_id = _office(Path(folder))
        try:
            provider = Services(db, _actor(db, "psycholog"), manager.ctx.clock)
            month = _last_month(manager)
            approvals = manager.month_approvals
            state = approvals.status(contract_id, month).state  # the demo: submitted
            if state is ApprovalState.SUBMITTED:
                approvals.approve(contract_id, month)
                state = ApprovalState.APPROVED
            if state is ApprovalState.APPROVED:
                approvals.reopen(contract_id, month, "bench")

            def write_baseline() -> None:
                with db.transaction() as session:
                    put_setting(session, "bench.marker", 1)
                    audit.record(session, manager.ctx, "update", "setting", None, "bench")

            def approval() -> None:
                provider.month_approvals.submit(contract_id, month)
                approvals.approve(contract_id, month)

            def reopen() -> None:
                approvals.reopen(contract_id, month, "bench")

            export = manager.hours_exports.summary(contract_id, "xlsx")
            data = manager.hours_sheets.hour_sheet(contract_id, month)
            rows = [
                [
                    f"{n}.",
                    format_date(r.day),
                    f"{format_time(r.start)}–{format_time(r.end)}",
                    format_hours(r.minutes),
                    _form_cell(r),
                    r.client_code,
                ]
                for n, r in enumerate(data.sessions(), start=1)
            ]
            header = [
                "Lp.",
                "Data",
                "Godz. od–do",
                "Liczba godzin",
                "Forma; wykonane zadanie (zadanie w projekcie)",
                "Kod klienta",
            ]
            total = ["Razem w miesiącu", "", "", format_hours(data.month_used_minutes), "", ""]
            register_fonts()
            cases = {
                "write baseline": write_baseline,
                "approval": approval,
                "xlsx baseline": lambda: _plain_xlsx(export),
                "xlsx export": lambda: build_export(
                    manager.hours_exports.summary(contract_id, "xlsx"), "xlsx"
                ),
                "sheet baseline": lambda: _minimal_document(header, rows, total, (FONT, FONT_BOLD)),
                "hour sheet": lambda: build_hour_sheet(data),
            }
            times: dict[str, list[float]] = {name: [] for name in cases}
            cpu: dict[str, list[float]] = {name: [] for name in cases}
            for run in range(runs + 1):  # the first run warms up
                for name, case in cases.items():
                    started = time.process_time()
                    took = _time(case)
                    used = time.process_time() - started
                    if name == "approval":
                        reopen()
                    if run:
                        times[name].append(took)
                        cpu[name].append(used)
        finally:
            db.dispose()

    median = {name: statistics.median(values) for name, values in times.items()}
    months = len(export.tables[0].rows)
    print(
        f"demo office; month {month[1]:02d}.{month[0]}: {len(rows)} sessions; summary export: "
        f"{months} month rows in {len(export.tables)} sheets; median of {runs} runs"
    )
    bases = {
        "approval": "write baseline",
        "xlsx export": "xlsx baseline",
        "hour sheet": "sheet baseline",
    }
    median_cpu = {name: statistics.median(values) for name, values in cpu.items()}
    print("  case              wall clock                       CPU time of this process")
    for name, value in median.items():
        ratio = f"   {value / median[bases[name]]:5.2f}× {bases[name]:<15}" if name in bases else ""
        spent = median_cpu[name]
        cpu_ratio = f"   {spent / median_cpu[bases[name]]:5.2f}×" if name in bases else ""
        print(f"  {name:<15} {value * 1000:8.1f} ms{ratio:<34} {spent * 1000:8.1f} ms{cpu_ratio}")
    print(f"approval ≤ 1 s: {'yes' if median['approval'] <= 1 else 'NO'}")
    print(f"xlsx export ≤ 1 s: {'yes' if median['xlsx export'] <= 1 else 'NO'}")
    ratio = median["hour sheet"] / median["sheet baseline"]
    cpu_ratio = median_cpu["hour sheet"] / median_cpu["sheet baseline"]
    print(
        f"hour sheet ≤ 2× its baseline: {'yes' if ratio <= 2 else 'NO'} ({ratio:.2f}× wall "
        f"clock; {cpu_ratio:.2f}× in CPU time, steadier on a loaded machine)"
    )


if __name__ == "__main__":
    main()
