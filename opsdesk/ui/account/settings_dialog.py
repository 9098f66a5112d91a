"""This workstation's settings: language and the idle lock."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
)

from opsdesk.i18n import LANGUAGES, _
from opsdesk.settings import LocalSettings


class SettingsDialog(QDialog):
    def __init__(self, settings: LocalSettings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(_("Settings"))
        self.language = QComboBox()
        self.language.setObjectName("language")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(list(LANGUAGES).index(settings.language))
        self.lock_minutes = QSpinBox()
        self.lock_minutes.setObjectName("lockMinutes")
        self.lock_minutes.setRange(1, 120)
        self.lock_minutes.setSuffix(_(" min"))
        self.lock_minutes.setValue(settings.lock_minutes)
        form = QFormLayout()
        form.addRow(_("&Language:"), self.language)
        form.addRow(_("&Lock the window after:"), self.lock_minutes)
        note = QLabel(_("A new language is used from the next start of opsdesk."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def _accept(self) -> None:
        self.settings.language = self.language.currentData()
        self.settings.lock_minutes = self.lock_minutes.value()
        self.accept()
