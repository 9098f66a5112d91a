"""The psychologist enters a month of sessions and watches the remaining hours fall; the
session over the budget is confirmed by the manager typing their login on the spot."""

from __future__ import annotations

from datetime import date

import pytest
from people import STAFF_PASSWORD
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QDialog
from typing_keys import type_text
from waiting import operations_done, slow_server

from opsdesk.ui.hours.approval_dialog import ApprovalDialog
from opsdesk.ui.hours.section import HoursSection
from opsdesk.ui.hours.session_dialog import SessionDialog

OCTOBER = [date(2026, 10, d) for d in (1, 6, 8, 13, 15, 20, 22, 27, 29)]  # Tue and Thu
CLIENTS = ("Kowalski", "Wąsowska", "Źdźbło")


@pytest.fixture
def section(qtbot, hours):
    # the client register shows a psychologist only their own clients: each was seen once
    for number, key in enumerate(("lukasz", "zofia", "grazyna")):
        hours.psychologist.hours.record(
            hours.consultation(date(2026, 9, 1 + number), "12:00", client=key)
        )
    widget = HoursSection(hours.psychologist)
    operations_done(qtbot)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    page = widget.pages["sessions"]
    page.month.set_month((2026, 10))
    operations_done(qtbot)
    return widget


def fill_dialog(
    qtbot, dialog: SessionDialog, start: str, minutes: int, client: str, note: str = ""
) -> None:
    hour, minute = map(int, start.split(":"))
    dialog.start.setTime(QTime(hour, minute))
    dialog.minutes.setValue(minutes)
    type_text(qtbot, dialog.clients.search, client)
    operations_done(qtbot)  # the search answers off the GUI thread
    assert dialog.clients.found.count() == 1
    assert dialog.clients.found.item(0).text().endswith(")")  # "Kowalski Łukasz (K-000001)"
    dialog.clients._take_first()
    if note:
        dialog.note.setPlainText(note)
    operations_done(qtbot)  # the budget is counted off the GUI thread


def test_a_month_of_sessions_lowers_the_remaining_hours(qtbot, hours, section):
    page = section.pages["sessions"]
    contract = page.contracts.contract()
    assert page.budget.month_line.text() == (
        "październik 2026: wykorzystano 0 min z 15 h, pozostało 15 h."
    )
    remaining = []
    for number, day in enumerate(OCTOBER):
        dialog = SessionDialog(hours.psychologist, contract, day=day, parent=page)
        qtbot.addWidget(dialog)
        fill_dialog(
            qtbot,
            dialog,
            "12:00",
            90,
            CLIENTS[number % 3],
            note="Notatka prywatna" if number == 0 else "",
        )
        assert "Po tej sesji z budżetu miesiąca pozostanie" in dialog.budget.after_line.text()
        dialog.save()
        operations_done(qtbot)
        assert dialog.result() == QDialog.DialogCode.Accepted, dialog.errors.messages()
        page.reload()
        operations_done(qtbot)
        remaining.append(page.budget.month_line.text().split("pozostało ")[1])
    assert remaining == [
        "13 h 30 min.",
        "12 h.",
        "10 h 30 min.",
        "9 h.",
        "7 h 30 min.",
        "6 h.",
        "4 h 30 min.",
        "3 h.",
        "1 h 30 min.",
    ]
    assert page.model.rowCount() == 9
    assert page.model.record(0).clients[0].display == "Łukasz Kowalski (K-000001)"


def test_over_the_budget_the_manager_confirms_on_the_spot(qtbot, hours, section, monkeypatch):
    for day in OCTOBER[:7]:
        hours.psychologist.hours.record(hours.consultation(day, "12:00", 120))  # 14 h
    page = section.pages["sessions"]
    page.reload()
    operations_done(qtbot)
    dialog = SessionDialog(
        hours.psychologist, page.contracts.contract(), day=OCTOBER[7], parent=page
    )
    qtbot.addWidget(dialog)
    fill_dialog(qtbot, dialog, "12:00", 90, "Kowalski")
    assert dialog.budget.after_line.text() == (
        "Z tą sesją budżet miesiąca zostanie przekroczony o 30 min: kierownik musi to potwierdzić."
    )
    seen = {}

    def manager_types(approval_dialog: ApprovalDialog):
        seen["message"] = approval_dialog.findChild(object, "exceededMessage").text()
        approval_dialog.reason.setPlainText("Interwencja po zdarzeniu w rodzinie")
        approval_dialog.login.setText("kierownik")
        approval_dialog.password.setText("złe hasło")
        approval_dialog.save()
        operations_done(qtbot)  # saved off the GUI thread
        seen["error"] = approval_dialog.errors.messages()
        approval_dialog.password.setText(STAFF_PASSWORD)
        approval_dialog.save()
        operations_done(qtbot)
        return approval_dialog.result()

    monkeypatch.setattr(ApprovalDialog, "exec", manager_types)
    dialog.save()
    operations_done(qtbot)
    assert seen["message"].startswith("Ta sesja przekracza budżet miesiąca: wykorzystano 14 h")
    assert seen["error"] == {"password": "Błędny login lub hasło kierownika."}
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.saved.over_budget_approved_by == "Jolanta Świątek"
    page.reload()
    operations_done(qtbot)
    assert "przekroczenie o 30 min" in page.budget.month_line.text()
    last = [page.model.record(r) for r in range(page.model.rowCount())][-1]
    assert "potwierdził(a) Jolanta Świątek" in page.model.data(
        page.model.index(page.model.row_of(last.id), 6)
    )


def test_refused_input_is_shown_next_to_the_fields(qtbot, hours, section):
    page = section.pages["sessions"]
    dialog = SessionDialog(
        hours.psychologist, page.contracts.contract(), day=OCTOBER[0], parent=page
    )
    qtbot.addWidget(dialog)
    dialog.minutes.setValue(0)
    dialog.save()
    operations_done(qtbot)
    assert dialog.errors.messages() == {
        "minutes": "Sesja musi trwać co najmniej minutę.",
        "clients": "Wybierz klienta.",
    }
    hours.psychologist.hours.record(hours.consultation(OCTOBER[0], "12:00", 60))
    fill_dialog(qtbot, dialog, "12:30", 60, "Wąsowska")
    dialog.save()
    operations_done(qtbot)
    assert dialog.errors.messages()["start"].startswith(
        "Ten termin koliduje z inną sesją wykonawcy: 01.10.2026 12:00–13:00"
    )


def test_the_manager_reads_codes_and_cannot_enter(qtbot, hours):
    hours.psychologist.hours.record(hours.consultation(OCTOBER[0], "12:00", 60))
    widget = HoursSection(hours.manager)
    operations_done(qtbot)
    qtbot.addWidget(widget)
    page = widget.pages["sessions"]
    page.month.set_month((2026, 10))
    operations_done(qtbot)
    assert page.model.record(0).people_label == hours.clients["lukasz"].code
    assert page.buttons["new"].isHidden() and not page.buttons["print"].isHidden()
    assert set(widget.pages) == {"sessions", "calendar", "summary", "contracts"}


@pytest.mark.parametrize(
    ("who", "tabs"),
    [
        ("psychologist", {"sessions", "calendar", "summary"}),
        ("supervisor", {"sessions", "summary"}),
        ("clerk", {"calendar"}),
        ("social_a", {"attendance"}),
        ("services_worker", {"attendance"}),
    ],
)
def test_each_role_gets_its_tabs(qtbot, hours, who, tabs):
    widget = HoursSection(getattr(hours, who))
    operations_done(qtbot)
    qtbot.addWidget(widget)
    assert set(widget.pages) == tabs


def test_enter_in_the_client_search_picks_the_client_and_does_not_save(qtbot, hours, section):
    page = section.pages["sessions"]
    dialog = SessionDialog(
        hours.psychologist, page.contracts.contract(), day=OCTOBER[0], parent=page
    )
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(qtbot, dialog.clients.search, "Kowalski")
    qtbot.keyClick(dialog.clients.search, Qt.Key.Key_Return)  # maybe before the answer
    operations_done(qtbot)
    assert dialog.isVisible() and dialog.saved is None
    assert [dialog.clients.chosen.item(i).text() for i in range(dialog.clients.chosen.count())] == [
        "Kowalski Łukasz (K-000001)"
    ]
    type_text(qtbot, dialog.clients.search, "Wąsowska")
    qtbot.keyClick(dialog.clients.search, Qt.Key.Key_Enter)
    operations_done(qtbot)
    assert dialog.isVisible() and dialog.saved is None
    assert dialog.clients.chosen.count() == 2
    assert hours.psychologist.hours.sessions(page.contracts.contract().id, (2026, 10)) == []


def test_the_task_performed_and_the_project_task_are_saved_for_the_sheet(qtbot, hours, section):
    page = section.pages["sessions"]
    dialog = SessionDialog(
        hours.psychologist, page.contracts.contract(), day=OCTOBER[0], parent=page
    )
    qtbot.addWidget(dialog)
    fill_dialog(qtbot, dialog, "12:00", 60, "Wąsowska")
    type_text(qtbot, dialog.task_done, "konsultacja psychologiczna — żałoba")
    type_text(qtbot, dialog.project_task, "Zadanie 2")
    dialog.resize(1366 * 2 // 5, dialog.height())
    dialog.save()
    operations_done(qtbot)
    saved = dialog.saved
    assert saved is not None
    record = hours.psychologist.hours.session(saved.id)
    assert (record.task_done, record.project_task) == (
        "konsultacja psychologiczna — żałoba",
        "Zadanie 2",
    )
    again = SessionDialog(hours.psychologist, page.contracts.contract(), session=record)
    qtbot.addWidget(again)
    assert again.task_done.text() == "konsultacja psychologiczna — żałoba"
    assert again.project_task.text() == "Zadanie 2"


def test_a_slow_server_never_freezes_the_window_while_a_session_saves(
    qtbot, hours, section, monkeypatch
):
    from opsdesk.ui.operation import operations

    page = section.pages["sessions"]
    operations_done(qtbot)
    dialog = SessionDialog(
        hours.psychologist, page.contracts.contract(), day=OCTOBER[0], parent=page
    )
    qtbot.addWidget(dialog)
    dialog.show()
    fill_dialog(qtbot, dialog, "12:00", 60, "Kowalski")
    with slow_server(monkeypatch, type(hours.psychologist.hours), "record") as slow:
        dialog.save()
        qtbot.waitUntil(lambda: operations().busy_text == "zapisywanie sesji", timeout=3000)
        assert not dialog.save_button.isEnabled()
        dialog.save()  # a second press saves nothing twice
        dialog.reject()  # nor does Esc take back what is being saved
        assert dialog.isVisible()
        # the event loop went on: the window never froze
        qtbot.waitUntil(lambda: slow.ticks >= 5, timeout=5000)
    operations_done(qtbot)
    assert len(slow.calls) == 1
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.saved is not None and dialog.saved.day == OCTOBER[0]
