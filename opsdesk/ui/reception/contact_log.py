"""Today's contacts at the desk, every channel in one list: who came (or called, wrote),
why, where they were sent, and whether the matter is settled; filtered as the clerk types
and by channel and settlement."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.queue import Channel, Settlement, outcome_of, settlement, state_label
from opsdesk.domain.text import fold
from opsdesk.errors import ServiceError
from opsdesk.i18n import N_, _
from opsdesk.ui.forms import ERROR_STYLE
from opsdesk.ui.table_models import Column, RecordFilterProxy, RecordTableModel

if TYPE_CHECKING:
    from opsdesk.services.reception.records import VisitRecord
    from opsdesk.services.registry import Services


def where_sent(visit: VisitRecord) -> str:
    return ", ".join(p for p in (visit.target_team_name, visit.target_worker_name) if p)


def how_ended(visit: VisitRecord) -> str:
    outcome = outcome_of(visit.outcome)
    return outcome.label if outcome is not None else state_label(visit.state)


COLUMNS: tuple[Column[VisitRecord], ...] = (
    Column(N_("Arrived"), lambda v: f"{v.arrived_at:%H:%M}", sort_key=lambda v: v.arrived_at),
    Column(N_("Channel"), lambda v: v.channel_label),
    Column(N_("Ticket"), lambda v: v.ticket),
    Column(N_("Person"), lambda v: v.person),
    Column(N_("Purpose"), lambda v: v.purpose_name),
    Column(N_("Sent to"), where_sent),
    Column(N_("How it ended"), how_ended),
    Column(N_("Settled"), lambda v: settlement(v.state).label),
)


class ContactLogView(QWidget):
    def __init__(self, services: Services, parent=None):
        super().__init__(parent)
        self.setObjectName("contactLog")
        self.services = services
        self.text = QLineEdit()
        self.text.setObjectName("logFilter")
        self.text.setPlaceholderText(_("Name, ticket, purpose or team"))
        self.text.setClearButtonEnabled(True)
        self.channel = QComboBox()
        self.channel.setObjectName("logChannel")
        self.channel.addItem(_("Every channel"), None)
        for channel in Channel:
            self.channel.addItem(channel.label, channel.value)
        self.settled = QComboBox()
        self.settled.setObjectName("logSettled")
        self.settled.addItem(_("Settled or not"), None)
        for state in Settlement:
            self.settled.addItem(state.label, state.value)
        self.model: RecordTableModel[VisitRecord] = RecordTableModel(COLUMNS, self)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("logTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.summary = QLabel()
        self.summary.setObjectName("logSummary")
        self.summary.setWordWrap(True)
        filters = QHBoxLayout()
        label = QLabel(_("&Find"))
        label.setBuddy(self.text)
        filters.addWidget(label)
        filters.addWidget(self.text, 1)
        filters.addWidget(self.channel)
        filters.addWidget(self.settled)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        self.text.textChanged.connect(self._filter)
        self.channel.currentIndexChanged.connect(self._filter)
        self.settled.currentIndexChanged.connect(self._filter)

    def reload(self) -> None:
        try:
            visits = self.services.reception.today()
        except ServiceError as error:
            self.summary.setStyleSheet(ERROR_STYLE)
            self.summary.setText(str(error))
            return
        self.summary.setStyleSheet("")
        self.model.set_records(visits)
        self._filter()

    def _filter(self) -> None:
        words = fold(self.text.text()).split()
        channel = self.channel.currentData()
        settled = self.settled.currentData()

        def shown(visit: VisitRecord) -> bool:
            if channel is not None and visit.channel != channel:
                return False
            if settled is not None and settlement(visit.state).value != settled:
                return False
            text = fold(
                " ".join((visit.person, visit.ticket, visit.purpose_name, where_sent(visit)))
            )
            return all(word in text for word in words)

        self.proxy.set_predicate(shown)
        visits = self.model.records()
        counts = {state: 0 for state in Settlement}
        for visit in visits:
            counts[settlement(visit.state)] += 1
        self.summary.setText(
            _("Shown {shown} of {total} contacts today \u00b7 {counts}").format(
                shown=self.proxy.rowCount(),
                total=len(visits),
                counts=", ".join(f"{state.label.lower()}: {n}" for state, n in counts.items()),
            )
        )

    def texts(self) -> list[tuple[str, ...]]:
        """The rows as shown (what the tests read)."""
        return [
            tuple(
                str(self.proxy.index(row, column).data())
                for column in range(self.proxy.columnCount())
            )
            for row in range(self.proxy.rowCount())
        ]
