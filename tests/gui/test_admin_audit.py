"""Administration: which tabs each person sees, and the audit log (read-only, filtered)."""

import pytest
from PySide6.QtCore import QDate, Qt
from waiting import operations_done

from opsdesk.domain.roles import Role

pytestmark = pytest.mark.usefixtures("message_boxes")


def tab_titles(section) -> list[str]:
    return [section.tabs.tabText(i) for i in range(section.tabs.count())]


def rows(tab) -> list[list[str]]:
    proxy = tab.proxy
    return [
        [proxy.index(r, c).data() for c in range(proxy.columnCount())]
        for r in range(proxy.rowCount())
    ]


def choose(combo, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, [combo.itemText(i) for i in range(combo.count())]
    combo.setCurrentIndex(index)


def test_the_manager_sees_the_letter_templates_and_the_audit_log(admin_section, make_person):
    manager = make_person(Role.MANAGER, login="kierownik")
    section = admin_section(manager)
    assert section.tab_keys() == ["letters", "audit"]
    assert tab_titles(section) == ["Szablony pism", "Dziennik zdarzeń"]


def test_the_administrator_sees_staff_settings_audit_and_safety(office, admin_section):
    section = admin_section(office)
    assert section.tab_keys() == [
        "staff",
        "teams",
        "purposes",
        "regions",
        "office",
        "gdpr",
        "letters",
        "audit",
        "backups",
        "retention",
    ]
    assert tab_titles(section)[:5] == [
        "Pracownicy",
        "Zespoły",
        "Cele wizyty",
        "Rejony",
        "Profil ośrodka",
    ]


def test_a_worker_is_told_there_is_nothing_to_manage(admin_section, make_person):
    section = admin_section(make_person(Role.CLERK))
    assert section.tab_keys() == []


def test_the_audit_log_shows_logins_and_filters_them(
    qtbot, admin_section, make_person, qtmodeltester
):
    make_person(Role.CLERK, login="rejestracja")
    make_person(Role.SOCIAL_WORKER, "benefits", login="swiadczenia")
    manager = make_person(Role.MANAGER, login="kierownik")
    tab = admin_section(manager).open_tab("audit")
    operations_done(qtbot)
    shown = rows(tab)
    logins = [row for row in shown if row[2] == "Logowanie"]
    assert {row[1] for row in logins} == {"rejestracja", "swiadczenia", "kierownik"}
    assert logins[0][0] == "30.11.2026 09:00"
    assert any(
        row[2] == "Utworzenie" and row[3] == "Konto pracownika" and row[5] == "rejestracja"
        for row in shown
    )

    choose(tab.action, "Logowanie")
    choose(tab.login, "swiadczenia")
    assert [(row[1], row[2], row[3]) for row in rows(tab)] == [
        ("swiadczenia", "Logowanie", "Konto pracownika")
    ]
    assert tab.count_label.text() == f"Pokazane wpisy: 1 z {len(shown)}."
    choose(tab.login, "(wszystkie)")
    assert len(rows(tab)) == 3

    tab.since.setDate(QDate(2026, 12, 1))  # nothing happened after today
    operations_done(qtbot)
    assert rows(tab) == []
    tab.since.setDate(QDate(2026, 11, 30))
    operations_done(qtbot)
    assert len(rows(tab)) == 3  # the chosen event is kept across reloads
    qtmodeltester.check(tab.model)
    qtmodeltester.check(tab.proxy)


def test_the_audit_log_cannot_be_changed(qtbot, admin_section, make_person):
    manager = make_person(Role.MANAGER)
    tab = admin_section(manager).open_tab("audit")
    operations_done(qtbot)
    before = rows(tab)
    index = tab.proxy.index(0, 5)
    assert not tab.proxy.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not tab.proxy.setData(index, "zmienione")
    tab.view.setCurrentIndex(index)
    for key in (Qt.Key.Key_Delete, Qt.Key.Key_F2, Qt.Key.Key_Return):
        qtbot.keyClick(tab.view, key)
    tab.reload()
    operations_done(qtbot)
    assert rows(tab) == before


def test_ctrl_tab_moves_between_the_tabs(qtbot, office, admin_section):
    section = admin_section(office)
    staff = section.open_tab("staff")
    operations_done(qtbot)
    staff.view.setFocus()
    qtbot.keyClick(staff.view, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert section.tabs.currentIndex() == 1
    teams = section.open_tab("teams")
    operations_done(qtbot)
    assert teams.proxy.rowCount() == 3


def test_the_main_window_opens_the_section(qtbot, office):
    from opsdesk.ui.main_window import MainWindow

    window = MainWindow(office, "OPS w Łęczycy")
    qtbot.addWidget(window)
    section = window.open_section("admin")
    assert section.tab_keys()[:2] == ["staff", "teams"]
    staff = section.open_tab("staff")
    operations_done(qtbot)
    assert staff.proxy.rowCount() == 1  # the administrator
