"""Administration, staff accounts: create (bad input shown next to the field, nothing saved),
change, deactivate and reactivate (never delete), a new password; all from the keyboard."""

import pytest
from people import STAFF_PASSWORD
from PySide6.QtCore import Qt
from typing_keys import type_text
from waiting import operations_done, slow_server

from opsdesk.domain.roles import Role
from opsdesk.services.office.staff import StaffInput
from opsdesk.ui.table_models import RECORD_ROLE

pytestmark = pytest.mark.usefixtures("message_boxes")


@pytest.fixture
def staff_tab(qtbot, office, admin_section):
    tab = admin_section(office).open_tab("staff")
    operations_done(qtbot)  # the list is read off the GUI thread
    return tab


def listed(qtbot, tab) -> None:
    """The tab's list read again (off the GUI thread) with the people made since."""
    tab.reload()
    operations_done(qtbot)


@pytest.fixture
def manager_and_clerk(qtbot, staff_tab, make_person) -> None:
    """Listed: Jolanta Świątek (``kierownik``), a manager, and Ola Kłos (``ola``), a
    first-contact clerk."""
    make_person(Role.MANAGER, login="kierownik", full_name="Jolanta Świątek")
    make_person(Role.CLERK, "first_contact", login="ola", full_name="Ola Kłos")
    listed(qtbot, staff_tab)


def click(qtbot, button):
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    operations_done(qtbot)  # what the button asked runs off the GUI thread


def tick(qtbot, box):
    """A check box ticked from the keyboard (a click at the middle of a wide box with a short
    text misses it)."""
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)


def names_shown(tab) -> list[str]:
    return [tab.proxy.index(row, 0).data() for row in range(tab.proxy.rowCount())]


def choose(tab, login: str) -> None:
    row = next(r for r in range(tab.proxy.rowCount()) if tab.proxy.record(r).login == login)
    tab.view.selectRow(row)


def test_a_new_account_with_bad_input_shows_the_messages_and_saves_nothing(
    qtbot, office, staff_tab, message_boxes
):
    before = office.staff.list()
    click(qtbot, staff_tab.new_button)
    dialog = staff_tab.dialog
    assert dialog.isVisible() and dialog.windowTitle() == "Nowe konto pracownika"
    type_text(qtbot, dialog.login, "admin")  # taken
    type_text(qtbot, dialog.full_name, "Zofia Łęcka")
    type_text(qtbot, dialog.password, "krótkie")
    type_text(qtbot, dialog.password_repeat, "krótkie")
    click(qtbot, dialog.ok_button)
    assert dialog.errors.messages() == {
        "login": "Ten login jest już zajęty.",
        "roles": "Wybierz co najmniej jedną rolę.",
        "password": "Hasło musi mieć co najmniej 10 znaków.",
    }
    assert dialog.errors.label("login").isVisible()
    assert dialog.isVisible() and office.staff.list() == before
    assert dialog.focusWidget() is dialog.login  # the first bad field

    type_text(qtbot, dialog.login, "zlecka")
    click(qtbot, dialog.role_boxes[Role.SOCIAL_WORKER])
    dialog.team.setCurrentIndex(dialog.team.findText("Zespół świadczeń"))
    type_text(qtbot, dialog.workplace, "pokój 7")
    type_text(qtbot, dialog.password, "dobre-haslo-1")
    type_text(qtbot, dialog.password_repeat, "inne-haslo-22")
    click(qtbot, dialog.ok_button)
    assert dialog.errors.messages() == {"password_repeat": "Hasła nie są takie same."}
    assert not dialog.errors.label("login").isVisible()
    assert office.staff.list() == before

    type_text(qtbot, dialog.password_repeat, "dobre-haslo-1")
    qtbot.keyClick(dialog.password_repeat, Qt.Key.Key_Return)  # Enter saves
    operations_done(qtbot)
    assert not dialog.isVisible()
    assert "Zofia Łęcka" in names_shown(staff_tab)
    chosen = staff_tab.current()
    assert (chosen.login, chosen.team_name, chosen.workplace) == (
        "zlecka",
        "Zespół świadczeń",
        "pokój 7",
    )
    assert chosen.roles == {Role.SOCIAL_WORKER}
    assert message_boxes == []


def test_names_are_in_polish_order_and_the_roles_are_translated(qtbot, office, staff_tab):
    for login, name in (("z1", "Anna Żak"), ("z2", "Ewa Łuczak"), ("z3", "Jan Lis")):
        office.staff.create(
            StaffInput(login, name, frozenset({Role.CLERK}), password=STAFF_PASSWORD)
        )
    listed(qtbot, staff_tab)
    shown = names_shown(staff_tab)
    assert shown.index("Jan Lis") < shown.index("Ewa Łuczak") < shown.index("Anna Żak")
    row = shown.index("Jan Lis")
    assert staff_tab.proxy.index(row, 3).data() == "Pierwszy kontakt"


def test_deactivate_greys_the_row_and_reactivate_brings_it_back(
    qtbot, office, staff_tab, monkeypatch
):
    office.staff.create(
        StaffInput("kowal", "Jan Kowal", frozenset({Role.CLERK}), password=STAFF_PASSWORD)
    )
    listed(qtbot, staff_tab)
    choose(staff_tab, "kowal")
    asked = []
    monkeypatch.setattr(staff_tab, "confirm", lambda *args: asked.append(args) or True)
    assert staff_tab.switch.button.text() == "Dezak&tywuj"
    click(qtbot, staff_tab.switch.button)
    assert "Jan Kowal" in asked[0][1]
    kowal = next(s for s in office.staff.list() if s.login == "kowal")
    assert not kowal.active  # deactivated, never deleted
    row = staff_tab.view.currentIndex().row()
    assert staff_tab.proxy.index(row, 2).data() == "Nieaktywne"
    assert staff_tab.proxy.index(row, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert staff_tab.switch.button.text() == "Ak&tywuj ponownie"

    staff_tab.switch.show_inactive.setChecked(False)
    assert "Jan Kowal" not in names_shown(staff_tab)
    staff_tab.switch.show_inactive.setChecked(True)
    choose(staff_tab, "kowal")
    click(qtbot, staff_tab.switch.button)
    assert len(asked) == 1  # reactivating needs no question
    assert next(s for s in office.staff.list() if s.login == "kowal").active


def test_one_cannot_deactivate_oneself_and_is_told_why(
    qtbot, staff_tab, monkeypatch, message_boxes
):
    choose(staff_tab, "admin")
    monkeypatch.setattr(staff_tab, "confirm", lambda *args: True)
    click(qtbot, staff_tab.switch.button)
    assert message_boxes == ["Nie możesz dezaktywować własnego konta."]


def test_a_new_password_lets_the_person_log_in_and_asks_to_change_it(
    qtbot, office, staff_tab, make_person
):
    make_person(Role.CLERK, login="ola")
    listed(qtbot, staff_tab)
    choose(staff_tab, "ola")
    click(qtbot, staff_tab.password_button)
    dialog = staff_tab.dialog
    type_text(qtbot, dialog.password, "nowe-haslo")
    type_text(qtbot, dialog.password_repeat, "nowe-hasl0")
    click(qtbot, dialog.ok_button)
    assert dialog.errors.messages() == {"password_repeat": "Hasła nie są takie same."}
    type_text(qtbot, dialog.password_repeat, "nowe-haslo")
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()
    anonymous = office.as_actor(None)
    actor = anonymous.auth.login("ola", "nowe-haslo")
    assert actor.must_change_password


def test_a_new_password_for_the_manager_needs_a_colleague_in_the_same_dialog(
    qtbot, office, staff_tab, manager_and_clerk, message_boxes
):
    choose(staff_tab, "kierownik")
    click(qtbot, staff_tab.password_button)
    dialog = staff_tab.dialog
    assert dialog.confirm_login.isVisible() and dialog.confirm_password.isVisible()
    type_text(qtbot, dialog.password, "nowe-haslo")
    type_text(qtbot, dialog.password_repeat, "nowe-haslo")
    click(qtbot, dialog.ok_button)
    assert dialog.errors.messages() == {
        "confirm_login": "Ta osoba ma dostęp do akt klientów, więc nowe hasło musi potwierdzić "
        "współpracownik: wpisuje tu swój login i hasło."
    }
    assert dialog.errors.label("confirm_login").isVisible()
    type_text(qtbot, dialog.confirm_login, "ola")
    type_text(qtbot, dialog.confirm_password, STAFF_PASSWORD)
    qtbot.keyClick(dialog.confirm_password, Qt.Key.Key_Return)
    operations_done(qtbot)
    assert not dialog.isVisible()
    assert office.as_actor(None).auth.login("kierownik", "nowe-haslo").must_change_password
    assert message_boxes == []


def test_a_slow_server_never_freezes_the_staff_tab_and_opens_each_dialog_once(
    qtbot, office, staff_tab, manager_and_clerk, monkeypatch
):
    choose(staff_tab, "kierownik")
    with slow_server(monkeypatch, type(office.staff), "reset_needs_second_person") as slow:
        for _press in range(3):
            qtbot.mouseClick(staff_tab.password_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: slow.ticks >= 5)  # the window answers while it asks
        assert staff_tab.dialog is None
    operations_done(qtbot)
    assert len(slow.calls) == 1
    dialog = staff_tab.dialog
    assert dialog.isVisible() and dialog.confirm_login.isVisible()
    assert [d for d in staff_tab.findChildren(type(dialog)) if d.isVisible()] == [dialog]
    dialog.reject()
    with slow_server(monkeypatch, type(office.teams), "list") as slow:
        qtbot.mouseClick(staff_tab.new_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(staff_tab.new_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: slow.ticks >= 5)
        assert staff_tab.dialog is dialog  # the new one is not open yet
    operations_done(qtbot)
    assert len(slow.calls) == 1
    assert staff_tab.dialog.windowTitle() == "Nowe konto pracownika"


def test_enter_opens_the_account_and_delete_deletes_nothing(qtbot, office, staff_tab, make_person):
    make_person(Role.PSYCHOLOGIST, login="psych")
    listed(qtbot, staff_tab)
    choose(staff_tab, "psych")
    staff_tab.view.setFocus()
    before = office.staff.list()
    qtbot.keyClick(staff_tab.view, Qt.Key.Key_Delete)
    assert office.staff.list() == before and staff_tab.dialog is None
    qtbot.keyClick(staff_tab.view, Qt.Key.Key_Return)
    operations_done(qtbot)  # the teams are read before the dialog opens
    dialog = staff_tab.dialog
    assert dialog.isVisible() and dialog.login.text() == "psych"
    assert dialog.role_boxes[Role.PSYCHOLOGIST].isChecked()
    assert dialog.password is None  # no password when changing an account
    type_text(qtbot, dialog.workplace, "gabinet 2")
    qtbot.keyClick(dialog.workplace, Qt.Key.Key_Return)
    operations_done(qtbot)
    assert not dialog.isVisible()
    assert staff_tab.current().workplace == "gabinet 2"
    assert staff_tab.view.currentIndex().data(RECORD_ROLE).login == "psych"


def test_the_models_pass_the_model_tester(qtbot, qtmodeltester, office, staff_tab, make_person):
    make_person(Role.CLERK)
    listed(qtbot, staff_tab)
    qtmodeltester.check(staff_tab.model)
    qtmodeltester.check(staff_tab.proxy)


def test_a_change_of_roles_asks_for_the_managers_password_in_the_dialog(
    qtbot, office, staff_tab, manager_and_clerk, message_boxes
):
    choose(staff_tab, "ola")
    click(qtbot, staff_tab.edit_button)
    dialog = staff_tab.dialog
    assert not dialog.confirm_login.isVisible()  # nothing to confirm yet
    click(qtbot, dialog.role_boxes[Role.SOCIAL_WORKER])
    assert dialog.confirm_login.isVisible() and dialog.confirm_password.isVisible()
    assert "drugiej osoby" in dialog.second_person_hint.text()
    click(qtbot, dialog.ok_button)
    assert dialog.errors.messages() == {
        "confirm_login": "Zmianę ról musi potwierdzić druga osoba: kierownik wpisuje tu swój "
        "login i hasło."
    }
    assert dialog.errors.label("confirm_login").isVisible()
    assert dialog.focusWidget() is dialog.confirm_login
    type_text(qtbot, dialog.confirm_login, "kierownik")
    type_text(qtbot, dialog.confirm_password, "zgaduję-hasło")
    click(qtbot, dialog.ok_button)
    assert dialog.errors.messages() == {
        "confirm_password": "Nieprawidłowy login lub hasło osoby potwierdzającej."
    }
    assert dialog.confirm_password.text() == ""  # typed for one attempt only
    assert next(s for s in office.staff.list() if s.login == "ola").roles == {Role.CLERK}
    type_text(qtbot, dialog.confirm_password, STAFF_PASSWORD)
    qtbot.keyClick(dialog.confirm_password, Qt.Key.Key_Return)
    operations_done(qtbot)
    assert not dialog.isVisible()
    assert next(s for s in office.staff.list() if s.login == "ola").roles == {
        Role.CLERK,
        Role.SOCIAL_WORKER,
    }
    assert message_boxes == []


def test_the_administrator_is_told_he_cannot_grant_himself_a_role(
    qtbot, office, staff_tab, make_person
):
    make_person(Role.MANAGER, login="kierownik")
    listed(qtbot, staff_tab)
    choose(staff_tab, "admin")
    click(qtbot, staff_tab.edit_button)
    dialog = staff_tab.dialog
    tick(qtbot, dialog.role_boxes[Role.MANAGER])
    type_text(qtbot, dialog.confirm_login, "kierownik")
    type_text(qtbot, dialog.confirm_password, STAFF_PASSWORD)
    click(qtbot, dialog.ok_button)
    assert dialog.errors.messages() == {"roles": "Nikt nie może nadać roli samemu sobie."}
    assert dialog.errors.label("roles").isVisible()
    tick(qtbot, dialog.role_boxes[Role.MANAGER])  # back as it was: nothing to confirm
    assert not dialog.confirm_login.isVisible()
    assert next(s for s in office.staff.list() if s.login == "admin").roles == {Role.ADMIN}
