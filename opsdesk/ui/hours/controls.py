"""Small controls shared by the hours pages: choosing a contract and stepping months."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QWidget,
)

from opsdesk.domain.formatting import format_hours
from opsdesk.domain.hours import Month, next_month
from opsdesk.errors import ServiceError
from opsdesk.i18n import _
from opsdesk.printing.formatting import month_label
from opsdesk.services.hours.records import ContractRecord
from opsdesk.ui.operation import run_operation


def run_page_change(
    page: QWidget,
    action: Callable[[], object],
    busy: str,
    refused: Callable[[ServiceError], object],
    reload: Callable[[], object],
) -> None:
    """A page's change of a session or booking off the GUI thread (``ui.operation``): one at
    a time in the page's "change" lane (a second press while it runs does nothing), a refusal
    to ``refused`` (the page's message line), the page reloaded after it."""
    run_operation(page, action, lambda _answer: reload(), refused=refused, busy=busy, lane="change")


def action_buttons(
    actions: Iterable[tuple[str, str, Callable[[], object]]],
) -> tuple[dict[str, QPushButton], QHBoxLayout]:
    """A page's row of buttons from ``(key, text, slot)``, left to right, each named
    ``<key>Button``: the buttons by key and the row (a stretch after them)."""
    buttons: dict[str, QPushButton] = {}
    row = QHBoxLayout()
    for key, text, slot in actions:
        button = QPushButton(text)
        button.setObjectName(f"{key}Button")
        button.clicked.connect(slot)
        row.addWidget(button)
        buttons[key] = button
    row.addStretch(1)
    return buttons, row


def previous_month(month: Month) -> Month:
    year, number = month
    return (year - 1, 12) if number == 1 else (year, number - 1)


def hours_text(minutes: int) -> str:
    """ "12 h 30 min" (the same words everywhere in the section)."""
    return format_hours(minutes)


class ContractCombo(QComboBox):
    """The contracts the person may see; ``contract()`` is the chosen record."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("contractCombo")
        self.setAccessibleName(_("Contract"))
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._contracts: list[ContractRecord] = []

    def set_contracts(self, contracts: list[ContractRecord], prefer: int | None = None) -> None:
        current = prefer if prefer is not None else self.current_id()
        self.blockSignals(True)
        self.clear()
        self._contracts = list(contracts)
        for contract in contracts:
            self.addItem(contract.label, contract.id)
        index = self.findData(current) if current is not None else -1
        self.setCurrentIndex(index if index >= 0 else (0 if contracts else -1))
        self.blockSignals(False)
        self.currentIndexChanged.emit(self.currentIndex())

    def load(
        self,
        fetch: Callable[[], list[ContractRecord]],
        refused: Callable[[ServiceError], object],
        then: Callable[[], object] | None = None,
    ) -> None:
        """Ask for the contracts off the GUI thread (``ui.operation``) and show them, keeping
        the chosen one (a change of the choice reloads the page, as ever); ``then`` runs once
        they are shown. A load asked for while one runs replaces it: the newest list wins."""

        def done(contracts: list[ContractRecord]) -> None:
            self.set_contracts(contracts)
            if then is not None:
                then()

        run_operation(
            self,
            fetch,
            done,
            refused=refused,
            busy=_("loading the contracts"),
            when_running="replace",
        )

    def current_id(self) -> int | None:
        return self.currentData()

    def contract(self) -> ContractRecord | None:
        index = self.currentIndex()
        return self._contracts[index] if 0 <= index < len(self._contracts) else None


class MonthSwitcher(QWidget):
    """ "◀ marzec 2026 ▶": emits ``changed(month)``."""

    changed = Signal(object)

    def __init__(self, month: Month, parent=None):
        super().__init__(parent)
        self._month = month
        self.previous = QToolButton()
        self.previous.setText("\u25c0")
        self.previous.setAccessibleName(_("Previous month"))
        self.previous.setToolTip(_("Previous month"))
        self.previous.clicked.connect(lambda: self.set_month(previous_month(self._month)))
        self.following = QToolButton()
        self.following.setText("\u25b6")
        self.following.setAccessibleName(_("Next month"))
        self.following.setToolTip(_("Next month"))
        self.following.clicked.connect(lambda: self.set_month(next_month(self._month)))
        self.label = QLabel()
        self.label.setObjectName("monthLabel")
        self.label.setMinimumWidth(130)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.previous)
        layout.addWidget(self.label)
        layout.addWidget(self.following)
        self._show()

    def month(self) -> Month:
        return self._month

    def set_month(self, month: Month) -> None:
        if month != self._month:
            self._month = month
            self._show()
            self.changed.emit(month)

    def _show(self) -> None:
        self.label.setText(f"<b>{month_label(*self._month)}</b>")
