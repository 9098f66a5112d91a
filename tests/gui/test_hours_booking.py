"""Booking the psychologist from the first-contact desk: in the hours section's calendar and
from a reception contact; the booking then becomes a held session or a no-show."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from typing_keys import type_text
from waiting import operations_done, others_commit_seen, slow_server

from opsdesk.domain.queue import Channel
from opsdesk.services.reception.desk import ContactInput
from opsdesk.ui.hours.booking_dialog import BookingDialog
from opsdesk.ui.hours.calendar_page import CalendarPage
from opsdesk.ui.hours.section import HoursSection
from opsdesk.ui.hours.session_dialog import SessionDialog

TUESDAY = date(2026, 12, 1)


@pytest.fixture
def calendar(qtbot, hours) -> CalendarPage:
    widget = HoursSection(hours.clerk)
    operations_done(qtbot)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    yield widget.pages["calendar"]  # the section stays alive while the test runs


def cell_texts(page: CalendarPage) -> list[str]:
    model = page.model
    return [
        model.index(r, c).data() or ""
        for c in range(model.columnCount())
        for r in range(model.rowCount())
    ]


def test_the_desk_books_a_free_slot_from_the_calendar(qtbot, hours, calendar, monkeypatch):
    assert "12:00–13:00 wolny" in cell_texts(calendar)
    assert calendar.select(lambda s: s.free and s.day == TUESDAY and s.start == time(13))
    assert calendar.buttons["book"].isEnabled()
    assert not calendar.buttons["cancel"].isEnabled()

    def clerk_types(dialog: BookingDialog):
        type_text(qtbot, dialog.search, "wąs")
        operations_done(qtbot)  # the search answers off the GUI thread
        assert dialog.found.count() == 1
        dialog.book()
        operations_done(qtbot)
        return dialog.result()

    monkeypatch.setattr(BookingDialog, "exec", clerk_types)
    calendar.book()
    operations_done(qtbot)
    assert calendar.message.text() == (
        f"Zapisano {hours.clients['zofia'].code} na 01.12.2026 13:00."
    )
    texts = cell_texts(calendar)
    assert "13:00–14:00 zarezerwowana" in texts  # the desk does not see who
    assert not any("Wąsowska" in t or hours.clients["zofia"].code in t for t in texts)
    assert calendar.select(lambda s: s.status == "booked")
    assert calendar.buttons["cancel"].isEnabled() and calendar.buttons["held"].isHidden()


def test_the_desk_cancels_a_booking(qtbot, hours, calendar):
    from opsdesk.services.hours.records import BookingInput

    hours.clerk.hours_calendar.book(
        BookingInput(hours.psych.id, TUESDAY, time(12), 60, hours.clients["zofia"].id)
    )
    calendar.reload()
    operations_done(qtbot)
    assert calendar.select(lambda s: s.status == "booked")
    calendar.cancel_booking()
    operations_done(qtbot)
    assert "12:00–13:00 wolny" in cell_texts(calendar)


def test_booking_from_a_reception_contact(qtbot, hours):
    from opsdesk.ui.reception.psych_booking import PsychBookingDialog

    purpose = next(p.id for p in hours.clerk.reception.purposes() if p.code == "psychologist")
    visit = hours.clerk.reception.register(
        ContactInput(Channel.PHONE, purpose, client_id=hours.clients["grazyna"].id)
    )
    dialog = PsychBookingDialog(hours.clerk, visit)
    qtbot.addWidget(dialog)
    operations_done(qtbot)  # the free times are read off the GUI thread
    assert dialog.slots.count() == 8  # Tue 12–16, Thu 8–12
    dialog.slots.setCurrentRow(2)
    dialog.book()
    operations_done(qtbot)
    assert dialog.booked is not None and dialog.booked.visit_id == visit.id
    session = hours.psychologist.hours.session(dialog.booked.session_id)
    assert session.booked_from_visit_id == visit.id
    assert session.clients[0].name == "Grażyna Źdźbło"


def test_the_psychologist_turns_bookings_into_sessions(qtbot, hours, clock, monkeypatch):
    from opsdesk.services.hours.records import BookingInput

    for start, client in ((time(12), "zofia"), (time(13), "lukasz")):
        hours.clerk.hours_calendar.book(
            BookingInput(hours.psych.id, TUESDAY, start, 60, hours.clients[client].id)
        )
    clock.advance(days=1, hours=6)  # Tuesday afternoon
    widget = HoursSection(hours.psychologist)
    operations_done(qtbot)
    qtbot.addWidget(widget)
    page = widget.pages["calendar"]
    assert "12:00–13:00 zarezerwowana\nZofia Wąsowska (K-000002)" in cell_texts(page)

    def took_place(dialog: SessionDialog):
        dialog.minutes.setValue(50)
        dialog.save()
        operations_done(qtbot)
        return dialog.result()

    monkeypatch.setattr(SessionDialog, "exec", took_place)
    assert page.select(lambda s: s.start == time(12) and s.status == "booked")
    page.held()
    operations_done(qtbot)
    assert page.select(lambda s: s.start == time(13) and s.status == "booked")
    page.no_show()
    operations_done(qtbot)
    texts = cell_texts(page)
    assert "12:00–12:50 odbyta\nZofia Wąsowska (K-000002)" in texts
    assert "13:00–14:00 nieobecność klienta\nŁukasz Kowalski (K-000001)" in texts
    budget = hours.psychologist.hours.budget(hours.psych.id, (2026, 12)).month_budget
    assert (budget.used, budget.planned) == (50, 0)


def test_the_calendar_shows_a_booking_made_at_another_workstation(qtbot, hours, calendar):
    """Two desks: the slot booked at the other one turns booked here without any click, and
    the slot chosen here stays chosen, even when the psychologist's own session before duty
    hours adds a row above it."""
    from opsdesk.services.hours.records import BookingInput
    from opsdesk.services.registry import Services
    from opsdesk.storage.database import Database

    assert calendar.select(lambda s: s.day == TUESDAY and s.start == time(14))
    other_desk = Database(hours.clerk.db.url)
    try:
        Services(other_desk, hours.clerk.actor, hours.clerk.ctx.clock).hours_calendar.book(
            BookingInput(hours.psych.id, TUESDAY, time(12), 60, hours.clients["zofia"].id)
        )
    finally:
        other_desk.dispose()
    hours.psychologist.hours_calendar.book(
        BookingInput(hours.psych.id, TUESDAY, time(7, 30), 60, hours.clients["lukasz"].id)
    )
    others_commit_seen(qtbot, calendar.window().watcher)
    operations_done(qtbot)
    texts = cell_texts(calendar)
    assert "12:00–13:00 zarezerwowana" in texts and any(t.startswith("07:30") for t in texts)
    slot = calendar.current_slot()
    assert (slot.day, slot.start) == (TUESDAY, time(14))
    assert calendar.buttons["book"].isEnabled()


def test_the_psychologists_sessions_follow_the_desks_bookings(qtbot, hours):
    from opsdesk.services.hours.records import BookingInput

    section = HoursSection(hours.psychologist)
    operations_done(qtbot)
    qtbot.addWidget(section)
    section.show()
    page = section.pages["sessions"]
    page.month.set_month((2026, 12))
    operations_done(qtbot)
    assert page.model.rowCount() == 0

    def desk_books(hour):
        hours.clerk.hours_calendar.book(
            BookingInput(hours.psych.id, TUESDAY, time(hour), 60, hours.clients["zofia"].id)
        )
        others_commit_seen(qtbot, section.watcher)
        operations_done(qtbot)

    desk_books(13)
    assert page.model.rowCount() == 1
    page.table.setCurrentIndex(page.proxy.index(0, 0))
    chosen = page.current().id
    desk_books(12)  # sorts before the chosen one
    assert page.model.rowCount() == 2 and page.current().id == chosen


def test_the_calendar_warns_as_bookings_fill_the_month(qtbot, hours, calendar, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from opsdesk.services.hours.records import BookingInput

    assert calendar.budget_bar.format() == "0% · w granicach budżetu"
    assert calendar.budget_bar.property("level") == "ok"
    # December: 15 h of 60-minute bookings fill the 15 h budget
    for day in (1, 8, 15, 22):
        for hour in (12, 13, 14, 15):
            if (day, hour) != (22, 15):
                hours.clerk.hours_calendar.book(
                    BookingInput(
                        hours.psych.id,
                        date(2026, 12, day),
                        time(hour),
                        60,
                        hours.clients["zofia"].id,
                    )
                )
    calendar.reload()
    operations_done(qtbot)
    assert calendar.budget_bar.format() == "100% · budżet wykorzystany"
    assert calendar.budget_label.text() == "Budżet na grudzień 2026 (odbyte i zarezerwowane):"
    asked = []

    def desk_answers(parent, title, text, *args):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", desk_answers)

    def desk_books(dialog: BookingDialog):
        type_text(qtbot, dialog.search, "wąs")
        operations_done(qtbot)  # the search answers off the GUI thread
        dialog.book()
        operations_done(qtbot)  # the booking, asked again once over the budget
        return dialog.result()

    monkeypatch.setattr(BookingDialog, "exec", desk_books)
    calendar.day = date(2026, 12, 22)
    calendar.reload()
    operations_done(qtbot)
    assert calendar.select(lambda s: s.free and s.day == date(2026, 12, 22))
    calendar.book()
    operations_done(qtbot)
    assert asked and asked[0].startswith(
        "Z tą rezerwacją budżet miesiąca 15 h zostanie przekroczony o 1 h"
    )
    assert calendar.budget_bar.format() == "107% · budżet przekroczony"
    assert calendar.budget_bar.property("level") == "over"


def test_booking_from_the_desk_warns_at_80_percent_counting_bookings(qtbot, hours):
    from opsdesk.services.hours.records import BookingInput
    from opsdesk.ui.reception.psych_booking import PsychBookingDialog

    purpose = next(p.id for p in hours.clerk.reception.purposes() if p.code == "psychologist")
    visit = hours.clerk.reception.register(
        ContactInput(Channel.PHONE, purpose, client_id=hours.clients["grazyna"].id)
    )
    dialog = PsychBookingDialog(hours.clerk, visit)
    qtbot.addWidget(dialog)
    operations_done(qtbot)  # the free times are read off the GUI thread
    dialog.slots.setCurrentRow(0)  # Tuesday 1 December
    operations_done(qtbot)
    assert dialog.budget_bar.property("level") == "ok"
    assert dialog.budget_bar.format() == "0% · w granicach budżetu"
    for day in (8, 15, 22):  # 12 of December's 15 h booked, nothing held yet
        for hour in (12, 13, 14, 15):
            hours.clerk.hours_calendar.book(
                BookingInput(
                    hours.psych.id, date(2026, 12, day), time(hour), 60, hours.clients["zofia"].id
                )
            )
    dialog.reload()
    operations_done(qtbot)
    dialog.slots.setCurrentRow(0)
    operations_done(qtbot)
    assert dialog.budget_bar.property("level") == "near"
    assert dialog.budget_bar.format().startswith("80% · ")  # the state in words, not colour only
    assert dialog.budget_bar.format() != "80% · w granicach budżetu"


def test_a_slow_server_never_freezes_the_sessions_while_they_follow_the_desk(
    qtbot, hours, monkeypatch
):
    from opsdesk.services.hours.records import BookingInput
    from opsdesk.ui.operation import operations

    section = HoursSection(hours.psychologist)
    qtbot.addWidget(section)
    section.show()
    page = section.pages["sessions"]
    page.month.set_month((2026, 12))
    operations_done(qtbot)
    with slow_server(monkeypatch, type(hours.psychologist.hours), "sessions") as slow:
        hours.clerk.hours_calendar.book(
            BookingInput(hours.psych.id, TUESDAY, time(13), 60, hours.clients["zofia"].id)
        )
        others_commit_seen(qtbot, section.watcher)  # the page reloads by itself
        qtbot.waitUntil(lambda: operations().busy_text == "wczytywanie sesji", timeout=3000)
        page.month.set_month((2027, 1))  # the person goes on meanwhile: the newest wins
        page.month.set_month((2026, 12))
        # the event loop went on: the window never froze
        qtbot.waitUntil(lambda: slow.ticks >= 5, timeout=5000)
        assert page.model.rowCount() == 0  # nothing half-loaded, no month under another's name
        assert page.budget.month_line.text() == "Wczytywanie sesji (grudzień 2026)…"
    operations_done(qtbot)
    assert page.model.rowCount() == 1  # the desk's booking shown
    assert page.message.text() == ""
    assert "grudzień 2026" in page.approval.state.text()


def test_booking_from_the_desk_on_a_slow_server_opens_at_once_and_books_once(
    qtbot, hours, monkeypatch
):
    from opsdesk.ui.reception.psych_booking import PsychBookingDialog

    purpose = next(p.id for p in hours.clerk.reception.purposes() if p.code == "psychologist")
    visit = hours.clerk.reception.register(
        ContactInput(Channel.PHONE, purpose, client_id=hours.clients["grazyna"].id)
    )
    calendar = type(hours.clerk.hours_calendar)
    with slow_server(monkeypatch, calendar, "week") as week:
        dialog = PsychBookingDialog(hours.clerk, visit)  # opens while the server thinks
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: len(week.calls) == 1, timeout=3000)
        qtbot.wait(200)
        qtbot.waitUntil(lambda: week.ticks >= 5, timeout=5000)  # the window answers
        assert not dialog.slots.isEnabled() and not dialog.book_button.isEnabled()
        dialog.book()  # Enter meanwhile: nothing is booked from a list about to change
    operations_done(qtbot)
    assert dialog.slots.count() == 8 and dialog.booked is None
    dialog.slots.setCurrentRow(2)
    operations_done(qtbot)
    with slow_server(monkeypatch, calendar, "book") as book:
        dialog.book()
        dialog.book()  # OK pressed again: nothing seemed to happen
        qtbot.waitUntil(lambda: len(book.calls) == 1, timeout=3000)
        qtbot.wait(200)
        qtbot.waitUntil(lambda: book.ticks >= 5, timeout=5000)
        assert dialog.isVisible()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc while it books: the answer decides
        assert dialog.isVisible()
    operations_done(qtbot)
    assert len(book.calls) == 1 and dialog.booked is not None
    assert dialog.result() == QDialog.DialogCode.Accepted
    booked = [s for s in hours.clerk.hours_calendar.week(hours.psych.id, TUESDAY).slots]
    assert len([s for s in booked if not s.free]) == 1  # one booking, not two
    session = hours.psychologist.hours.session(dialog.booked.session_id)
    assert session.booked_from_visit_id == visit.id
