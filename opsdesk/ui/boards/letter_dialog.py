"""Printing a letter from a case ("Pismo…"): choose the letter, fill in what it asks for,
read it as it will be printed, print.

The letter's text is shown as the fields are filled in (the same checks as printing, nothing
written); a problem appears under its field, and a value the case lacks (a decision's number,
a PESEL) names the field above the text. "Print…" records the letter in the case — with its
clock: a summons makes the case wait, an art. 36 notice moves the decision's deadline, a
delivery record starts the appeal period — and opens the document's preview, from which it is
printed or saved as PDF.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.ids import CaseId
from opsdesk.errors import ServiceError, ValidationError
from opsdesk.i18n import N_, _
from opsdesk.services.letters.records import LetterChoice, LetterDocument, LetterInputs
from opsdesk.ui.date_edit import DateEdit
from opsdesk.ui.forms import FieldErrors
from opsdesk.ui.operation import is_running, run_first_read, run_operation

if TYPE_CHECKING:
    from opsdesk.services.letters.records import PrintedLetter
    from opsdesk.services.registry import Services

PREVIEW_DELAY_MS = 250
DELIVERY_MANNERS = (
    "osobiście, w siedzibie ośrodka",
    "przez pracownika socjalnego, w miejscu zamieszkania strony",
    "przez operatora pocztowego, za zwrotnym potwierdzeniem odbioru",
)

# what printing a letter of each kind does to the case, said before printing
EFFECTS = {
    "summons": N_(
        "The case waits 7 days from the summons' delivery (KPA art. 64 \u00a7 2); those days "
        "do not count towards the decision's deadline (art. 35 \u00a7 5)."
    ),
    "delay_notice": N_("The new date becomes the decision's deadline (KPA art. 36)."),
    "delivery_record": N_(
        "The delivery is recorded: the party may appeal for 14 days, then the decision is final."
    ),
}


class LetterDialog(QDialog):
    def __init__(self, services: Services, case_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.case_id = CaseId(case_id)
        self.printed: PrintedLetter | None = None
        self.preview_job = None  # the document job of the printed letter's preview
        self.document: LetterDocument | None = None
        self.setWindowTitle(_("Letter"))
        self.setObjectName("letterDialog")
        today = services.ctx.clock.today()
        self.choices: list[LetterChoice] = []  # read off the GUI thread as the dialog opens

        self.letter = QComboBox()
        self.letter.setObjectName("letterChoice")
        self.letter.addItem(_("Loading\u2026"), None)
        self.letter.setEnabled(False)
        self.problem = QLabel()
        self.problem.setObjectName("letterProblem")
        self.problem.setWordWrap(True)
        self.effect = QLabel()
        self.effect.setObjectName("letterEffect")
        self.effect.setWordWrap(True)

        self.missing = QPlainTextEdit()
        self.missing.setObjectName("letterMissing")
        self.missing.setTabChangesFocus(True)
        self.missing.setPlaceholderText(_("e.g. a certificate of income from ZUS for October"))
        self.missing.setFixedHeight(self.missing.fontMetrics().lineSpacing() * 4 + 12)
        self.counted_from = DateEdit(today, today=today)
        self.new_date = DateEdit(None, today=today)
        self.reason = QLineEdit()
        self.reason.setObjectName("letterReason")
        self.interview_on = DateEdit(None, today=today)
        self.interview_at = QLineEdit()
        self.interview_at.setObjectName("letterHour")
        self.interview_at.setPlaceholderText("10:00")
        self.interview_at.setMaximumWidth(90)
        self.linked_case = QComboBox()
        self.linked_case.setObjectName("letterLinkedCase")
        self.delivered_on = DateEdit(today, today=today)
        self.delivery_manner = QComboBox()
        self.delivery_manner.setObjectName("letterManner")
        self.delivery_manner.setEditable(True)
        self.delivery_manner.addItems(DELIVERY_MANNERS)
        self.content = QPlainTextEdit()
        self.content.setObjectName("letterContent")
        self.content.setTabChangesFocus(True)
        self.content.setFixedHeight(self.content.fontMetrics().lineSpacing() * 6 + 12)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.addRow(_("&Letter:"), self.letter)
        self.errors = FieldErrors(self)
        self.errors.attach("template", self.letter, self.form)
        self.inputs: dict[str, QWidget] = {
            "missing": self.missing,
            "counted_from": self.counted_from,
            "new_date": self.new_date,
            "reason": self.reason,
            "interview_on": self.interview_on,
            "interview_at": self.interview_at,
            "linked_case_id": self.linked_case,
            "delivered_on": self.delivered_on,
            "delivery_manner": self.delivery_manner,
            "content": self.content,
        }
        labels = {
            "missing": _("What the application &lacks:"),
            "counted_from": _("Summons &delivered on:"),
            "new_date": _("&New date:"),
            "reason": _("&Why late:"),
            "interview_on": _("Interview &on:"),
            "interview_at": _("at &hour:"),
            "linked_case_id": _("Handed to &case:"),
            "delivered_on": _("&Delivered on:"),
            "delivery_manner": _("&How:"),
            "content": _("&Content:"),
        }
        for name, widget in self.inputs.items():
            self.form.addRow(labels[name], widget)
            self.errors.attach(name, widget, self.form)

        self.text = QTextBrowser()
        self.text.setObjectName("letterText")
        self.text.setAccessibleName(_("The letter as it will be printed"))
        self.text.setMinimumWidth(420)

        left = QVBoxLayout()
        left.addWidget(self.problem)
        left.addLayout(self.form)
        left.addWidget(self.effect)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(QLabel(_("The letter:")))
        right.addWidget(self.errors.general_label)
        right.addWidget(self.text, 1)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.print_button = QPushButton(_("&Print\u2026"))
        self.print_button.setObjectName("printLetter")
        self.print_button.setDefault(True)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.print_button.clicked.connect(self.print_letter)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        self.resize(1000, 600)

        self._timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.letter.currentIndexChanged.connect(self._letter_chosen)
        # the fields the person changed since the letter was chosen: the preview says what is
        # wrong with those; an untouched empty field is not an error yet (printing says all)
        self._touched: set[str] = set()
        changed = {
            "missing": self.missing.textChanged,
            "content": self.content.textChanged,
            "reason": self.reason.textChanged,
            "interview_at": self.interview_at.textChanged,
            "counted_from": self.counted_from.dateChanged,
            "new_date": self.new_date.dateChanged,
            "interview_on": self.interview_on.dateChanged,
            "delivered_on": self.delivered_on.dateChanged,
            "linked_case_id": self.linked_case.currentIndexChanged,
            "delivery_manner": self.delivery_manner.currentTextChanged,
        }
        for name, signal in changed.items():
            signal.connect(lambda *_a, name=name: self._changed(name))
        for widget in self.inputs.values():  # until a letter is chosen
            self.form.setRowVisible(widget, False)
        self.problem.hide()
        self.effect.hide()
        self.print_button.setEnabled(False)
        letters, case_id = services.letters, self.case_id
        run_first_read(
            self,
            lambda: letters.choices(case_id),
            self._show_choices,
            refused=self._choices_refused,
            busy=_("loading the letters"),
        )

    def _show_choices(self, choices: list[LetterChoice]) -> None:
        """The letters this case may have: offered, the first that can be printed chosen."""
        self.choices = choices
        self.letter.blockSignals(True)
        self.letter.clear()
        for choice in choices:
            self.letter.addItem(choice.name, choice.template_id)
            if choice.problem:
                index = self.letter.count() - 1
                self.letter.setItemData(index, choice.problem, Qt.ItemDataRole.ToolTipRole)
        first = next((i for i, c in enumerate(choices) if not c.problem), 0)
        self.letter.setCurrentIndex(first)
        self.letter.blockSignals(False)
        self.letter.setEnabled(True)
        self._letter_chosen()  # says the refusal of an earlier read no more

    def _choices_refused(self, error: ServiceError) -> None:
        self.errors.show({"": str(error)})

    # --- the chosen letter ------------------------------------------------------------------

    def choice(self) -> LetterChoice | None:
        index = self.letter.currentIndex()
        return self.choices[index] if 0 <= index < len(self.choices) else None

    def choose(self, kind: str) -> None:
        """Choose the first letter of ``kind`` (for callers and tests)."""
        index = next(i for i, c in enumerate(self.choices) if c.kind == kind)
        self.letter.setCurrentIndex(index)

    def _letter_chosen(self) -> None:
        choice = self.choice()
        self.errors.clear()
        wanted = set(choice.inputs) if choice else set()
        for name, widget in self.inputs.items():
            self.form.setRowVisible(widget, name in wanted)
        if choice is not None:
            self.linked_case.clear()
            for case_id, text in choice.linked_cases:
                self.linked_case.addItem(text, case_id)
            self.linked_case.setCurrentIndex(self.linked_case.count() - 1)
        self._touched.clear()
        problem = choice.problem if choice else _("No letter can be printed from this case.")
        self.problem.setText(problem)
        self.problem.setStyleSheet("color: #a00000; font-weight: 600;" if problem else "")
        self.problem.setVisible(bool(problem))
        effect = EFFECTS.get(choice.kind) if choice else None
        self.effect.setText(_(effect) if effect else "")
        self.effect.setVisible(bool(effect))
        self.print_button.setEnabled(choice is not None and not choice.problem)
        self.refresh()

    def _changed(self, name: str) -> None:
        self._touched.add(name)
        self._timer.start()

    def given(self) -> LetterInputs:
        """What the person has filled in (fields of other letters are left out)."""
        choice = self.choice()
        wanted = set(choice.inputs) if choice else set()

        def date_of(name: str, edit: DateEdit):
            return edit.checked_date() if name in wanted else None

        return LetterInputs(
            counted_from=date_of("counted_from", self.counted_from),
            missing=self.missing.toPlainText() if "missing" in wanted else "",
            new_date=date_of("new_date", self.new_date),
            reason=self.reason.text() if "reason" in wanted else "",
            interview_on=date_of("interview_on", self.interview_on),
            interview_at=self.interview_at.text() if "interview_at" in wanted else "",
            linked_case_id=self.linked_case.currentData() if "linked_case_id" in wanted else None,
            delivered_on=date_of("delivered_on", self.delivered_on),
            delivery_manner=self.delivery_manner.currentText()
            if "delivery_manner" in wanted
            else "",
            content=self.content.toPlainText() if "content" in wanted else "",
        )

    # --- the text and printing ------------------------------------------------------------------

    def refresh(self) -> None:
        """Show the letter as it would be printed now, or why it cannot be; the text is
        made off the GUI thread (typing on, the newest answer wins)."""
        choice = self.choice()
        self.document = None
        self.text.setPlaceholderText("")
        if choice is None or choice.problem:
            self.text.setPlainText("")
            return
        try:
            given = self.given()
        except ServiceError as error:
            self._not_shown(error)
            return
        letters, case_id, template_id = self.services.letters, self.case_id, choice.template_id
        run_operation(
            self.text,
            lambda: letters.preview(case_id, template_id, given),
            self._show_document,
            refused=self._not_shown,
            busy=_("making the letter"),
            when_running="replace",
        )

    def _show_document(self, document: LetterDocument) -> None:
        self.document = document
        self.errors.clear()
        self.text.setPlainText(letter_text(document))

    def _not_shown(self, error: ServiceError) -> None:
        self.document = None
        self.text.setPlainText("")
        if not isinstance(error, ValidationError):
            self.errors.show({"": str(error)})
            return
        said = {
            name: text
            for name, text in error.errors.items()
            if name not in self.inputs or name in self._touched
        }
        self.errors.show(said)
        if not said:  # only fields the person has not come to yet
            self.text.setPlaceholderText(_("Fill in the fields on the left to see the letter."))

    def print_letter(self) -> bool:
        """Record the letter in the case (one transaction with its clock, off the GUI
        thread) and open its preview, to print or save it; True when it was asked
        (``printed`` holds the letter once recorded)."""
        choice = self.choice()
        if choice is None or choice.problem:
            return False
        try:
            given = self.given()
        except ServiceError as error:
            self.errors.show_refusal(error)
            return False
        self._touched.update(self.inputs)  # from now on the preview says all that is missing
        letters, case_id, template_id = self.services.letters, self.case_id, choice.template_id
        return run_operation(
            self,
            lambda: letters.print_letter(case_id, template_id, given),
            self._printed,
            refused=self.errors.show_refusal,
            busy=_("saving"),
        )

    def reject(self) -> None:
        if not is_running(self):  # Cancel while the letter is recorded: the answer decides
            super().reject()

    def _printed(self, printed: PrintedLetter) -> None:
        self.printed = printed
        self.accept()
        self.preview_job = show_letter(self.parentWidget() or self, printed.document)


def letter_text(document: LetterDocument) -> str:
    """The letter as plain text, in the order it is printed."""
    parts = [document.place_and_date, f"Znak sprawy: {document.file_number}"]
    if document.addressee:
        parts.append("\n".join(document.addressee))
    parts += [document.title, document.body]
    parts += ["\n".join(p for p in (s.name, f"({s.label})") if p) for s in document.signatures]
    return "\n\n".join(parts)


def show_letter(parent: QWidget, document: LetterDocument, *, again: bool = False):
    """The letter's PDF in the document preview (to print or save)."""
    from opsdesk.printing import documents
    from opsdesk.ui.printing.document_flow import preview_document

    name = f"pismo-{document.file_number}-{document.letter_id or 0}.pdf".replace("/", "-")
    return preview_document(
        parent,
        lambda progress: documents.letter(document, progress=progress),
        title=_("Letter printed again") if again else _("Letter"),
        file_name=name,
    )
