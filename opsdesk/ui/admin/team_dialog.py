"""A team's dialog: name, kind, ticket letter and the board's statuses in order.

Statuses keep their ids when renamed or moved, so the cases in them stay where they are; a
status that still holds cases cannot be removed (the service says so under the list).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.office_model import TeamKind
from opsdesk.i18n import _
from opsdesk.services.office.records import TeamRecord
from opsdesk.services.office.teams import StatusInput, TeamInput
from opsdesk.ui.form_dialog import FormDialog

if TYPE_CHECKING:
    from opsdesk.services.registry import Services

ID_ROLE = Qt.ItemDataRole.UserRole + 1
CODE_ROLE = Qt.ItemDataRole.UserRole + 2
CLOSES_ROLE = Qt.ItemDataRole.UserRole + 3


class StatusDelegate(QStyledItemDelegate):
    """Shows "(closes the case)" after such a status; the name alone is edited."""

    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        if index.data(CLOSES_ROLE):
            option.text = _("{name} \u2014 closes the case").format(name=option.text)


class _Statuses(QListWidget):
    """Enter renames the chosen status, and ends the renaming, without saving the dialog."""

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # also reached by the editor's Enter, which must not press the dialog's default
            if (
                self.state() != QAbstractItemView.State.EditingState
                and self.currentItem() is not None
            ):
                self.editItem(self.currentItem())
            event.accept()
            return
        super().keyPressEvent(event)


class StatusList(QWidget):
    """The board's statuses, first column first: add, rename (F2), remove, move."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("statuses")
        self.list = _Statuses()
        self.list.setObjectName("statusList")
        self.list.setAccessibleName(_("Board statuses"))
        self.list.setItemDelegate(StatusDelegate(self.list))
        self.list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.list.currentRowChanged.connect(lambda _row: self._current_changed())
        self.closes = QCheckBox(_("This status &closes the case"))
        self.closes.setObjectName("closesCase")
        self.closes.toggled.connect(self._set_closes)
        self.buttons = {}
        column = QVBoxLayout()
        for key, text, slot in (
            ("add", _("&Add a status"), self.add),
            ("rename", _("Re&name"), self.rename),
            ("remove", _("Re&move"), self.remove),
            ("up", _("Move &up"), lambda: self.move_current(-1)),
            ("down", _("Move do&wn"), lambda: self.move_current(1)),
        ):
            button = QPushButton(text)
            button.setObjectName(f"status_{key}")
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, s=slot: s())
            column.addWidget(button)
            self.buttons[key] = button
        column.addStretch(1)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 0, 0)
        layout.addLayout(column, 0, 1)
        layout.addWidget(self.closes, 1, 0, 1, 2)
        self.setFocusProxy(self.list)
        self._current_changed()

    def set_statuses(self, record: TeamRecord | None) -> None:
        self.list.clear()
        for status in record.statuses if record else ():
            self._append(status.name, status.id, status.code, status.closes_case)
        self.list.setCurrentRow(0)

    def statuses(self) -> tuple[StatusInput, ...]:
        items = (self.list.item(i) for i in range(self.list.count()))
        return tuple(
            StatusInput(
                name=item.text(),
                code=item.data(CODE_ROLE) or "",
                closes_case=bool(item.data(CLOSES_ROLE)),
                id=item.data(ID_ROLE),
            )
            for item in items
        )

    def _append(self, name: str, status_id=None, code: str = "", closes: bool = False):
        item = QListWidgetItem(name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        item.setData(ID_ROLE, status_id)
        item.setData(CODE_ROLE, code)
        item.setData(CLOSES_ROLE, closes)
        self.list.addItem(item)
        return item

    def add(self) -> None:
        item = self._append(_("New status"))
        self.list.setCurrentItem(item)
        self.list.setFocus()
        self.list.editItem(item)

    def rename(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.list.setFocus()
            self.list.editItem(item)

    def remove(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self.list.setFocus()

    def move_current(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)

    def _current_changed(self) -> None:
        row = self.list.currentRow()
        chosen = row >= 0
        for key in ("rename", "remove"):
            self.buttons[key].setEnabled(chosen)
        self.buttons["up"].setEnabled(row > 0)
        self.buttons["down"].setEnabled(chosen and row < self.list.count() - 1)
        self.closes.setEnabled(chosen)
        self.closes.blockSignals(True)
        self.closes.setChecked(chosen and bool(self.list.item(row).data(CLOSES_ROLE)))
        self.closes.blockSignals(False)

    def _set_closes(self, on: bool) -> None:
        item = self.list.currentItem()
        if item is not None:
            item.setData(CLOSES_ROLE, on)


class TeamDialog(FormDialog):
    def __init__(self, services: Services, record: TeamRecord | None = None, parent=None):
        super().__init__(
            parent,
            _("New team") if record is None else _("Team: {name}").format(name=record.name),
            _("&Save"),
        )
        self.services = services
        self.record = record
        self.setObjectName("teamDialog")
        self.setMinimumWidth(600)
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        for kind in TeamKind:
            self.kind.addItem(kind.label, kind.value)
        self.ticket_letter = QLineEdit()
        self.ticket_letter.setObjectName("ticket_letter")
        self.ticket_letter.setMaxLength(1)
        self.ticket_letter.setMaximumWidth(60)
        self.status_list = StatusList()
        self.add_field("name", _("&Name:"), self.name)
        self.add_field("kind", _("&Kind:"), self.kind)
        self.add_field("ticket_letter", _("&Ticket letter:"), self.ticket_letter)
        self.add_field("statuses", _("Board &statuses\n(in order):"), self.status_list)
        if record is not None:
            self.name.setText(record.name)
            self.kind.setCurrentIndex(max(self.kind.findData(record.kind), 0))
            self.ticket_letter.setText(record.ticket_letter)
        self.status_list.set_statuses(record)
        self.name.setFocus()

    def data(self) -> TeamInput:
        return TeamInput(
            name=self.name.text(),
            kind=TeamKind(self.kind.currentData()),
            ticket_letter=self.ticket_letter.text(),
            statuses=self.status_list.statuses(),
        )

    def request(self) -> Callable[[], TeamRecord]:
        """The team as typed, saved off the GUI thread."""
        data, teams = self.data(), self.services.teams
        team_id = self.record.id if self.record else None
        return lambda: teams.save(data, team_id)
