"""The administrator's "Backups" and "Data retention" tabs."""

import pytest
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox
from safety.offices import clients_with_old_cases
from waiting import operations_done, server_away, slow_server

from opsdesk.domain.roles import Role
from opsdesk.services.registry import Services
from opsdesk.storage.database import Database
from opsdesk.ui.safety.backup_tab import build_backup_tab
from opsdesk.ui.safety.retention_tab import build_retention_tab


class Window(QMainWindow):
    restore_requested = Signal(object)  # as opsdesk's main window has


class PlainWindow(QMainWindow):
    pass


@pytest.fixture
def answers(monkeypatch):
    """Message boxes answered as a user would; what they said is kept."""
    said = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda parent, title, text, *a: said.append(text) or QMessageBox.StandardButton.Yes,
    )
    monkeypatch.setattr(
        QMessageBox, "information", lambda parent, title, text, *a: said.append(text)
    )
    return said


def in_window(qtbot, tab, size=(900, 620), window_class=Window, settle=True):
    """The tab shown in a window (keep it: the tab lives in it); ``settle``: after what the
    tab reads off the GUI thread has come (not while a server is away)."""
    window = window_class()
    window.setCentralWidget(tab)
    window.resize(*size)
    qtbot.addWidget(window)
    window.show()
    if settle:
        operations_done(qtbot)  # what the tab shows is read off the GUI thread
    return window


def click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_backups_tab_makes_lists_and_restores(qtbot, qtmodeltester, office, answers):
    tab = build_backup_tab(office)
    window = in_window(qtbot, tab)
    assert tab.model.rowCount() == 0 and not tab.restore_button.isEnabled()
    assert "folderze" in tab.findChild(QLabel, "backupIntro").text()
    click(qtbot, tab.backup_button)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=10_000)
    assert tab.status.text().startswith("Wykonano kopię: opsdesk-2026-11-30_090000.sqlite3")
    qtmodeltester.check(tab.model)
    assert [tab.model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == [
        "Wykonana",
        "Plik",
        "Rozmiar",
    ]
    assert tab.model.index(0, 0).data() == "30.11.2026 09:00"
    tab.table.selectRow(0)
    assert tab.restore_button.isEnabled()
    # in the main window the application logs out first, then restores (tests/gui/
    # test_safety_app.py); the tab asks and hands over the file
    with qtbot.waitSignal(window.restore_requested) as request:
        click(qtbot, tab.restore_button)
    assert "Zastąpić bazę danych kopią 30.11.2026 09:00?" in answers[0]
    assert request.args == [tab.model.record(0).path]


def test_backups_tab_on_its_own_restores_with_progress(qtbot, office, answers):
    made = office.backups.create()
    tab = build_backup_tab(office)
    window = in_window(qtbot, tab, window_class=PlainWindow)  # noqa: F841 (kept alive)
    tab.table.selectRow(0)
    click(qtbot, tab.restore_button)
    qtbot.waitUntil(lambda: "Przywrócono" in tab.status.text(), timeout=10_000)
    assert tab.status.text() == (
        f"Przywrócono bazę danych z kopii {made.name}. Poprzednią bazę danych zachowano jako "
        "opsdesk.sqlite3.replaced-20261130-090000."
    )


def test_backups_tab_says_why_a_restore_was_refused(qtbot, office, answers, tmp_path, monkeypatch):
    from opsdesk.ui.safety import backup_tab

    bad = tmp_path / "pendrive.sqlite3"
    bad.write_text("nie baza")
    monkeypatch.setattr(backup_tab, "ask_open_path", lambda *a, **k: (str(bad), ""))
    tab = build_backup_tab(office)
    window = in_window(qtbot, tab, window_class=PlainWindow)  # noqa: F841
    click(qtbot, tab.restore_file_button)
    qtbot.waitUntil(lambda: "pendrive.sqlite3" in tab.status.text(), timeout=10_000)
    assert "nie jest czytelną kopią zapasową" in tab.status.text()
    assert len(answers) == 1  # the question only; no success message


def test_backups_tab_keep_policy(qtbot, office):
    tab = build_backup_tab(office)
    window = in_window(qtbot, tab)  # noqa: F841 (kept alive)
    assert (tab.daily.value(), tab.monthly.value()) == (14, 12)
    tab.daily.setValue(7)
    tab.monthly.setValue(24)
    click(qtbot, tab.save_policy_button)
    operations_done(qtbot)
    assert tab.status.text() == (
        "Zapisano: przechowywanych jest 7 kopii dziennych i 24 miesięcznych."
    )
    assert (office.backups.policy().daily, office.backups.policy().monthly) == (7, 24)


def test_backups_tab_of_a_postgresql_office(qtbot, office, tmp_path):
    services = Services(Database("postgresql+psycopg://opsdesk@localhost/ops"), office.actor)
    tab = build_backup_tab(services)
    first_window = in_window(qtbot, tab)  # noqa: F841 (kept alive)
    assert "nie ma folderu na kopie" in tab.findChild(QLabel, "postgresqlNote").text()
    assert not hasattr(tab, "backup_button")

    services.db.backup_folder = tmp_path / "kopie"  # as the app opens a server office
    tab = build_backup_tab(services)
    window = in_window(qtbot, tab)  # noqa: F841 (kept alive)
    intro = tab.findChild(QLabel, "backupIntro").text()
    assert "Baza ośrodka jest na serwerze PostgreSQL" in intro
    assert str(tmp_path / "kopie") in intro
    assert tab.backup_button.isEnabled()


def test_retention_tab_previews_then_anonymises(
    qtbot, qtmodeltester, office, make_person, clock, answers
):
    manager = make_person(Role.MANAGER)
    people = clients_with_old_cases(make_person, manager, clock)
    tab = build_retention_tab(office)
    _window = in_window(qtbot, tab, (1000, 560))  # kept: the tab lives in it
    assert tab.years.value() == 10 and not tab.anonymise_button.isEnabled()
    click(qtbot, tab.preview_button)
    operations_done(qtbot)
    assert tab.summary.text().splitlines() == [
        "Klienci do anonimizacji: 1 (wszystkie sprawy zakończone przed 30.11.2016).",
        "Notatki i opisy, które zostaną zastąpione tekstem „[zanonimizowano]”: 3 "
        "(opisy spraw: 1, wpisy w historii spraw: 2).",
    ]
    qtmodeltester.check(tab.model)
    row = [tab.model.index(0, c).data() for c in range(5)]
    assert row[0].startswith("K-") and row[1] == "03.03.2014" and row[3] == "3"
    assert tab.model.index(0, 3).data(Qt.ItemDataRole.ToolTipRole) == (
        "opisy spraw: 1, wpisy w historii spraw: 2"
    )
    assert row[4] == "imię i nazwisko, PESEL, data urodzenia, adres, telefon, e-mail"
    assert tab.model.index(0, 4).data(Qt.ItemDataRole.ToolTipRole) == row[4]  # the whole list
    qtbot.waitUntil(
        lambda: tab.summary.height() >= tab.summary.heightForWidth(tab.summary.width())
    )  # laid out anew for the longer text
    click(qtbot, tab.anonymise_button)
    operations_done(qtbot)
    assert "liczba: 1" in answers[0] and "(liczba: 3)" in answers[0]
    assert tab.summary.text() == "Zanonimizowano klientów: 1. Zastąpiono notatek i opisów: 3."
    assert tab.model.rowCount() == 0 and not tab.anonymise_button.isEnabled()
    assert manager.clients.search("Wąsowska") == []
    assert people["old"]


def test_retention_tab_changing_the_period(qtbot, office, make_person, clock, answers):
    manager = make_person(Role.MANAGER)
    clients_with_old_cases(make_person, manager, clock)
    tab = build_retention_tab(office)
    window = in_window(qtbot, tab)  # noqa: F841 (kept alive)
    tab.years.setValue(5)
    click(qtbot, tab.preview_button)  # the new period is saved first
    operations_done(qtbot)
    assert office.retention.years() == 5
    assert tab.model.rowCount() == 2
    tab.years.setValue(40)
    assert tab.model.rowCount() == 0 and not tab.anonymise_button.isEnabled()
    click(qtbot, tab.preview_button)
    operations_done(qtbot)
    assert "nie ma czego anonimizować" in tab.summary.text()


def test_a_slow_server_never_freezes_the_backups_tab_and_saves_the_policy_once(
    qtbot, office, monkeypatch
):
    service = type(office.backups)
    with slow_server(monkeypatch, service, "policy") as slow_policy:
        with slow_server(monkeypatch, service, "list") as slow_list:
            tab = build_backup_tab(office)
            window = in_window(qtbot, tab, window_class=PlainWindow, settle=False)  # noqa: F841
            qtbot.waitUntil(lambda: slow_list.ticks >= 5)  # the window answers meanwhile
            assert not tab.save_policy_button.isEnabled()  # nothing to save before it is read
    operations_done(qtbot)
    assert (tab.daily.value(), tab.monthly.value()) == (14, 12)
    assert len(slow_policy.calls) == len(slow_list.calls) == 1
    tab.daily.setValue(7)
    with slow_server(monkeypatch, service, "set_policy") as slow:
        click(qtbot, tab.save_policy_button)
        click(qtbot, tab.save_policy_button)  # pressed twice: disabled while it saves
        tab.save_policy()
        qtbot.waitUntil(lambda: slow.ticks >= 5)
        assert not tab.daily.isEnabled() and tab.status.text() == ""
    operations_done(qtbot)
    assert slow.calls == [(7, 12)]
    assert tab.save_policy_button.isEnabled()
    assert tab.status.text().startswith("Zapisano: przechowywanych jest 7 kopii dziennych")


def test_a_slow_server_never_freezes_the_retention_tab_and_anonymises_once(
    qtbot, office, make_person, clock, answers, monkeypatch
):
    manager = make_person(Role.MANAGER)
    clients_with_old_cases(make_person, manager, clock)
    service = type(office.retention)
    with slow_server(monkeypatch, service, "years") as slow:
        tab = build_retention_tab(office)
        window = in_window(qtbot, tab, window_class=PlainWindow, settle=False)  # noqa: F841
        qtbot.waitUntil(lambda: slow.ticks >= 5)
        assert not tab.preview_button.isEnabled()
    operations_done(qtbot)
    assert tab.years.value() == 10 and tab.preview_button.isEnabled() and len(slow.calls) == 1
    with slow_server(monkeypatch, service, "preview") as slow:
        click(qtbot, tab.preview_button)
        click(qtbot, tab.preview_button)
        qtbot.waitUntil(lambda: slow.ticks >= 5)
        assert not tab.preview_button.isEnabled() and not tab.years.isEnabled()
    operations_done(qtbot)
    assert len(slow.calls) == 1 and tab.model.rowCount() == 1
    with slow_server(monkeypatch, service, "anonymise") as slow:
        click(qtbot, tab.anonymise_button)
        click(qtbot, tab.anonymise_button)
        tab.anonymise()  # once more, as a shortcut would
        qtbot.waitUntil(lambda: slow.ticks >= 5)
        assert tab.model.rowCount() == 1  # shown until the answer came
    operations_done(qtbot)
    assert len(slow.calls) == 1
    assert tab.summary.text() == "Zanonimizowano klientów: 1. Zastąpiono notatek i opisów: 3."
    assert manager.clients.search("Wąsowska") == []


def test_restoring_from_a_file_when_the_backups_folder_is_missing_starts_in_its_parent(
    qtbot, office, tmp_path, monkeypatch
):
    """Issue 18: the open dialog put "backups" (the missing folder's name) in its file-name
    field; it starts in the nearest folder that exists, with the field empty."""
    from PySide6.QtWidgets import QFileDialog, QLineEdit

    office.db.backup_folder = tmp_path / "dane" / "kopie"  # not made yet
    seen = []

    def read_and_cancel(dialog: QFileDialog) -> int:
        dialog.show()
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        seen.append((dialog.directory().absolutePath(), name.text() if name else None))
        dialog.reject()
        return 0

    monkeypatch.setattr(QFileDialog, "exec", read_and_cancel)
    tab = build_backup_tab(office)
    window = in_window(qtbot, tab, window_class=PlainWindow)  # noqa: F841 (kept alive)
    click(qtbot, tab.restore_file_button)
    assert seen == [(str(tmp_path), "")]


def test_the_keep_policy_refused_at_first_comes_once_the_server_answers(qtbot, office, monkeypatch):
    service = type(office.backups)
    away = server_away(monkeypatch, service, "policy")
    tab = build_backup_tab(office)
    window = in_window(qtbot, tab, window_class=PlainWindow, settle=False)  # noqa: F841
    qtbot.waitUntil(lambda: len(away.tries) >= 2, timeout=5000)
    assert "Brak połączenia" in tab.status.text() and not tab.save_policy_button.isEnabled()
    away.back()
    qtbot.waitUntil(lambda: tab.save_policy_button.isEnabled(), timeout=5000)
    operations_done(qtbot)
    assert (tab.daily.value(), tab.monthly.value()) == (14, 12) and tab.status.text() == ""


def test_the_retention_period_refused_at_first_comes_once_the_server_answers(
    qtbot, office, monkeypatch
):
    service = type(office.retention)
    away = server_away(monkeypatch, service, "years")
    tab = build_retention_tab(office)
    window = in_window(qtbot, tab, window_class=PlainWindow, settle=False)  # noqa: F841
    qtbot.waitUntil(lambda: len(away.tries) >= 2, timeout=5000)
    assert "Brak połączenia" in tab.summary.text() and not tab.preview_button.isEnabled()
    away.back()
    qtbot.waitUntil(lambda: tab.preview_button.isEnabled(), timeout=5000)
    operations_done(qtbot)
    assert tab.summary.text() == "" and tab.years.isEnabled()
