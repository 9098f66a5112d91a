"""The hours screens on a slow server (issue 15, item 4): every load and every change runs off
the GUI thread with its busy text in Polish, the window goes on meanwhile, a load asked for
again shows only the newest answer, and nothing pressed twice is done twice."""

from __future__ import annotations

import os
from datetime import date, time
from pathlib import Path

import pytest
from people import STAFF_PASSWORD
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget
from typing_keys import type_text
from waiting import operations_done, server_away, slow_server

from opsdesk.domain.hours import SessionState
from opsdesk.services.hours.records import BookingInput
from opsdesk.ui.operation import operations

GRABS = Path(os.environ.get("OPSDESK_GRABS", "/tmp/opsdesk-grabs"))
TUESDAY = date(2026, 12, 1)
OCTOBER = [date(2026, 10, d) for d in (1, 6, 8, 13, 15, 20, 22, 27, 29)]  # Tue and Thu


def busy(qtbot, text: str) -> None:
    """Wait until the status line says what opsdesk waits for."""
    qtbot.waitUntil(lambda: operations().busy_text == text, timeout=3000)


def grab(widget: QWidget, name: str) -> None:
    GRABS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(GRABS / f"{name}.png"))


def shown(qtbot, widget: QWidget, size: tuple[int, int] | None = (1366, 768)) -> QWidget:
    qtbot.addWidget(widget)
    if size is not None:
        widget.resize(*size)
    widget.show()
    operations_done(qtbot)
    return widget


def book(hours, day: date, hour: int, client: str = "zofia") -> None:
    hours.clerk.hours_calendar.book(
        BookingInput(hours.psych.id, day, time(hour), 60, hours.clients[client].id)
    )


# --- 1. the summaries ---------------------------------------------------------------------


def test_the_summary_of_a_contract_loads_off_the_gui_thread_the_newest_wins(
    qtbot, hours, monkeypatch
):
    from opsdesk.ui.hours.summary_page import SummaryPage

    page = shown(qtbot, SummaryPage(hours.manager))
    page.contracts.setCurrentIndex(page.contracts.findData(hours.supervision.id))
    operations_done(qtbot)
    assert page.months_model.rowCount() == 12  # 2026
    with slow_server(monkeypatch, type(hours.manager.hours_summary), "contract_summary") as slow:
        page.contracts.setCurrentIndex(page.contracts.findData(hours.psych.id))
        busy(qtbot, "wczytywanie zestawienia")
        grab(page, "hours-summary-busy")
        page.contracts.setCurrentIndex(page.contracts.findData(hours.supervision.id))
        page.contracts.setCurrentIndex(page.contracts.findData(hours.psych.id))
        # the supervisor's hours are never shown under the psychologist's contract
        assert page.months_model.rowCount() == 0
        assert page.chart.months() == []
        assert page.project_line.text() == "Wczytywanie zestawienia umowy 3/PS/2026…"
        # the event loop went on: the window never froze
        qtbot.waitUntil(lambda: slow.ticks >= 5, timeout=5000)
    operations_done(qtbot)
    assert [call[0] for call in slow.calls] == [hours.psych.id, hours.psych.id]
    assert page.months_model.rowCount() == 18  # January 2026 to June 2027


def test_the_projects_and_the_years_supervision_load_off_the_gui_thread(qtbot, hours, monkeypatch):
    from opsdesk.ui.hours.summary_page import SummaryPage

    hours.supervisor.hours.record(hours.supervision_session(date(2026, 11, 3), "09:00"))
    page = shown(qtbot, SummaryPage(hours.manager))
    assert page.year_model is not None and page.year_model.rowCount() == 2
    summary = type(hours.manager.hours_summary)
    with (
        slow_server(monkeypatch, summary, "supervision_by_worker") as year,
        slow_server(monkeypatch, summary, "projects") as projects,
    ):
        page.year.setValue(2025)
        busy(qtbot, "wczytywanie godzin superwizji")
        page.year.setValue(2026)
        page.refresh()
        assert page.year_model.rowCount() == 2
        qtbot.waitUntil(lambda: year.ticks >= 5, timeout=5000)
    operations_done(qtbot)
    assert year.calls == [(2025,), (2026,)]  # the running one, then only the newest
    assert page.year_model.rowCount() == 2
    assert len(projects.calls) == 1
    assert page.projects_model is not None and page.projects_model.rowCount() == 2


# --- 2. the contract lists ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("page_name", "who", "service", "method"),
    [
        ("sessions_page.SessionsPage", "psychologist", "contracts", "list"),
        ("summary_page.SummaryPage", "psychologist", "contracts", "list"),
        ("calendar_page.CalendarPage", "clerk", "hours_calendar", "bookable"),
        ("calendar_page.CalendarPage", "manager", "contracts", "list"),
    ],
)
def test_each_pages_contract_list_loads_off_the_gui_thread(
    qtbot, hours, monkeypatch, page_name, who, service, method
):
    import importlib

    module, name = page_name.split(".")
    page_class = getattr(importlib.import_module(f"opsdesk.ui.hours.{module}"), name)
    services = getattr(hours, who)
    page = shown(qtbot, page_class(services))
    assert page.contracts.current_id() == hours.psych.id
    with slow_server(monkeypatch, type(getattr(services, service)), method) as slow:
        page.refresh()
        busy(qtbot, "wczytywanie umów")
        page.refresh()  # shown again meanwhile: one more load waits, no pile-up
        page.refresh()
        assert page.contracts.current_id() == hours.psych.id  # the list shown stays
        qtbot.waitUntil(lambda: slow.ticks >= 5, timeout=5000)
    operations_done(qtbot)
    assert len(slow.calls) == 2
    assert page.contracts.current_id() == hours.psych.id


# --- 3. my supervision --------------------------------------------------------------------


def test_my_supervision_loads_off_the_gui_thread(qtbot, hours, monkeypatch):
    from opsdesk.ui.hours.attendance_page import AttendancePage

    hours.supervisor.hours.record(hours.supervision_session(date(2026, 11, 3), "09:00"))
    page = shown(qtbot, AttendancePage(hours.social_a))
    assert page.model.rowCount() == 1
    total = page.total.text()
    with slow_server(monkeypatch, type(hours.social_a.hours), "own_supervision") as slow:
        page.year.setValue(2025)
        busy(qtbot, "wczytywanie Twojej superwizji")
        grab(page, "hours-attendance-busy")
        page.year.setValue(2026)
        assert page.model.rowCount() == 1 and page.total.text() == total
        qtbot.waitUntil(lambda: slow.ticks >= 5, timeout=5000)
    operations_done(qtbot)
    assert slow.calls == [(2025,), (2026,)]
    assert page.model.rowCount() == 1 and page.total.text() == total


# --- 4. removing, no-shows, cancelling and booking -----------------------------------------


@pytest.mark.parametrize(
    ("button", "method", "text", "state"),
    [
        ("no_show", "mark_no_show", "zapisywanie nieobecności klienta", SessionState.NO_SHOW),
        ("cancel", "cancel", "usuwanie sesji", SessionState.CANCELLED),
    ],
)
def test_a_sessions_change_runs_once_off_the_gui_thread(
    qtbot, hours, clock, monkeypatch, button, method, text, state
):
    from opsdesk.ui.hours.sessions_page import SessionsPage

    book(hours, TUESDAY, 13)
    clock.advance(days=1, hours=6)  # Tuesday afternoon
    page = shown(qtbot, SessionsPage(hours.psychologist))
    page.month.set_month((2026, 12))
    operations_done(qtbot)
    page.table.setCurrentIndex(page.proxy.index(0, 0))
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    with slow_server(monkeypatch, type(hours.psychologist.hours), method) as slow:
        page.buttons[button].click()
        busy(qtbot, text)
        grab(page, f"hours-sessions-{button}-busy")
        page.buttons[button].click()  # pressed again while it runs: done once
        qtbot.waitUntil(lambda: slow.ticks >= 5, timeout=5000)
    operations_done(qtbot)
    assert len(slow.calls) == 1
    assert page.model.record(0).state is state


def test_switching_the_month_never_shows_one_months_sessions_under_another(
    qtbot, hours, monkeypatch
):
    """The month switcher names January at once; December's sessions go while January's
    load (the page says so), and January's come with their budget."""
    from opsdesk.ui.hours.sessions_page import SessionsPage

    book(hours, TUESDAY, 13)
    page = shown(qtbot, SessionsPage(hours.psychologist))
    page.month.set_month((2026, 12))
    operations_done(qtbot)
    assert page.model.rowCount() == 1
    with slow_server(monkeypatch, type(hours.psychologist.hours), "sessions") as slow:
        page.month.set_month((2027, 1))
        busy(qtbot, "wczytywanie sesji")
        assert page.model.rowCount() == 0
        assert page.budget.month_line.text() == "Wczytywanie sesji (styczeń 2027)…"
        grab(page, "hours-sessions-month-loading")
        qtbot.waitUntil(lambda: slow.ticks >= 5, timeout=5000)
    operations_done(qtbot)
    assert page.model.rowCount() == 0 and page.message.text() == ""
    assert (
        page.budget.month_line.text() == "styczeń 2027: wykorzystano 0 min z 15 h, pozostało 15 h."
    )
    page.follow()  # another workstation's change: the same month is kept on the screen meanwhile
    assert page.budget.month_line.text().startswith("styczeń 2027:")
    operations_done(qtbot)


def test_an_export_is_read_built_and_written_once_off_the_gui_thread(
    qtbot, hours, tmp_path, monkeypatch
):
    from opsdesk.ui.hours import export_file
    from opsdesk.ui.hours.sessions_page import SessionsPage

    book(hours, TUESDAY, 13)
    page = shown(qtbot, SessionsPage(hours.psychologist))
    page.month.set_month((2026, 12))
    operations_done(qtbot)
    asked = []

    def answer(*_args):
        asked.append(1)
        return str(tmp_path / "grudzien.csv"), ""

    monkeypatch.setattr(export_file, "ask_path", answer)
    with slow_server(monkeypatch, type(hours.psychologist.hours_exports), "sessions") as slow:
        page.buttons["export"].click()
        busy(qtbot, "eksportowanie")
        page.buttons["export"].click()  # pressed again while it runs: asks nothing
        qtbot.waitUntil(lambda: slow.ticks >= 5, timeout=5000)
        assert not (tmp_path / "grudzien.csv").exists()
    operations_done(qtbot)
    assert len(slow.calls) == 1 and asked == [1]
    assert page.message.text() == f"Zapisano w pliku {tmp_path / 'grudzien.csv'}"
    assert "01.12.2026;13:00" in (tmp_path / "grudzien.csv").read_text("utf-8-sig")


def test_an_export_refused_by_the_server_or_the_disk_is_said_on_the_page(
    qtbot, hours, tmp_path, monkeypatch
):
    from opsdesk.ui.hours import export_file
    from opsdesk.ui.hours.sessions_page import SessionsPage

    page = shown(qtbot, SessionsPage(hours.psychologist))
    monkeypatch.setattr(export_file, "ask_path", lambda *_a: (str(tmp_path / "a.xlsx"), ""))
    server_away(monkeypatch, type(hours.psychologist.hours_exports), "sessions")
    page.buttons["export"].click()
    operations_done(qtbot)
    assert page.message.text() == "Brak połączenia z serwerem bazy danych."
    assert not (tmp_path / "a.xlsx").exists()
    monkeypatch.undo()
    folder_gone = tmp_path / "gone" / "a.xlsx"
    monkeypatch.setattr(export_file, "ask_path", lambda *_a: (str(folder_gone), ""))
    page.buttons["export"].click()
    operations_done(qtbot)
    assert page.message.text().startswith("Nie udało się zapisać pliku")


def test_a_session_is_read_off_the_gui_thread_before_its_dialog_opens_once(
    qtbot, hours, monkeypatch
):
    from opsdesk.ui.hours.session_dialog import SessionDialog
    from opsdesk.ui.hours.sessions_page import SessionsPage

    hours.psychologist.hours.record(hours.consultation(OCTOBER[0], "12:00", note="Notatka"))
    page = shown(qtbot, SessionsPage(hours.psychologist))
    page.month.set_month((2026, 10))
    operations_done(qtbot)
    page.table.setCurrentIndex(page.proxy.index(0, 0))
    opened = []

    def person_reads(dialog: SessionDialog):
        opened.append(dialog.note.toPlainText())
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(SessionDialog, "exec", person_reads)
    with slow_server(monkeypatch, type(hours.psychologist.hours), "session") as slow:
        page.buttons["edit"].click()
        busy(qtbot, "otwieranie sesji")
        page.buttons["edit"].click()  # pressed again while it is read: one dialog
        qtbot.waitUntil(lambda: slow.ticks >= 5, timeout=5000)
        assert opened == []
    operations_done(qtbot)
    assert len(slow.calls) == 1
    assert opened == ["Notatka"]


def test_the_calendars_cancel_runs_once_off_the_gui_thread(qtbot, hours, monkeypatch):
    from opsdesk.ui.hours.calendar_page import CalendarPage

    book(hours, TUESDAY, 12)
    page = shown(qtbot, CalendarPage(hours.clerk))
    assert page.select(lambda s: s.status == "booked")
    with slow_server(monkeypatch, type(hours.clerk.hours_calendar), "cancel_booking") as slow:
        page.buttons["cancel"].click()
        busy(qtbot, "odwoływanie rezerwacji")
        grab(page, "hours-calendar-cancel-busy")
        page.buttons["cancel"].click()
        qtbot.waitUntil(lambda: slow.ticks >= 5, timeout=5000)
    operations_done(qtbot)
    assert len(slow.calls) == 1
    model = page.model
    assert "12:00–13:00 wolny" in [
        model.index(row, column).data()
        for row in range(model.rowCount())
        for column in range(model.columnCount())
    ]


def test_switching_the_psychologist_or_the_week_never_shows_one_week_under_another(
    qtbot, hours, monkeypatch
):
    """While the other psychologist's week loads, the first one's bookings are gone and no
    slot can be booked under the new name; a week's slots never stand under another week's
    dates; another workstation's change keeps the week on the screen meanwhile."""
    from opsdesk.ui.hours.calendar_page import CalendarPage

    other = hours.carrying_contract()
    book(hours, TUESDAY, 12)
    page = shown(qtbot, CalendarPage(hours.clerk))
    page.contracts.setCurrentIndex(page.contracts.findData(hours.psych.id))
    operations_done(qtbot)
    assert page.select(lambda s: s.status == "booked")
    with slow_server(monkeypatch, type(hours.clerk.hours_calendar), "week") as slow:
        page.contracts.setCurrentIndex(page.contracts.findData(other.id))
        busy(qtbot, "wczytywanie kalendarza")
        assert page.model.rowCount() == 0 and page.current_slot() is None
        assert not page.buttons["book"].isEnabled() and not page.buttons["cancel"].isEnabled()
        assert page.message.text() == f"Wczytywanie tygodnia: {other.label}…"
        assert not page.budget_bar.isVisible()
        grab(page, "hours-calendar-psychologist-loading")
        qtbot.waitUntil(lambda: slow.ticks >= 5, timeout=5000)
    operations_done(qtbot)
    assert page.model.rowCount() > 0 and not page.select(lambda s: s.status == "booked")
    assert page.budget_bar.isVisible()
    with slow_server(monkeypatch, type(hours.clerk.hours_calendar), "week"):
        page.move_days(7)
        busy(qtbot, "wczytywanie kalendarza")
        assert page.model.rowCount() == 0
        assert page.week_label.text() == "07.12.2026 – 13.12.2026"
    operations_done(qtbot)
    assert page.model.rowCount() > 0
    assert page.select(lambda s: s.day == date(2026, 12, 8))
    page.follow()  # another workstation's change: the week and the chosen slot stay meanwhile
    assert page.model.rowCount() > 0
    operations_done(qtbot)
    assert page.current_slot().day == date(2026, 12, 8)


def test_booking_a_client_searches_and_books_off_the_gui_thread(qtbot, hours, monkeypatch):
    from opsdesk.ui.hours.booking_dialog import BookingDialog
    from opsdesk.ui.hours.calendar_page import CalendarPage

    page = shown(qtbot, CalendarPage(hours.clerk))
    assert page.select(lambda s: s.free and s.day == TUESDAY and s.start == time(13))
    dialog = BookingDialog(hours.clerk, page.contracts.contract(), page.current_slot(), page)
    shown(qtbot, dialog, None)
    assert dialog.budget_bar.format() == "0% · w granicach budżetu"
    with slow_server(monkeypatch, type(hours.clerk.clients), "search") as search:
        type_text(qtbot, dialog.search, "wąs")
        busy(qtbot, "wyszukiwanie klienta")
        qtbot.waitUntil(lambda: search.ticks >= 5, timeout=5000)
    operations_done(qtbot)
    assert [call[0] for call in search.calls] == ["wą", "wąs"]  # the newest wins
    assert dialog.found.count() == 1
    with slow_server(monkeypatch, type(hours.clerk.hours_calendar), "book") as slow:
        dialog.book()
        busy(qtbot, "zapisywanie klienta na wizytę")
        grab(dialog, "hours-booking-dialog-busy")
        assert not dialog.ok_button.isEnabled()
        dialog.book()  # a second press books nothing twice
        dialog.reject()  # nor does Esc take back what is being saved
        assert dialog.isVisible()
        qtbot.waitUntil(lambda: slow.ticks >= 5, timeout=5000)
    operations_done(qtbot)
    assert len(slow.calls) == 1
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.booked.client_code == hours.clients["zofia"].code


# --- 5. the session dialog's budget preview ----------------------------------------------------


def test_the_budget_preview_follows_typing_off_the_gui_thread(qtbot, hours, monkeypatch):
    from opsdesk.ui.hours.session_dialog import SessionDialog

    contract = hours.psychologist.contracts.get(hours.psych.id)
    dialog = shown(qtbot, SessionDialog(hours.psychologist, contract, day=OCTOBER[0]), None)
    with slow_server(monkeypatch, type(hours.psychologist.hours), "check") as slow:
        dialog.minutes.setValue(90)
        busy(qtbot, "liczenie budżetu")
        grab(dialog, "hours-session-dialog-budget-busy")
        dialog.minutes.setValue(120)
        dialog.minutes.setValue(150)
        qtbot.waitUntil(lambda: slow.ticks >= 5, timeout=5000)
    operations_done(qtbot)
    assert [call[2] for call in slow.calls] == [90, 150]  # the running one, then the newest
    assert "12 h 30 min" in dialog.budget.after_line.text()


def test_the_session_dialogs_client_search_runs_off_the_gui_thread(qtbot, hours, monkeypatch):
    from PySide6.QtCore import Qt

    from opsdesk.ui.hours.session_dialog import SessionDialog

    contract = hours.psychologist.contracts.get(hours.psych.id)
    dialog = shown(qtbot, SessionDialog(hours.psychologist, contract, day=OCTOBER[0]), None)
    with slow_server(monkeypatch, type(hours.psychologist.clients), "search") as slow:
        type_text(qtbot, dialog.clients.search, "Kow")
        busy(qtbot, "wyszukiwanie klienta")
        grab(dialog, "hours-session-dialog-search-busy")
        qtbot.keyClick(dialog.clients.search, Qt.Key.Key_Return)  # before the answer
        qtbot.waitUntil(lambda: slow.ticks >= 5, timeout=5000)
        assert dialog.clients.chosen.count() == 0
    operations_done(qtbot)
    assert [call[0] for call in slow.calls] == ["Ko", "Kow"]  # the running one, the newest
    assert dialog.clients.chosen.item(0).text() == "Kowalski Łukasz (K-000001)"
    assert dialog.isVisible() and dialog.saved is None  # Enter picked, it did not save


# --- 6. the over-budget approval's save -------------------------------------------------------


def test_the_managers_approval_saves_once_off_the_gui_thread(qtbot, hours, monkeypatch):
    from opsdesk.ui.hours.approval_dialog import ApprovalDialog
    from opsdesk.ui.hours.session_dialog import SessionDialog

    held = [
        hours.psychologist.hours.record(hours.consultation(day, "12:00", 120))  # 14 h
        for day in OCTOBER[:7]
    ]
    contract = hours.psychologist.contracts.get(hours.psych.id)
    dialog = shown(qtbot, SessionDialog(hours.psychologist, contract, day=OCTOBER[7]), None)
    dialog.minutes.setValue(90)
    dialog.clients.set_clients(held[0].clients)
    seen: dict[str, object] = {}
    service = type(hours.psychologist.hours)

    def manager_types(approval: ApprovalDialog):
        approval.show()
        approval.reason.setPlainText("Interwencja po zdarzeniu w rodzinie")
        approval.login.setText("kierownik")
        approval.password.setText(STAFF_PASSWORD)
        with slow_server(monkeypatch, service, "record") as slow:
            approval.save()
            busy(qtbot, "zapisywanie sesji")
            grab(approval, "hours-approval-dialog-busy")
            seen["ok enabled"] = approval.ok_button.isEnabled()
            approval.save()  # a second press saves nothing twice
            approval.reject()
            seen["open"] = approval.isVisible()
            seen["ticks"] = slow.ticks
        operations_done(qtbot)
        seen["calls"] = len(slow.calls)
        return approval.result()

    monkeypatch.setattr(ApprovalDialog, "exec", manager_types)
    dialog.save()
    operations_done(qtbot)
    assert seen["ok enabled"] is False and seen["open"] is True
    assert seen["ticks"] >= 5 and seen["calls"] == 1
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.saved is not None and dialog.saved.over_budget_approved_by == "Jolanta Świątek"


# --- 7. hours in other projects, the contracts page and the contract dialog ----------------


def test_hours_in_other_projects_save_once_off_the_gui_thread(qtbot, hours, monkeypatch):
    from opsdesk.ui.hours.month_approval import OtherProjectsDialog

    approvals = hours.psychologist.month_approvals
    dialog = OtherProjectsDialog(
        lambda minutes: approvals.declare_other_projects(hours.psych.id, (2026, 11), minutes),
        None,
    )
    shown(qtbot, dialog, None)
    dialog.hours.setValue(20)
    with slow_server(monkeypatch, type(approvals), "declare_other_projects") as slow:
        dialog.save()
        busy(qtbot, "zapisywanie godzin w innych projektach")
        grab(dialog, "hours-other-projects-busy")
        dialog.save()
        dialog.reject()
        qtbot.waitUntil(lambda: slow.ticks >= 5, timeout=5000)
        assert dialog.isVisible()
    operations_done(qtbot)
    assert len(slow.calls) == 1
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert approvals.status(hours.psych.id, (2026, 11)).other_project_minutes == 20 * 60


def test_the_contracts_page_loads_off_the_gui_thread(qtbot, hours, monkeypatch):
    from opsdesk.ui.hours.contracts_page import ContractsPage

    page = shown(qtbot, ContractsPage(hours.manager))
    assert page.model.rowCount() == 2
    alerts = page.alerts.text()
    with slow_server(monkeypatch, type(hours.manager.hours_summary), "month_overview") as slow:
        page.refresh()
        busy(qtbot, "wczytywanie umów")
        grab(page, "hours-contracts-busy")
        page.refresh()
        page.refresh()
        assert page.model.rowCount() == 2 and page.alerts.text() == alerts
        qtbot.waitUntil(lambda: slow.ticks >= 5, timeout=5000)
    operations_done(qtbot)
    assert len(slow.calls) == 2
    assert page.model.rowCount() == 2 and page.alerts.text() == alerts


def test_the_contract_dialog_loads_and_saves_off_the_gui_thread(qtbot, hours, monkeypatch):
    from opsdesk.ui.hours.contract_dialog import ContractDialog

    contracts = type(hours.manager.contracts)
    with slow_server(monkeypatch, contracts, "providers") as providers:
        dialog = ContractDialog(hours.manager, hours.manager.contracts.get(hours.psych.id))
        qtbot.addWidget(dialog)
        dialog.show()
        busy(qtbot, "wczytywanie wykonawców")
        grab(dialog, "hours-contract-dialog-providers-busy")
        assert not dialog.save_button.isEnabled()  # the provider is not known yet
        qtbot.waitUntil(lambda: providers.ticks >= 5, timeout=5000)
    operations_done(qtbot)
    assert len(providers.calls) == 1
    assert dialog.provider.currentData() == hours.psychologist.actor.id
    dialog.number.setText("3/PS/2026/A")
    with slow_server(monkeypatch, contracts, "update") as slow:
        dialog.save()
        busy(qtbot, "zapisywanie umowy")
        grab(dialog, "hours-contract-dialog-busy")
        assert not dialog.save_button.isEnabled()
        dialog.save()
        dialog.reject()
        qtbot.waitUntil(lambda: slow.ticks >= 5, timeout=5000)
        assert dialog.isVisible()
    operations_done(qtbot)
    assert len(slow.calls) == 1
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert hours.manager.contracts.get(hours.psych.id).number == "3/PS/2026/A"


# --- the supervision participants' list ------------------------------------------------------


def test_a_supervision_session_dialog_opens_at_once_and_its_participants_come_with_the_answer(
    qtbot, hours, monkeypatch
):
    from opsdesk.ui.hours.session_dialog import UPDATE, SessionDialog

    service = hours.supervisor.hours
    with slow_server(monkeypatch, type(service), "social_workers") as workers:
        dialog = SessionDialog(hours.supervisor, hours.supervision, day=date(2026, 11, 27))
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: len(workers.calls) == 1, timeout=3000)
        chooser = dialog.participants
        assert chooser is not None and chooser.loading.isVisible()
        assert chooser.loading.text() == "Wczytywanie…" and chooser.model.rowCount() == 0
        assert not dialog.save_button.isEnabled()
        dialog.save()  # Enter pressed before the list is there: nothing is saved
        dialog.save()
        qtbot.wait(200)
        qtbot.waitUntil(lambda: workers.ticks >= 5, timeout=5000)  # the window answers
        assert len(workers.calls) == 1
        assert service.sessions(hours.supervision.id, (2026, 11)) == []
    operations_done(qtbot)
    assert len(workers.calls) == 1  # read once
    assert not chooser.loading.isVisible() and dialog.save_button.isEnabled()
    names = [chooser.model.item(r, 0).text() for r in range(chooser.model.rowCount())]
    assert names == [name for _id, name in service.social_workers()]
    chooser.check(hours.social_a.actor.id, consent=True)
    dialog.save()
    operations_done(qtbot)
    assert dialog.errors.messages() == {}
    saved = service.sessions(hours.supervision.id, (2026, 11))
    assert len(saved) == 1 and [(p.staff_id, p.consent) for p in saved[0].participants] == [
        (hours.social_a.actor.id, True)
    ]

    # a session corrected later: its participants are ticked once the list is there
    with slow_server(monkeypatch, type(service), "social_workers") as workers:
        again = SessionDialog(hours.supervisor, hours.supervision, session=saved[0], mode=UPDATE)
        qtbot.addWidget(again)
        again.show()
        qtbot.waitUntil(lambda: len(workers.calls) == 1, timeout=3000)
        qtbot.wait(200)
        qtbot.waitUntil(lambda: workers.ticks >= 5, timeout=5000)
    operations_done(qtbot)
    assert again.participants is not None
    assert [(p.staff_id, p.consent) for p in again.participants.participants()] == [
        (hours.social_a.actor.id, True)
    ]


def test_the_supervision_participants_refused_at_first_come_once_the_server_answers(
    qtbot, hours, monkeypatch
):
    """The server away a moment as the dialog opens: said on the dialog, asked again
    shortly; Save waits for the list, then works."""
    from opsdesk.ui.hours.session_dialog import SessionDialog

    service = hours.supervisor.hours
    kind = type(service)
    away = server_away(monkeypatch, kind, "social_workers")
    dialog = SessionDialog(hours.supervisor, hours.supervision, day=date(2026, 11, 27))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: len(away.tries) >= 2, timeout=5000)
    assert "Brak połączenia" in dialog.errors.general_label.text()
    assert not dialog.save_button.isEnabled()
    away.back()
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=5000)
    operations_done(qtbot)
    assert dialog.errors.general_label.text() == ""
    assert dialog.participants is not None and dialog.participants.model.rowCount() > 0
