"""Booking a client referred to the psychologist into a free slot of the psychologist's
calendar (the hours service, ``Action.PSYCH_BOOK``), linked to the reception visit."""

from __future__ import annotations

from dataclasses import replace
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
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from opsdesk.domain.formatting import format_date
from opsdesk.domain.roles import Action
from opsdesk.errors import ServiceError
from opsdesk.i18n import _
from opsdesk.ui.forms import FieldErrors

if TYPE_CHECKING:
    from opsdesk.services.hours.records import BookingRecord
    from opsdesk.services.registry import Services

WEEKS_AHEAD = 4


def can_book_psychologist(services: Services) -> bool:
    actor = services.actor
    return bool(
        actor and actor.can(Action.PSYCH_BOOK) and hasattr(type(services), "hours_calendar")
    )


class PsychBookingDialog(QDialog):
    def __init__(self, services: Services, visit, parent=None):
        super().__init__(parent)
        from opsdesk.services.hours.records import BookingInput  # the hours capability

        self._booking_input = BookingInput
        self.services = services
        self.visit = visit
        self.booked: BookingRecord | None = None
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
        self.budget_bar = QProgressBar()
        self.budget_bar.setObjectName("bookingBudget")
        self.budget_bar.setAccessibleName(_("The month's budget, held and booked"))
        self.slots.currentItemChanged.connect(lambda *_a: self._show_budget())
        weeks = QHBoxLayout()
        weeks.addWidget(earlier)
        weeks.addWidget(self.week_label, 1)
        weeks.addWidget(later)
        form = QFormLayout()
        form.addRow(_("Psychologist"), self.contract)
        form.addRow(weeks)
        form.addRow(_("Free times"), self.slots)
        form.addRow(_("Month's budget"), self.budget_bar)
        self.errors = FieldErrors(self)
        self.errors.attach("start", self.slots, form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
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
                item = QListWidgetItem(
                    f"{format_date(slot.day)} {slot.start:%H:%M} ({slot.minutes} min)"
                )
                item.setData(Qt.ItemDataRole.UserRole, slot)
                self.slots.addItem(item)
        if self.slots.count():
            self.slots.setCurrentRow(0)
        else:
            self.slots.addItem(_("No free times this week."))

    def _show_budget(self) -> None:
        from opsdesk.ui.hours.budget_panel import show_level

        item = self.slots.currentItem()
        slot = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        contract_id = self.contract.currentData()
        if slot is None or contract_id is None:
            self.budget_bar.hide()
            return
        show_level(
            self.budget_bar, self.services.hours_calendar.month_budget(contract_id, slot.day)
        )
        self.budget_bar.show()

    def book(self) -> None:
        item = self.slots.currentItem()
        slot = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if slot is None:
            self.errors.show({"start": _("Choose a free time.")})
            return
        from opsdesk.services.hours.records import BookingOverBudget
        from opsdesk.ui.hours.budget_panel import confirm_booking_over_budget

        data = self._booking_input(
            contract_id=self.contract.currentData(),
            day=slot.day,
            start=slot.start,
            minutes=slot.minutes,
            client_id=self.visit.client_id,
            visit_id=self.visit.id,
        )
        try:
            try:
                self.booked = self.services.hours_calendar.book(data)
            except BookingOverBudget as over:
                if not confirm_booking_over_budget(self, str(over)):
                    raise
                self.booked = self.services.hours_calendar.book(
                    replace(data, over_budget_acknowledged=True)
                )
        except ServiceError as error:
            self.errors.show_refusal(error)
            return
        self.accept()
