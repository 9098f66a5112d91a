"""The administrator's "Backups" tab: the list of backups, a backup now, restore with progress,
and how many backups are kept. The list and the keep policy are read, and the policy saved,
off the GUI thread (``ui.operation``); a backup and a restore run with their progress.

``build_backup_tab(services, parent)`` is what the administration section embeds.
"""

from __future__ import annotations

import logging
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.formatting import format_datetime
from opsdesk.errors import ServiceError, ValidationError
from opsdesk.i18n import N_, _
from opsdesk.services.safety.backups import (
    BackupRecord,
    postgresql_note,
    server_backup_note,
    size_text,
)
from opsdesk.ui.file_dialog import ask_open_path
from opsdesk.ui.forms import ERROR_STYLE, FieldErrors
from opsdesk.ui.operation import run_first_read, run_operation
from opsdesk.ui.safety.progress import run_with_progress
from opsdesk.ui.safety.restore_flow import restore_message
from opsdesk.ui.table_models import Column, RecordTableModel

if TYPE_CHECKING:
    from opsdesk.services.registry import Services
    from opsdesk.services.safety.backups import RotationPolicy

log = logging.getLogger("opsdesk.ui")

COLUMNS: tuple[Column[BackupRecord], ...] = (
    Column(N_("Made on"), lambda record: format_datetime(record.taken_at)),
    Column(N_("File"), attrgetter("name")),
    Column(N_("Size"), lambda record: size_text(record.size)),
)


class BackupTab(QWidget):
    def __init__(self, services: Services, parent=None):
        super().__init__(parent)
        self.services = services
        self.setObjectName("backupTab")
        layout = QVBoxLayout(self)
        if not services.backups.available():
            note = QLabel(postgresql_note())
            note.setObjectName("postgresqlNote")
            note.setWordWrap(True)
            layout.addWidget(note)
            layout.addStretch(1)
            return
        if services.backups.on_server():
            intro_text = server_backup_note().format(folder=services.backups.folder)
        else:
            intro_text = _(
                "opsdesk makes a backup at the first start of each day and when it is closed, "
                "into the folder {folder}. Copy that folder regularly to another disk or a "
                "pendrive kept outside the office."
            ).format(folder=services.backups.folder)
        intro = QLabel(intro_text)
        intro.setObjectName("backupIntro")
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(intro)

        self.model = RecordTableModel(COLUMNS, self, key=attrgetter("path"))  # a row a file
        self.table = QTableView()
        self.table.setObjectName("backupList")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName(_("Backups"))
        layout.addWidget(self.table, 1)

        buttons = QHBoxLayout()
        self.backup_button = QPushButton(_("Make a &backup now"))
        self.restore_button = QPushButton(_("&Restore the selected backup\u2026"))
        self.restore_file_button = QPushButton(_("Restore from a &file\u2026"))
        for button in (self.backup_button, self.restore_button, self.restore_file_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.backup_button.clicked.connect(self.make_backup)
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_file_button.clicked.connect(self.restore_from_file)

        self.status = QLabel()
        self.status.setObjectName("backupStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)

        layout.addWidget(self._policy_box())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.refresh()

    def _policy_box(self) -> QGroupBox:
        box = QGroupBox(_("How many backups to keep"))
        form = QFormLayout(box)
        self.daily = QSpinBox()
        self.daily.setObjectName("keepDaily")
        self.daily.setRange(1, 1000)
        self.monthly = QSpinBox()
        self.monthly.setObjectName("keepMonthly")
        self.monthly.setRange(0, 1000)
        form.addRow(_("&Daily backups (the newest of each day):"), self.daily)
        form.addRow(_("&Monthly backups (the newest of each month):"), self.monthly)
        self.policy_errors = FieldErrors(box)
        self.policy_errors.attach("daily", self.daily, form)
        self.policy_errors.attach("monthly", self.monthly, form)
        self.save_policy_button = QPushButton(_("&Save"))
        self.save_policy_button.clicked.connect(self.save_policy)
        self._policy_enabled(False)  # until the policy was read
        backups = self.services.backups
        self._policy_refusal = ""  # said while the policy could not be read
        run_first_read(  # refused, asked again shortly: the fields never stay disabled
            self,
            backups.policy,
            self._show_policy,
            refused=self._policy_unread,
            busy=_("loading"),
            lane="policy",
        )
        row = QHBoxLayout()
        row.addWidget(self.save_policy_button)
        row.addStretch(1)
        form.addRow("", row)
        for spin in (self.daily, self.monthly):
            spin.setMaximumWidth(120)
        return box

    # --- actions -------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the list of backups off the GUI thread (a refresh asked for meanwhile runs
        once after it)."""
        run_operation(
            self,
            self.services.backups.list,
            self._show_list,
            refused=lambda error: self._say(str(error), error=True),
            busy=_("loading the list"),
            lane="refresh",
            when_running="follow",
        )

    def _show_list(self, rows: list[BackupRecord]) -> None:
        self.model.set_records(rows)
        self._update_buttons()

    def _policy_enabled(self, enabled: bool) -> None:
        for widget in (self.daily, self.monthly, self.save_policy_button):
            widget.setEnabled(enabled)

    def _policy_unread(self, error: ServiceError) -> None:
        self._policy_refusal = str(error)
        self._say(self._policy_refusal, error=True)

    def _show_policy(self, policy: RotationPolicy) -> None:
        if self._policy_refusal and self.status.text() == self._policy_refusal:
            self._say("")
        self.daily.setValue(policy.daily)
        self.monthly.setValue(policy.monthly)
        self._policy_enabled(True)

    def _update_buttons(self, *_args) -> None:
        self.restore_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(ERROR_STYLE if error else "")

    def save_policy(self) -> None:
        """Save off the GUI thread; the fields wait (disabled) for the answer."""
        self.policy_errors.clear()
        backups, daily, monthly = self.services.backups, self.daily.value(), self.monthly.value()
        if run_operation(
            self,
            lambda: backups.set_policy(daily, monthly),
            self._policy_saved,
            refused=self._policy_refused,
            busy=_("saving"),
            lane="policy",
        ):
            self._policy_enabled(False)

    def _policy_saved(self, policy: RotationPolicy) -> None:
        self._show_policy(policy)
        self._say(
            _("Saved: {daily} daily and {monthly} monthly backups are kept.").format(
                daily=policy.daily, monthly=policy.monthly
            )
        )

    def _policy_refused(self, error: ServiceError) -> None:
        self._policy_enabled(True)
        if isinstance(error, ValidationError):
            self.policy_errors.show(error.errors)
        else:
            self._say(str(error), error=True)

    def make_backup(self) -> None:
        self._say("")
        run_with_progress(
            self,
            _("Backup"),
            _("Copying the database\u2026"),
            lambda report: self.services.backups.create(report),
            self._backup_made,
            self._failed,
        )

    def _backup_made(self, record: BackupRecord) -> None:
        self.refresh()
        self._say(
            _("Backup made: {name} ({size}).").format(name=record.name, size=size_text(record.size))
        )

    def _failed(self, error: Exception) -> None:
        if isinstance(error, ServiceError):
            self._say(str(error), error=True)
        else:
            log.error("backup action failed: %r", error)
            self._say(_("It did not work: {error}").format(error=error), error=True)

    def restore_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        record = self.model.record(rows[0].row()) if rows else None
        if record is not None:
            self.restore(record.path, format_datetime(record.taken_at))

    def restore_from_file(self) -> None:
        path, _filter = ask_open_path(
            self,
            _("Choose a backup"),
            str(self.services.backups.folder),
            _("opsdesk databases (*.sqlite3 *.sqlite *.db);;All files (*)"),
        )
        if path:
            self.restore(Path(path), Path(path).name)

    def restore(self, path: Path, label: str) -> None:
        answer = QMessageBox.question(
            self,
            _("Restore a backup"),
            _(
                "Replace the database by the backup {label}?\n\n"
                "Everything entered after that backup was made will be missing (the current "
                "database is kept aside in the data folder). Every other opsdesk using the "
                "database must be closed first. After the restore everyone logs in again."
            ).format(label=label),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._say("")
        request = getattr(self.window(), "restore_requested", None)
        if request is not None:  # in the main window: log out first, restore, log in again
            request.emit(Path(path))
            return
        run_with_progress(
            self,
            _("Restore"),
            _("Checking and restoring the backup\u2026"),
            lambda report: self.services.backups.restore(path, report),
            self._restored,
            self._failed,
        )

    def _restored(self, record) -> None:
        self.refresh()
        self._say(restore_message(record))


def build_backup_tab(services: Services, parent=None) -> QWidget:
    return BackupTab(services, parent)
