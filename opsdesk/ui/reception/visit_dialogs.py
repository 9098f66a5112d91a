"""Small dialogs of the queue: finishing a visit with its outcome (digits 1–5 choose), and
redirecting the person to another team."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QListWidget, QListWidgetItem

from opsdesk.domain.queue import Outcome
from opsdesk.i18n import _
from opsdesk.ui.form_dialog import FormDialog

if TYPE_CHECKING:
    from opsdesk.services.registry import Services


def _team_combo(teams, exclude: int | None = None) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName("team")
    for team in teams:
        if team.id != exclude:
            combo.addItem(f"{team.letter} \u2014 {team.name}", team.id)
    return combo


class FinishDialog(FormDialog):
    """Choose the outcome (a fixed, short list: Up/Down or 1–5), the team when sending the
    person to one, and an optional note; Enter finishes."""

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
        self.team = _team_combo(services.reception.teams())
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

    @property
    def result_visit(self):
        return self.result_value

    def outcome(self) -> Outcome | None:
        item = self.outcomes.currentItem()
        return Outcome(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _outcome_changed(self, _row: int) -> None:
        outcome = self.outcome()
        self.team.setEnabled(bool(outcome and outcome.needs_team))

    def call(self):
        outcome = self.outcome()
        team = self.team.currentData() if outcome and outcome.needs_team else None
        return self.services.queue.finish(self.visit.id, outcome, team, self.note.text())


class RedirectDialog(FormDialog):
    """Send the person to another team's queue: they keep their ticket and arrival time."""

    def __init__(self, services: Services, visit, parent=None):
        super().__init__(parent, _("Redirect {ticket}").format(ticket=visit.ticket), _("Redirect"))
        self.services = services
        self.visit = visit
        self.team = _team_combo(services.reception.teams(), exclude=visit.target_team_id)
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
        self.add_field("reason", _("&Why"), self.reason)
        self.team.setFocus()

    @property
    def result_visit(self):
        return self.result_value

    def call(self):
        return self.services.queue.redirect(
            self.visit.id, self.team.currentData(), reason=self.reason.text()
        )
