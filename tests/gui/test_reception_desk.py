"""A morning at the desk driven with the keyboard only: registering people (a known client in
a few keystrokes), calling, serving, finishing, redirecting, a no-show."""

from dataclasses import replace

import pytest
from modal_dialogs import when_dialog_opens
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from typing_keys import type_text
from waiting import operations_done

from opsdesk.ui.reception.section import ReceptionSection

ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def section(qtbot, desk):
    # a test types faster than a person: each letter starts a new search in a list
    interval = QApplication.keyboardInputInterval()
    QApplication.setKeyboardInputInterval(0)
    widget = ReceptionSection(desk.clerk)
    qtbot.addWidget(widget)
    widget.resize(1250, 760)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: widget.form.picker.search.hasFocus())
    yield widget
    widget.close()
    QApplication.setKeyboardInputInterval(interval)


class Keys:
    """Key presses sent to whatever has the focus, counted."""

    def __init__(self, qtbot):
        self.qtbot = qtbot
        self.count = 0

    def __call__(self, key, modifier=Qt.KeyboardModifier.NoModifier):
        self.count += 1
        # after a dialog closes the window manager gives the focus back to the desk
        self.qtbot.waitUntil(
            lambda: (
                QApplication.focusWidget() is not None and QApplication.focusWidget().isVisible()
            )
        )
        target = QApplication.focusWidget()
        if isinstance(key, str):
            self.qtbot.keyClicks(target, key)
        else:
            self.qtbot.keyClick(target, key, modifier)
        operations_done(self.qtbot)  # F4 answers off the GUI thread


def answer_dialog(qtbot, *keys):
    """Press ``keys`` in the modal dialog that is about to open."""

    def press(dialog):
        operations_done(qtbot)  # the person sees what the dialog offers (read off the thread)
        for key in keys:
            target = dialog.focusWidget() or dialog
            if isinstance(key, str):
                qtbot.keyClicks(target, key)
            else:
                qtbot.keyClick(target, key)
        operations_done(qtbot)  # a dialog saves off the GUI thread

    return when_dialog_opens(press)


def test_a_morning_at_the_desk_with_the_keyboard_only(qtbot, desk, clock, section):
    form, queue = section.form, section.queue
    assert "F2" in section.hint.text() and "F9" in section.hint.text()
    keys = Keys(qtbot)

    # 1. a known client: the search text, then Enter (take), "w" (purpose), Enter (register)
    type_text(qtbot, form.picker.search, "lukasz", clear=False)
    qtbot.waitUntil(lambda: form.picker.results_model.rowCount() == 1)  # once typing pauses
    keys(Qt.Key.Key_Return)
    assert form.purpose.hasFocus()
    keys("w")
    assert form.purpose.currentText() == "Wniosek o świadczenie"
    assert "Anna Łęcka" in form.route_label.text()
    keys(Qt.Key.Key_Return)
    assert keys.count <= 5
    assert form.ticket.isVisible() and form.ticket.text() == "Ś-001"
    assert "Kowalski Łukasz" in form.ticket_info.text()
    assert form.picker.search.hasFocus()  # ready for the next person
    assert queue.team().letter == "Ś"

    # 2. an anonymous person, 75+: F2, Alt+C purpose, Alt+P priority, Enter
    clock.advance(minutes=2)
    keys(Qt.Key.Key_F2)
    keys(Qt.Key.Key_C, ALT)
    keys("i")
    keys(Qt.Key.Key_P, ALT)
    for _ in range(3):
        keys(Qt.Key.Key_Down)
    assert form.priority.currentText() == "Wiek 75+"
    keys(Qt.Key.Key_Return)
    assert form.ticket.text() == "I-001"

    # 3. a phone call: logged without a ticket
    keys(Qt.Key.Key_F2)
    type_text(qtbot, form.picker.search, "nowak", clear=False)
    keys(Qt.Key.Key_Return)
    keys(Qt.Key.Key_A, ALT)
    keys("t")
    keys(Qt.Key.Key_C, ALT)
    keys("i")
    keys(Qt.Key.Key_Return)
    assert not form.ticket.isVisible()
    assert form.ticket_info.text().startswith("Zapisano: Telefon, Nowak Jan")

    # 4. bad input: no purpose -> the message next to the field, nothing registered
    keys(Qt.Key.Key_F2)
    keys(Qt.Key.Key_Return)  # no results, so Enter goes nowhere in the search
    keys(Qt.Key.Key_C, ALT)
    keys(Qt.Key.Key_Return)
    assert form.errors.messages() == {"purpose": "Wybierz cel kontaktu."}

    # 5. another benefits client, by street, in two keystrokes after the text
    clock.advance(minutes=3)
    keys(Qt.Key.Key_F3)
    type_text(qtbot, form.picker.search, "pomorska", clear=False)
    keys(Qt.Key.Key_Return)
    keys("w")
    keys(Qt.Key.Key_Return)
    assert form.ticket.text() == "Ś-002"

    # the desk's own queue: call the 75+ person, start, finish with "information given"
    clock.advance(minutes=5)
    keys(Qt.Key.Key_F7)
    assert queue.team().letter == "P"
    keys(Qt.Key.Key_F7)
    assert queue.team().letter == "I"
    keys(Qt.Key.Key_F4)
    assert "Wezwano I-001" in queue.message.text()
    assert queue.selected().ticket == "I-001"
    keys(Qt.Key.Key_F6)
    assert queue.selected().state == "in_service"
    clock.advance(minutes=4)
    timer = answer_dialog(qtbot, "1", Qt.Key.Key_Return)
    keys(Qt.Key.Key_F8)
    assert queue.message.text() == "Zakończono I-001: Udzielono informacji."
    assert (
        desk.clerk.reception.visit(
            queue.model.record(0).id if queue.model.rowCount() else form.last_visit.id
        )
        is not None
    )

    # benefits: call Ś-001, then redirect to social work (it keeps its arrival)
    keys(Qt.Key.Key_F7)
    assert queue.team().letter == "Ś"
    keys(Qt.Key.Key_F4)
    assert queue.selected().ticket == "Ś-001"
    timer = answer_dialog(qtbot, Qt.Key.Key_Down, Qt.Key.Key_Return)  # I -> P
    keys(Qt.Key.Key_F9)
    assert queue.message.text().startswith("Ś-001 czeka teraz w kolejce: ")
    assert [queue.model.record(r).ticket for r in range(queue.model.rowCount())] == ["Ś-002"]

    # social work: the redirected person is called; they do not come
    keys(Qt.Key.Key_F7)
    assert queue.team().letter == "P"
    keys(Qt.Key.Key_F4)
    assert queue.selected().ticket == "Ś-001"
    timer = answer_dialog(qtbot, Qt.Key.Key_Return)  # "Oznaczyć Ś-001 …?" Enter: yes
    keys(Qt.Key.Key_Y, ALT)  # a button's mnemonic clicks it after a short animation
    qtbot.waitUntil(lambda: queue.message.text().startswith("Ś-001 nie przyszedł"))
    assert not timer.isActive()
    # the queue is empty now: a clear message, nothing changed
    keys(Qt.Key.Key_F4)
    assert queue.message.text().startswith("Nikt nie czeka w kolejce")

    visits = desk.clerk.reception.today()
    assert sorted((v.ticket, v.state) for v in visits) == [
        ("", "done"),
        ("I-001", "done"),
        ("Ś-001", "no_show"),
        ("Ś-002", "waiting"),
    ]


def test_new_client_from_the_desk_with_an_invalid_pesel_first(qtbot, desk, section):
    form = section.form
    type_text(qtbot, form.picker.search, "Dąbrowska Maria", clear=False)
    assert form.picker.results_model.rowCount() == 0

    def fill():
        dialog = QApplication.activeModalWidget()
        assert dialog.fields["last_name"].text() == "Dąbrowska"
        assert dialog.fields["locality"].text() == "Łęczyca"  # the office's town
        type_text(qtbot, dialog.fields["locality"], "Gryfino")
        type_text(qtbot, dialog.fields["pesel"], "85010112346")
        type_text(qtbot, dialog.fields["street"], "Łużycka")
        type_text(qtbot, dialog.fields["house_number"], "3")
        dialog.save()
        operations_done(qtbot)  # saved off the GUI thread
        assert "PESEL" in dialog.errors.messages()["pesel"]
        type_text(qtbot, dialog.fields["pesel"], "85010112345")
        type_text(qtbot, dialog.fields["street"], "Łużyckaa")
        dialog.save()
        operations_done(qtbot)  # saved off the GUI thread
        assert dialog.errors.messages()["street"].startswith("Żaden rejon nie obejmuje")
        type_text(qtbot, dialog.fields["street"], "Łużycka")
        qtbot.keyClick(dialog.fields["street"], Qt.Key.Key_Return)
        operations_done(qtbot)

    timer = when_dialog_opens(lambda _dialog: fill())
    qtbot.keyClick(form.picker.search, Qt.Key.Key_I, ALT)  # "Nowy kl&ient…"
    qtbot.waitUntil(lambda: form.picker.client is not None)
    assert not timer.isActive()
    assert form.picker.client.display_name == "Dąbrowska Maria"
    assert form.picker.client.region_name == "Rejon 1"
    assert "Dąbrowska Maria" in form.picker.chosen_label.text()


def test_the_search_waits_for_a_pause_in_typing_and_enter_takes_the_best_match(
    qtbot, desk, section, monkeypatch
):
    from opsdesk.services.clients.register import ClientInput

    for number, first in enumerate(("Alicja", "Janina")):
        desk.clerk.clients.create(
            ClientInput(
                first_name=first,
                last_name="Jankowska",
                document_number=f"ABC12345{number}",
                locality="Szczecin",
            )
        )
    searched = []
    search = section.services.reception.search_clients
    monkeypatch.setattr(
        section.services.reception,
        "search_clients",
        lambda text, limit=8: searched.append(text) or search(text, limit),
    )
    picker = section.form.picker
    type_text(qtbot, picker.search, "jankowska j", clear=False)
    assert searched == []  # nothing on each keystroke
    qtbot.waitUntil(lambda: searched == ["jankowska j"])
    operations_done(qtbot)  # the answer comes back from the thread pool
    assert picker.results_model.client(0).display_name == "Jankowska Janina"
    type_text(qtbot, picker.search, "jankowska", clear=True)
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)  # at once: searched, then taken
    operations_done(qtbot)
    assert picker.client.display_name == "Jankowska Alicja"


def test_priority_proposed_for_a_client_aged_75_and_typed_letters_pick_one_reason(
    qtbot, desk, section
):
    form = section.form
    form.picker.set_client(desk.clients["zofia"])  # born 1944: 82
    assert form.priority.currentText() == "Wiek 75+"
    form.picker.set_client(desk.clients["lukasz"])  # the proposal goes with its client
    assert form.priority.currentText() == "Bez pierwszeństwa"
    form.priority.setFocus()
    firsts = [form.priority.itemText(i)[0].lower() for i in range(form.priority.count())]
    assert len(set(firsts)) == len(firsts)  # one letter, one reason
    qtbot.keyClicks(form.priority, "k")
    assert form.priority.currentText() == "Kryzys"
    form.picker.set_client(desk.clients["zofia"])
    assert form.priority.currentText() == "Kryzys"  # typed by the clerk: kept, not replaced
    for key, reason in (("w", "Wiek 75+"), ("x", "Wiek 75+"), ("7", "Wiek 75+"), ("b", "Bez")):
        qtbot.wait(20)  # a new search, as a person types
        qtbot.keyClicks(form.priority, key)  # a letter of no reason changes nothing
        assert form.priority.currentText().startswith(reason)
    form.start_new()
    # a client saved without a birth date: it is read from the PESEL (born 1944)
    form.picker.set_client(replace(desk.clients["zofia"], birth_date=None))
    assert form.priority.currentText() == "Wiek 75+"
    form.purpose.setCurrentIndex(form.purpose.findData(desk.purposes["information"]))
    form.submit()  # registers once the routing is worked out, off the GUI thread
    operations_done(qtbot)
    assert form.ticket_info.text().endswith("\nPierwszeństwo: Osoba w wieku 75+")


def test_ctrl_p_never_prints_the_previous_persons_ticket(qtbot, desk, section, monkeypatch):
    import opsdesk.ui.reports.desk as desk_printing

    printed = []
    monkeypatch.setattr(
        desk_printing, "preview_ticket", lambda parent, services, visit_id: printed.append(visit_id)
    )
    form = section.form
    form.picker.set_client(desk.clients["zofia"])
    form.purpose.setCurrentIndex(form.purpose.findData(desk.purposes["benefit_application"]))
    form.submit()
    operations_done(qtbot)  # registered off the GUI thread
    assert form.ticket.text() == "Ś-001" and form.print_button.isVisible()
    qtbot.keyClick(form.picker.search, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert printed == [form.last_visit.id]  # her own ticket, while she stands there
    type_text(qtbot, form.picker.search, "nowak", clear=False)  # the next person
    assert not form.ticket.isVisible() and not form.print_button.isVisible()
    qtbot.keyClick(form.picker.search, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert len(printed) == 1


SHIFT = Qt.KeyboardModifier.ShiftModifier


def tickets(queue):
    return [
        (queue.model.record(r).ticket, queue.model.record(r).state)
        for r in range(queue.model.rowCount())
    ]


def test_no_one_stuck_out_of_turn_hold_move_and_a_late_person_with_keys(
    qtbot, desk, clock, section
):
    from opsdesk.domain.queue import Channel
    from opsdesk.services.reception.desk import ContactInput

    for client in ("lukasz", "jan", "zofia"):  # Ś-001 Anna, Ś-002 Piotr, Ś-003 Piotr
        clock.advance(minutes=1)
        desk.clerk.reception.register(
            ContactInput(
                Channel.IN_PERSON,
                desk.purposes["benefit_application"],
                client_id=desk.clients[client].id,
            )
        )
    queue = section.queue
    queue.show_team(desk.teams["benefits"])
    operations_done(qtbot)  # the queue loads off the GUI thread
    keys = Keys(qtbot)
    assert "Shift+F4" in section.hint.text() and "F11" in section.hint.text()

    # Ś-003 out of turn: Shift+F4 asks why, the reason typed, Enter calls
    queue.select(queue.model.record(2).id)
    queue.table.setFocus()
    timer = answer_dialog(qtbot, "tlumacz czeka", Qt.Key.Key_Return)  # ASCII: QTest
    keys(Qt.Key.Key_F4, SHIFT)
    qtbot.waitUntil(lambda: not timer.isActive())
    assert queue.message.text() == "Wezwano Ś-003 – pokój 1."
    assert tickets(queue)[0] == ("Ś-003", "called")

    # she stepped aside to fetch a document: F11 holds, F12 returns her by her arrival
    keys(Qt.Key.Key_F11)
    assert tickets(queue) == [("Ś-001", "waiting"), ("Ś-002", "waiting"), ("Ś-003", "on_hold")]
    assert "wstrzymani: 1" in queue.summary.text()
    queue.select(queue.model.record(2).id)
    keys(Qt.Key.Key_F12)
    assert tickets(queue) == [("Ś-001", "waiting"), ("Ś-002", "waiting"), ("Ś-003", "waiting")]

    # Ś-002 moved to Anna Łęcka of the same team (the last team in the list, then the worker)
    queue.select(queue.model.record(1).id)

    def move(dialog):
        operations_done(qtbot)  # the teams come off the GUI thread
        dialog.team.setCurrentIndex(dialog.team.count() - 1)
        operations_done(qtbot)  # and the chosen team's workers
        dialog.worker.setCurrentIndex(dialog.worker.findText("Anna Łęcka"))
        dialog.reason.setText("Piotr Żak na szkoleniu")
        dialog.save()
        operations_done(qtbot)  # saved off the GUI thread

    timer = when_dialog_opens(move)
    keys(Qt.Key.Key_F9)
    assert queue.message.text() == "Ś-002 czeka teraz w kolejce: Zespół świadczeń, Anna Łęcka."
    assert queue.model.record(1).target_worker_name == "Anna Łęcka"

    # Ś-001 called, did not come, came a minute late: Shift+F5 gives the ticket back
    keys(Qt.Key.Key_F4)
    assert queue.selected().ticket == "Ś-001"
    timer = answer_dialog(qtbot, Qt.Key.Key_Return)
    keys(Qt.Key.Key_Y, ALT)
    qtbot.waitUntil(lambda: tickets(queue)[-1] == ("Ś-001", "no_show"))
    clock.advance(minutes=1)
    queue.select(queue.model.record(2).id)
    keys(Qt.Key.Key_F5, SHIFT)
    assert queue.message.text() == "Ś-001 jednak przyszedł i znów czeka."
    assert tickets(queue)[0] == ("Ś-001", "waiting")
    assert all(button.text() for button in queue.buttons.values())


def test_todays_contacts_every_channel_filtered_by_text_channel_and_settlement(
    qtbot, desk, clock, section
):
    from opsdesk.domain.queue import Channel, Outcome
    from opsdesk.services.reception.desk import ContactInput

    clerk = desk.clerk
    info = clerk.reception.register(
        ContactInput(Channel.IN_PERSON, desk.purposes["information"], desk.clients["zofia"].id)
    )
    clerk.reception.register(
        ContactInput(Channel.PHONE, desk.purposes["social_work"], desk.clients["jan"].id)
    )
    clerk.reception.register(
        ContactInput(Channel.IN_PERSON, desk.purposes["benefit_application"], visitor_label="")
    )
    clerk.queue.call_next(desk.teams["first_contact"])
    clerk.queue.finish(info.id, Outcome.INFORMATION)
    log = section.log
    section.tabs.setCurrentWidget(log)
    operations_done(qtbot)  # the log loads off the GUI thread
    assert section.tabs.tabText(section.tabs.currentIndex()) == "Kontakty dnia"
    assert len(log.texts()) == 3
    assert log.summary.text() == (
        "Pokazano 3 z 3 dzisiejszych kontaktów · załatwione: 2, w toku: 1, niezałatwione: 0"
    )
    type_text(qtbot, log.text, "wasowska")  # accents need not be typed
    assert log.texts() == [
        (
            "09:00",
            "Osobiście",
            "I-001",
            "Wąsowska Zofia",
            "Informacja",
            "Pierwszy kontakt",
            "Udzielono informacji",
            "Załatwione",
        )
    ]
    log.text.clear()
    log.channel.setCurrentIndex(log.channel.findData("phone"))
    assert [row[3] for row in log.texts()] == ["Nowak Jan"]
    assert log.texts()[0][5:] == (
        f"{desk.team_name('social_work')}, Marek Wójcik",  # Pomorska 3: region 2
        "Skierowano do zespołu",
        "Załatwione",
    )
    log.channel.setCurrentIndex(0)
    log.settled.setCurrentIndex(log.settled.findData("open"))
    assert [(row[2], row[7]) for row in log.texts()] == [("Ś-001", "W toku")]


def test_a_ticket_in_ukrainian_printed_at_once_on_the_default_printer(
    qtbot, desk, section, monkeypatch, tmp_path
):
    import io

    import pypdf
    from pdf_text import page_texts
    from PySide6.QtPrintSupport import QPrinter
    from reportlab.lib.units import mm

    from opsdesk.printing import documents
    from opsdesk.ui import workstation
    from opsdesk.ui.printing import document_flow

    printed = tmp_path / "printer.pdf"

    def default_printer():  # the system's default printer, printing into a file here
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return printer

    monkeypatch.setattr(document_flow, "default_printer", default_printer)
    monkeypatch.setattr(workstation.settings(), "ticket_print_direct", True)
    form = section.form
    form.picker.set_client(desk.clients["lukasz"])
    form.purpose.setCurrentIndex(form.purpose.findData(desk.purposes["benefit_application"]))
    assert [form.language.itemText(i) for i in range(3)] == ["Polski", "Українська", "English"]
    form.language.setCurrentIndex(form.language.findData("uk"))
    form.submit()
    operations_done(qtbot)
    assert form.last_visit.language == "uk"
    assert form.language.currentData() == "pl"  # the next person starts in Polish
    ticket = documents.ticket(desk.clerk, form.last_visit.id)
    assert "Ваш номер Ś-001" in page_texts(ticket)[0]
    qtbot.keyClick(form.picker.search, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: printed.exists() and printed.stat().st_size > 0, timeout=10_000)
    assert QApplication.activeModalWidget() is None  # no preview, no print dialog
    pages = pypdf.PdfReader(io.BytesIO(printed.read_bytes())).pages
    assert len(pages) == 1
    assert abs(float(pages[0].mediabox.width) - 80 * mm) < 1  # the receipt roll's width


def test_the_survey_after_finishing_a_visit_with_one_key(qtbot, desk, clock, section, monkeypatch):
    from opsdesk.domain.queue import Channel
    from opsdesk.services.reception.desk import ContactInput
    from opsdesk.ui import workstation

    monkeypatch.setattr(workstation.settings(), "survey_after_visit", True)
    desk.clerk.reception.register(ContactInput(Channel.IN_PERSON, desk.purposes["information"]))
    queue = section.queue
    queue.show_team(desk.teams["first_contact"])
    keys = Keys(qtbot)
    keys(Qt.Key.Key_F4)
    answered = []

    def finish_then_rate(dialog):
        qtbot.keyClick(dialog.focusWidget() or dialog, "1")  # information given
        qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)
        operations_done(qtbot)  # saved off the GUI thread
        answered.append(answer_dialog(qtbot, "5"))  # the survey opens after the finish

    timer = when_dialog_opens(finish_then_rate)
    keys(Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: not timer.isActive())
    stats = desk.clerk.reception_stats.day(clock.today())
    assert stats.ratings == (0, 0, 0, 0, 1)


def test_did_not_come_and_cancel_ask_first_and_a_cancel_is_undone_with_shift_f5(
    qtbot, desk, clock, section
):
    from opsdesk.domain.queue import Channel
    from opsdesk.services.reception.desk import ContactInput

    queue = section.queue
    for _ in range(2):
        clock.advance(minutes=1)
        desk.clerk.reception.register(ContactInput(Channel.IN_PERSON, desk.purposes["information"]))
    queue.show_team(desk.teams["first_contact"])
    queue.reload()
    operations_done(qtbot)
    queue.select(queue.model.record(0).id)
    asked = []

    def say_no(dialog):
        asked.append(dialog.text())
        qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)

    timer = when_dialog_opens(say_no)
    queue.buttons["cancel"].click()
    qtbot.waitUntil(lambda: not timer.isActive())
    assert asked == ["Anulować wizytę I-001? Można ją przywrócić przez 15 minut."]
    assert queue.model.record(0).state == "waiting"  # "no": nothing changed
    timer = answer_dialog(qtbot, Qt.Key.Key_Return)
    queue.buttons["cancel"].click()
    qtbot.waitUntil(lambda: not timer.isActive())
    operations_done(qtbot)
    assert queue.message.text() == "Anulowano I-001 (Shift+F5 przywraca przez 15 minut)."
    assert [(queue.model.record(r).ticket, queue.model.record(r).state) for r in (0, 1)] == [
        ("I-002", "waiting"),
        ("I-001", "cancelled"),
    ]
    clock.advance(minutes=3)  # the person was only outside: the ticket and place come back
    Keys(qtbot)(Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    assert queue.message.text() == "Przywrócono I-001: znów czeka (przybycie o 09:01)."
    assert queue.model.record(0).ticket == "I-001"
    assert queue.model.record(0).state == "waiting"


def test_a_contact_of_the_day_is_corrected_with_a_reason(qtbot, desk, clock, section, monkeypatch):
    from opsdesk.domain.queue import Channel
    from opsdesk.services.reception.desk import ContactInput
    from opsdesk.ui.reception import contact_log

    monkeypatch.setattr(contact_log, "NOTE_SHOWN_MS", 1000)

    desk.clerk.reception.register(
        ContactInput(Channel.PHONE, desk.purposes["information"], desk.clients["jan"].id)
    )
    log = section.log
    section.tabs.setCurrentWidget(log)
    operations_done(qtbot)
    assert log.texts()[0][1] == "Telefon"
    log.table.selectRow(0)

    def correct(dialog):
        dialog.channel.setCurrentIndex(dialog.channel.findData("epuap"))
        dialog.save()  # no reason: refused next to the field
        operations_done(qtbot)  # saved off the GUI thread
        assert dialog.isVisible()
        assert dialog.errors.messages() == {"reason": "Podaj, dlaczego kontakt jest poprawiany."}
        type_text(qtbot, dialog.reason, "wpłynęło przez ePUAP")
        dialog.save()
        operations_done(qtbot)

    timer = when_dialog_opens(correct)
    log.correct_button.click()
    qtbot.waitUntil(lambda: not timer.isActive())
    operations_done(qtbot)
    assert log.texts()[0][1] == "ePUAP"
    assert log.summary.text().startswith("Poprawiono kontakt z 09:00 (Nowak Jan).")
    log.reload()  # a refresh keeps the message for a while (a minute; 1 s here)...
    operations_done(qtbot)
    assert log.summary.text().startswith("Poprawiono kontakt z 09:00 (Nowak Jan).")
    # ...not all day
    qtbot.waitUntil(lambda: log.summary.text().startswith("Pokazano"), timeout=5000)
    assert "Poprawiono" not in log.summary.text()
    log.reload()
    operations_done(qtbot)
    assert "Poprawiono" not in log.summary.text()


def test_the_form_shows_who_is_available_and_routes_past_a_worker_away(qtbot, desk, section):
    desk.clerk.presence.set_status("away", desk.benefits_a.actor.id)
    form = section.form
    form.picker.set_client(desk.clients["lukasz"])  # region 1: Anna Łęcka for benefits
    form.purpose.setCurrentIndex(form.purpose.findData(desk.purposes["benefit_application"]))
    operations_done(qtbot)  # the routing is worked out off the GUI thread
    assert "Anna Łęcka" in form.route_label.text()
    assert "poza biurem" in form.route_label.text()
    assert form.worker.currentText() == "Bez wskazanego pracownika"
    assert [form.worker.itemText(i) for i in range(form.worker.count())] == [
        "Bez wskazanego pracownika",
        "Anna Łęcka (poza biurem)",
        "Piotr Żak",
    ]


def test_a_past_days_slip_is_printed_again_from_that_days_log(
    qtbot, desk, clock, section, monkeypatch
):
    from datetime import timedelta

    from opsdesk.domain.queue import Channel
    from opsdesk.services.reception.desk import ContactInput
    from opsdesk.ui.reports import desk as desk_printing

    clock.advance(days=-3)  # Friday: Jan Nowak sent on to the benefits team
    sent = desk.clerk.reception.register(
        ContactInput(
            Channel.IN_PERSON, desk.purposes["benefit_application"], desk.clients["jan"].id
        )
    )
    desk.clerk.reception.register(ContactInput(Channel.PHONE, desk.purposes["information"]))
    clock.advance(days=3)
    printed = []
    monkeypatch.setattr(
        desk_printing,
        "preview_referral_slip",
        lambda parent, services, visit_id: printed.append(visit_id),
    )
    log = section.log
    section.tabs.setCurrentWidget(log)
    operations_done(qtbot)
    assert log.texts() == []  # nobody yet today
    log.day.line.selectAll()
    type_text(qtbot, log.day.line, "27.11.2026")
    qtbot.keyClick(log.day.line, Qt.Key.Key_Return)
    operations_done(qtbot)
    assert log.shown_day() == clock.today() - timedelta(days=3)
    assert [row[3] for row in log.texts()] == ["Osoba anonimowa", "Nowak Jan"]  # latest first
    assert "27.11.2026" in log.summary.text()
    assert not log.correct_button.isEnabled()  # only today's log is corrected

    log.table.selectRow(0)  # the phone call: sent nowhere
    log.reprint_button.click()
    assert printed == []
    assert log.summary.text().endswith("nie został skierowany do zespołu, więc nie ma skierowania.")
    log.table.selectRow(1)
    log.reprint_button.click()
    assert printed == [sent.id]


def test_the_desk_follows_purposes_and_teams_changed_in_administracja(qtbot, desk, section):
    """Another workstation adds a purpose and switches one off: at the desk's next refresh
    the purpose list follows, and a purpose chosen and still offered stays chosen."""
    from opsdesk.services.office.purposes import PurposeInput

    form = section.form
    operations_done(qtbot)
    offered = lambda: [form.purpose.itemText(i) for i in range(1, form.purpose.count())]  # noqa: E731
    before = offered()
    form.purpose.setCurrentIndex(form.purpose.findData(desk.purposes["benefit_application"]))
    operations_done(qtbot)
    first = next(p for p in desk.admin.purposes.list() if p.name == before[0])

    desk.admin.purposes.save(PurposeInput("Karta Dużej Rodziny", desk.teams["benefits"]))
    desk.admin.purposes.set_active(first.id, False)
    section.refresh()
    operations_done(qtbot)

    assert offered() == [*before[1:], "Karta Dużej Rodziny"]
    assert form.purpose.currentData() == desk.purposes["benefit_application"]
    assert form.team.currentData() == desk.teams["benefits"]

    chosen = next(p for p in desk.admin.purposes.list() if p.id == form.purpose.currentData())
    desk.admin.purposes.set_active(chosen.id, False)  # the chosen one goes: nothing is chosen
    section.refresh()
    operations_done(qtbot)
    assert form.purpose.currentIndex() == 0
    assert chosen.name not in offered()
