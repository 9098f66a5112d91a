"""In every tab of Administracja each Alt+letter means one thing in the whole window (the
menus keep theirs), in Polish and in English."""

import pytest
from mnemonic_keys import MENU_LETTERS, mnemonics
from waiting import operations_done

from opsdesk.ui.main_window import MainWindow


@pytest.mark.parametrize("language", ["pl", "en"], indirect=True)
def test_each_alt_letter_means_one_thing_in_each_admin_tab(qtbot, office, language):
    window = MainWindow(office, "OPS w Łęczycy")
    qtbot.addWidget(window)
    window.resize(1366, 697)
    window.show()
    qtbot.waitExposed(window)
    section = window.open_section("admin")
    for key in section.tab_keys():
        section.open_tab(key)
        operations_done(qtbot)
        qtbot.wait(20)
        letters = mnemonics(window)
        assert MENU_LETTERS[language] <= set(letters)
        assert sorted(letters) == sorted(set(letters)), (key, letters)
