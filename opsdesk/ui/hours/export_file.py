"""Saving an hours list or summary as a spreadsheet: the person picks the file and its kind
(an Excel workbook or CSV) in one save dialog; the service builds and audits the export, and
``opsdesk.printing.table_export`` writes it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QWidget

from opsdesk.errors import ServiceError
from opsdesk.i18n import _
from opsdesk.services.hours.records import HoursExport
from opsdesk.ui.file_dialog import ask_save_path

log = logging.getLogger("opsdesk.hours")


def _ask_path(parent: QWidget, title: str, suggested: str, filters: str) -> tuple[str, str]:
    return ask_save_path(parent, title, suggested, filters)


ask_path = _ask_path  # tests put an answer here instead of the dialog


def export_to_file(
    parent: QWidget,
    title: str,
    stem: str,
    make: Callable[[str], HoursExport],
    show: Callable[[str], None],
) -> Path | None:
    """Ask where to save, build the export in the chosen format and write it; tell ``show``
    what happened. The path written, or None."""
    from opsdesk.printing.output import write_atomically
    from opsdesk.printing.table_export import build_export

    folder = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation
    ) or str(Path.home())
    xlsx, csv = _("Excel workbook (*.xlsx)"), _("CSV file, fields separated by ; (*.csv)")
    chosen, kind = ask_path(parent, title, str(Path(folder) / f"{stem}.xlsx"), f"{xlsx};;{csv}")
    if not chosen:
        return None
    path = Path(chosen)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in ("xlsx", "csv"):
        fmt = "csv" if kind == csv else "xlsx"
        path = path.with_name(f"{path.name}.{fmt}")
    try:
        data = build_export(make(fmt), fmt)
        write_atomically(path, data)
    except ServiceError as error:
        show(str(error))
        return None
    except OSError as error:
        log.warning("exporting to %s failed: %s", path, error)
        show(_("The file could not be saved:\n{error}").format(error=error.strerror or error))
        return None
    show(_("Saved to {path}").format(path=path))
    return path
