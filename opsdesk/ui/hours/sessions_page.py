"""A contract's sessions month by month, with the budget always in view.

The provider enters and corrects sessions here and marks bookings as held or no-shows; the
manager reads the same list (client codes, no notes) and prints the hour sheet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.hours import ContractKind, Month, SessionState, month_of
from opsdesk.domain.roles import Action
from opsdesk.errors import ServiceError
from opsdesk.i18n import _
from opsdesk.printing.formatting import month_label
from opsdesk.ui.hours.budget_panel import BudgetPanel
from opsdesk.ui.hours.controls import (
    ContractCombo,
    MonthSwitcher,
    action_buttons,
    run_page_change,
)
from opsdesk.ui.hours.month_approval import MonthApprovalBar
from opsdesk.ui.hours.session_dialog import HELD, RECORD, UPDATE, SessionDialog
from opsdesk.ui.hours.session_table import session_model
from opsdesk.ui.operation import run_operation
from opsdesk.ui.table_models import RecordFilterProxy, current_keeper

if TYPE_CHECKING:
    from opsdesk.services.hours.records import BudgetView, MonthApprovalRecord, SessionRecord
    from opsdesk.services.registry import Services


@dataclass(frozen=True)
class MonthLoad:
    """What the page shows of a contract's month, read in one go off the GUI thread."""

    sessions: list[SessionRecord]
    budget: BudgetView
    approval: MonthApprovalRecord


class SessionsPage(QWidget):
    def __init__(self, services: Services, parent=None):
        super().__init__(parent)
        self.services = services
        self.setObjectName("sessionsPage")
        self.contracts = ContractCombo()
        self.month = MonthSwitcher(month_of(services.ctx.clock.today()))
        self.budget = BudgetPanel()
        self.approval = MonthApprovalBar(services)
        self.approval.changed.connect(self.reload)
        self.approval.failed.connect(self._show_error)
        self.model = session_model(self)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("sessionsTable")
        self.table.setAccessibleName(_("Sessions of the month"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.message = QLabel()
        self.message.setObjectName("sessionsMessage")
        self.message.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(QLabel(_("Contract")))
        top.addWidget(self.contracts, 1)
        top.addWidget(self.month)
        self.buttons, actions = action_buttons(
            (
                ("new", _("&New session\u2026"), self.new),
                ("edit", _("&Correct\u2026"), self.edit),
                ("held", _("Took &place\u2026"), self.held),
                ("no_show", _("Client did &not come"), self.no_show),
                ("cancel", _("&Remove"), self.cancel),
                ("print", _("&Print the hour sheet\u2026"), self.print_sheet),
                ("attendance", _("&Attendance list\u2026"), self.print_attendance),
                ("export", _("Export to a &spreadsheet\u2026"), self.export),
            )
        )
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.budget)
        layout.addWidget(self.approval)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        self._shown: tuple[int, Month] | None = None  # the contract and month on the screen
        self.contracts.currentIndexChanged.connect(lambda _i: self.reload())
        self.month.changed.connect(lambda _m: self.reload())
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._enable())
        self.refresh()

    # --- data ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the contracts (when the page is shown again) and the month, off the GUI
        thread."""
        self.contracts.load(self.services.contracts.list, self._refused)

    def reload(self, then: Callable[[], object] | None = None) -> None:
        """Load the chosen contract's month off the GUI thread (``ui.operation``; the newest
        switch of contract or month wins); ``then`` runs once it is shown."""
        contract, month = self.contracts.contract(), self.month.month()
        services = self.services
        if contract is not None and (contract.id, month) != self._shown:
            # another contract's or month's sessions are never shown under this one's name
            self._show_loading(month)

        def work() -> tuple[object, MonthLoad | None]:
            mark = services.hours_calendar.change_mark()
            if contract is None:
                return mark, None
            return mark, MonthLoad(
                services.hours.sessions(contract.id, month),
                services.hours.budget(contract.id, month),
                services.month_approvals.status(contract.id, month),
            )

        def done(answer: tuple[object, MonthLoad | None]) -> None:
            self.shown_mark, load = answer
            self._show(contract, month, load)
            if then is not None:
                then()

        run_operation(
            self.table,
            work,
            done,
            refused=lambda error: self._show_error(str(error)),
            busy=_("loading the sessions"),
            when_running="replace",
        )

    def _show_loading(self, month) -> None:
        waiting = _("Loading the sessions of {month}\u2026").format(month=month_label(*month))
        self._shown = None
        self.model.set_records([])
        self.budget.show_budget(None, waiting=waiting)
        self.approval.show_record(None, None, None)
        self.message.clear()
        self._enable()

    def _show(self, contract, month, load: MonthLoad | None) -> None:
        self._shown = (contract.id, month) if contract is not None and load is not None else None
        if contract is None or load is None:
            self.model.set_records([])
            self.budget.show_budget(None)
            self.approval.show_record(None, None, None)
            self.message.setText(_("You have no contract to show."))
            self._enable()
            return
        self.message.clear()
        self.model.set_records(load.sessions)
        self.budget.show_budget(load.budget)
        self.approval.show_record(contract, month, load.approval)
        if self.approval.locked and self._is_provider():
            self.message.setText(
                _("The month is approved and locked; ask the manager to reopen it to correct it.")
            )
        elif self.approval.waits_for_manager and self._is_provider():
            self.message.setText(
                _("The month is submitted; ask the manager to return it to correct it.")
            )
        self._enable()

    def follow(self) -> None:
        """Others changed sessions or contracts: reload them, keeping the chosen session."""
        keep = current_keeper(self.table)
        # the contracts shown start a reload; the newest one wins: the one that keeps the place
        self.contracts.load(self.services.contracts.list, self._refused, lambda: self.reload(keep))

    def current(self):
        return self.proxy.record_at(self.table.currentIndex())

    def _is_provider(self) -> bool:
        contract = self.contracts.contract()
        actor = self.services.actor
        return bool(contract and actor and contract.provider_staff_id == actor.id)

    def _show_error(self, text: str) -> None:
        self.message.setText(text)

    def _refused(self, error: ServiceError) -> None:
        self.message.setText(str(error))

    def _enable(self) -> None:
        own = self._is_provider()
        actor = self.services.actor
        assert actor is not None, "the sessions are shown to a logged-in person only"
        open_month = not self.approval.waits_for_manager
        record = self.current()
        booked = record is not None and record.state is SessionState.BOOKED
        open_ = record is not None and record.state in (SessionState.BOOKED, SessionState.HELD)
        contract = self.contracts.contract()
        visible = {
            "new": own,
            "edit": own,
            "held": own,
            "no_show": own,
            "cancel": own,
            "print": actor.can(Action.HOURS_PRINT) and contract is not None,
            "attendance": (
                actor.can(Action.HOURS_PRINT)
                and contract is not None
                and contract.kind is ContractKind.SUPERVISION
            ),
            "export": contract is not None,
        }
        enabled = {
            "new": open_month,
            "edit": open_ and open_month,
            "held": booked and open_month,
            "no_show": booked and open_month,
            "cancel": open_ and open_month,
            "print": True,
            "attendance": True,
            "export": True,
        }
        for key, button in self.buttons.items():
            button.setVisible(bool(visible[key]))
            button.setEnabled(bool(enabled[key]))

    # --- actions -------------------------------------------------------------------------

    def _dialog(self, mode: str, record=None) -> None:
        contract = self.contracts.contract()
        if contract is None:  # the buttons are shown for a chosen contract only
            return
        if record is None:
            self._open(contract, mode, None)
            return
        hours, session_id = self.services.hours, record.id
        run_operation(  # the session with the own note, read off the GUI thread
            self,
            lambda: hours.session(session_id),
            lambda full: self._open(contract, mode, full),
            refused=self._refused,
            busy=_("opening the session"),
            lane="change",
        )

    def _open(self, contract, mode: str, record: SessionRecord | None) -> None:
        month = self.month.month()
        day = None
        if record is None:
            today = self.services.ctx.clock.today()
            day = (
                today
                if month_of(today) == month
                else today.replace(year=month[0], month=month[1], day=1)
            )
        dialog = SessionDialog(
            self.services, contract, session=record, mode=mode, day=day, parent=self
        )
        if dialog.exec() and dialog.saved is not None:
            self.month.set_month(month_of(dialog.saved.day))
            self.reload()

    def new(self) -> None:
        self._dialog(RECORD)

    def edit(self) -> None:
        if self._is_provider() and (record := self.current()) is not None:
            if record.state in (SessionState.BOOKED, SessionState.HELD):
                self._dialog(UPDATE, record)

    def held(self) -> None:
        if (record := self.current()) is not None:
            self._dialog(HELD, record)

    def no_show(self) -> None:
        if (record := self.current()) is not None:
            hours = self.services.hours
            self._run(lambda: hours.mark_no_show(record.id), _("recording the no-show"))

    def cancel(self) -> None:
        record = self.current()
        if record is None:
            return
        answer = QMessageBox.question(
            self,
            _("Remove the session"),
            _("Remove the session of {date} {time}? It stays in the history as cancelled.").format(
                date=record.day.strftime("%d.%m.%Y"), time=record.time_label
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            hours = self.services.hours
            self._run(lambda: hours.cancel(record.id), _("removing the session"))

    def _run(self, action: Callable[[], object], busy: str) -> None:
        run_page_change(self, action, busy, self._refused, self.reload)

    def export(self) -> None:
        """The month's list (what the table shows, client codes only) to XLSX or CSV."""
        from opsdesk.ui.hours.export_file import export_to_file

        contract, month = self.contracts.contract(), self.month.month()
        if contract is None:
            return
        sessions = self.services.hours_exports
        export_to_file(
            self,
            _("Export the sessions"),
            f"sesje-{month[0]}-{month[1]:02d}",
            lambda fmt: sessions.sessions(contract.id, month, fmt),
            self._show_error,
        )

    def print_sheet(self) -> None:
        self._print("hour_sheet", _("Record of hours"), "ewidencja")

    def print_attendance(self) -> None:
        self._print("supervision_list", _("Supervision attendance list"), "lista-obecnosci")

    def _print(self, document: str, title: str, stem: str) -> None:
        from opsdesk.printing import documents
        from opsdesk.ui.printing.document_flow import preview_document

        contract, month = self.contracts.contract(), self.month.month()
        if contract is None:  # the buttons are shown for a chosen contract only
            return
        build = getattr(documents, document)
        services = self.services
        preview_document(
            self,
            lambda progress: build(services, contract.id, month, progress=progress),
            title=title,
            file_name=f"{stem}-{month[0]}-{month[1]:02d}.pdf",
        )
