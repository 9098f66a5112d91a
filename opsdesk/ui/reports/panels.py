"""The parameters of each document in the "Raporty" section, one panel per document.

A panel turns what is chosen into a :class:`DocumentRequest` (title, suggested file name and
the build function run off the GUI thread), or shows what is missing next to its field and
returns None. The services check permissions again when the document is built.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.hours import ContractKind, Month, quarter_of
from opsdesk.domain.text import fold
from opsdesk.i18n import N_, _
from opsdesk.printing import documents
from opsdesk.services.hours.records import ContractRecord
from opsdesk.services.reports.documents import DEFAULT_HORIZON_DAYS
from opsdesk.services.reports.records import DeadlineScope
from opsdesk.ui.date_edit import DateEdit
from opsdesk.ui.forms import FieldErrors
from opsdesk.ui.reports.pickers import ContractPicker, MonthPicker, QuarterPicker, previous_month

if TYPE_CHECKING:
    from opsdesk.services.registry import Services

Build = Callable[[Callable[[float], None]], bytes]


@dataclass(frozen=True)
class DocumentRequest:
    title: str
    file_name: str
    build: Build


def file_name(*parts: str) -> str:
    """``ewidencja-godzin-3-ps-2026-2026-03.pdf``: folded, only letters, digits and dashes."""
    text = "-".join(fold(part) for part in parts if part)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") + ".pdf"


class ReportPanel(QWidget):
    """Base of the panels: a description, a form and its field errors."""

    def __init__(self, services: Services, description: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        text = QLabel(description, self)
        text.setObjectName("description")
        text.setWordWrap(True)
        self.form = QFormLayout()
        self.errors = FieldErrors(self)
        layout.addWidget(text)
        layout.addWidget(self.errors.general_label)
        layout.addLayout(self.form)
        layout.addStretch(1)

    def request(self) -> DocumentRequest | None:
        raise NotImplementedError


class _ContractPanel(ReportPanel):
    """A contract and a month: the record of hours and the attendance list."""

    kinds: tuple[ContractKind, ...] = (ContractKind.PSYCHOLOGY, ContractKind.SUPERVISION)

    def __init__(
        self,
        services: Services,
        contracts: list[ContractRecord],
        description: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(services, description, parent)
        self.contract = ContractPicker([c for c in contracts if c.kind in self.kinds], self)
        self.form.addRow(_("&Contract:"), self.contract)
        self.errors.attach("contract", self.contract, self.form)

    def chosen(self) -> ContractRecord | None:
        contract = self.contract.contract()
        self.errors.clear()
        if contract is None:
            self.errors.show({"contract": _("There is no contract you may print.")})
        return contract


class _MonthPanel(_ContractPanel):
    """A contract's document of one month (the month before this one at first): its title,
    file name and description (``N_``) and ``make(services, contract_id, month, progress)``,
    which runs off the GUI thread."""

    title = ""
    file_stem = ""
    description = ""

    def __init__(self, services: Services, contracts, parent=None) -> None:
        super().__init__(services, contracts, _(self.description), parent)
        self.month = MonthPicker(previous_month(services.ctx.clock.today()), self)
        self.form.addRow(_("&Month:"), self.month)

    @staticmethod
    def make(services: Services, contract_id: int, month: Month, progress) -> bytes:
        raise NotImplementedError

    def request(self) -> DocumentRequest | None:
        contract = self.chosen()
        if contract is None:
            return None
        month, services, make = self.month.month(), self.services, self.make
        return DocumentRequest(
            _(self.title),
            file_name(_(self.file_stem), contract.number, f"{month[0]}-{month[1]:02d}"),
            lambda progress: make(services, contract.id, month, progress),
        )


class HourSheetPanel(_MonthPanel):
    title = N_("Record of hours")
    file_stem = N_("record-of-hours")
    description = N_(
        "The record of hours of a contract for one month: every session with its client "
        "code (never a name), the total against the monthly limit and the project's "
        "total, with signature lines."
    )

    @staticmethod
    def make(services: Services, contract_id: int, month: Month, progress) -> bytes:
        return documents.hour_sheet(services, contract_id, month, progress=progress)


class SupervisionPanel(_MonthPanel):
    kinds = (ContractKind.SUPERVISION,)
    title = N_("Supervision attendance list")
    file_stem = N_("attendance-list")
    description = N_(
        "The attendance list of the supervision sessions of one month: participants, "
        "their written consent to share conclusions, and a place to sign."
    )

    @staticmethod
    def make(services: Services, contract_id: int, month: Month, progress) -> bytes:
        return documents.supervision_list(services, contract_id, month, progress=progress)


class SummaryPanel(_ContractPanel):
    def __init__(self, services: Services, contracts, parent=None) -> None:
        super().__init__(
            services,
            contracts,
            _(
                "A contract's hours month by month over a quarter or from the project's start, "
                "with a chart, the limits and the signature lines."
            ),
            parent,
        )
        today = services.ctx.clock.today()
        self.by_quarter = QRadioButton(_("&Quarter"), self)
        self.by_quarter.setObjectName("by_quarter")
        self.whole_project = QRadioButton(_("The whole &project to date"), self)
        self.whole_project.setObjectName("whole_project")
        group = QButtonGroup(self)
        group.addButton(self.by_quarter)
        group.addButton(self.whole_project)
        self.quarter = QuarterPicker(*quarter_of((today.year, today.month)), self)
        self.by_quarter.toggled.connect(self.quarter.setEnabled)
        self.whole_project.setChecked(True)
        self.quarter.setEnabled(False)
        self.form.addRow(self.whole_project)
        self.form.addRow(self.by_quarter, self.quarter)

    def request(self) -> DocumentRequest | None:
        contract = self.chosen()
        if contract is None:
            return None
        services = self.services
        if self.whole_project.isChecked():
            return DocumentRequest(
                _("Summary of hours in the project"),
                file_name(_("summary-of-hours"), contract.number, _("project")),
                lambda progress: documents.hours_summary(
                    services, contract.id, "project", progress=progress
                ),
            )
        quarter = self.quarter.quarter()
        return DocumentRequest(
            _("Quarterly summary of hours"),
            file_name(_("summary-of-hours"), contract.number, f"{quarter[0]}-q{quarter[1]}"),
            lambda progress: documents.hours_summary(
                services, contract.id, "quarter", quarter, progress=progress
            ),
        )


class DeadlinePanel(ReportPanel):
    def __init__(self, services: Services, scopes: list[DeadlineScope], parent=None) -> None:
        super().__init__(
            services,
            _(
                "Open cases of a team or of one worker whose deadline has passed or falls by the "
                "chosen day, earliest first, with working days left."
            ),
            parent,
        )
        self._scopes = scopes
        self.team = QComboBox(self)
        self.team.setObjectName("team")
        for scope in scopes:
            self.team.addItem(scope.team_name, scope.team_id)
        self.worker = QComboBox(self)
        self.worker.setObjectName("worker")
        today = services.ctx.clock.today()
        self.until = DateEdit(today + timedelta(days=DEFAULT_HORIZON_DAYS), self, today=today)
        self.until.setObjectName("until")
        self.until.setMinimumDate(today)
        self.form.addRow(_("&Team:"), self.team)
        self.form.addRow(_("&Worker:"), self.worker)
        self.form.addRow(_("Deadlines &up to:"), self.until)
        self.errors.attach("team", self.team, self.form)
        self.errors.attach("until", self.until, self.form)
        self.team.currentIndexChanged.connect(self._fill_workers)
        self._fill_workers()
        own = services.actor.id if services.actor else None
        mine = self.worker.findData(own)
        if mine > 0:  # a worker starts with their own list
            self.worker.setCurrentIndex(mine)

    def _fill_workers(self) -> None:
        self.worker.clear()
        self.worker.addItem(_("the whole team"), None)
        index = self.team.currentIndex()
        if 0 <= index < len(self._scopes):
            for worker in self._scopes[index].workers:
                self.worker.addItem(worker.full_name, worker.id)

    def request(self) -> DocumentRequest | None:
        self.errors.clear()
        team_id = self.team.currentData()
        if team_id is None:
            self.errors.show({"team": _("There is no team whose deadlines you may print.")})
            return None
        worker_id = self.worker.currentData()
        until = self.until.value()
        if until is None:
            self.errors.show({"until": self.until.refusal()})
            return None
        who = self.worker.currentText() if worker_id is not None else self.team.currentText()
        services = self.services
        return DocumentRequest(
            _("Deadline report"),
            file_name(_("deadlines"), who, until.isoformat()),
            lambda progress: documents.deadline_report(
                services, team_id, worker_id, until, progress=progress
            ),
        )
