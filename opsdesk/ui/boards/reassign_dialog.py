"""The manager's "Absence and moving cases" dialog: choose a worker, optionally record their
absence, tick their open cases (all by default) and give them to others of the team — one
worker for the ticked ones, or spread evenly by caseload — with a reason for each case's
history. Everything is saved in one transaction (``CaseloadService.reassign_many``); a move
past a caseload limit is shown and must be confirmed. Also the caseload limits dialog."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
)

from opsdesk.domain.formatting import format_date
from opsdesk.domain.ids import CaseId, StaffId
from opsdesk.domain.text import polish_sort_key
from opsdesk.errors import ServiceError
from opsdesk.i18n import N_, _
from opsdesk.services.cases.boards import CaseloadRow
from opsdesk.services.cases.caseload import (
    AbsenceInput,
    CaseloadLimits,
    OpenCaseRow,
    OverCaseload,
)
from opsdesk.ui.date_edit import DateEdit
from opsdesk.ui.form_dialog import FormDialog
from opsdesk.ui.operation import is_running, run_first_read, run_operation

if TYPE_CHECKING:
    from opsdesk.services.registry import Services

Index = QModelIndex | QPersistentModelIndex
HEADERS = (
    N_("Move"),
    N_("File number"),
    N_("Client"),
    N_("Kind of help"),
    N_("Status"),
    N_("Deadline"),
    N_("New worker"),
)
ERROR_STYLE = "color: #8a1414; font-weight: 600;"


class MoveModel(QAbstractTableModel):
    """The worker's open cases: a tick to move each, and the worker it goes to."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[OpenCaseRow] = []
        self.checked: set[CaseId] = set()
        self.targets: dict[CaseId, tuple[StaffId, str]] = {}

    def set_rows(self, rows: list[OpenCaseRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.checked = {r.id for r in rows}
        self.targets = {}
        self.endResetModel()

    def rows(self) -> list[OpenCaseRow]:
        return list(self._rows)

    def ticked(self) -> list[OpenCaseRow]:
        return [r for r in self._rows if r.id in self.checked]

    def set_targets(self, targets: dict[CaseId, tuple[StaffId, str]]) -> None:
        self.targets.update(targets)
        if self._rows:
            last = len(HEADERS) - 1
            self.dataChanged.emit(self.index(0, last), self.index(len(self._rows) - 1, last))

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def flags(self, index: Index):
        flags = super().flags(index)
        if index.isValid() and index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0:
            return (
                Qt.CheckState.Checked if row.id in self.checked else Qt.CheckState.Unchecked
            ).value
        if role == Qt.ItemDataRole.DisplayRole:
            target = self.targets.get(row.id)
            return (
                "",
                row.file_number,
                row.client_name,
                row.kind_name,
                row.status_name,
                format_date(row.next_due) if row.next_due else "\u2014",
                target[1] if target else "\u2014",
            )[index.column()]
        return None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != 0 or role != Qt.ItemDataRole.CheckStateRole:
            return False
        case_id = self._rows[index.row()].id
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.checked.add(case_id)
        else:
            self.checked.discard(case_id)
        self.dataChanged.emit(index, index, [role])
        return True

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(HEADERS)
        ):
            return _(HEADERS[section])
        return None


def spread(
    cases: list[OpenCaseRow], load: dict[StaffId, int], limits: dict[StaffId, int | None]
) -> dict[CaseId, StaffId]:
    """Each case to the worker with the fewest open cases so far (those under their limit
    first), earliest deadline first."""
    load = dict(load)
    given: dict[CaseId, StaffId] = {}
    for case in cases:

        def rank(worker: StaffId) -> tuple[bool, int, int]:
            limit = limits.get(worker)
            return (limit is not None and load[worker] >= limit, load[worker], worker)

        worker = min(load, key=rank)
        given[case.id] = worker
        load[worker] += 1
    return given


class ReassignDialog(QDialog):
    def __init__(
        self,
        services: Services,
        caseload: list[CaseloadRow],
        worker_id: int | None = None,
        parent=None,
    ):
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(_("Absence and moving cases"))
        self.resize(900, 600)
        self.result_value = 0
        self.confirm: Callable[[str], bool] = self._confirm
        self.caseload = [r for r in caseload if r.worker_id is not None]
        today = services.ctx.clock.today()
        self.worker = QComboBox()
        self.worker.setObjectName("absentWorker")
        for row in self.caseload:
            self.worker.addItem(row.worker_name, row.worker_id)
        self.record_absence = QCheckBox(_("&Record the absence"))
        self.record_absence.setChecked(True)
        self.starts_on = DateEdit(today, today=today)
        self.starts_on.field_name = "starts_on"
        self.ends_on = DateEdit(today, today=today)
        self.ends_on.field_name = "ends_on"
        self.absence_reason = QLineEdit()
        self.absence_reason.setObjectName("absenceReason")
        self.absence_reason.setPlaceholderText(_("e.g. annual leave, sick leave, training"))
        absence = QGroupBox(_("Absence"))
        absence_form = QFormLayout(absence)
        absence_form.addRow(self.record_absence)
        dates = QHBoxLayout()
        dates.addWidget(QLabel(_("from")))
        dates.addWidget(self.starts_on)
        dates.addWidget(QLabel(_("to")))
        dates.addWidget(self.ends_on)
        dates.addStretch(1)
        absence_form.addRow(_("Dates:"), dates)
        absence_form.addRow(_("Kind:"), self.absence_reason)
        self.recorded = QLabel()
        self.recorded.setObjectName("recordedAbsences")
        self.recorded.setWordWrap(True)
        self.cancel_absence_button = QPushButton(_("Cancel the recorded absence"))
        self.cancel_absence_button.setObjectName("cancelAbsence")
        self.cancel_absence_button.clicked.connect(self.cancel_absence)
        self.cancel_absence_button.hide()
        self.absences: list = []  # the chosen worker's absences from today on, once read
        recorded_row = QHBoxLayout()
        recorded_row.addWidget(self.recorded, 1)
        recorded_row.addWidget(self.cancel_absence_button)
        absence_form.addRow(recorded_row)
        self.record_absence.toggled.connect(self._absence_toggled)

        self.model = MoveModel(self)
        self.table = QTableView()
        self.table.setObjectName("casesToMove")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(_("The worker's open cases"))
        self.target = QComboBox()
        self.target.setObjectName("targetWorker")
        self.target.setPlaceholderText(_("nobody of the team is here today"))
        assign = QPushButton(_("&Give the ticked ones to"))
        assign.setObjectName("assignTicked")
        assign.clicked.connect(self.assign_ticked)
        even = QPushButton(_("&Spread evenly"))
        even.setObjectName("spreadEvenly")
        even.setToolTip(_("The ticked cases to the others of the team, the least loaded first"))
        even.clicked.connect(self.spread_ticked)
        tick_all = QPushButton(_("Tick &all"))
        tick_all.clicked.connect(lambda: self._tick(True))
        tick_none = QPushButton(_("Tick &none"))
        tick_none.clicked.connect(lambda: self._tick(False))
        tools = QHBoxLayout()
        for widget in (tick_all, tick_none, assign, self.target, even):
            tools.addWidget(widget)
        tools.addStretch(1)
        self.summary = QLabel()
        self.summary.setObjectName("moveSummary")
        self.summary.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setObjectName("moveReason")
        self.reason.setPlaceholderText(_("e.g. annual leave 16\u201327 March"))
        self.message = QLabel()
        self.message.setObjectName("moveMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Move the cases"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        top = QFormLayout()
        top.addRow(_("&Worker:"), self.worker)
        reason_form = QFormLayout()
        reason_form.addRow(_("&Why (in each case's history):"), self.reason)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(absence)
        layout.addWidget(self.table, 1)
        layout.addLayout(tools)
        layout.addWidget(self.summary)
        layout.addLayout(reason_form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.model.dataChanged.connect(lambda *_a: self._show_summary())
        if worker_id is not None and self.worker.findData(worker_id) >= 0:
            self.worker.setCurrentIndex(self.worker.findData(worker_id))
        self.worker.currentIndexChanged.connect(lambda _i: self.load_worker())
        self.load_worker()

    # --- the worker and their cases ------------------------------------------------------

    def _show_absences(self, absences: list) -> None:
        """The chosen worker's absences recorded for today or later."""
        self.absences = absences
        self.recorded.setText(
            _("Recorded: {list}.").format(
                list="; ".join(
                    f"{format_date(a.starts_on)}\u2013{format_date(a.ends_on)}"
                    + (f" ({a.reason})" if a.reason else "")
                    for a in self.absences
                )
            )
            if self.absences
            else _("No absence recorded from today on.")
        )
        self.cancel_absence_button.setVisible(bool(self.absences))

    def cancel_absence(self) -> None:
        """Cancel the first recorded absence of the worker (e.g. a leave called off), off the
        GUI thread; the absences left are shown when it is done."""
        if not self.absences or is_running(self):
            return
        caseload, absence_id = self.services.caseload, self.absences[0].id
        worker_id = self.worker.currentData()

        def work() -> list:
            caseload.cancel_absence(absence_id)
            return [a for a in caseload.absences() if a.staff_id == worker_id]

        def done(absences: list) -> None:
            self.cancel_absence_button.setEnabled(True)
            self.show_error("")
            if self.worker.currentData() == worker_id:
                self._show_absences(absences)

        def refused(error: ServiceError) -> None:
            self.cancel_absence_button.setEnabled(True)
            self.show_error(str(error))

        self.cancel_absence_button.setEnabled(False)
        run_operation(self, work, done, refused=refused, busy=_("cancelling the absence"))

    def load_worker(self) -> None:
        """The chosen worker's absences and open cases, read off the GUI thread (the newest
        choice wins); until they are in the dialog says "Loading…" and moves nothing."""
        worker_id = self.worker.currentData()
        self.model.set_rows([])
        self.absences = []
        self.recorded.setText(_("Loading\u2026"))
        self.cancel_absence_button.hide()
        self._show_summary()
        caseload = self.services.caseload

        def work() -> tuple[list, list[OpenCaseRow]]:
            absences = [a for a in caseload.absences() if a.staff_id == worker_id]
            return absences, caseload.open_cases(worker_id) if worker_id else []

        run_first_read(
            self,
            work,
            lambda found: self._show_worker(worker_id, *found),
            refused=lambda error: self.show_error(str(error)),
            busy=_("loading the worker's cases"),
            lane="worker",
        )

    def _show_worker(self, worker_id, absences: list, cases: list[OpenCaseRow]) -> None:
        if self.worker.currentData() != worker_id:  # another worker was chosen meanwhile
            self.load_worker()
            return
        self.show_error("")
        self._show_absences(absences)
        self.model.set_rows(cases)
        self.target.clear()
        for row in self.others():
            limit = f"/{row.limit}" if row.limit is not None else ""
            self.target.addItem(f"{row.worker_name} ({row.open}{limit})", row.worker_id)
        # nobody is chosen for the manager: the receiver is picked on purpose
        self.target.setPlaceholderText(
            _("\u2014 choose who receives \u2014")
            if self.target.count()
            else _("nobody of the team is here today")
        )
        self._show_summary()

    def others(self) -> list[CaseloadRow]:
        """Who may receive: the team's other workers not absent today."""
        worker_id = self.worker.currentData()
        return [r for r in self.caseload if r.worker_id != worker_id and r.absent_until is None]

    def _tick(self, on: bool) -> None:
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        for row in range(self.model.rowCount()):
            self.model.setData(
                self.model.index(row, 0), state.value, Qt.ItemDataRole.CheckStateRole
            )

    def _absence_toggled(self, on: bool) -> None:
        for widget in (self.starts_on, self.ends_on, self.absence_reason):
            widget.setEnabled(on)

    def _names(self) -> dict[StaffId, str]:
        return {StaffId(r.worker_id): r.worker_name for r in self.caseload if r.worker_id}

    def assign_ticked(self) -> None:
        target = self.target.currentData()
        if target is None:
            return
        name = self._names()[target]
        self.model.set_targets({r.id: (target, name) for r in self.model.ticked()})
        self._show_summary()

    def spread_ticked(self) -> None:
        others = self.others()
        if not others:
            return
        load = {StaffId(r.worker_id): r.open for r in others if r.worker_id}
        limits = {StaffId(r.worker_id): r.limit for r in others if r.worker_id}
        names = self._names()
        given = spread(self.model.ticked(), load, limits)
        self.model.set_targets({case: (worker, names[worker]) for case, worker in given.items()})
        self._show_summary()

    def moves(self) -> dict[CaseId, StaffId]:
        return {
            r.id: self.model.targets[r.id][0]
            for r in self.model.ticked()
            if r.id in self.model.targets
        }

    def _show_summary(self) -> None:
        moves = self.moves()
        incoming = Counter(moves.values())
        rows = {StaffId(r.worker_id): r for r in self.caseload if r.worker_id}
        parts = []
        for worker, extra in sorted(
            incoming.items(), key=lambda p: polish_sort_key(rows[p[0]].worker_name)
        ):
            row = rows[worker]
            total = row.open + extra
            text = _("{name}: {before} \u2192 {after}").format(
                name=row.worker_name, before=row.open, after=total
            )
            if row.limit is not None and total > row.limit:
                text += " " + _("(over the limit of {limit})").format(limit=row.limit)
            parts.append(text)
        ticked = len(self.model.ticked())
        self.summary.setText(
            _("Open cases: {all}, ticked: {ticked}, with a new worker: {moved}.").format(
                all=self.model.rowCount(), ticked=ticked, moved=len(moves)
            )
            + (" " + "; ".join(parts) + "." if parts else "")
        )
        self.ok_button.setEnabled(bool(moves))

    # --- saving -------------------------------------------------------------------------

    def _confirm(self, text: str) -> bool:
        answer = QMessageBox.question(self, _("Over the caseload limit"), text)
        return answer == QMessageBox.StandardButton.Yes

    def show_error(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def save(self) -> None:
        """Move the cases off the GUI thread; past a caseload limit, ask and move again
        confirmed. The dialog closes when the service accepted."""
        absence = None
        try:
            if self.record_absence.isChecked():
                absence = AbsenceInput(
                    StaffId(self.worker.currentData()),
                    self.starts_on.checked_date(),
                    self.ends_on.checked_date(),
                    self.absence_reason.text(),
                )
        except ServiceError as error:
            self._refused(error)
            return
        self._send(self.moves(), self.reason.text(), absence, confirmed=False)

    def _send(self, moves, reason: str, absence: AbsenceInput | None, confirmed: bool) -> None:
        call = self.services.caseload.reassign_many

        def work():
            if confirmed:
                return call(moves, reason, absence=absence, over_limit_confirmed=True)
            return call(moves, reason, absence=absence)

        def refused(error: ServiceError) -> None:
            if isinstance(error, OverCaseload) and not confirmed:
                question = _("{warnings} Move the cases anyway?").format(warnings=str(error))
                if self.confirm(question):
                    self._send(moves, reason, absence, confirmed=True)
                return
            self._refused(error)

        run_operation(self, work, self._saved, refused=refused, busy=_("moving the cases"))

    def _saved(self, moved: int) -> None:
        self.result_value = moved
        self.accept()

    def _refused(self, error: ServiceError) -> None:
        errors = getattr(error, "errors", None)
        for name, widget in (("starts_on", self.starts_on), ("ends_on", self.ends_on)):
            widget.show_error(errors.get(name, "") if errors else "")
        self.show_error(" ".join(errors.values()) if errors else str(error))


class LimitsDialog(FormDialog):
    """The office's caseload limits: a default and exceptions for the team's workers (0: no
    limit / the default)."""

    def __init__(self, parent, services: Services, workers: list[CaseloadRow]):
        super().__init__(
            parent,
            _("Caseload limits"),
            _("Save"),
            _(
                "How many open cases a worker should carry at most. Moving cases past it must be "
                "confirmed; the board marks who is over it. 0: no limit (for a worker: the "
                "default)."
            ),
        )
        self.services = services
        self.setMinimumWidth(460)
        self.default = QSpinBox()
        self.default.setObjectName("defaultLimit")
        self.default.setRange(0, 999)
        self.add_field("default", _("&Default limit:"), self.default)
        self.workers: dict[int, QSpinBox] = {}
        for row in workers:
            if row.worker_id is None:
                continue
            box = QSpinBox()
            box.setRange(0, 999)
            self.workers[row.worker_id] = box
            self.add_field(f"worker_{row.worker_id}", f"{row.worker_name}:", box)
        for box in (self.default, *self.workers.values()):
            box.setEnabled(False)  # until the limits are in: nothing typed is overwritten
        self.read(services.caseload.limits, self._show_limits, busy=_("loading the limits"))

    def _show_limits(self, limits: CaseloadLimits) -> None:
        self.default.setValue(limits.default or 0)
        for worker, box in self.workers.items():
            box.setValue(limits.per_worker.get(worker, 0))
        for box in (self.default, *self.workers.values()):
            box.setEnabled(True)

    def request(self):
        caseload, default = self.services.caseload, self.default.value() or None
        per_worker = {worker: box.value() or None for worker, box in self.workers.items()}
        return lambda: caseload.set_limits(default, per_worker)
