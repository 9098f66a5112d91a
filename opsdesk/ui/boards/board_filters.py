"""The filter bar of a board: team, mine, a worker, a region, overdue only, text search."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from opsdesk.domain.ids import StaffId
from opsdesk.i18n import _
from opsdesk.services.cases.boards import BoardFilter, BoardTeam

SEARCH_DELAY_MS = 300


class BoardFilterBar(QWidget):
    changed = Signal()
    team_changed = Signal(int)

    def __init__(self, actor_id: int, parent=None):
        """Empty lists of teams and regions until ``set_choices`` (the board reads them off
        the GUI thread with its first load)."""
        super().__init__(parent)
        self.actor_id = actor_id
        self.team = QComboBox()
        self.team.setObjectName("teamCombo")
        self.team.hide()
        self.mine = QCheckBox(_("&Mine"))
        self.worker = QComboBox()
        self.worker.setObjectName("workerCombo")
        self.region = QComboBox()
        self.region.setObjectName("regionCombo")
        self.region.addItem(_("Every region"), None)
        self.overdue = QCheckBox(_("&Overdue only"))
        self.search = QLineEdit()
        self.search.setObjectName("boardSearch")
        self.search.setPlaceholderText(_("Search: name, PESEL, file number"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(_("Search the board"))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.changed.emit)

        # the search field is never squeezed below what its hint says: with the manager's
        # team chooser a 1366×768 screen at 125 % has no room for it beside the lists, so it
        # goes to a row of its own there, with whatever the board adds to ``search_row``
        # (tests/gui/test_boards_small_screen.py)
        hint = self.search.fontMetrics().horizontalAdvance(self.search.placeholderText())
        self.search.setMinimumWidth(hint + 40)
        lists = self._lists = QHBoxLayout()
        lists.setContentsMargins(0, 0, 0, 0)
        lists.addWidget(self.team)
        lists.addWidget(self.mine)
        worker_label = QLabel(_("&Worker:"))
        worker_label.setBuddy(self.worker)
        lists.addWidget(worker_label)
        lists.addWidget(self.worker)
        region_label = QLabel(_("&Region:"))
        region_label.setBuddy(self.region)
        lists.addWidget(region_label)
        lists.addWidget(self.region)
        self.search_row = QHBoxLayout()
        self.search_row.addWidget(self.overdue)
        self.search_row.addWidget(self.search, 1)
        # one row; two (the search below the lists) once there are teams to choose from
        layout = self._layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(lists)
        layout.addLayout(self.search_row, 1)

        self.team.currentIndexChanged.connect(
            lambda _i: self.team_changed.emit(self.team.currentData())
        )
        self.mine.toggled.connect(self._mine_toggled)
        self.worker.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.region.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.overdue.toggled.connect(lambda _on: self.changed.emit())
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self.flush)

    def set_choices(self, teams: list[BoardTeam], regions) -> None:
        """The teams (the manager's chooser, shown when more than one) and the regions."""
        self.team.blockSignals(True)
        self.team.clear()
        for team in teams:
            self.team.addItem(team.name, team.id)
        self.team.blockSignals(False)
        self.team.setVisible(len(teams) > 1)
        if len(teams) > 1 and self._layout.direction() == QBoxLayout.Direction.LeftToRight:
            self._lists.addStretch(1)
            self._layout.setDirection(QBoxLayout.Direction.TopToBottom)
        self.region.blockSignals(True)
        while self.region.count() > 1:
            self.region.removeItem(1)
        for region in regions:
            self.region.addItem(region.name, region.id)
        self.region.blockSignals(False)

    def set_workers(self, workers: tuple[tuple[int, str], ...]) -> None:
        self.worker.blockSignals(True)
        self.worker.clear()
        self.worker.addItem(_("Every worker"), None)
        for staff_id, name in workers:
            self.worker.addItem(name, staff_id)
        self.worker.blockSignals(False)

    def choose_worker(self, staff_id: int | None) -> None:
        self.mine.setChecked(False)
        index = self.worker.findData(staff_id)
        self.worker.setCurrentIndex(max(index, 0))

    def flush(self) -> None:
        """Apply a pending search at once."""
        if self._timer.isActive():
            self._timer.stop()
            self.changed.emit()

    def _mine_toggled(self, on: bool) -> None:
        self.worker.setEnabled(not on)
        self.changed.emit()

    def describe(self) -> str:
        """The filter in words, for an export's heading ("" when nothing is filtered)."""
        parts = []
        if self.mine.isChecked():
            parts.append(_("my cases"))
        elif self.worker.currentData() is not None:
            parts.append(self.worker.currentText())
        if self.region.currentData() is not None:
            parts.append(self.region.currentText())
        if self.overdue.isChecked():
            parts.append(_("overdue only"))
        if self.search.text().strip():
            parts.append(_("search: \u201e{text}\u201d").format(text=self.search.text().strip()))
        return "; ".join(parts)

    def current(self) -> BoardFilter:
        worker = StaffId(self.actor_id) if self.mine.isChecked() else self.worker.currentData()
        return BoardFilter(
            worker_id=worker,
            region_id=self.region.currentData(),
            overdue_only=self.overdue.isChecked(),
            text=self.search.text(),
        )
