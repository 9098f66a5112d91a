"""The summary screen shows carried-over hours in its month and quarter tables for a contract
that lets unused hours move on, and keeps its plain columns for one that does not."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from waiting import operations_done

from opsdesk.ui.hours.section import HoursSection

GRABS = Path(os.environ.get("OPSDESK_GRABS", "/tmp/opsdesk-grabs"))


def _headers(view) -> list[str]:
    model = view.model()
    return [
        model.headerData(column, Qt.Orientation.Horizontal)
        for column in range(model.columnCount())
        if not view.isColumnHidden(column)
    ]


def _row(view, label: str) -> list[str]:
    model = view.model()
    for row in range(model.rowCount()):
        if model.index(row, 0).data() == label:
            return [
                model.index(row, column).data()
                for column in range(model.columnCount())
                if not view.isColumnHidden(column)
            ]
    raise AssertionError(f"no row {label!r}")


def test_the_summary_shows_what_was_carried_in_and_out(qtbot, hours):
    carrying = hours.carrying_contract()
    section = HoursSection(hours.manager)
    operations_done(qtbot)
    qtbot.addWidget(section)
    section.resize(1366, 768)
    section.show()
    page = section.pages["summary"]
    section.setCurrentWidget(page)
    page.contracts.setCurrentIndex(page.contracts.findData(carrying.id))
    operations_done(qtbot)
    assert _headers(page.months)[:6] == [
        "Miesiąc",
        "Budżet",
        "Przeniesione z poprzedniego miesiąca",
        "Wykorzystano",
        "Pozostało",
        "Przechodzi na następny miesiąc",
    ]
    assert _row(page.months, "listopad 2026")[:6] == [
        "listopad 2026",
        "15 h",
        "5 h",
        "19 h",
        "1 h",
        "1 h",
    ]
    assert _row(page.months, "wrzesień 2026")[4:6] == ["przekroczenie o 5 h", ""]
    page.tabs.setCurrentIndex(1)
    assert _row(page.quarters, "4. kwartał 2026")[:6] == [
        "4. kwartał 2026",
        "45 h",
        "",
        "29 h",
        "16 h",
        "16 h",
    ]
    page.tabs.setCurrentIndex(0)
    GRABS.mkdir(parents=True, exist_ok=True)
    scale = os.environ.get("QT_SCALE_FACTOR", "1")
    section.grab().save(str(GRABS / f"hours-summary-carry-{scale}.png"))
    # a contract without carry-over keeps its columns
    page.contracts.setCurrentIndex(page.contracts.findData(hours.psych.id))
    operations_done(qtbot)
    headers = _headers(page.months)
    assert not [h for h in headers if "Przen" in h or "Przechodzi" in h]
