"""The psychologist's week: free slots the desk books clients into, and the sessions.

The desk books into a free slot and cancels bookings; the psychologist also marks a booking
as held (the budget is checked then) or as a no-show; the manager only looks.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.formatting import format_date
from opsdesk.domain.hours import ContractKind, SessionState
from opsdesk.domain.roles import Action
from opsdesk.errors import ServiceError
from opsdesk.i18n import _
from opsdesk.printing.formatting import month_label
from opsdesk.ui.hours.booking_dialog import BookingDialog
from opsdesk.ui.hours.budget_panel import show_level
from opsdesk.ui.hours.calendar_model import SLOT_ROLE, WeekModel
from opsdesk.ui.hours.controls import ContractCombo, action_buttons, run_page_change
from opsdesk.ui.hours.session_dialog import HELD, SessionDialog
from opsdesk.ui.operation import run_operation

if TYPE_CHECKING:
    from opsdesk.services.hours.records import ContractRecord, SessionRecord
    from opsdesk.services.registry import Services


class CalendarPage(QWidget):
    def __init__(self, services: Services, parent=None):
        super().__init__(parent)
        self.services = services
        self.setObjectName("calendarPage")
        actor = services.actor
        assert actor is not None, "the calendar is shown to a logged-in person only"
        self.can_book = actor.can(Action.PSYCH_BOOK)
        self.day = services.ctx.clock.today()
        self._shown: tuple[int, date] | None = None  # the contract and Monday on the screen
        self.contracts = ContractCombo()
        self.week_label = QLabel()
        self.week_label.setObjectName("weekLabel")
        earlier = QToolButton()
        earlier.setText("\u25c0")
        earlier.setAccessibleName(_("Previous week"))
        earlier.setToolTip(_("Previous week"))
        earlier.clicked.connect(lambda: self.move_days(-7))
        later = QToolButton()
        later.setText("\u25b6")
        later.setAccessibleName(_("Next week"))
        later.setToolTip(_("Next week"))
        later.clicked.connect(lambda: self.move_days(7))
        this_week = QPushButton(_("This &week"))
        this_week.clicked.connect(self.go_today)
        self.model = WeekModel(self)
        self.table = QTableView()
        self.table.setObjectName("weekTable")
        self.table.setAccessibleName(_("The psychologist's week"))
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setMinimumSectionSize(34)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _i: self.activate())
        self.budget_bar = QProgressBar()
        self.budget_bar.setObjectName("calendarBudget")
        self.budget_bar.setAccessibleName(_("The month's budget, held and booked"))
        self.budget_label = QLabel()
        self.budget_label.setObjectName("calendarBudgetLabel")
        self.message = QLabel()
        self.message.setObjectName("calendarMessage")
        self.message.setWordWrap(True)
        self.buttons, actions = action_buttons(
            (
                ("book", _("&Book a client\u2026"), self.book),
                ("cancel", _("Cancel the &booking"), self.cancel_booking),
                ("held", _("Took &place\u2026"), self.held),
                ("no_show", _("Client did &not come"), self.no_show),
            )
        )
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Psychologist")))
        top.addWidget(self.contracts, 1)
        top.addWidget(earlier)
        top.addWidget(self.week_label)
        top.addWidget(later)
        top.addWidget(this_week)
        legend = QLabel(
            _(
                "Green: free \u00b7 blue: booked \u00b7 grey: held \u00b7 "
                "orange: the client did not come"
            )
        )
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(actions)
        budget_row = QHBoxLayout()
        budget_row.addWidget(self.budget_label)
        budget_row.addWidget(self.budget_bar, 1)
        layout.addLayout(budget_row)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(legend)
        self.contracts.currentIndexChanged.connect(lambda _i: self.reload())
        self.table.selectionModel().currentChanged.connect(lambda *_a: self._enable())
        self.refresh()

    # --- data ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the psychologists' contracts (off the GUI thread) and then the week."""
        self._load_contracts()

    def _load_contracts(self, then: Callable[[], object] | None = None) -> None:
        actor, services = self.services.actor, self.services
        assert actor is not None, "the calendar is shown to a logged-in person only"
        if actor.can(Action.PSYCH_BOOK) or actor.can(Action.PSYCH_SESSIONS):
            fetch = services.hours_calendar.bookable
        else:

            def fetch() -> list[ContractRecord]:
                return [c for c in services.contracts.list() if c.kind is ContractKind.PSYCHOLOGY]

        self.contracts.load(fetch, self._refused, then)

    def _refused(self, error: ServiceError) -> None:
        self.message.setText(str(error))

    def reload(self, then: Callable[[], object] | None = None) -> None:
        """Load the chosen psychologist's week off the GUI thread (``ui.operation``; the
        newest switch of psychologist or week wins); ``then`` runs once it is shown. One
        psychologist's week is never shown under another's name, nor one week's slots under
        another week's dates: a switch empties the table until the answer comes (a refresh of
        the same week keeps it, with the chosen slot)."""
        contract, day, services = self.contracts.contract(), self.day, self.services
        monday = day - timedelta(days=day.weekday())
        thursday = monday + timedelta(days=3)  # a week belongs to its Thursday's month
        if contract is not None and (contract.id, monday) != self._shown:
            self._show_loading(contract, monday)

        def work():
            mark = services.hours_calendar.change_mark()
            if contract is None:
                return mark, None, None
            return (
                mark,
                services.hours_calendar.week(contract.id, day),
                services.hours_calendar.month_budget(contract.id, thursday),
            )

        def done(answer) -> None:
            self.shown_mark, week, budget = answer
            self._show(contract, monday, thursday, week, budget)
            if then is not None:
                then()

        run_operation(
            self.table,
            work,
            done,
            refused=lambda error: self.message.setText(str(error)),
            busy=_("loading the calendar"),
            when_running="replace",
        )

    def _show_loading(self, contract: ContractRecord, monday: date) -> None:
        self._shown = None
        self._show_week_label(monday)
        self.model.set_week(None)
        self.budget_bar.setVisible(False)
        self.budget_label.setVisible(False)
        self.message.setText(
            _("Loading the week: {contract}\u2026").format(contract=contract.label)
        )
        self._enable()

    def _show_week_label(self, monday: date) -> None:
        self.week_label.setText(
            f"{format_date(monday)} \u2013 {format_date(monday + timedelta(days=6))}"
        )

    def _show(self, contract, monday, thursday, week, budget) -> None:
        self._show_week_label(monday)
        self._shown = (contract.id, monday) if contract is not None and week is not None else None
        self.budget_bar.setVisible(contract is not None)
        self.budget_label.setVisible(contract is not None)
        if contract is None or week is None:
            self.model.set_week(None)
            self.message.setText(_("There is no psychologist's contract to show."))
        else:
            self.model.set_week(week)
            self.budget_label.setText(
                _("Budget of {month} (held and booked):").format(
                    month=month_label(thursday.year, thursday.month)
                )
            )
            show_level(self.budget_bar, budget)
            if not week.duty_hours:
                self.message.setText(
                    _(
                        "The psychologist has no duty hours set; ask the "
                        "manager to set them in the contract."
                    )
                )
            elif not week.slots:
                self.message.setText(_("No duty hours in this week."))
            else:
                self.message.clear()
        self.table.resizeRowsToContents()
        self._enable()

    def follow(self) -> None:
        """Others booked or changed sessions or contracts: reload the contracts and the week,
        keeping the chosen slot (by its day and hour: rows and columns may shift)."""
        slot = self.current_slot()
        if slot is None:
            self._load_contracts()
            return
        # the contracts shown start a reload; the newest one wins: the one that keeps the place
        keep = lambda: self.select(lambda s: (s.day, s.start) == (slot.day, slot.start))  # noqa: E731
        self._load_contracts(lambda: self.reload(keep))

    def move_days(self, days: int) -> None:
        self.day += timedelta(days=days)
        self.reload()

    def go_today(self) -> None:
        self.day = self.services.ctx.clock.today()
        self.reload()

    def current_slot(self):
        index = self.table.currentIndex()
        return index.data(SLOT_ROLE) if index.isValid() else None

    def select(self, predicate) -> bool:
        """Make the first slot matching ``predicate`` current (for keyboard and tests)."""
        index = self.model.find(predicate)
        if index.isValid():
            self.table.setCurrentIndex(index)
        return index.isValid()

    def _is_provider(self) -> bool:
        contract = self.contracts.contract()
        actor = self.services.actor
        return bool(contract and actor and contract.provider_staff_id == actor.id)

    def _enable(self) -> None:
        slot = self.current_slot()
        free = slot is not None and slot.free and not slot.past
        booked = slot is not None and slot.status == SessionState.BOOKED.value
        own = self._is_provider()
        shown = {
            "book": self.can_book or own,
            "cancel": self.can_book or own,
            "held": own,
            "no_show": own,
        }
        enabled = {"book": free, "cancel": booked, "held": booked, "no_show": booked}
        for key, button in self.buttons.items():
            button.setVisible(shown[key])
            button.setEnabled(enabled[key])

    # --- actions -------------------------------------------------------------------------

    def activate(self) -> None:
        slot = self.current_slot()
        if slot is None:
            return
        if slot.free:
            self.book()
        elif slot.status == SessionState.BOOKED.value and self._is_provider():
            self.held()

    def book(self) -> None:
        slot = self.current_slot()
        contract = self.contracts.contract()
        if slot is None or not slot.free or slot.past or contract is None:
            return
        dialog = BookingDialog(self.services, contract, slot, self)
        if dialog.exec():
            booking = dialog.booked
            text = _("Booked {code} for {date} {time}.").format(
                code=booking.client_code,
                date=format_date(booking.day),
                time=f"{booking.start:%H:%M}",
            )
            self.reload(lambda: self.message.setText(text))

    def cancel_booking(self) -> None:
        slot = self.current_slot()
        if slot is not None and slot.session_id:
            calendar, session_id = self.services.hours_calendar, slot.session_id
            self._run(lambda: calendar.cancel_booking(session_id), _("cancelling the booking"))

    def held(self) -> None:
        slot, contract = self.current_slot(), self.contracts.contract()
        if slot is None or not slot.session_id or contract is None:
            return
        hours, session_id = self.services.hours, slot.session_id

        def open_dialog(record: SessionRecord) -> None:
            dialog = SessionDialog(self.services, contract, session=record, mode=HELD, parent=self)
            if dialog.exec():
                self.reload()

        run_operation(  # the session with the own note, read off the GUI thread
            self,
            lambda: hours.session(session_id),
            open_dialog,
            refused=self._refused,
            busy=_("opening the session"),
            lane="change",
        )

    def no_show(self) -> None:
        slot = self.current_slot()
        if slot is not None and slot.session_id:
            hours, session_id = self.services.hours, slot.session_id
            self._run(lambda: hours.mark_no_show(session_id), _("recording the no-show"))

    def _run(self, action: Callable[[], object], busy: str) -> None:
        run_page_change(self, action, busy, self._refused, self.reload)
