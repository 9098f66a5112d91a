"""The letters printed from a case, under its history: when, which, by whom, and "Print again",
which prints the letter exactly as it was (the version of the template and the values it was
printed with), through the same preview as every document."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.formatting import format_datetime
from opsdesk.domain.ids import CaseId
from opsdesk.i18n import _
from opsdesk.services.letters.records import LetterDocument, LetterRecord
from opsdesk.ui.forms import show_service_error
from opsdesk.ui.operation import run_operation

if TYPE_CHECKING:
    from opsdesk.services.registry import Services


def letter_line(letter: LetterRecord) -> str:
    text = _("{when} \u2014 {name} (version {n}), {person}").format(
        when=format_datetime(letter.printed_at),
        name=letter.template_name or letter.kind_label,
        n=letter.version,
        person=letter.printed_by or _("unknown"),
    )
    if not letter.reprintable:
        text += " " + _("(its data were anonymised)")
    return text


class LettersPanel(QWidget):
    """The case's letters, newest first, with "Print again" and "Letter…"."""

    new_requested = Signal()

    def __init__(self, services: Services, case_id: int, parent=None):
        super().__init__(parent)
        self.services = services
        self.case_id = CaseId(case_id)
        self.letters: list[LetterRecord] = []
        self.preview_job: object = None  # the preview of the letter printed again
        self.list = QListWidget()
        self.list.setObjectName("lettersList")
        self.list.setAccessibleName(_("Letters of the case"))
        self.list.setMaximumHeight(self.list.fontMetrics().lineSpacing() * 5 + 12)
        self.list.itemActivated.connect(lambda _item: self.print_again())
        self.list.currentRowChanged.connect(self._chosen)
        self.empty = QLabel(_("No letter has been printed in this case."))
        self.empty.setObjectName("noLetters")
        self.again_button = QPushButton(_("Print &again\u2026"))
        self.again_button.setObjectName("printAgain")
        self.again_button.clicked.connect(self.print_again)
        self.new_button = QPushButton(_("New &letter\u2026"))
        self.new_button.setObjectName("newLetter")
        self.new_button.clicked.connect(self.new_requested.emit)
        heading = QLabel(_("Letters:"))
        heading.setBuddy(self.list)
        buttons = QHBoxLayout()
        buttons.addWidget(heading)
        buttons.addStretch(1)
        buttons.addWidget(self.again_button)
        buttons.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.empty)
        layout.addWidget(self.list)

    def show_letters(self, letters: list[LetterRecord]) -> None:
        """The case's letters (oldest first, as the service gives them), newest shown first."""
        self.letters = list(reversed(letters))
        self.list.clear()
        for letter in self.letters:
            item = QListWidgetItem(letter_line(letter))
            item.setData(Qt.ItemDataRole.UserRole, letter.id)
            item.setToolTip(letter.title)
            self.list.addItem(item)
        self.empty.setVisible(not self.letters)
        self.list.setVisible(bool(self.letters))
        if self.letters:
            self.list.setCurrentRow(0)
        self._chosen(self.list.currentRow())

    def _chosen(self, row: int) -> None:
        letter = self.letters[row] if 0 <= row < len(self.letters) else None
        self.again_button.setEnabled(letter is not None and letter.reprintable)

    def print_again(self) -> bool:
        """The chosen letter again, read off the GUI thread, then in the preview
        (``preview_job``); True when asked (a second press meanwhile does nothing)."""
        row = self.list.currentRow()
        if not 0 <= row < len(self.letters):
            return False
        letter_id, letters = self.letters[row].id, self.services.letters
        return run_operation(
            self.again_button,
            lambda: letters.reprint(letter_id),
            self._show_again,
            refused=lambda error: show_service_error(self, error, _("Letter")),
            busy=_("printing the letter again"),
        )

    def _show_again(self, document: LetterDocument) -> None:
        from opsdesk.ui.boards.letter_dialog import show_letter

        self.preview_job = show_letter(self.window(), document, again=True)
