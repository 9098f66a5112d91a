"""The display's optional spoken call: what is said (a pure function), the PowerShell command
started with a fake runner, nothing at all off Windows, and the display setting (off by
default) that turns it on."""

from datetime import datetime

import pytest

from opsdesk.domain.queue import Channel
from opsdesk.services.reception.desk import ContactInput
from opsdesk.services.reception.records import DisplayCall
from opsdesk.settings import LocalSettings
from opsdesk.ui.reception import speech
from opsdesk.ui.reception.section import ReceptionSection

AT = datetime(2026, 11, 30, 9, 5)


def test_what_is_said_for_a_call_in_polish_and_in_the_tickets_language():
    assert speech.spoken_ticket("Ś-012") == "Ś 12"
    assert speech.spoken_ticket("I-100") == "I 100"
    assert speech.spoken_lines(DisplayCall("Ś-012", "pokój 3", AT)) == [
        ("pl-PL", "Numer Ś 12, zapraszamy: pokój 3.")
    ]
    assert speech.spoken_lines(DisplayCall("Ś-012", "pokój 3", AT, recalls=2, language="uk")) == [
        ("pl-PL", "Numer Ś 12, zapraszamy: pokój 3. 3. wezwanie."),
        ("uk-UA", "Номер Ś 12, запрошуємо: pokój 3. 3-й виклик."),
    ]
    # a place typed with a tab or a new line cannot add a sentence of its own
    assert speech.spoken_lines(DisplayCall("P-001", "pokój\t4\nx", AT, language="en")) == [
        ("pl-PL", "Numer P 1, zapraszamy: pokój 4 x."),
        ("en-US", "Number P 1, please come to pokój 4 x."),
    ]


def test_on_windows_powershell_speaks_the_text_passed_outside_the_command():
    started = []

    def runner(command, **options):
        started.append((command, options))

    call = DisplayCall("Ś-012", "pokój '3'; Remove-Item C:\\", AT, language="uk")
    assert speech.speak(call, runner=runner, platform="win32")
    [(command, options)] = started
    assert command[0].lower().endswith("powershell.exe")
    assert command[1:4] == ["-NoProfile", "-NonInteractive", "-Command"]
    script = command[4]
    assert "System.Speech" in script and "$env:OPSDESK_SPEECH" in script
    assert "pokój" not in script and "Remove-Item" not in script  # the text is not in it
    assert options["env"]["OPSDESK_SPEECH"] == (
        "pl-PL\tNumer Ś 12, zapraszamy: pokój '3'; Remove-Item C:\\.\n"
        "uk-UA\tНомер Ś 12, запрошуємо: pokój '3'; Remove-Item C:\\."
    )
    assert options["stdin"] is speech.subprocess.DEVNULL


@pytest.mark.parametrize("platform", ["linux", "darwin"])
def test_elsewhere_nothing_is_started(platform):
    started = []
    assert not speech.speak(DisplayCall("Ś-001", "pokój 1", AT), started.append, platform)
    assert started == []


def test_a_powershell_that_cannot_start_is_not_an_error():
    def runner(command, **options):
        raise FileNotFoundError(command[0])

    assert not speech.speak(DisplayCall("Ś-001", "pokój 1", AT), runner, "win32")


def test_the_display_speaks_new_calls_only_when_set(qtbot, desk, clock, monkeypatch):
    import opsdesk.ui.reception.display_window as display_window
    from opsdesk.ui import workstation
    from opsdesk.ui.reception.display_settings import DisplaySettingsDialog

    assert LocalSettings().display_speech is False  # off by default
    said = []
    monkeypatch.setattr(display_window, "speak", said.append)
    monkeypatch.setattr(display_window, "play_chime", lambda: None)
    options = workstation.settings()
    monkeypatch.setattr(options, "display_speech", False)  # restored afterwards
    section = ReceptionSection(desk.clerk)
    qtbot.addWidget(section)
    display = section.open_display()
    qtbot.addWidget(display)
    for _ in range(2):
        clock.advance(minutes=1)
        desk.clerk.reception.register(ContactInput(Channel.IN_PERSON, desk.purposes["information"]))
    desk.clerk.queue.call_next(desk.teams["first_contact"])
    qtbot.waitUntil(lambda: display.latest_ticket.text() == "I-001", timeout=2000)
    assert said == []
    dialog = DisplaySettingsDialog(options, display)
    qtbot.addWidget(dialog)
    assert not dialog.speech.isChecked()
    dialog.speech.setChecked(True)
    dialog._accept()
    assert options.display_speech
    clock.advance(minutes=1)
    desk.clerk.queue.call_next(desk.teams["first_contact"])
    qtbot.waitUntil(lambda: display.latest_ticket.text() == "I-002", timeout=2000)
    assert [(c.ticket, c.place) for c in said] == [("I-002", "pokój 1")]
    section.close()
