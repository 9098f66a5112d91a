"""Small dialogs of a case's steps: a date and a reason (interview, decision, suspension,
resumption, the art. 36 notice), and the hand-off to another team. The service's messages
appear next to the fields; the dialog stays open until the step is accepted."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from opsdesk.i18n import _
from opsdesk.services.cases_records import KindRecord
from opsdesk.services.errors import ServiceError, ValidationError
from opsdesk.ui.forms import FieldErrors

DATE_FORMAT = "dd.MM.yyyy"


def date_edit(value: date) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day))
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setCalendarPopup(True)
    return edit


def to_date(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


class StepDialog(QDialog):
    """A date (optional) and a reason; ``submit(date, reason)`` does the step."""

    def __init__(self, parent, title: str, submit: Callable[[date | None, str], object], *,
                 date_label: str | None, date_field: str = "date", today: date,
                 initial: date | None = None, reason_label: str = "",
                 reason_field: str = "reason", intro: str = ""):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.submit = submit
        self.result_value = None
        self.errors = FieldErrors(self)
        form = QFormLayout()
        self.date = None
        if date_label is not None:
            self.date = date_edit(initial or today)
            form.addRow(date_label, self.date)
            self.errors.attach(date_field, self.date, form)
        self.reason = QLineEdit()
        self.reason.setMinimumWidth(380)
        if reason_label:
            form.addRow(reason_label, self.reason)
            self.errors.attach(reason_field, self.reason, form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if intro:
            label = QLabel(intro)
            label.setWordWrap(True)
            layout.addWidget(label)
        layout.addWidget(self.errors.general_label)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def save(self) -> None:
        try:
            self.result_value = self.submit(to_date(self.date) if self.date else None,
                                            self.reason.text())
        except ValidationError as error:
            self.errors.show(error.errors)
            return
        except ServiceError as error:
            self.errors.show({"": str(error)})
            return
        self.accept()


class HandoffDialog(QDialog):
    """Ask another team to take a family on: a linked case on that team's board."""

    def __init__(self, parent, title: str, kinds: list[KindRecord],
                 submit: Callable[[int, str, bool], object], intro: str = ""):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.submit = submit
        self.result_value = None
        self.errors = FieldErrors(self)
        self.kind = QComboBox()
        for kind in kinds:
            self.kind.addItem(kind.name, kind.id)
        self.summary = QPlainTextEdit()
        self.summary.setTabChangesFocus(True)
        self.summary.setPlaceholderText(_("What should the other team do, and why?"))
        self.summary.setMinimumSize(420, 90)
        self.urgent = QCheckBox(_("&Urgent"))
        form = QFormLayout()
        form.addRow(_("&Kind of help:"), self.kind)
        self.errors.attach("kind", self.kind, form)
        form.addRow(_("&Request:"), self.summary)
        self.errors.attach("summary", self.summary, form)
        form.addRow("", self.urgent)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Hand over"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if intro:
            label = QLabel(intro)
            label.setWordWrap(True)
            layout.addWidget(label)
        layout.addWidget(self.errors.general_label)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def save(self) -> None:
        try:
            self.result_value = self.submit(self.kind.currentData(),
                                            self.summary.toPlainText(), self.urgent.isChecked())
        except ValidationError as error:
            self.errors.show(error.errors)
            return
        except ServiceError as error:
            self.errors.show({"": str(error)})
            return
        self.accept()
