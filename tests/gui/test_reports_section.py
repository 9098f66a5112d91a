"""The "Raporty" section: the documents each person may print, their parameters, and the
preview built off the GUI thread."""

from __future__ import annotations

import subprocess
import sys

import pytest
from pdf_text import all_text
from report_office import MARCH_MINUTES
from typing_keys import type_text
from waiting import operations_done, server_away, slow_server

from opsdesk.printing.formatting import format_hours
from opsdesk.ui.printing.preview_dialog import DocumentPreviewDialog
from opsdesk.ui.reports.section import ReportsSection


@pytest.fixture
def section_for(qtbot, reports_office):
    def make(who: str) -> ReportsSection:
        section = ReportsSection(getattr(reports_office, who))
        qtbot.addWidget(section)
        section.resize(900, 560)
        section.show()
        operations_done(qtbot)  # the contracts and teams the panels offer
        return section

    return make


def build_and_preview(qtbot, section: ReportsSection) -> tuple[bytes, DocumentPreviewDialog]:
    job = section.preview()
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=30_000) as blocker:
        pass
    qtbot.waitUntil(lambda: section.findChild(DocumentPreviewDialog) is not None)
    return blocker.args[0], section.findChild(DocumentPreviewDialog)


@pytest.mark.parametrize(
    ("who", "keys"),
    [
        ("manager", ["overview", "hours", "supervision", "summary", "deadlines", "gdpr"]),
        ("psychologist", ["hours", "summary"]),
        ("supervisor", ["hours", "supervision", "summary"]),
        ("benefits_worker", ["deadlines"]),
    ],
)
def test_each_person_sees_the_documents_they_may_print(section_for, who, keys):
    assert section_for(who).keys() == keys


def test_the_manager_previews_the_record_of_hours_of_march(qtbot, section_for):
    section = section_for("manager")
    panel = section.choose("hours")
    assert panel.month.month() == (2026, 10)  # the month that has just ended
    panel.month.set_month((2026, 3))
    pdf, dialog = build_and_preview(qtbot, section)
    assert "Ewidencja godzin" in dialog.windowTitle()
    text = all_text(pdf)
    assert f"Razem w miesiącu {format_hours(MARCH_MINUTES)}" in text
    assert "marzec 2026" in text
    assert dialog.page_count() == 1
    dialog.close()


def test_the_supervisor_previews_the_attendance_list_of_a_month(qtbot, section_for):
    section = section_for("supervisor")
    panel = section.choose("supervision")
    assert panel.month.month() == (2026, 10)
    panel.month.set_month((2026, 3))
    request = panel.request()
    assert request.title == "Lista obecności na superwizji"
    assert request.file_name.startswith("lista-obecnosci-") and "2026-03" in request.file_name
    pdf, dialog = build_and_preview(qtbot, section)
    assert "marzec 2026" in all_text(pdf)
    dialog.close()


def test_the_project_summary_of_the_supervision(qtbot, section_for):
    section = section_for("supervisor")
    panel = section.choose("summary")
    assert panel.whole_project.isChecked() and not panel.quarter.isEnabled()
    pdf, dialog = build_and_preview(qtbot, section)
    assert "Zestawienie godzin w projekcie" in all_text(pdf)
    assert section.job is not None
    dialog.close()


def test_a_worker_starts_with_their_own_deadlines(qtbot, section_for):
    section = section_for("benefits_worker")
    panel = section.choose("deadlines")
    assert panel.team.currentText() == "Zespół świadczeń"
    assert panel.worker.currentText() == "Anna Łęcka"
    assert panel.until.date().toString("dd.MM.yyyy") == "14.12.2026"
    pdf, dialog = build_and_preview(qtbot, section)
    text = all_text(pdf)
    # the overdue case: both its interview and its decision are overdue
    assert "Raport terminów Anna Łęcka" in text and "Po terminie (2)" in text
    dialog.close()


def test_the_gdpr_report_finds_the_person_first(qtbot, section_for, qtmodeltester):
    section = section_for("manager")
    panel = section.choose("gdpr")
    assert section.preview() is None  # nobody chosen yet
    message = panel.errors.messages()["client"]
    assert message == "Wyszukaj osobę i wybierz ją z listy."
    type_text(qtbot, panel.search, "Źdźbło")
    panel.find_clients()
    operations_done(qtbot)
    qtmodeltester.check(panel.model)
    assert panel.model.rowCount() == 1
    assert panel.model.index(0).data().startswith("Źdźbło Grażyna — ")
    pdf, dialog = build_and_preview(qtbot, section)
    text = all_text(pdf)
    assert "Informacja o przetwarzanych danych osobowych Grażyna Źdźbło" in text
    assert "Sporządził(a) Jolanta Świątek" in text
    dialog.close()


def test_a_search_that_finds_nobody_says_so(qtbot, section_for):
    section = section_for("manager")
    panel = section.choose("gdpr")
    type_text(qtbot, panel.search, "Nieistniejąca")
    panel.find_clients()
    operations_done(qtbot)
    assert panel.errors.messages()["client"] == "Nie znaleziono nikogo dla „Nieistniejąca”."


def test_a_refused_document_is_explained_in_polish(qtbot, section_for, reports_office, monkeypatch):
    from opsdesk.ui.printing import document_flow

    shown = []
    monkeypatch.setattr(
        document_flow.QMessageBox, "critical", lambda _parent, _title, text: shown.append(text)
    )
    section = section_for("psychologist")
    panel = section.choose("hours")  # someone else's contract slipped into the list
    panel.contract.addItem("obca umowa", reports_office.supervision.id)
    panel.contract._contracts[reports_office.supervision.id] = reports_office.supervision
    panel.contract.setCurrentIndex(panel.contract.count() - 1)
    job = section.preview()
    with qtbot.waitSignal(job.failed, timeout=30_000):
        pass
    assert shown and "Nie masz uprawnień" in shown[0]


def test_the_section_is_in_the_main_window(qtbot, reports_office):
    from opsdesk.ui.main_window import MainWindow

    window = MainWindow(reports_office.manager, "OPS w Łęczycy")
    qtbot.addWidget(window)
    assert isinstance(window.open_section("reports"), ReportsSection)


def test_the_desk_previews_a_ticket_80_mm_wide(qtbot, reports_office):
    from PySide6.QtWidgets import QDialog

    from opsdesk.ui.reports.desk import preview_referral_slip, preview_ticket

    parent = QDialog()
    qtbot.addWidget(parent)
    with qtbot.waitSignal(
        preview_ticket(parent, reports_office.clerk, reports_office.visits["lukasz"]).finished,
        timeout=30_000,
    ) as blocker:
        pass
    assert "Twój numer" in all_text(blocker.args[0])
    qtbot.waitUntil(lambda: parent.findChild(DocumentPreviewDialog) is not None)
    dialog = parent.findChild(DocumentPreviewDialog)
    assert round(dialog._pages.page_size(0).width() / 72 * 25.4) == 80
    dialog.close()
    with qtbot.waitSignal(
        preview_referral_slip(
            parent, reports_office.clerk, reports_office.visits["lukasz"]
        ).finished,
        timeout=30_000,
    ) as blocker:
        pass
    assert "Skierowanie" in all_text(blocker.args[0])


def test_opening_the_section_does_not_load_reportlab():
    code = (
        "import sys, opsdesk.ui.reports.section, opsdesk.ui.reports.desk, "
        "opsdesk.printing.documents; "
        "print(sorted(m for m in sys.modules if m.startswith('reportlab')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_the_client_search_is_labelled_with_an_access_key(section_for):
    from PySide6.QtWidgets import QLabel

    section = section_for("manager")
    panel = section.choose("gdpr")
    label = next(lbl for lbl in panel.findChildren(QLabel) if lbl.buddy() is panel.search)
    assert label.text() == "&Klient:"


def test_a_slow_server_never_freezes_the_section_and_the_newest_search_wins(
    qtbot, reports_office, monkeypatch
):
    manager = reports_office.manager
    with slow_server(monkeypatch, type(manager.contracts), "list") as slow:
        section = ReportsSection(manager)
        qtbot.addWidget(section)
        section.show()
        qtbot.waitUntil(lambda: slow.ticks >= 5)  # the window goes on while the server thinks
        assert section.keys() == [] and section.note.text() == "Wczytywanie…"
        assert not section.preview_button.isEnabled()
    operations_done(qtbot)
    assert section.keys()[:3] == ["overview", "hours", "supervision"]
    assert len(slow.calls) == 1 and section.note.isHidden()
    panel = section.choose("gdpr")
    with slow_server(monkeypatch, type(manager.reports), "find_clients") as slow:
        type_text(qtbot, panel.search, "Nieistniejąca")
        panel.find_clients()  # Enter
        panel.search.clear()
        type_text(qtbot, panel.search, "Źdźbło")
        panel.find_clients()  # typed again before the first answered: waits its turn
        qtbot.waitUntil(lambda: slow.ticks >= 5)
        assert panel.model.rowCount() == 0
    operations_done(qtbot)
    assert [c[0] for c in slow.calls] == ["Nieistniejąca", "Źdźbło"]  # each once, in turn
    assert panel.model.rowCount() == 1  # only the newest answer is shown
    assert panel.model.index(0).data().startswith("Źdźbło Grażyna — ")
    assert "client" not in panel.errors.messages()


def test_the_sections_choices_refused_at_first_come_once_the_server_answers(
    qtbot, reports_office, monkeypatch
):
    """The server away a moment as the section opens: said on its note line, asked again
    shortly, the documents listed once it answers."""
    manager = reports_office.manager
    contracts = type(manager.contracts)
    away = server_away(monkeypatch, contracts, "list")
    section = ReportsSection(manager)
    qtbot.addWidget(section)
    section.show()
    qtbot.waitUntil(lambda: len(away.tries) >= 2, timeout=5000)
    assert "Brak połączenia" in section.note.text() and section.keys() == []
    away.back()
    qtbot.waitUntil(lambda: section.keys() != [], timeout=5000)
    operations_done(qtbot)
    assert section.keys()[:3] == ["overview", "hours", "supervision"]
    assert section.note.isHidden()
