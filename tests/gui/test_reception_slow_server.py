"""The desk on a slow server (a busy PostgreSQL, a long write lock on the office's file): the
refreshes nobody asked for and the desk's actions run off the GUI thread, so the window keeps
answering; a refresh due while one runs is not started twice, a second press does nothing."""

from __future__ import annotations

import pytest
from modal_dialogs import when_dialog_opens
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from typing_keys import type_text
from waiting import operations_done, server_away, slow_server

from opsdesk.domain.queue import Channel
from opsdesk.services.reception.desk import ContactInput
from opsdesk.ui.operation import operations
from opsdesk.ui.reception.section import ReceptionSection


@pytest.fixture
def ticks(qtbot):
    """Counts the event loop's turns: they stop when the window freezes."""
    counted: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: counted.append(1))
    timer.start(20)
    yield counted
    timer.stop()


@pytest.fixture
def section(qtbot, desk):
    widget = ReceptionSection(desk.clerk)
    qtbot.addWidget(widget)
    widget.resize(1250, 760)
    widget.show()
    qtbot.waitExposed(widget)
    operations_done(qtbot)
    yield widget
    widget.close()


def register(desk, count: int = 1) -> None:
    for _ in range(count):
        desk.clerk.reception.register(ContactInput(Channel.IN_PERSON, desk.purposes["information"]))


def phone_call_in_the_log(qtbot, desk, section):
    """Jan Nowak's phone call registered, the contact log shown with it chosen."""
    desk.clerk.reception.register(
        ContactInput(Channel.PHONE, desk.purposes["information"], desk.clients["jan"].id)
    )
    log = section.log
    section.tabs.setCurrentWidget(log)
    operations_done(qtbot)
    log.table.selectRow(0)
    return log


def test_the_queue_refresh_on_others_changes_never_freezes_and_never_runs_twice(
    qtbot, desk, section, ticks, monkeypatch
):
    queue = section.queue
    queue.show_team(desk.teams["first_contact"])
    operations_done(qtbot)
    assert queue.model.rowCount() == 0
    with slow_server(monkeypatch, type(desk.clerk.queue), "queue") as server:
        register(desk)  # another workstation: the change watcher refreshes the desk
        qtbot.waitUntil(lambda: len(server.calls) == 1, timeout=3000)
        # from here the refreshes are asked for by hand: on a loaded machine the watcher
        # may see the next change only after the follow-up started, and ask once more
        section.watcher.pause()
        register(desk)  # more changes while the first refresh still waits for the server
        section.refresh()  # the watcher's refresh for them
        section.refresh()  # and the 30 s timer falls due
        qtbot.waitUntil(lambda: operations().busy_text == "wczytywanie kolejki", timeout=3000)
        before = len(ticks)
        qtbot.wait(200)
        assert len(ticks) > before  # the window answers
        section.tabs.setCurrentIndex(1)  # the clerk looks at today's contacts meanwhile
        assert section.tabs.currentWidget() is section.log
        assert len(server.calls) == 1  # never two refreshes at once
    operations_done(qtbot)
    qtbot.wait(100)
    assert len(server.calls) == 2  # the refreshes asked for meanwhile ran once, after it
    assert [queue.model.record(r).ticket for r in range(queue.model.rowCount())] == [
        "I-001",
        "I-002",
    ]
    assert operations().busy_text == ""


def test_the_waiting_room_display_keeps_showing_while_the_server_is_slow(
    qtbot, desk, section, ticks, monkeypatch
):
    register(desk, 2)
    display = section.open_display()
    qtbot.addWidget(display)
    operations_done(qtbot)
    with slow_server(monkeypatch, type(desk.clerk.display), "recent_calls") as server:
        desk.clerk.queue.call_next(desk.teams["first_contact"])  # called at another desk
        qtbot.waitUntil(lambda: len(server.calls) == 1, timeout=3000)
        desk.clerk.queue.call_next(desk.teams["first_contact"])
        display.reload()
        before = len(ticks)
        qtbot.wait(200)
        assert len(ticks) > before
        assert display.latest_place.text() == "Prosimy czekać na wezwanie"  # as it was
        assert len(server.calls) == 1
    qtbot.waitUntil(lambda: display.latest_ticket.text() == "I-002", timeout=5000)
    # the first reload, answered late, may already read both calls; the one asked for
    # meanwhile follows it once all the same
    operations_done(qtbot)
    assert [t.text() for t, _p in display.rows][0] == "I-001"
    assert len(server.calls) == 2


def test_call_again_while_the_server_is_slow_answers_and_counts_once(
    qtbot, desk, section, ticks, monkeypatch
):
    register(desk)
    queue = section.queue
    queue.show_team(desk.teams["first_contact"])
    queue.call_next()
    operations_done(qtbot)
    with slow_server(monkeypatch, type(desk.clerk.queue), "recall") as server:
        queue.table.setFocus()
        qtbot.keyClick(queue.table, Qt.Key.Key_F5)
        qtbot.waitUntil(lambda: len(server.calls) == 1, timeout=3000)
        qtbot.keyClick(queue.table, Qt.Key.Key_F5)  # pressed again, impatient
        qtbot.waitUntil(
            lambda: operations().busy_text == "zapisywanie zmiany w kolejce", timeout=3000
        )
        assert queue.message.text() == "Wezwano I-001 – pokój 1."  # nothing yet
        assert QApplication.overrideCursor() is not None  # the busy cursor
    operations_done(qtbot)
    assert queue.message.text() == "Ponownie wezwano I-001 (dotąd 1×)."
    assert (
        len(server.calls) == 1
        and desk.clerk.queue.queue(desk.teams["first_contact"]).rows[0].recalls == 1
    )


def test_enter_pressed_twice_while_the_server_saves_registers_one_ticket(
    qtbot, desk, section, ticks, monkeypatch
):
    form = section.form
    form.picker.set_client(desk.clients["jan"])
    form.purpose.setCurrentIndex(form.purpose.findData(desk.purposes["information"]))
    operations_done(qtbot)
    with slow_server(monkeypatch, type(desk.clerk.reception), "register") as server:
        form.note.setFocus()
        qtbot.keyClick(form.note, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: len(server.calls) == 1, timeout=3000)
        qtbot.keyClick(form.note, Qt.Key.Key_Return)  # again: nothing happened yet
        qtbot.waitUntil(lambda: operations().busy_text == "rejestrowanie kontaktu", timeout=3000)
        before = len(ticks)
        qtbot.wait(100)
        assert len(ticks) > before and not form.ticket.isVisible()
    operations_done(qtbot)
    assert form.ticket.text() == "I-001" and "Nowak Jan" in form.ticket_info.text()
    assert len(server.calls) == 1
    assert [v.ticket for v in desk.clerk.reception.today()] == ["I-001"]


def test_the_search_as_one_types_shows_the_latest_answer_only(qtbot, desk, section, monkeypatch):
    picker = section.form.picker
    shown = []
    picker.results_model.modelReset.connect(lambda: shown.append(picker.results_model.rowCount()))
    with slow_server(monkeypatch, type(desk.clerk.reception), "search_clients") as server:
        type_text(qtbot, picker.search, "no", clear=False)
        qtbot.waitUntil(lambda: len(server.calls) == 1, timeout=3000)  # the first pause in typing
        type_text(qtbot, picker.search, "wak", clear=False)
        assert picker.search.text() == "nowak"  # the letters appear while it searches
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)  # take the best match of "nowak"
        qtbot.wait(50)
        assert len(server.calls) == 1 and picker.client is None
    qtbot.waitUntil(lambda: picker.client is not None, timeout=5000)
    operations_done(qtbot)
    assert [args[0] for args in server.calls] == ["no", "nowak"]  # nothing in between
    assert picker.client.display_name == "Nowak Jan"
    assert shown == [1, 0]  # the answer for "nowak", then cleared on taking it: "no" dropped


def test_a_correction_waits_for_the_server_in_its_dialog_and_is_refused_beside_the_field(
    qtbot, desk, section, ticks, monkeypatch
):
    log = phone_call_in_the_log(qtbot, desk, section)
    server = slow_server(monkeypatch, type(desk.clerk.reception), "correct")
    seen = {}

    def correct(dialog):
        dialog.channel.setCurrentIndex(dialog.channel.findData("epuap"))
        dialog.save()  # no reason
        qtbot.waitUntil(lambda: len(server.calls) == 1, timeout=3000)
        before = len(ticks)
        qtbot.wait(100)
        seen["answering"] = len(ticks) > before and dialog.isVisible()
        server.answer.set()
        operations_done(qtbot)
        seen["refused"] = dialog.errors.messages()
        type_text(qtbot, dialog.reason, "wpłynęło przez ePUAP")
        dialog.save()
        operations_done(qtbot)

    timer = when_dialog_opens(correct)
    log.correct_button.click()
    qtbot.waitUntil(lambda: not timer.isActive())
    operations_done(qtbot)
    assert seen == {
        "answering": True,
        "refused": {"reason": "Podaj, dlaczego kontakt jest poprawiany."},
    }
    assert len(server.calls) == 2 and log.texts()[0][1] == "ePUAP"


def test_a_workers_desk_opens_at_once_while_the_server_reads_their_status(qtbot, desk, monkeypatch):
    with slow_server(monkeypatch, type(desk.benefits_a.presence), "mine") as mine:
        widget = ReceptionSection(desk.benefits_a)  # a worker's desk: has a status of its own
        qtbot.addWidget(widget)
        widget.show()
        qtbot.waitUntil(lambda: len(mine.calls) == 1, timeout=3000)
        qtbot.wait(200)
        qtbot.waitUntil(lambda: mine.ticks >= 5, timeout=5000)  # the window answers
        assert not widget.my_status.isVisible()  # not known yet
        widget.refresh()  # the 30 s timer falls due meanwhile
        qtbot.wait(50)
        assert len(mine.calls) == 1  # never two at once
    operations_done(qtbot)
    assert widget.has_status and widget.my_status.isVisible()
    assert widget.my_status.currentText() == "Przy stanowisku"
    assert len(mine.calls) == 2  # the refresh asked for meanwhile followed once


def test_the_contact_form_waits_for_its_lists_and_registers_once(qtbot, desk, monkeypatch):
    with slow_server(monkeypatch, type(desk.clerk.reception), "purposes") as lists:
        widget = ReceptionSection(desk.clerk)
        qtbot.addWidget(widget)
        widget.show()
        form = widget.form
        qtbot.waitUntil(lambda: len(lists.calls) == 1, timeout=3000)
        assert not form.purpose.isEnabled() and not form.team.isEnabled()
        assert form.route_label.text() == "Wczytywanie…"
        form.submit()  # Enter pressed before the lists are there: nothing is registered yet
        form.submit()
        qtbot.wait(200)
        qtbot.waitUntil(lambda: lists.ticks >= 5, timeout=5000)
        assert desk.clerk.reception.today() == []
        assert form.route_label.text() == "Wczytywanie…"  # still, once the form was reset
    operations_done(qtbot)
    assert form.purpose.isEnabled() and form.purpose.findData(desk.purposes["information"]) > 0
    assert form.team.count() == len(desk.clerk.reception.teams())
    assert len(lists.calls) == 1
    # the Enter pressed meanwhile was answered once, beside the purpose it lacks
    assert form.errors.messages().keys() == {"purpose"}
    assert desk.clerk.reception.today() == []


def test_the_contact_forms_lists_refused_at_first_come_once_the_server_answers(
    qtbot, desk, monkeypatch
):
    """The server away a moment as the desk opens: the refusal on the form, the lists
    asked again shortly; Enter pressed meanwhile registers nobody, then or later."""
    service = type(desk.clerk.reception)
    away = server_away(monkeypatch, service, "purposes")
    widget = ReceptionSection(desk.clerk)
    qtbot.addWidget(widget)
    form = widget.form
    # refused, said on the form, asked again (a form reset meanwhile may clear the line:
    # each refusal says it anew)
    qtbot.waitUntil(
        lambda: len(away.tries) >= 2 and "Brak połączenia" in form.errors.general_label.text(),
        timeout=5000,
    )
    assert not form.purpose.isEnabled()
    form.submit()  # Enter while the server is away
    away.back()  # the server is back
    qtbot.waitUntil(lambda: form.purpose.isEnabled(), timeout=5000)
    operations_done(qtbot)
    assert form.team.count() == len(desk.clerk.reception.teams())
    assert form.errors.general_label.text() == ""
    form.picker.set_client(desk.clients["lukasz"])  # the routing answers now
    operations_done(qtbot)
    assert desk.clerk.reception.today() == []  # the earlier Enter registered nobody


def test_a_team_chosen_while_the_routing_is_worked_out_stays(qtbot, desk, section, monkeypatch):
    form = section.form
    form.picker.set_client(desk.clients["lukasz"])  # region 1: benefits
    operations_done(qtbot)
    social = desk.teams["social_work"]
    with slow_server(monkeypatch, type(desk.clerk.reception), "route") as route:
        form.purpose.setCurrentIndex(form.purpose.findData(desk.purposes["benefit_application"]))
        qtbot.waitUntil(lambda: len(route.calls) == 1, timeout=3000)
        form.team.setCurrentIndex(form.team.findData(social))  # the clerk knows better
        form.team.activated.emit(form.team.currentIndex())
        qtbot.wait(100)
    operations_done(qtbot)
    assert form.team.currentData() == social  # the late answer did not undo the choice
    assert form.route is not None and form.route.team_id == desk.teams["benefits"]
    assert form.override_reason.isEnabled()  # a change of the proposal needs its reason
    workers = [form.worker.itemText(i) for i in range(form.worker.count())]
    assert "Ewa Szuberla" in " ".join(workers)  # the chosen team's workers
    assert "Anna Łęcka" not in " ".join(workers)


def test_the_correction_message_stays_when_a_refresh_follows_its_reload(
    qtbot, desk, section, monkeypatch
):
    log = phone_call_in_the_log(qtbot, desk, section)
    section.watcher.pause()  # the refreshes are asked for by hand below

    def correct(dialog):
        dialog.channel.setCurrentIndex(dialog.channel.findData("epuap"))
        type_text(qtbot, dialog.reason, "wpłynęło przez ePUAP")
        dialog.save()
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)

    with slow_server(monkeypatch, type(desk.clerk.reception), "contacts_on") as server:
        log.reload()  # a refresh already waits for the server
        qtbot.waitUntil(lambda: len(server.calls) == 1, timeout=3000)
        timer = when_dialog_opens(correct)
        log.correct_button.click()  # its reload waits its turn
        qtbot.waitUntil(lambda: not timer.isActive())
        section.refresh()  # another workstation's commit: a refresh replaces the waiting one
        qtbot.wait(50)
    operations_done(qtbot)
    assert log.texts()[0][1] == "ePUAP"
    assert log.summary.text().startswith("Poprawiono kontakt z 09:00 (Nowak Jan).")


def test_the_correction_opens_once_while_the_server_reads_what_it_offers(
    qtbot, desk, section, monkeypatch
):
    log = phone_call_in_the_log(qtbot, desk, section)
    opened = []

    def look(dialog):
        opened.append(dialog.purpose.currentText())

    with slow_server(monkeypatch, type(desk.clerk.reception), "purposes") as slow:
        log.correct_button.click()
        log.correct_button.click()  # pressed again: nothing seemed to happen
        qtbot.waitUntil(lambda: len(slow.calls) == 1, timeout=3000)
        qtbot.wait(200)
        qtbot.waitUntil(lambda: slow.ticks >= 5, timeout=5000)  # the window answers
        assert QApplication.activeModalWidget() is None  # opens with the answer
        timer = when_dialog_opens(look)
    qtbot.waitUntil(lambda: not timer.isActive(), timeout=5000)
    operations_done(qtbot)
    assert opened == ["Informacja"] and len(slow.calls) == 1


def test_the_queue_shows_at_once_and_its_tabs_and_rows_come_with_the_answer(
    qtbot, desk, monkeypatch
):
    register(desk)
    with slow_server(monkeypatch, type(desk.clerk.queue), "serves_all_teams") as teams:
        widget = ReceptionSection(desk.clerk)
        qtbot.addWidget(widget)
        widget.show()
        queue = widget.queue
        qtbot.waitUntil(lambda: len(teams.calls) == 1, timeout=3000)
        assert queue.isVisible() and queue.tabs.count() == 0
        assert queue.summary.text() == "Wczytywanie…"
        assert "F7" not in widget.hint.text()
        widget.refresh()  # the 30 s timer falls due meanwhile
        queue.show_team(desk.teams["first_contact"])  # a ticket registered meanwhile
        queue.call_next()  # F4 before there is a queue: nobody is called
        qtbot.wait(200)
        qtbot.waitUntil(lambda: teams.ticks >= 5, timeout=5000)  # the window answers
        assert len(teams.calls) == 1 and queue.model.rowCount() == 0
    operations_done(qtbot)
    assert len(teams.calls) == 1  # read once
    assert queue.tabs.count() == len(desk.clerk.reception.teams())
    assert queue.team().id == desk.teams["first_contact"]
    assert [queue.model.record(r).ticket for r in range(queue.model.rowCount())] == ["I-001"]
    assert queue.summary.text().startswith("Czeka: 1")
    assert "F7" in widget.hint.text()
    assert desk.clerk.queue.queue(desk.teams["first_contact"]).rows[0].state == "waiting"


def test_the_room_panel_opens_at_once_and_its_lists_come_with_the_answer(
    qtbot, desk, clock, monkeypatch
):
    from opsdesk.ui.reception.rooms_panel import RoomsPanel

    with slow_server(monkeypatch, type(desk.clerk.rooms), "rooms") as lists:
        panel = RoomsPanel(desk.clerk)
        qtbot.addWidget(panel)
        panel.show()
        qtbot.waitUntil(lambda: len(lists.calls) == 1, timeout=3000)
        assert not panel.room.isEnabled() and not panel.worker.isEnabled()
        assert panel.worker.placeholderText() == "Wczytywanie…"
        assert not panel.book_button.isEnabled()
        panel.book()  # pressed before the lists are there: nothing is booked
        panel.reload()  # a refresh falls due meanwhile
        qtbot.wait(200)
        qtbot.waitUntil(lambda: lists.ticks >= 5, timeout=5000)  # the window answers
        assert len(lists.calls) == 1
    operations_done(qtbot)
    assert len(lists.calls) == 1  # read once
    assert panel.room.isEnabled() and panel.room.currentText() == "Pokój do rozmów"
    assert panel.worker.currentText() == "— wybierz pracownika —"
    assert panel.worker.findText("Piotr Żak") > 0 and panel.book_button.isEnabled()
    assert panel.errors.messages() == {} and desk.clerk.rooms.day(clock.today()) == []


def test_a_contact_log_refresh_after_a_refused_first_read_still_knows_the_desk_teams(
    qtbot, desk, monkeypatch
):
    """The first read of the log is refused (the server away) while a refresh waits behind
    it: the refresh reads the desk's own teams with the rows, so a visit queued at the desk
    itself is not taken for one sent elsewhere (it has no referral slip to print)."""
    import threading

    import opsdesk.ui.reports.desk as desk_printing
    from opsdesk.errors import ServerUnavailable
    from opsdesk.ui.reception.contact_log import ContactLogView

    at_desk = desk.clerk.reception.register(
        ContactInput(
            Channel.IN_PERSON,
            desk.purposes["information"],
            desk.clients["jan"].id,
            team_id=desk.teams["first_contact"],
        )
    )
    assert at_desk.target_team_id == desk.teams["first_contact"]
    printed = []
    monkeypatch.setattr(
        desk_printing,
        "preview_referral_slip",
        lambda parent, services, visit_id: printed.append(visit_id),
    )
    reception = type(desk.clerk.reception)
    real_teams, gate, calls = reception.teams, threading.Event(), []

    def away_the_first_time(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            assert gate.wait(10)
            raise ServerUnavailable("Brak połączenia z serwerem bazy danych.")
        return real_teams(self, *args, **kwargs)

    monkeypatch.setattr(reception, "teams", away_the_first_time)
    log = ContactLogView(desk.clerk)
    qtbot.addWidget(log)
    log.show()
    log.reload()
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=3000)
    log.reload()  # the refresh falls due while the first read waits
    gate.set()
    operations_done(qtbot)
    assert len(calls) == 2  # asked again by the refresh
    assert [row[3] for row in log.texts()] == ["Nowak Jan"]
    log.table.selectRow(0)
    log.reprint_button.click()
    assert printed == []
    assert log.summary.text().endswith("nie został skierowany do zespołu, więc nie ma skierowania.")


def test_the_contact_log_reads_the_desk_teams_with_its_rows_once_and_never_freezes(
    qtbot, desk, monkeypatch
):
    import opsdesk.ui.reports.desk as desk_printing
    from opsdesk.ui.reception.contact_log import ContactLogView

    sent = desk.clerk.reception.register(
        ContactInput(
            Channel.IN_PERSON, desk.purposes["benefit_application"], desk.clients["jan"].id
        )
    )
    desk.clerk.reception.register(ContactInput(Channel.PHONE, desk.purposes["information"]))
    printed = []
    monkeypatch.setattr(
        desk_printing,
        "preview_referral_slip",
        lambda parent, services, visit_id: printed.append(visit_id),
    )
    with slow_server(monkeypatch, type(desk.clerk.reception), "teams") as teams:
        log = ContactLogView(desk.clerk)
        qtbot.addWidget(log)
        log.show()
        log.reload()
        qtbot.waitUntil(lambda: len(teams.calls) == 1, timeout=3000)
        log.reload()  # the refresh falls due meanwhile
        log.reprint_button.click()  # nothing listed yet: nothing printed
        qtbot.wait(200)
        qtbot.waitUntil(lambda: teams.ticks >= 5, timeout=5000)  # the window answers
        assert log.texts() == [] and printed == []
    operations_done(qtbot)
    assert [row[3] for row in log.texts()] == ["Osoba anonimowa", "Nowak Jan"]
    log.table.selectRow(0)  # the phone call: sent nowhere
    log.reprint_button.click()
    assert printed == []
    assert log.summary.text().endswith("nie został skierowany do zespołu, więc nie ma skierowania.")
    log.table.selectRow(1)
    log.reprint_button.click()
    log.reload()
    operations_done(qtbot)
    assert printed == [sent.id]
    assert len(teams.calls) == 1  # read once, with the first rows: never on the GUI thread


def test_the_new_client_form_opens_once_with_the_regions_read_off_the_gui_thread(
    qtbot, desk, section, monkeypatch
):
    form = section.form
    type_text(qtbot, form.picker.search, "Dąbrowska Maria", clear=False)
    operations_done(qtbot)
    opened = []

    def look(dialog):
        opened.append((dialog.fields["locality"].text(), dialog.region.count()))

    with slow_server(monkeypatch, type(desk.clerk.regions), "list") as slow:
        form.picker.new_button.click()
        form.picker.new_button.click()  # pressed again: nothing seemed to happen
        qtbot.waitUntil(lambda: len(slow.calls) == 1, timeout=3000)
        qtbot.waitUntil(lambda: slow.ticks >= 5, timeout=3000)  # the window answers
        assert QApplication.activeModalWidget() is None  # opens with the answer
        timer = when_dialog_opens(look)
    qtbot.waitUntil(lambda: not timer.isActive(), timeout=5000)
    operations_done(qtbot)
    assert opened == [("Łęczyca", 3)] and len(slow.calls) == 1  # "from the address" + 2


def test_the_new_client_forms_regions_refused_are_said_on_the_desk(
    qtbot, desk, section, monkeypatch
):
    server_away(monkeypatch, type(desk.clerk.regions), "list")
    section.form.picker.new_button.click()
    operations_done(qtbot)
    assert section.form.errors.general_message() == "Brak połączenia z serwerem bazy danych."
    assert QApplication.activeModalWidget() is None
