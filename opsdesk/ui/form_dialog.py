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

A dialog that offers what the database holds (the teams to send a person to) opens at once
and reads it off the GUI thread with ``read``: "Loading…" is shown and OK waits until the
answer has filled the fields (Enter pressed meanwhile saves then, as the person meant); a
refusal is said in red on the dialog's message line (the server out of reach: asked again
until it answers, ``ui.operation.run_first_read``). A list that follows a choice (a team's
workers) is read in a lane of its own, the newer choice replacing the older read; OK waits
for it too.

        self.read(services.reception.teams, self.show_teams, busy=_("loading the teams"))
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
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
from opsdesk.ui.operation import is_running, run_first_read, run_operation

FIRST_READ = "first read"  # the lane of what a dialog offers, read when it opens


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
        self.loading_label = QLabel(_("Loading\u2026"))
        self.loading_label.setObjectName("loading")
        self.loading_label.hide()
        self._reading: set[str] = set()  # the lanes of ``read`` not answered yet
        self._read_refusal = ""  # what a refused read says on the message line
        self._save_when_read = False  # OK or Enter pressed while a read ran
        layout.addWidget(self.intro_label)
        layout.addWidget(self.errors.general_label)
        layout.addWidget(self.loading_label)
        layout.addLayout(self.form)
        layout.addWidget(buttons)

    def add_field(self, name: str, label: str, widget: QWidget) -> None:
        """A row of the form whose service messages (field ``name``) appear under it."""
        self.form.addRow(label, widget)
        self.errors.attach(name, widget, self.form)

    def read(
        self,
        work: Callable[[], Any],
        done: Callable[[Any], Any],
        *,
        busy: str,
        lane: str = FIRST_READ,
    ) -> None:
        """Read what the dialog offers off the GUI thread; ``done`` puts the answer in the
        fields (on the GUI thread). Until every lane has answered OK is disabled, and a save
        asked for meanwhile (Enter) waits for the answers; while the first read runs the
        dialog says "Loading…". A refusal is said in red on the message line (a save waiting
        or asked for while it shows is dropped) and goes when the read, asked again,
        answers."""
        self._reading.add(lane)
        self._show_reading()

        def answered(value: Any) -> None:
            self._reading.discard(lane)
            if self._read_refusal and self.errors.general_message() == self._read_refusal:
                self.errors.general_label.clear()
                self.errors.general_label.hide()
            self._read_refusal = ""
            first = lane == FIRST_READ
            done(value)
            self._show_reading()
            if first and self.isVisible():
                self._fit_height()  # the "Loading…" line's room goes, what came is shown whole
            if self._save_when_read and not self._reading:
                self._save_when_read = False
                self.save()

        def refused(error: ServiceError) -> None:
            self._save_when_read = False
            self.errors.show_refusal(error)
            self._read_refusal = self.errors.general_message()

        run_first_read(self, work, answered, refused=refused, busy=busy, lane=lane)

    @property
    def reading(self) -> bool:
        """Whether a ``read`` has not answered yet (OK waits for it)."""
        return bool(self._reading)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter while a read runs (OK is disabled, so Qt would drop it) saves once the
        answers are in."""
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if self._reading and enter and plain:
            self.save()
            return
        super().keyPressEvent(event)

    def _fit_height(self) -> None:
        """As tall as the contents need at the dialog's width (``adjustSize`` would size a
        wrapped intro for a narrower width and leave a gap above it)."""
        layout = self.layout()
        assert layout is not None, "a FormDialog lays out its fields"
        width = self.width()
        if layout.hasHeightForWidth():
            height = layout.totalHeightForWidth(width)
        else:
            height = layout.totalSizeHint().height()
        self.resize(width, max(height, layout.totalMinimumSize().height()))

    def _show_reading(self) -> None:
        self.loading_label.setVisible(FIRST_READ in self._reading)
        self.ok_button.setEnabled(not self._reading and not is_running(self))

    def call(self):
        """Ask the service; return its result. Raises the service's errors."""
        raise NotImplementedError

    def request(self) -> Callable[[], Any] | None:
        """Read the fields (raising a field's refusal here) and return the service call to
        run off the GUI thread; None (the default): ``call()`` runs on the GUI thread."""
        return None

    def save(self) -> None:
        if self._reading:
            # once what the dialog offers is in; not while a refusal of it is on the screen
            self._save_when_read = not self._read_refusal
            return
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
        self.ok_button.setEnabled(not self._reading)
        self.errors.show_refusal(error)

    def reject(self) -> None:
        if not is_running(self):  # Cancel or Esc while saving: the answer decides
            super().reject()
