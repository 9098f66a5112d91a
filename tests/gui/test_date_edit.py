"""The one date field: typed straight through (dd.mm.rrrr, d.m.rrrr, dd.mm.rr, a paste), it
says what it understood, refuses an impossible date next to itself, and never changes on the
mouse wheel. Dialogs that use it save exactly the typed date."""

from datetime import date

import pytest
from PySide6.QtCore import QDate, QPoint, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QWheelEvent
from PySide6.QtWidgets import QApplication, QFormLayout, QWidget
from typing_keys import type_text
from waiting import operations_done

from opsdesk.domain.formatting import format_date_words
from opsdesk.errors import ValidationError
from opsdesk.ui.boards.new_case_dialog import NewCaseDialog
from opsdesk.ui.date_edit import DateEdit
from opsdesk.ui.forms import FieldErrors

TODAY = date(2026, 11, 30)


@pytest.fixture
def edit(qtbot):
    widget = DateEdit(TODAY, today=TODAY)
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.mark.parametrize(
    ("typed", "understood", "shown"),
    [
        ("24.11.2026", date(2026, 11, 24), "24.11.2026"),
        ("5.3.2026", date(2026, 3, 5), "05.03.2026"),
        ("24.11.26", date(2026, 11, 24), "24.11.2026"),
        ("15.03.85", date(1985, 3, 15), "15.03.1985"),
        ("24112026", date(2026, 11, 24), "24.11.2026"),
    ],
)
def test_typed_dates_are_taken_as_typed(qtbot, edit, typed, understood, shown):
    type_text(qtbot, edit.line, typed)
    assert edit.value() == understood
    assert edit.date() == QDate(understood.year, understood.month, understood.day)
    assert edit.hint.text() == format_date_words(understood)
    qtbot.keyClick(edit.line, Qt.Key.Key_Return)
    assert edit.line.text() == shown  # written back in full once the field is left


def test_what_was_understood_is_said_in_words(qtbot, edit):
    type_text(qtbot, edit.line, "5.3.2026")
    assert edit.hint.text() == "czwartek, 5 marca 2026"


def test_a_paste_is_read_too(qtbot, edit):
    QGuiApplication.clipboard().setText(" 2026-02-09 ")
    edit.line.selectAll()
    edit.line.paste()
    assert edit.value() == date(2026, 2, 9)
    assert edit.hint.text() == "poniedziałek, 9 lutego 2026"


def test_an_impossible_date_is_refused_next_to_the_field(qtbot, edit):
    changes = []
    edit.dateChanged.connect(changes.append)
    type_text(qtbot, edit.line, "31.02.2026")
    qtbot.keyClick(edit.line, Qt.Key.Key_Tab)
    edit._finished()  # offscreen focus may not move; leaving the field is what counts
    assert edit.value() is None
    assert edit.hint.text() == "Nie ma takiej daty: 31.02.2026."
    assert edit.line.text() == "31.02.2026"  # what was typed stays, to be corrected
    assert changes == []
    with pytest.raises(ValidationError, match="Nie ma takiej daty"):
        edit.checked_date()


def test_an_unfinished_date_is_not_an_error_while_typing(qtbot, edit):
    type_text(qtbot, edit.line, "24.1")
    assert edit.value() is None
    assert edit.hint.text() == ""


def test_dates_outside_the_allowed_range_are_refused(qtbot, edit):
    edit.setMaximumDate(TODAY)
    type_text(qtbot, edit.line, "01.12.2026")
    with pytest.raises(ValidationError):
        edit.checked_date()
    assert edit.hint.text() == "Data nie może być późniejsza niż 30.11.2026."


def test_keys_step_the_date_only_with_focus_and_the_wheel_never(qtbot, edit):
    edit.line.setFocus()
    qtbot.keyClick(edit.line, Qt.Key.Key_Up)
    assert edit.value() == date(2026, 12, 1)
    qtbot.keyClick(edit.line, Qt.Key.Key_PageDown)
    assert edit.value() == date(2026, 11, 1)
    center = QPointF(edit.line.rect().center())
    wheel = QWheelEvent(
        center,
        QPointF(edit.line.mapToGlobal(QPoint(5, 5))),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(edit.line, wheel)
    assert edit.value() == date(2026, 11, 1)


def test_form_messages_about_the_field_appear_in_it(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    form = QFormLayout(parent)
    edit = DateEdit(TODAY, today=TODAY)
    form.addRow("Data", edit)
    errors = FieldErrors(parent)
    errors.attach("new_date", edit, form)
    errors.show({"new_date": "25.04.2026 to dzień wolny; wybierz dzień roboczy."})
    assert edit.hint.text() == "25.04.2026 to dzień wolny; wybierz dzień roboczy."
    assert errors.messages() == {"new_date": "25.04.2026 to dzień wolny; wybierz dzień roboczy."}
    errors.clear()
    assert edit.hint.text() == "poniedziałek, 30 listopada 2026"
    type_text(qtbot, edit.line, "32.11.2026")
    with pytest.raises(ValidationError) as refused:
        edit.checked_date()
    assert refused.value.errors == {"new_date": "Nie ma takiej daty: 32.11.2026."}


def test_new_case_saves_the_typed_application_date(qtbot, world):
    clerk = world.as_("clerk")
    dialog = NewCaseDialog(clerk, world.clients["wasik"], "Wąsik Zofia")
    qtbot.addWidget(dialog)
    dialog.show()
    operations_done(qtbot)  # its lists are read off the GUI thread
    type_text(qtbot, dialog.applied.line, "12.03.2026")
    assert dialog.applied.hint.text() == "czwartek, 12 marca 2026"
    dialog.save()
    operations_done(qtbot)  # the case is opened off the GUI thread
    assert dialog.created.application_date == date(2026, 3, 12)


def test_new_case_refuses_an_impossible_date_and_saves_nothing(qtbot, world):
    clerk = world.as_("clerk")
    dialog = NewCaseDialog(clerk, world.clients["wasik"], "Wąsik Zofia")
    qtbot.addWidget(dialog)
    dialog.show()
    operations_done(qtbot)  # its lists are read off the GUI thread
    type_text(qtbot, dialog.applied.line, "30.02.2026")
    dialog.save()
    assert dialog.created is None
    assert dialog.errors.messages() == {"application_date": "Nie ma takiej daty: 30.02.2026."}
    assert dialog.applied.hint.text() == "Nie ma takiej daty: 30.02.2026."
    assert clerk.cases.where_sent(world.clients["wasik"]) == []
