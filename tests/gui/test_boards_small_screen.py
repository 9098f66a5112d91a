"""The team boards on a 1366×768 screen, as the manager sees them: the filter bar leaves the
board's search field room for what it asks for, nothing is cut off, and the case dialog fits
the screen. At 125 % (Windows' default on such laptops) the same, in a subprocess, as the
scale is set before Qt starts (tests/gui/test_reception_small_screen.py)."""

import os

import pytest
from case_office import fill_board
from mnemonic_keys import mnemonics
from PySide6.QtWidgets import QScrollArea
from screen_fit import available, fits, passes_at_125_percent, problems
from waiting import operations_done

from opsdesk.ui.main_window import MainWindow

SCALE = float(os.environ.get("QT_SCALE_FACTOR", "1"))


def grab(widget, name):
    if os.environ.get("OPSDESK_GRABS"):  # a folder: look at the screen as a person would
        widget.grab().save(os.path.join(os.environ["OPSDESK_GRABS"], f"{name}-{SCALE}.png"))


@pytest.fixture
def ids(world):
    return fill_board(world)


@pytest.fixture
def window(qtbot, world, ids):
    window = MainWindow(world.as_("manager"), "OPS w Łęczycy")
    qtbot.addWidget(window)
    window.resize(available(scale=SCALE))
    window.open_section("boards")
    window.show()
    qtbot.waitExposed(window)
    operations_done(qtbot)  # the board's first load runs off the GUI thread
    yield window
    window.close()


def test_the_managers_board_fits_and_its_search_field_is_not_squeezed(qtbot, window):
    board = window.open_section("boards").board
    qtbot.wait(50)
    space = available(scale=SCALE)
    assert fits(window, SCALE), window.minimumSizeHint()
    assert window.width() == space.width()
    assert problems(window) == []
    section = window.findChild(QScrollArea, "sectionScroll")
    assert section.widget().minimumSizeHint().width() <= section.viewport().width(), (
        section.widget().minimumSizeHint()
    )  # nothing to scroll sideways to: every button of the board in sight
    search = board.filters.search
    assert board.filters.team.isVisible()  # the manager's team chooser is in the bar too
    needed = search.fontMetrics().horizontalAdvance(search.placeholderText())
    assert search.width() >= needed + 24, (search.width(), needed)  # the hint is readable
    for combo in (board.filters.team, board.filters.worker, board.filters.region):
        assert combo.width() >= combo.minimumSizeHint().width()
    grab(window, "boards-manager")


def test_every_tab_of_the_section_fits_without_scrolling_sideways(qtbot, window):
    section = window.open_section("boards")
    scroll = window.findChild(QScrollArea, "sectionScroll")
    for index in range(section.tabs.count()):
        section.tabs.setCurrentIndex(index)
        qtbot.wait(20)
        page = section.tabs.widget(index)
        assert page.minimumSizeHint().width() <= scroll.viewport().width(), (
            section.tabs.tabText(index),
            page.minimumSizeHint(),
        )
        assert problems(window) == [], section.tabs.tabText(index)
        grab(window, f"boards-tab{index}")


def test_the_case_dialog_fits_the_screen(qtbot, world, ids):
    from opsdesk.ui.boards.case_dialog import CaseDialog, load_case

    manager = world.as_("manager")
    space = available(scale=SCALE)
    for key in ("decided", "suspended"):
        dialog = CaseDialog(manager, ids[key], view=load_case(manager, ids[key], True))
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        hint = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
        assert hint.width() <= space.width() and hint.height() <= space.height(), hint
        assert dialog.width() <= space.width() and dialog.height() <= space.height(), dialog.size()
        assert problems(dialog) == [], key
        grab(dialog, f"case-dialog-{key}")
        dialog.close()


@pytest.mark.skipif(SCALE != 1, reason="this is the run at 125 %")
def test_the_same_at_125_percent():
    passed, output = passes_at_125_percent(__file__)
    assert passed, output


@pytest.mark.parametrize("who", ["manager", "anna"])
def test_each_alt_letter_means_one_thing_on_every_tab_of_the_boards(qtbot, world, ids, who):
    """In Polish, the buttons, labels, tabs and menus in sight never share an Alt-letter
    ("&Terminy…" and "Tylko po &terminie", "&Kalendarz terminów…" and "E&ksport" did)."""
    window = MainWindow(world.as_(who), "OPS w Łęczycy")
    qtbot.addWidget(window)
    window.show()
    section = window.open_section("boards")
    for index in range(section.tabs.count()):
        section.tabs.setCurrentIndex(index)
        qtbot.wait(20)
        letters = mnemonics(window)
        assert {"k", "n", "w"} <= set(letters)  # Konto, Narzędzia, Widok
        clashes = sorted({letter for letter in letters if letters.count(letter) > 1})
        assert clashes == [], (section.tabs.tabText(index), clashes)
    window.close()
