"""Exporting from the hours section: the sessions list and the summary saved as XLSX or CSV
through the save dialog, read back from the file."""

from __future__ import annotations

import io
import os
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook
from waiting import operations_done

from opsdesk.ui.hours import export_file
from opsdesk.ui.hours.section import HoursSection

GRABS = Path(os.environ.get("OPSDESK_GRABS", "/tmp/opsdesk-grabs"))


def _section(qtbot, services):
    section = HoursSection(services)
    operations_done(qtbot)
    qtbot.addWidget(section)
    section.resize(1366, 768)
    section.show()
    return section


def test_the_sessions_list_exports_to_xlsx_and_csv(qtbot, hours, tmp_path, monkeypatch):
    hours.psychologist.hours.record(hours.consultation(date(2026, 11, 3), "12:00", 90))
    section = _section(qtbot, hours.psychologist)
    page = section.pages["sessions"]
    page.month.set_month((2026, 11))
    operations_done(qtbot)
    asked = {}

    def answer(parent, title, suggested, filters):
        asked.update(title=title, suggested=suggested, filters=filters)
        return str(tmp_path / "listopad"), filters.split(";;")[0]

    monkeypatch.setattr(export_file, "ask_path", answer)
    page.buttons["export"].click()
    operations_done(qtbot)  # built and written off the GUI thread
    assert asked["title"] == "Eksport sesji"
    assert asked["suggested"].endswith("sesje-2026-11.xlsx")
    assert asked["filters"] == (
        "Skoroszyt Excel (*.xlsx);;Plik CSV, pola rozdzielone średnikiem (*.csv)"
    )
    saved = tmp_path / "listopad.xlsx"
    assert page.message.text() == f"Zapisano w pliku {saved}"
    rows = list(load_workbook(io.BytesIO(saved.read_bytes())).active.iter_rows(values_only=True))
    assert rows[0][0] == "Data" and rows[1][0] == datetime(2026, 11, 3) and rows[1][3] == 1.5
    monkeypatch.setattr(export_file, "ask_path", lambda *a: (str(tmp_path / "listopad.csv"), ""))
    page.buttons["export"].click()
    operations_done(qtbot)
    text = (tmp_path / "listopad.csv").read_text("utf-8-sig")
    assert text.splitlines()[1].startswith("03.11.2026;12:00;13:30;1,50;")
    GRABS.mkdir(parents=True, exist_ok=True)
    section.grab().save(str(GRABS / "hours-sessions-exported.png"))


def test_the_manager_exports_the_summary_and_the_projects(qtbot, hours, tmp_path, monkeypatch):
    hours.psychologist.hours.record(hours.consultation(date(2026, 11, 3), "12:00", 90))
    section = _section(qtbot, hours.manager)
    page = section.pages["summary"]
    section.setCurrentWidget(page)
    page.contracts.setCurrentIndex(page.contracts.findData(hours.psych.id))
    operations_done(qtbot)
    monkeypatch.setattr(
        export_file, "ask_path", lambda *a: (str(tmp_path / "zestawienie.xlsx"), "")
    )
    page.export_button.click()
    operations_done(qtbot)
    book = load_workbook(tmp_path / "zestawienie.xlsx")
    assert book.sheetnames == ["Miesiące", "Kwartały", "Formy"]
    monkeypatch.setattr(export_file, "ask_path", lambda *a: (str(tmp_path / "projekty.csv"), ""))
    page.projects_button.click()
    operations_done(qtbot)
    text = (tmp_path / "projekty.csv").read_text("utf-8-sig")
    assert text.startswith("Numer projektu;Projekt;Rodzaj zajęć;Umowy;")
    assert page.export_message.text() == f"Zapisano w pliku {tmp_path / 'projekty.csv'}"
    GRABS.mkdir(parents=True, exist_ok=True)
    section.grab().save(str(GRABS / "hours-summary-exported.png"))
