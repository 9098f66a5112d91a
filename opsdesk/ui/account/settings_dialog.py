"""This workstation's settings: language, the idle lock, how the desk prints tickets."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
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
        self.print_direct = QCheckBox(_("Print &tickets at once on the default printer"))
        self.print_direct.setObjectName("ticketPrintDirect")
        self.print_direct.setChecked(settings.ticket_print_direct)
        form.addRow("", self.print_direct)
        self.survey = QCheckBox(_("Ask for a &rating (1\u20135) after each visit"))
        self.survey.setObjectName("surveyAfterVisit")
        self.survey.setChecked(settings.survey_after_visit)
        form.addRow("", self.survey)
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
        self.settings.ticket_print_direct = self.print_direct.isChecked()
        self.settings.survey_after_visit = self.survey.isChecked()
        self.accept()
