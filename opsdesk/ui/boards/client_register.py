"""The client register, a tab of the "Team boards" section: search (case and Polish letters do
not matter), the chosen client's data, household and cases; new client, edit, household
changes, open a case. It lives with the boards because it opens their case dialogs; the client
forms it uses are in ui/clients, which imports nothing from ui/boards. The search and the
chosen client are read off the GUI thread (``ui.operation``); the newest keystroke or choice
wins."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.formatting import format_date
from opsdesk.domain.ids import CaseId, ClientId
from opsdesk.domain.roles import Action
from opsdesk.errors import ServiceError
from opsdesk.i18n import _
from opsdesk.ui.clients.client_form import ClientDialog, sex_label
from opsdesk.ui.clients.client_model import ClientIdRole, ClientListModel
from opsdesk.ui.clients.household import HouseholdDialog
from opsdesk.ui.operation import run_operation

if TYPE_CHECKING:
    from opsdesk.services.cases.records import Referral
    from opsdesk.services.clients.register import ClientDetail
    from opsdesk.services.registry import Services

SEARCH_DELAY_MS = 250


@dataclass(frozen=True)
class ClientView:
    """A client as the register shows them, read in one go."""

    detail: ClientDetail
    openable: dict[str, CaseId]  # file number -> case id, of the cases the person may open
    sent: list[Referral]  # where the client was sent


class ClientRegister(QWidget):
    def __init__(self, services: Services, parent=None):
        super().__init__(parent)
        self.services = services
        actor = services.actor
        assert actor is not None, "the register is shown to a logged-in person only"
        self.detail: ClientDetail | None = None
        self.search = QLineEdit()
        self.search.setObjectName("clientSearch")
        self.search.setPlaceholderText(_("Search: last name, first name, PESEL, document"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(_("Search the client register"))
        self.new_button = QPushButton(_("&New client\u2026"))
        self.new_button.clicked.connect(self.new_client)
        self.new_button.setVisible(actor.can(Action.CLIENT_EDIT))
        self.model = ClientListModel(self)
        self.table = QTableView()
        self.table.setObjectName("clientTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(
            lambda cur, _p: self.show_client(cur.data(ClientIdRole) if cur.isValid() else None)
        )
        self.table.activated.connect(lambda _i: self.edit_client())

        self.info = QLabel()
        self.info.setObjectName("clientInfo")
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.household = QLabel()
        self.household.setObjectName("householdInfo")
        self.household.setWordWrap(True)
        self.cases = QListWidget()
        self.cases.setObjectName("clientCases")
        self.cases.setAccessibleName(_("Cases of the client"))
        self.cases.itemActivated.connect(self._open_case)
        self.edit_button = QPushButton(_("&Edit\u2026"))
        self.edit_button.clicked.connect(self.edit_client)
        self.join_button = QPushButton(_("Add a person to the &household\u2026"))
        self.join_button.clicked.connect(self.add_to_household)
        self.leave_button = QPushButton(_("&Leave the household"))
        self.leave_button.clicked.connect(self.leave_household)
        self.case_button = QPushButton(_("Open a &case\u2026"))
        self.case_button.setObjectName("newCase")
        self.case_button.clicked.connect(self.new_case)
        for button in (self.edit_button, self.join_button, self.leave_button):
            button.setVisible(actor.can(Action.CLIENT_EDIT))
        self.case_button.setVisible(actor.can(Action.CASE_CREATE))

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(self.info)
        side_layout.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignLeft)
        household_title = QLabel("<b>" + escape(_("Household")) + "</b>")
        side_layout.addWidget(household_title)
        side_layout.addWidget(self.household)
        buttons = QHBoxLayout()
        buttons.addWidget(self.join_button)
        buttons.addWidget(self.leave_button)
        buttons.addStretch(1)
        side_layout.addLayout(buttons)
        cases_title = QLabel("<b>" + escape(_("Cases")) + "</b>")
        cases_title.setBuddy(self.cases)
        side_layout.addWidget(cases_title)
        side_layout.addWidget(self.cases, 1)
        side_layout.addWidget(self.case_button, 0, Qt.AlignmentFlag.AlignLeft)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search_clients)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self.search_clients)
        self.show_client(None)
        self.search_clients()

    # --- searching and showing ----------------------------------------------------------

    def search_clients(self, select: ClientId | None = None) -> None:
        """Search off the GUI thread; typing on, the latest keystroke's answer wins. The
        client ``select`` (else the first found) is chosen once the answer shows."""
        self._timer.stop()
        text, clients = self.search.text(), self.services.clients
        run_operation(
            self.table,
            lambda: clients.search(text),
            lambda rows: self._show_found(rows, select),
            busy=_("searching the clients"),
            when_running="replace",
        )

    def _show_found(self, rows, select: ClientId | None) -> None:
        self.model.set_records(rows)
        self.table.resizeColumnsToContents()
        if select is not None:
            self.select(select)
        elif self.model.rowCount():
            self.table.selectRow(0)
        else:
            self.show_client(None)

    def select(self, client_id: int) -> None:
        row = self.model.row_of(client_id)
        if row >= 0:
            self.table.selectRow(row)

    def show_client(self, client_id: ClientId | None) -> None:
        """Read the client and their cases off the GUI thread and show them (the newest
        choice wins); None: nobody chosen."""
        services, can_view = self.services, self._can_view_cases()

        def load() -> ClientView | None:
            if not client_id:
                return None
            detail = services.clients.get(client_id)
            openable = (
                {c.file_number: c.id for c in services.cases.for_client(client_id)}
                if can_view
                else {}
            )
            return ClientView(detail, openable, services.cases.where_sent(client_id))

        run_operation(
            self.info, load, self._show_view, busy=_("loading the client"), when_running="replace"
        )

    def _can_view_cases(self) -> bool:
        actor = self.services.actor
        return actor is not None and actor.can(Action.CASE_VIEW)

    def _show_view(self, view: ClientView | None) -> None:
        self.detail = d = view.detail if view is not None else None
        for button in (self.edit_button, self.join_button, self.case_button):
            button.setEnabled(d is not None)
        self.leave_button.setEnabled(d is not None and d.household_id is not None)
        self.cases.clear()
        if d is None:
            self.info.setText(_("Choose a client from the list."))
            self.household.clear()
            return
        s = d.summary
        lines = [f"<h3>{escape(s.display_name)}</h3>"]
        facts = [
            (_("PESEL"), s.pesel),
            (_("Document"), s.document_number),
            (_("Birth date"), format_date(s.birth_date)),
            (_("Sex"), sex_label(d.sex)),
            (_("Address"), s.address),
            (
                _("Region"),
                _("{region} (set by hand)").format(region=s.region_name)
                if d.region_overridden
                else s.region_name,
            ),
            (_("Phone"), s.phone),
            (_("E-mail"), d.email),
            (_("Client code"), s.code),
        ]
        lines += [f"<b>{escape(k)}:</b> {escape(v)}<br>" for k, v in facts if v]
        self.info.setText("".join(lines))
        if d.household:
            own = escape(d.household_relation or _("applicant"))
            members = "".join(
                f"<br>\u2022 {escape(m.display_name)} \u2014 {escape(m.relation)}"
                + (f" ({escape(m.identity)})" if m.identity else "")
                for m in d.household
            )
            self.household.setText(
                _("This person ({relation}) lives with:").format(relation=own) + members
            )
        else:
            self.household.setText(_("Lives alone (no household members registered)."))
        assert view is not None
        self._show_cases(view.openable, view.sent)

    def _show_cases(self, openable: dict[str, CaseId], sent: list[Referral]) -> None:
        for referral in sent:
            state = _("closed") if referral.closed else _("open")
            text = _("{file} \u2014 {team}, {worker} (since {date}, {state})").format(
                file=referral.file_number,
                team=referral.team_name,
                worker=referral.worker_name or _("nobody assigned"),
                date=format_date(referral.opened_on),
                state=state,
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, openable.get(referral.file_number))
            self.cases.addItem(item)
        if not self.cases.count():
            self.cases.addItem(_("No cases."))

    # --- actions ------------------------------------------------------------------------

    def new_client(self) -> None:
        dialog = ClientDialog(self.services, None, self)
        if dialog.exec() and dialog.saved is not None:
            self.search.setText(dialog.saved.last_name)
            self.search_clients(select=dialog.saved.id)

    def edit_client(self) -> None:
        actor = self.services.actor
        if self.detail is None or actor is None or not actor.can(Action.CLIENT_EDIT):
            return
        client_id = self.detail.summary.id
        if ClientDialog(self.services, client_id, self).exec():
            self.search_clients(select=client_id)

    def add_to_household(self) -> None:
        if self.detail is None:
            return
        s = self.detail.summary
        if HouseholdDialog(self.services, s.id, s.display_name, self).exec():
            self.show_client(s.id)

    def leave_household(self) -> None:
        """Saved off the GUI thread; a second press meanwhile does nothing."""
        if self.detail is None:
            return
        client_id, clients = self.detail.summary.id, self.services.clients

        def refused(error: ServiceError) -> None:
            self.info.setText(escape(str(error)))

        run_operation(
            self.leave_button,  # beside the client being shown (which runs for the info)
            lambda: clients.leave_household(client_id),
            lambda _left: self.show_client(client_id),
            refused=refused,
            busy=_("saving the household"),
        )

    def new_case(self) -> None:
        from opsdesk.ui.boards.new_case_dialog import NewCaseDialog

        if self.detail is None:
            return
        s = self.detail.summary
        dialog = NewCaseDialog(self.services, s.id, s.display_name, self)
        if dialog.exec():
            self.show_client(s.id)

    def _open_case(self, item: QListWidgetItem) -> None:
        from opsdesk.ui.boards.case_dialog import open_case_dialog

        case_id = item.data(Qt.ItemDataRole.UserRole)
        if case_id is not None:
            open_case_dialog(self.cases, self.services, case_id, then=self._show_again)

    def _show_again(self) -> None:
        if self.detail is not None:
            self.show_client(self.detail.summary.id)
