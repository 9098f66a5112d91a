"""The manager's list of contracts: add and change them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.hours import Budget, BudgetLevel, month_of
from opsdesk.errors import ServiceError
from opsdesk.i18n import N_, _
from opsdesk.printing.formatting import month_label
from opsdesk.services.hours.records import ContractMonthBudget, ContractRecord
from opsdesk.ui.hours.budget_panel import LEVEL_TINTS, OK_STYLE, WARNING_STYLE, percent_text
from opsdesk.ui.hours.contract_dialog import ContractDialog
from opsdesk.ui.hours.controls import hours_text
from opsdesk.ui.operation import run_operation
from opsdesk.ui.table_models import RIGHT, Column, RecordFilterProxy, RecordTableModel

if TYPE_CHECKING:
    from opsdesk.services.registry import Services


def _project(c: ContractRecord) -> str:
    return " ".join(p for p in (c.project_number, c.project_name) if p)


CONTRACT_COLUMNS: tuple[Column[ContractRecord], ...] = (
    Column(N_("Contract no."), lambda c: c.number),
    Column(N_("Kind"), lambda c: c.kind_label),
    Column(N_("Provider"), lambda c: c.provider_name),
    Column(
        N_("Hours a month"),
        lambda c: hours_text(c.monthly_minutes),
        sort_key=lambda c: c.monthly_minutes,
        align=RIGHT,
    ),
    Column(
        N_("Hours in the project"),
        lambda c: hours_text(c.project_minutes) if c.project_minutes is not None else "",
        sort_key=lambda c: c.project_minutes or 0,
        align=RIGHT,
    ),
    Column(N_("Valid"), lambda c: c.validity_label, sort_key=lambda c: c.valid_from),
    Column(N_("Project"), _project),
)


BUDGET_COLUMN = 4  # the month's budget, after the monthly hours


class BudgetTableModel(RecordTableModel[ContractRecord]):
    """Contracts with the month's budget column tinted by its alert level (the cell's text
    names the level too, so colour is never the only sign)."""

    def __init__(self, columns, parent, budgets: dict[int, Budget], **kwargs):
        super().__init__(columns, parent, **kwargs)
        self._budgets = budgets

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if (
            role == Qt.ItemDataRole.BackgroundRole
            and index.isValid()
            and index.column() == BUDGET_COLUMN
            and (record := self.record(index.row())) is not None
            and (budget := self._budgets.get(record.id)) is not None
            and budget.level in LEVEL_TINTS
        ):
            return QColor(LEVEL_TINTS[budget.level])
        return super().data(index, role)


class ContractsPage(QWidget):
    def __init__(self, services: Services, parent=None):
        super().__init__(parent)
        self.services = services
        self.setObjectName("contractsPage")
        self.budgets: dict[int, Budget] = {}
        self.month = month_of(services.ctx.clock.today())
        columns = (
            *CONTRACT_COLUMNS[:BUDGET_COLUMN],
            Column(
                N_("This month: held and booked"),
                self._budget_text,
                sort_key=lambda c: (
                    self.budgets[c.id].committed_share if c.id in self.budgets else -1
                ),
            ),
            *CONTRACT_COLUMNS[BUDGET_COLUMN:],
        )
        self.model = BudgetTableModel(
            columns, self, self.budgets, muted=lambda c: c.valid_to < services.ctx.clock.today()
        )
        self.alerts = QLabel()
        self.alerts.setObjectName("budgetAlerts")
        self.alerts.setWordWrap(True)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("contractsTable")
        self.table.setAccessibleName(_("Contracts"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(6, Qt.SortOrder.AscendingOrder)  # by validity
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        add = QPushButton(_("&New contract\u2026"))
        add.setObjectName("newContractButton")
        add.clicked.connect(self.add)
        edit = QPushButton(_("&Change\u2026"))
        edit.setObjectName("editContractButton")
        edit.clicked.connect(self.edit)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(edit)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.alerts)
        layout.addWidget(self.table, 1)
        self.refresh()

    def refresh(self) -> None:
        """Load the contracts and this month's budgets off the GUI thread (``ui.operation``;
        a refresh asked for while one runs replaces it)."""
        month = month_of(self.services.ctx.clock.today())
        summary, contracts = self.services.hours_summary, self.services.contracts

        def work() -> tuple[list[ContractMonthBudget], list[ContractRecord]]:
            return summary.month_overview(month), contracts.list()

        def done(answer: tuple[list[ContractMonthBudget], list[ContractRecord]]) -> None:
            overview, records = answer
            self.month = month
            self.budgets.clear()
            self.budgets.update({row.contract.id: row.budget for row in overview})
            self.model.set_records(records)
            self._show_alerts(overview)

        run_operation(
            self.table,
            work,
            done,
            refused=self._refused,
            busy=_("loading the contracts"),
            when_running="replace",
        )

    def _refused(self, error: ServiceError) -> None:
        self.alerts.setText(str(error))
        self.alerts.setStyleSheet(WARNING_STYLE)

    def _budget_text(self, contract: ContractRecord) -> str:
        budget = self.budgets.get(contract.id)
        if budget is None:
            return ""
        return _("{used} of {budget} ({percent}) \u00b7 {state}").format(
            used=hours_text(budget.committed),
            budget=hours_text(budget.budget),
            percent=percent_text(budget),
            state=budget.level.label,
        )

    def _show_alerts(self, overview) -> None:
        month = month_label(*self.month)
        warned = [row for row in overview if row.budget.level is not BudgetLevel.OK]
        if not warned:
            self.alerts.setText(
                _("{month}: every contract is below 80% of its budget, bookings included.").format(
                    month=month
                )
            )
            self.alerts.setStyleSheet(OK_STYLE)
            return
        items = "; ".join(
            f"{row.contract.number} ({row.contract.provider_name}): "
            f"{percent_text(row.budget)} \u00b7 {row.budget.level.label}"
            for row in warned
        )
        self.alerts.setText(
            _("Budget alerts for {month} (held and booked): {items}.").format(
                month=month, items=items
            )
        )
        self.alerts.setStyleSheet(WARNING_STYLE)

    def add(self) -> None:
        dialog = ContractDialog(self.services, parent=self)
        if dialog.exec():
            self.refresh()

    def edit(self) -> None:
        record = self.proxy.record_at(self.table.currentIndex())
        if record is None:
            return
        dialog = ContractDialog(self.services, record, parent=self)
        if dialog.exec():
            self.refresh()
