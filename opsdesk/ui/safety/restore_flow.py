"""Restoring a backup from the GUI: the main window is closed first (so that none of its screens
keeps the database open), the restore runs with progress over the login window, and then the
database is opened again and everyone logs in to the restored data."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from opsdesk.errors import ServiceError
from opsdesk.i18n import _
from opsdesk.ui.safety.progress import run_with_progress

if TYPE_CHECKING:
    from opsdesk.services.registry import Services

log = logging.getLogger("opsdesk.ui")

START_DELAY_MS = 200  # the closed window's screens are deleted by then


def restore_message(record) -> str:
    text = _("The database was restored from {name}.").format(name=record.source_name)
    if record.replaced is not None:
        text += " " + _("The previous database was kept as {path}.").format(
            path=record.replaced.name
        )
    return text


def restore_at_login(
    parent: QWidget, services: Services, path: Path, done: Callable[[], None]
) -> None:
    """Restore ``path`` with ``services`` (the administrator's), tell how it went, then
    ``done()`` (open the database again) whatever the outcome."""

    def start() -> None:
        run_with_progress(
            parent,
            _("Restore"),
            _("Checking and restoring the backup\u2026"),
            lambda report: services.backups.restore(path, report),
            succeeded,
            failed,
        )

    def succeeded(record) -> None:
        QMessageBox.information(
            parent, _("Restore"), restore_message(record) + "\n\n" + _("Log in again.")
        )
        done()

    def failed(error: Exception) -> None:
        if not isinstance(error, ServiceError):
            log.error("restore failed: %r", error)
        QMessageBox.warning(
            parent, _("Restore"), _("The backup could not be restored: {error}").format(error=error)
        )
        done()

    QTimer.singleShot(START_DELAY_MS, start)
