"""Booking a client into a chosen free slot of the psychologist's week (first-contact desk)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from opsdesk.domain.formatting import format_date
from opsdesk.domain.hours import FORMS_BY_KIND, ContractKind, SessionForm
from opsdesk.i18n import _
from opsdesk.services.errors import ServiceError, ValidationError
from opsdesk.services.hours_records import BookingInput, CalendarSlot, ContractRecord
from opsdesk.ui.forms import FieldErrors

MIN_SEARCH = 2


class BookingDialog(QDialog):
    def __init__(self, services, contract: ContractRecord, slot: CalendarSlot, parent=None):
        super().__init__(parent)
        self.services = services
        self.contract = contract
        self.slot = slot
        self.booked = None
        self.setWindowTitle(_("Book a client with the psychologist"))
        self.setObjectName("bookingDialog")
        when = QLabel(_("{provider}, {date} {start}\u2013{end}").format(
            provider=contract.provider_name, date=format_date(slot.day),
            start=f"{slot.start:%H:%M}", end=f"{slot.end:%H:%M}"))
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
        self.found.itemActivated.connect(lambda _item: self.book())
        self.form = QComboBox()
        self.form.setObjectName("form")
        for form in FORMS_BY_KIND[ContractKind.PSYCHOLOGY]:
            self.form.addItem(form.label, form.value)
        layout_form = QFormLayout()
        layout_form.addRow(_("Time"), when)
        layout_form.addRow(_("Client"), self.search)
        layout_form.addRow("", self.found)
        layout_form.addRow(_("Form"), self.form)
        self.errors = FieldErrors(self)
        self.errors.attach("clients", self.found, layout_form)
        self.errors.attach("start", self.search, layout_form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Book"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.book)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.errors.general_label)
        layout.addLayout(layout_form)
        layout.addWidget(buttons)
        self.resize(480, 360)

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

    def book(self) -> None:
        item = self.found.currentItem()
        client_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if client_id is None:
            self.errors.show({"clients": _("Find and choose the client.")})
            return
        try:
            self.booked = self.services.hours_calendar.book(BookingInput(
                self.contract.id, self.slot.day, self.slot.start, self.slot.minutes, client_id,
                form=SessionForm(self.form.currentData())))
        except ValidationError as error:
            self.errors.show(error.errors)
            return
        except ServiceError as error:
            self.errors.show({"general": str(error)})
            return
        self.accept()
