"""The "Handed to me" tab of the Team boards section: cases handed to the person or their team
that wait for an answer (``InboxService``). Accept one or several at once, send one back with
a reason, or open the case first. A hand-off the receiver sent back shows here for its sender,
who accepts it to say it was seen.

The list is read off the GUI thread (``ui.operation``): a slow server never freezes the window;
the newest reload's answer wins."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.formatting import format_date
from opsdesk.domain.ids import CaseId
from opsdesk.errors import ServiceError
from opsdesk.i18n import N_, _
from opsdesk.services.cases.inbox import HandoffRecord
from opsdesk.ui.form_dialog import FormDialog
from opsdesk.ui.operation import run_operation
from opsdesk.ui.table_models import Column, RecordTableModel

if TYPE_CHECKING:
    from opsdesk.services.registry import Services

KINDS = {
    "team": N_("from another team"),
    "worker": N_("given to you"),
    "returned": N_("sent back"),
}


def _to(record: HandoffRecord) -> str:
    return record.to_worker_name or _("the whole team")


COLUMNS: tuple[Column[HandoffRecord], ...] = (
    Column(N_("Sent"), lambda r: format_date(r.sent_at), sort_key=lambda r: r.sent_at),
    Column(N_("What"), lambda r: _(KINDS.get(r.kind, r.kind))),
    Column(N_("File number"), lambda r: r.file_number),
    Column(N_("Client"), lambda r: r.client_name),
    Column(N_("Kind of help"), lambda r: r.kind_name),
    Column(N_("Sent by"), lambda r: r.sent_by_name, tooltip=lambda r: r.from_team_name),
    Column(N_("For"), _to, tooltip=lambda r: r.to_team_name),
    Column(N_("Request or reason"), lambda r: r.note, tooltip=lambda r: r.note),
)


def inbox_title(count: int) -> str:
    return _("Handed to me ({n})").format(n=count)


class SendBackDialog(FormDialog):
    """Why the hand-off goes back (shown to the sender, kept in the case's history)."""

    def __init__(self, parent, record: HandoffRecord, submit: Callable[[str], object]):
        intro = (
            _(
                "Case {file} ({client}) is closed as sent back; the team that sent it sees "
                "the reason."
            )
            if record.kind == "team"
            else _("Case {file} ({client}) returns to the worker who had it; they see the reason.")
        ).format(file=record.file_number, client=record.client_name)
        super().__init__(parent, _("Send the hand-off back"), _("Send back"), intro)
        self.submit = submit
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("sendBackReason")
        self.reason.setTabChangesFocus(True)
        self.reason.setMinimumSize(420, 80)
        self.add_field("reason", _("&Why:"), self.reason)

    def request(self):
        submit, reason = self.submit, self.reason.toPlainText()
        return lambda: submit(reason)


class HandoffInbox(QWidget):
    count_changed = Signal(int)
    cases_changed = Signal()  # something was accepted or sent back: the board reloads

    def __init__(self, services: Services, parent=None):
        super().__init__(parent)
        self.services = services
        self.open_case_dialog: Callable[[CaseId], None] = self._open_case_dialog
        self.heading = QLabel()
        self.heading.setObjectName("inboxHeading")
        self.heading.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("inboxMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self.model: RecordTableModel[HandoffRecord] = RecordTableModel(COLUMNS, self)
        self.table = QTableView()
        self.table.setObjectName("inboxTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName(_("Cases handed to me"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumWidth(600)
        self.table.activated.connect(lambda _index: self.open_current())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._enable())
        self.accept_button = QPushButton(_("&Accept"))
        self.accept_button.setObjectName("acceptHandoff")
        self.accept_button.setToolTip(_("Accept the chosen hand-offs (several at once as well)"))
        self.accept_button.clicked.connect(self.accept_selected)
        self.send_back_button = QPushButton(_("Send &back\u2026"))
        self.send_back_button.setObjectName("sendBackHandoff")
        self.send_back_button.clicked.connect(self.send_back_current)
        self.open_button = QPushButton(_("&Open the case"))
        self.open_button.setObjectName("openHandoffCase")
        self.open_button.clicked.connect(self.open_current)
        refresh = QPushButton(_("Refresh"))
        refresh.clicked.connect(self.reload)
        buttons = QHBoxLayout()
        for button in (self.accept_button, self.send_back_button, self.open_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(refresh)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._enable()

    # --- loading ------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the hand-offs waiting (off the GUI thread) and show them."""
        run_operation(
            self,
            self.services.inbox.waiting,
            self._show_records,
            refused=lambda error: self.show_message(str(error), error=True),
            busy=_("loading the hand-offs"),
            when_running="replace",
        )

    def _show_records(self, records: list[HandoffRecord]) -> None:
        self.model.set_records(records)
        self.heading.setText(
            _(
                "Cases handed to you or to anyone of your team, waiting for you to accept them "
                "or send them back: {n}."
            ).format(n=len(records))
            if records
            else _("Nothing waits for you: every case handed to you has been answered.")
        )
        if records:
            self.table.selectRow(0)
        self._enable()
        self.count_changed.emit(len(records))

    def selected(self) -> list[HandoffRecord]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [r for r in (self.model.record(row) for row in rows) if r is not None]

    def _enable(self) -> None:
        chosen = self.selected()
        self.accept_button.setEnabled(bool(chosen))
        self.open_button.setEnabled(len(chosen) == 1)
        self.send_back_button.setEnabled(len(chosen) == 1 and chosen[0].kind != "returned")

    def show_message(self, text: str, error: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(
            "color: #8a1414; font-weight: 600;" if error else "color: #1d5e20;"
        )
        self.message.setVisible(bool(text))

    # --- answering ----------------------------------------------------------------------

    def accept_selected(self) -> bool:
        """Accept the chosen hand-offs (off the GUI thread); True when it was asked."""
        chosen = self.selected()
        if not chosen:
            return False
        inbox = self.services.inbox
        return run_operation(
            self.accept_button,  # beside the list's reload (which runs for the inbox)
            lambda: inbox.accept([r.id for r in chosen]),
            lambda _count: self._accepted(chosen),
            refused=self._not_accepted,
            busy=_("saving"),
        )

    def _accepted(self, chosen: list[HandoffRecord]) -> None:
        self.show_message(
            _("Accepted: {files}.").format(files=", ".join(r.file_number for r in chosen)),
            error=False,
        )
        self.reload()
        self.cases_changed.emit()

    def _not_accepted(self, error: ServiceError) -> None:
        errors = getattr(error, "errors", None)
        self.show_message(" ".join(errors.values()) if errors else str(error), error=True)
        self.reload()

    def exec_dialog(self, dialog: QDialog) -> int:
        """Show a dialog modally (tests replace this to answer it as a user would)."""
        return dialog.exec()

    def send_back_current(self) -> bool:
        chosen = self.selected()
        if len(chosen) != 1 or chosen[0].kind == "returned":
            return False
        record = chosen[0]
        dialog = SendBackDialog(
            self, record, lambda reason: self.services.inbox.send_back(record.id, reason)
        )
        if not self.exec_dialog(dialog):
            return False
        self.show_message(_("{file} was sent back.").format(file=record.file_number), error=False)
        self.reload()
        self.cases_changed.emit()
        return True

    def open_current(self) -> None:
        chosen = self.selected()
        if len(chosen) == 1:
            self.open_case_dialog(chosen[0].case_id)

    def _open_case_dialog(self, case_id: CaseId) -> None:
        from opsdesk.ui.boards.case_dialog import open_case_dialog

        open_case_dialog(self.table, self.services, case_id, then=self.reload)
