"""The manager's list of contracts: add and change them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from opsdesk.i18n import N_, _
from opsdesk.services.hours.records import ContractRecord
from opsdesk.ui.hours.contract_dialog import ContractDialog
from opsdesk.ui.hours.controls import hours_text
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


class ContractsPage(QWidget):
    def __init__(self, services: Services, parent=None):
        super().__init__(parent)
        self.services = services
        self.setObjectName("contractsPage")
        self.model = RecordTableModel(
            CONTRACT_COLUMNS, self, muted=lambda c: c.valid_to < services.ctx.clock.today()
        )
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("contractsTable")
        self.table.setAccessibleName(_("Contracts"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(5, Qt.SortOrder.AscendingOrder)
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
        layout.addWidget(self.table, 1)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_records(self.services.contracts.list())

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
