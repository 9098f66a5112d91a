"""The "Raporty" section: the documents this person may print on the left, the chosen one's
parameters on the right, and "Podgląd i druk…" building it off the GUI thread into the
preview (print, save as PDF). What the panels offer (the contracts, the teams and workers of
the deadline report) is read off the GUI thread too (``read_choices``): the list fills when
it answered.

ReportLab is not imported here: ``opsdesk.printing.documents`` loads it when the first
document is built.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.hours import ContractKind
from opsdesk.domain.roles import Action
from opsdesk.i18n import _
from opsdesk.services.hours.records import ContractRecord
from opsdesk.services.reports.records import DeadlineScope
from opsdesk.ui.operation import run_first_read
from opsdesk.ui.printing.document_flow import DocumentJob, preview_document
from opsdesk.ui.reports.gdpr_panel import GdprPanel
from opsdesk.ui.reports.panels import (
    DeadlinePanel,
    HourSheetPanel,
    ReportPanel,
    SummaryPanel,
    SupervisionPanel,
)

if TYPE_CHECKING:
    from opsdesk.services.registry import Services

log = logging.getLogger("opsdesk.ui.reports")


@dataclass(frozen=True)
class ReportChoices:
    """What the panels offer, read once for the section."""

    contracts: list[ContractRecord]
    scopes: list[DeadlineScope]


def read_choices(services: Services) -> ReportChoices:
    """The contracts and deadline scopes the actor may print (runs off the GUI thread)."""
    actor = services.actor
    assert actor is not None, "the reports are shown to a logged-in person only"
    contracts = services.contracts.list() if actor.can(Action.HOURS_PRINT) else []
    scopes = services.reports.deadline_scopes() if actor.can(Action.DEADLINE_REPORT) else []
    return ReportChoices(contracts, scopes)


def available_panels(
    services: Services, choices: ReportChoices, parent: QWidget
) -> list[tuple[str, str, ReportPanel]]:
    """(key, list label, panel) of every document the actor may print."""
    actor = services.actor
    assert actor is not None, "the reports are shown to a logged-in person only"
    panels: list[tuple[str, str, ReportPanel]] = []
    if actor.can(Action.INDICATORS_VIEW):
        from opsdesk.ui.reports.overview import OverviewPanel

        panels.append(("overview", _("Overview (indicators)"), OverviewPanel(services, parent)))
    if actor.can(Action.HOURS_PRINT):
        contracts = choices.contracts
        panels.append(
            ("hours", _("Record of hours (month)"), HourSheetPanel(services, contracts, parent))
        )
        if any(c.kind is ContractKind.SUPERVISION for c in contracts):
            panels.append(
                (
                    "supervision",
                    _("Supervision attendance list"),
                    SupervisionPanel(services, contracts, parent),
                )
            )
        panels.append(
            (
                "summary",
                _("Summary of hours (quarter, project)"),
                SummaryPanel(services, contracts, parent),
            )
        )
    if actor.can(Action.DEADLINE_REPORT):
        panels.append(
            (
                "deadlines",
                _("Deadline report"),
                DeadlinePanel(services, choices.scopes, parent),
            )
        )
    if actor.can(Action.GDPR_REPORT):
        panels.append(("gdpr", _("Personal data report (GDPR)"), GdprPanel(services, parent)))
    return panels


class ReportsSection(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setObjectName("reports_section")
        self.job: DocumentJob | None = None
        heading = QLabel(f"<h2>{_('Reports')}</h2>", self)
        self.documents = QListWidget(self)
        self.documents.setObjectName("documents")
        self.documents.setAccessibleName(_("Documents"))
        self.documents.setMaximumWidth(300)
        self.documents.setStyleSheet("QListWidget#documents::item { padding: 6px 8px; }")
        self.panels = QStackedWidget(self)
        self._keys: list[str] = []
        self.preview_button = QPushButton(_("&Preview and print…"), self)
        self.preview_button.setObjectName("preview")
        self.preview_button.setDefault(True)
        self.preview_button.setEnabled(False)
        self.preview_button.clicked.connect(self.preview)
        self.documents.currentRowChanged.connect(self.panels.setCurrentIndex)
        self.note = QLabel(_("Loading…"), self)  # until the choices came; then why none
        self.note.setObjectName("note")
        self.note.setWordWrap(True)

        right = QVBoxLayout()
        right.addWidget(self.panels, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.preview_button)
        right.addLayout(buttons)
        body = QHBoxLayout()
        body.addWidget(self.documents)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.note)
        layout.addLayout(body, 1)
        run_first_read(
            self,
            lambda: read_choices(services),
            self._fill,
            refused=lambda error: self.note.setText(str(error)),
            busy=_("loading the reports"),
        )

    def _fill(self, choices: ReportChoices) -> None:
        for key, label, panel in available_panels(self.services, choices, self.panels):
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.documents.addItem(item)
            self.panels.addWidget(panel)
            panel.setObjectName(f"panel_{key}")
            self._keys.append(key)
        self.preview_button.setEnabled(bool(self._keys))
        self.note.setText(_("There are no documents you may print."))
        self.note.setVisible(not self._keys)
        if self._keys:
            self.documents.setCurrentRow(0)

    def keys(self) -> list[str]:
        return list(self._keys)

    def choose(self, key: str) -> ReportPanel:
        """Select the document ``key`` (as a click in the list would) and return its panel."""
        self.documents.setCurrentRow(self._keys.index(key))
        panel = self.panels.currentWidget()
        assert isinstance(panel, ReportPanel), "every page of the stack is a ReportPanel"
        return panel

    def preview(self) -> DocumentJob | None:
        """Build the chosen document off the GUI thread, then open the preview."""
        panel = self.panels.currentWidget()
        if not isinstance(panel, ReportPanel):  # none chosen (every page is a ReportPanel)
            return None
        request = panel.request()
        if request is None:
            return None
        log.info("building %s", request.file_name)
        self.job = preview_document(
            self, request.build, title=request.title, file_name=request.file_name
        )
        return self.job


def build_reports_section(services: Services, parent: QWidget | None = None) -> QWidget:
    return ReportsSection(services, parent)
