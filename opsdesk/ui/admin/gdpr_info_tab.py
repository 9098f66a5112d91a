"""The "GDPR information" tab (the administrator): the texts the GDPR access report prints
besides the person's data (art. 15(1)(a)–(h), 15(2), 15(3)). Each starts as opsdesk's Polish
default; an emptied field goes back to it."""

from __future__ import annotations

from dataclasses import fields
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from opsdesk.i18n import _
from opsdesk.services.reports.records import GDPR_SECTIONS, GdprInformation
from opsdesk.ui.forms import FieldErrors
from opsdesk.ui.operation import run_operation

if TYPE_CHECKING:
    from opsdesk.services.registry import Services


class GdprInformationTab(QWidget):
    def __init__(self, services: Services, parent=None):
        super().__init__(parent)
        self.services = services
        self.setObjectName("gdprInformationTab")
        intro = QLabel(
            _(
                "What the GDPR access report (art. 15) tells the person besides their data. "
                "Empty a field to go back to opsdesk's text."
            )
        )
        intro.setWordWrap(True)
        self.edits: dict[str, QPlainTextEdit] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.errors = FieldErrors(self)
        for name, label in GDPR_SECTIONS:
            edit = QPlainTextEdit()
            edit.setObjectName(f"gdpr_{name}")
            edit.setTabChangesFocus(True)
            edit.setAccessibleName(_(label))
            edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 4 + 12)
            form.addRow(_(label) + ":", edit)
            self.errors.attach(name, edit, form)
            self.edits[name] = edit
        inner = QWidget()
        inner.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        self.save_button = QPushButton(_("&Save"))
        self.save_button.setObjectName("saveGdprInformation")
        self.save_button.clicked.connect(self.save)
        self.status = QLabel()
        self.status.setObjectName("gdprStatus")
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.errors.general_label)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self.saved: GdprInformation | None = None  # what the last save kept
        self.reload()

    def reload(self) -> None:
        """Read the texts off the GUI thread and show them."""
        run_operation(
            self,
            self.services.gdpr_information.information,
            self.show_information,
            busy=_("loading"),
            when_running="replace",
        )

    def show_information(self, information: GdprInformation) -> None:
        for name, edit in self.edits.items():
            edit.setPlainText(getattr(information, name))
        self.errors.clear()

    def typed(self) -> GdprInformation:
        return GdprInformation(
            **{f.name: self.edits[f.name].toPlainText() for f in fields(GdprInformation)}
        )

    def save(self) -> bool:
        """Save the texts off the GUI thread; True when it was asked (``saved`` holds what
        the service kept)."""
        typed, gdpr = self.typed(), self.services.gdpr_information
        return run_operation(
            self.save_button,
            lambda: gdpr.save(typed),
            self._saved,
            refused=lambda error: self.errors.report(error, _("GDPR information")),
            busy=_("saving"),
        )

    def _saved(self, saved: GdprInformation) -> None:
        self.saved = saved
        self.show_information(saved)
        self.status.setText(_("Saved."))


def build_gdpr_information_tab(services: Services, parent=None) -> GdprInformationTab:
    return GdprInformationTab(services, parent)
