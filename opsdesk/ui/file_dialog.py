"""The save dialog with every text ours (Polish), not only what Qt's own catalog covers.

Qt's ``qtbase_pl`` lacks the Qt 6 wording of some of its file dialog's labels ("&Look in:",
"Files of &type:"), so the dialog Qt draws itself (Linux, or where no native dialog exists)
showed them in English. A native dialog (Windows) speaks the system's language anyway.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QWidget

from opsdesk.i18n import _


def ask_save_path(
    parent: QWidget | None, title: str, suggested: str, filters: str
) -> tuple[str, str]:
    """Ask where to save: (the chosen path, the chosen filter), or ("", "") when cancelled."""
    dialog = QFileDialog(parent, title, suggested, filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    for label, text in (
        (QFileDialog.DialogLabel.LookIn, _("Look in:")),
        (QFileDialog.DialogLabel.FileName, _("File name:")),
        (QFileDialog.DialogLabel.FileType, _("Files of type:")),
        (QFileDialog.DialogLabel.Accept, _("Save")),
        (QFileDialog.DialogLabel.Reject, _("Cancel")),
    ):
        dialog.setLabelText(label, text)
    if suggested:
        dialog.selectFile(suggested)
    if not dialog.exec():
        return "", ""
    chosen = dialog.selectedFiles()
    return (chosen[0] if chosen else ""), dialog.selectedNameFilter()
