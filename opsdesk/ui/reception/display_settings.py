"""This PC's waiting-room display settings (F2 on the display): how long a call stays, how
many earlier calls show, the rooms on a break or away, the office's message line, the chime,
the spoken call and the monitor. Stored with the workstation's settings
(``LocalSettings.display_*``)."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
)

from opsdesk.i18n import _
from opsdesk.settings import LocalSettings

MAX_ROWS = 6
MAX_MESSAGE = 120


class DisplaySettingsDialog(QDialog):
    def __init__(self, settings: LocalSettings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(_("Waiting-room display settings"))
        self.minutes = QSpinBox()
        self.minutes.setObjectName("displayMinutes")
        self.minutes.setRange(1, 120)
        self.minutes.setSuffix(_(" min"))
        self.minutes.setValue(max(1, settings.display_seconds // 60))
        self.rows = QSpinBox()
        self.rows.setObjectName("displayRows")
        self.rows.setRange(0, MAX_ROWS)
        self.rows.setValue(max(0, min(MAX_ROWS, settings.display_rows)))
        self.closed = QCheckBox(_("Show rooms whose worker is on a break or away"))
        self.closed.setObjectName("displayShowClosed")
        self.closed.setChecked(settings.display_show_closed)
        self.message = QLineEdit(settings.display_message)
        self.message.setObjectName("displayMessage")
        self.message.setMaxLength(MAX_MESSAGE)
        self.message.setPlaceholderText(_("e.g. Office hours: Mon\u2013Fri 7:30\u201315:30"))
        self.chime = QCheckBox(_("A chime on each new call"))
        self.chime.setObjectName("displayChime")
        self.chime.setChecked(settings.display_chime)
        self.speech = QCheckBox(_("Speak each new call (Windows, with a Polish voice)"))
        self.speech.setObjectName("displaySpeech")
        self.speech.setChecked(settings.display_speech)
        self.monitor = QComboBox()  # not "screen": QWidget.screen() is a method
        self.monitor.setObjectName("displayScreen")
        for index, screen in enumerate(QGuiApplication.screens()):
            size = screen.geometry()
            self.monitor.addItem(
                _("Screen {n} ({w}\u00d7{h})").format(n=index + 1, w=size.width(), h=size.height()),
                index,
            )
        found = self.monitor.findData(settings.display_screen)
        self.monitor.setCurrentIndex(found if found >= 0 else self.monitor.count() - 1)
        form = QFormLayout()
        form.addRow(_("A call stays on the screen for:"), self.minutes)
        form.addRow(_("Earlier calls shown:"), self.rows)
        form.addRow("", self.closed)
        form.addRow(_("Office message line:"), self.message)
        form.addRow("", self.chime)
        form.addRow("", self.speech)
        form.addRow(_("Full screen on:"), self.monitor)
        note = QLabel(
            _(
                "Calls are spoken by Windows' own speech with an installed voice of the "
                "language (Polish; also the person's ticket language when another voice is "
                "installed). Without such a voice, or on another system, nothing is said."
            )
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def _accept(self) -> None:
        self.settings.display_seconds = self.minutes.value() * 60
        self.settings.display_rows = self.rows.value()
        self.settings.display_show_closed = self.closed.isChecked()
        self.settings.display_message = self.message.text().strip()
        self.settings.display_chime = self.chime.isChecked()
        self.settings.display_speech = self.speech.isChecked()
        self.settings.display_screen = self.monitor.currentData()
        self.accept()
