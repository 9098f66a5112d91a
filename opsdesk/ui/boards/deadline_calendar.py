"""The board's deadlines by day: a month calendar whose days with deadlines are marked (bold,
coloured by the most pressing one, the count in the tooltip), and the list of the chosen day
beside it; Enter or a double click on a row opens the case. With "Mine" ticked on the board it
is one's own calendar. A month's deadlines are read off the GUI thread (``ui.operation``);
paging through the months, the newest month's answer wins."""

from __future__ import annotations

import calendar as month_days
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
)

from opsdesk.domain.formatting import format_date_words
from opsdesk.i18n import _
from opsdesk.services.cases.boards import DueItem
from opsdesk.ui.boards.card_delegate import URGENCY_COLOURS
from opsdesk.ui.boards.due_dialog import COLOURS, CaseIdRole, DueModel, due_table
from opsdesk.ui.operation import run_operation

if TYPE_CHECKING:
    from opsdesk.services.registry import Services

PRESSING = ("overdue", "today", "tomorrow", "soon", "later")


class DeadlineCalendar(QDialog):
    """``load(until)`` gives the deadlines up to a day (overdue ones included)."""

    def __init__(
        self, services: Services, load: Callable[[date], list[DueItem]], whose: str, parent=None
    ):
        super().__init__(parent)
        self.services = services
        self._load = load
        self.setWindowTitle(_("Deadline calendar: {whose}").format(whose=whose))
        self.resize(1160, 460)  # the day's list whole beside the calendar (fits 1366 px)
        today = services.ctx.clock.today()
        self.calendar = QCalendarWidget()
        self.calendar.setObjectName("deadlineCalendar")
        self.calendar.setLocale(QLocale(QLocale.Language.Polish, QLocale.Country.Poland))
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setGridVisible(True)
        self.calendar.setSelectedDate(QDate(today.year, today.month, today.day))
        self.day_label = QLabel()
        self.day_label.setObjectName("calendarDay")
        self.model = DueModel([], self)
        self.table = due_table(self.model, "calendarDayTable")
        self.table.activated.connect(self._open)
        day_box = QVBoxLayout()
        day_box.addWidget(self.day_label)
        day_box.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(self.calendar)
        row.addLayout(day_box, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(buttons)
        self.by_day: dict[date, list[DueItem]] = {}
        self.calendar.currentPageChanged.connect(lambda year, month: self.show_month(year, month))
        self.calendar.selectionChanged.connect(self.show_day)
        self.show_month(today.year, today.month)

    def show_month(self, year: int, month: int) -> None:
        """Load the deadlines up to the last day of the month shown, off the GUI thread."""
        last = date(year, month, month_days.monthrange(year, month)[1])
        load = self._load
        run_operation(
            self,
            lambda: load(last),
            self._mark_days,
            busy=_("loading the deadlines"),
            when_running="replace",
        )

    def _mark_days(self, items: list[DueItem]) -> None:
        """Mark the days with deadlines (bold, coloured by the most pressing one)."""
        for day in self.by_day:
            self.calendar.setDateTextFormat(QDate(day.year, day.month, day.day), QTextCharFormat())
        self.by_day = defaultdict(list)
        for item in items:
            self.by_day[item.due].append(item)
        for day, items in self.by_day.items():
            when = min((i.when for i in items), key=PRESSING.index)
            _stripe, background, colour = URGENCY_COLOURS[COLOURS[when]]
            form = QTextCharFormat()
            form.setFontWeight(QFont.Weight.Bold)
            form.setBackground(QBrush(QColor(background)))
            form.setForeground(QBrush(QColor(colour)))
            form.setToolTip(_("deadlines: {n}").format(n=len(items)))
            self.calendar.setDateTextFormat(QDate(day.year, day.month, day.day), form)
        self.show_day()

    def show_day(self) -> None:
        picked = self.calendar.selectedDate()
        day = date(picked.year(), picked.month(), picked.day())
        items = self.by_day.get(day, [])
        self.day_label.setText(
            _("{day}: {count}").format(
                day=format_date_words(day),
                count=_("deadlines: {n}").format(n=len(items)) if items else _("no deadline"),
            )
        )
        self.model.set_records(items)

    def _open(self, index) -> None:
        from opsdesk.ui.boards.case_dialog import open_case_dialog

        open_case_dialog(self.table, self.services, index.siblingAtColumn(0).data(CaseIdRole))
