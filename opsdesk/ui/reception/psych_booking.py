"""Booking a client referred to the psychologist into a free slot of the psychologist's
calendar (the hours service, ``Action.PSYCH_BOOK``), linked to the reception visit."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from opsdesk.domain.formatting import format_date
from opsdesk.domain.roles import Action
from opsdesk.i18n import _
from opsdesk.errors import ServiceError
from opsdesk.ui.forms import FieldErrors

if TYPE_CHECKING:
    from opsdesk.services.registry import Services

WEEKS_AHEAD = 4


def can_book_psychologist(services: Services) -> bool:
    actor = services.actor
    return bool(actor and actor.can(Action.PSYCH_BOOK)
                and hasattr(type(services), "hours_calendar"))


class PsychBookingDialog(QDialog):
    def __init__(self, services: Services, visit, parent=None):
        super().__init__(parent)
        from opsdesk.services.hours.records import BookingInput  # the hours capability

        self._booking_input = BookingInput
        self.services = services
        self.visit = visit
        self.booked = None
        self.setWindowTitle(_("Book the psychologist for {person}").format(person=visit.person))
        self.week_offset = 0
        self.contract = QComboBox()
        self.contract.setObjectName("contract")
        for contract in services.hours_calendar.bookable():
            self.contract.addItem(contract.provider_name, contract.id)
        self.contract.currentIndexChanged.connect(lambda _i: self.reload())
        self.week_label = QLabel()
        earlier = QPushButton(_("\u2190 Earlier week"))
        earlier.clicked.connect(lambda: self._move(-1))
        later = QPushButton(_("Later week \u2192"))
        later.clicked.connect(lambda: self._move(1))
        self.slots = QListWidget()
        self.slots.setObjectName("freeSlots")
        self.slots.itemActivated.connect(lambda _item: self.book())
        weeks = QHBoxLayout()
        weeks.addWidget(earlier)
        weeks.addWidget(self.week_label, 1)
        weeks.addWidget(later)
        form = QFormLayout()
        form.addRow(_("Psychologist"), self.contract)
        form.addRow(weeks)
        form.addRow(_("Free times"), self.slots)
        self.errors = FieldErrors(self)
        self.errors.attach("start", self.slots, form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Book"))
        buttons.accepted.connect(self.book)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.errors.general_label)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.reload()
        self.slots.setFocus()

    def _move(self, weeks: int) -> None:
        self.week_offset = max(0, min(WEEKS_AHEAD, self.week_offset + weeks))
        self.reload()

    def reload(self) -> None:
        self.slots.clear()
        contract_id = self.contract.currentData()
        if contract_id is None:
            self.week_label.setText(_("No psychologist's contract to book into."))
            return
        day = self.services.ctx.clock.today() + timedelta(weeks=self.week_offset)
        week = self.services.hours_calendar.week(contract_id, day)
        self.week_label.setText(f"{format_date(week.days[0])} \u2013 {format_date(week.days[-1])}")
        for slot in week.slots:
            if slot.free and not slot.past:
                item = QListWidgetItem(f"{format_date(slot.day)} {slot.start:%H:%M} "
                                       f"({slot.minutes} min)")
                item.setData(Qt.ItemDataRole.UserRole, slot)
                self.slots.addItem(item)
        if self.slots.count():
            self.slots.setCurrentRow(0)
        else:
            self.slots.addItem(_("No free times this week."))

    def book(self) -> None:
        item = self.slots.currentItem()
        slot = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if slot is None:
            self.errors.show({"start": _("Choose a free time.")})
            return
        try:
            self.booked = self.services.hours_calendar.book(self._booking_input(
                contract_id=self.contract.currentData(), day=slot.day, start=slot.start,
                minutes=slot.minutes, client_id=self.visit.client_id, visit_id=self.visit.id))
        except ServiceError as error:
            self.errors.show_refusal(error)
            return
        self.accept()
