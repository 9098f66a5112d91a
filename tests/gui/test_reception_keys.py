"""The desk's keys work wherever the focus is: F4 right after a worker logs in, Ctrl+Tab from
any field, and each Alt+letter means one thing in the whole window (the menus keep theirs)."""

import pytest
from mnemonic_keys import MENU_LETTERS, mnemonics
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from waiting import operations_done

from opsdesk.domain.queue import Channel
from opsdesk.services.reception.desk import ContactInput
from opsdesk.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def main_window(qtbot, services):
    window = MainWindow(services, "OPS w Łęczycy")
    qtbot.addWidget(window)
    window.resize(1366, 697)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return window


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)
    operations_done(qtbot)  # F4 answers off the GUI thread


def test_f4_calls_the_next_person_right_after_a_worker_logs_in(qtbot, desk):
    desk.clerk.reception.register(
        ContactInput(
            Channel.IN_PERSON,
            desk.purposes["benefit_application"],
            client_id=desk.clients["lukasz"].id,
        )
    )
    window = main_window(qtbot, desk.benefits_a)
    section = window.open_section("reception")
    press(qtbot, Qt.Key.Key_F4)
    assert section.queue.message.text() == "Wezwano Ś-001 – pokój 2."


def test_f4_while_the_server_is_slow_keeps_the_window_answering_and_calls_once(
    qtbot, desk, monkeypatch
):
    import threading

    desk.clerk.reception.register(ContactInput(Channel.IN_PERSON, desk.purposes["information"]))
    desk.clerk.reception.register(ContactInput(Channel.IN_PERSON, desk.purposes["information"]))
    window = main_window(qtbot, desk.clerk)
    section = window.open_section("reception")
    answer = threading.Event()
    calls = []
    real_call_next = type(desk.clerk.queue).call_next

    def slow_call_next(service, team_id, place=None):
        calls.append(team_id)
        assert answer.wait(10)  # a busy server, a long write lock
        return real_call_next(service, team_id, place)

    monkeypatch.setattr(type(desk.clerk.queue), "call_next", slow_call_next)
    busy = window.findChild(QLabel, "statusBusy")
    try:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F4)
        qtbot.waitUntil(lambda: busy.text() == "Trwa: wzywanie następnej osoby", timeout=3000)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F4)  # pressed again, impatient
        assert section.queue.message.text() == ""  # nobody called yet; the window answers
    finally:
        answer.set()
    operations_done(qtbot)
    assert section.queue.message.text().startswith("Wezwano I-001")
    assert len(calls) == 1  # the second press called nobody else
    assert busy.text() == ""
    assert [r.state for r in desk.clerk.reception.today()].count("called") == 1


def test_f4_works_after_choosing_the_section_in_the_list(qtbot, desk):
    desk.clerk.reception.register(ContactInput(Channel.IN_PERSON, desk.purposes["information"]))
    window = main_window(qtbot, desk.clerk)
    window.findChild(type(window._nav), "sectionList").setFocus()
    press(qtbot, Qt.Key.Key_F4)
    assert window.open_section("reception").queue.message.text().startswith("Wezwano I-001")


def test_ctrl_tab_goes_to_the_next_tab_from_any_field(qtbot, desk):
    window = main_window(qtbot, desk.clerk)
    section = window.open_section("reception")
    tabs = section.tabs
    section.queue.table.setFocus()
    press(qtbot, Qt.Key.Key_Tab, CTRL)
    assert tabs.currentIndex() == 1  # today's contacts
    section.log.table.setFocus()  # the contacts' table
    press(qtbot, Qt.Key.Key_Tab, CTRL)
    assert tabs.currentIndex() == 2
    section.rooms.day.setFocus()  # a date field
    press(qtbot, Qt.Key.Key_Tab, CTRL)
    assert tabs.currentIndex() == 3
    press(qtbot, Qt.Key.Key_Tab, CTRL)
    assert tabs.currentIndex() == 0  # round
    section.form.channel.setFocus()  # a combo box
    press(qtbot, Qt.Key.Key_Tab, CTRL)
    assert tabs.currentIndex() == 1
    press(qtbot, Qt.Key.Key_Backtab, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert tabs.currentIndex() == 0


@pytest.mark.parametrize("language", ["pl", "en"], indirect=True)
@pytest.mark.parametrize("who", ["clerk", "benefits_a"])
def test_each_alt_letter_means_one_thing_in_the_window(qtbot, desk, who, language):
    window = main_window(qtbot, getattr(desk, who))
    tabs = window.open_section("reception").tabs
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        qtbot.wait(20)
        letters = mnemonics(window)
        assert MENU_LETTERS[language] <= set(letters)
        assert sorted(letters) == sorted(set(letters)), (tabs.tabText(index), letters)
