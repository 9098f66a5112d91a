"""The desk's statistics for a day or a month: summary, times per team (with the share
served within each queue's waiting-time target, also per worker and per day), contacts by
channel and purpose, referrals, the satisfaction survey's answers, and a bar chart of
contacts over the period; the waiting times export to XLSX and the targets are set here."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.formatting import MONTH_NAMES, format_date
from opsdesk.domain.queue import MAX_WAIT_TARGET as MAX_TARGET
from opsdesk.domain.queue import RATINGS
from opsdesk.errors import ServiceError
from opsdesk.i18n import N_, _
from opsdesk.ui.background import run_in_background
from opsdesk.ui.date_edit import DateEdit
from opsdesk.ui.file_dialog import ask_save_path
from opsdesk.ui.form_dialog import FormDialog
from opsdesk.ui.forms import ERROR_STYLE
from opsdesk.ui.reception.bar_chart import BarChart
from opsdesk.ui.reception.table_models import RowsModel

if TYPE_CHECKING:
    from opsdesk.services.registry import Services


def minutes_text(value: float | None) -> str:
    """A time given in minutes as a clerk reads it: "21 s", "6 min", "4 min 30 s"."""
    if value is None:
        return "\u2014"
    seconds = round(value * 60)
    if seconds < 60:
        return _("{s} s").format(s=seconds)
    minutes, seconds = divmod(seconds, 60)
    if seconds == 0:
        return _("{m} min").format(m=minutes)
    return _("{m} min {s} s").format(m=minutes, s=seconds)


def percent_text(share: float | None) -> str:
    return "\u2014" if share is None else f"{share * 100:.0f}%"


def two_lines(header: str) -> str:
    """A long column title on two lines ("Oczekiwanie:\nmediana"), so the statistics'
    tables fit a narrow screen without scrolling sideways."""
    return header.replace(": ", ":\n", 1)


def _table(model: RowsModel, name: str) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class StatsView(QWidget):
    def __init__(self, services: Services, parent=None):
        super().__init__(parent)
        self.services = services
        self.stats = None
        today = services.ctx.clock.today()
        self.by_day = QRadioButton(_("&Day"))
        self.by_day.setChecked(True)
        self.by_month = QRadioButton(_("&Month"))
        self.day = DateEdit(today, today=today)
        self.day.setObjectName("statsDay")
        self.month = QComboBox()
        self.month.setObjectName("statsMonth")
        for number, name in enumerate(MONTH_NAMES, start=1):
            self.month.addItem(_(name), number)
        self.month.setCurrentIndex(today.month - 1)
        self.year = QSpinBox()
        self.year.setObjectName("statsYear")
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.show_button = QPushButton(_("&Show"))
        self.show_button.setObjectName("showStatsButton")
        self.show_button.clicked.connect(self.load)
        self.export_button = QPushButton(_("Export to XLS&X\u2026"))
        self.export_button.setObjectName("exportStatsButton")
        self.export_button.clicked.connect(self.export)
        self.export_button.setEnabled(False)
        self.targets_button = QPushButton(_("Waiting tar&gets\u2026"))
        self.targets_button.setObjectName("targetsButton")
        self.targets_button.clicked.connect(self.edit_targets)
        controls = QHBoxLayout()
        for widget in (
            self.by_day,
            self.day,
            self.by_month,
            self.month,
            self.year,
            self.show_button,
        ):
            controls.addWidget(widget)
        controls.addStretch(1)
        controls.addWidget(self.targets_button)
        controls.addWidget(self.export_button)
        self.summary = QLabel()
        self.summary.setObjectName("statsSummary")
        self.summary.setWordWrap(True)
        self.teams_model = RowsModel(
            [
                two_lines(h)
                for h in (
                    _("Team"),
                    _("People called"),
                    _("Waiting: median"),
                    _("Waiting: 90th percentile"),
                    _("Within the target"),
                    _("Service: median"),
                    _("Service: 90th percentile"),
                    _("Visits finished"),
                    _("No-shows"),
                )
            ],
            self,
        )
        self.workers_model = RowsModel(
            [
                two_lines(h)
                for h in (
                    _("Worker"),
                    _("Team"),
                    _("People called"),
                    _("Waiting: median"),
                    _("Within the target"),
                )
            ],
            self,
        )
        self.days_model = RowsModel(
            [
                two_lines(h)
                for h in (
                    _("Day"),
                    _("Team"),
                    _("People called"),
                    _("Waiting: median"),
                    _("Within the target"),
                )
            ],
            self,
        )
        self.channels_model = RowsModel([_("Channel"), _("Contacts")], self)
        self.purposes_model = RowsModel([_("Purpose"), _("Contacts")], self)
        self.referrals_model = RowsModel([_("Referred to"), _("People")], self)
        self.ratings_model = RowsModel([_("Rating"), _("Answers"), _("Share")], self)
        self.chart = BarChart()
        self.chart.setObjectName("statsChart")
        grid = QGridLayout()
        self.teams_table = _table(self.teams_model, "teamsTable")
        grid.addWidget(QLabel(_("Times per team")), 0, 0, 1, 4)
        grid.addWidget(self.teams_table, 1, 0, 1, 4)
        self.ratings_label = QLabel(_("Satisfaction"))
        self.ratings_label.setObjectName("ratingsLabel")
        # the small tables: four in a row on a wide screen, two on a narrow one (reflowed
        # as the width changes: never a sideways scroll); then the waits per worker and day
        self.small: list[tuple[QLabel, QTableView]] = [
            (title, _table(model, name))
            for title, model, name in (
                (QLabel(_("By channel")), self.channels_model, "channelsTable"),
                (QLabel(_("By purpose")), self.purposes_model, "purposesTable"),
                (QLabel(_("Referrals")), self.referrals_model, "referralsTable"),
                (self.ratings_label, self.ratings_model, "ratingsTable"),
                (
                    QLabel(_("Waits per worker (whose call ended them)")),
                    self.workers_model,
                    "workersTable",
                ),
                (QLabel(_("Waits per day")), self.days_model, "daysTable"),
            )
        ]
        for _title, table in self.small[4:]:
            table.setMinimumHeight(120)
        for title, _table_view in self.small:
            title.setWordWrap(True)  # a long title never widens its column
        for column in range(4):
            grid.setColumnStretch(column, 1)  # equal columns
        self.grid = grid
        self._columns = 0
        self._place_small(4)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.summary)
        layout.addLayout(grid, 1)

    # --- layout: the small tables reflow with the width -----------------------------------

    def _place_small(self, columns: int) -> None:
        """The four small tables ``columns`` (4 or 2) to a row, the chart under them, then
        the waits per worker and per day side by side."""
        if columns == self._columns:
            return
        self._columns = columns
        grid = self.grid
        for title, table in self.small:
            grid.removeWidget(title)
            grid.removeWidget(table)
        grid.removeWidget(self.chart)
        span = 4 // columns
        for index, (title, table) in enumerate(self.small[:4]):
            row, column = 2 + 2 * (index // columns), (index % columns) * span
            grid.addWidget(title, row, column, 1, span)
            grid.addWidget(table, row + 1, column, 1, span)
        chart_row = 2 + 2 * (4 // columns)
        grid.addWidget(self.chart, chart_row, 0, 1, 4)
        for index, (title, table) in enumerate(self.small[4:]):
            grid.addWidget(title, chart_row + 1, index * 2, 1, 2)
            grid.addWidget(table, chart_row + 2, index * 2, 1, 2)
        for row in range(grid.rowCount()):
            grid.setRowStretch(row, 0)
        for row in (1, *range(3, chart_row, 2), chart_row + 2):
            grid.setRowStretch(row, 2)
        grid.setRowStretch(chart_row, 3)

    @staticmethod
    def _needed(table: QTableView) -> int:
        """The width ``table`` needs to show its columns whole."""
        header = table.horizontalHeader()
        columns = sum(
            max(header.sectionSizeHint(c), table.sizeHintForColumn(c))
            for c in range(header.count())
        )
        return columns + 2 * table.frameWidth() + table.verticalScrollBar().sizeHint().width()

    def _reflow(self) -> None:
        spacing = max(0, self.grid.horizontalSpacing())
        widest = max(self._needed(table) for _title, table in self.small[:4])
        margins = self.contentsMargins()
        room = self.width() - margins.left() - margins.right() - 3 * spacing
        self._place_small(4 if 4 * (widest + 8) <= room else 2)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._reflow()

    def load(self) -> None:
        """Compute the chosen period's statistics off the GUI thread."""
        if self.by_day.isChecked():
            day = self.day.value()
            if day is None:
                self.day.show_error(self.day.refusal())
                return
            work = lambda: self.services.reception_stats.day(day)  # noqa: E731
        else:
            year, month = self.year.value(), self.month.currentData()
            work = lambda: self.services.reception_stats.month(year, month)  # noqa: E731
        self.summary.setStyleSheet("")
        self.summary.setText(_("Counting\u2026"))
        run_in_background(work, self.show_stats, self._failed)

    def _failed(self, error: Exception) -> None:
        self.summary.setStyleSheet(ERROR_STYLE)
        self.summary.setText(
            str(error)
            if isinstance(error, ServiceError)
            else _("The statistics could not be computed.")
        )

    def show_stats(self, stats) -> None:
        self.stats = stats
        self.summary.setText(
            _(
                "<b>{title}</b>: {contacts} contacts \u00b7 finished at the first contact: {done} "
                "of {ended} ({share}) \u00b7 did not come: {no_shows}"
            ).format(
                title=stats.title,
                contacts=stats.contacts,
                done=stats.finished_at_first_contact,
                ended=stats.ended,
                share=percent_text(stats.first_contact_share),
                no_shows=stats.no_shows,
            )
        )
        self.teams_model.set_rows(
            (
                t.team_name,
                t.waits,
                minutes_text(t.wait_median),
                minutes_text(t.wait_p90),
                within_text(t.within_target_share, t.target_minutes),
                minutes_text(t.service_median),
                minutes_text(t.service_p90),
                t.finished,
                t.no_shows,
            )
            for t in stats.teams
        )
        self.workers_model.set_rows(
            (
                w.worker_name,
                w.team_name,
                w.waits,
                minutes_text(w.wait_median),
                within_text(w.within_target_share, w.target_minutes),
            )
            for w in stats.workers
        )
        self.days_model.set_rows(
            (
                format_date(d.day),
                d.team_name,
                d.waits,
                minutes_text(d.wait_median),
                within_text(d.within_target_share, d.target_minutes),
            )
            for d in stats.daily
        )
        self.channels_model.set_rows((r.label, r.count) for r in stats.by_channel)
        self.purposes_model.set_rows((r.label, r.count) for r in stats.by_purpose)
        self.referrals_model.set_rows((r.label, r.count) for r in stats.referrals)
        self.chart.set_bars(stats.series_title, [(r.label, r.count) for r in stats.series])
        self.ratings_model.set_rows(
            (rating, count, percent_text(count / stats.rated if stats.rated else None))
            for rating, count in zip(RATINGS, stats.ratings, strict=True)
        )
        average = stats.rating_average
        self.ratings_label.setText(
            _("Satisfaction: {n} answers, average {average}").format(
                n=stats.rated, average=f"{average:.1f}".replace(".", ",")
            )
            if average is not None
            else _("Satisfaction: no answers")
        )
        self.export_button.setEnabled(True)
        self._reflow()

    # --- waiting-time targets and the export ---------------------------------------------

    def edit_targets(self) -> None:
        dialog = TargetsDialog(self.services, self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if accepted and self.stats is not None:
            self.load()

    def export(self) -> None:
        """The shown period's waiting times, per team and per day, into an XLSX file."""
        if self.stats is None:
            return
        suggested = re.sub(
            r"[^\w.-]+", "_", _("waiting times {title}.xlsx").format(title=self.stats.title)
        )
        path = self.choose_export_path(suggested)
        if path is None:
            return
        stats, services = self.stats, self.services

        def work():
            from opsdesk.printing.reception_xlsx import build_waiting_xlsx

            actor = services.actor
            data = build_waiting_xlsx(stats, actor.full_name, services.ctx.clock.now())
            Path(path).write_bytes(data)
            return path

        run_in_background(
            work,
            lambda done: self.summary.setText(_("Exported to {path}.").format(path=done)),
            self._failed,
        )

    def choose_export_path(self, suggested: str) -> str | None:
        path, _filter = ask_save_path(
            self,
            _("Export the waiting times"),
            str(Path.home() / suggested),
            _("Excel workbook (*.xlsx)"),
        )
        if not path:
            return None
        return path if path.lower().endswith(".xlsx") else path + ".xlsx"


def within_text(share: float | None, target: int | None) -> str:
    """ "80% (≤ 15 min)"; a dash for a queue without a target."""
    if target is None:
        return "\u2014"
    return _("{share} (\u2264 {target} min)").format(share=percent_text(share), target=target)


class TargetsDialog(FormDialog):
    """Each queue's waiting-time target in minutes (0 = none); one save for all. Opens at
    once: the targets and the queues are read off the GUI thread (a row per queue comes
    with the answer), and the save runs off it too."""

    busy_text = N_("saving the waiting-time targets")

    def __init__(self, services: Services, parent=None):
        super().__init__(
            parent,
            _("Waiting-time targets"),
            _("Save"),
            intro=_("How long a person should wait at most in each queue (0 = no target)."),
        )
        self.services = services
        self.fields: dict[int, QSpinBox] = {}
        stats, reception = services.reception_stats, services.reception
        self.read(
            lambda: (stats.targets(), reception.teams()),
            self._show_targets,
            busy=_("loading the waiting-time targets"),
        )

    def _show_targets(self, loaded) -> None:
        targets, teams = loaded
        for team in teams:
            box = QSpinBox()
            box.setObjectName(f"target{team.id}")
            box.setRange(0, MAX_TARGET)
            box.setSuffix(_(" min"))
            box.setValue(targets.get(team.id, 0))
            self.fields[team.id] = box
            self.add_field("target", f"{team.letter} \u2014 {team.name}", box)
        if self.fields:
            next(iter(self.fields.values())).setFocus()

    def request(self):
        """Saved off the GUI thread (``FormDialog.request``)."""
        targets = {team: box.value() or None for team, box in self.fields.items()}
        stats = self.services.reception_stats
        return lambda: stats.set_targets(targets)
