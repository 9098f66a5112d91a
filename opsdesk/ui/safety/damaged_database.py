"""A database that fails its check at start: say so plainly, never write to it, and offer to
restore the newest good backup; then the start continues with the login window."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from opsdesk.domain.formatting import format_datetime
from opsdesk.errors import DamagedDatabase
from opsdesk.i18n import _
from opsdesk.ui.background import run_in_background
from opsdesk.ui.safety.progress import run_with_progress

log = logging.getLogger("opsdesk.ui")


def ask_restore(parent: QWidget | None, text: str, details: str = "") -> bool:
    box = QMessageBox(QMessageBox.Icon.Warning, _("The database is damaged"), text, parent=parent)
    box.setObjectName("damagedDatabase")
    box.setDetailedText(details)
    restore = box.addButton(_("&Restore the backup"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("&Close opsdesk"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.exec()
    return box.clickedButton() is restore


def tell(parent: QWidget | None, text: str, error: bool, details: str = "") -> None:
    icon = QMessageBox.Icon.Critical if error else QMessageBox.Icon.Information
    box = QMessageBox(icon, _("opsdesk"), text, parent=parent)
    box.setDetailedText(details)
    box.exec()


def _damage_text() -> str:
    return _("The database file is damaged. opsdesk has not changed it and will not use it.")


def _details(error: DamagedDatabase) -> str:
    return "\n".join([str(error.path), *error.problems])


def offer_restore(
    parent: QWidget | None,
    error: DamagedDatabase,
    retry: Callable[[], None],
    give_up: Callable[[], None],
) -> None:
    """Find the newest good backup (in the background), offer it, restore it with progress,
    then ``retry()`` opening the database; ``give_up()`` when there is nothing to do."""
    from opsdesk.services.safety.backups import newest_good_backup, restore_at_start

    database = Path(error.path)

    def found(backup) -> None:
        if backup is None:
            tell(
                parent,
                _damage_text()
                + "\n\n"
                + _(
                    "There is no good backup in {folder}. Ask your IT support for help; do not "
                    "delete the damaged file."
                ).format(folder=database.parent / "backups"),
                error=True,
                details=_details(error),
            )
            give_up()
            return
        question = (
            _damage_text()
            + "\n\n"
            + _(
                "The newest good backup was made on {date} ({name}). Restore it? What was entered "
                "after that is missing; the damaged file is kept next to the database."
            ).format(date=format_datetime(backup.taken_at), name=backup.name)
        )
        if not ask_restore(parent, question, _details(error)):
            give_up()
            return
        run_with_progress(
            parent,
            _("Restore"),
            _("Restoring the backup\u2026"),
            lambda report: restore_at_start(database, backup.path, report),
            restored,
            failed,
        )

    def restored(record) -> None:
        text = _("The database was restored from {name}.").format(name=record.source_name)
        if record.replaced is not None:
            text += " " + _("The damaged database was kept as {path}.").format(
                path=record.replaced.name
            )
        tell(parent, text, error=False)
        retry()

    def failed(problem: Exception) -> None:
        log.error("restore at start failed: %s", problem)
        tell(
            parent, _("The backup could not be restored: {error}").format(error=problem), error=True
        )
        give_up()

    run_in_background(lambda: newest_good_backup(database), found, failed)
