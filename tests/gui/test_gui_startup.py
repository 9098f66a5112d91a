"""First run -> administrator -> login -> the sections each role sees; logging out."""

import pytest
from people import STAFF_PASSWORD
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from typing_keys import type_text
from waiting import operations_done, slow_server

from opsdesk.domain.roles import Role
from opsdesk.paths import DataPaths
from opsdesk.server_link import parse_server_address
from opsdesk.settings import LocalSettings
from opsdesk.ui.account.join_server_dialog import JoinServerDialog
from opsdesk.ui.app import Application

ADMIN_PASSWORD = "bardzo-tajne-haslo"


@pytest.fixture
def app_controller(qtbot, tmp_path):
    paths = DataPaths(tmp_path / "data").ensure()
    controller = Application(paths, LocalSettings())
    yield controller
    for widget in (controller.main_window, controller.login_dialog, controller.first_run_dialog):
        if widget is not None:
            widget.close()
    if controller.services is not None:
        controller.services.db.dispose()


def type_into(qtbot, widget, text):
    type_text(qtbot, widget, text)


def first_run(qtbot, controller):
    controller.start()
    fill_first_run(qtbot, controller)


def fill_first_run(qtbot, controller):
    dialog = controller.first_run_dialog
    assert dialog is not None and dialog.isVisible()
    assert "Witamy" in dialog.findChild(QLabel, "intro").text()
    type_into(qtbot, dialog.fields["office_name"], "Gminny Ośrodek Pomocy Społecznej w Iłży")
    type_into(qtbot, dialog.fields["postal_code"], "27-100")
    type_into(qtbot, dialog.fields["login"], "admin")
    type_into(qtbot, dialog.fields["full_name"], "Grażyna Źdźbło")
    type_into(qtbot, dialog.fields["password"], "krótkie")
    type_into(qtbot, dialog.fields["password_repeat"], "krótkie")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    operations_done(qtbot)  # the office is set up off the GUI thread
    # the message is next to the field; nothing was created
    assert dialog.errors.messages() == {"password": "Hasło musi mieć co najmniej 10 znaków."}
    assert controller.login_dialog is None or controller.login_dialog.isHidden()
    type_into(qtbot, dialog.fields["password"], ADMIN_PASSWORD)
    type_into(qtbot, dialog.fields["password_repeat"], ADMIN_PASSWORD)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    operations_done(qtbot)
    assert controller.first_run_dialog is None


def log_in(qtbot, controller, login, password):
    dialog = controller.login_dialog
    qtbot.waitUntil(lambda: dialog.login_button.isEnabled())
    type_into(qtbot, dialog.login_edit, login)
    type_into(qtbot, dialog.password_edit, password)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    operations_done(qtbot)  # the password is checked off the GUI thread


def test_first_run_then_login_opens_the_administrators_sections(qtbot, app_controller):
    first_run(qtbot, app_controller)
    login = app_controller.login_dialog
    assert login.isVisible()
    assert "Iłży" in login.findChild(QLabel, "officeName").text()
    log_in(qtbot, app_controller, "admin", "zle-haslo-123")
    assert login.message() == "Nieprawidłowy login lub hasło."
    log_in(qtbot, app_controller, "admin", ADMIN_PASSWORD)
    window = app_controller.main_window
    assert window is not None and window.isVisible()
    assert window.section_keys() == ["admin"]
    status = {label.objectName(): label.text() for label in window.statusBar().findChildren(QLabel)}
    assert status["statusOffice"] == "Gminny Ośrodek Pomocy Społecznej w Iłży"
    assert status["statusPerson"] == "Grażyna Źdźbło"
    assert status["statusRole"] == "Administrator"
    assert status["statusDatabase"] == "Baza: ten komputer"


def test_a_slow_first_run_never_freezes_the_window_and_sets_the_office_up_once(
    qtbot, app_controller, monkeypatch
):
    from opsdesk.services.account.auth import AuthService

    app_controller.start()
    dialog = app_controller.first_run_dialog
    type_into(qtbot, dialog.fields["office_name"], "Gminny Ośrodek Pomocy Społecznej w Iłży")
    type_into(qtbot, dialog.fields["login"], "admin")
    type_into(qtbot, dialog.fields["full_name"], "Grażyna Źdźbło")
    type_into(qtbot, dialog.fields["password"], ADMIN_PASSWORD)
    type_into(qtbot, dialog.fields["password_repeat"], ADMIN_PASSWORD)
    with slow_server(monkeypatch, AuthService, "first_run") as slow:
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
        dialog.create_button.click()  # disabled: a second press does nothing
        qtbot.waitUntil(lambda: slow.ticks >= 5)  # the window answers meanwhile
        assert not dialog.create_button.isEnabled() and app_controller.first_run_dialog is dialog
    operations_done(qtbot)
    assert len(slow.calls) == 1
    assert app_controller.first_run_dialog is None and app_controller.login_dialog.isVisible()


@pytest.mark.postgresql
def test_a_new_pc_joins_the_offices_server_and_sets_the_office_up_there(
    qtbot, app_controller, postgresql_url, monkeypatch, tmp_path
):
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "pgpass"))
    monkeypatch.delenv("OPSDESK_DATABASE_URL", raising=False)
    app_controller.start()
    first = app_controller.first_run_dialog
    assert not first.join_button.isHidden()
    qtbot.mouseClick(first.join_button, Qt.MouseButton.LeftButton)
    join = first.findChild(JoinServerDialog)
    qtbot.waitUntil(join.isVisible)
    type_into(qtbot, join.address_edit, "mysql://ops@serwer/opsdesk")
    qtbot.mouseClick(join.join_button, Qt.MouseButton.LeftButton)
    assert join.errors.messages() == {
        "address": "Ośrodek dla kilku komputerów może być tylko na serwerze PostgreSQL "
        "(postgresql://...)."
    }
    join.address_edit.clear()
    type_into(qtbot, join.address_edit, postgresql_url)
    qtbot.mouseClick(join.join_button, Qt.MouseButton.LeftButton)
    # the server's database is empty: this PC sets the office up there, and cannot join again
    qtbot.waitUntil(
        lambda: (
            app_controller.first_run_dialog not in (None, first)
            and app_controller.first_run_dialog.isVisible()
        ),
        timeout=30_000,
    )
    assert app_controller.first_run_dialog.join_button.isHidden()
    address = parse_server_address(postgresql_url)
    assert LocalSettings.load(app_controller.paths.settings).server_url == address.safe_url
    fill_first_run(qtbot, app_controller)
    log_in(qtbot, app_controller, "admin", ADMIN_PASSWORD)
    qtbot.waitUntil(lambda: app_controller.main_window is not None, timeout=30_000)
    window = app_controller.main_window
    status = {label.objectName(): label.text() for label in window.statusBar().findChildren(QLabel)}
    assert status["statusDatabase"] == f"Serwer: {address.label}"
    assert not app_controller.paths.database.exists()  # nothing was written to a file


EXPECTED_SECTIONS = {
    Role.CLERK: ["reception", "boards", "hours"],
    Role.SOCIAL_WORKER: ["reception", "boards", "hours", "reports"],
    Role.SERVICES_WORKER: ["reception", "boards", "hours", "reports"],
    Role.PSYCHOLOGIST: ["hours", "reports"],
    Role.SUPERVISOR: ["hours", "reports"],
    Role.MANAGER: ["reception", "boards", "hours", "reports", "admin"],
}


@pytest.mark.parametrize("role", list(EXPECTED_SECTIONS))
def test_each_role_sees_its_sections(qtbot, app_controller, role):
    from opsdesk.services.office.staff import StaffInput

    first_run(qtbot, app_controller)
    admin = app_controller.services.as_actor(
        app_controller.services.auth.login("admin", ADMIN_PASSWORD)
    )
    admin.staff.create(StaffInput("osoba", "Jan Łoś", frozenset({role}), password=STAFF_PASSWORD))
    log_in(qtbot, app_controller, "osoba", STAFF_PASSWORD)
    window = app_controller.main_window
    assert window.section_keys() == EXPECTED_SECTIONS[role]
    # the account was made by the administrator: its owner must choose a password first
    qtbot.waitUntil(
        lambda: (
            app_controller.password_dialog is not None
            and app_controller.password_dialog.isVisible()
        )
    )
    change = app_controller.password_dialog
    assert change.windowTitle() == "Zmiana hasła"
    assert change.ok_button.text() == "Z&mień hasło"
    assert change.cancel_button.text() == "&Wyloguj"  # what refusing does
    change.cancel_button.click()
    assert app_controller.main_window is None and app_controller.login_dialog.isVisible()


def test_logout_returns_to_the_login_window(qtbot, app_controller):
    first_run(qtbot, app_controller)
    log_in(qtbot, app_controller, "admin", ADMIN_PASSWORD)
    app_controller.logout()
    assert app_controller.main_window is None
    assert app_controller.login_dialog.isVisible()
    assert app_controller.login_dialog.login_edit.text() == "admin"
    operations_done(qtbot)  # the logout is recorded off the GUI thread
    assert app_controller.login_dialog.login_button.isEnabled()


def test_a_slow_server_never_freezes_the_logout_and_the_login_waits_for_it(
    qtbot, app_controller, monkeypatch
):
    from opsdesk.services.account.auth import AuthService

    first_run(qtbot, app_controller)
    log_in(qtbot, app_controller, "admin", ADMIN_PASSWORD)
    with slow_server(monkeypatch, AuthService, "logout") as slow:
        app_controller.logout()
        login = app_controller.login_dialog
        qtbot.waitUntil(lambda: slow.ticks >= 5)  # the window answers meanwhile
        assert login.isVisible() and login.message() == "Wylogowywanie…"
        assert not login.login_button.isEnabled()  # the log keeps the order
    operations_done(qtbot)
    assert len(slow.calls) == 1
    assert login.login_button.isEnabled() and login.message() == ""


def test_a_long_office_name_and_a_long_message_show_whole_in_the_login_window(qtbot):
    from opsdesk.ui.account.login_dialog import LoginDialog

    dialog = LoginDialog("kierownik")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.set_office("Miejsko-Gminny Ośrodek Pomocy Społecznej w Przykładowie Wielkopolskim")
    dialog.show_error(
        "Konto jest zablokowane po pięciu nieudanych próbach logowania; "
        "spróbuj ponownie o 10:45 albo poproś administratora o nowe hasło."
    )
    qtbot.wait(50)
    for label in (dialog.findChild(QLabel, "officeName"), dialog.findChild(QLabel, "loginMessage")):
        assert label.height() >= label.heightForWidth(label.width()), label.text()
