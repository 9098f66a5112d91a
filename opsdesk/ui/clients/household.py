"""Adding a person to a client's household: find them in the register, say the relation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QTableView,
    QVBoxLayout,
)

from opsdesk.i18n import N_, _
from opsdesk.ui.clients.client_model import ClientListModel
from opsdesk.ui.forms import FieldErrors
from opsdesk.ui.operation import run_operation

if TYPE_CHECKING:
    from opsdesk.services.registry import Services

RELATIONS = (
    N_("spouse"),
    N_("partner"),
    N_("child"),
    N_("parent"),
    N_("sibling"),
    N_("grandchild"),
    N_("grandparent"),
    N_("other relative"),
    N_("not related"),
)


class HouseholdDialog(QDialog):
    """Join a person to the household of ``client_id`` (moving them out of any other)."""

    def __init__(self, services: Services, client_id: int, client_name: str, parent=None):
        super().__init__(parent)
        self.services = services
        self.client_id = client_id
        self.setWindowTitle(_("Add to the household of {name}").format(name=client_name))
        self.resize(640, 420)
        self.errors = FieldErrors(self)
        self.search = QLineEdit()
        self.search.setObjectName("householdSearch")
        self.search.setPlaceholderText(_("Name, PESEL or document number"))
        self.results = ClientListModel(self)
        self.table = QTableView()
        self.table.setModel(self.results)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.relation = QComboBox()
        self.relation.setObjectName("relation")
        self.relation.setEditable(True)
        self.relation.addItems([_(r) for r in RELATIONS])
        form = QFormLayout()
        form.addRow(_("&Find the person:"), self.search)
        form.addRow("", self.table)
        self.errors.attach("member", self.table, form)
        form.addRow(_("&Relation to {name}:").format(name=client_name), self.relation)
        self.errors.attach("relation", self.relation, form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Add to the household"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.errors.general_label)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.search.textChanged.connect(self.search_clients)

    def search_clients(self, text: str = "") -> None:
        """Off the GUI thread, as the person types: the latest answer wins."""
        text, clients, client_id = self.search.text(), self.services.clients, self.client_id
        run_operation(
            self,
            lambda: [c for c in clients.search(text, limit=30) if c.id != client_id],
            self._found,
            refused=self.errors.show_refusal,
            busy=_("searching for the person"),
            lane="search",
            when_running="replace",
        )

    def _found(self, found) -> None:
        self.results.set_records(found)
        self.table.resizeColumnsToContents()
        if found:
            self.table.selectRow(0)

    def save(self) -> None:
        index = self.table.currentIndex()
        member = self.results.record(index.row()) if index.isValid() else None
        if member is None:
            self.errors.show({"member": _("Find and choose the person first.")})
            return
        clients, client_id, relation = (
            self.services.clients,
            self.client_id,
            self.relation.currentText(),
        )
        run_operation(
            self,
            lambda: clients.join_household(member.id, client_id, relation),
            lambda _joined: self.accept(),
            refused=self.errors.show_refusal,
            busy=_("adding to the household"),
        )
