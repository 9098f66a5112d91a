"""Parts of the case dialog: the deadlines box, the timeline of events, the notes and the list
of linked cases."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.formatting import format_date, format_datetime
from opsdesk.errors import ServiceError, ValidationError
from opsdesk.i18n import _
from opsdesk.services.cases.records import CaseDetail, LinkedCase, NoteRecord
from opsdesk.ui.boards.card_delegate import URGENCY_COLOURS
from opsdesk.ui.boards.column_model import time_left
from opsdesk.ui.forms import FieldErrors, show_service_error
from opsdesk.ui.operation import run_operation


def deadlines_html(detail: CaseDetail, today: date) -> str:
    """The case's running deadlines, each with its date and the working days left."""
    rows = []
    if detail.suspended_since is not None:
        rows.append(
            _("Proceedings suspended since {date}: the decision clock is stopped.").format(
                date=format_date(detail.suspended_since)
            )
        )
    for deadline in detail.deadlines:
        _stripe, background, colour = URGENCY_COLOURS[
            "stopped" if deadline.stopped else deadline.urgency
        ]
        when = _("clock stopped") if deadline.stopped else time_left(deadline.due, today)
        rows.append(
            f'<span style="background:{background}; color:{colour};">&nbsp;'
            f"<b>{escape(deadline.label)}</b>: {format_date(deadline.due)} \u00b7 "
            f"{escape(when)}&nbsp;</span>"
        )
    if not rows:
        rows.append(escape(_("No statutory deadline is running.")))
    return "<br>".join(rows)


def timeline_html(detail: CaseDetail) -> str:
    """Every change of the case, oldest first: when, who, what, from, to, why."""
    lines = []
    for event in detail.events:
        change = ""
        if event.from_value and event.to_value:
            change = f"{escape(event.from_value)} \u2192 {escape(event.to_value)}"
        elif event.to_value or event.from_value:
            change = escape(event.to_value or event.from_value)
        why = f"<br><i>{escape(event.reason)}</i>" if event.reason else ""
        lines.append(
            f"<tr><td style='padding-right:12px; white-space:nowrap'>"
            f"{format_datetime(event.at)}</td>"
            f"<td style='padding-right:12px'>{escape(event.actor_name)}</td>"
            f"<td><b>{escape(event.label)}</b> {change}{why}</td></tr>"
        )
    return "<table cellspacing='0' cellpadding='3'>" + "".join(lines) + "</table>"


class NotesPanel(QWidget):
    """The notes of the case (newest first) and a box to add one."""

    added = Signal()

    def __init__(self, add: Callable[[str], NoteRecord] | None, parent=None):
        super().__init__(parent)
        self._add = add
        self.view = QTextBrowser()
        self.view.setObjectName("notesView")
        self.edit = QPlainTextEdit()
        self.edit.setObjectName("noteEdit")
        self.edit.setTabChangesFocus(True)
        self.edit.setPlaceholderText(_("A new note: visible to the team and the manager only"))
        self.edit.setMaximumHeight(90)
        self.edit.setAccessibleName(_("New note"))
        self.add_button = QPushButton(_("&Add the note"))
        self.add_button.clicked.connect(self.add)
        self.errors = FieldErrors(self)
        self.errors.attach("note", self.edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.edit)
        layout.addWidget(self.errors.label("note"))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.add_button)
        layout.addLayout(row)
        self.edit.setEnabled(add is not None)
        self.add_button.setEnabled(add is not None)

    def show_notes(self, notes: list[NoteRecord]) -> None:
        if not notes:
            self.view.setHtml("<i>" + escape(_("No notes yet.")) + "</i>")
            return
        self.view.setHtml(
            "".join(
                f"<p><b>{format_datetime(n.at)} \u00b7 {escape(n.author_name)}</b><br>"
                f"{escape(n.text).replace(chr(10), '<br>')}</p>"
                for n in notes
            )
        )

    def add(self) -> None:
        """Save the note off the GUI thread; a refusal shows under the box."""
        if self._add is None:  # notes shown without the right to add one
            return
        add, text = self._add, self.edit.toPlainText()
        run_operation(
            self, lambda: add(text), self._note_added, refused=self._refused, busy=_("saving")
        )

    def _note_added(self, _note: NoteRecord) -> None:
        self.errors.clear()
        self.edit.clear()
        self.added.emit()

    def _refused(self, error: ServiceError) -> None:
        if isinstance(error, ValidationError):
            self.errors.show(error.errors)
        else:
            show_service_error(self, error)


class LinksPanel(QWidget):
    """Linked cases; a reachable one opens on Enter or a double click."""

    open_requested = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setObjectName("linksList")
        self.list.setAccessibleName(_("Linked cases"))
        self.list.itemActivated.connect(self._activated)
        self.buttons = QHBoxLayout()
        self.empty = QLabel(_("No linked cases."))
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        layout.addLayout(self.buttons)

    def show_links(self, links: tuple[LinkedCase, ...]) -> None:
        self.list.clear()
        self.empty.setVisible(not links)
        for link in links:
            state = _("closed") if link.closed else link.status_name
            text = _("{file} \u2014 {team}: {kind}, {worker} ({state})").format(
                file=link.file_number,
                team=link.team_name,
                kind=link.kind_name,
                worker=link.worker_name or _("nobody assigned"),
                state=state,
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, link.id if link.reachable else None)
            self.list.addItem(item)

    def _activated(self, item: QListWidgetItem) -> None:
        case_id = item.data(Qt.ItemDataRole.UserRole)
        if case_id is not None:
            self.open_requested.emit(case_id)
