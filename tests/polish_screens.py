"""Is a screen Polish? ``visible_texts`` (what a person can read on a widget) and
``english_words`` (the English words among them); ``qt_in_polish`` (Qt's own strings in
Polish, as the application loads them) and ``catch_file_dialogs`` (the file dialogs a screen
shows, read and cancelled at once: a test never waits on a modal dialog)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QModelIndex, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabWidget,
    QWidget,
)

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


@contextmanager
def qt_in_polish() -> Iterator[None]:
    """Qt's own strings in Polish, loaded as the application loads them at start."""
    from opsdesk.ui.app import install_qt_translator

    app = QApplication.instance()
    before = set(app.findChildren(QTranslator))
    install_qt_translator(app, "pl")
    try:
        yield
    finally:
        for translator in set(app.findChildren(QTranslator)) - before:
            app.removeTranslator(translator)
            translator.deleteLater()


LABELS = {
    "look_in": QFileDialog.DialogLabel.LookIn,
    "file_name": QFileDialog.DialogLabel.FileName,
    "file_type": QFileDialog.DialogLabel.FileType,
    "accept": QFileDialog.DialogLabel.Accept,
    "reject": QFileDialog.DialogLabel.Reject,
}
POLISH_LABELS = {
    "look_in": "Szukaj w:",
    "file_name": "Nazwa pliku:",
    "file_type": "Pliki rodzaju:",
    "reject": "Anuluj",
}
GRABS = Path(os.environ.get("OPSDESK_GRABS", "/tmp/opsdesk-grabs"))


@dataclass
class SeenDialog:
    title: str
    saving: bool
    labels: dict[str, str]
    texts: list[str] = field(default_factory=list)  # every visible text, the folder's aside

    @property
    def english(self) -> list[tuple[str, str]]:
        return english_words(self.texts)

    def is_polish(self) -> bool:
        accept = "Zapisz" if self.saving else "&Otwórz"
        return self.labels == {**POLISH_LABELS, "accept": accept} and not self.english


def catch_file_dialogs(monkeypatch, grab_as: str = "") -> list[SeenDialog]:
    """Each file dialog shown from now on is shown without waiting, read into the returned
    list, grabbed to ``GRABS/<grab_as>-<scale>.png`` when asked (1366×768 screen, two thirds
    of it) and cancelled."""
    seen: list[SeenDialog] = []

    def read_and_cancel(dialog: QFileDialog) -> int:
        dialog.resize(1366 * 2 // 3, 768 * 2 // 3)
        dialog.show()
        folder = dialog.directory().absolutePath()
        seen.append(
            SeenDialog(
                dialog.windowTitle(),
                dialog.acceptMode() == QFileDialog.AcceptMode.AcceptSave,
                {key: dialog.labelText(label) for key, label in LABELS.items()},
                [text for text in visible_texts(dialog) if folder not in text],
            )
        )
        if grab_as:
            GRABS.mkdir(parents=True, exist_ok=True)
            scale = os.environ.get("QT_SCALE_FACTOR", "1")
            dialog.grab().save(str(GRABS / f"{grab_as}-{scale}.png"))
        dialog.reject()
        return 0

    def static_dialog(*_args, **_kwargs):
        raise AssertionError("a static QFileDialog function: Qt's own labels, partly English")

    monkeypatch.setattr(QFileDialog, "exec", read_and_cancel)
    for name in ("getSaveFileName", "getOpenFileName", "getOpenFileNames"):
        monkeypatch.setattr(QFileDialog, name, static_dialog)
    return seen
