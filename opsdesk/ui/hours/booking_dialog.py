"""Booking a client into a chosen free slot of the psychologist's week (first-contact desk)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QListWidgetItem,
    QProgressBar,
)

from opsdesk.domain.formatting import format_date
from opsdesk.domain.hours import FORMS_BY_KIND, ContractKind, SessionForm
from opsdesk.errors import ServiceError, ValidationError
from opsdesk.i18n import N_, _
from opsdesk.services.clients.register import ClientSummary
from opsdesk.services.hours.records import (
    BookingInput,
    BookingOverBudget,
    CalendarSlot,
    ContractRecord,
)
from opsdesk.ui.form_dialog import FormDialog
from opsdesk.ui.hours.budget_panel import confirm_booking_over_budget, show_level
from opsdesk.ui.hours.people_pickers import client_search
from opsdesk.ui.operation import run_operation

if TYPE_CHECKING:
    from opsdesk.services.registry import Services

MIN_SEARCH = 2


class BookingDialog(FormDialog):
    """The month's budget, the client search and the booking itself are asked off the GUI
    thread (``ui.operation``): the newest search wins; a booking over the budget asks first
    and then books again, acknowledged."""

    busy_text = N_("booking the client")

    def __init__(
        self, services: Services, contract: ContractRecord, slot: CalendarSlot, parent=None
    ):
        super().__init__(parent, _("Book a client with the psychologist"), _("Book"))
        self.services = services
        self.contract = contract
        self.slot = slot
        self.setObjectName("bookingDialog")
        when = QLabel(
            _("{provider}, {date} {start}\u2013{end}").format(
                provider=contract.provider_name,
                date=format_date(slot.day),
                start=f"{slot.start:%H:%M}",
                end=f"{slot.end:%H:%M}",
            )
        )
        when.setObjectName("bookingWhen")
        self.search, self.found = client_search()
        self.search.textEdited.connect(self._find)
        self.found.itemActivated.connect(lambda _item: self.save())
        self.session_form = QComboBox()
        self.session_form.setObjectName("form")
        for form in FORMS_BY_KIND[ContractKind.PSYCHOLOGY]:
            self.session_form.addItem(form.label, form.value)
        self.form.addRow(_("Time"), when)
        self.add_field("start", _("Client"), self.search)
        self.add_field("clients", "", self.found)
        self.form.addRow(_("Form"), self.session_form)
        self.budget_bar = QProgressBar()
        self.budget_bar.setObjectName("bookingBudget")
        self.budget_bar.setAccessibleName(_("The month's budget, held and booked"))
        calendar = services.hours_calendar
        run_operation(
            self.budget_bar,
            lambda: calendar.month_budget(contract.id, slot.day),
            lambda budget: show_level(self.budget_bar, budget),
            refused=self.errors.show_refusal,
            busy=_("loading the budget"),
        )
        self.form.addRow(_("Month's budget"), self.budget_bar)
        self.resize(480, 360)

    @property
    def booked(self):
        return self.result_value

    def book(self) -> None:
        self.save()

    def _find(self, text: str) -> None:
        self.found.clear()
        if len(text.strip()) < MIN_SEARCH:
            return
        clients = self.services.clients
        run_operation(
            self.found,
            lambda: clients.search(text, limit=10),
            self._show_found,
            refused=self.errors.show_refusal,
            busy=_("searching for the client"),
            when_running="replace",
        )

    def _show_found(self, found: list[ClientSummary]) -> None:
        self.found.clear()
        if len(self.search.text().strip()) < MIN_SEARCH:
            return  # the search was emptied meanwhile
        for client in found:
            item = QListWidgetItem(f"{client.display_name}, {client.identity} ({client.code})")
            item.setData(Qt.ItemDataRole.UserRole, client.id)
            self.found.addItem(item)
        if self.found.count():
            self.found.setCurrentRow(0)
        else:
            self.found.addItem(_("No client found."))

    def request(self):
        item = self.found.currentItem()
        client_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if client_id is None:
            raise ValidationError.single("clients", _("Find and choose the client."))
        self._data = data = BookingInput(
            self.contract.id,
            self.slot.day,
            self.slot.start,
            self.slot.minutes,
            client_id,
            form=SessionForm(self.session_form.currentData()),
        )
        calendar = self.services.hours_calendar
        return lambda: calendar.book(data)

    def _refused(self, error: ServiceError) -> None:
        """Over the budget: book anyway once the person agrees (off the GUI thread again)."""
        if not isinstance(error, BookingOverBudget) or not confirm_booking_over_budget(
            self, str(error)
        ):
            super()._refused(error)
            return
        data, calendar = (
            replace(self._data, over_budget_acknowledged=True),
            self.services.hours_calendar,
        )
        run_operation(
            self,
            lambda: calendar.book(data),
            self._saved,
            refused=super()._refused,
            busy=_(self.busy_text),
        )
