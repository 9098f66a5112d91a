"""Saving an hours list or summary as a spreadsheet: the person picks the file and its kind
(an Excel workbook or CSV) in one save dialog; the service builds and audits the export, and
``opsdesk.printing.table_export`` writes it, both off the GUI thread."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QWidget

from opsdesk.i18n import _
from opsdesk.services.hours.records import HoursExport
from opsdesk.ui.file_dialog import ask_save_path
from opsdesk.ui.operation import is_running, run_operation

log = logging.getLogger("opsdesk.hours")

EXPORT_LANE = "export"  # one export at a time per page


def _ask_path(parent: QWidget, title: str, suggested: str, filters: str) -> tuple[str, str]:
    return ask_save_path(parent, title, suggested, filters)


ask_path = _ask_path  # tests put an answer here instead of the dialog


def export_to_file(
    parent: QWidget,
    title: str,
    stem: str,
    make: Callable[[str], HoursExport],
    show: Callable[[str], None],
) -> None:
    """Ask where to save, then build the export in the chosen format and write it off the
    GUI thread (``ui.operation``: the service's read, the workbook and the file); tell
    ``show`` what happened. A press while an export runs asks nothing."""
    if is_running(parent, EXPORT_LANE):
        return
    folder = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation
    ) or str(Path.home())
    xlsx, csv = _("Excel workbook (*.xlsx)"), _("CSV file, fields separated by ; (*.csv)")
    chosen, kind = ask_path(parent, title, str(Path(folder) / f"{stem}.xlsx"), f"{xlsx};;{csv}")
    if not chosen:
        return
    path = Path(chosen)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in ("xlsx", "csv"):
        fmt = "csv" if kind == csv else "xlsx"
        path = path.with_name(f"{path.name}.{fmt}")

    def work() -> str:
        """On the pool: what to say when it is done (a disk's refusal included)."""
        from opsdesk.printing.output import write_atomically
        from opsdesk.printing.table_export import build_export

        data = build_export(make(fmt), fmt)
        try:
            write_atomically(path, data)
        except OSError as error:
            log.warning("exporting to %s failed: %s", path, error)
            return _("The file could not be saved:\n{error}").format(error=error.strerror or error)
        return _("Saved to {path}").format(path=path)

    run_operation(
        parent,
        work,
        show,
        refused=lambda error: show(str(error)),
        busy=_("exporting"),
        lane=EXPORT_LANE,
    )
