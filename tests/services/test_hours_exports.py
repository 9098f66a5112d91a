"""Hours lists and summaries exported to XLSX and CSV, read back as a spreadsheet would: a
header row, real dates, times and numbers, Polish words, client codes only; each export is in
the audit log like a print."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, time

from openpyxl import load_workbook
from sqlalchemy import select

from opsdesk.printing.table_export import build_csv, build_xlsx
from opsdesk.storage.models import AuditEntry

NOV = (2026, 11)


def _november(hours) -> None:
    hours.psychologist.hours.record(hours.consultation(date(2026, 11, 3), "12:00", 90))
    hours.psychologist.hours.record(
        hours.consultation(date(2026, 11, 5), "08:30", 45, client="zofia")
    )


def _exports(hours) -> list[str]:
    with hours.manager.db.reading() as session:
        return list(
            session.scalars(
                select(AuditEntry.detail)
                .where(AuditEntry.action == "export")
                .order_by(AuditEntry.id)
            )
        )


def test_a_month_of_sessions_to_xlsx_has_typed_cells(hours):
    _november(hours)
    export = hours.manager.hours_exports.sessions(hours.psych.id, NOV, "xlsx")
    book = load_workbook(io.BytesIO(build_xlsx(export)))
    sheet = book["Sesje"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "Data",
        "Od",
        "Do",
        "Godziny",
        "Forma",
        "Kody klientów",
        "Stan",
        "Ponad budżet, zatwierdził(a)",
    )
    assert rows[1][:6] == (
        datetime(2026, 11, 3),
        time(12, 0),
        time(13, 30),
        1.5,
        "konsultacja indywidualna",
        "K-000001",
    )
    assert rows[1][6] == "odbyta"
    assert rows[2][3] == 0.75 and rows[2][5] == "K-000002"
    assert rows[-1][0] == "Razem odbyte" and rows[-1][3] == 2.25
    assert sheet["A2"].number_format == "DD.MM.YYYY" and sheet["D2"].number_format == "0.00"
    assert book.properties.title == "Sesje z 11.2026, umowa 3/PS/2026"
    assert _exports(hours) == ["sessions 2026-11 to XLSX"]
    assert export.file_stem == "sesje-3-PS-2026-2026-11"


def test_a_month_of_sessions_to_csv_reads_back_in_polish(hours):
    _november(hours)
    export = hours.psychologist.hours_exports.sessions(hours.psych.id, NOV, "csv")
    data = build_csv(export)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Data", "Od", "Do", "Godziny"]
    assert rows[1][:6] == [
        "03.11.2026",
        "12:00",
        "13:30",
        "1,50",
        "konsultacja indywidualna",
        "K-000001",
    ]
    assert "Kowalski" not in data.decode("utf-8-sig")  # codes, never names
    assert rows[-1][0] == "Razem odbyte" and rows[-1][3] == "2,25"
    assert _exports(hours) == ["sessions 2026-11 to CSV"]


def test_the_summary_exports_months_quarters_and_forms(hours):
    _november(hours)
    export = hours.manager.hours_exports.summary(hours.psych.id, "xlsx")
    book = load_workbook(io.BytesIO(build_xlsx(export)))
    assert book.sheetnames == ["Miesiące", "Kwartały", "Formy"]
    months = list(book["Miesiące"].iter_rows(values_only=True))
    assert months[0][:5] == (
        "Miesiąc",
        "Budżet (godz.)",
        "Odbyte (godz.)",
        "Zarezerwowane (godz.)",
        "Pozostało (godz.)",
    )
    november = next(r for r in months[1:] if r[0] == datetime(2026, 11, 1))
    assert november[1:6] == (15.0, 2.25, 0.0, 12.75, 2)
    assert months[-1][0] == "Projekt" and months[-1][2] == 2.25
    forms = list(book["Formy"].iter_rows(values_only=True))
    assert forms[1] == ("konsultacja indywidualna", 2, 2.25)
    text = build_csv(hours.manager.hours_exports.summary(hours.psych.id, "csv")).decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Miesiąc;Budżet (godz.);Odbyte (godz.)")
    assert "01.11.2026;15,00;2,25;0,00;12,75;2;0" in text
    assert _exports(hours) == ["hours summary to XLSX", "hours summary to CSV"]


def test_the_managers_projects_export(hours):
    _november(hours)
    export = hours.manager.hours_exports.projects("xlsx")
    rows = list(load_workbook(io.BytesIO(build_xlsx(export))).active.iter_rows(values_only=True))
    assert rows[0][0] == "Numer projektu"
    assert any(r[2] == "Konsultacje psychologiczne" and r[5] == 2.25 for r in rows[1:]), rows
