"""A long job (copying a database) run off the GUI thread behind a modal progress dialog."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from opsdesk.ui.background import run_in_background


def progress_dialog(parent: QWidget | None, title: str, label: str) -> QProgressDialog:
    """A shown, modal progress dialog that cannot be cancelled (a busy bar until told the
    total)."""
    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setObjectName("safetyProgress")
    dialog.setWindowTitle(title)
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumWidth(420)
    dialog.show()
    return dialog


def run_with_progress(
    parent: QWidget | None,
    title: str,
    label: str,
    job: Callable[[Callable[[int, int], None]], Any],
    on_success: Callable[[Any], None],
    on_error: Callable[[Exception], None],
) -> QProgressDialog:
    """Run ``job(report)`` in the background; the dialog shows ``report(done, total)``.

    The dialog cannot be cancelled (a half-made copy helps nobody); it closes itself, then
    ``on_success(result)`` or ``on_error(exception)`` runs on the GUI thread.
    """
    dialog = progress_dialog(parent, title, label)

    def progress(done: int, total: int) -> None:
        if total > 0:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))

    def finish(callback, value) -> None:
        dialog.close()
        dialog.deleteLater()
        callback(value)

    run_in_background(
        job,
        lambda result: finish(on_success, result),
        lambda error: finish(on_error, error),
        progress,
    )
    return dialog
