"""What a records tab of things never deleted has (staff accounts, teams): a box that shows the
ones switched off too, and a button that switches the chosen one off (after a question) or on
again. A record just switched off stays in sight, greyed out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QCheckBox

from opsdesk.i18n import _
from opsdesk.ui.admin.record_view import RecordsTab
from opsdesk.ui.operation import run_operation


@dataclass(frozen=True)
class SwitchWords:
    show_inactive: str  # the box's text
    switch_off: str  # the button's, for an active record
    switch_on: str  # and for one switched off
    question_title: str  # asked before switching off
    question: Callable[[Any], str]  # the record -> what switching it off means


class ActiveSwitch:
    """Adds the box and the button to ``tab`` (records with ``id`` and ``active``);
    ``set_active(record, active)`` runs off the GUI thread (a service call)."""

    def __init__(
        self, tab: RecordsTab, words: SwitchWords, set_active: Callable[[Any, bool], object]
    ):
        self.tab = tab
        self.words = words
        self.set_active = set_active
        self.show_inactive = QCheckBox(words.show_inactive)
        self.show_inactive.setObjectName("showInactive")
        self.show_inactive.toggled.connect(lambda _on: self._filter())
        tab.button_row.insertWidget(0, self.show_inactive)
        self.button = tab.add_button(words.switch_off, self.toggle, "toggleActive")
        tab.view.selectionModel().currentRowChanged.connect(lambda *_a: self._name_button())
        tab.proxy.modelReset.connect(self._name_button)
        tab.proxy.layoutChanged.connect(self._name_button)
        self._filter()

    def _filter(self) -> None:
        shown = self.show_inactive.isChecked()
        self.tab.proxy.set_predicate(None if shown else (lambda r: r.active))
        self.tab.view.fit_columns()  # (to the rows now shown)
        if self.tab.current() is None and self.tab.proxy.rowCount():
            self.tab.view.selectRow(0)
        self.tab.update_buttons()
        self._name_button()

    def _name_button(self) -> None:
        record = self.tab.current()
        off = record is not None and not record.active
        self.button.setText(self.words.switch_on if off else self.words.switch_off)

    def toggle(self) -> None:
        record = self.tab.current()
        if record is None:
            return
        words = self.words
        if record.active and not self.tab.confirm(
            words.question_title, words.question(record), words.switch_off
        ):
            return
        set_active = self.set_active
        run_operation(
            self.tab,
            lambda: set_active(record, not record.active),
            lambda _saved: self._switched(record),
            refused=self.tab.show_error,
            busy=_("saving"),
        )

    def _switched(self, record: Any) -> None:
        if record.active and not self.show_inactive.isChecked():
            self.show_inactive.setChecked(True)  # keep the record in sight, greyed out
        self.tab.reload(record.id)
