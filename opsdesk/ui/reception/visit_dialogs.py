"""Small dialogs of the queue: finishing a visit with its outcome (digits 1–5 choose),
moving the person to another team or worker, and the reason for a call out of turn."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from opsdesk.domain.queue import RATINGS, Outcome
from opsdesk.errors import ServiceError
from opsdesk.i18n import N_, _
from opsdesk.ui.form_dialog import FormDialog
from opsdesk.ui.forms import ERROR_STYLE
from opsdesk.ui.operation import run_operation

if TYPE_CHECKING:
    from opsdesk.services.reception.records import QueueTeam, WorkerChoice
    from opsdesk.services.registry import Services


def _team_combo() -> QComboBox:
    """The teams to send a person to, filled when they are read (``FormDialog.read``)."""
    combo = QComboBox()
    combo.setObjectName("team")
    return combo


def _add_teams(combo: QComboBox, teams: list[QueueTeam], exclude: int | None = None) -> None:
    for team in teams:
        if team.id != exclude:
            combo.addItem(f"{team.letter} \u2014 {team.name}", team.id)


class FinishDialog(FormDialog):
    """Choose the outcome (a fixed, short list: Up/Down or 1–5), the team when sending the
    person to one, and an optional note; Enter finishes. Opens at once: the teams are read
    off the GUI thread, OK waits for them."""

    def __init__(self, services: Services, visit, parent=None):
        super().__init__(
            parent, _("Finish the visit {ticket}").format(ticket=visit.ticket), _("Finish")
        )
        self.services = services
        self.visit = visit
        self.outcomes = QListWidget()
        self.outcomes.setObjectName("outcomes")
        for number, outcome in enumerate(Outcome, start=1):
            item = QListWidgetItem(f"{number}. {outcome.label}")
            item.setData(Qt.ItemDataRole.UserRole, outcome.value)
            self.outcomes.addItem(item)
            shortcut = QShortcut(QKeySequence(str(number)), self)
            shortcut.activated.connect(lambda row=number - 1: self.outcomes.setCurrentRow(row))
        self.outcomes.currentRowChanged.connect(self._outcome_changed)
        self.outcomes.itemActivated.connect(lambda _item: self.save())
        self.team = _team_combo()
        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.form.addRow(
            QLabel(_("{ticket}: {person}").format(ticket=visit.ticket, person=visit.person))
        )
        self.add_field("outcome", _("&Outcome"), self.outcomes)
        self.add_field("outcome_team", _("&Sent to"), self.team)
        self.add_field("note", _("&Note"), self.note)
        self._outcome_changed(-1)
        self.outcomes.setFocus()
        self.read(services.reception.teams, self._show_teams, busy=_("loading the teams"))

    def _show_teams(self, teams: list[QueueTeam]) -> None:
        _add_teams(self.team, teams)

    @property
    def result_visit(self):
        return self.result_value

    def outcome(self) -> Outcome | None:
        item = self.outcomes.currentItem()
        return Outcome(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _outcome_changed(self, _row: int) -> None:
        outcome = self.outcome()
        self.team.setEnabled(bool(outcome and outcome.needs_team))

    busy_text = N_("finishing the visit")

    def request(self):
        """Saved off the GUI thread (``FormDialog.request``)."""
        outcome = self.outcome()
        team = self.team.currentData() if outcome and outcome.needs_team else None
        visit_id, note, queue = self.visit.id, self.note.text(), self.services.queue
        return lambda: queue.finish(visit_id, outcome, team, note)


AS_ROUTED = -2  # another team's worker from the client's region, as at registration
NO_WORKER = -1


class RedirectDialog(FormDialog):
    """Move the person to another team's queue or to another worker of the same team: they
    keep their ticket and arrival time. The worker list follows the chosen team. Opens at
    once: the teams, then the chosen team's workers, are read off the GUI thread; OK waits
    for them."""

    def __init__(self, services: Services, visit, parent=None):
        super().__init__(parent, _("Move {ticket}").format(ticket=visit.ticket), _("Move"))
        self.services = services
        self.visit = visit
        self.team = _team_combo()
        self._workers_of: int | None = None  # the team whose workers are listed
        self.worker = QComboBox()
        self.worker.setObjectName("worker")
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.form.addRow(
            QLabel(
                _("{ticket} keeps the place given by the arrival at {time}.").format(
                    ticket=visit.ticket, time=f"{visit.arrived_at:%H:%M}"
                )
            )
        )
        self.add_field("team", _("&To the team"), self.team)
        self.add_field("worker", _("To the &worker"), self.worker)
        self.add_field("reason", _("&Why"), self.reason)
        self.team.currentIndexChanged.connect(self._fill_workers)
        self.team.setFocus()
        self.read(services.reception.teams, self._show_teams, busy=_("loading the teams"))

    def _show_teams(self, teams: list[QueueTeam]) -> None:
        self.team.blockSignals(True)
        _add_teams(self.team, teams, exclude=self.visit.target_team_id)  # other teams first
        for team in teams:
            if team.id == self.visit.target_team_id:
                self.team.addItem(
                    _("{letter} \u2014 {team} (this queue, another worker)").format(
                        letter=team.letter, team=team.name
                    ),
                    team.id,
                )
        self.team.blockSignals(False)
        self._fill_workers()

    def _fill_workers(self) -> None:
        """The chosen team's workers, read off the GUI thread (the newest choice wins)."""
        team_id = self.team.currentData()
        self._workers_of = None
        self.worker.clear()
        self.worker.addItem(_("Loading\u2026"))
        self.worker.setEnabled(False)
        reception = self.services.reception
        self.read(
            lambda: reception.workers(team_id),
            lambda workers: self._show_workers(team_id, workers),
            busy=_("loading the team's workers"),
            lane="workers",
        )

    def _show_workers(self, team_id: int | None, workers: list[WorkerChoice]) -> None:
        current = self.team.currentData()
        if team_id != current:  # an older choice's answer (asked again after a refusal)
            if self._workers_of != current:
                self._fill_workers()
            return
        self._workers_of = team_id
        self.worker.clear()
        self.worker.setEnabled(True)
        if team_id != self.visit.target_team_id:
            self.worker.addItem(_("By the client's region"), AS_ROUTED)
        self.worker.addItem(_("No particular worker"), NO_WORKER)
        for worker in workers:
            if team_id != self.visit.target_team_id or worker.id != self.visit.target_worker_id:
                self.worker.addItem(worker.label, worker.id)

    @property
    def result_visit(self):
        return self.result_value

    busy_text = N_("moving the person")

    def request(self):
        """Saved off the GUI thread (``FormDialog.request``)."""
        worker = self.worker.currentData()
        visit_id, team_id, reason = self.visit.id, self.team.currentData(), self.reason.text()
        queue = self.services.queue
        return lambda: queue.redirect(
            visit_id,
            team_id,
            worker if worker not in (None, AS_ROUTED, NO_WORKER) else None,
            reason=reason,
            no_worker=worker == NO_WORKER,
        )


class OutOfTurnDialog(FormDialog):
    """Call a person who is not next: the reason stays in the visit's history."""

    def __init__(self, services: Services, visit, message: str, parent=None):
        super().__init__(
            parent,
            _("Call {ticket} out of turn").format(ticket=visit.ticket),
            _("Call"),
            intro=message,
        )
        self.services = services
        self.visit = visit
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.add_field("reason", _("&Why"), self.reason)
        self.setMinimumWidth(420)
        self.reason.setFocus()

    @property
    def result_visit(self):
        return self.result_value

    busy_text = N_("calling the person")

    def request(self):
        """Saved off the GUI thread (``FormDialog.request``)."""
        visit_id, reason, queue = self.visit.id, self.reason.text(), self.services.queue
        return lambda: queue.call(visit_id, reason=reason)


SURVEY_WORDS = {
    1: N_("very dissatisfied"),
    2: N_("dissatisfied"),
    3: N_("so-so"),
    4: N_("satisfied"),
    5: N_("very satisfied"),
}


class SurveyDialog(QDialog):
    """One question at the end of a visit, asked of the person (keys 1-5; Esc skips)."""

    def __init__(self, services: Services, visit, parent=None):
        super().__init__(parent)
        self.services = services
        self.visit = visit
        self.rated: int | None = None
        self.setWindowTitle(_("How was the visit?"))
        question = QLabel(
            _("{ticket}: how satisfied is the person with the visit? (1\u20135, Esc: skip)").format(
                ticket=visit.ticket
            )
        )
        question.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("surveyMessage")
        buttons = QHBoxLayout()
        for rating in RATINGS:
            button = QPushButton(f"{rating}\n{_(SURVEY_WORDS[rating])}")
            button.setObjectName(f"rating{rating}")
            button.setMinimumHeight(56)
            button.clicked.connect(lambda _checked=False, r=rating: self.rate(r))
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addLayout(buttons)
        layout.addWidget(self.message)

    def keyPressEvent(self, event) -> None:
        """A digit 1-5 answers (the buttons leave digits to the dialog); Esc skips."""
        text = event.text()
        if text.isdigit() and int(text) in RATINGS:
            self.rate(int(text))
            return
        super().keyPressEvent(event)

    def rate(self, rating: int) -> None:
        """Saved off the GUI thread (``ui.operation``); a second key meanwhile does nothing."""
        visit_id, queue = self.visit.id, self.services.queue
        run_operation(
            self,
            lambda: queue.rate(visit_id, rating),
            lambda _rated: self._rated(rating),
            refused=self._refused,
            busy=_("saving the answer"),
        )

    def _refused(self, error: ServiceError) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(str(error))

    def _rated(self, rating: int) -> None:
        self.rated = rating
        self.accept()
