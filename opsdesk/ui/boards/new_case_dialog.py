"""Opening a case for a client: kind of help, team and worker (prefilled from the kind and the
client's region), the application's date, urgency and complexity."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
)

from opsdesk.domain.ids import ClientId, TeamId
from opsdesk.errors import ServiceError
from opsdesk.i18n import _
from opsdesk.services.cases.access import BOARD_TEAM_KINDS
from opsdesk.services.cases.records import CaseInput, CaseSummary
from opsdesk.ui.date_edit import DateEdit
from opsdesk.ui.forms import FieldErrors
from opsdesk.ui.operation import is_running, run_operation

if TYPE_CHECKING:
    from opsdesk.services.office.records import StaffRecord
    from opsdesk.services.registry import Services


class NewCaseDialog(QDialog):
    def __init__(self, services: Services, client_id: ClientId, client_name: str, parent=None):
        super().__init__(parent)
        self.services = services
        self.client_id = client_id
        self.created: CaseSummary | None = None
        self.setWindowTitle(_("New case"))
        today = services.ctx.clock.today()
        self.errors = FieldErrors(self)
        self.kind = QComboBox()
        self.kind.setObjectName("kindCombo")
        self.team = QComboBox()
        self.team.setObjectName("teamCombo")
        self.staff: list[StaffRecord] = []
        self.worker = QComboBox()
        self.worker.setObjectName("workerCombo")
        self.applied = DateEdit(today, today=today)
        self.applied.setMaximumDate(today)
        self.urgent = QCheckBox(_("&Urgent (interview within 2 working days)"))
        self.complex = QCheckBox(_("&Particularly complicated (decision within 2 months)"))
        self.summary = QPlainTextEdit()
        self.summary.setTabChangesFocus(True)
        self.summary.setMaximumHeight(80)
        form = QFormLayout()
        form.addRow(_("Client:"), QLabel(f"<b>{client_name}</b>"))
        for label, widget, field in (
            (_("&Kind of help:"), self.kind, "kind"),
            (_("&Team:"), self.team, "team"),
            (_("&Worker:"), self.worker, "worker"),
            (_("&Application of:"), self.applied, "application_date"),
        ):
            form.addRow(label, widget)
            self.errors.attach(field, widget, form)
        form.addRow("", self.urgent)
        form.addRow("", self.complex)
        form.addRow(_("&Description:"), self.summary)
        self.errors.attach("summary", self.summary, form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Open the case"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.loading = QLabel(_("Loading\u2026"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.errors.general_label)
        layout.addWidget(self.loading)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(lambda _i: self._prefill(None))
        self.team.currentIndexChanged.connect(lambda _i: self._prefill(self.team.currentData()))
        self._load_lists()

    def _load_lists(self) -> None:
        """The kinds of help, the teams and the workers, read off the GUI thread: the dialog
        opens at once, its lists and OK disabled meanwhile."""
        for widget in (self.kind, self.team, self.worker, self.ok_button):
            widget.setEnabled(False)
        services = self.services

        def load():
            teams = [t for t in services.teams.list() if t.kind in BOARD_TEAM_KINDS and t.active]
            return services.cases.kinds(), teams, services.staff.list(include_inactive=False)

        run_operation(
            self,
            load,
            self._show_lists,
            refused=self.errors.show_refusal,
            busy=_("loading the kinds of help"),
            lane="lists",
        )

    def _show_lists(self, loaded) -> None:
        kinds, teams, self.staff = loaded
        for combo in (self.kind, self.team):
            combo.blockSignals(True)
        for kind in kinds:
            name = (
                _("{kind} (granted by a decision)").format(kind=kind.name)
                if kind.needs_decision
                else kind.name
            )
            self.kind.addItem(name, kind.id)
        for team in teams:
            self.team.addItem(team.name, team.id)
        for combo in (self.kind, self.team):
            combo.blockSignals(False)
        for widget in (self.kind, self.team, self.worker, self.ok_button):
            widget.setEnabled(True)
        self.loading.hide()
        self.adjustSize()  # the line's room goes, the rows keep their height
        self._prefill(None)

    def _prefill(self, team_id: TeamId | None) -> None:
        """The team and worker proposed for the kind and the client's region, asked off the
        GUI thread (the answer for the latest choice wins)."""
        kind_id = self.kind.currentData()
        if kind_id is None:
            return
        cases, client_id = self.services.cases, self.client_id
        run_operation(
            self,
            lambda: cases.default_assignment(client_id, kind_id, team_id),
            self._show_assignment,
            refused=self.errors.show_refusal,
            busy=_("proposing the team and worker"),
            lane="prefill",
            when_running="replace",
        )

    def _show_assignment(self, assignment) -> None:
        if assignment is None:
            return
        self.team.blockSignals(True)
        self.team.setCurrentIndex(max(self.team.findData(assignment.team_id), 0))
        self.team.blockSignals(False)
        self.worker.clear()
        self.worker.addItem(_("(nobody assigned)"), None)
        for person in self.staff:
            if person.team_id == assignment.team_id:
                self.worker.addItem(person.full_name, person.id)
        self.worker.setCurrentIndex(max(self.worker.findData(assignment.worker_id), 0))

    def save(self) -> None:
        """Open the case off the GUI thread; the dialog closes when the service accepted
        (never with a team and worker still being proposed)."""
        if is_running(self, "lists") or is_running(self, "prefill"):
            return
        try:
            data = CaseInput(
                client_id=self.client_id,
                kind_id=self.kind.currentData(),
                team_id=self.team.currentData(),
                worker_id=self.worker.currentData(),
                application_date=self.applied.checked_date(),
                urgent=self.urgent.isChecked(),
                complex=self.complex.isChecked(),
                summary=self.summary.toPlainText(),
            )
        except ServiceError as error:
            self.errors.show_refusal(error)
            return
        cases = self.services.cases
        run_operation(
            self,
            lambda: cases.create(data),
            self._created,
            refused=self.errors.show_refusal,
            busy=_("saving"),
        )

    def _created(self, created) -> None:
        self.created = created
        self.accept()

    def reject(self) -> None:
        """Cancel or Esc while the case is being opened: the answer decides (as in every
        dialog that saves), the dialog never closes over a case still being opened."""
        if not is_running(self):
            super().reject()
