"""The manager's contracts page warns about every contract's month: from 80 % of the budget
(bookings included) and when it is used up, in words as well as in colour."""

from __future__ import annotations

import os
from datetime import date, time
from pathlib import Path

from PySide6.QtCore import Qt
from waiting import operations_done

from opsdesk.domain.hours import BudgetLevel
from opsdesk.services.hours.records import BookingInput
from opsdesk.ui.hours.budget_panel import LEVEL_TINTS
from opsdesk.ui.hours.section import HoursSection

GRABS = Path(os.environ.get("OPSDESK_GRABS", "/tmp/opsdesk-grabs"))
WEEKDAYS = [date(2026, 11, d) for d in range(1, 30) if date(2026, 11, d).weekday() < 5]


def test_contracts_page_shows_the_months_alerts(qtbot, hours, qtmodeltester):
    for day in WEEKDAYS[:11]:
        hours.psychologist.hours.record(hours.consultation(day, "12:00", 60))
    hours.psychologist.hours_calendar.book(
        BookingInput(hours.psych.id, date(2026, 11, 30), time(14), 60, hours.clients["zofia"].id)
    )
    section = HoursSection(hours.manager)
    operations_done(qtbot)
    qtbot.addWidget(section)
    section.resize(1366, 768)
    section.show()
    page = section.pages["contracts"]
    section.setCurrentWidget(page)
    assert page.alerts.text() == (
        "Ostrzeżenia o budżecie na listopad 2026 (odbyte i zarezerwowane): 3/PS/2026 "
        "(Małgorzata Zielińska): 80% · wykorzystano co najmniej 80% budżetu."
    )
    model = page.model
    qtmodeltester.check(model)
    column = 4
    assert model.headerData(column, Qt.Orientation.Horizontal) == (
        "Ten miesiąc: odbyte i zarezerwowane"
    )
    texts = {
        model.record(row).number: model.index(row, column).data() for row in range(model.rowCount())
    }
    assert texts["3/PS/2026"].startswith("12 h z 15 h (80%) · ")
    assert texts["7/SU/2026"] == "0 min z 8 h (0%) · w granicach budżetu"
    psych_row = next(r for r in range(model.rowCount()) if model.record(r).number == "3/PS/2026")
    colour = model.index(psych_row, column).data(Qt.ItemDataRole.BackgroundRole)
    assert colour.name() == LEVEL_TINTS[BudgetLevel.NEAR]
    GRABS.mkdir(parents=True, exist_ok=True)
    section.grab().save(str(GRABS / "hours-contracts-budget-alerts.png"))


def test_the_contract_dialog_sets_carry_over_role_engagement_and_rate(qtbot, hours):
    from typing_keys import type_text

    from opsdesk.ui.hours.contract_dialog import ContractDialog

    dialog = ContractDialog(hours.manager, hours.manager.contracts.get(hours.psych.id))
    qtbot.addWidget(dialog)
    dialog.show()
    operations_done(qtbot)  # the providers come off the GUI thread
    assert dialog.hourly_rate.text() == "bez stawki"
    dialog.carry_over.setChecked(True)
    type_text(qtbot, dialog.project_role, "psycholog w projekcie")
    type_text(qtbot, dialog.engagement_form, "umowa zlecenie")
    dialog.hourly_rate.setValue(150.5)
    dialog.save()
    operations_done(qtbot)
    saved = hours.manager.contracts.get(hours.psych.id)
    assert saved.carry_over and saved.hourly_rate_grosze == 150_50
    assert (saved.project_role, saved.engagement_form) == (
        "psycholog w projekcie",
        "umowa zlecenie",
    )
