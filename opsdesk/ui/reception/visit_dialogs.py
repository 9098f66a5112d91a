"""Small dialogs of the queue: finishing a visit with its outcome (digits 1–5 choose), and
redirecting the person to another team."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from opsdesk.domain.queue import Outcome
from opsdesk.i18n import _
from opsdesk.services.errors import ServiceError, ValidationError
from opsdesk.ui.forms import FieldErrors


def _team_combo(teams, exclude: int | None = None) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName("team")
    for team in teams:
        if team.id != exclude:
            combo.addItem(f"{team.letter} \u2014 {team.name}", team.id)
    return combo


class FinishDialog(QDialog):
    """Choose the outcome (a fixed, short list: Up/Down or 1–5), the team when sending the
    person to one, and an optional note; Enter finishes."""

    def __init__(self, services, visit, parent=None):
        super().__init__(parent)
        self.services = services
        self.visit = visit
        self.result_visit = None
        self.setWindowTitle(_("Finish the visit {ticket}").format(ticket=visit.ticket))
        self.outcomes = QListWidget()
        self.outcomes.setObjectName("outcomes")
        for number, outcome in enumerate(Outcome, start=1):
            item = QListWidgetItem(f"{number}. {outcome.label}")
            item.setData(Qt.ItemDataRole.UserRole, outcome.value)
            self.outcomes.addItem(item)
            shortcut = QShortcut(QKeySequence(str(number)), self)
            shortcut.activated.connect(lambda row=number - 1: self.outcomes.setCurrentRow(row))
        self.outcomes.currentRowChanged.connect(self._outcome_changed)
        self.outcomes.itemActivated.connect(lambda _item: self.finish())
        self.team = _team_combo(services.reception.teams())
        self.note = QLineEdit()
        self.note.setObjectName("note")
        form = QFormLayout()
        form.addRow(QLabel(_("{ticket}: {person}").format(ticket=visit.ticket,
                                                          person=visit.person)))
        form.addRow(_("&Outcome"), self.outcomes)
        form.addRow(_("&Sent to"), self.team)
        form.addRow(_("&Note"), self.note)
        self.errors = FieldErrors(self)
        self.errors.attach("outcome", self.outcomes, form)
        self.errors.attach("outcome_team", self.team, form)
        self.errors.attach("note", self.note, form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Finish"))
        buttons.accepted.connect(self.finish)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.errors.general_label)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._outcome_changed(-1)
        self.outcomes.setFocus()

    def outcome(self) -> Outcome | None:
        item = self.outcomes.currentItem()
        return Outcome(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _outcome_changed(self, _row: int) -> None:
        outcome = self.outcome()
        self.team.setEnabled(bool(outcome and outcome.needs_team))

    def finish(self) -> None:
        outcome = self.outcome()
        team = self.team.currentData() if outcome and outcome.needs_team else None
        try:
            self.result_visit = self.services.queue.finish(self.visit.id, outcome, team,
                                                           self.note.text())
        except ValidationError as error:
            self.errors.show(error.errors)
            return
        except ServiceError as error:
            self.errors.show({"general": str(error)})
            return
        self.accept()


class RedirectDialog(QDialog):
    """Send the person to another team's queue: they keep their ticket and arrival time."""

    def __init__(self, services, visit, parent=None):
        super().__init__(parent)
        self.services = services
        self.visit = visit
        self.result_visit = None
        self.setWindowTitle(_("Redirect {ticket}").format(ticket=visit.ticket))
        self.team = _team_combo(services.reception.teams(), exclude=visit.target_team_id)
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        form = QFormLayout()
        form.addRow(QLabel(_("{ticket} keeps the place given by the arrival at {time}.").format(
            ticket=visit.ticket, time=f"{visit.arrived_at:%H:%M}")))
        form.addRow(_("&To the team"), self.team)
        form.addRow(_("&Why"), self.reason)
        self.errors = FieldErrors(self)
        self.errors.attach("team", self.team, form)
        self.errors.attach("reason", self.reason, form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Redirect"))
        buttons.accepted.connect(self.redirect)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.errors.general_label)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.team.setFocus()

    def redirect(self) -> None:
        try:
            self.result_visit = self.services.queue.redirect(
                self.visit.id, self.team.currentData(), reason=self.reason.text())
        except ValidationError as error:
            self.errors.show(error.errors)
            return
        except ServiceError as error:
            self.errors.show({"general": str(error)})
            return
        self.accept()
