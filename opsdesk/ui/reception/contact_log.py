"""Today's contacts at the desk, every channel in one list: who came (or called, wrote),
why, where they were sent, and whether the matter is settled; filtered as the clerk types
and by channel and settlement. A contact is corrected (channel, purpose, how it ended) with
a reason: "Correct…" or Enter on its row."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.formatting import format_date
from opsdesk.domain.office_model import TeamKind
from opsdesk.domain.queue import (
    Channel,
    Outcome,
    Settlement,
    VisitState,
    outcome_of,
    settlement,
    state_label,
)
from opsdesk.domain.text import fold
from opsdesk.i18n import N_, _
from opsdesk.ui.date_edit import DateEdit
from opsdesk.ui.form_dialog import FormDialog
from opsdesk.ui.forms import ERROR_STYLE
from opsdesk.ui.operation import run_operation, run_reload
from opsdesk.ui.table_models import Column, RecordFilterProxy, RecordTableModel

if TYPE_CHECKING:
    from opsdesk.services.reception.records import PurposeRecord, QueueTeam, VisitRecord
    from opsdesk.services.registry import Services

log = logging.getLogger("opsdesk.ui")

# How long the last correction's message stays before the summary (through the refreshes that
# follow it): long enough to be read after the dialog closes, not until the end of the day.
NOTE_SHOWN_MS = 60_000


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


class CorrectContactDialog(FormDialog):
    """Correct a contact of today's log: how it came (a contact without a ticket), its
    purpose, how it ended (a finished one); the reason is required and kept."""

    def __init__(
        self,
        services: Services,
        visit: VisitRecord,
        parent=None,
        *,
        purposes: list[PurposeRecord],
        teams: list[QueueTeam],
    ):
        """``purposes`` and ``teams``: read before, off the GUI thread (``ContactLogView``)."""
        super().__init__(
            parent,
            _("Correct the contact"),
            _("Correct"),
            _("{time} {person}: the reason stays in the contact's history.").format(
                time=f"{visit.arrived_at:%H:%M}", person=visit.person
            ),
        )
        self.services = services
        self.visit = visit
        self.channel = QComboBox()
        self.channel.setObjectName("channel")
        for channel in Channel:
            if channel.gets_ticket == bool(visit.ticket):  # a ticket stays in person
                self.channel.addItem(channel.label, channel.value)
        self.channel.setCurrentIndex(max(0, self.channel.findData(visit.channel)))
        self.channel.setEnabled(not visit.ticket)
        self.purpose = QComboBox()
        self.purpose.setObjectName("purpose")
        for purpose in purposes:
            self.purpose.addItem(purpose.name, purpose.id)
        self.purpose.setCurrentIndex(max(0, self.purpose.findData(visit.purpose_id)))
        self.outcome = QComboBox()
        self.outcome.setObjectName("outcome")
        for outcome in Outcome:
            self.outcome.addItem(outcome.label, outcome.value)
        self.outcome.setCurrentIndex(max(0, self.outcome.findData(visit.outcome)))
        self.ended = visit.state == VisitState.DONE.value
        self.outcome.setEnabled(self.ended)
        self.team = QComboBox()
        self.team.setObjectName("outcomeTeam")
        for team in teams:
            self.team.addItem(f"{team.letter} \u2014 {team.name}", team.id)
        self.team.setCurrentIndex(max(0, self.team.findData(visit.outcome_team_id)))
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.add_field("channel", _("&Channel"), self.channel)
        self.add_field("purpose", _("&Purpose"), self.purpose)
        self.add_field("outcome", _("How it &ended"), self.outcome)
        self.add_field("outcome_team", _("&Sent to"), self.team)
        self.add_field("reason", _("&Why"), self.reason)
        self.outcome.currentIndexChanged.connect(self._outcome_changed)
        self._outcome_changed()
        self.reason.setFocus()

    def _outcome_changed(self) -> None:
        self.team.setEnabled(self.ended and self.outcome.currentData() == "sent_to_team")

    busy_text = N_("correcting the contact")

    def request(self):
        """Saved off the GUI thread; the refusals appear next to their fields."""
        from opsdesk.services.reception.desk import ContactCorrection

        outcome = self.outcome.currentData() if self.ended else None
        change = ContactCorrection(
            self.reason.text(),
            channel=self.channel.currentData(),
            purpose_id=self.purpose.currentData(),
            outcome=outcome,
            outcome_team_id=self.team.currentData() if outcome == "sent_to_team" else None,
        )
        visit_id, reception = self.visit.id, self.services.reception
        return lambda: reception.correct(visit_id, change)


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
        # the last correction's message, kept before the summary by every reload that follows
        # (a refresh replacing or following the correction's reload never loses it)
        self._note = ""
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.timeout.connect(self._note_expired)
        # the first-contact teams (a visit sent elsewhere has a referral slip), read off the GUI
        # thread with the rows by the first reload that succeeds, and kept here by the worker
        # that read them: a reload following one the server refused reads them again
        self._desk_teams: dict[str, frozenset[int]] = {}
        self.summary.setObjectName("logSummary")
        self.summary.setWordWrap(True)
        filters = QHBoxLayout()
        label = QLabel(_("&Find"))
        label.setBuddy(self.text)
        filters.addWidget(label)
        filters.addWidget(self.text, 1)
        filters.addWidget(self.channel)
        filters.addWidget(self.settled)
        self.correct_button = QPushButton(_("Co&rrect\u2026"))
        self.correct_button.setObjectName("correctContactButton")
        self.correct_button.clicked.connect(self.correct)
        filters.addWidget(self.correct_button)
        self.table.activated.connect(lambda _index: self.correct())
        # another day's log: a referral slip printed again for a past visit
        today = services.ctx.clock.today()
        self.day = DateEdit(today, today=today)
        self.day.setObjectName("logDay")
        self.day.setMaximumDate(today)
        self.day.dateChanged.connect(lambda _d: self._day_changed())
        self.reprint_button = QPushButton(_("Print the referral slip a&gain"))
        self.reprint_button.setObjectName("reprintSlipButton")
        self.reprint_button.clicked.connect(self.print_slip)
        day_row = QHBoxLayout()
        day_label = QLabel(_("Contacts of the da&y"))
        day_label.setBuddy(self.day)
        day_row.addWidget(day_label)
        day_row.addWidget(self.day)
        day_row.addStretch(1)
        day_row.addWidget(self.reprint_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(day_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        self.text.textChanged.connect(self._filter)
        self.channel.currentIndexChanged.connect(self._filter)
        self.settled.currentIndexChanged.connect(self._filter)

    def shown_day(self):
        """The day whose contacts are listed: the chosen one, else today."""
        return self.day.value() or self.services.ctx.clock.today()

    def is_today(self) -> bool:
        return self.shown_day() == self.services.ctx.clock.today()

    def _day_changed(self) -> None:
        self._note = ""  # the correction was of another day's list
        self.reload()

    def _note_expired(self) -> None:
        self._note = ""
        if not self.summary.styleSheet():  # a refusal said meanwhile stays until it is read
            self._filter()

    def reload(self, then: Callable[[], object] | None = None) -> None:
        """The chosen day's contacts, loaded off the GUI thread (a reload asked for while
        one runs follows it once); ``then`` runs once they are shown."""
        self.correct_button.setEnabled(self.is_today())  # only today's log is corrected
        day = self.shown_day()
        services = self.services
        known = self._desk_teams  # a plain dict: the worker reads and fills it, never a widget

        def load():
            visits = services.reception.contacts_on(day)
            if "ids" not in known:
                teams = services.reception.teams()
                known["ids"] = frozenset(t.id for t in teams if t.kind == TeamKind.FIRST_CONTACT)
            return visits

        def show(visits) -> None:
            if day != self.shown_day():
                return  # another day was chosen meanwhile: its own reload follows
            self.summary.setStyleSheet("")
            self.model.set_records(visits)
            self._filter()
            if then is not None:
                then()

        run_reload(
            self,
            load,
            show,
            message=self.summary,
            busy=_("loading the contacts"),
            what="contacts reload",
        )

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
        counted = ", ".join(f"{state.label.lower()}: {n}" for state, n in counts.items())
        if self.is_today():
            text = _("Shown {shown} of {total} contacts today \u00b7 {counts}")
        else:
            text = _("Shown {shown} of {total} contacts on {day} \u00b7 {counts}")
        text = text.format(
            shown=self.proxy.rowCount(),
            total=len(visits),
            counts=counted,
            day=format_date(self.shown_day()),
        )
        self.summary.setText(f"{self._note} {text}" if self._note else text)

    def selected(self) -> VisitRecord | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.record(self.proxy.mapToSource(index).row())

    def correct(self) -> None:
        """Correct the chosen contact (channel, purpose, how it ended) with a reason."""
        visit = self.selected()
        if visit is None:
            self.summary.setStyleSheet(ERROR_STYLE)
            self.summary.setText(_("Choose the contact to correct first."))
            return
        reception = self.services.reception
        # what the dialog offers is read off the GUI thread; it opens with the answer
        run_operation(
            self,
            lambda: (reception.purposes(), reception.teams()),
            lambda lists: self._ask_correction(visit, *lists),
            refused=lambda error: self._say_error(str(error)),
            busy=_("opening the correction"),
        )

    def _say_error(self, text: str) -> None:
        self.summary.setStyleSheet(ERROR_STYLE)
        self.summary.setText(text)

    def _ask_correction(
        self, visit: VisitRecord, purposes: list[PurposeRecord], teams: list[QueueTeam]
    ) -> None:
        dialog = CorrectContactDialog(self.services, visit, self, purposes=purposes, teams=teams)
        accepted = dialog.exec() == CorrectContactDialog.DialogCode.Accepted
        dialog.deleteLater()
        self.window().activateWindow()  # back to the log, ready for the next key
        self.table.setFocus()
        if accepted:
            self._note = _("Corrected the contact of {time} ({person}).").format(
                time=f"{visit.arrived_at:%H:%M}", person=visit.person
            )
            self._note_timer.start(NOTE_SHOWN_MS)
            self.reload()

    def print_slip(self) -> None:
        """The referral slip of the chosen contact again (a past day's too), through the
        preview; each print is in the visit's history and the audit log."""
        visit = self.selected()
        if visit is None or not self._has_slip(visit):
            self.summary.setStyleSheet(ERROR_STYLE)
            self.summary.setText(
                _("Choose a contact that was sent to a team first.")
                if visit is None
                else _("{person} was not sent to any team: there is no referral slip.").format(
                    person=visit.person
                )
            )
            return
        from opsdesk.ui.reports.desk import preview_referral_slip

        self.summary.setStyleSheet("")
        preview_referral_slip(self, self.services, visit.id)

    def _has_slip(self, visit: VisitRecord) -> bool:
        """Was the person sent on (a referral at the end of the visit, or registered into
        another team's queue) — the contacts the desk hands a referral slip for?"""
        outcome = outcome_of(visit.outcome)
        if outcome is not None and outcome.is_referral:
            return True
        # the teams came with the rows (a visit is listed only once they are there)
        desk_teams = self._desk_teams["ids"]
        return visit.target_team_id is not None and visit.target_team_id not in desk_teams

    def texts(self) -> list[tuple[str, ...]]:
        """The rows as shown (what the tests read)."""
        return [
            tuple(
                str(self.proxy.index(row, column).data())
                for column in range(self.proxy.columnCount())
            )
            for row in range(self.proxy.rowCount())
        ]
