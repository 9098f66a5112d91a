"""The waiting-room display: a call made at any desk appears within two seconds, emphasised,
with where to go — and never anything about the person."""

import pytest
from PySide6.QtWidgets import QWidget
from waiting import operations_done

from opsdesk.domain.queue import Channel
from opsdesk.services.reception.desk import ContactInput
from opsdesk.ui.reception.section import ReceptionSection


@pytest.fixture
def section(qtbot, desk):
    widget = ReceptionSection(desk.clerk)
    qtbot.addWidget(widget)
    yield widget
    widget.close()


def test_calls_appear_emphasised_with_where_to_go_and_no_personal_data(qtbot, desk, clock, section):
    display = section.open_display()
    qtbot.addWidget(display)
    assert display.isWindow() and display.parent() is None  # its own top-level window
    operations_done(qtbot)  # the display loads off the GUI thread
    assert display.latest_place.text() == "Prosimy czekać na wezwanie"
    for key in ("zofia", "lukasz", "jan"):
        clock.advance(minutes=1)
        desk.clerk.reception.register(
            ContactInput(
                Channel.IN_PERSON,
                desk.purposes["benefit_application"],
                client_id=desk.clients[key].id,
                note="zadłużenie czynszowe",
            )
        )
    clock.advance(minutes=3)
    # a benefits worker calls from their own screen (another window on the same database):
    # Piotr Żak, region 2's worker, gets Wąsowska (Ś-001) first
    desk.benefits_b.queue.call_next(desk.teams["benefits"])
    qtbot.waitUntil(lambda: display.latest_ticket.text() == "Ś-001", timeout=2000)
    assert display.latest_place.text() == "→ pokój 3"
    assert display.emphasised()
    clock.advance(seconds=30)
    display._every_second()
    assert not display.emphasised()  # the emphasis fades; the call stays on the screen
    desk.benefits_a.queue.call_next(desk.teams["benefits"])
    qtbot.waitUntil(lambda: display.latest_ticket.text() == "Ś-002", timeout=2000)
    assert display.latest_place.text() == "→ pokój 2"
    assert display.emphasised()
    assert (display.rows[0][0].text(), display.rows[0][1].text()) == ("Ś-001", "→ pokój 3")
    assert display.earlier_heading.text() == "Wezwani wcześniej"

    shown = " ".join(display.texts())
    for client in desk.clients.values():
        for private in (
            client.last_name,
            client.first_name,
            client.pesel,
            client.phone,
            client.address,
        ):
            assert private not in shown
    for private in ("Anna Łęcka", "Piotr Żak", "Wniosek o świadczenie", "zadłużenie"):
        assert private not in shown


def test_the_display_is_big_and_high_contrast(qtbot, desk, section):
    display = section.open_display()
    qtbot.addWidget(display)
    display.resize(1920, 1080)
    display._apply_sizes()
    # at full HD the number is 240 px tall: readable from well over ten metres
    assert display.latest_ticket.font().pixelSize() >= 200
    assert display.rows[0][0].font().pixelSize() >= 90
    assert "#000000" in display.styleSheet() and "#ffffff" in display.styleSheet()
    display.toggle_full_screen()
    assert display.isFullScreen()
    display.toggle_full_screen()
    assert not display.isFullScreen()


def test_a_worker_serves_their_own_team_from_their_own_screen(qtbot, desk, clock):
    desk.clerk.reception.register(
        ContactInput(
            Channel.IN_PERSON, desk.purposes["social_work"], client_id=desk.clients["zofia"].id
        )
    )
    desk.clerk.reception.register(
        ContactInput(Channel.IN_PERSON, desk.purposes["benefit_application"])
    )
    screen = ReceptionSection(desk.social_b)
    qtbot.addWidget(screen)
    operations_done(qtbot)  # the queue's teams, read off the GUI thread
    assert screen.form is None
    assert [t.letter for t in screen.queue.teams] == ["P"]
    assert screen.stats is None
    assert "F2" not in screen.hint.text() and "F4" in screen.hint.text()
    screen.queue.call_next()
    operations_done(qtbot)
    assert screen.queue.selected().ticket == "P-001"
    assert screen.queue.selected().call_place == "pokój 5"
    assert screen.queue.selected().person == "Wąsowska Zofia"
    screen.queue.call_next()
    operations_done(qtbot)
    assert screen.queue.message.text() == (
        f"Nikt nie czeka w kolejce: {desk.team_name('social_work')}."
    )
    assert isinstance(screen.findChild(QWidget, "contactForm"), type(None))
    screen.close()


def test_the_display_stays_visible_and_follows_calls_while_the_desk_is_locked(qtbot, desk, section):
    from opsdesk.ui.safety.idle_lock import Cover, IdleLock

    display = section.open_display()
    qtbot.addWidget(display)
    section.show()
    lock = IdleLock(section, desk.clerk, timeout_ms=10)
    try:
        qtbot.waitUntil(lambda: lock.is_locked, timeout=5000)
        assert section in lock.covered_windows()
        assert display not in lock.covered_windows()
        assert display.findChild(Cover) is None
        assert display.windowTitle() == "Ekran poczekalni"
        desk.clerk.reception.register(
            ContactInput(
                Channel.IN_PERSON,
                desk.purposes["benefit_application"],
                client_id=desk.clients["zofia"].id,
            )
        )
        desk.benefits_b.queue.call_next(desk.teams["benefits"])
        qtbot.waitUntil(lambda: display.latest_ticket.text() == "Ś-001", timeout=2000)
    finally:
        lock.stop()


def test_who_is_in_shows_at_the_desk_by_team_and_on_the_display_as_places(
    qtbot, desk, clock, section
):
    display = section.open_display()
    qtbot.addWidget(display)
    queue = section.queue
    queue.show_team(desk.teams["benefits"])
    operations_done(qtbot)  # the queue loads off the GUI thread
    assert queue.presence.text() == "Przy stanowisku: Anna Łęcka, Piotr Żak"
    clock.advance(minutes=30)
    desk.benefits_b.presence.set_status("break")  # from Piotr Żak's own screen
    desk.clerk.presence.set_status("away", desk.social_a.actor.id)
    qtbot.waitUntil(lambda: "pokój 3: przerwa" in display.closed.text(), timeout=2000)
    assert display.closed.text() == "pokój 3: przerwa · pokój 4: poza biurem"
    qtbot.waitUntil(lambda: "Przerwa" in queue.presence.text(), timeout=2000)
    assert queue.presence.text() == ("Przy stanowisku: Anna Łęcka · Przerwa: Piotr Żak (od 09:30)")


def test_a_worker_sets_their_own_status_from_the_desk_screen(qtbot, desk):
    worker = ReceptionSection(desk.benefits_a)
    qtbot.addWidget(worker)
    operations_done(qtbot)
    assert worker.has_status and worker.my_status.currentText() == "Przy stanowisku"
    worker.my_status.setCurrentIndex(worker.my_status.findData("away"))
    worker.my_status.activated.emit(worker.my_status.currentIndex())
    operations_done(qtbot)  # saved off the GUI thread, then the queue reloads
    assert desk.clerk.presence.mine().status == "available"  # the clerk's own
    assert desk.benefits_a.presence.mine().status == "away"
    assert "Poza biurem: Anna Łęcka" in worker.queue.presence.text()
    worker.close()


def test_display_settings_what_it_shows_and_the_chime_on_each_call(
    qtbot, desk, clock, section, monkeypatch
):
    import opsdesk.ui.reception.display_window as display_window
    from opsdesk.ui import workstation
    from opsdesk.ui.reception.chime import chime_wav
    from opsdesk.ui.reception.display_settings import DisplaySettingsDialog

    chimes = []
    monkeypatch.setattr(display_window, "play_chime", lambda: chimes.append(1))
    options = workstation.settings()
    for name in ("display_rows", "display_message", "display_chime", "display_show_closed"):
        monkeypatch.setattr(options, name, getattr(options, name))  # restored afterwards
    display = section.open_display()
    qtbot.addWidget(display)
    for _ in range(4):
        clock.advance(minutes=1)
        desk.clerk.reception.register(ContactInput(Channel.IN_PERSON, desk.purposes["information"]))
    desk.clerk.presence.set_status("break")
    desk.clerk.queue.call_next(desk.teams["first_contact"])
    qtbot.waitUntil(lambda: display.latest_ticket.text() == "I-001", timeout=2000)
    assert chimes == [1] and display.closed.text() == "pokój 1: przerwa"

    dialog = DisplaySettingsDialog(options, display)
    qtbot.addWidget(dialog)
    dialog.rows.setValue(1)
    dialog.message.setText("Ośrodek czynny pn.–pt. 7:30–15:30")
    dialog.chime.setChecked(False)
    dialog.closed.setChecked(False)
    dialog._accept()
    assert (options.display_rows, options.display_chime) == (1, False)
    display.reload()
    operations_done(qtbot)
    for _ in range(2):
        clock.advance(minutes=1)
        desk.clerk.queue.call_next(desk.teams["first_contact"])
    qtbot.waitUntil(lambda: display.latest_ticket.text() == "I-003", timeout=2000)
    assert chimes == [1]  # no chime once it is off
    assert [t.text() for t, _p in display.rows] == ["I-002", "", "", "", "", ""]  # one earlier
    assert display.message.text() == "Ośrodek czynny pn.–pt. 7:30–15:30"
    assert display.closed.text() == ""
    wav = chime_wav()
    assert wav[:4] == b"RIFF" and wav[8:12] == b"WAVE" and len(wav) > 30_000


def test_recalls_are_counted_on_the_queue_and_the_display_speaks_the_tickets_language(
    qtbot, desk, clock, section
):
    display = section.open_display()
    qtbot.addWidget(display)
    assert display.heading.text() == "Zapraszamy"
    clock.advance(minutes=1)
    desk.clerk.reception.register(
        ContactInput(Channel.IN_PERSON, desk.purposes["information"], language="uk")
    )
    queue = section.queue
    queue.show_team(desk.teams["first_contact"])
    queue.call_next()
    operations_done(qtbot)
    qtbot.waitUntil(lambda: display.latest_ticket.text() == "I-001", timeout=2000)
    assert display.heading.text() == "Zapraszamy · Запрошуємо"
    assert display.latest_place.text() == "→ pokój 1"
    for _ in range(2):
        clock.advance(minutes=1)
        queue.recall()
        operations_done(qtbot)
    assert queue.message.text() == "Ponownie wezwano I-001 (dotąd 2×)."
    assert queue.model.data(queue.model.index(0, 1)) == "Wezwany · ponownie 2×"
    qtbot.waitUntil(lambda: display.latest_place.text() == "→ pokój 1 · 3-й виклик", timeout=2000)
    clock.advance(minutes=1)
    desk.clerk.reception.register(
        ContactInput(Channel.IN_PERSON, desk.purposes["information"], language="en")
    )
    queue.call_next()
    operations_done(qtbot)
    qtbot.waitUntil(lambda: display.latest_ticket.text() == "I-002", timeout=2000)
    assert display.heading.text() == "Zapraszamy · Please come to"
    assert (display.rows[0][0].text(), display.rows[0][1].text()) == (
        "I-001",
        "→ pokój 1 · 3-й виклик",
    )
