"""The case dialog: who and what, the running deadlines, and tabs for the timeline, notes,
deadline steps (interview, decision, suspension, art. 36 notice) and linked cases with the
hand-off to the other team.

The case is read again after each change off the GUI thread (``load_case``, one background
read of the case, its notes, letters and appeals); the newest reload's answer wins. Changes
are saved off it too (the step dialogs, a note, reopening).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.case_closing import ENDINGS
from opsdesk.domain.formatting import format_date
from opsdesk.domain.ids import CaseId
from opsdesk.errors import ServiceError
from opsdesk.i18n import _
from opsdesk.ui.boards.case_letters import LettersPanel
from opsdesk.ui.boards.case_panels import LinksPanel, NotesPanel, deadlines_html, timeline_html
from opsdesk.ui.boards.letter_dialog import LetterDialog
from opsdesk.ui.boards.step_dialogs import CloseCaseDialog, HandoffDialog, StepDialog
from opsdesk.ui.operation import run_operation

if TYPE_CHECKING:
    from opsdesk.domain.case_closing import Ending
    from opsdesk.services.cases.appeals import AppealRecord
    from opsdesk.services.cases.records import CaseDetail, KindRecord, NoteRecord
    from opsdesk.services.letters.records import LetterRecord
    from opsdesk.services.office.records import StaffRecord
    from opsdesk.services.registry import Services


# Fits a 1366×768 laptop at 125 % (Windows' default there): 1092×551 once the task bar and
# the title bar are taken off (tests/gui/test_boards_small_screen.py).
SIZE = QSize(860, 540)
TITLE_BAR = 31


@dataclass(frozen=True)
class CaseView:
    """All the case dialog shows, read in one go."""

    detail: CaseDetail
    notes: list[NoteRecord]
    letters: list[LetterRecord]
    appeals: list[AppealRecord]
    staff: list[StaffRecord] | None = None  # the workers to choose from, when opening


def load_case(services: Services, case_id: CaseId, opening: bool = False) -> CaseView:
    return CaseView(
        services.cases.get(case_id),
        services.case_notes.list(case_id),
        services.letters.letters(case_id),
        services.appeals.of_case(case_id),
        services.staff.list(include_inactive=False) if opening else None,
    )


def open_case_dialog(
    owner: QWidget,
    services: Services,
    case_id: CaseId,
    then: Callable[[], object] | None = None,
) -> bool:
    """Read the case off the GUI thread, then show its dialog (modal); ``then`` runs after it
    was closed. ``owner`` is the widget the person opened it from (one opening at a time)."""

    def show(view: CaseView) -> None:
        CaseDialog(services, case_id, owner, view=view).exec()
        if then is not None:
            then()

    return run_operation(
        owner, lambda: load_case(services, case_id, True), show, busy=_("opening the case")
    )


class CaseDialog(QDialog):
    def __init__(self, services: Services, case_id: CaseId, parent=None, *, view: CaseView):
        """``view``: the case read already, off the GUI thread, with the workers to choose
        from (``load_case(..., opening=True)``, as ``open_case_dialog`` does): the dialog
        itself never reads while it is built."""
        super().__init__(parent)
        self.services = services
        self.case_id = case_id
        self.detail = view.detail
        self._fit_screen()
        self.heading = QLabel()
        self.heading.setObjectName("caseHeading")
        self.heading.setWordWrap(True)
        self.facts = QLabel()
        self.facts.setObjectName("caseFacts")
        self.facts.setWordWrap(True)
        self.worker = QComboBox()
        self.worker.setObjectName("caseWorker")
        self.urgent = QCheckBox(_("&Urgent"))
        self.complex = QCheckBox(_("&Particularly complicated"))
        self.deadlines = QLabel()
        self.deadlines.setObjectName("caseDeadlines")
        self.deadlines.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("caseMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #8a1414; font-weight: 600;")
        self.message.hide()

        form = QFormLayout()
        form.addRow(_("&Worker:"), self.worker)
        flags = QHBoxLayout()
        flags.addWidget(self.urgent)
        flags.addWidget(self.complex)
        flags.addStretch(1)
        form.addRow("", flags)
        self.timeline = QTextBrowser()
        self.timeline.setObjectName("caseTimeline")
        self.notes = NotesPanel(self._add_note if self.detail.can_change else None)
        self.notes.added.connect(self.reload)
        self.links = LinksPanel()
        self.links.open_requested.connect(self._open_linked)
        self.letters = LettersPanel(services, case_id)
        self.letters.new_requested.connect(self.write_letter)
        history = QWidget()
        history_layout = QVBoxLayout(history)
        history_layout.addWidget(self.timeline, 1)
        history_layout.addWidget(self.letters)
        self.tabs = QTabWidget()
        self.tabs.addTab(history, _("&History"))
        self.tabs.addTab(self.notes, _("&Notes"))
        self.tabs.addTab(self._steps_tab(), _("&Deadlines"))
        self.tabs.addTab(self.links, _("&Linked cases"))
        from opsdesk.ui.boards.appeal_panel import AppealsPanel

        self.appeals = AppealsPanel(services, case_id)
        self.appeals.changed.connect(self.reload)
        self.tabs.addTab(self.appeals, _("&Appeals"))
        self._handoff_buttons()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.rejected.connect(self.reject)
        self.close_case_button = QPushButton()
        self.close_case_button.clicked.connect(self._close_or_reopen)
        buttons.addButton(self.close_case_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.letter_button = QPushButton(_("L&etter\u2026"))
        self.letter_button.setObjectName("letterButton")
        self.letter_button.clicked.connect(self.write_letter)
        buttons.addButton(self.letter_button, QDialogButtonBox.ButtonRole.ActionRole)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.facts)
        layout.addLayout(form)
        layout.addWidget(self.deadlines)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self._fill_workers(view.staff or [])
        self._show(view)
        self.worker.currentIndexChanged.connect(self._reassign)
        self.urgent.toggled.connect(self._flags_changed)
        self.complex.toggled.connect(self._flags_changed)

    def _fit_screen(self) -> None:
        """Open at ``SIZE``, or smaller on a smaller screen (the title bar taken off)."""
        size = SIZE
        screen = self.screen()
        if screen is not None:
            space = screen.availableGeometry().size() - QSize(0, TITLE_BAR)
            size = size.boundedTo(space)
        self.resize(size)

    # --- showing ------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the case again off the GUI thread and show it (the newest answer wins)."""
        services, case_id = self.services, self.case_id
        run_operation(
            self.tabs,  # beside a change being saved (which runs for the dialog)
            lambda: load_case(services, case_id),
            self._show,
            refused=self.show_error_of,
            busy=_("loading the case"),
            when_running="replace",
        )

    def _show(self, view: CaseView) -> None:
        self.detail = view.detail
        self.notes.show_notes(view.notes)
        self.letters.show_letters(view.letters)
        self.appeals.set_appeals(view.appeals)
        self.show_detail(view.detail)

    def show_detail(self, d: CaseDetail) -> None:
        """Show the case's facts and enable what may be done (the notes, letters and
        appeals are shown by ``_show``)."""
        s = d.summary
        self.setWindowTitle(_("Case {file}").format(file=s.file_number))
        self.heading.setText(f"<h2>{escape(s.file_number)} \u2014 {escape(s.client_name)}</h2>")
        lines = [
            (
                _("Client"),
                ", ".join(p for p in (d.client_identity, d.client_address, d.client_phone) if p),
            ),
            (
                _("Kind of help"),
                _("{kind} (granted by a decision)").format(kind=s.kind_name)
                if d.needs_decision
                else s.kind_name,
            ),
            (_("Team and status"), f"{s.team_name} \u2014 {s.status_name}"),
            (_("Application of"), format_date(s.application_date)),
            (_("Interview"), format_date(d.interview_date) or "\u2014"),
            (
                _("Decision"),
                _("no. {number} of {date}").format(
                    number=d.decision_number, date=format_date(d.decision_date)
                )
                if d.decision_number and d.decision_date
                else format_date(d.decision_date) or "\u2014",
            ),
        ]
        if d.notice_new_date:
            lines.append(
                (_("Art. 36 notice"), f"{format_date(d.notice_new_date)} \u2014 {d.notice_reason}")
            )
        if d.awaiting_completion:
            lines.append(
                (
                    _("Summons (art. 64 \u00a7 2)"),
                    _("waiting for the party to complete the application until {date}").format(
                        date=format_date(d.awaiting_completion)
                    ),
                )
            )
        if d.appeal is not None:
            lines.append(
                (
                    _("Decision delivered"),
                    _("{delivered}; appeal until {last}, final from {final}").format(
                        delivered=format_date(d.appeal.delivered_on),
                        last=format_date(d.appeal.last_day),
                        final=format_date(d.appeal.final_from),
                    ),
                )
            )
        if d.text:
            lines.append((_("Description"), d.text))
        if d.closed_at:
            ending = _(ENDINGS[d.ending].label) + ": " if d.ending in ENDINGS else ""
            lines.append((_("Closed on"), f"{format_date(d.closed_at)} \u2014 {ending}{d.outcome}"))
        self.facts.setText("<br>".join(f"<b>{escape(k)}:</b> {escape(v)}" for k, v in lines))
        today = self.services.ctx.clock.today()
        self.deadlines.setText(deadlines_html(d, today))
        self.timeline.setHtml(timeline_html(d))
        self.links.show_links(d.links)
        self.appeals.enable(d.can_change, d.decision_date is not None)
        for widget in (self.urgent, self.complex):
            widget.blockSignals(True)
        self.urgent.setChecked(d.urgent)
        self.complex.setChecked(d.complex)
        for widget in (self.urgent, self.complex):
            widget.blockSignals(False)
        index = self.worker.findData(s.worker_id)
        self.worker.blockSignals(True)
        self.worker.setCurrentIndex(max(index, 0))
        self.worker.blockSignals(False)
        changeable = d.can_change and d.closed_at is None
        for control in (
            self.worker,
            self.urgent,
            self.complex,
            *self.step_buttons.values(),
            *self.handoff_buttons,
        ):
            control.setEnabled(changeable)
        self.step_buttons["decision"].setEnabled(changeable and d.needs_decision)
        suspended = d.suspended_since is not None
        pending = d.needs_decision and d.decision_date is None
        self.step_buttons["suspend"].setEnabled(changeable and pending and not suspended)
        self.step_buttons["resume"].setEnabled(changeable and suspended)
        self.step_buttons["notice"].setEnabled(changeable and pending)
        self.step_buttons["completed"].setEnabled(changeable and d.awaiting_completion is not None)
        self.step_buttons["delivered"].setEnabled(changeable and d.decision_date is not None)
        self.letter_button.setEnabled(changeable)
        self.letters.new_button.setEnabled(changeable)
        self.close_case_button.setText(
            _("Reopen the case\u2026") if d.closed_at else _("Close the case\u2026")
        )
        self.close_case_button.setEnabled(d.can_change)

    def _fill_workers(self, staff: list[StaffRecord]) -> None:
        team_id = self.detail.summary.team_id
        self.worker.addItem(_("(nobody assigned)"), None)
        for person in staff:
            if person.team_id == team_id:
                self.worker.addItem(person.full_name, person.id)

    def show_error(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _run(self, action: Callable[[], object]) -> bool:
        """Run a change off the GUI thread; the case shows its outcome when it answers (a
        refusal on the message line)."""
        return run_operation(self, action, self._ran, refused=self._not_run, busy=_("saving"))

    def _ran(self, _result: object) -> None:
        self.show_error("")
        self.reload()

    def _not_run(self, error: ServiceError) -> None:
        self.show_error_of(error)
        self.reload()

    def show_error_of(self, error: ServiceError) -> None:
        errors = getattr(error, "errors", None)
        self.show_error(" ".join(errors.values()) if errors else str(error))

    # --- changes ------------------------------------------------------------------------

    def exec_dialog(self, dialog: QDialog) -> int:
        """Show a confirmation modally (tests replace this to answer it as a user would)."""
        return dialog.exec()

    def _confirm(self, dialog: StepDialog) -> bool:
        """Ask; on "Cancel" the fields show the saved case again, nothing changed."""
        done = bool(self.exec_dialog(dialog))
        if done:
            self.show_error("")
            self.reload()
        else:
            self.show_detail(self.detail)  # at once: the worker and the flags as saved
        return done

    def _reassign(self) -> None:
        worker_id = self.worker.currentData()
        summary = self.detail.summary
        nobody = _("nobody assigned")
        intro = _(
            "Case {file} passes from {old} to {new}; the change is recorded in its history."
        ).format(
            file=summary.file_number,
            old=summary.worker_name or nobody,
            new=self.worker.currentText() if worker_id else nobody,
        )
        self._confirm(
            StepDialog(
                self,
                _("Change the worker"),
                lambda _d, reason: self.services.cases.reassign(self.case_id, worker_id, reason),
                date_label=None,
                today=self.services.ctx.clock.today(),
                reason_label=_("&Why (optional):"),
                intro=intro,
            )
        )

    def _flags_changed(self) -> None:
        """Ask how the deadlines would move (off the GUI thread), then confirm with a
        reason."""
        urgent, complex = self.urgent.isChecked(), self.complex.isChecked()
        cases, case_id = self.services.cases, self.case_id
        asked = run_operation(
            self,
            lambda: cases.flags_preview(case_id, urgent, complex),
            lambda preview: self._confirm_flags(urgent, complex, preview),
            refused=self._flags_refused,
            busy=_("loading the case"),
        )
        if not asked:  # a change is being saved: the boxes show the case as saved
            self.show_detail(self.detail)

    def _flags_refused(self, error: ServiceError) -> None:
        self.show_error_of(error)
        self.show_detail(self.detail)

    def _confirm_flags(self, urgent: bool, complex: bool, preview) -> None:
        today = self.services.ctx.clock.today()
        before = {d.rule: d for d in self.detail.deadlines}
        lines = []
        for deadline in preview:
            old = before.get(deadline.rule)
            if old is None or old.due != deadline.due:
                lines.append(
                    _("{label}: {date}").format(
                        label=deadline.label, date=format_date(deadline.due)
                    )
                )
        changed = (
            _("The deadlines move: {list}.").format(list="; ".join(lines))
            if lines
            else _("The running deadlines do not move.")
        )
        self._confirm(
            StepDialog(
                self,
                _("Change how the case is handled"),
                lambda _d, reason: self.services.cases.set_flags(
                    self.case_id, urgent, complex, reason
                ),
                date_label=None,
                today=today,
                reason_label=_("&Why:"),
                intro=changed,
            )
        )

    def _add_note(self, text: str):
        return self.services.case_notes.add(self.case_id, text)

    def _close_or_reopen(self) -> None:
        if self.detail.closed_at is None:
            # the endings are read off the GUI thread; the dialog opens with the answer
            services, case_id = self.services, self.case_id
            run_operation(
                self,
                lambda: services.cases.closing_endings(case_id),
                self._ask_closing,
                refused=self.show_error_of,
                busy=_("opening the closing"),
            )
            return
        text, ok = QInputDialog.getText(self, _("Reopen the case"), _("Why is the case reopened?"))
        if not ok:
            return
        services, case_id, team_id = self.services, self.case_id, self.detail.summary.team_id

        def reopen() -> object:
            columns = services.boards.board(team_id).columns
            first = next(s for s in columns if not s.closes_case)
            return services.cases.move(case_id, first.id, text)

        self._run(reopen)

    def _ask_closing(self, endings: list[Ending]) -> None:
        if self.exec_dialog(self.close_dialog(endings)):
            self.show_error("")
        self.reload()

    def close_dialog(self, endings: list[Ending]) -> CloseCaseDialog:
        """The closing dialog offering ``endings`` (``CaseService.closing_endings``)."""
        d = self.detail
        return CloseCaseDialog(
            self,
            endings,
            lambda closing: self.services.cases.close(self.case_id, closing),
            today=self.services.ctx.clock.today(),
            decision_number=d.decision_number,
            decision_date=d.decision_date,
        )

    # --- the deadlines tab --------------------------------------------------------------

    def _steps_tab(self) -> QWidget:
        steps = self.services.case_deadlines
        case = self.case_id
        # key: (button, title, submit(date, reason[, number]), date label, date field,
        #       reason label, intro)
        specs: dict[str, tuple[str, str, Callable[..., object], str, str, str, str]] = {
            "interview": (
                _("Interview carried out\u2026"),
                _("Environmental interview"),
                lambda d, r: steps.record_interview(case, d, r),
                _("&Carried out on:"),
                "interview_date",
                _("&Remarks:"),
                "",
            ),
            "decision": (
                _("Decision issued\u2026"),
                _("Decision"),
                lambda d, r, n: steps.record_decision(case, d, r, n),
                _("&Issued on:"),
                "decision_date",
                _("&Remarks:"),
                "",
            ),
            "suspend": (
                _("Suspend the proceedings\u2026"),
                _("Suspend the proceedings"),
                lambda d, r: steps.suspend(case, d, r),
                _("&Suspended from:"),
                "since",
                _("&Why:"),
                _(
                    "While suspended (e.g. awaiting the party's documents) the days do not "
                    "count towards the decision's deadline (KPA art. 35 \u00a7 5)."
                ),
            ),
            "resume": (
                _("Resume the proceedings\u2026"),
                _("Resume the proceedings"),
                lambda d, r: steps.resume(case, d, r),
                _("&Last day of the suspension:"),
                "on",
                _("&Remarks:"),
                "",
            ),
            "notice": (
                _("Notice of delay (art. 36)\u2026"),
                _("Notice of delay (art. 36 KPA)"),
                lambda d, r: steps.give_notice(case, d, r),
                _("&New date:"),
                "new_date",
                _("&Why late:"),
                _(
                    "The party is told why the decision is late and given a new date, which "
                    "becomes the decision's deadline."
                ),
            ),
            "completed": (
                _("Application completed\u2026"),
                _("The party completed the application"),
                lambda d, _r: steps.record_completion(case, d),
                _("&Completed on:"),
                "on",
                "",
                _(
                    "The answer to the summons (KPA art. 64 \u00a7 2): the case stops "
                    "waiting, and the days of the period after this day count again."
                ),
            ),
            "delivered": (
                _("Decision delivered\u2026"),
                _("Decision delivered"),
                lambda d, _r: steps.record_delivery(case, d),
                _("&Delivered on:"),
                "delivered_on",
                "",
                _(
                    "E.g. the date on the return receipt. The party may appeal for 14 "
                    "days (KPA art. 129 \u00a7 2); the case closes once the decision is final."
                ),
            ),
        }
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.step_buttons: dict[str, QPushButton] = {}
        self.step_dialog_factories = {}
        for key, (label, *spec) in specs.items():
            button = QPushButton(label)
            button.setObjectName(f"step_{key}")
            button.clicked.connect(lambda _c=False, k=key: self.run_step(k))
            layout.addWidget(button)
            self.step_buttons[key] = button
            self.step_dialog_factories[key] = lambda k=key, spec=spec: self._step_dialog(k, *spec)
        layout.addStretch(1)
        return tab

    def _step_dialog(
        self,
        key: str,
        title: str,
        submit: Callable[..., object],
        date_label: str,
        date_field: str,
        reason_label: str,
        intro: str,
    ) -> StepDialog:
        """One step's dialog: a date, a reason and an introduction; the decision also asks
        its number (the recorded one shown)."""
        return StepDialog(
            self,
            title,
            submit,
            date_label=date_label,
            date_field=date_field,
            today=self.services.ctx.clock.today(),
            reason_label=reason_label,
            intro=intro,
            number_label=_("Decision &number:") if key == "decision" else "",
            number=self.detail.decision_number if key == "decision" else "",
        )

    def run_step(self, key: str) -> StepDialog:
        dialog = self.step_dialog_factories[key]()
        self.last_step_dialog = dialog
        if dialog.exec():
            self.reload()
        return dialog

    # --- letters -----------------------------------------------------------------------------

    def letter_dialog(self) -> LetterDialog:
        return LetterDialog(self.services, self.case_id, self)

    def write_letter(self) -> None:
        """Choose, fill in and print a letter; the case then shows what it changed."""
        dialog = self.letter_dialog()
        self.last_letter_dialog = dialog
        if self.exec_dialog(dialog):
            self.show_error("")
        self.reload()

    # --- hand-off and links -------------------------------------------------------------

    def _handoff_buttons(self) -> None:
        self.handoff_buttons = []
        kind = self.detail.team_kind
        if kind != "benefits":
            button = QPushButton(_("Ask the benefits team for a decision\u2026"))
            button.setObjectName("askDecision")
            button.clicked.connect(lambda: self.hand_off("decision"))
            self.links.buttons.addWidget(button)
            self.handoff_buttons.append(button)
        if kind != "social_work":
            button = QPushButton(_("Refer to social work\u2026"))
            button.setObjectName("referSocialWork")
            button.clicked.connect(lambda: self.hand_off("social_work"))
            self.links.buttons.addWidget(button)
            self.handoff_buttons.append(button)

    def handoff_dialog(self, target: str, kinds: list[KindRecord]) -> HandoffDialog:
        """The hand-off to ``target`` offering ``kinds`` (``CaseService.kinds``)."""
        handoffs = self.services.handoffs
        if target == "decision":
            return HandoffDialog(
                self,
                _("Ask the benefits team for a decision"),
                [k for k in kinds if k.needs_decision],
                lambda kind, text, urgent: handoffs.ask_for_decision(
                    self.case_id, kind, text, urgent
                ),
                intro=_(
                    "A linked case is opened on the benefits team's board for the same client."
                ),
            )
        social = sorted(
            (k for k in kinds if k.team_kind == "social_work"),
            key=lambda k: k.code != "praca_socjalna",
        )
        return HandoffDialog(
            self,
            _("Refer to social work"),
            social,
            lambda kind, text, urgent: handoffs.refer_to_social_work(self.case_id, text, kind),
            intro=_("A linked case is opened on the social work team's board for the same client."),
        )

    def hand_off(self, target: str) -> None:
        """The kinds of help are read off the GUI thread; the dialog opens with the answer
        (a second press meanwhile does nothing)."""
        run_operation(
            self,
            self.services.cases.kinds,
            lambda kinds: self._ask_hand_off(target, kinds),
            refused=self.show_error_of,
            busy=_("opening the hand-off"),
        )

    def _ask_hand_off(self, target: str, kinds: list[KindRecord]) -> None:
        dialog = self.handoff_dialog(target, kinds)
        if self.exec_dialog(dialog):
            created = dialog.result_value
            QMessageBox.information(
                self,
                _("Hand-off"),
                _("Case {file} was opened on the board of \u201e{team}\u201d ({worker}).").format(
                    file=created.file_number,
                    team=created.team_name,
                    worker=created.worker_name or _("nobody assigned"),
                ),
            )
            self.reload()

    def _open_linked(self, case_id: CaseId) -> None:
        open_case_dialog(self.links, self.services, case_id, then=self.reload)
