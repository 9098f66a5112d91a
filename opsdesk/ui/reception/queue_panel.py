"""Today's queues, one tab per team (a worker sees their own team's only), and the actions:
call next, call a chosen person out of turn (with a reason), call again, start, finish with
an outcome, move to another team or worker, hold and return to the queue, did not come (and
undo it the same day), cancel. The table lists those called or served, then the waiting in
order, those on hold and those who did not come."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.presence import Presence
from opsdesk.domain.queue import UNDO_MINUTES, QueueAction, VisitState, can_do, undo_of
from opsdesk.domain.roles import Action
from opsdesk.errors import ServiceError, ValidationError
from opsdesk.i18n import _
from opsdesk.ui import workstation
from opsdesk.ui.flow_layout import flow_container
from opsdesk.ui.forms import ERROR_STYLE
from opsdesk.ui.operation import is_running, run_operation, run_reload
from opsdesk.ui.reception.table_models import QueueModel
from opsdesk.ui.reception.visit_dialogs import (
    FinishDialog,
    OutOfTurnDialog,
    RedirectDialog,
    SurveyDialog,
)
from opsdesk.ui.tabs import readable_tabs

if TYPE_CHECKING:
    from opsdesk.services.registry import Services

log = logging.getLogger("opsdesk.ui")

V = TypeVar("V")

INFO_STYLE = "color: #0b5d1e; font-weight: 600;"


def presence_line(workers) -> str:
    """ "Available: A, B · On a break: C (since 10:15) · Away: D" for a team's workers."""
    groups: dict[Presence, list[str]] = {p: [] for p in Presence}
    for worker in workers:
        status = Presence(worker.status)
        groups[status].append(
            _("{name} (since {time})").format(name=worker.name, time=f"{worker.since:%H:%M}")
            if worker.since
            else worker.name
        )
    return " \u00b7 ".join(
        f"{status.label}: {', '.join(names)}" for status, names in groups.items() if names
    )


class QueuePanel(QWidget):
    """Emits ``visit_finished(VisitRecord)`` after a finish (e.g. to book the psychologist)."""

    visit_finished = Signal(object)
    changed_here = Signal()
    teams_loaded = Signal()  # the tabs are there (read off the GUI thread)

    def __init__(self, services: Services, parent=None):
        super().__init__(parent)
        self.services = services
        actor = services.actor
        assert actor is not None, "the queue is shown to a logged-in person only"
        self.can_serve = actor.can(Action.VISIT_SERVE)
        self._current_id: int | None = None  # the person this window called last
        self._referred = None  # the last visit finished here with a referral (for the slip)
        self.teams: list = []  # with the answer of ``_load_teams``
        self._teams_ready = False
        self._wanted_team: int | None = actor.team_id  # the tab shown once the teams are there
        self.tabs = QTabBar()
        self.tabs.setObjectName("queueTabs")
        # tabs as wide as their text, never elided; arrows when a narrow screen cannot hold all
        self.tabs.setExpanding(False)
        self.tabs.setElideMode(Qt.TextElideMode.ElideNone)
        self.tabs.setUsesScrollButtons(True)
        readable_tabs(self.tabs)
        self.tabs.currentChanged.connect(lambda _i: self.reload())
        self.model = QueueModel(self)
        self.table = QTableView()
        self.table.setObjectName("queueTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName(_("Queue"))
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._enable())
        self.summary = QLabel()
        self.summary.setObjectName("queueSummary")
        self.summary.setWordWrap(True)
        self.presence = QLabel()  # who of the team is in, on a break, away
        self.presence.setObjectName("teamPresence")
        self.presence.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("queueMessage")
        self.message.setWordWrap(True)
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (
            ("call_next", _("Call &next (F4)"), self.call_next),
            ("call", _("Out of turn (Shift+F4)"), self.call_chosen),
            ("recall", _("Call again (F5)"), self.recall),
            ("start", _("Start (F6)"), self.start),
            ("finish", _("Finish (F8)"), self.finish),
            ("redirect", _("Move (F9)"), self.redirect),
            ("hold", _("Hold (F11)"), self.hold),
            ("resume", _("Back to queue (F12)"), self.resume),
            ("no_show", _("&Did not come"), self.no_show),
            ("undo", _("Undo (Shift+F5)"), self.undo),
            ("cancel", _("Cancel t&he visit"), self.cancel),
            ("referral", _("Referral slip"), self.print_referral),
        ):
            button = QPushButton(text)
            button.setObjectName(f"{key}Button")
            button.clicked.connect(slot)
            button.setVisible(self.can_serve)
            self.buttons[key] = button
        # rows of equal buttons, as many to a row as the width holds: four at 100 % on a
        # 1366 px screen beside the form, fewer at 125 % (never a sideways scroll)
        self.button_box = flow_container(list(self.buttons.values()), uniform=True)
        self.button_box.setObjectName("queueButtons")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        layout.addWidget(self.summary)
        layout.addWidget(self.presence)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.button_box)
        layout.addWidget(self.message)
        self._enable()
        self._load_teams()

    def _load_teams(self) -> None:
        """The teams' tabs, read off the GUI thread: the panel shows at once on a slow
        server ("Loading…"); the tabs and the first reload come with the answer. Refused
        (the server is gone), the next reload asks again."""
        services = self.services
        actor = services.actor
        assert actor is not None

        def load():
            teams = services.reception.teams()
            if not services.queue.serves_all_teams() and not actor.can(Action.RECEPTION_STATS):
                teams = [t for t in teams if t.id == actor.team_id]
            return teams

        self.summary.setText(_("Loading\u2026"))
        run_operation(
            self,
            load,
            self._show_teams,
            refused=lambda error: self._say(str(error), error=True),
            busy=_("loading the queue"),
            lane="teams",
            defect=lambda _error: log.warning("queue teams failed; the next reload retries"),
        )

    def _show_teams(self, teams) -> None:
        self.teams = list(teams)
        self._teams_ready = True
        self.tabs.blockSignals(True)
        for team in self.teams:
            self.tabs.addTab(team.name)
        for index, team in enumerate(self.teams):
            if team.id == self._wanted_team:
                self.tabs.setCurrentIndex(index)
        self.tabs.blockSignals(False)
        self.summary.clear()
        self.teams_loaded.emit()
        self.reload()

    # --- state ---------------------------------------------------------------------------

    def team(self):
        index = self.tabs.currentIndex()
        return self.teams[index] if 0 <= index < len(self.teams) else None

    def next_team(self) -> None:
        """F7: the next team's queue (round)."""
        if self.teams:
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + 1) % len(self.teams))

    def show_team(self, team_id: int) -> None:
        self._wanted_team = team_id  # shown when the teams come, if they are still on the way
        for index, team in enumerate(self.teams):
            if team.id == team_id:
                self.tabs.setCurrentIndex(index)

    def reload(self) -> None:
        """Load the shown team's queue off the GUI thread (``ui.operation``): a slow server
        never freezes the desk; a reload asked for while one runs follows it once. Before
        the teams are there it waits for them (their answer reloads)."""
        if not self._teams_ready:
            if not is_running(self, "teams"):
                self._load_teams()
            return
        team = self.team()
        if team is None:
            self.model.set_rows([], self.services.ctx.clock.now())
            self._enable()
            return
        services = self.services

        def load():
            return (
                services.queue.queue(team.id),
                services.queue.waiting_counts(),
                services.reception_stats.targets().get(team.id),
                services.presence.today(team.id),
            )

        run_reload(
            self,
            load,
            lambda loaded: self._show_queue(team, *loaded),
            message=self.message,
            busy=_("loading the queue"),
            what="queue reload",
        )

    def _show_queue(self, team, view, counts, target, workers) -> None:
        if self.team() is not team:
            return  # another tab was chosen meanwhile: its own reload follows
        selected = self.selected()
        now = self.services.ctx.clock.now()
        self.model.set_rows(view.rows, now, target)
        for index, t in enumerate(self.teams):
            self.tabs.setTabText(index, f"{t.letter} \u2014 {t.name} ({counts.get(t.id, 0)})")
        summary = _(
            "Waiting: {waiting} \u00b7 called or being served: {serving} "
            "\u00b7 finished today: {done}"
        ).format(waiting=len(view.waiting), serving=len(view.serving), done=view.finished_today)
        if view.held:
            summary += _(" \u00b7 on hold: {n}").format(n=len(view.held))
        if view.no_shows:
            summary += _(" \u00b7 did not come: {n}").format(n=len(view.no_shows))
        over = sum(self.model.over_target(r) for r in view.waiting + view.held)
        if over:
            summary += _(" \u00b7 longer than the target ({target} min): {n}").format(
                target=target, n=over
            )
        self.summary.setText(summary)
        self.presence.setText(presence_line(workers))
        if selected is not None:
            self.select(selected.id)
        elif self._current_id is not None:
            self.select(self._current_id)
        self._enable()

    def selected(self):
        index = self.table.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def select(self, visit_id: int) -> None:
        row = self.model.row_of(visit_id)
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self._enable()

    def target(self):
        """The visit an action applies to: the selected row, else the one called last."""
        record = self.selected()
        if record is None and self._current_id is not None:
            row = self.model.row_of(self._current_id)
            record = self.model.record(row)
        return record

    def _enable(self) -> None:
        record = self.target()
        state = record.state if record else None
        for key, button in self.buttons.items():
            if key == "call_next":
                button.setEnabled(self.team() is not None)
            elif key == "referral":
                button.setEnabled(self._referred is not None)
            elif key == "undo":
                button.setEnabled(state is not None and undo_of(state) is not None)
            else:
                button.setEnabled(state is not None and can_do(QueueAction(key), state))
        self.buttons["call"].setEnabled(
            record is not None
            and record.state == VisitState.WAITING.value
            and self.selected() is not None
        )

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else INFO_STYLE)
        self.message.setText(text)

    def _run(
        self,
        action: Callable[[], V],
        success_text: Callable[[V], str],
        then: Callable[[V], object] | None = None,
    ) -> None:
        """An action on a visit, off the GUI thread (``ui.operation``): the desk answers
        while the server thinks; a second press meanwhile does nothing."""

        def acted(visit: V) -> None:
            self._done(visit, success_text)
            if then is not None:
                then(visit)

        run_operation(
            self,
            action,
            acted,
            refused=lambda error: self._say(str(error), error=True),
            busy=_("saving the change in the queue"),
        )

    def _done(self, visit, success_text) -> None:
        """After an action: say what was done, show the queue as it is now, tell the rest."""
        self._say(success_text(visit))
        self.reload()
        self.changed_here.emit()

    # --- actions -------------------------------------------------------------------------

    def call_next(self) -> None:
        """F4. Runs off the GUI thread (``ui.operation``): while a busy server answers, the
        desk keeps answering and says it waits; F4 again meanwhile calls nobody else."""
        team = self.team()
        if team is None:
            return
        run_operation(
            self,
            lambda: self.services.queue.call_next(team.id),
            self._called,
            refused=lambda error: self._say(str(error), error=True),
            busy=_("calling the next person"),
        )

    def _called(self, visit) -> None:
        self._done(
            visit,
            lambda v: _("Called {ticket} to {place}.").format(ticket=v.ticket, place=v.call_place),
        )
        self._current_id = visit.id
        self.select(visit.id)
        self.table.setFocus()

    def _with_target(self, action: QueueAction):
        record = self.target()
        if record is None:
            self._say(_("Choose a person in the queue first."), error=True)
            return None
        if not can_do(action, record.state):
            self._say(
                _("This cannot be done now: {ticket} is {state}.").format(
                    ticket=record.ticket, state=VisitState(record.state).label.lower()
                ),
                error=True,
            )
            return None
        return record

    def call_chosen(self) -> None:
        """Shift+F4: call the selected waiting person; one who is not next is called out of
        turn after the clerk says why."""
        record = self.selected()
        if record is None or record.state != VisitState.WAITING.value:
            self._say(_("Choose a waiting person in the queue first."), error=True)
            return

        def refused(refusal: ServiceError) -> None:
            if not isinstance(refusal, ValidationError) or "reason" not in refusal.errors:
                self._say(str(refusal), error=True)
                return
            dialog = OutOfTurnDialog(self.services, record, refusal.errors["reason"], self)
            if self._exec(dialog) and dialog.result_visit is not None:
                self._called(dialog.result_visit)

        run_operation(
            self,
            lambda: self.services.queue.call(record.id),
            self._called,
            refused=refused,
            busy=_("calling the person"),
        )

    def hold(self) -> None:
        if record := self._with_target(QueueAction.HOLD):
            self._run(
                lambda: self.services.queue.hold(record.id),
                lambda v: _(
                    "{ticket} is on hold: not called until back in the queue (F12)."
                ).format(ticket=v.ticket),
            )

    def resume(self) -> None:
        if record := self._with_target(QueueAction.RESUME):
            self._run(
                lambda: self.services.queue.resume(record.id),
                lambda v: _("{ticket} waits again, in the place of the arrival at {time}.").format(
                    ticket=v.ticket, time=f"{v.arrived_at:%H:%M}"
                ),
            )

    def undo(self) -> None:
        """Shift+F5: the person marked "did not come" came after all (the same day), or a
        visit cancelled in the last minutes is restored; either waits again with its ticket
        in the place of its arrival."""
        record = self.target()
        action = undo_of(record.state) if record is not None else None
        if record is None or action is None:
            self._say(
                _("Choose a person who did not come or a visit cancelled a moment ago."),
                error=True,
            )
            return
        if action is QueueAction.UNDO_NO_SHOW:
            self._run(
                lambda: self.services.queue.undo_no_show(record.id),
                lambda v: _("{ticket} came after all and waits again.").format(ticket=v.ticket),
            )
        else:
            self._run(
                lambda: self.services.queue.undo_cancel(record.id),
                lambda v: _("{ticket} restored: waits again, arrived at {time}.").format(
                    ticket=v.ticket, time=f"{v.arrived_at:%H:%M}"
                ),
            )

    undo_no_show = undo  # the name the desk's keys used first

    def _confirm(self, title: str, text: str) -> bool:
        """Ask before an action that takes the person out of the queue (Enter: yes)."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self)
        yes = box.addButton(_("Yes"), QMessageBox.ButtonRole.YesRole)
        box.addButton(_("No"), QMessageBox.ButtonRole.NoRole)
        box.setDefaultButton(yes)
        box.exec()
        confirmed = box.clickedButton() is yes
        box.deleteLater()
        self.window().activateWindow()
        self.table.setFocus()
        return confirmed

    def recall(self) -> None:
        if record := self._with_target(QueueAction.RECALL):
            self._run(
                lambda: self.services.queue.recall(record.id),
                lambda v: _("Called {ticket} again ({n}\u00d7 so far).").format(
                    ticket=v.ticket, n=v.recalls
                ),
            )

    def start(self) -> None:
        if record := self._with_target(QueueAction.START):
            self._run(
                lambda: self.services.queue.start(record.id),
                lambda v: _("Serving {ticket}.").format(ticket=v.ticket),
            )

    def finish(self) -> None:
        if record := self._with_target(QueueAction.FINISH):
            dialog = FinishDialog(self.services, record, self)
            accepted = self._exec(dialog)
            if accepted and dialog.result_visit:
                outcome = dialog.outcome()
                assert outcome is not None, "a visit is finished with an outcome"
                self._after_dialog(
                    _("Finished {ticket}: {outcome}.").format(
                        ticket=record.ticket, outcome=outcome.label
                    )
                )
                self._referred = dialog.result_visit if outcome.is_referral else None
                self._enable()
                if workstation.settings().survey_after_visit:
                    self._exec(SurveyDialog(self.services, dialog.result_visit, self))
                self.visit_finished.emit(dialog.result_visit)

    def redirect(self) -> None:
        if record := self._with_target(QueueAction.REDIRECT):
            dialog = RedirectDialog(self.services, record, self)
            if self._exec(dialog) and dialog.result_visit:
                moved = dialog.result_visit
                where = ", ".join(
                    p for p in (moved.target_team_name, moved.target_worker_name) if p
                )
                self._after_dialog(
                    _("{ticket} now waits for {team}.").format(ticket=record.ticket, team=where)
                )

    def _exec(self, dialog: QDialog) -> bool:
        """Run a dialog; afterwards this window is active again with the queue focused."""
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        self.window().activateWindow()
        self.table.setFocus()
        return accepted

    def _after_dialog(self, text: str) -> None:
        self._current_id = None
        self._say(text)
        self.reload()
        self.changed_here.emit()
        self.table.setFocus()

    def print_referral(self) -> None:
        """The referral slip of the person just sent on (where, to whom, any appointment)."""
        if self._referred is None:
            return
        from opsdesk.ui.reports.desk import preview_referral_slip  # printing loads on first use

        preview_referral_slip(self, self.services, self._referred.id)

    def no_show(self) -> None:
        if record := self._with_target(QueueAction.NO_SHOW):
            if not self._confirm(
                _("Did not come"),
                _("Mark {ticket} as \u201edid not come\u201d?").format(ticket=record.ticket),
            ):
                return
            self._run(
                lambda: self.services.queue.no_show(record.id),
                lambda v: _("{ticket} did not come (Shift+F5 undoes it today).").format(
                    ticket=v.ticket
                ),
            )

    def cancel(self) -> None:
        if record := self._with_target(QueueAction.CANCEL):
            if not self._confirm(
                _("Cancel the visit"),
                _("Cancel the visit of {ticket}? It can be restored for {n} minutes.").format(
                    ticket=record.ticket, n=UNDO_MINUTES
                ),
            ):
                return
            self._run(
                lambda: self.services.queue.cancel(record.id),
                lambda v: _("{ticket} cancelled (Shift+F5 restores it for {n} minutes).").format(
                    ticket=v.ticket, n=UNDO_MINUTES
                ),
                then=lambda v: self.select(v.id),  # listed at the end: Shift+F5 restores it
            )
