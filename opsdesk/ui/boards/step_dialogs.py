"""Small dialogs of a case's steps: a date and a reason (interview, decision, suspension,
resumption, the art. 36 notice), and the hand-off to another team. The service's messages
appear next to the fields; the dialog stays open until the step is accepted."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit

from opsdesk.i18n import _
from opsdesk.services.cases.records import KindRecord
from opsdesk.ui.date_edit import DateEdit
from opsdesk.ui.form_dialog import FormDialog


class StepDialog(FormDialog):
    """A date (optional) and a reason; ``submit(date, reason)`` does the step."""

    def __init__(self, parent, title: str, submit: Callable[[date | None, str], object], *,
                 date_label: str | None, date_field: str = "date", today: date,
                 initial: date | None = None, reason_label: str = "",
                 reason_field: str = "reason", intro: str = ""):
        super().__init__(parent, title, _("Save"), intro)
        self.submit = submit
        self.date = None
        if date_label is not None:
            self.date = DateEdit(initial or today, today=today)
            self.add_field(date_field, date_label, self.date)
        self.reason = QLineEdit()
        self.reason.setMinimumWidth(380)
        if reason_label:
            self.add_field(reason_field, reason_label, self.reason)

    def call(self):
        return self.submit(self.date.checked_date() if self.date else None, self.reason.text())


class HandoffDialog(FormDialog):
    """Ask another team to take a family on: a linked case on that team's board."""

    def __init__(self, parent, title: str, kinds: list[KindRecord],
                 submit: Callable[[int, str, bool], object], intro: str = ""):
        super().__init__(parent, title, _("Hand over"), intro)
        self.submit = submit
        self.kind = QComboBox()
        for kind in kinds:
            self.kind.addItem(kind.name, kind.id)
        self.summary = QPlainTextEdit()
        self.summary.setTabChangesFocus(True)
        self.summary.setPlaceholderText(_("What should the other team do, and why?"))
        self.summary.setMinimumSize(420, 90)
        self.urgent = QCheckBox(_("&Urgent"))
        self.add_field("kind", _("&Kind of help:"), self.kind)
        self.add_field("summary", _("&Request:"), self.summary)
        self.form.addRow("", self.urgent)

    def call(self):
        return self.submit(self.kind.currentData(), self.summary.toPlainText(),
                           self.urgent.isChecked())
