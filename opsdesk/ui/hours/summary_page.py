"""Summaries of a contract: months, quarters, the project to date, forms, workers; a chart;
for the manager also every project, and supervision hours per worker in a year."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.roles import Action
from opsdesk.errors import ServiceError
from opsdesk.i18n import _
from opsdesk.ui.hours.controls import ContractCombo, hours_text
from opsdesk.ui.hours.hours_chart import HoursChart
from opsdesk.ui.hours.summary_tables import (
    CARRY_COLUMNS,
    FORM_COLUMNS,
    MONTH_COLUMNS,
    PROJECT_COLUMNS,
    QUARTER_COLUMNS,
    WORKER_COLUMNS,
    left_or_over,
)
from opsdesk.ui.operation import run_operation
from opsdesk.ui.table_models import RecordFilterProxy, RecordTableModel

if TYPE_CHECKING:
    from opsdesk.services.hours.records import ContractRecord, ContractSummary
    from opsdesk.services.registry import Services


def _table(name: str, columns, parent) -> tuple[QTableView, RecordTableModel]:
    model = RecordTableModel(columns, parent, key=lambda r: getattr(r, "key", id(r)))
    proxy = RecordFilterProxy(parent)
    proxy.setSourceModel(model)
    view = QTableView()
    view.setObjectName(name)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view, model


class SummaryPage(QWidget):
    def __init__(self, services: Services, parent=None):
        super().__init__(parent)
        self.services = services
        self.setObjectName("summaryPage")
        actor = services.actor
        assert actor is not None, "the hours section is shown to a logged-in person only"
        self.contracts = ContractCombo()
        self.project_line = QLabel()
        self.project_line.setObjectName("projectLine")
        self.project_line.setWordWrap(True)
        self.print_button = QPushButton(_("&Print the summary\u2026"))
        self.print_button.setObjectName("printSummaryButton")
        self.print_button.clicked.connect(self.print_summary)
        self.print_button.setVisible(actor.can(Action.HOURS_PRINT))
        self.export_button = QPushButton(_("Export to a &spreadsheet\u2026"))
        self.export_button.setObjectName("exportSummaryButton")
        self.export_button.clicked.connect(self.export_summary)
        self.projects_button = QPushButton(_("Export the &projects\u2026"))
        self.projects_button.setObjectName("exportProjectsButton")
        self.projects_button.clicked.connect(self.export_projects)
        self.projects_button.setVisible(actor.can(Action.HOURS_TOTALS))
        self.export_message = QLabel()
        self.export_message.setObjectName("exportMessage")
        self.export_message.setWordWrap(True)
        self.months, self.months_model = _table("monthsTable", MONTH_COLUMNS, self)
        self.quarters, self.quarters_model = _table("quartersTable", QUARTER_COLUMNS, self)
        self.forms, self.forms_model = _table("formsTable", FORM_COLUMNS, self)
        self.workers, self.workers_model = _table("workersTable", WORKER_COLUMNS, self)
        self.chart = HoursChart()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.months, _("By month"))
        self.tabs.addTab(self.quarters, _("By quarter"))
        self.tabs.addTab(self.forms, _("By form"))
        self.tabs.addTab(self.workers, _("By worker"))
        self.projects_model: RecordTableModel | None = None
        self.projects: QTableView | None = None
        self.year_model: RecordTableModel | None
        self.year = QSpinBox()
        if actor.can(Action.HOURS_TOTALS):
            self.projects, self.projects_model = _table("projectsTable", PROJECT_COLUMNS, self)
            self.tabs.addTab(self.projects, _("Projects"))
        if actor.can(Action.HOURS_TOTALS) or actor.can(Action.SUPERVISION_SESSIONS):
            self.year_workers, self.year_model = _table("yearWorkersTable", WORKER_COLUMNS, self)
            self.year.setRange(2000, 2100)
            self.year.setValue(services.ctx.clock.today().year)
            self.year.setAccessibleName(_("Year"))
            self.year.valueChanged.connect(lambda _v: self._load_year())
            box = QWidget()
            box_layout = QVBoxLayout(box)
            row = QHBoxLayout()
            row.addWidget(QLabel(_("Supervision hours of each social worker in")))
            row.addWidget(self.year)
            row.addStretch(1)
            box_layout.addLayout(row)
            box_layout.addWidget(self.year_workers)
            self.tabs.addTab(box, _("Supervision in a year"))
        else:
            self.year_model = None
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Contract")))
        top.addWidget(self.contracts, 1)
        top.addWidget(self.print_button)
        top.addWidget(self.export_button)
        top.addWidget(self.projects_button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.tabs)
        splitter.addWidget(self.chart)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([420, 280])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.project_line)
        layout.addWidget(self.export_message)
        layout.addWidget(splitter, 1)
        self._shown_id: int | None = None  # the contract whose summary the tables hold
        self.contracts.currentIndexChanged.connect(lambda _i: self.reload())
        self.refresh()

    # Each table loads off the GUI thread (``ui.operation``), the table being the owner: a
    # load asked for again before it answered (a switch of contract or year) replaces it.

    def refresh(self) -> None:
        """Reload the contracts (when the page is shown again), the projects and the year."""
        summary = self.services.hours_summary
        self.contracts.load(self.services.contracts.list, self._refused)
        if self.projects is not None and self.projects_model is not None:
            run_operation(
                self.projects,
                summary.projects,
                self.projects_model.set_records,
                refused=self._refused,
                busy=_("loading the projects"),
                when_running="replace",
            )
        self._load_year()

    def _load_year(self) -> None:
        if self.year_model is None:
            return
        year, summary = self.year.value(), self.services.hours_summary
        run_operation(
            self.year_workers,
            lambda: summary.supervision_by_worker(year),
            self.year_model.set_records,
            refused=self._refused,
            busy=_("loading the supervision hours"),
            when_running="replace",
        )

    def _refused(self, error: ServiceError) -> None:
        self.export_message.setText(str(error))

    def reload(self) -> None:
        """Load the chosen contract's summary off the GUI thread. Another contract's hours
        are never shown under this one's number: switching empties the tables until the
        answer comes (a refresh of the same contract keeps them)."""
        contract = self.contracts.contract()
        if contract is None:
            self._clear(_("You have no contract to show."))
            return
        if contract.id != self._shown_id:
            self._clear(_("Loading the summary of {number}\u2026").format(number=contract.number))
        summary = self.services.hours_summary

        def refused(error: ServiceError) -> None:
            if self._shown_id is None:
                self.project_line.setText("")
            self._refused(error)

        run_operation(
            self.months,
            lambda: summary.contract_summary(contract.id),
            lambda answer: self._show(contract, answer),
            refused=refused,
            busy=_("loading the summary"),
            when_running="replace",
        )

    def _clear(self, line: str) -> None:
        for model in (self.months_model, self.quarters_model, self.forms_model, self.workers_model):
            model.set_records([])
        self.chart.set_months("", [], empty=line)
        self.project_line.setText(line)
        self._shown_id = None

    def _show(self, contract: ContractRecord, summary: ContractSummary) -> None:
        if self.contracts.current_id() != contract.id:
            return  # the choice changed meanwhile (to none): the newer one is shown
        self._shown_id = contract.id
        self.months_model.set_records(summary.months)
        self.quarters_model.set_records(summary.quarters)
        for view in (self.months, self.quarters):
            for column in CARRY_COLUMNS:
                view.setColumnHidden(column, not contract.carry_over)
        self.forms_model.set_records(summary.forms)
        self.workers_model.set_records(summary.workers)
        self.tabs.setTabVisible(3, bool(summary.workers))
        project = summary.project
        label = (
            _("Project to date")
            if contract.project_minutes is not None
            else _("Contract to date (sum of the monthly budgets)")
        )
        self.project_line.setText(
            _(
                "{label}: {used} of {budget} used, left: {left}; {sessions} sessions, "
                "{approved} confirmed over the budget."
            ).format(
                label=label,
                used=hours_text(project.budget.used),
                budget=hours_text(project.budget.budget),
                left=left_or_over(project.budget.remaining),
                sessions=project.sessions,
                approved=project.approved_over,
            )
        )
        self.chart.set_months(
            _("Hours by month \u2014 {number}").format(number=contract.number), list(summary.months)
        )

    def export_summary(self) -> None:
        from opsdesk.ui.hours.export_file import export_to_file

        contract = self.contracts.contract()
        if contract is None:
            return
        exports = self.services.hours_exports
        export_to_file(
            self,
            _("Export the summary"),
            f"zestawienie-godzin-{contract.id}",
            lambda fmt: exports.summary(contract.id, fmt),
            self.export_message.setText,
        )

    def export_projects(self) -> None:
        from opsdesk.ui.hours.export_file import export_to_file

        exports = self.services.hours_exports
        export_to_file(
            self,
            _("Export the projects"),
            "godziny-projektow",
            exports.projects,
            self.export_message.setText,
        )

    def print_summary(self) -> None:
        from opsdesk.printing import documents
        from opsdesk.ui.printing.document_flow import preview_document

        contract = self.contracts.contract()
        if contract is None:
            return
        services = self.services
        preview_document(
            self,
            lambda progress: documents.hours_summary(services, contract.id, progress=progress),
            title=_("Summary of hours"),
            file_name=f"zestawienie-godzin-{contract.id}.pdf",
        )
