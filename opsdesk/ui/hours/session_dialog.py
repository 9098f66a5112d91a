"""Entering or correcting a session, with the contract's budget always in view.

Modes: a new held session (``record``), a correction (``update``), and a booking that took
place (``held``). A session over the budget opens the manager's confirmation.
"""

from __future__ import annotations

from datetime import date, time
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
)

from opsdesk.domain.hours import (
    FORMS_BY_KIND,
    MINUTES_PER_DAY,
    BudgetCheck,
    ContractKind,
    SessionForm,
    month_of,
)
from opsdesk.errors import ServiceError
from opsdesk.i18n import _
from opsdesk.services.hours.records import (
    BudgetExceeded,
    BudgetView,
    ContractRecord,
    ManagerApproval,
    SessionInput,
    SessionRecord,
)
from opsdesk.ui.date_edit import DateEdit
from opsdesk.ui.forms import FieldErrors
from opsdesk.ui.hours.approval_dialog import ApprovalDialog
from opsdesk.ui.hours.budget_panel import BudgetPanel
from opsdesk.ui.hours.people_pickers import ClientsChooser, ParticipantsChooser
from opsdesk.ui.operation import is_running, run_first_read, run_operation

if TYPE_CHECKING:
    from opsdesk.services.registry import Services

RECORD, UPDATE, HELD = "record", "update", "held"
STEP_MINUTES = 15


class SessionDialog(QDialog):
    def __init__(
        self,
        services: Services,
        contract: ContractRecord,
        *,
        session: SessionRecord | None = None,
        mode: str = RECORD,
        day: date | None = None,
        parent=None,
    ):
        super().__init__(parent)
        self.services = services
        self.contract = contract
        self.session = session
        self.mode = mode
        self.saved: SessionRecord | None = None
        self.supervision = contract.kind is ContractKind.SUPERVISION
        titles = {
            RECORD: _("New session"),
            UPDATE: _("Correct the session"),
            HELD: _("The session took place"),
        }
        self.setWindowTitle(f"{titles[mode]} \u2014 {contract.number}")
        self.setObjectName("sessionDialog")

        self.budget = BudgetPanel()
        self.day = DateEdit(today=services.ctx.clock.today())
        self.day.setObjectName("day")
        self.start = QTimeEdit()
        self.start.setObjectName("start")
        self.start.setDisplayFormat("HH:mm")
        self.minutes = QSpinBox()
        self.minutes.setObjectName("minutes")
        self.minutes.setRange(0, MINUTES_PER_DAY + STEP_MINUTES)
        self.minutes.setSingleStep(STEP_MINUTES)
        self.minutes.setSuffix(" min")
        self.form = QComboBox()
        self.form.setObjectName("form")
        for form in FORMS_BY_KIND[contract.kind]:
            self.form.addItem(form.label, form.value)
        form_layout = QFormLayout()
        form_layout.addRow(_("Date"), self.day)
        form_layout.addRow(_("Start"), self.start)
        form_layout.addRow(_("Duration"), self.minutes)
        form_layout.addRow(_("Form"), self.form)
        self.task_done = QLineEdit()
        self.task_done.setObjectName("taskDone")
        self.task_done.setMaxLength(300)
        self.task_done.setPlaceholderText(_("printed on the sheet; never the content of the note"))
        self.project_task = QLineEdit()
        self.project_task.setObjectName("projectTask")
        self.project_task.setMaxLength(120)
        self.project_task.setPlaceholderText(_("e.g. Task 2: specialist counselling"))
        form_layout.addRow(_("Task performed"), self.task_done)
        form_layout.addRow(_("Project task"), self.project_task)
        self.errors = FieldErrors(self)
        for name, widget in (
            ("day", self.day),
            ("start", self.start),
            ("minutes", self.minutes),
            ("form", self.form),
            ("task_done", self.task_done),
            ("project_task", self.project_task),
        ):
            self.errors.attach(name, widget, form_layout)
        self.clients: ClientsChooser | None = None
        self.participants: ParticipantsChooser | None = None
        self.note: QPlainTextEdit | None = None
        if self.supervision:
            self.participants = ParticipantsChooser()  # the workers are read below
            form_layout.addRow(_("Participants"), self.participants)
            self.errors.attach("participants", self.participants, form_layout)
        else:
            self.clients = ClientsChooser(services)
            form_layout.addRow(_("Clients"), self.clients)
            self.errors.attach("clients", self.clients, form_layout)
            self.note = QPlainTextEdit()
            self.note.setObjectName("note")
            self.note.setTabChangesFocus(True)
            self.note.setMaximumHeight(90)
            self.note.setAccessibleName(_("Private note"))
            form_layout.addRow(_("Private note"), self.note)
            hint = QLabel(_("Only you can read this note."))
            hint.setObjectName("noteHint")
            form_layout.addRow("", hint)
            self.errors.attach("note", self.note, form_layout)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(_("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.budget)
        layout.addWidget(self.errors.general_label)
        layout.addLayout(form_layout)
        layout.addWidget(buttons)
        self._fill(day)
        self.day.dateChanged.connect(self.refresh_budget)
        self.minutes.valueChanged.connect(self.refresh_budget)
        self.refresh_budget()
        if self.participants is not None:
            self._load_participants()
        self.resize(560, self.sizeHint().height())

    def _load_participants(self) -> None:
        """The social workers who may take part, read off the GUI thread: the dialog opens
        at once on a slow server; the list says "Loading…" and Save waits for it."""
        self.save_button.setEnabled(False)
        run_first_read(  # refused, asked again shortly: Save never stays disabled
            self,
            self.services.hours.social_workers,
            self._show_participants,
            refused=self.errors.show_refusal,
            busy=_("loading the social workers"),
            lane="participants",
        )

    def _show_participants(self, workers: list[tuple[int, str]]) -> None:
        assert self.participants is not None
        self.errors.clear()  # a refusal of an earlier try (Save waited: nothing else said)
        self.participants.set_workers(workers)
        if self.session is not None:
            self.participants.set_participants(self.session.participants)
        self.save_button.setEnabled(True)

    def _fill(self, day: date | None) -> None:
        s = self.session
        if s is None:
            today = self.services.ctx.clock.today()
            day = day or today
            if not self.contract.covers(day):
                day = min(max(day, self.contract.valid_from), self.contract.valid_to)
            self.day.setDate(QDate(day.year, day.month, day.day))
            self.start.setTime(QTime(9, 0))
            self.minutes.setValue(60 if not self.supervision else 120)
            return
        self.day.setDate(QDate(s.day.year, s.day.month, s.day.day))
        self.start.setTime(QTime(s.start.hour, s.start.minute))
        self.minutes.setValue(s.minutes)
        self.form.setCurrentIndex(max(self.form.findData(s.form.value), 0))
        self.task_done.setText(s.task_done)
        self.project_task.setText(s.project_task)
        if self.clients is not None:
            self.clients.set_clients(s.clients)
        if self.participants is not None:
            self.participants.set_participants(s.participants)
        if self.note is not None and s.note:
            self.note.setPlainText(s.note)

    def session_input(self) -> SessionInput:
        day, t = self.day.checked_date(), self.start.time()
        note = None
        if self.note is not None:
            text = self.note.toPlainText()
            had_note = self.session is not None and self.session.has_own_note
            note = text if (text.strip() or had_note) else None
        return SessionInput(
            contract_id=self.contract.id,
            day=day,
            start=time(t.hour(), t.minute()),
            minutes=self.minutes.value(),
            form=SessionForm(self.form.currentData()),
            client_ids=self.clients.client_ids() if self.clients else (),
            participants=self.participants.participants() if self.participants else (),
            note=note,
            task_done=self.task_done.text(),
            project_task=self.project_task.text(),
        )

    def refresh_budget(self) -> None:
        """Count the budget with the session being entered, off the GUI thread; it follows
        typing, so the newest count wins (``when_running="replace"``)."""
        if self.day.value() is None:  # the day field says why; nothing to count yet
            return
        data = self.session_input()
        hours, contract_id = self.services.hours, self.contract.id
        counted = self.mode != UPDATE or (self.session and self.session.state.value == "held")
        session_id = self.session.id if self.session else None

        def work() -> tuple[BudgetView, BudgetCheck | None]:
            view = hours.budget(contract_id, month_of(data.day))
            if not counted:
                return view, None
            return view, hours.check(contract_id, data.day, data.minutes, session_id)

        def done(answer: tuple[BudgetView, BudgetCheck | None]) -> None:
            self.budget.show_budget(answer[0])
            self.budget.show_check(answer[1])

        run_operation(
            self.budget,
            work,
            done,
            refused=lambda error: self.errors.show({"general": str(error)}),
            busy=_("counting the budget"),
            when_running="replace",
        )

    def _submit(self, approval: ManagerApproval):
        """The save with the manager's approval (for the over-budget dialog, which runs it off
        the GUI thread)."""
        return self._call(self.session_input(), approval)

    def _call(self, data: SessionInput, approval: ManagerApproval | None):
        """The service call saving ``data``, read from the fields beforehand; it touches no
        widget, so it runs off the GUI thread."""
        hours, session = self.services.hours, self.session
        if self.mode == RECORD:
            return lambda: hours.record(data, approval)
        assert session is not None, "a session is marked held or changed, never recorded"
        if self.mode == HELD:
            return lambda: hours.mark_held(session.id, data, approval)
        return lambda: hours.update(session.id, data, approval)

    def save(self) -> None:
        """Save off the GUI thread (``ui.operation``); a refusal goes next to its field, a
        session over the budget asks for the manager's approval."""
        if is_running(self) or is_running(self, "participants"):
            return  # saving, or the participants' list is still on the way
        self.errors.clear()
        try:
            work = self._call(self.session_input(), None)
        except ServiceError as error:
            self.errors.show_refusal(error)
            return
        self.save_button.setEnabled(False)
        run_operation(self, work, self._saved, refused=self._refused, busy=_("saving the session"))

    def _saved(self, saved: SessionRecord) -> None:
        self.save_button.setEnabled(True)
        self.saved = saved
        self.accept()

    def _refused(self, error: ServiceError) -> None:
        self.save_button.setEnabled(True)
        if not isinstance(error, BudgetExceeded):
            self.errors.show_refusal(error)
            return
        dialog = ApprovalDialog(self.services, error, self._submit, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._saved(dialog.result_value)

    def reject(self) -> None:
        if not is_running(self):  # Cancel or Esc while saving: the answer decides
            super().reject()
