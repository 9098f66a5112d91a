"""A dialog of fields whose main button asks a service to do something.

The layout is always the same: an optional introduction, the line for messages that belong
to no field, the form, the buttons. ``save`` calls ``call()``; a ValidationError's messages
appear next to their fields and any other refusal on the message line, and the dialog stays
open until the service accepts (its result is then in ``result_value``).

    class RenameDialog(FormDialog):
        def __init__(self, parent, submit):
            super().__init__(parent, _("Rename"), _("Save"))
            self.name = QLineEdit()
            self.add_field("name", _("&Name:"), self.name)
            self.submit = submit

        def call(self):
            return self.submit(self.name.text())

A dialog whose service call must not freeze the window (a slow server) overrides ``request``
instead of ``call``: it reads the fields on the GUI thread and returns the service call, which
runs off the GUI thread (``ui.operation.run_operation``); the dialog stays open until the
answer comes, a refusal goes next to its fields, an acceptance closes it. While it saves,
OK is disabled and Cancel waits (what is being saved cannot be taken back half-way).

        def request(self):
            name = self.name.text()
            return lambda: self.submit(name)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from opsdesk.errors import ServiceError
from opsdesk.i18n import _
from opsdesk.ui.forms import FieldErrors
from opsdesk.ui.operation import is_running, run_operation


class FormDialog(QDialog):
    busy_text = ""  # the status line while a ``request`` runs (marked with N_; "saving" if empty)

    def __init__(self, parent: QWidget | None, title: str, ok_text: str, intro: str = ""):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.result_value: Any = None  # what the service call returned
        self.errors = FieldErrors(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(_("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        self.intro_label = QLabel(intro)
        self.intro_label.setObjectName("intro")
        self.intro_label.setWordWrap(True)
        self.intro_label.setVisible(bool(intro))
        layout.addWidget(self.intro_label)
        layout.addWidget(self.errors.general_label)
        layout.addLayout(self.form)
        layout.addWidget(buttons)

    def add_field(self, name: str, label: str, widget: QWidget) -> None:
        """A row of the form whose service messages (field ``name``) appear under it."""
        self.form.addRow(label, widget)
        self.errors.attach(name, widget, self.form)

    def call(self):
        """Ask the service; return its result. Raises the service's errors."""
        raise NotImplementedError

    def request(self) -> Callable[[], Any] | None:
        """Read the fields (raising a field's refusal here) and return the service call to
        run off the GUI thread; None (the default): ``call()`` runs on the GUI thread."""
        return None

    def save(self) -> None:
        if is_running(self):
            return
        try:
            work = self.request()
            if work is None:
                self.result_value = self.call()
        except ServiceError as error:
            self.errors.show_refusal(error)
            return
        if work is None:
            self.accept()
            return
        self.ok_button.setEnabled(False)
        run_operation(
            self,
            work,
            self._saved,
            refused=self._refused,
            busy=_(self.busy_text) if self.busy_text else _("saving"),
        )

    def _saved(self, value: Any) -> None:
        self.ok_button.setEnabled(True)
        self.result_value = value
        self.accept()

    def _refused(self, error: ServiceError) -> None:
        self.ok_button.setEnabled(True)
        self.errors.show_refusal(error)

    def reject(self) -> None:
        if not is_running(self):  # Cancel or Esc while saving: the answer decides
            super().reject()
