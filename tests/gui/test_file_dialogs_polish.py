"""Every file dialog of the app is Polish in full (ui/file_dialog.py): the board's export, the
desk's statistics, the indicators' overview, restoring a backup from a file and the office's
logo strip. Each dialog is shown, read and cancelled at once (never waited on)."""

from __future__ import annotations

from pathlib import Path

import pytest
from case_office import fill_board
from polish_screens import catch_file_dialogs, qt_in_polish
from waiting import operations_done

from opsdesk.ui.boards.board_widget import BoardWidget
from opsdesk.ui.reception.stats_view import StatsView
from opsdesk.ui.reports.overview import OverviewPanel
from opsdesk.ui.reports.section import ReportsSection
from opsdesk.ui.safety.backup_tab import build_backup_tab


@pytest.fixture
def polish(qapp, monkeypatch, tmp_path):
    """Qt's own strings in Polish; the home folder an empty temporary one."""
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: tmp_path))
    with qt_in_polish():
        yield


def _shown(qtbot, widget, size=(1366, 768)):
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    return widget


def _one_polish(seen, title: str, saving: bool = True):
    assert [(d.title, d.saving) for d in seen] == [(title, saving)]
    assert seen[0].english == []
    assert seen[0].is_polish(), seen[0].labels


def test_the_board_export_dialog_is_polish(qtbot, world, polish, monkeypatch):
    fill_board(world)
    board = _shown(qtbot, BoardWidget(world.as_("anna")))
    operations_done(qtbot)  # the first load runs off the GUI thread
    seen = catch_file_dialogs(monkeypatch, "dialog-board-export")
    board.export()
    _one_polish(seen, "Eksport tablicy")


def test_the_desk_statistics_export_dialog_is_polish(qtbot, desk, polish, monkeypatch):
    view = _shown(qtbot, StatsView(desk.manager))
    view.show_button.click()
    qtbot.waitUntil(lambda: view.stats is not None)
    seen = catch_file_dialogs(monkeypatch, "dialog-desk-stats-export")
    view.export()
    _one_polish(seen, "Eksport czasów oczekiwania")


def test_the_indicators_export_dialog_is_polish(qtbot, indicator_office, polish, monkeypatch):
    section = _shown(qtbot, ReportsSection(indicator_office.manager))
    qtbot.waitUntil(lambda: bool(section.keys()), timeout=20_000)
    panel: OverviewPanel = section.choose("overview")
    qtbot.waitUntil(lambda: panel.overview is not None, timeout=20_000)
    seen = catch_file_dialogs(monkeypatch, "dialog-indicators-export")
    panel.export("csv")
    _one_polish(seen, "Eksport wskaźników")


def test_the_restore_from_a_file_dialog_is_polish(qtbot, office, polish, monkeypatch):
    tab = _shown(qtbot, build_backup_tab(office), (900, 620))
    seen = catch_file_dialogs(monkeypatch, "dialog-restore-from-file")
    tab.restore_file_button.click()
    _one_polish(seen, "Wybierz kopię zapasową", saving=False)


def test_the_logo_dialog_is_polish(qtbot, office, admin_section, polish, monkeypatch):
    tab = admin_section(office).open_tab("office")
    seen = catch_file_dialogs(monkeypatch, "dialog-logo")
    tab.choose_button.click()
    _one_polish(seen, "Wybierz pasek logotypów", saving=False)
    assert office.office.profile().logo_strip is None  # cancelled: nothing chosen
