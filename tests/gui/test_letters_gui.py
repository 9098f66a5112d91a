"""Letters on screen: the template editor (problems under the field with their place marked,
fields put in the text, versions, preview) and, in a case, "Letter…" (choose, fill in, read,
print) and the case's letters with "Print again"."""

from datetime import date

import pytest
from case_office import LETTER_DAY
from PySide6.QtCore import Qt
from typing_keys import type_text
from waiting import operations_done, slow_server

from opsdesk.domain.roles import Role
from opsdesk.ui.boards.case_dialog import CaseDialog, load_case
from opsdesk.ui.printing.preview_dialog import DocumentPreviewDialog


@pytest.fixture
def editor(qtbot, world, admin_section):
    world.clock.moment = LETTER_DAY
    section = admin_section(world.as_("manager"))
    tab = section.open_tab("letters")
    operations_done(qtbot)  # the templates are read off the GUI thread
    return tab


def type_lines(qtbot, widget, text: str) -> None:
    """Type ``text`` as a person would, Enter between its lines."""
    widget.clear()
    for index, line in enumerate(text.split("\n")):
        if index:
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        type_text(qtbot, widget, line, clear=False)


def opened_preview(qtbot, job, parent) -> DocumentPreviewDialog:
    if job.running:
        with qtbot.waitSignal(job.finished, timeout=20000):
            pass
    qtbot.waitUntil(lambda: bool(parent.findChildren(DocumentPreviewDialog)), timeout=5000)
    preview = parent.findChildren(DocumentPreviewDialog)[-1]
    qtbot.addWidget(preview)
    return preview


# --- the editor -----------------------------------------------------------------------------


def test_the_editor_lists_the_templates_and_the_fields_of_the_kind(editor):
    names = [editor.list.item(i).text() for i in range(editor.list.count())]
    assert names[0] == "Wezwanie do uzupełnienia braków wniosku \u2014 wersja 1"
    assert len(names) == 6
    assert "Wezwanie do uzupełnienia braków wniosku" in editor.heading.text()
    assert "art. 64 § 2 KPA" in editor.heading.text()
    fields = [editor.fields.item(i).text() for i in range(editor.fields.count())]
    assert fields[0] == "{braki} \u2014 braki wniosku (wymagane)"
    assert "{klient.imie_nazwisko} \u2014 imię i nazwisko klienta" in fields


def test_an_unknown_placeholder_is_shown_under_the_text_with_its_place(qtbot, editor):
    type_lines(qtbot, editor.body, "Proszę o: {braki}\nTermin: {termn}.")
    qtbot.waitUntil(lambda: "body" in editor.errors.messages(), timeout=3000)
    message = editor.errors.messages()["body"]
    assert message == "Nieznane pole {termn}; czy chodziło o {termin}? (wiersz 2, kolumna 9)"
    marked = editor.body.extraSelections()
    assert len(marked) == 1
    assert marked[0].cursor.selectedText() == "{termn}"
    editor.save()  # refused: the cursor goes to the place
    operations_done(qtbot)
    assert editor.body.textCursor().selectedText() == "{termn}"
    assert editor.current.version == 1


def test_a_field_is_put_where_the_cursor_is_and_saving_adds_a_version(qtbot, editor):
    editor.body.setPlainText("Proszę uzupełnić: ")
    cursor = editor.body.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    editor.body.setTextCursor(cursor)
    row = next(
        i
        for i in range(editor.fields.count())
        if editor.fields.item(i).data(Qt.ItemDataRole.UserRole) == "braki"
    )
    editor.fields.setCurrentRow(row)
    editor.insert_button.click()
    assert editor.body.toPlainText() == "Proszę uzupełnić: {braki}"
    assert editor.save()
    operations_done(qtbot)
    assert editor.saved.version == 2
    assert editor.status.text() == "Zapisano jako wersję 2."
    assert editor.list.item(0).text().endswith("wersja 2")
    editor.restore_button.setEnabled(True)


def test_a_missing_required_field_is_refused_on_saving(qtbot, editor):
    editor.body.setPlainText("Proszę uzupełnić wniosek.")
    editor.save()
    operations_done(qtbot)
    assert editor.saved is None
    assert "braki wniosku ({braki})" in editor.errors.messages()["body"]


def test_the_preview_prints_made_up_data(qtbot, editor):
    editor.preview()
    qtbot.waitUntil(lambda: bool(editor.findChildren(DocumentPreviewDialog)), timeout=20000)
    preview = editor.findChildren(DocumentPreviewDialog)[-1]
    qtbot.addWidget(preview)
    assert "Podgląd" in preview.windowTitle()


def test_a_slow_server_never_freezes_the_template_preview_and_opens_it_once(
    qtbot, editor, monkeypatch
):
    with slow_server(monkeypatch, type(editor.services.letter_templates), "preview") as slow:
        editor.preview()
        editor.preview()  # pressed again before the letter was composed
        qtbot.waitUntil(lambda: slow.ticks >= 5)  # the window answers meanwhile
        assert editor.findChildren(DocumentPreviewDialog) == []
    qtbot.waitUntil(lambda: bool(editor.findChildren(DocumentPreviewDialog)), timeout=20000)
    operations_done(qtbot)
    qtbot.wait(100)
    assert len(slow.calls) == 1
    assert len(editor.findChildren(DocumentPreviewDialog)) == 1
    qtbot.addWidget(editor.findChildren(DocumentPreviewDialog)[0])


def test_the_administrator_edits_templates_too(world, admin_section):
    section = admin_section(world.as_("admin"))
    assert "letters" in section.tab_keys()


# --- a case ---------------------------------------------------------------------------------


@pytest.fixture
def case_dialog(qtbot, world, applied_case_id):
    anna = world.as_("anna")
    dialog = CaseDialog(anna, applied_case_id, view=load_case(anna, applied_case_id, True))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_summons_is_filled_in_read_and_printed_from_the_case(qtbot, case_dialog):
    assert case_dialog.letters.empty.isVisible()
    letter = case_dialog.letter_dialog()
    qtbot.addWidget(letter)
    operations_done(qtbot)  # the letters it offers are read off the GUI thread
    letter.show()
    letter.choose("summons")
    assert letter.missing.isVisible() and not letter.content.isVisible()
    assert "7 dni" in letter.effect.text()
    letter.refresh()
    operations_done(qtbot)  # the text is made off the GUI thread
    # nothing typed yet: nothing is wrong yet, the preview says what it waits for
    assert letter.errors.messages() == {}
    assert letter.text.placeholderText() == "Uzupełnij pola po lewej, aby zobaczyć pismo."
    assert letter.print_letter()  # printing says what is missing, next to the field
    operations_done(qtbot)
    assert letter.printed is None and letter.isVisible()
    assert letter.errors.messages() == {"missing": "Napisz, czego brakuje we wniosku."}
    for day in (date(2026, 11, 27), date(2026, 11, 30)):  # the preview, made again, says it
        letter.counted_from.setDate(day)
        qtbot.wait(400)
        operations_done(qtbot)
        assert letter.errors.messages() == {"missing": "Napisz, czego brakuje we wniosku."}
    type_text(qtbot, letter.missing, "zaświadczenie o dochodach z ZUS")
    qtbot.waitUntil(lambda: "zaświadczenie o dochodach z ZUS" in letter.text.toPlainText())
    assert "Jan Kowalski\nul. Łużycka 5/3\n74-100 Gryfino" in letter.text.toPlainText()
    assert letter.print_letter()
    operations_done(qtbot)
    assert letter.printed is not None and letter.result() == letter.DialogCode.Accepted
    preview = opened_preview(qtbot, letter.preview_job, case_dialog)
    assert preview.windowTitle().endswith("Pismo")
    case_dialog.reload()
    operations_done(qtbot)
    assert "czeka na uzupełnienie braków" in case_dialog.deadlines.text()
    assert "07.12.2026" in case_dialog.facts.text()
    assert "Wydrukowano pismo" in case_dialog.timeline.toPlainText()
    assert case_dialog.letters.list.count() == 1
    assert "Wezwanie do uzupełnienia braków wniosku (wersja 1), Anna Łęcka" in (
        case_dialog.letters.list.item(0).text()
    )
    assert case_dialog.step_buttons["completed"].isEnabled()


def test_print_again_from_the_history(qtbot, world, case_dialog, applied_case_id, monkeypatch):
    anna = world.as_("anna")
    choice = next(c for c in anna.letters.choices(applied_case_id) if c.kind == "general")
    from opsdesk.services.letters.records import LetterInputs

    anna.letters.print_letter(applied_case_id, choice.template_id, LetterInputs(content="Treść."))
    case_dialog.reload()
    operations_done(qtbot)
    letters = case_dialog.letters
    assert letters.again_button.isEnabled()
    with slow_server(monkeypatch, type(anna.letters), "reprint") as server:
        assert letters.print_again()
        assert not letters.print_again()  # pressed again: nothing seemed to happen
        qtbot.waitUntil(lambda: len(server.calls) == 1, timeout=3000)
        qtbot.wait(200)
        qtbot.waitUntil(lambda: server.ticks >= 5, timeout=5000)
        assert letters.preview_job is None  # the window answers
    operations_done(qtbot)
    assert len(server.calls) == 1
    preview = opened_preview(qtbot, letters.preview_job, case_dialog)
    assert "ponownie" in preview.windowTitle()


def test_a_letter_that_cannot_be_printed_says_why(qtbot, case_dialog):
    letter = case_dialog.letter_dialog()
    qtbot.addWidget(letter)
    operations_done(qtbot)  # the letters it offers are read off the GUI thread
    letter.choose("handoff_notice")
    assert letter.problem.text() == "Sprawy nie przekazano do innego zespołu."
    assert not letter.print_button.isEnabled()


def test_a_field_the_person_emptied_is_said_next_to_it_in_the_preview(qtbot, case_dialog):
    letter = case_dialog.letter_dialog()
    qtbot.addWidget(letter)
    operations_done(qtbot)
    letter.show()
    letter.choose("summons")
    type_text(qtbot, letter.missing, "PIT")
    qtbot.waitUntil(lambda: "PIT" in letter.text.toPlainText())
    letter.missing.selectAll()
    qtbot.keyClick(letter.missing, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: letter.errors.messages() != {})
    assert letter.errors.messages() == {"missing": "Napisz, czego brakuje we wniosku."}
    assert letter.text.toPlainText() == ""


def test_a_value_the_case_lacks_is_named_above_the_text(qtbot, world, case_dialog, applied_case_id):
    anna = world.as_("anna")
    anna.case_deadlines.record_decision(applied_case_id, date(2026, 11, 27))
    case_dialog.reload()
    operations_done(qtbot)
    letter = case_dialog.letter_dialog()
    qtbot.addWidget(letter)
    operations_done(qtbot)  # the letters it offers are read off the GUI thread
    letter.show()
    letter.choose("delivery_record")
    letter.refresh()
    operations_done(qtbot)
    assert "numer decyzji ({decyzja.numer})" in letter.errors.general_message()
    letter.print_letter()
    operations_done(qtbot)
    assert letter.printed is None and letter.result() != letter.DialogCode.Accepted


def test_the_letter_dialog_opens_at_once_and_reads_its_letters_off_the_gui_thread(
    qtbot, world, case_dialog, monkeypatch
):
    anna = world.as_("anna")
    with slow_server(monkeypatch, type(anna.letters), "choices") as slow:
        letter = case_dialog.letter_dialog()
        qtbot.addWidget(letter)
        letter.show()
        qtbot.waitUntil(lambda: len(slow.calls) == 1, timeout=3000)
        qtbot.waitUntil(lambda: slow.ticks >= 5, timeout=3000)  # the window answers
        assert letter.letter.currentText() == "Wczytywanie…" and not letter.letter.isEnabled()
        assert not letter.print_button.isEnabled() and not letter.missing.isVisible()
        assert letter.print_letter() is False  # nothing to print yet
    operations_done(qtbot)
    assert letter.letter.isEnabled() and letter.letter.count() == len(letter.choices) > 1
    assert letter.print_button.isEnabled()  # the first letter that can be printed
    assert letter.choice().kind == "summons" and letter.missing.isVisible()


def test_the_letter_dialogs_letters_refused_are_said_in_red_and_come_when_the_server_is_back(
    qtbot, world, case_dialog, monkeypatch
):
    from waiting import server_away

    from opsdesk.ui.forms import ERROR_STYLE

    away = server_away(monkeypatch, type(world.as_("anna").letters), "choices")
    letter = case_dialog.letter_dialog()
    qtbot.addWidget(letter)
    letter.show()
    away_text = "Brak połączenia z serwerem bazy danych."
    qtbot.waitUntil(lambda: letter.errors.general_message() == away_text, timeout=3000)
    assert letter.errors.general_label.styleSheet() == ERROR_STYLE
    assert not letter.print_button.isEnabled()
    away.back()
    qtbot.waitUntil(lambda: letter.letter.isEnabled(), timeout=3000)
    operations_done(qtbot)
    assert letter.errors.general_message() == "" and not letter.errors.general_label.isVisible()
    assert letter.print_button.isEnabled() and letter.choice().kind == "summons"


def test_the_manager_sees_the_tab_first(world, admin_section):
    section = admin_section(world.as_("manager"))
    assert section.tab_keys()[0] == "letters"
    assert Role.MANAGER


def test_the_gdpr_information_is_edited_by_the_administrator(qtbot, world, admin_section):
    section = admin_section(world.as_("admin"))
    tab = section.open_tab("gdpr")
    operations_done(qtbot)  # the texts are read off the GUI thread
    assert "Prezesa Urzędu Ochrony Danych Osobowych" in tab.edits["rights"].toPlainText()
    tab.edits["recipients"].setPlainText("Wyłącznie podmioty uprawnione z mocy prawa.")
    tab.edits["purposes"].setPlainText("x" * 4001)
    assert tab.save()
    operations_done(qtbot)
    assert tab.saved is None
    assert set(tab.errors.messages()) == {"purposes"}
    tab.edits["purposes"].setPlainText("")  # back to the default
    tab.save()
    operations_done(qtbot)
    saved = tab.saved
    assert saved.recipients == "Wyłącznie podmioty uprawnione z mocy prawa."
    assert saved.purposes.startswith("Realizacja zadań ośrodka")
    assert tab.status.text() == "Zapisano."
    assert "gdpr" not in admin_section(world.as_("manager")).tab_keys()
