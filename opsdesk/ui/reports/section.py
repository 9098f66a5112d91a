"""The "Raporty" section: the documents this person may print on the left, the chosen one's
parameters on the right, and "Podgląd i druk…" building it off the GUI thread into the
preview (print, save as PDF).

ReportLab is not imported here: ``opsdesk.printing.documents`` loads it when the first
document is built.
"""

from __future__ import annotations

import logging
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


def available_panels(services: Services, parent: QWidget) -> list[tuple[str, str, ReportPanel]]:
    """(key, list label, panel) of every document the actor may print."""
    actor = services.actor
    assert actor is not None, "the reports are shown to a logged-in person only"
    panels: list[tuple[str, str, ReportPanel]] = []
    if actor.can(Action.INDICATORS_VIEW):
        from opsdesk.ui.reports.overview import OverviewPanel

        panels.append(("overview", _("Overview (indicators)"), OverviewPanel(services, parent)))
    if actor.can(Action.HOURS_PRINT):
        contracts = services.contracts.list()
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
                DeadlinePanel(services, services.reports.deadline_scopes(), parent),
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
        for key, label, panel in available_panels(services, self.panels):
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.documents.addItem(item)
            self.panels.addWidget(panel)
            panel.setObjectName(f"panel_{key}")
            self._keys.append(key)
        self.preview_button = QPushButton(_("&Preview and print…"), self)
        self.preview_button.setObjectName("preview")
        self.preview_button.setDefault(True)
        self.preview_button.setEnabled(bool(self._keys))
        self.preview_button.clicked.connect(self.preview)
        self.documents.currentRowChanged.connect(self.panels.setCurrentIndex)

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
        if not self._keys:
            layout.addWidget(QLabel(_("There are no documents you may print."), self))
        layout.addLayout(body, 1)
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
