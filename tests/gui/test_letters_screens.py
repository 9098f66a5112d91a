"""Letters on a 1366×768 screen (the common office laptop): the template editor in the
Administration section, the case with its letters, the letter dialog — each fits, nothing cut
off; at 125 % (Windows' default on such laptops) too, in a subprocess, as the scale is set
before Qt starts. With OPSDESK_GRABS set to a folder, each screen is saved there as a PNG."""

import os
from datetime import date

import pytest
from case_office import LETTER_DAY
from screen_fit import available, fits, passes_at_125_percent, problems
from waiting import operations_done

from opsdesk.services.letters.records import LetterInputs
from opsdesk.ui.boards.case_dialog import CaseDialog, load_case
from opsdesk.ui.main_window import MainWindow

SCALE = float(os.environ.get("QT_SCALE_FACTOR", "1"))


def grab(widget, name: str) -> None:
    if os.environ.get("OPSDESK_GRABS"):  # a folder: look at the screen as a person would
        widget.grab().save(os.path.join(os.environ["OPSDESK_GRABS"], f"{name}-{SCALE}.png"))


@pytest.fixture
def case_id(world, applied_case_id):
    """The case with a summons printed from it."""
    anna = world.as_("anna")
    summons = next(c for c in anna.letters.choices(applied_case_id) if c.kind == "summons")
    anna.letters.print_letter(
        applied_case_id,
        summons.template_id,
        LetterInputs(missing="zaświadczenie o dochodach z ZUS"),
    )
    return applied_case_id


def test_the_template_editor_fits(qtbot, world):
    world.clock.moment = LETTER_DAY
    window = MainWindow(world.as_("manager"), "OPS w Gryfinie")
    qtbot.addWidget(window)
    section = window.open_section("admin")
    window.show()
    space = available(scale=SCALE)
    assert fits(window, SCALE), window.minimumSizeHint()
    window.resize(space)
    qtbot.wait(50)
    tab = section.open_tab("letters")
    operations_done(qtbot)  # the templates are read off the GUI thread
    tab.body.setPlainText(tab.body.toPlainText() + "\n{termn}")
    tab.check()
    qtbot.wait(50)
    assert window.width() == space.width()
    assert problems(window) == []
    assert tab.body.width() >= 320  # room for a line of the letter
    grab(window, "letter-templates")
    window.close()


def test_the_case_with_its_letters_fits(qtbot, world, case_id):
    dialog = CaseDialog(
        world.as_("anna"), case_id, view=load_case(world.as_("anna"), case_id, True)
    )
    qtbot.addWidget(dialog)
    dialog.show()
    space = available(scale=SCALE)
    assert fits(dialog, SCALE), dialog.minimumSizeHint()
    dialog.resize(dialog.size().boundedTo(space))
    qtbot.wait(50)
    assert problems(dialog) == []
    assert dialog.letters.list.count() == 1
    grab(dialog, "case-letters")


def test_the_letter_dialog_fits(qtbot, world, case_id):
    anna = world.as_("anna")
    anna.case_deadlines.record_completion(case_id)
    dialog = CaseDialog(anna, case_id, view=load_case(anna, case_id, True))
    qtbot.addWidget(dialog)
    letter = dialog.letter_dialog()
    qtbot.addWidget(letter)
    operations_done(qtbot)  # the letters it offers are read off the GUI thread
    letter.show()
    letter.choose("delay_notice")
    letter.new_date.setDate(date(2027, 1, 15))
    letter.reason.setText("oczekiwanie na opinię lekarza orzecznika")
    letter.refresh()
    operations_done(qtbot)  # the text is made off the GUI thread
    space = available(scale=SCALE)
    assert fits(letter, SCALE), letter.minimumSizeHint()
    letter.resize(letter.size().boundedTo(space))
    qtbot.wait(50)
    assert problems(letter) == []
    assert "Nowy termin załatwienia sprawy: 15.01.2027." in letter.text.toPlainText()
    grab(letter, "letter-dialog")


@pytest.mark.skipif(SCALE != 1, reason="this is the run at 125 %")
def test_the_same_at_125_percent():
    passed, output = passes_at_125_percent(__file__)
    assert passed, output
