"""A social worker's own supervision: the sessions attended in a year and the hours."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.formatting import format_date
from opsdesk.i18n import N_, _
from opsdesk.services.hours.records import AttendanceRow, OwnSupervision
from opsdesk.ui.hours.controls import hours_text
from opsdesk.ui.operation import run_operation
from opsdesk.ui.table_models import RIGHT, Column, RecordTableModel, current_keeper

if TYPE_CHECKING:
    from opsdesk.services.registry import Services

ATTENDANCE_COLUMNS: tuple[Column[AttendanceRow], ...] = (
    Column(N_("Date"), lambda r: format_date(r.day), sort_key=lambda r: (r.day, r.start)),
    Column(N_("Time"), lambda r: f"{r.start:%H:%M}", sort_key=lambda r: r.start),
    Column(
        N_("Duration"), lambda r: hours_text(r.minutes), sort_key=lambda r: r.minutes, align=RIGHT
    ),
    Column(N_("Form"), lambda r: r.form.label),
    Column(N_("Supervisor"), lambda r: r.provider_name),
    Column(N_("Written consent"), lambda r: _("yes") if r.consent else _("no")),
)


class AttendancePage(QWidget):
    def __init__(self, services: Services, parent=None):
        super().__init__(parent)
        self.services = services
        self.setObjectName("attendancePage")
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(services.ctx.clock.today().year)
        self.year.setAccessibleName(_("Year"))
        self.year.valueChanged.connect(lambda _v: self.refresh())
        self.total = QLabel()
        self.total.setObjectName("attendanceTotal")
        self.model = RecordTableModel(ATTENDANCE_COLUMNS, self, key=lambda r: r.session_id)
        self.table = table = QTableView()
        table.setObjectName("attendanceTable")
        table.setModel(self.model)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("My supervision in")))
        top.addWidget(self.year)
        top.addWidget(self.total, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(table, 1)
        self.refresh()

    def follow(self) -> None:
        """Others recorded or changed supervision sessions: reload, keeping the chosen one."""
        self.refresh(current_keeper(self.table))

    def refresh(self, then: Callable[[], object] | None = None) -> None:
        """Load the year's supervision off the GUI thread (``ui.operation``; the newest
        switch of year wins); ``then`` runs once it is shown."""
        year, services = self.year.value(), self.services

        def work() -> tuple[object, OwnSupervision]:
            return services.hours_calendar.change_mark(), services.hours.own_supervision(year)

        def done(answer: tuple[object, OwnSupervision]) -> None:
            self.shown_mark, own = answer
            self.model.set_records(own.rows)
            self.total.setText(
                _("{sessions} sessions, {hours} in total.").format(
                    sessions=len(own.rows), hours=hours_text(own.minutes)
                )
            )
            if then is not None:
                then()

        run_operation(
            self.table,
            work,
            done,
            refused=lambda error: self.total.setText(str(error)),
            busy=_("loading your supervision"),
            when_running="replace",
        )
