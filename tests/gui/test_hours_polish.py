"""Issue 18, defect 5: the hours screens speak Polish only, and the save dialog of a PDF is
Polish too (Qt's own qtbase_pl translations, loaded as the application loads them)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, QTimer, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabWidget,
    QWidget,
)

from opsdesk.ui.hours.section import HoursSection

# words of the English sources that are not Polish words too (so "to", "a", "w" are left out)
ENGLISH = {
    "the", "and", "of", "in", "is", "with", "for", "from", "this", "your", "you", "not",
    "month", "months", "hours", "hour", "session", "sessions", "budget", "save", "cancel",
    "print", "contract", "contracts", "export", "submit", "approve", "return", "reopen",
    "client", "clients", "total", "week", "today", "booked", "held", "free", "yes",
    "summary", "summaries", "calendar", "book", "booking", "new", "edit", "delete", "state",
    "project", "remaining", "used", "over", "near", "within", "open", "approved", "locked",
    "psychologist", "supervision", "supervisor", "manager", "date", "start", "duration",
    "note", "participants", "task", "rate", "carry", "look", "files", "type", "name",
}  # fmt: skip
WORD = re.compile(r"[A-Za-z]+")


def visible_texts(root: QWidget) -> list[str]:
    """Every text a person can read on ``root``: labels, buttons, tabs, group boxes, combo
    items, placeholders, tooltips, table headers and the cells of the first rows."""
    texts = [root.windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        texts.append(widget.toolTip())
        if isinstance(widget, QLabel):
            texts.append(widget.text())
        elif isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            try:
                columns = model.columnCount(QModelIndex())
            except TypeError:  # a list model keeps it private: one column
                columns = 1
            for column in range(columns):
                texts.append(str(model.headerData(column, _horizontal()) or ""))
                for row in range(min(model.rowCount(QModelIndex()), 20)):
                    texts.append(str(model.index(row, column).data() or ""))
    return [t for t in texts if t]


def _horizontal():
    from PySide6.QtCore import Qt

    return Qt.Orientation.Horizontal


def english_words(texts: list[str]) -> list[tuple[str, str]]:
    """(word, text) for each English word found; client codes and file numbers aside."""
    found = []
    for text in texts:
        for word in WORD.findall(text.replace("&", "")):
            if word.lower() in ENGLISH:
                found.append((word, text))
    return found


@pytest.mark.parametrize("who", ["psychologist", "supervisor", "manager", "clerk"])
def test_every_hours_screen_speaks_polish(qtbot, hours, who):
    services = getattr(hours, who)
    if who == "psychologist":
        services.hours.record(hours.consultation(date(2026, 11, 3), "12:00", 60))
    section = HoursSection(services)
    qtbot.addWidget(section)
    section.resize(1366, 768)
    section.show()
    found = []
    for key, page in section.pages.items():
        section.setCurrentWidget(page)
        if hasattr(getattr(page, "month", None), "set_month"):
            page.month.set_month((2026, 11))
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
    from opsdesk.ui.app import install_qt_translator

    before = set(qapp.findChildren(QTranslator))
    install_qt_translator(qapp, "pl")
    yield
    for translator in set(qapp.findChildren(QTranslator)) - before:
        qapp.removeTranslator(translator)
        translator.deleteLater()


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
