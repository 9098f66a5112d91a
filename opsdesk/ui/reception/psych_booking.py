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
from opsdesk.ui.operation import is_running, run_operation

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
        self.contract.setEnabled(False)  # until the contracts are read (off the GUI thread)
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
        self.book_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.slots.setFocus()
        self._load_contracts()

    def _load_contracts(self) -> None:
        """The dialog opens at once: what it offers is read off the GUI thread, the lists
        disabled and "Loading…" shown meanwhile."""
        self.week_label.setText(_("Loading\u2026"))
        self.budget_bar.hide()  # shown with the chosen time's month
        self.slots.setEnabled(False)
        self.book_button.setEnabled(False)
        calendar = self.services.hours_calendar
        run_operation(
            self,
            calendar.bookable,
            self._show_contracts,
            refused=self.errors.show_refusal,
            busy=_("loading the psychologist's calendar"),
            lane="load",
        )

    def _show_contracts(self, contracts) -> None:
        for contract in contracts:
            self.contract.addItem(contract.provider_name, contract.id)
        self.contract.setEnabled(True)
        if not contracts:
            self.reload()

    def _move(self, weeks: int) -> None:
        self.week_offset = max(0, min(WEEKS_AHEAD, self.week_offset + weeks))
        self.reload()

    def reload(self) -> None:
        """The chosen week's free times, read off the GUI thread (the newest choice wins)."""
        contract_id = self.contract.currentData()
        if contract_id is None:
            self.slots.clear()
            self.week_label.setText(_("No psychologist's contract to book into."))
            return
        day = self.services.ctx.clock.today() + timedelta(weeks=self.week_offset)
        calendar = self.services.hours_calendar
        self.slots.setEnabled(False)
        self.book_button.setEnabled(False)
        run_operation(
            self,
            lambda: calendar.week(contract_id, day),
            self._show_week,
            refused=self.errors.show_refusal,
            busy=_("loading the psychologist's calendar"),
            lane="week",
            when_running="replace",
        )

    def _show_week(self, week) -> None:
        self.slots.clear()
        self.slots.setEnabled(True)
        self.book_button.setEnabled(True)
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
        calendar = self.services.hours_calendar

        def show(budget) -> None:
            show_level(self.budget_bar, budget)
            self.budget_bar.show()

        run_operation(
            self,
            lambda: calendar.month_budget(contract_id, slot.day),
            show,
            refused=self.errors.show_refusal,
            busy=_("loading the month's budget"),
            lane="budget",
            when_running="replace",
        )

    def book(self) -> None:
        """Booked off the GUI thread; Enter or OK pressed again meanwhile books nobody twice.
        Over the month's budget it asks first, then books with the person's consent."""
        if is_running(self, "week"):
            return  # the free times shown are about to change
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
        calendar = self.services.hours_calendar

        def refused(error: ServiceError) -> None:
            if isinstance(error, BookingOverBudget) and confirm_booking_over_budget(
                self, str(error)
            ):
                acknowledged = replace(data, over_budget_acknowledged=True)
                run_operation(
                    self,
                    lambda: calendar.book(acknowledged),
                    self._booked,
                    refused=self.errors.show_refusal,
                    busy=_("booking the psychologist"),
                )
            else:
                self.errors.show_refusal(error)

        run_operation(
            self,
            lambda: calendar.book(data),
            self._booked,
            refused=refused,
            busy=_("booking the psychologist"),
        )

    def _booked(self, booked: BookingRecord) -> None:
        self.booked = booked
        self.accept()

    def reject(self) -> None:
        """Cancel or Esc while the booking is being saved: the answer decides (as in every
        dialog that saves, ``FormDialog.reject``), the dialog never closes over a booking
        still being made."""
        if not is_running(self):
            super().reject()
