"""Administration, the office's settings: team board statuses, regions with their streets,
the office profile with its logo strip."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton
from typing_keys import type_text
from waiting import operations_done, slow_server

from opsdesk.domain.roles import Role

pytestmark = pytest.mark.usefixtures("message_boxes")


@pytest.fixture
def section(office, admin_section):
    return admin_section(office)


def click(qtbot, button):
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    operations_done(qtbot)  # what the button asked runs off the GUI thread


def choose(tab, name: str) -> None:
    row = next(r for r in range(tab.proxy.rowCount()) if tab.proxy.record(r).name == name)
    tab.view.selectRow(row)


def status_names(team) -> list[str]:
    return [s.name for s in team.statuses]


def benefits_team(office):
    return next(t for t in office.teams.list() if t.kind == "benefits")


# --- teams ------------------------------------------------------------------------------


def test_board_statuses_are_reordered_renamed_and_keep_their_ids(qtbot, office, section):
    before = benefits_team(office)
    tab = section.open_tab("teams")
    operations_done(qtbot)
    choose(tab, before.name)
    click(qtbot, tab.edit_button)
    dialog = tab.dialog
    statuses = dialog.status_list
    assert [statuses.list.item(i).text() for i in range(statuses.list.count())] == status_names(
        before
    )
    statuses.list.setCurrentRow(2)  # "Decyzja w przygotowaniu"
    click(qtbot, statuses.buttons["up"])
    statuses.list.currentItem().setText("Przygotowanie decyzji")
    click(qtbot, statuses.buttons["add"])  # the new status' name is being edited
    editor = statuses.list.viewport().findChild(QLineEdit)
    assert editor is not None and editor.text() == "Nowy status"
    type_text(qtbot, editor, "Odwołanie do SKO")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # ends the renaming, does not save yet
    QApplication.processEvents()  # the name is committed right after the key
    assert dialog.isVisible() and statuses.list.currentItem().text() == "Odwołanie do SKO"
    click(qtbot, statuses.buttons["up"])
    statuses.closes.setChecked(False)
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()

    after = benefits_team(office)
    assert status_names(after) == [
        "Nowy wniosek",
        "Przygotowanie decyzji",
        "Wywiad środowiskowy",
        "Decyzja wydana",
        "Odwołanie do SKO",
        "Zamknięte",
    ]
    old_ids = {s.code: s.id for s in before.statuses}
    new_ids = {s.code: s.id for s in after.statuses}
    assert all(new_ids[code] == old_ids[code] for code in old_ids)  # cases stay in place
    assert [s.closes_case for s in after.statuses] == [False] * 5 + [True]
    assert "Przygotowanie decyzji" in tab.current().statuses[1].name


def test_a_status_without_a_name_is_refused_under_the_list(qtbot, office, section):
    before = benefits_team(office)
    tab = section.open_tab("teams")
    operations_done(qtbot)
    choose(tab, before.name)
    tab.open_current()
    dialog = tab.dialog
    dialog.status_list.list.item(0).setText("  ")
    click(qtbot, dialog.ok_button)
    assert dialog.errors.messages() == {"statuses": "Każdy status tablicy musi mieć nazwę."}
    assert dialog.isVisible() and benefits_team(office) == before


# --- regions ----------------------------------------------------------------------------


def test_a_region_with_its_streets_routes_addresses(qtbot, office, section, make_person):
    make_person(Role.SOCIAL_WORKER, "benefits", full_name="Beata Świątek")
    make_person(Role.SOCIAL_WORKER, "social_work", full_name="Tomasz Ćwik")
    tab = section.open_tab("regions")
    operations_done(qtbot)
    click(qtbot, tab.new_button)
    dialog = tab.dialog
    type_text(qtbot, dialog.name, "Rejon Północ")
    dialog.benefits_worker.setCurrentIndex(
        dialog.benefits_worker.findText("Beata Świątek", Qt.MatchFlag.MatchStartsWith)
    )
    dialog.social_worker.setCurrentIndex(
        dialog.social_worker.findText("Tomasz Ćwik", Qt.MatchFlag.MatchStartsWith)
    )
    dialog.areas.setPlainText("Łęczyca; Ozorkowska; 1-20\nŁęczyca; Zachęty; od pierwszego\n")
    click(qtbot, dialog.ok_button)
    assert dialog.errors.messages() == {"areas": "Wiersz 2: numery domów wpisz jako 1-25."}
    assert office.regions.list() == []

    dialog.areas.setPlainText("Łęczyca; Ozorkowska; 1-20\nTopola Królewska")
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()
    region = tab.current()
    assert (region.name, region.benefits_worker_name, region.social_worker_name) == (
        "Rejon Północ",
        "Beata Świątek",
        "Tomasz Ćwik",
    )
    regions = office.regions
    assert regions.region_for("Łęczyca", "ul. Ozorkowska", "7a") == region.id
    assert regions.region_for("Topola Królewska", "Polna", "3") == region.id
    assert regions.region_for("Łęczyca", "Ozorkowska", "21") is None

    tab.open_current()  # the areas come back as they were typed
    operations_done(qtbot)  # the workers are read before the dialog opens
    assert tab.dialog.areas.toPlainText() == "Łęczyca; Ozorkowska; 1-20\nTopola Królewska"
    assert (
        "miejscowość; ulica; numery domów"
        in tab.dialog.findChild(type(tab.dialog.errors.general_label), "areasHint").text()
    )


def test_only_workers_are_offered_for_a_region(qtbot, office, section, make_person):
    make_person(Role.SOCIAL_WORKER, full_name="Ewa Socjalna")
    make_person(Role.PSYCHOLOGIST, full_name="Piotr Psycholog")
    tab = section.open_tab("regions")
    operations_done(qtbot)
    tab.add()
    operations_done(qtbot)
    combo = tab.dialog.benefits_worker
    offered = [combo.itemText(i) for i in range(combo.count())]
    assert offered[0] == "(nikt jeszcze)"
    assert any(text.startswith("Ewa Socjalna") for text in offered)
    assert not any("Psycholog" in text for text in offered)


def test_a_slow_server_never_freezes_the_regions_tab_and_opens_one_dialog(
    qtbot, office, section, make_person, monkeypatch
):
    make_person(Role.SOCIAL_WORKER, full_name="Ewa Socjalna")
    tab = section.open_tab("regions")
    operations_done(qtbot)
    with slow_server(monkeypatch, type(office.staff), "list") as slow:
        tab.add()
        qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)  # pressed again meanwhile
        qtbot.waitUntil(lambda: slow.ticks >= 5)  # the window answers while it reads
        assert tab.dialog is None
    operations_done(qtbot)
    assert len(slow.calls) == 1
    assert tab.dialog.isVisible() and tab.dialog.windowTitle() == "Nowy rejon"


# --- office profile ---------------------------------------------------------------------


def logo_file(tmp_path):
    image = QImage(600, 60, QImage.Format.Format_RGB32)
    image.fill(QColor("#003399"))
    path = tmp_path / "logotypy.png"
    assert image.save(str(path))
    return path


def test_the_office_profile_is_saved_with_its_logo(qtbot, office, section, tmp_path):
    tab = section.open_tab("office")
    operations_done(qtbot)
    assert tab.fields["name"].text() == "Miejski Ośrodek Pomocy Społecznej w Łęczycy"
    type_text(qtbot, tab.fields["postal_code"], "99100")
    type_text(qtbot, tab.fields["project_name"], "Skuteczna pomoc społeczna w Łęczycy")
    click(qtbot, tab.save_button)
    assert tab.errors.messages() == {"postal_code": "Kod pocztowy ma postać 00-000."}
    assert office.office.profile().project_name == ""

    type_text(qtbot, tab.fields["postal_code"], "99-100")
    type_text(qtbot, tab.fields["project_number"], "POWR.02.05.00-00-0001/17")
    (tmp_path / "notes.png").write_text("not an image")
    assert not tab.load_logo(tmp_path / "notes.png")
    assert tab.errors.messages() == {"logo": "Logo musi być obrazem PNG lub JPEG."}
    assert tab.load_logo(logo_file(tmp_path))
    assert not tab.preview.pixmap().isNull()
    qtbot.keyClick(tab.fields["project_number"], Qt.Key.Key_Return)  # Enter saves too
    operations_done(qtbot)
    assert tab.saved_label.text() == "Profil ośrodka został zapisany."
    profile = office.office.profile()
    assert profile.project_name == "Skuteczna pomoc społeczna w Łęczycy"
    assert profile.project_number == "POWR.02.05.00-00-0001/17"
    assert profile.logo_strip == logo_file(tmp_path).read_bytes()

    click(qtbot, tab.remove_button)
    click(qtbot, tab.save_button)
    assert office.office.profile().logo_strip is None
    assert tab.preview.text() == "Brak logo: dokumenty drukują się bez niego."


def test_the_settings_models_pass_the_model_tester(
    qtbot, qtmodeltester, office, section, make_person
):
    make_person(Role.SOCIAL_WORKER, "benefits")
    for key in ("teams", "regions"):
        tab = section.open_tab(key)
        operations_done(qtbot)
        qtmodeltester.check(tab.model)
        qtmodeltester.check(tab.proxy)


def test_the_service_refuses_a_logo_that_is_not_an_image(office):
    from opsdesk.errors import ValidationError
    from opsdesk.services.office.profile import OfficeInput

    with pytest.raises(ValidationError) as refused:
        office.office.update(OfficeInput(name="OPS"), logo_strip=b"%PDF-1.7 not an image")
    assert refused.value.errors == {"logo": "Logo musi być obrazem PNG lub JPEG."}
    assert office.office.profile().name != "OPS"


def test_the_hours_entry_window_is_set_in_administracja(qtbot, office, section):
    tab = section.open_tab("office")
    operations_done(qtbot)
    assert tab.entry_days.value() == 10  # the default: the 10th of the next month
    assert tab.entry_days.text() == "10 dni"
    tab.entry_days.setValue(0)
    assert tab.entry_days.text() == "bez limitu"
    tab.entry_days.setValue(21)
    click(qtbot, tab.findChild(QPushButton, "saveEntryDays"))
    assert tab.entry_saved.text() == "Zapisano."
    assert office.month_approvals.entry_days() == 21
    tab.entry_days.setValue(1)
    assert tab.entry_days.text() == "1 dzień"
