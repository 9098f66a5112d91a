"""The conversation room ("pokój do rozmów"): the day's bookings and booking a slot for a
worker and a client; a clash is refused with the booking in the way named."""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.roles import Action
from opsdesk.errors import ServiceError, ValidationError
from opsdesk.i18n import _
from opsdesk.services.reception.rooms import BookingInput, BookingRecord
from opsdesk.ui.date_edit import DateEdit
from opsdesk.ui.forms import ERROR_STYLE, FieldErrors
from opsdesk.ui.operation import is_running, run_operation, run_reload
from opsdesk.ui.reception.client_picker import ClientPicker
from opsdesk.ui.reception.table_models import RowsModel

if TYPE_CHECKING:
    from opsdesk.services.registry import Services

log = logging.getLogger("opsdesk.ui")


def bookings_line(bookings) -> str:
    """One line for the desk: today's bookings, or that the room is free."""
    if not bookings:
        return _("Conversation room today: free all day.")
    parts = [
        " ".join(
            p for p in (b.hours, b.worker_name, f"({b.client_name})" if b.client_name else "") if p
        )
        for b in bookings
    ]
    return _("Conversation room today: {bookings}").format(bookings=" \u00b7 ".join(parts))


class RoomsPanel(QWidget):
    def __init__(self, services: Services, parent=None):
        super().__init__(parent)
        self.services = services
        actor = services.actor
        assert actor is not None, "the room is shown to a logged-in person only"
        self.can_book = actor.can(Action.ROOM_BOOK)
        today = services.ctx.clock.today()
        self.room = QComboBox()
        self.room.setObjectName("room")
        self.day = DateEdit(today, today=today)
        self.day.setObjectName("day")
        self.day.dateChanged.connect(lambda _d: self.reload())
        self.starts = QTimeEdit(QTime(10, 0))
        self.starts.setObjectName("startsAt")
        self.ends = QTimeEdit(QTime(11, 0))
        self.ends.setObjectName("endsAt")
        for edit in (self.starts, self.ends):
            edit.setDisplayFormat("HH:mm")
        self.worker = QComboBox()
        self.worker.setObjectName("worker")
        self.picker = ClientPicker(services)
        self.picker.new_button.hide()
        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.book_button = QPushButton(_("&Book"))
        self.book_button.setObjectName("bookButton")
        self.book_button.clicked.connect(self.book)
        form = QFormLayout()
        form.addRow(_("&Room"), self.room)
        form.addRow(_("&Day"), self.day)
        form.addRow(_("&From"), self.starts)
        form.addRow(_("&Until"), self.ends)
        form.addRow(_("W&orker"), self.worker)
        form.addRow(_("&Client"), self.picker)
        form.addRow(_("&Note"), self.note)
        self.errors = FieldErrors(self)
        for name, widget in (
            ("room", self.room),
            ("starts_at", self.starts),
            ("ends_at", self.ends),
            ("worker", self.worker),
            ("client", self.picker.search),
            ("note", self.note),
        ):
            self.errors.attach(name, widget, form)
        booking = QGroupBox(_("Book the room"))
        box = QVBoxLayout(booking)
        box.addWidget(self.errors.general_label)
        box.addLayout(form)
        box.addWidget(self.book_button)
        box.addStretch(1)
        booking.setVisible(self.can_book)

        self.model = RowsModel(
            [_("Hours"), _("Room"), _("Worker"), _("Client"), _("Note")], self, numeric_from=None
        )
        self.table = QTableView()
        self.table.setObjectName("bookingsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.cancel_button = QPushButton(_("Cancel the chosen booking"))
        self.cancel_button.setObjectName("cancelBookingButton")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setVisible(self.can_book)
        self.message = QLabel()
        self.message.setObjectName("roomMessage")
        self.message.setWordWrap(True)
        self.heading = QLabel()
        self.heading.setObjectName("bookingsHeading")
        right = QVBoxLayout()
        right.addWidget(self.heading)
        right.addWidget(self.table, 1)
        right.addWidget(self.cancel_button)
        right.addWidget(self.message)
        layout = QHBoxLayout(self)
        layout.addWidget(booking, 2)
        layout.addLayout(right, 3)
        self._bookings: list[BookingRecord] = []
        self._load_lists()
        self.reload()

    def _load_lists(self) -> None:
        """The rooms and the workers, read off the GUI thread: the panel opens at once on a
        slow server; the two lists and the booking wait, disabled, for the answer. Refused
        (the server is gone), the next reload asks again."""
        services = self.services
        for combo in (self.room, self.worker):
            combo.setEnabled(False)
            combo.setPlaceholderText(_("Loading\u2026"))
        self.book_button.setEnabled(False)
        run_operation(
            self,
            lambda: (services.rooms.rooms(), services.reception.workers()),
            self._show_lists,
            refused=self._refused,
            busy=_("loading the rooms and workers"),
            lane="lists",
            defect=lambda _error: log.warning("room lists failed; the next reload retries"),
        )

    def _show_lists(self, loaded) -> None:
        rooms, workers = loaded
        self.room.addItems(rooms)
        self.worker.addItem(_("\u2014 choose the worker \u2014"), None)
        for worker in workers:
            self.worker.addItem(worker.name, worker.id)
        for combo in (self.room, self.worker):
            combo.setPlaceholderText("")
            combo.setCurrentIndex(0)
            combo.setEnabled(True)
        self.book_button.setEnabled(True)

    def _moment(self, time_edit: QTimeEdit) -> datetime:
        # PySide6's stub says object; QTime.toPython() gives a datetime.time
        return datetime.combine(self.day.checked_date(), cast(time, time_edit.time().toPython()))

    def reload(self) -> None:
        if self.worker.count() == 0 and not is_running(self, "lists"):
            self._load_lists()  # refused before: asked again
        day = self.day.value()
        if day is None:  # the field says why
            return

        def show(bookings) -> None:
            if day != self.day.value():
                return  # another day was chosen meanwhile: its own reload follows
            self._bookings = bookings
            self.heading.setText(_("Bookings on {day}").format(day=f"{day:%d.%m.%Y}"))
            self.model.set_rows(
                (b.hours, b.room, b.worker_name, b.client_name, b.note) for b in self._bookings
            )

        # off the GUI thread: a slow server never freezes the window
        run_reload(
            self,
            lambda: self.services.rooms.day(day),
            show,
            message=self.message,
            busy=_("loading the bookings"),
            what="bookings reload",
        )

    def book(self) -> None:
        """Booked off the GUI thread (``ui.operation``); refusals next to their fields."""
        if self.worker.count() == 0:
            return  # the lists are still on the way (the button waits for them)
        client = self.picker.client
        self.errors.clear()
        try:
            data = BookingInput(
                self.room.currentText(),
                self._moment(self.starts),
                self._moment(self.ends),
                self.worker.currentData(),
                client.id if client else None,
                self.note.text(),
            )
        except ServiceError as error:
            self._refused(error)
            return
        run_operation(
            self,
            lambda: self.services.rooms.book(data),
            self._booked,
            refused=self._refused,
            busy=_("booking the room"),
        )

    def _refused(self, error: ServiceError) -> None:
        if isinstance(error, ValidationError):
            self.errors.show(error.errors)
            return
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(str(error))

    def _booked(self, booking: BookingRecord) -> None:
        self.message.setStyleSheet("")
        self.message.setText(
            _("Booked {room} {hours} for {worker}.").format(
                room=booking.room, hours=booking.hours, worker=booking.worker_name
            )
        )
        self.picker.clear()
        self.note.clear()
        self.starts.setTime(self.ends.time())
        self.ends.setTime(self.ends.time().addSecs(int(timedelta(hours=1).total_seconds())))
        self.reload()

    def cancel(self) -> None:
        row = self.table.currentIndex().row()
        if not 0 <= row < len(self._bookings):
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(_("Choose a booking in the list first."))
            return
        booking_id = self._bookings[row].id
        run_operation(
            self,
            lambda: self.services.rooms.cancel(booking_id),
            lambda _cancelled: self._cancelled(),
            refused=self._refused,
            busy=_("cancelling the booking"),
        )

    def _cancelled(self) -> None:
        self.message.setStyleSheet("")
        self.message.setText(_("The booking was cancelled."))
        self.reload()
