"""The desk on a 1366×768 screen: the whole reception section fits, nothing is cut off, and a
validation message does not widen the window."""

import pytest
from PySide6.QtWidgets import QHeaderView, QScrollArea

from opsdesk.ui.main_window import MainWindow
from screen_fit import available, fits, problems


@pytest.fixture
def window(qtbot, desk):
    window = MainWindow(desk.clerk, "OPS w Łęczycy")
    qtbot.addWidget(window)
    window.open_section("reception")
    window.show()
    yield window
    window.close()


def test_the_clerks_desk_fits_a_1366_by_768_screen(qtbot, window):
    space = available()
    assert fits(window), window.minimumSizeHint()
    window.resize(space)
    qtbot.wait(50)
    assert window.width() == space.width()
    section = window.open_section("reception")
    assert problems(window) == []
    scroll = window.findChild(QScrollArea, "sectionScroll")  # at 100 % nothing scrolls
    assert not scroll.horizontalScrollBar().isVisible()
    assert not scroll.verticalScrollBar().isVisible()
    tabs = section.queue.tabs
    assert tabs.count() == 3
    assert tabs.tabRect(2).right() <= tabs.width()  # the third queue in sight
    button = section.display_button
    assert button.mapTo(window, button.rect().bottomRight()).x() <= window.width()
    table, header = section.queue.table, section.queue.table.horizontalHeader()
    column = section.queue.model.columnCount() - 1
    assert header.sectionResizeMode(column) in (QHeaderView.ResizeMode.Stretch,
                                                QHeaderView.ResizeMode.Interactive,
                                                QHeaderView.ResizeMode.ResizeToContents)
    for c in range(section.queue.model.columnCount()):
        assert header.sectionViewportPosition(c) < table.viewport().width()


def test_a_validation_message_does_not_widen_the_window(qtbot, window):
    space = available()
    window.resize(space)
    qtbot.wait(50)
    form = window.open_section("reception").form
    form.note.setText("x" * 400)  # too long: the longest message the form shows
    form.submit()
    assert form.errors.messages()
    qtbot.wait(50)
    assert fits(window), window.minimumSizeHint()
    assert window.width() == space.width()


def test_a_queue_tab_shows_the_accent_of_its_letter_when_not_selected(qtbot, window):
    tabs = window.open_section("reception").queue.tabs
    tabs.setCurrentIndex(0)
    assert tabs.tabText(1).startswith("Ś")
    qtbot.wait(20)
    with_accent = tabs.grab(tabs.tabRect(1)).toImage()
    tabs.setTabText(1, "S" + tabs.tabText(1)[1:])
    qtbot.wait(20)
    without = tabs.grab(tabs.tabRect(1)).toImage()
    assert with_accent != without  # the accent over "Ś" is drawn, not clipped away
