"""Registering a contact in one small form: client, channel, purpose, priority, routing
(proposed, overridable with a reason), note. Enter registers; the ticket appears at once,
large, and the form is ready for the next person."""

from __future__ import annotations

import logging
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from opsdesk.domain.errors import DomainError
from opsdesk.domain.pesel import parse_pesel
from opsdesk.domain.queue import (
    TICKET_LANGUAGES,
    Channel,
    PriorityReason,
    priority_label,
    proposed_priority,
)
from opsdesk.errors import ServiceError
from opsdesk.i18n import N_, _
from opsdesk.services.reception.desk import ContactInput
from opsdesk.ui import workstation
from opsdesk.ui.forms import FieldErrors
from opsdesk.ui.operation import is_running, run_first_read, run_operation, run_reload
from opsdesk.ui.reception.client_picker import ClientPicker
from opsdesk.ui.reception.quick_client_dialog import QuickClientDialog

if TYPE_CHECKING:
    from opsdesk.services.reception.records import Route, VisitRecord
    from opsdesk.services.registry import Services

log = logging.getLogger("opsdesk.ui")

NO_WORKER = -1
PRIORITY_CHOICES = {
    PriorityReason.DISABILITY: N_("Disability"),
    PriorityReason.PREGNANT: N_("Pregnancy"),
    PriorityReason.AGED_75: N_("Age 75+"),
    PriorityReason.CRISIS: N_("Crisis"),
}
TICKET_STYLE = (
    "font-size: 44pt; font-weight: 800; color: #0b3d91; background: #eef4ff;"
    " border: 2px solid #0b3d91; border-radius: 6px; padding: 4px 12px;"
)


def birth_date_of(client) -> date | None:
    """The client's birth date: as stored, else read from the PESEL (a record saved
    without it); None when neither is known."""
    if client is None:
        return None
    if client.birth_date is not None:
        return client.birth_date
    try:
        return parse_pesel(client.pesel).birth_date if client.pesel else None
    except DomainError:
        return None


class ContactForm(QGroupBox):
    """Emits ``registered(VisitRecord)`` after each contact."""

    registered = Signal(object)

    def __init__(self, services: Services, parent=None):
        super().__init__(_("New contact"), parent)
        self.setObjectName("contactForm")
        self.services = services
        self.route: Route | None = None
        self.last_visit: VisitRecord | None = None
        self._submit_when_routed = False  # Enter pressed while the routing was worked out
        self._team_by_hand = False  # the clerk chose the team since the routing was asked
        self.lists_mark: int | None = None  # of the purposes and teams shown (None: not yet)
        self.picker = ClientPicker(services)
        self.picker.chosen.connect(self._client_chosen)
        self.picker.new_client_requested.connect(self.new_client)
        self.picker.search.textEdited.connect(lambda _text: self._forget_ticket())
        self.channel = QComboBox()
        self.channel.setObjectName("channel")
        for channel in Channel:
            self.channel.addItem(channel.label, channel.value)
        self.purpose = QComboBox()
        self.purpose.setObjectName("purpose")
        self.purpose.addItem(_("\u2014 choose the purpose \u2014"), None)
        self.purpose.currentIndexChanged.connect(self._update_route)
        self.priority = QComboBox()
        self.priority.setObjectName("priority")
        # short names with different first letters: typing a letter in the box picks exactly
        # one reason ("o" could have meant two of the long labels)
        self.priority.addItem(_("No priority"), "")
        for reason in PriorityReason:
            self.priority.addItem(_(PRIORITY_CHOICES[reason]), reason.value)
            self.priority.setItemData(
                self.priority.count() - 1, reason.label, Qt.ItemDataRole.ToolTipRole
            )
        self.priority.activated.connect(self._priority_chosen)
        self.language = QComboBox()  # of the printed ticket, as the person chooses
        self.language.setObjectName("ticketLanguage")
        for code, name in TICKET_LANGUAGES.items():
            self.language.addItem(name, code)
        self._proposed_priority = False  # the priority shown was proposed, not chosen
        self.team = QComboBox()
        self.team.setObjectName("team")
        self.team.activated.connect(self._team_changed)
        self.worker = QComboBox()
        self.worker.setObjectName("worker")
        self.worker.activated.connect(self._mark_override)
        self.route_label = QLabel()
        self.route_label.setObjectName("routeExplanation")
        self.route_label.setWordWrap(True)
        self.override_reason = QLineEdit()
        self.override_reason.setObjectName("overrideReason")
        self.override_reason.setPlaceholderText(_("Only when changing the proposed routing"))
        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.note.setPlaceholderText(_("A short note (optional)"))
        self.submit_button = QPushButton(_("R&egister (Enter)"))
        self.submit_button.setObjectName("registerButton")
        self.submit_button.clicked.connect(self.submit)
        self.ticket = QLabel()
        self.ticket.setObjectName("ticketNumber")
        self.ticket.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.ticket.setStyleSheet(TICKET_STYLE)
        self.ticket.hide()
        self.ticket_info = QLabel()
        self.ticket_info.setObjectName("ticketInfo")
        self.ticket_info.setWordWrap(True)
        self.ticket_info.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.print_button = QPushButton(_("Print the ticket (Ctrl+P)"))
        self.print_button.setObjectName("printTicketButton")
        self.print_button.clicked.connect(self.print_ticket)
        self.print_button.hide()
        print_shortcut = QShortcut(QKeySequence("Ctrl+P"), self)
        print_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        print_shortcut.activated.connect(self.print_ticket)

        form = QFormLayout()
        form.addRow(_("C&lient"), self.picker)
        form.addRow(_("&Channel"), self.channel)
        form.addRow(_("P&urpose"), self.purpose)
        form.addRow(_("&Priority"), self.priority)
        form.addRow(_("Ticket language"), self.language)
        form.addRow(_("Tea&m"), self.team)
        form.addRow(_("Wor&ker"), self.worker)
        form.addRow("", self.route_label)
        form.addRow(_("Reason for the chan&ge"), self.override_reason)
        form.addRow(_("N&ote"), self.note)
        self.errors = FieldErrors(self)
        for name, widget in (
            ("client", self.picker.search),
            ("channel", self.channel),
            ("purpose", self.purpose),
            ("priority", self.priority),
            ("language", self.language),
            ("team", self.team),
            ("worker", self.worker),
            ("override_reason", self.override_reason),
            ("note", self.note),
        ):
            self.errors.attach(name, widget, form)
        layout = QVBoxLayout(self)
        layout.addWidget(self.errors.general_label)
        layout.addLayout(form)
        layout.addWidget(self.submit_button)
        layout.addWidget(self.ticket)
        layout.addWidget(self.ticket_info)
        layout.addWidget(self.print_button)
        layout.addStretch(1)
        for widget in (
            self.channel,
            self.purpose,
            self.priority,
            self.language,
            self.team,
            self.worker,
            self.override_reason,
            self.note,
        ):
            widget.installEventFilter(self)
        self._load_lists()

    def _load_lists(self) -> None:
        """The purposes and the teams, read off the GUI thread: the desk opens at once on a
        slow server; the two lists wait, disabled, and Enter pressed meanwhile registers once
        they and the routing are there."""
        services = self.services
        self.purpose.setEnabled(False)
        self.team.setEnabled(False)
        self.route_label.setText(_("Loading\u2026"))
        run_first_read(
            self,
            lambda: self._read_lists(services),
            self._show_lists,
            refused=self._lists_refused,
            busy=_("loading the purposes and teams"),
            lane="lists",
        )

    def _lists_refused(self, error: ServiceError) -> None:
        """Shown on the form's message line; asked again shortly (``run_first_read``). An
        Enter pressed meanwhile is forgotten: the clerk presses it again once the lists are
        there, and nothing is registered unasked."""
        self._submit_when_routed = False
        self.errors.show_refusal(error)

    @staticmethod
    def _read_lists(services: Services) -> tuple[list, list, int]:
        reception = services.reception
        mark = reception.lists_mark()  # (first: a change meanwhile is caught by the next)
        return reception.purposes(), reception.teams(), mark

    def _show_lists(self, loaded) -> None:
        self.errors.clear()  # a refusal of an earlier try goes
        self._fill_lists(loaded)
        self.purpose.setEnabled(True)
        self.team.setEnabled(True)
        self.route_label.clear()
        self._update_route()

    def _fill_lists(self, loaded) -> None:
        purposes, teams, self.lists_mark = loaded
        for purpose in purposes:
            self.purpose.addItem(purpose.name, purpose.id)
        for team in teams:
            self.team.addItem(f"{team.letter} \u2014 {team.name}", team.id)

    def follow_lists(self, mark: int) -> None:
        """Teams or purposes were changed in Administracja (``mark`` differs from the
        lists'): read them again. A purpose or team still offered stays chosen; one switched
        off meanwhile goes, and the routing is asked again."""
        if mark == self.lists_mark or self.lists_mark is None or is_running(self, "lists"):
            return
        services = self.services
        run_reload(  # (refused or failed: logged, the next refresh asks again)
            self,
            lambda: self._read_lists(services),
            self._lists_followed,
            busy=_("loading the purposes and teams"),
            what="the desk's purposes and teams",
            lane="lists",
        )

    def _lists_followed(self, loaded) -> None:
        purpose, team = self.purpose.currentData(), self.team.currentData()
        with QSignalBlocker(self.purpose), QSignalBlocker(self.team):
            while self.purpose.count() > 1:  # (the first: "choose the purpose")
                self.purpose.removeItem(1)
            self.team.clear()
            self._fill_lists(loaded)
            self.purpose.setCurrentIndex(max(self.purpose.findData(purpose), 0))
            self.team.setCurrentIndex(max(self.team.findData(team), 0))
        if self.purpose.currentData() != purpose or self.team.currentData() != team:
            self._update_route()

    # --- keyboard ------------------------------------------------------------------------

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in (
            Qt.Key.Key_Return,
            Qt.Key.Key_Enter,
        ):
            if not (isinstance(watched, QComboBox) and watched.view().isVisible()):
                self.submit()
                return True
        return super().eventFilter(watched, event)

    def start_new(self) -> None:
        """F2: a fresh form, the cursor in the client search."""
        self._forget_ticket()
        self.reset()
        self.picker.search.setFocus()

    def _forget_ticket(self) -> None:
        """The next person's turn: the last ticket goes off the form, so Ctrl+P can never
        print it for someone else."""
        self.last_visit = None
        self.ticket.hide()
        self.print_button.hide()
        self.ticket_info.clear()

    def focus_search(self) -> None:
        self.picker.search.setFocus()
        self.picker.search.selectAll()

    # --- routing -------------------------------------------------------------------------

    def _client_chosen(self) -> None:
        self._update_route()
        self._propose_priority()
        if self.picker.client is not None:
            self.purpose.setFocus()

    def _propose_priority(self) -> None:
        """A client aged 75 or more (birth date from the PESEL) gets the priority proposed;
        a reason the clerk chose is never replaced, a proposal goes with its client."""
        if self.priority.currentIndex() > 0 and not self._proposed_priority:
            return
        client = self.picker.client
        reason = proposed_priority(birth_date_of(client), self.services.ctx.clock.today())
        self.priority.setCurrentIndex(self.priority.findData(reason.value) if reason else 0)
        self._proposed_priority = reason is not None

    def _priority_chosen(self) -> None:
        self._proposed_priority = False

    def _update_route(self) -> None:
        """The proposed team and worker for the purpose and client, worked out off the GUI
        thread (the answer for the latest choice wins); asked again once the lists are
        there."""
        if is_running(self, "lists"):
            return
        client = self.picker.client
        purpose = self.purpose.currentData()
        services = self.services
        self._team_by_hand = False  # a new question: its answer proposes the team

        def work():
            route = services.reception.route(purpose, client.id if client else None)
            return route, services.reception.workers(route.team_id)

        run_operation(
            self,
            work,
            self._show_route,
            refused=self._routing_refused,
            busy=_("working out where to send the person"),
            lane="route",
            when_running="replace",
        )

    def _routing_refused(self, error: ServiceError) -> None:
        self._submit_when_routed = False
        self.errors.show_refusal(error)

    def _show_route(self, loaded) -> None:
        route, workers = loaded
        self.route = route
        if self._team_by_hand:  # chosen meanwhile: the answer never undoes the clerk's choice
            self.route_label.setText(route.explanation if self.purpose.currentData() else "")
            self._mark_override()
            self._submit_if_waiting()
            return
        self._fill_workers(workers)
        if route.team_id is not None:
            self.team.setCurrentIndex(self.team.findData(route.team_id))
        self._select_worker(route.worker_id)
        self.route_label.setText(route.explanation if self.purpose.currentData() else "")
        self._mark_override()
        self._submit_if_waiting()

    def _fill_workers(self, workers) -> None:
        self.worker.clear()
        self.worker.addItem(_("No particular worker"), NO_WORKER)
        for worker in workers:
            self.worker.addItem(worker.label, worker.id)

    def _select_worker(self, worker_id) -> None:
        index = self.worker.findData(worker_id if worker_id is not None else NO_WORKER)
        self.worker.setCurrentIndex(max(index, 0))

    def _team_changed(self) -> None:
        team_id = self.team.currentData()
        self._team_by_hand = True
        run_operation(
            self,
            lambda: self.services.reception.workers(team_id),
            lambda workers: self._show_team_workers(team_id, workers),
            refused=self._routing_refused,
            busy=_("loading the team's workers"),
            lane="workers",
            when_running="replace",
        )

    def _show_team_workers(self, team_id, workers) -> None:
        if team_id != self.team.currentData():
            return
        self._fill_workers(workers)
        route = self.route
        if route is not None and team_id == route.team_id:
            self._select_worker(route.worker_id)
        self._mark_override()
        self._submit_if_waiting()

    def overridden(self) -> bool:
        route = self.route
        if route is None or route.team_id is None:
            return False
        worker = self.worker.currentData()
        worker = None if worker == NO_WORKER else worker
        return self.team.currentData() != route.team_id or worker != route.worker_id

    def _mark_override(self) -> None:
        changed = self.overridden()
        self.override_reason.setEnabled(changed)
        if not changed:
            self.override_reason.clear()

    # --- registering ---------------------------------------------------------------------

    def data(self) -> ContactInput:
        client = self.picker.client
        team = self.team.currentData()
        worker = self.worker.currentData()
        team_changed = self.route is None or team != self.route.team_id
        return ContactInput(
            channel=Channel(self.channel.currentData()),
            purpose_id=self.purpose.currentData(),
            client_id=client.id if client else None,
            priority_reason=self.priority.currentData(),
            team_id=team if team_changed else None,
            worker_id=worker if worker not in (None, NO_WORKER) else None,
            no_worker=worker == NO_WORKER,
            override_reason=self.override_reason.text(),
            note=self.note.text(),
            language=self.language.currentData(),
        )

    def routing(self) -> bool:
        """The lists, the proposed routing or the team's workers are still being loaded."""
        return any(is_running(self, lane) for lane in ("lists", "route", "workers"))

    def _submit_if_waiting(self) -> None:
        if self._submit_when_routed and not self.routing():
            self._submit_when_routed = False
            self.submit()

    def submit(self) -> None:
        """Register the contact off the GUI thread (``ui.operation``); Enter pressed while
        the routing is worked out registers once it is shown; Enter again while the server
        saves registers nobody twice."""
        if self.routing():
            self._submit_when_routed = True
            return
        data = self.data()
        run_operation(
            self,
            lambda: self.services.reception.register(data),
            self._registered_visit,
            refused=self.errors.show_refusal,
            busy=_("registering the contact"),
        )

    def _registered_visit(self, visit) -> None:
        self.last_visit = visit
        self._show_ticket(visit)
        self.reset()
        self.picker.search.setFocus()
        self.registered.emit(visit)

    def _show_ticket(self, visit) -> None:
        where = ", ".join(p for p in (visit.target_team_name, visit.target_worker_name) if p)
        if visit.ticket:
            self.ticket.setText(visit.ticket)
            self.ticket.setAccessibleName(_("Ticket {ticket}").format(ticket=visit.ticket))
            self.ticket.show()
            self.print_button.show()
            info = _("{person} \u2192 {where}").format(person=visit.person, where=where)
            if visit.priority_reason:  # said back, so a reason picked by mistake is seen
                info += "\n" + _("Priority: {reason}").format(
                    reason=priority_label(visit.priority_reason)
                )
            self.ticket_info.setText(info)
        else:
            self.ticket.hide()
            self.print_button.hide()
            self.ticket_info.setText(
                _("Recorded: {channel}, {person} \u2192 {where}").format(
                    channel=visit.channel_label, person=visit.person, where=where
                )
            )

    def print_ticket(self) -> None:
        """The last ticket on the receipt printer: at once on the default printer when the
        workstation is set so (Tools → Settings), else in the preview as every document."""
        if self.last_visit is None or not self.last_visit.ticket:
            return
        from opsdesk.ui.reports import desk  # printing loads on first use

        if workstation.settings().ticket_print_direct:
            desk.print_ticket_at_once(self, self.services, self.last_visit.id)
        else:
            desk.preview_ticket(self, self.services, self.last_visit.id)

    def reset(self) -> None:
        self.errors.clear()
        self.picker.clear()
        self.channel.setCurrentIndex(0)
        self.purpose.setCurrentIndex(0)
        self.priority.setCurrentIndex(0)
        self.language.setCurrentIndex(0)
        self._proposed_priority = False
        self.note.clear()
        self.override_reason.clear()
        self._update_route()

    def new_client(self) -> None:
        """The quick new-client dialog opens with the regions and the office's locality,
        read first off the GUI thread (a second press meanwhile opens nothing)."""
        services, search_text = self.services, self.picker.search.text()
        run_operation(
            self,
            lambda: (services.regions.list(), services.office.profile().city or ""),
            lambda answer: self._ask_new_client(search_text, *answer),
            refused=self.errors.show_refusal,
            busy=_("opening the new client form"),
            lane="new client",
        )

    def _ask_new_client(self, search_text: str, regions, locality: str) -> None:
        dialog = QuickClientDialog(
            self.services, search_text, self, regions=regions, locality=locality
        )
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        self.window().activateWindow()
        if accepted and dialog.created is not None:
            self.picker.set_client(dialog.created)
        else:
            self.picker.search.setFocus()
