"""Raporty → Przegląd: the manager's indicators of the separated model for a month, a quarter
or a year beside the period before it, two charts, the late decisions and interviews, and
the printed report (through the section's preview), the workbook and the CSV file.

The figures are read off the GUI thread (``services.indicators.overview``); the tables are the
printed report's own (``printing.indicator_tables``), so the screen and the paper agree.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from opsdesk.domain.errors import DomainError
from opsdesk.domain.formatting import hours_decimal
from opsdesk.domain.report_periods import Period, month_period, quarter_period, year_period
from opsdesk.errors import ServiceError, ValidationError
from opsdesk.i18n import _
from opsdesk.printing import documents
from opsdesk.printing.indicator_tables import (
    Cell,
    Table,
    empty_period_text,
    number,
    summary_table,
    text,
)
from opsdesk.services.indicators.records import (
    Count,
    FigureList,
    IndicatorOverview,
    period_heading,
    worker_label,
)
from opsdesk.ui.background import run_in_background
from opsdesk.ui.file_dialog import ask_save_path
from opsdesk.ui.reports.grid_chart import GridChart
from opsdesk.ui.reports.panels import DocumentRequest, ReportPanel
from opsdesk.ui.reports.pickers import MonthPicker, QuarterPicker, previous_month
from opsdesk.ui.reports.series_chart import SeriesChart

if TYPE_CHECKING:
    from opsdesk.services.registry import Services

log = logging.getLogger("opsdesk.ui.reports")

KINDS = (("month", "Month"), ("quarter", "Quarter"), ("year", "Year"))
Index = QModelIndex | QPersistentModelIndex
WIDE_ENOUGH = 860  # px: narrower than this, the charts go to a tab of their own
# the list behind each row of the summary table (printing.indicator_tables.summary_table)
SUMMARY_FIGURES = (
    "contacts",
    "settled",
    "waits",
    "waits",
    "waits",
    "cases_new",
    "cases_closed",
    "cases_open",
    "decisions",
    "interviews",
    "survey",
    "hours",
)


def details_table(overview: IndicatorOverview) -> tuple[Table, tuple[str, ...]]:
    """The figures broken down (by channel, purpose, team, worker, each worker's open cases,
    the survey and the waits) beside the period before, and the list behind each row."""
    now, before = overview.current, overview.previous
    rows: list[tuple[Cell, ...]] = []
    codes: list[str] = []

    def add(label: str, a: int, b: int, what: str) -> None:
        rows.append((text(label), number(a), number(b)))
        codes.append(what)

    def counts(group: str, kind: str, current: tuple[Count, ...], previous: tuple[Count, ...]):
        earlier = {c.key: c.count for c in previous}
        for c in current:
            add(f"{group}: {c.label}", c.count, earlier.get(c.key, 0), f"{kind}:{c.key}")

    counts(_("Channel"), "channel", now.by_channel, before.by_channel)
    counts(_("Purpose"), "purpose", now.by_purpose, before.by_purpose)
    counts(_("Team"), "team", now.visits_by_team, before.visits_by_team)
    served_before = {w.staff_id: w.count for w in before.visits_by_worker}
    for w in now.visits_by_worker:
        add(
            _("Served by: {name}").format(name=worker_label(w.name, w.left)),
            w.count,
            served_before.get(w.staff_id, 0),
            f"worker:{w.staff_id}",
        )
    open_before = {c.staff_id: c.open_at_end for c in before.caseload}
    for c in now.caseload:
        add(
            _("Open cases at the end: {name}").format(name=worker_label(c.name, c.left)),
            c.open_at_end,
            open_before.get(c.staff_id, 0),
            f"caseload:{'' if c.staff_id is None else c.staff_id}",
        )
    add(_("Waits measured"), now.waits.count, before.waits.count, "waits")
    add(_("Survey answers"), now.survey.answers, before.survey.answers, "survey")
    add(_("Decisions made"), now.decisions.made, before.decisions.made, "decisions")
    add(_("Interviews made"), now.interviews.made, before.interviews.made, "interviews")
    table = Table(
        "",
        (_("Figure"), period_heading(now), period_heading(before)),
        tuple(rows),
        (3, 1.3, 1.3),
    )
    return table, tuple(codes)


class TableModel(QAbstractTableModel):
    """One of the report's tables (``indicator_tables.Table``), read only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._table: Table | None = None

    def set_table(self, table: Table | None) -> None:
        self.beginResetModel()
        self._table = table
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() or self._table is None else len(self._table.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() or self._table is None else len(self._table.header)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self._table is None:
            return None
        cell = self._table.rows[index.row()][index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return cell.text()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if cell.numeric else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and self._table is not None
            and 0 <= section < len(self._table.header)
        ):
            return self._table.header[section]
        return None


class PeriodChooser(QWidget):
    """A month, a quarter or a year: the kind in a list, then its picker."""

    changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QComboBox(self)
        self.kind.setObjectName("period_kind")
        self.kind.setAccessibleName(_("Kind of period"))
        for key, label in KINDS:
            self.kind.addItem(_(label), key)
        self.month = MonthPicker(previous_month(today), self)
        last = previous_month(today)
        self.quarter = QuarterPicker(last[0], (last[1] - 1) // 3 + 1, self)
        self.year = QSpinBox(self)
        self.year.setObjectName("period_year")
        self.year.setAccessibleName(_("Year"))
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.pickers = QStackedWidget(self)
        for widget in (self.month, self.quarter, self.year):
            self.pickers.addWidget(widget)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.kind)
        layout.addWidget(self.pickers, 1)
        self.kind.currentIndexChanged.connect(self.pickers.setCurrentIndex)

    def choose(self, kind: str) -> None:
        self.kind.setCurrentIndex([k for k, _label in KINDS].index(kind))

    def period(self) -> Period:
        """The chosen period (raises DomainError for one that cannot be)."""
        kind = self.kind.currentData()
        if kind == "month":
            return month_period(*self.month.month())
        if kind == "quarter":
            return quarter_period(*self.quarter.quarter())
        return year_period(self.year.value())


class OverviewPanel(ReportPanel):
    loaded = Signal()  # the figures are on the screen (or the refusal is)
    exported = Signal(str)  # the path written
    figure_opened = Signal(object)  # the FigureListDialog of a figure's list, shown
    late_loaded = Signal()  # the "Late" tab's list is on the screen (read when first opened)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(
            services,
            _(
                "The indicators of the separated model for a month, a quarter or a year beside "
                "the period before it: contacts at the desk, waiting, cases and caseload, "
                "deadlines kept, hours of the psychologist and supervision."
            ),
            parent,
        )
        self.overview: IndicatorOverview | None = None
        self.chooser = PeriodChooser(services.ctx.clock.today(), self)
        self.show_button = QPushButton(_("&Show"), self)
        self.show_button.setObjectName("show_overview")
        self.show_button.clicked.connect(self.load)
        row = QHBoxLayout()
        row.addWidget(self.chooser, 1)
        row.addWidget(self.show_button)
        label = QLabel(_("&Period:"), self)
        label.setBuddy(self.chooser.kind)
        self.form.addRow(label, row)
        self.errors.attach("period", self.chooser, self.form)

        self.status = QLabel(self)
        self.status.setObjectName("overview_status")
        self.status.setWordWrap(True)
        self.summary_model = TableModel(self)
        self.late_model = TableModel(self)
        self.details_model = TableModel(self)
        self.details_codes: tuple[str, ...] = ()
        self.summary_view = self._view(self.summary_model, "overview_summary")
        self.late_view = self._view(self.late_model, "overview_late")
        self.details_view = self._view(self.details_model, "overview_details")
        for view in (self.summary_view, self.details_view):
            view.setToolTip(_("Double-click a figure (or press Enter) to see the list behind it."))
        self.summary_view.activated.connect(
            lambda index: self.open_figure(SUMMARY_FIGURES[index.row()], self._label(index))
        )
        self.details_view.activated.connect(
            lambda index: self.open_figure(self.details_codes[index.row()], self._label(index))
        )
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.summary_view, _("Indicators"))
        self.tabs.addTab(self.late_view, _("Late"))
        self.tabs.addTab(self.details_view, _("In detail"))
        self._late_read: Period | None = None  # the period whose late list the tab shows
        self.tabs.currentChanged.connect(self._tab_changed)
        self.contacts_chart = SeriesChart(self)
        self.contacts_chart.setObjectName("contacts_chart")
        self.hours_chart = SeriesChart(self)
        self.hours_chart.setObjectName("hours_chart")
        self.grid_chart = GridChart(self)
        self.grid_chart.setObjectName("day_hour_chart")
        self.deadlines_chart = SeriesChart(self)
        self.deadlines_chart.setObjectName("deadlines_chart")
        self.charts = QTabWidget(self)
        self.charts.setObjectName("overview_charts")
        first = QWidget(self.charts)
        charts = QVBoxLayout(first)
        charts.setContentsMargins(0, 0, 0, 0)
        charts.addWidget(self.contacts_chart, 1)
        charts.addWidget(self.hours_chart, 1)
        self.charts.addTab(first, _("Contacts and hours"))
        self.charts.addTab(self.grid_chart, _("Days and hours"))
        self.charts.addTab(self.deadlines_chart, _("Deadlines, 12 months"))
        self.body = body = QHBoxLayout()
        body.addWidget(self.tabs, 3)
        body.addWidget(self.charts, 2)
        self._charts_beside = True
        self.xlsx_button = QPushButton(_("Export to &XLSX…"), self)
        self.xlsx_button.setObjectName("export_xlsx")
        self.csv_button = QPushButton(_("Export to C&SV…"), self)
        self.csv_button.setObjectName("export_csv")
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.xlsx_button)
        buttons.addWidget(self.csv_button)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout), "ReportPanel lays out in a column"
        stretch = layout.count() - 1  # the base panel ends with a stretch: keep it out
        layout.takeAt(stretch)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)
        self._set_enabled(False)
        self._loaded_once = False

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._loaded_once:  # read when first shown, not when the section is built
            self._loaded_once = True
            self.load()

    def _view(self, model: TableModel, name: str) -> QTableView:
        view = QTableView(self)
        view.setObjectName(name)
        view.setModel(model)
        view.setAlternatingRowColors(True)
        view.setWordWrap(True)
        view.verticalHeader().hide()
        view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        return view

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._arrange(self.width() >= WIDE_ENOUGH)

    def _arrange(self, wide: bool) -> None:
        """The charts beside the tables when there is room, else in a tab of their own (a
        small screen, a larger scale): the indicators keep a readable width."""
        if wide == self._charts_beside:
            return
        self._charts_beside = wide
        if wide:
            self.tabs.removeTab(self.tabs.indexOf(self.charts))
            self.body.addWidget(self.charts, 2)
            self.charts.show()
        else:
            self.body.removeWidget(self.charts)
            self.tabs.addTab(self.charts, _("Charts"))

    @staticmethod
    def _fit_columns(view: QTableView, stretch: int) -> None:
        """Numbers as wide as they need, the one text column taking the rest."""
        header = view.horizontalHeader()
        for column in range(view.model().columnCount()):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column == stretch
                else QHeaderView.ResizeMode.ResizeToContents
            )
            header.setSectionResizeMode(column, mode)
        view.resizeRowsToContents()

    def _set_enabled(self, ready: bool) -> None:
        for button in (self.xlsx_button, self.csv_button):
            button.setEnabled(ready)

    # --- loading ----------------------------------------------------------------------------

    def chosen(self) -> Period | None:
        self.errors.clear()
        try:
            return self.chooser.period()
        except DomainError as error:
            self.errors.show({"period": str(error)})
            return None

    def load(self) -> None:
        period = self.chosen()
        if period is None:
            self.loaded.emit()
            return
        services = self.services
        self.show_button.setEnabled(False)
        self.status.setText(_("Counting…"))
        run_in_background(lambda: services.indicators.overview(period), self._show, self._failed)

    def _failed(self, error: Exception) -> None:
        if not isValid(self):  # the section was closed meanwhile
            return
        self.show_button.setEnabled(True)
        self.status.setText("")
        if isinstance(error, ValidationError):
            self.errors.report(error)
        elif isinstance(error, ServiceError):
            self.errors.show({"period": str(error)})
        else:
            log.error("the overview could not be read: %r", error)
            self.errors.show({"period": _("The figures could not be read.")})
        self.overview = None
        self.summary_model.set_table(None)
        self.late_model.set_table(None)
        self.details_model.set_table(None)
        self.details_codes = ()
        self._set_enabled(False)
        self.loaded.emit()

    def _show(self, overview: IndicatorOverview) -> None:
        if not isValid(self):  # the section was closed meanwhile
            return
        self.show_button.setEnabled(True)
        self.overview = overview
        now, before = overview.current, overview.previous
        self.summary_model.set_table(summary_table(overview))
        self.late_model.set_table(None)  # read when the tab is opened (load_late)
        self._late_read = None
        late_count = now.decisions.late_count + now.interviews.late_count
        self.tabs.setTabText(
            self.tabs.indexOf(self.late_view), _("Late ({count})").format(count=late_count)
        )
        details, self.details_codes = details_table(overview)
        self.details_model.set_table(details)
        self._fit_columns(self.summary_view, stretch=0)
        self._fit_columns(self.details_view, stretch=0)
        this, last = period_heading(now), before.period.label
        by_month = now.period.kind != "month"
        self.contacts_chart.set_data(
            _("Contacts per month") if by_month else _("Contacts per day"),
            [c.label for c in now.contacts_by_day],
            [(this, [c.count for c in now.contacts_by_day])],
        )
        self.hours_chart.set_data(
            _("Hours used and the budget per contract"),
            [h.number for h in now.hours],
            [
                (_("used"), [h.used_minutes / 60 for h in now.hours]),
                (_("budget"), [h.budget_minutes / 60 for h in now.hours]),
            ]
            if now.hours
            else [],
            value_text=lambda hours: hours_decimal(round(hours * 60)),
        )
        grid = now.day_hour
        if grid is not None:
            self.grid_chart.set_data(
                _("Contacts by day and hour of arrival")
                if now.period.kind == "month"
                else _("Contacts by weekday and hour of arrival"),
                grid.row_labels,
                grid.hours,
                grid.counts,
            )
        months = now.deadline_months
        self.deadlines_chart.set_data(
            _("Share within the statutory deadline, month by month"),
            [m.label[:2] + "." + m.label[-2:] for m in months],
            [
                (_("decisions"), [100 * (m.decisions_share or 0) for m in months]),
                (_("interviews"), [100 * (m.interviews_share or 0) for m in months]),
            ],
            value_text=lambda value: f"{value:.0f}%",
        )
        if now.is_empty:
            self.status.setText(empty_period_text(now))
        else:
            self.status.setText(
                _("{period} compared with {previous}.").format(period=this, previous=last)
            )
        self._set_enabled(True)
        self.loaded.emit()
        if self.tabs.currentWidget() is self.late_view:
            self.load_late()

    # --- the late decisions and interviews: read when their tab is opened ------------------

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.late_view:
            self.load_late()

    def load_late(self) -> None:
        """Read the period's late list (``figure(period, "late")``) off the GUI thread, once
        per overview shown: the overview itself only counts them."""
        if self.overview is None or self._late_read == self.overview.period:
            return
        period, services = self.overview.period, self.services
        self._late_read = period
        run_in_background(
            lambda: services.indicators.figure(period, "late"),
            lambda figure: self._late_shown(period, figure),
            self._late_failed,
        )

    def _late_shown(self, period: Period, figure: FigureList) -> None:
        if not isValid(self) or self.overview is None or self.overview.period != period:
            return
        from opsdesk.ui.reports.figure_list import figure_note, figure_table

        self.late_model.set_table(figure_table(figure))
        self._fit_columns(self.late_view, stretch=2)
        if figure.truncated:  # the first 1,000: the files list them all
            self.status.setText(figure_note(figure))
        self.late_loaded.emit()

    def _late_failed(self, error: Exception) -> None:
        self._late_read = None  # tried again when the tab is opened again
        self._figure_failed(error)

    # --- the list behind a figure ----------------------------------------------------------

    def _label(self, index) -> str:
        return str(index.model().index(index.row(), 0).data() or "")

    def open_figure(self, what: str, label: str) -> None:
        """Read the list behind ``what`` off the GUI thread and show it in a window."""
        if self.overview is None:
            return
        period, services = self.overview.period, self.services
        heading = f"{label} \u2014 {period_heading(self.overview.current)}"
        self.status.setText(_("Reading the list…"))
        run_in_background(
            lambda: services.indicators.figure(period, what),
            lambda figure: self._figure_shown(heading, figure),
            self._figure_failed,
        )

    def _figure_shown(self, heading: str, figure: FigureList) -> None:
        if not isValid(self):
            return
        from opsdesk.ui.reports.figure_list import FigureListDialog

        self.status.setText("")
        dialog = FigureListDialog(heading, figure, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.figure_opened.emit(dialog)

    def _figure_failed(self, error: Exception) -> None:
        if not isValid(self):
            return
        if isinstance(error, ServiceError):
            self.status.setText(str(error))
        else:
            log.error("the list behind a figure could not be read: %r", error)
            self.status.setText(_("The list could not be read."))

    # --- the printed report and the files --------------------------------------------------

    def request(self) -> DocumentRequest | None:
        period = self.chosen()
        if period is None:
            return None
        services = self.services
        return DocumentRequest(
            title=_("Monitoring of the separated model"),
            file_name=f"monitoring-{period.code}.pdf",
            build=lambda progress: documents.indicators_report(
                services, period, "pdf", progress=progress
            ),
        )

    def choose_export_path(self, suggested: str, file_format: str) -> str | None:
        """Where to save the file (a dialog; tests replace it)."""
        filters = {
            "xlsx": _("Excel workbook (*.xlsx)"),
            "csv": _("CSV file (*.csv)"),
        }
        path, _filter = ask_save_path(
            self, _("Export the indicators"), str(Path.home() / suggested), filters[file_format]
        )
        if not path:
            return None
        return path if path.lower().endswith(f".{file_format}") else f"{path}.{file_format}"

    def export(self, file_format: str) -> None:
        period = self.chosen()
        if period is None:
            return
        path = self.choose_export_path(f"monitoring-{period.code}.{file_format}", file_format)
        if path is None:
            return
        services = self.services

        def work() -> str:
            from opsdesk.printing.output import write_atomically

            write_atomically(path, documents.indicators_report(services, period, file_format))
            return path

        self._set_enabled(False)
        self.status.setText(_("Exporting…"))
        run_in_background(work, self._exported, self._export_failed)

    def _exported(self, path: str) -> None:
        if not isValid(self):  # the section was closed meanwhile
            return
        self._set_enabled(True)
        self.status.setText(_("Saved to {path}").format(path=path))
        self.exported.emit(path)

    def _export_failed(self, error: Exception) -> None:
        if not isValid(self):  # the section was closed meanwhile
            return
        self._set_enabled(True)
        log.warning("exporting the indicators failed: %r", error)
        if isinstance(error, ServiceError | OSError):
            self.status.setText(_("The file could not be saved:\n{error}").format(error=str(error)))
        else:
            self.status.setText(_("The file could not be saved."))
