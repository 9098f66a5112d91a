"""The client register and form: PESEL messages next to the field, birth date and sex from
the PESEL, region from the address, the duplicate warning, households, opening a case."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from typing_keys import type_text
from waiting import operations_done, slow_server

from opsdesk.ui.boards.client_register import ClientRegister
from opsdesk.ui.boards.new_case_dialog import NewCaseDialog
from opsdesk.ui.clients.client_form import ClientDialog
from opsdesk.ui.clients.household import HouseholdDialog


def form(qtbot, world, client_id=None, who="clerk"):
    dialog = ClientDialog(world.as_(who), client_id)
    qtbot.addWidget(dialog)
    dialog.show()
    operations_done(qtbot)  # the client's data and the region load off the GUI thread
    return dialog


def fill(qtbot, dialog, **values):
    for name, text in values.items():
        type_text(qtbot, dialog.fields[name], text)


def test_pesel_is_checked_as_it_is_typed(qtbot, world):
    dialog = form(qtbot, world)
    fill(qtbot, dialog, pesel="8005141")
    assert dialog.pesel_hint.text() == "7 z 11 cyfr"
    fill(qtbot, dialog, pesel="80051412376")
    assert dialog.pesel_hint.text().startswith("Cyfra kontrolna numeru PESEL się nie zgadza")
    fill(qtbot, dialog, pesel="04270107746")
    assert dialog.pesel_hint.text() == "✓ ur. 01.07.2004, kobieta"
    assert dialog.fields["birth_date"].text() == "01.07.2004"
    assert dialog.sex.currentText() == "kobieta" and not dialog.sex.isEnabled()


def test_bad_input_is_shown_next_to_the_fields_and_nothing_saved(qtbot, world):
    before = len(world.as_("clerk").clients.search(""))
    dialog = form(qtbot, world)
    fill(
        qtbot,
        dialog,
        first_name="Łucja",
        last_name="Żądło",
        pesel="80051412376",
        postal_code="7410",
    )
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    operations_done(qtbot)  # saved (here refused) off the GUI thread
    assert dialog.errors.messages() == {
        "pesel": "Cyfra kontrolna numeru PESEL się nie zgadza – sprawdź, czy w numerze nie ma "
        "literówki.",
        "postal_code": "Wpisz kod pocztowy w formacie NN-NNN, np. 74-100.",
    }
    assert dialog.isVisible() and dialog.saved is None
    assert len(world.as_("clerk").clients.search("")) == before


def test_region_comes_from_the_address(qtbot, world):
    dialog = form(qtbot, world)
    fill(qtbot, dialog, locality="Chlebowo")
    dialog.update_region()
    operations_done(qtbot)
    assert dialog.region.itemText(0) == "Automatycznie: Rejon 2 – wsie"
    fill(qtbot, dialog, locality="Szczecin")
    dialog.update_region()
    operations_done(qtbot)
    assert dialog.region.itemText(0) == "Automatycznie: adres poza rejonami"


def test_a_likely_duplicate_is_shown_and_can_be_saved_anyway(qtbot, world):
    dialog = form(qtbot, world)
    fill(
        qtbot,
        dialog,
        first_name="Olena",
        last_name="Kovalenko",
        document_number="FB76",
        birth_date="03.02.1990",
    )
    dialog.check_duplicates()
    operations_done(qtbot)
    assert dialog.duplicates.isVisible()
    assert "Kovalenko Olena, FA1234567, ul. Długa 1, Szczecin" in dialog.duplicates.text()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    operations_done(qtbot)
    assert dialog.saved is None and dialog.save_anyway.isVisible()
    qtbot.mouseClick(dialog.save_anyway, Qt.MouseButton.LeftButton)
    operations_done(qtbot)
    assert dialog.saved is not None and dialog.saved.document_number == "FB76"


def test_editing_shows_the_stored_data(qtbot, world):
    dialog = form(qtbot, world, world.clients["kowalski"])
    assert dialog.fields["pesel"].text() == "80051412375"
    assert dialog.fields["birth_date"].text() == "14.05.1980"
    assert dialog.region.currentIndex() == 0  # automatic
    assert not dialog.save_anyway.isVisible()


def test_register_search_household_and_cases(qtbot, world, monkeypatch):
    register = ClientRegister(world.as_("clerk"))
    qtbot.addWidget(register)
    register.show()
    type_text(qtbot, register.search, "WASIK")
    register.search_clients()
    operations_done(qtbot)
    assert register.model.rowCount() == 1
    assert "Wąsik Zofia" in register.info.text()
    assert register.cases.item(0).text() == "Brak spraw."
    household = HouseholdDialog(register.services, world.clients["wasik"], "Wąsik Zofia")
    qtbot.addWidget(household)
    type_text(qtbot, household.search, "kowal")
    operations_done(qtbot)  # the search answers off the GUI thread
    household.relation.setCurrentText("zięć")
    household.save()
    operations_done(qtbot)
    register.show_client(world.clients["wasik"])
    operations_done(qtbot)
    assert "Kowalski Jan — zięć (80051412375)" in register.household.text()
    assert register.leave_button.isEnabled()
    clients = type(register.services.clients)
    with slow_server(monkeypatch, clients, "leave_household") as server:
        register.leave_button.click()
        register.leave_button.click()  # pressed again: nothing seemed to happen
        qtbot.waitUntil(lambda: len(server.calls) == 1, timeout=3000)
        qtbot.wait(200)
        # the window answers while the server saves
        qtbot.waitUntil(lambda: server.ticks >= 5, timeout=5000)
    operations_done(qtbot)
    assert len(server.calls) == 1
    assert "Kowalski Jan" not in register.household.text()


def test_opening_a_case_from_the_register(qtbot, world):
    clerk = world.as_("clerk")
    dialog = NewCaseDialog(clerk, world.clients["wasik"], "Wąsik Zofia")
    qtbot.addWidget(dialog)
    operations_done(qtbot)  # its lists are read off the GUI thread
    dialog.kind.setCurrentIndex(dialog.kind.findData(world.kinds["uslugi_opiekuncze"]))
    operations_done(qtbot)  # the team and worker are proposed off the GUI thread
    assert dialog.team.currentText() == "Zespół pracy socjalnej i usług"
    assert dialog.worker.currentText() == "Dorota Wąs"  # the region's social worker
    dialog.kind.setCurrentIndex(dialog.kind.findData(world.kinds["zasilek_okresowy"]))
    operations_done(qtbot)
    assert dialog.worker.currentText() == "Bartosz Źrebiec"
    dialog.worker.setCurrentIndex(dialog.worker.findText("Anna Łęcka"))
    dialog.save()
    operations_done(qtbot)
    assert dialog.created.file_number == "OPS.1.2026"
    assert dialog.created.worker_name == "Anna Łęcka"
    [referral] = clerk.cases.where_sent(world.clients["wasik"])
    assert referral.team_name == "Zespół świadczeń"


def test_typing_in_a_slow_register_keeps_the_window_answering_and_the_last_keystroke_wins(
    qtbot, world, monkeypatch
):
    register = ClientRegister(world.as_("clerk"))
    qtbot.addWidget(register)
    register.show()
    operations_done(qtbot)
    assert len(register.services.clients.search("WA")) > 1  # "WA" finds others too
    with slow_server(monkeypatch, type(register.services.clients), "search") as server:
        type_text(qtbot, register.search, "WA")
        register.search_clients()  # what the typing pause does
        qtbot.waitUntil(lambda: len(server.calls) == 1, timeout=5000)
        type_text(qtbot, register.search, "SIK", clear=False)  # the window takes keys meanwhile
        assert register.search.text() == "WASIK"
        register.search_clients()  # asked while "WA" still runs: it follows, "WA" is dropped
        qtbot.wait(200)
        qtbot.waitUntil(lambda: server.ticks >= 5, timeout=5000)  # the window answers meanwhile
    qtbot.waitUntil(lambda: "Wąsik Zofia" in register.info.text(), timeout=5000)
    operations_done(qtbot)
    assert [args[0] for args in server.calls] == ["WA", "WASIK"]
    assert register.model.rowCount() == 1 and "Wąsik Zofia" in register.info.text()


def test_saving_a_client_while_the_server_is_slow_keeps_the_window_answering(
    qtbot, world, monkeypatch
):
    from opsdesk.ui.operation import operations

    clerk = world.as_("clerk")
    dialog = form(qtbot, world)
    fill(qtbot, dialog, first_name="Łucja", last_name="Żądło", document_number="FC99")
    with slow_server(monkeypatch, type(clerk.clients), "create") as server:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: operations().busy_text == "zapisywanie klienta", timeout=3000)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # pressed again
        before = server.ticks
        qtbot.wait(100)
        assert server.ticks > before and dialog.isVisible() and dialog.saved is None
    operations_done(qtbot)
    assert len(server.calls) == 1 and dialog.saved.display_name == "Żądło Łucja"
    assert not dialog.isVisible()  # accepted once saved
    assert [c.display_name for c in clerk.clients.search("Żądło")] == ["Żądło Łucja"]


def test_the_new_case_dialog_opens_at_once_and_opens_one_case(qtbot, world, monkeypatch):
    clerk = world.as_("clerk")
    with slow_server(monkeypatch, type(clerk.cases), "kinds") as slow:
        dialog = NewCaseDialog(clerk, world.clients["wasik"], "Wąsik Zofia")
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: len(slow.calls) == 1, timeout=3000)
        qtbot.wait(200)
        qtbot.waitUntil(lambda: slow.ticks >= 5, timeout=5000)  # the window answers
        assert dialog.loading.isVisible() and dialog.loading.text() == "Wczytywanie…"
        assert not dialog.kind.isEnabled() and not dialog.ok_button.isEnabled()
        dialog.save()  # Enter meanwhile: nothing is opened
    operations_done(qtbot)
    assert not dialog.loading.isVisible() and dialog.kind.isEnabled()
    manager = world.as_("manager")
    assert dialog.created is None and manager.cases.for_client(world.clients["wasik"]) == []
    with slow_server(monkeypatch, type(clerk.cases), "create") as create:
        dialog.save()
        dialog.save()  # pressed again
        qtbot.waitUntil(lambda: len(create.calls) == 1, timeout=3000)
        qtbot.waitUntil(lambda: create.ticks >= 5, timeout=5000)  # the window answers
        assert dialog.isVisible()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc while it opens: the answer decides
        assert dialog.isVisible()
    operations_done(qtbot)
    assert len(create.calls) == 1 and len(manager.cases.for_client(world.clients["wasik"])) == 1
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.created is not None


def test_the_client_form_opens_at_once_and_reads_the_regions_off_the_gui_thread(
    qtbot, world, monkeypatch
):
    clerk = world.as_("clerk")
    with slow_server(monkeypatch, type(clerk.regions), "list") as slow:
        dialog = ClientDialog(clerk, world.clients["kowalski"])
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: len(slow.calls) == 1, timeout=3000)
        qtbot.waitUntil(lambda: slow.ticks >= 5, timeout=3000)  # the window answers
        assert dialog.region.itemText(0) == "Wczytywanie…" and dialog.region.count() == 1
        assert not dialog.region.isEnabled() and not dialog.ok_button.isEnabled()
    operations_done(qtbot)
    assert dialog.fields["pesel"].text() == "80051412375"  # the stored data came too
    assert dialog.region.isEnabled() and dialog.ok_button.isEnabled()
    assert dialog.region.count() > 1 and dialog.region.currentIndex() == 0
    assert dialog.region.itemText(0).startswith("Automatycznie: ")  # the address's region


def test_the_client_forms_regions_refused_are_said_in_red_and_come_when_the_server_is_back(
    qtbot, world, monkeypatch
):
    from waiting import server_away

    from opsdesk.ui.forms import ERROR_STYLE

    clerk = world.as_("clerk")
    away = server_away(monkeypatch, type(clerk.regions), "list")
    dialog = ClientDialog(clerk)
    qtbot.addWidget(dialog)
    dialog.show()
    away_text = "Brak połączenia z serwerem bazy danych."
    qtbot.waitUntil(lambda: dialog.errors.general_message() == away_text, timeout=3000)
    assert dialog.errors.general_label.styleSheet() == ERROR_STYLE
    assert not dialog.ok_button.isEnabled()
    fill(qtbot, dialog, first_name="Łucja", last_name="Żądło", document_number="FC99")
    dialog.save()  # nothing saved while the regions are missing
    away.back()
    qtbot.waitUntil(lambda: dialog.region.count() > 1, timeout=3000)
    operations_done(qtbot)
    assert dialog.errors.general_message() == "" and not dialog.errors.general_label.isVisible()
    assert dialog.ok_button.isEnabled() and dialog.saved is None
    assert clerk.clients.search("Żądło") == []
