"""What the administration's list tabs share: a read-only table of records (sortable,
filterable), Enter or a double click opening the chosen record, and a row of buttons. The
records are read off the GUI thread (``ui.operation``)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from opsdesk.errors import ServiceError
from opsdesk.i18n import _
from opsdesk.ui.forms import show_service_error
from opsdesk.ui.operation import run_operation
from opsdesk.ui.table_models import Column, RecordFilterProxy, RecordTableModel

if TYPE_CHECKING:
    from opsdesk.services.registry import Services

log = logging.getLogger("opsdesk.ui.admin")


class RecordView(QTableView):
    """A table of records behind a RecordFilterProxy; ``open_requested(record)`` on Enter or
    a double click. Read-only: no key edits or deletes anything."""

    open_requested = Signal(object)

    def __init__(self, proxy: RecordFilterProxy, name: str, parent=None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setModel(proxy)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab leaves the table; Ctrl+Tab changes the tab
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the service's order first
        self.setSortingEnabled(True)
        self.activated.connect(lambda index: self._open(index))

    def proxy(self) -> RecordFilterProxy:
        model = self.model()
        assert isinstance(model, RecordFilterProxy), "a RecordView shows a RecordFilterProxy"
        return model

    def current_record(self) -> Any:
        return self.proxy().record_at(self.currentIndex())

    def select_key(self, key: Any) -> None:
        row = self.proxy().row_of(key)
        if row >= 0:
            self.selectRow(row)
            self.scrollTo(self.proxy().index(row, 0))

    def fit_columns(self) -> None:
        self.resizeColumnsToContents()
        header = self.horizontalHeader()
        for column in range(header.count() - 1):
            header.resizeSection(column, min(header.sectionSize(column) + 16, 300))

    def _open(self, index) -> None:
        record = self.proxy().record_at(index)
        if record is not None:
            self.open_requested.emit(record)


class RecordsTab(QWidget):
    """A tab listing records: ``load()`` gives them, ``open_record(record)`` edits one.
    Buttons added with ``needs_record=True`` are enabled only while a row is chosen."""

    def __init__(
        self,
        services: Services,
        columns: Sequence[Column],
        name: str,
        title: str,
        intro: str,
        parent=None,
        *,
        muted: Callable[[Any], bool] | None = None,
    ):
        super().__init__(parent)
        self.services = services
        self.setObjectName(name)
        self.model = RecordTableModel(columns, self, muted=muted)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = RecordView(self.proxy, f"{name}Table", self)
        self.view.setAccessibleName(title)
        self.view.setAccessibleDescription(intro)
        self.view.open_requested.connect(self.open_record)
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self.update_buttons())
        self.proxy.modelReset.connect(self.update_buttons)
        self.proxy.layoutChanged.connect(self.update_buttons)
        self._record_buttons: list[QPushButton] = []
        self.dialog: QDialog | None = None  # the last dialog opened from this tab
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.button_row = QHBoxLayout()
        self.button_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.view, 1)
        layout.addLayout(self.button_row)

    # --- to be provided ------------------------------------------------------------

    def load(self) -> list:
        """The records (runs off the GUI thread: services only, no widget)."""
        raise NotImplementedError

    def open_record(self, record) -> None:
        raise NotImplementedError

    # --- shared ----------------------------------------------------------------------

    def add_button(
        self, text: str, slot: Callable[[], None], name: str, needs_record: bool = True
    ) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        self.button_row.insertWidget(self.button_row.count() - 1, button)
        if needs_record:
            self._record_buttons.append(button)
            button.setEnabled(False)
        return button

    def update_buttons(self) -> None:
        chosen = self.current() is not None
        for button in self._record_buttons:
            button.setEnabled(chosen)

    def current(self) -> Any:
        return self.view.current_record()

    def reload(self, select_key: Any = None) -> None:
        """Read the records again off the GUI thread (``load`` must touch no widget; the
        newest reload's answer wins), keeping (or moving to) the chosen row."""
        if select_key is None and (chosen := self.current()) is not None:
            select_key = chosen.id
        run_operation(
            self.view,
            self.load,
            lambda records: self._show_records(records, select_key),
            refused=self.show_error,
            busy=_("loading the list"),
            when_running="replace",
        )

    def _show_records(self, records: list, select_key: Any) -> None:
        self.model.set_records(records)
        self.view.fit_columns()
        if select_key is not None:
            self.view.select_key(select_key)
        if self.current() is None and self.proxy.rowCount() > 0:
            self.view.selectRow(0)
        self.update_buttons()

    def open_current(self) -> None:
        record = self.current()
        if record is not None:
            self.open_record(record)

    def open_after_reading(self, read: Callable[[], Any], make: Callable[[Any], Any]) -> None:
        """Read what a dialog needs off the GUI thread (``read``), then open the dialog
        ``make(answer)`` builds; a second press meanwhile opens nothing."""
        run_operation(
            self,
            read,
            lambda answer: self.show_dialog(make(answer)),
            refused=self.show_error,
            busy=_("loading"),
            lane="dialog",
        )

    def show_dialog(self, dialog, on_saved: Callable[[Any], None] | None = None) -> None:
        """Open ``dialog`` (a FormDialog, window-modal, not blocking); when it is accepted,
        reload and choose the record the service returned. The dialog stays reachable as
        ``self.dialog`` (tests, focus) until the next one replaces it."""
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog

        def accepted() -> None:
            saved = dialog.result_value
            self.reload(saved.id if saved is not None else None)
            if on_saved is not None:
                on_saved(saved)
            self.view.setFocus()

        dialog.accepted.connect(accepted)
        dialog.open()

    def show_error(self, error: ServiceError | str) -> None:
        log.info("refused: %s", error)
        show_service_error(self, error)

    def confirm(self, title: str, text: str, action_text: str) -> bool:
        """Ask before a change; Esc or "Cancel" (the default) answers no."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self)
        yes = box.addButton(action_text, QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        return box.clickedButton() is yes
