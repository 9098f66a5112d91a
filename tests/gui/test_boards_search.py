"""The "Szukaj" tab: cases across boards grouped by board, typed and chosen criteria, saved
filters that fill the form and search at once; Enter opens the case."""

from datetime import date

import pytest
from case_office import fill_board
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from typing_keys import type_text
from waiting import operations_done, server_away, slow_server

from opsdesk.ui.boards.case_search import CaseSearch
from opsdesk.ui.boards.section import BoardsSection


@pytest.fixture
def ids(world):
    ids = fill_board(world)
    ids["social"] = world.open_case("celina", "kowalski", "praca_socjalna", date(2026, 3, 12))
    return ids


def search_as(qtbot, world, who):
    widget = CaseSearch(world.as_(who))
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    operations_done(qtbot)  # its lists are read off the GUI thread
    widget.opened = []
    widget.open_case_dialog = widget.opened.append
    return widget


def groups(widget):
    model = widget.model
    return [
        (
            model.index(r, 0).data(),
            [
                model.index(c, 0, model.index(r, 0)).data()
                for c in range(model.rowCount(model.index(r, 0)))
            ],
        )
        for r in range(model.rowCount())
    ]


def test_typing_a_surname_finds_the_cases_on_every_board(qtbot, world, ids):
    widget = search_as(qtbot, world, "manager")
    widget.text.setFocus()
    type_text(qtbot, widget.text, "Kowalski")
    qtbot.keyClick(widget.text, Qt.Key.Key_Return)
    operations_done(qtbot)
    assert widget.summary.text() == "Znalezione sprawy: 4."
    assert groups(widget) == [
        ("Zespół świadczeń: 3", ["OPS.1.2026", "OPS.3.2026", "OPS.4.2026"]),
        ("Zespół pracy socjalnej i usług: 1", ["OPS.7.2026"]),
    ]
    first = widget.model.index(0, 0, widget.model.index(0, 0))
    assert widget.model.index(0, 5, widget.model.index(0, 0)).data() == (
        "12.03.2026 (wywiad środowiskowy (pilny))"
    )
    widget.tree.setCurrentIndex(first)
    widget.tree.activated.emit(first)
    assert widget.opened == [ids["urgent"]]


def test_criteria_from_the_lists_and_a_date_range(qtbot, world, ids):
    widget = search_as(qtbot, world, "anna")
    assert not widget.team.isVisible()  # a worker sees one board
    widget.worker.setCurrentIndex(widget.worker.findData("mine"))
    widget.period.setCurrentIndex(widget.period.findData("range"))
    assert widget.dates_row.isVisible()
    widget.due_from.setDate(date(2026, 3, 1))
    widget.due_to.setDate(date(2026, 3, 20))
    widget.run()
    operations_done(qtbot)
    assert groups(widget) == [("Zespół świadczeń: 2", ["OPS.1.2026", "OPS.3.2026"])]
    widget.clear()
    widget.run()
    assert groups(widget) == []
    assert widget.message.text() == "Wypełnij co najmniej jedno pole albo wybierz zapisany filtr."


def test_a_filter_is_saved_chosen_again_and_deleted(qtbot, world, ids):
    widget = search_as(qtbot, world, "anna")
    assert widget.saved.itemText(1) == "Moje przeterminowane ★"
    widget.saved.setCurrentIndex(1)
    widget.saved.activated.emit(1)
    operations_done(qtbot)
    assert groups(widget) == [("Zespół świadczeń: 1", ["OPS.1.2026"])]
    widget.clear()
    widget.status.setCurrentIndex(widget.status.findData("interview"))
    widget.ask_name = lambda: "w wywiadzie"
    assert widget.save_filter()
    operations_done(qtbot)
    assert widget.saved.currentText() == "w wywiadzie" and widget.delete_button.isEnabled()
    widget.clear()
    index = widget.saved.findText("w wywiadzie")
    widget.saved.setCurrentIndex(index)
    widget.saved.activated.emit(index)
    operations_done(qtbot)
    assert widget.status.currentText() == "Wywiad środowiskowy"
    assert groups(widget) == [("Zespół świadczeń: 1", ["OPS.3.2026"])]
    widget.delete_filter()
    operations_done(qtbot)
    assert widget.saved.findText("w wywiadzie") == -1


def test_the_section_has_the_search_tab(qtbot, world, ids):
    section = BoardsSection(world.as_("celina"))
    qtbot.addWidget(section)
    operations_done(qtbot)  # the boards' tabs come with the teams, read off the GUI thread
    assert section.tabs.tabText(2) == "Szukaj"


def test_words_typed_in_the_notes_field_find_the_case(qtbot, world, ids):
    world.as_("anna").case_notes.add(ids["fresh"], "Czeka na zaświadczenie z urzędu pracy.")
    widget = search_as(qtbot, world, "manager")
    assert any(
        label.text() == "W n&otatkach:" and label.buddy() is widget.notes
        for label in widget.findChildren(QLabel)
    )
    widget.notes.setFocus()
    type_text(qtbot, widget.notes, "urzędu pracy")
    qtbot.keyClick(widget.notes, Qt.Key.Key_Return)
    operations_done(qtbot)
    assert groups(widget) == [("Zespół świadczeń: 1", ["OPS.2.2026"])]
    assert widget.query().notes == "urzędu pracy"
    widget.clear()
    assert widget.notes.text() == ""


def test_the_search_opens_at_once_while_the_server_reads_its_lists(qtbot, world, ids, monkeypatch):
    services = world.as_("manager")
    with slow_server(monkeypatch, type(services.case_search), "statuses") as slow:
        widget = CaseSearch(services)
        qtbot.addWidget(widget)
        widget.resize(1366, 700)
        widget.show()
        qtbot.waitUntil(lambda: len(slow.calls) == 1, timeout=3000)
        qtbot.wait(200)
        qtbot.waitUntil(lambda: slow.ticks >= 5, timeout=5000)  # the window answers
        assert not widget.status.isEnabled() and not widget.saved.isEnabled()
        assert widget.summary.text() == "Wczytywanie…"
    operations_done(qtbot)
    assert widget.status.isEnabled() and widget.status.count() > 3
    assert widget.team.isVisible() and widget.team.count() == 3  # every board, and two
    assert widget.saved.count() > 1 and widget.summary.text() == ""
    assert len(slow.calls) == 1


def test_the_search_lists_refused_at_first_come_once_the_server_answers(
    qtbot, world, ids, monkeypatch
):
    services = world.as_("manager")
    search = type(services.case_search)
    away = server_away(monkeypatch, search, "statuses")
    widget = CaseSearch(services)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: len(away.tries) >= 2, timeout=5000)
    assert "Brak połączenia" in widget.message.text() and not widget.status.isEnabled()
    away.back()
    qtbot.waitUntil(lambda: widget.status.isEnabled(), timeout=5000)
    operations_done(qtbot)
    assert widget.status.count() > 3 and widget.message.text() == ""
