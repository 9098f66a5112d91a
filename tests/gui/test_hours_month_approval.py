"""The month's approval on the sessions page: the psychologist submits November, the manager
returns it with a reason, approves it and reopens it; a locked month greys out the entry."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from typing_keys import type_text
from waiting import operations_done

from opsdesk.ui.hours.section import HoursSection

NOV = (2026, 11)
GRABS = Path(os.environ.get("OPSDESK_GRABS", "/tmp/opsdesk-grabs"))


def _page(qtbot, services):
    section = HoursSection(services)
    operations_done(qtbot)
    qtbot.addWidget(section)
    section.resize(1366, 768)
    section.show()
    page = section.pages["sessions"]
    page.month.set_month(NOV)
    operations_done(qtbot)
    return section, page


def _answer(qtbot, bar, reason: str) -> None:
    """Type ``reason`` into the reason dialog about to open and confirm it."""

    def answer():
        type_text(qtbot, bar.dialog.reason, reason)
        bar.dialog.save()

    QTimer.singleShot(0, answer)


@pytest.fixture
def november(hours):
    hours.psychologist.hours.record(hours.consultation(date(2026, 11, 3), "12:00", 60))
    return hours


def visible(page) -> set[str]:
    return {key for key, b in page.approval.buttons.items() if b.isVisibleTo(page)}


def test_submit_return_approve_and_reopen(qtbot, november):
    hours = november
    _section, mine = _page(qtbot, hours.psychologist)
    assert visible(mine) == {"submit", "other"}
    assert mine.approval.state.text() == "Stan miesiąca listopad 2026: otwarty"
    mine.approval.buttons["submit"].click()
    operations_done(qtbot)
    assert mine.approval.state.text().startswith(
        "Stan miesiąca listopad 2026: przekazany do zatwierdzenia — Małgorzata Zielińska"
    )
    assert visible(mine) == set()
    mine.reload()  # a submitted month waits for the manager: no entry until it is returned
    operations_done(qtbot)
    assert not mine.buttons["new"].isEnabled()
    assert mine.message.text() == (
        "Miesiąc jest przekazany; aby go poprawić, poproś kierownika o zwrócenie go."
    )

    section, theirs = _page(qtbot, hours.manager)
    theirs.contracts.setCurrentIndex(theirs.contracts.findData(hours.psych.id))
    operations_done(qtbot)
    assert visible(theirs) == {"approve", "return"}
    _answer(qtbot, theirs.approval, "Brak sesji z 12 listopada")
    theirs.approval.buttons["return"].click()
    operations_done(qtbot)
    assert "zwrócony do poprawy" in theirs.approval.state.text()
    assert "(Brak sesji z 12 listopada)" in theirs.approval.state.text()

    mine.reload()
    operations_done(qtbot)
    assert mine.buttons["new"].isEnabled()  # returned: open for the correction
    mine.approval.buttons["submit"].click()
    operations_done(qtbot)
    theirs.reload()
    operations_done(qtbot)
    theirs.approval.buttons["approve"].click()
    operations_done(qtbot)
    assert "zatwierdzony, zamknięty — Jolanta Świątek, 30.11.2026" in theirs.approval.state.text()
    assert visible(theirs) == {"reopen"}
    GRABS.mkdir(parents=True, exist_ok=True)
    section.grab().save(str(GRABS / "hours-month-approved-manager.png"))

    mine.reload()
    operations_done(qtbot)
    assert not mine.buttons["new"].isEnabled()
    assert mine.message.text() == (
        "Miesiąc jest zatwierdzony i zamknięty; aby go poprawić, poproś kierownika o ponowne "
        "otwarcie."
    )
    mine.window().grab().save(str(GRABS / "hours-month-locked-psychologist.png"))

    _answer(qtbot, theirs.approval, "Sesja trwała 90 minut")
    theirs.approval.buttons["reopen"].click()
    operations_done(qtbot)
    assert "otwarty ponownie do korekty" in theirs.approval.state.text()
    assert "korekta nr 1" in theirs.approval.state.text()
    mine.reload()
    operations_done(qtbot)
    assert mine.buttons["new"].isEnabled() and visible(mine) == {"submit", "other"}


def test_a_return_without_a_reason_keeps_the_dialog_open_with_the_message(qtbot, november):
    hours = november
    hours.psychologist.month_approvals.submit(hours.psych.id, NOV)
    section, page = _page(qtbot, hours.manager)
    page.contracts.setCurrentIndex(page.contracts.findData(hours.psych.id))
    operations_done(qtbot)
    seen = {}

    def answer():
        dialog = page.approval.dialog
        dialog.save()
        operations_done(qtbot)  # the refusal comes back off the GUI thread
        seen["error"] = dialog.errors.messages()
        seen["open"] = dialog.isVisible()
        dialog.grab().save(str(GRABS / "hours-month-return-dialog.png"))
        dialog.reject()

    GRABS.mkdir(parents=True, exist_ok=True)
    QTimer.singleShot(0, answer)
    page.approval.buttons["return"].click()
    operations_done(qtbot)
    assert seen == {"error": {"reason": "Podaj powód."}, "open": True}
    assert "przekazany do zatwierdzenia" in page.approval.state.text()


def test_the_person_enters_hours_in_other_projects_with_a_message_by_the_field(qtbot, november):
    hours = november
    _section, mine = _page(qtbot, hours.psychologist)
    seen = {}

    def answer():
        dialog = mine.approval.dialog
        dialog.hours.setValue(280)
        dialog.save()
        operations_done(qtbot)  # the refusal comes back off the GUI thread
        seen["error"] = dialog.errors.messages()
        dialog.grab().save(str(GRABS / "hours-other-projects-dialog.png"))
        dialog.hours.setValue(100)
        dialog.save()

    QTimer.singleShot(0, answer)
    mine.approval.buttons["other"].click()
    operations_done(qtbot)
    assert seen["error"]["other_minutes"].startswith("Przy 1 h w tym projekcie")
    status = hours.psychologist.month_approvals.status(hours.psych.id, NOV)
    assert status.other_project_minutes == 100 * 60
