"""Issue 18, defect 5: the hours screens speak Polish only, and the save dialog of a PDF is
Polish too (Qt's own qtbase_pl translations, loaded as the application loads them)."""

from __future__ import annotations

from datetime import date

import pytest
from polish_screens import english_words, qt_in_polish, visible_texts
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from waiting import operations_done

from opsdesk.ui.hours.section import HoursSection


@pytest.mark.parametrize("who", ["psychologist", "supervisor", "manager", "clerk"])
def test_every_hours_screen_speaks_polish(qtbot, hours, who):
    services = getattr(hours, who)
    if who == "psychologist":
        services.hours.record(hours.consultation(date(2026, 11, 3), "12:00", 60))
    section = HoursSection(services)
    operations_done(qtbot)
    qtbot.addWidget(section)
    section.resize(1366, 768)
    section.show()
    found = []
    for key, page in section.pages.items():
        section.setCurrentWidget(page)
        if hasattr(getattr(page, "month", None), "set_month"):
            page.month.set_month((2026, 11))
            operations_done(qtbot)
        found += [(key, *hit) for hit in english_words(visible_texts(page))]
    found += [("tabs", *hit) for hit in english_words(visible_texts(section))]
    assert found == []


def test_the_month_dialogs_speak_polish(qtbot, hours):
    from opsdesk.ui.hours.contract_dialog import ContractDialog
    from opsdesk.ui.hours.month_approval import OtherProjectsDialog
    from opsdesk.ui.hours.session_dialog import SessionDialog

    dialogs = [
        ContractDialog(hours.manager, hours.manager.contracts.get(hours.psych.id)),
        SessionDialog(hours.psychologist, hours.psychologist.contracts.get(hours.psych.id)),
        OtherProjectsDialog(lambda minutes: None, None),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        assert english_words(visible_texts(dialog)) == [], dialog.windowTitle()


@pytest.fixture
def qt_polish(qapp):
    """Qt's own strings in Polish, loaded as the application loads them at start."""
    with qt_in_polish():
        yield


def test_the_pdf_save_dialog_is_polish(qtbot, hours, qt_polish, monkeypatch, tmp_path):
    from PySide6.QtCore import QStandardPaths

    from opsdesk.printing.hour_sheet import build_hour_sheet
    from opsdesk.ui.printing.preview_dialog import DocumentPreviewDialog

    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda _where: str(tmp_path))
    sheet = hours.manager.hours_sheets.hour_sheet(hours.psych.id, (2026, 11))
    preview = DocumentPreviewDialog(
        build_hour_sheet(sheet), title="Ewidencja godzin", file_name="ewidencja.pdf"
    )
    qtbot.addWidget(preview)
    seen: list[str] = []

    def look_and_close():
        dialog = QApplication.activeModalWidget()
        assert dialog is not None and dialog is not preview
        seen.extend(visible_texts(dialog))
        dialog.resize(1366 * 2 // 3, 768 * 2 // 3)
        dialog.reject()

    QTimer.singleShot(300, look_and_close)
    assert preview.save_as() is None  # the person cancelled
    text = " ".join(seen)
    assert "Szukaj w:" in text and "Pliki rodzaju:" in text
    assert "Look in:" not in text and "Files of type:" not in text
    assert english_words([t for t in seen if str(tmp_path) not in t]) == []
