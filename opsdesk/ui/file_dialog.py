"""The save and open dialogs with every text ours (Polish), not only what Qt's own catalog
covers.

Qt's ``qtbase_pl`` lacks the Qt 6 wording of some of its file dialog's labels ("&Look in:",
"Files of &type:"), so the dialog Qt draws itself (Linux, or where no native dialog exists)
showed them in English. A native dialog (Windows) speaks the system's language anyway.
``ask_save_path`` and ``ask_open_path`` differ only in the mode and the accept button; the
dialog is set up by ``file_dialog`` for both.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from opsdesk.i18n import _


def file_dialog(
    parent: QWidget | None, title: str, suggested: str, filters: str, *, save: bool
) -> QFileDialog:
    """A file dialog with our labels: saving (any file name) or opening (an existing file).
    ``suggested`` is a file to preselect, or a folder to start in."""
    dialog = QFileDialog(parent, title, suggested, filters)
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    else:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    for label, text in (
        (QFileDialog.DialogLabel.LookIn, _("Look in:")),
        (QFileDialog.DialogLabel.FileName, _("File name:")),
        (QFileDialog.DialogLabel.FileType, _("Files of type:")),
        (QFileDialog.DialogLabel.Accept, _("Save") if save else _("&Open")),
        (QFileDialog.DialogLabel.Reject, _("Cancel")),
    ):
        dialog.setLabelText(label, text)
    if suggested and save:
        dialog.selectFile(suggested)
    return dialog


def _answer(dialog: QFileDialog) -> tuple[str, str]:
    if not dialog.exec():
        return "", ""
    chosen = dialog.selectedFiles()
    return (chosen[0] if chosen else ""), dialog.selectedNameFilter()


def ask_save_path(
    parent: QWidget | None, title: str, suggested: str, filters: str
) -> tuple[str, str]:
    """Ask where to save: (the chosen path, the chosen filter), or ("", "") when cancelled."""
    return _answer(file_dialog(parent, title, suggested, filters, save=True))


def existing_folder(folder: str) -> str:
    """``folder``, or the nearest folder above it that exists ("" if none does).

    Given a folder that does not exist (the backups folder before the first backup), Qt's
    dialog takes its last part for a file name: it starts in the working folder with
    "backups" typed in the file-name field."""
    if not folder:
        return ""
    path = Path(folder).absolute()
    while not path.is_dir():
        if path.parent == path:
            return ""
        path = path.parent
    return str(path)


def ask_open_path(parent: QWidget | None, title: str, folder: str, filters: str) -> tuple[str, str]:
    """Ask which existing file to open, starting in ``folder`` (or the nearest folder above it
    that exists): (the chosen path, the chosen filter), or ("", "") when cancelled."""
    return _answer(file_dialog(parent, title, existing_folder(folder), filters, save=False))
