"""Small pickers of the reports' parameters: a month, a quarter, a contract."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QSpinBox, QWidget

from opsdesk.i18n import _
from opsdesk.printing.formatting import month_name
from opsdesk.services.hours.records import ContractRecord

FIRST_YEAR = 2014  # the EU programme POWER 2014–2020 and later
LAST_YEAR = 2100


def previous_month(today: date) -> tuple[int, int]:
    """The month hour sheets are usually printed for: the one that has just ended."""
    return (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)


class MonthPicker(QWidget):
    """A month's name and a year side by side."""

    def __init__(self, month: tuple[int, int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.month_box = QComboBox(self)
        self.month_box.setObjectName("month")
        self.month_box.setAccessibleName(_("Month"))
        for number in range(1, 13):
            self.month_box.addItem(month_name(number), number)
        self.year_box = QSpinBox(self)
        self.year_box.setObjectName("year")
        self.year_box.setAccessibleName(_("Year"))
        self.year_box.setRange(FIRST_YEAR, LAST_YEAR)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.month_box, 1)
        layout.addWidget(self.year_box)
        self.set_month(month)

    def month(self) -> tuple[int, int]:
        return self.year_box.value(), self.month_box.currentData()

    def set_month(self, month: tuple[int, int]) -> None:
        self.year_box.setValue(month[0])
        self.month_box.setCurrentIndex(month[1] - 1)


class QuarterPicker(QWidget):
    """A quarter (I–IV) and a year."""

    def __init__(self, year: int, quarter: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.quarter_box = QComboBox(self)
        self.quarter_box.setObjectName("quarter")
        self.quarter_box.setAccessibleName(_("Quarter"))
        for number, numeral in enumerate(("I", "II", "III", "IV"), start=1):
            self.quarter_box.addItem(_("{numeral} quarter").format(numeral=numeral), number)
        self.year_box = QSpinBox(self)
        self.year_box.setObjectName("quarter_year")
        self.year_box.setAccessibleName(_("Year"))
        self.year_box.setRange(FIRST_YEAR, LAST_YEAR)
        self.year_box.setValue(year)
        self.quarter_box.setCurrentIndex(quarter - 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.quarter_box, 1)
        layout.addWidget(self.year_box)

    def quarter(self) -> tuple[int, int]:
        return self.year_box.value(), self.quarter_box.currentData()


class ContractPicker(QComboBox):
    """Contracts by their label ("3/PS/2026 — Małgorzata Zielińska (konsultacje …)")."""

    def __init__(self, contracts: Sequence[ContractRecord], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contract")
        self.setAccessibleName(_("Contract"))
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(30)
        for contract in contracts:
            self.addItem(contract.label, contract.id)
        self._contracts = {c.id: c for c in contracts}

    def contract(self) -> ContractRecord | None:
        return self._contracts.get(self.currentData())
