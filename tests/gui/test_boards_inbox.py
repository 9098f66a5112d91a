"""The "Przekazane do mnie" tab: the count on the board's header and on the tab, accepting
one or several hand-offs, sending one back with a reason shown to the sender."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from typing_keys import type_text
from waiting import operations_done

from opsdesk.ui.boards.handoff_inbox import HandoffInbox
from opsdesk.ui.boards.section import BoardsSection


def open_case(world, who, client, kind):
    return world.open_case(who, client, kind, date(2026, 3, 10))


@pytest.fixture
def handed(world):
    """Two cases wait for Anna: a request from social work and a case the manager gave her."""
    social = open_case(world, "celina", "kowalski", "praca_socjalna")
    world.as_("celina").handoffs.ask_for_decision(
        social, world.kinds["zasilek_celowy"], "Prośba o zasiłek celowy na opał"
    )
    given = open_case(world, "bartosz", "wasik", "zasilek_okresowy")
    world.as_("manager").cases.reassign(given, world.staff["anna"], "zastępstwo za Bartosza")
    return social


@pytest.fixture
def section(qtbot, world, handed):
    widget = BoardsSection(world.as_("anna"))
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    operations_done(qtbot)  # the board's first load runs off the GUI thread
    return widget


def tab_texts(section):
    return [section.tabs.tabText(i) for i in range(section.tabs.count())]


def test_the_count_is_on_the_tab_and_the_boards_header(section, qtbot):
    assert tab_texts(section)[1] == "Przekazane do mnie (2)"
    button = section.board.inbox_button
    assert button.text() == "&Przekazane do mnie: 2" and button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    operations_done(qtbot)
    assert section.tabs.currentWidget() is section.inbox
    inbox = section.inbox
    assert inbox.model.rowCount() == 2
    row = [inbox.model.index(0, c).data() for c in range(inbox.model.columnCount())]
    assert row[1:4] == ["z innego zespołu", "OPS.2.2026", "Kowalski Jan"]
    assert row[5:7] == ["Celina Żak", "Anna Łęcka"]
    assert row[7] == "Prośba o zasiłek celowy na opał"
    assert inbox.model.index(1, 1).data() == "przydzielona Tobie"


def test_accepting_several_at_once_updates_both_counts(section, qtbot):
    section.tabs.setCurrentWidget(section.inbox)
    operations_done(qtbot)
    inbox = section.inbox
    inbox.table.selectAll()
    assert inbox.accept_button.isEnabled() and not inbox.send_back_button.isEnabled()
    qtbot.mouseClick(inbox.accept_button, Qt.MouseButton.LeftButton)
    operations_done(qtbot)
    assert inbox.message.text() == "Przyjęto: OPS.2.2026, OPS.3.2026."
    assert inbox.model.rowCount() == 0
    assert tab_texts(section)[1] == "Przekazane do mnie (0)"
    assert section.board.inbox_button.text() == "&Przekazane do mnie: 0"
    assert "Nic nie czeka" in inbox.heading.text()


def test_sending_back_asks_why_and_the_sender_sees_it(section, qtbot, world, handed):
    section.tabs.setCurrentWidget(section.inbox)
    operations_done(qtbot)
    inbox = section.inbox
    inbox.table.selectRow(0)

    def answer(dialog):
        dialog.save()  # no reason: refused next to the field
        operations_done(qtbot)
        assert "co najmniej 10 znaków" in dialog.errors.messages()["reason"]
        dialog.reason.setFocus()
        type_text(qtbot, dialog.reason, "Zasiłek przyznany w tym miesiącu")
        dialog.save()
        operations_done(qtbot)
        return dialog.result()

    inbox.exec_dialog = answer
    assert inbox.send_back_current()
    operations_done(qtbot)
    assert inbox.model.rowCount() == 1 and tab_texts(section)[1] == "Przekazane do mnie (1)"
    celina = HandoffInbox(world.as_("celina"))
    qtbot.addWidget(celina)
    celina.reload()
    operations_done(qtbot)
    assert celina.model.index(0, 1).data() == "odesłana"
    assert celina.model.index(0, 7).data() == "Zasiłek przyznany w tym miesiącu"
    assert not celina.send_back_button.isEnabled() and celina.accept_button.isEnabled()


def test_the_inbox_model_passes_qtmodeltester(qtmodeltester, section, qtbot):
    section.inbox.reload()
    operations_done(qtbot)
    qtmodeltester.check(section.inbox.model)


def test_the_list_shown_follows_a_hand_off_made_elsewhere(section, qtbot, world):
    section.tabs.setCurrentWidget(section.inbox)
    operations_done(qtbot)
    assert section.inbox.model.rowCount() == 2
    other = open_case(world, "bartosz", "wasik", "zasilek_celowy")
    world.as_("manager").cases.reassign(other, world.staff["anna"], "zastępstwo")
    section.board.follow_changes()  # what the board does after a commit it sees
    operations_done(qtbot)
    assert section.inbox.model.rowCount() == 3
    assert tab_texts(section)[1] == "Przekazane do mnie (3)"
