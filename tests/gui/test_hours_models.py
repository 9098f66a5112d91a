"""The hours section's Qt models pass qtmodeltester; the chart draws what it is given."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt

from opsdesk.services.hours.records import BookingInput
from opsdesk.ui.hours.calendar_model import WeekModel
from opsdesk.ui.hours.contracts_page import CONTRACT_COLUMNS
from opsdesk.ui.hours.hours_chart import HoursChart
from opsdesk.ui.hours.session_table import session_model
from opsdesk.ui.hours.summary_tables import FORM_COLUMNS, MONTH_COLUMNS, QUARTER_COLUMNS
from opsdesk.ui.table_models import RecordTableModel


@pytest.fixture
def busy(hours):
    for day in (date(2026, 11, 3), date(2026, 11, 5), date(2026, 11, 26)):
        hours.psychologist.hours.record(hours.consultation(day, "12:00", 90))
    hours.clerk.hours_calendar.book(
        BookingInput(hours.psych.id, date(2026, 12, 1), time(13), 60, hours.clients["zofia"].id)
    )
    return hours


def test_week_model(qtmodeltester, busy):
    model = WeekModel()
    model.set_week(busy.psychologist.hours_calendar.week(busy.psych.id, date(2026, 12, 1)))
    qtmodeltester.check(model)
    assert model.columnCount() == 5 and model.rowCount() == 8
    assert model.headerData(1, Qt.Orientation.Horizontal) == "wt. 01.12"
    model.set_week(None)
    qtmodeltester.check(model)


def test_session_model(qtmodeltester, busy):
    model = session_model()
    model.set_records(busy.manager.hours.sessions(busy.psych.id, (2026, 11)))
    qtmodeltester.check(model)
    assert model.index(0, 4).data() == busy.clients["lukasz"].code


def test_summary_and_contract_models(qtmodeltester, busy):
    summary = busy.manager.hours_summary.contract_summary(busy.psych.id)
    for columns, rows in (
        (MONTH_COLUMNS, summary.months),
        (QUARTER_COLUMNS, summary.quarters),
        (FORM_COLUMNS, summary.forms),
        (CONTRACT_COLUMNS, busy.manager.contracts.list()),
    ):
        model = RecordTableModel(columns, key=lambda r: getattr(r, "key", id(r)))
        model.set_records(rows)
        qtmodeltester.check(model)
    quarters = RecordTableModel(QUARTER_COLUMNS, key=lambda r: r.key)
    quarters.set_records(summary.quarters)
    assert quarters.index(3, 0).data() == "4. kwartał 2026"
    assert quarters.index(3, 3).data() == "4 h 30 min"


def test_chart_paints_months(qtbot, busy):
    chart = HoursChart()
    qtbot.addWidget(chart)
    months = busy.manager.hours_summary.contract_summary(busy.psych.id).months
    chart.set_months("Godziny", list(months))
    chart.resize(600, 260)
    image = chart.grab().toImage()
    assert not image.isNull()
    assert "11.2026: 4 h 30 min / 15 h" in chart.accessibleDescription()


def _red_pixels(qtbot, rows) -> int:
    from opsdesk.ui.hours.hours_chart import OVER

    chart = HoursChart()
    qtbot.addWidget(chart)
    chart.set_months("Godziny", rows)
    chart.resize(600, 260)
    image = chart.grab().toImage()
    return sum(
        image.pixelColor(x, y).rgb() == OVER.rgb()
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    )


def test_a_month_within_its_budget_and_the_hours_carried_in_is_not_red(qtbot):
    """Issue 18: a carry-over contract's month over its own budget but within the budget plus
    what was carried in is within what was available."""
    from opsdesk.domain.hours import Budget
    from opsdesk.services.hours.records import PeriodRow

    within = PeriodRow((2026, 11), Budget(15 * 60, 17 * 60), carried_in=3 * 60)
    over = PeriodRow((2026, 11), Budget(15 * 60, 17 * 60), carried_in=60)
    plain_over = PeriodRow((2026, 11), Budget(15 * 60, 16 * 60))
    assert _red_pixels(qtbot, [within]) == 0
    assert _red_pixels(qtbot, [over]) > 100
    assert _red_pixels(qtbot, [plain_over]) > 100
