"""The one date field of opsdesk: a date is typed as it is written, never guessed.

``QDateEdit`` edits a date section by section: typed straight through, ``24.11.2026`` may
land in other sections (or be clamped to the allowed range) and another date is saved
without a word. ``DateEdit`` is a line of text read with ``domain.formatting.parse_date``
(``dd.mm.rrrr``, ``d.m.rrrr``, ``dd.mm.rr``, ``ddmmrrrr``, a pasted ISO date), a calendar
button (also Alt+Down or F4), and a line under the field saying what was understood
("wtorek, 24 listopada 2026") or, in red, why it is refused. Up/Down move the date by a day,
Page Up/Down by a month, only while the field has the focus; the mouse wheel never changes it.

The API follows ``QDateEdit`` where screens need it (``date()`` / ``setDate()`` with QDate,
``dateChanged``, ``setMinimumDate`` / ``setMaximumDate``), plus ``value()`` (a ``date`` or
None) and ``checked_date()``, which raises ``ValidationError`` for its field so a form shows
the refusal like any other (``FieldErrors.attach`` tells the field its name).
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from opsdesk.domain.errors import DomainError
from opsdesk.domain.formatting import format_date, format_date_words, parse_date
from opsdesk.errors import ValidationError
from opsdesk.i18n import _

Day = date  # DateEdit.date() (the QDateEdit name) hides ``date`` inside the class

HINT_STYLE = "color: palette(placeholder-text);"
ERROR_STYLE = "color: #a00000; font-weight: 600;"  # as forms.ERROR_STYLE: contrast ~8:1


def _to_date(value: Day | QDate | None) -> Day | None:
    if isinstance(value, QDate):
        return Day(value.year(), value.month(), value.day()) if value.isValid() else None
    return value


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


class DateEdit(QWidget):
    """A typed date with a calendar; ``dateChanged`` when the understood date changes."""

    dateChanged = Signal(QDate)

    def __init__(
        self,
        value: Day | QDate | None = None,
        parent: QWidget | None = None,
        *,
        today: Day | None = None,
    ):
        super().__init__(parent)
        self.field_name = "date"
        self._today = today
        self._minimum: Day | None = None
        self._maximum: Day | None = None
        self._value: Day | None = None
        self._refusal = ""
        self._popup: QMenu | None = None
        self.line = QLineEdit(self)
        self.line.setObjectName("dateText")
        self.line.setPlaceholderText(_("dd.mm.yyyy"))
        self.line.setMaxLength(20)
        self.line.setMinimumWidth(
            QFontMetrics(self.line.font()).horizontalAdvance("00.00.00000") + 16
        )
        self.line.installEventFilter(self)
        self.setFocusProxy(self.line)
        self.button = QToolButton(self)
        self.button.setObjectName("calendarButton")
        self.button.setText("▾")
        self.button.setToolTip(_("Pick from the calendar (Alt+Down)"))
        self.button.setAccessibleName(_("Calendar"))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.clicked.connect(self.show_calendar)
        self.hint = QLabel(self)
        self.hint.setObjectName("dateHint")
        self.hint.setStyleSheet(HINT_STYLE)
        self.hint.setWordWrap(True)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.line, 1)
        row.addWidget(self.button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        column.addLayout(row)
        column.addWidget(self.hint)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.line.textEdited.connect(self._typed)
        self.line.editingFinished.connect(self._finished)
        self.setDate(value)

    # --- the QDateEdit-like API -------------------------------------------------------------

    def date(self) -> QDate:
        """The understood date; an invalid QDate while the text is not a date."""
        return _qdate(self._value) if self._value is not None else QDate()

    def setDate(self, value: Day | QDate | None) -> None:
        day = _to_date(value)
        self.line.setText(format_date(day) if day is not None else "")
        self._read(final=True)

    def setMinimumDate(self, value: Day | QDate | None) -> None:
        self._minimum = _to_date(value)
        self._read(final=bool(self.line.text()))

    def setMaximumDate(self, value: Day | QDate | None) -> None:
        self._maximum = _to_date(value)
        self._read(final=bool(self.line.text()))

    def minimumDate(self) -> QDate:
        return _qdate(self._minimum) if self._minimum else QDate()

    def maximumDate(self) -> QDate:
        return _qdate(self._maximum) if self._maximum else QDate()

    def text(self) -> str:
        return self.line.text()

    # --- plain dates ------------------------------------------------------------------------

    def value(self) -> Day | None:
        return self._value

    def refusal(self) -> str:
        """Why the text is not taken as a date ("" when it is)."""
        return self._refusal

    def checked_date(self) -> Day:
        """The date, or ValidationError for this field with the message shown under it."""
        self._read(final=True)
        if self._value is None:
            raise ValidationError.single(self.field_name, self._refusal)
        return self._value

    def show_error(self, message: str) -> None:
        """A form's message about this field, shown in place of what was understood."""
        if message:
            self._show(message, error=True)
        else:
            self._read(final=True)

    # --- reading the text ---------------------------------------------------------------------

    def _typed(self, _text: str) -> None:
        self._read(final=False)

    def _finished(self) -> None:
        self._read(final=True)
        if self._value is not None and self.line.text() != format_date(self._value):
            self.line.setText(format_date(self._value))  # 5.3.26 -> 05.03.2026 on leaving

    def _parse(self) -> Day:
        day = parse_date(self.line.text(), self.field_name, today=self._today)
        if self._minimum is not None and day < self._minimum:
            raise DomainError(
                _("The date cannot be earlier than {day}.").format(day=format_date(self._minimum)),
                field=self.field_name,
            )
        if self._maximum is not None and day > self._maximum:
            raise DomainError(
                _("The date cannot be later than {day}.").format(day=format_date(self._maximum)),
                field=self.field_name,
            )
        return day

    def _read(self, final: bool) -> None:
        """Understand the text; while typing, an unfinished date is not yet an error."""
        old = self._value
        try:
            self._value = self._parse()
            self._refusal = ""
            self._show(format_date_words(self._value), error=False)
        except DomainError as error:
            self._value = None
            self._refusal = str(error)
            if final and self.line.text().strip():
                self._show(self._refusal, error=True)
            else:
                self._show(
                    _("e.g. {example}").format(example="24.11.2026")
                    if not self.line.text().strip()
                    else "",
                    error=False,
                )
        if self._value != old and self._value is not None:
            self.dateChanged.emit(_qdate(self._value))

    def _show(self, text: str, *, error: bool) -> None:
        self.hint.setText(text)
        self.hint.setStyleSheet(ERROR_STYLE if error else HINT_STYLE)
        self.line.setAccessibleDescription(text)

    # --- keys and the calendar ---------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.line and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            return self._key(event)
        return super().eventFilter(watched, event)

    def _key(self, event: QKeyEvent) -> bool:
        key = Qt.Key(event.key())
        alt = event.modifiers() & Qt.KeyboardModifier.AltModifier
        if key == Qt.Key.Key_F4 or (alt and key == Qt.Key.Key_Down):
            self.show_calendar()
            return True
        steps = {
            Qt.Key.Key_Up: ("days", 1),
            Qt.Key.Key_Down: ("days", -1),
            Qt.Key.Key_PageUp: ("months", 1),
            Qt.Key.Key_PageDown: ("months", -1),
        }
        if key in steps and not alt:
            unit, amount = steps[key]
            start = self._value or self._today
            if start is not None:
                day = (
                    start + timedelta(days=amount) if unit == "days" else _add_months(start, amount)
                )
                if (self._minimum is None or day >= self._minimum) and (
                    self._maximum is None or day <= self._maximum
                ):
                    self.setDate(day)
                    self.line.selectAll()
            return True
        return False

    def show_calendar(self) -> None:
        calendar = QCalendarWidget()
        calendar.setObjectName("datePopupCalendar")
        calendar.setGridVisible(True)
        calendar.setLocale(QLocale(QLocale.Language.Polish, QLocale.Country.Poland))
        calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        if self._minimum is not None:
            calendar.setMinimumDate(_qdate(self._minimum))
        if self._maximum is not None:
            calendar.setMaximumDate(_qdate(self._maximum))
        start = self._value or self._today
        if start is not None:
            calendar.setSelectedDate(_qdate(start))
        menu = QMenu(self)
        action = QWidgetAction(menu)
        action.setDefaultWidget(calendar)
        menu.addAction(action)
        self._popup = menu  # reachable by tests while open

        def picked(day: QDate) -> None:
            self.setDate(day)
            self.line.setFocus()
            menu.close()

        calendar.activated.connect(picked)
        calendar.clicked.connect(picked)
        calendar.setFocus()
        menu.exec(self.mapToGlobal(QPoint(0, self.line.height())))
        self._popup = None
