"""Booking a client into a chosen free slot of the psychologist's week (first-contact desk)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
)

from opsdesk.domain.formatting import format_date
from opsdesk.domain.hours import FORMS_BY_KIND, ContractKind, SessionForm
from opsdesk.errors import ValidationError
from opsdesk.i18n import _
from opsdesk.services.hours.records import (
    BookingInput,
    BookingOverBudget,
    CalendarSlot,
    ContractRecord,
)
from opsdesk.ui.form_dialog import FormDialog
from opsdesk.ui.hours.budget_panel import confirm_booking_over_budget, show_level

if TYPE_CHECKING:
    from opsdesk.services.registry import Services

MIN_SEARCH = 2


class BookingDialog(FormDialog):
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
        self.search = QLineEdit()
        self.search.setObjectName("clientSearch")
        self.search.setPlaceholderText(_("Surname, first name or PESEL\u2026"))
        self.search.setAccessibleName(_("Search for a client"))
        self.search.setClearButtonEnabled(True)
        self.search.textEdited.connect(self._find)
        self.found = QListWidget()
        self.found.setObjectName("clientsFound")
        self.found.setAccessibleName(_("Clients found"))
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
        show_level(self.budget_bar, services.hours_calendar.month_budget(contract.id, slot.day))
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
        for client in self.services.clients.search(text, limit=10):
            item = QListWidgetItem(f"{client.display_name}, {client.identity} ({client.code})")
            item.setData(Qt.ItemDataRole.UserRole, client.id)
            self.found.addItem(item)
        if self.found.count():
            self.found.setCurrentRow(0)
        else:
            self.found.addItem(_("No client found."))

    def call(self):
        item = self.found.currentItem()
        client_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if client_id is None:
            raise ValidationError.single("clients", _("Find and choose the client."))
        data = BookingInput(
            self.contract.id,
            self.slot.day,
            self.slot.start,
            self.slot.minutes,
            client_id,
            form=SessionForm(self.session_form.currentData()),
        )
        try:
            return self.services.hours_calendar.book(data)
        except BookingOverBudget as over:
            if not confirm_booking_over_budget(self, str(over)):
                raise
            return self.services.hours_calendar.book(replace(data, over_budget_acknowledged=True))
