"""The manager's "Nieobecność i przekazanie spraw": a worker's open cases ticked, given to
others (one worker or spread evenly) with the absence recorded, in one go; a move past a
caseload limit is confirmed first; the caseload panel shows limits and absences."""

from datetime import date

import pytest
from case_office import fill_board
from PySide6.QtCore import Qt
from typing_keys import type_text
from waiting import operations_done, slow_server

from opsdesk.ui.boards.board_widget import BoardWidget
from opsdesk.ui.boards.caseload import CaseloadModel
from opsdesk.ui.boards.reassign_dialog import ERROR_STYLE, MoveModel, ReassignDialog, spread


@pytest.fixture
def board(qtbot, world):
    fill_board(world)  # Anna: 3 open cases, Bartosz: 2
    widget = BoardWidget(world.as_("manager"))
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    operations_done(qtbot)  # the first load runs off the GUI thread
    widget.world = world
    return widget


def caseload_texts(board):
    model = board.caseload.model
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_a_workers_cases_go_to_another_with_the_absence(board, qtbot):
    assert board.caseload.move_button.isVisible() and board.caseload.limits_button.isVisible()
    board.caseload.table.selectRow(0)  # Anna Łęcka
    answered = []

    def answer(dialog: ReassignDialog):
        answered.append(dialog)
        operations_done(qtbot)  # the worker's cases are read off the GUI thread
        assert dialog.worker.currentText() == "Anna Łęcka"
        assert dialog.model.rowCount() == 3 and len(dialog.model.ticked()) == 3
        # nobody chosen to receive yet, and the list says so (not "nobody is here")
        assert dialog.target.currentIndex() == -1 and dialog.target.count() > 0
        assert dialog.target.placeholderText() == "— wybierz, kto przejmie —"
        dialog.ends_on.line.selectAll()
        type_text(qtbot, dialog.ends_on.line, "27.03.2026")
        dialog.absence_reason.setText("urlop wypoczynkowy")
        dialog.target.setCurrentIndex(dialog.target.findData(board.world.staff["bartosz"]))
        assign = dialog.findChild(type(dialog.ok_button), "assignTicked")
        qtbot.mouseClick(assign, Qt.MouseButton.LeftButton)
        assert dialog.model.index(0, 6).data() == "Bartosz Źrebiec"
        assert "Bartosz Źrebiec: 2 → 5" in dialog.summary.text()
        dialog.save()  # no reason yet
        operations_done(qtbot)
        assert dialog.message.text() == "Podaj powód."
        type_text(qtbot, dialog.reason, "urlop Anny")
        dialog.save()
        operations_done(qtbot)
        return dialog.result()

    board.exec_dialog = answer
    board.move_cases()
    operations_done(qtbot)
    assert answered[0].result_value == 3
    assert board.message.text() == "Przekazano spraw: 3."
    rows = caseload_texts(board)
    assert rows[0][0] == "Anna Łęcka\nnieobecność do 27.03" and rows[0][1] == "0"
    assert rows[1][:2] == ["Bartosz Źrebiec", "5"]


def test_past_the_limit_the_manager_is_asked_first(board, qtbot):
    world = board.world
    world.as_("manager").caseload.set_limits(None, {world.staff["bartosz"]: 3})
    board.refresh()
    operations_done(qtbot)
    assert caseload_texts(board)[1][1] == "2 / 3"
    asked = []

    def answer(dialog: ReassignDialog):
        dialog.worker.setCurrentIndex(dialog.worker.findData(world.staff["anna"]))
        operations_done(qtbot)  # the worker's cases are read off the GUI thread
        dialog.record_absence.setChecked(False)
        dialog.spread_ticked()  # Bartosz is the only other worker
        dialog.reason.setText("zastępstwo")
        dialog.confirm = lambda text: asked.append(text) or False
        dialog.save()
        operations_done(qtbot)
        assert dialog.isVisible() or not dialog.result()  # refused: still open
        assert "ponad limit 3" in asked[0] and asked[0].endswith("Czy mimo to przekazać sprawy?")
        dialog.confirm = lambda text: True
        dialog.save()
        operations_done(qtbot)
        return dialog.result()

    board.exec_dialog = answer
    board.move_cases()
    operations_done(qtbot)
    bartosz = board.caseload.model.index(1, 1)
    assert bartosz.data() == "5 / 3"
    assert bartosz.data(Qt.ItemDataRole.ToolTipRole) == "Ponad limit obciążenia (3)"
    assert board.caseload.model.index(1, 0).data(Qt.ItemDataRole.BackgroundRole) is not None


def test_a_recorded_absence_is_shown_and_can_be_cancelled(board, qtbot):
    from opsdesk.services.cases.caseload import AbsenceInput

    world = board.world
    manager = world.as_("manager")
    manager.caseload.mark_absent(
        AbsenceInput(world.staff["anna"], date(2026, 3, 18), date(2026, 3, 20), "szkolenie")
    )
    dialog = ReassignDialog(board.services, list(board.caseload.model.records()), None, board)
    qtbot.addWidget(dialog)
    dialog.worker.setCurrentIndex(dialog.worker.findData(world.staff["anna"]))
    operations_done(qtbot)
    assert dialog.recorded.text() == "Zapisane: 18.03.2026–20.03.2026 (szkolenie)."
    dialog.cancel_absence()
    operations_done(qtbot)
    assert dialog.recorded.text() == "Brak zapisanej nieobecności od dziś."
    assert manager.caseload.absences() == []


def test_spreading_goes_to_the_least_loaded_under_their_limit():
    class Case:
        def __init__(self, n):
            self.id = n

    given = spread([Case(n) for n in range(4)], {1: 5, 2: 3, 3: 0}, {1: None, 2: None, 3: 1})
    assert list(given.values()) == [3, 2, 2, 1]


def test_a_worker_cannot_move_cases_in_bulk(qtbot, world):
    fill_board(world)
    widget = BoardWidget(world.as_("anna"))
    qtbot.addWidget(widget)
    widget.show()
    operations_done(qtbot)
    assert not widget.caseload.move_button.isVisible()


def test_the_models_pass_qtmodeltester(qtmodeltester, board, qtbot):
    qtmodeltester.check(board.caseload.model)
    dialog = ReassignDialog(board.services, list(board.caseload.model.records()), None, board)
    operations_done(qtbot)
    assert isinstance(dialog.model, MoveModel)
    qtmodeltester.check(dialog.model)
    assert isinstance(board.caseload.model, CaseloadModel)


def test_the_move_dialog_reads_the_workers_cases_off_the_gui_thread_and_the_newest_wins(
    board, qtbot, monkeypatch
):
    world = board.world
    caseload = type(board.services.caseload)
    with slow_server(monkeypatch, caseload, "open_cases") as slow:
        dialog = ReassignDialog(
            board.services, list(board.caseload.model.records()), world.staff["anna"], board
        )
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: len(slow.calls) == 1, timeout=3000)
        assert dialog.recorded.text() == "Wczytywanie…"
        assert dialog.model.rowCount() == 0 and not dialog.ok_button.isEnabled()
        dialog.worker.setCurrentIndex(dialog.worker.findData(world.staff["bartosz"]))
        qtbot.waitUntil(lambda: slow.ticks >= 5, timeout=3000)  # the window answers
        assert dialog.model.rowCount() == 0
    operations_done(qtbot)
    assert dialog.worker.currentText() == "Bartosz Źrebiec"
    assert dialog.model.rowCount() == 2  # Bartosz's cases, not Anna's three
    assert dialog.recorded.text() == "Brak zapisanej nieobecności od dziś."


def test_the_move_dialogs_refused_read_is_said_in_red_and_cancelling_an_absence_waits(
    board, qtbot, monkeypatch
):
    from waiting import server_away

    from opsdesk.services.cases.caseload import AbsenceInput

    world = board.world
    manager = world.as_("manager")
    manager.caseload.mark_absent(
        AbsenceInput(world.staff["anna"], date(2026, 3, 18), date(2026, 3, 20), "szkolenie")
    )
    caseload = type(board.services.caseload)
    away = server_away(monkeypatch, caseload, "open_cases")
    dialog = ReassignDialog(
        board.services, list(board.caseload.model.records()), world.staff["anna"], board
    )
    qtbot.addWidget(dialog)
    dialog.show()
    away_text = "Brak połączenia z serwerem bazy danych."
    qtbot.waitUntil(lambda: dialog.message.text() == away_text, timeout=3000)
    assert dialog.message.isVisible() and dialog.message.styleSheet() == ERROR_STYLE
    assert dialog.model.rowCount() == 0 and not dialog.ok_button.isEnabled()
    away.back()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 3, timeout=3000)
    operations_done(qtbot)
    assert dialog.message.text() == "" and not dialog.message.isVisible()
    assert dialog.recorded.text() == "Zapisane: 18.03.2026–20.03.2026 (szkolenie)."
    with slow_server(monkeypatch, caseload, "cancel_absence") as slow:
        dialog.cancel_absence_button.click()
        qtbot.waitUntil(lambda: len(slow.calls) == 1, timeout=3000)
        dialog.cancel_absence()  # pressed again: nothing more
        qtbot.waitUntil(lambda: slow.ticks >= 5, timeout=3000)
        assert not dialog.cancel_absence_button.isEnabled()
        assert dialog.recorded.text() == "Zapisane: 18.03.2026–20.03.2026 (szkolenie)."
    operations_done(qtbot)
    assert len(slow.calls) == 1 and manager.caseload.absences() == []
    assert dialog.recorded.text() == "Brak zapisanej nieobecności od dziś."


def test_the_limits_dialog_reads_the_limits_off_the_gui_thread_and_saves_them(
    board, qtbot, monkeypatch
):
    from opsdesk.ui.boards.reassign_dialog import LimitsDialog

    world = board.world
    manager = world.as_("manager")
    manager.caseload.set_limits(10, {world.staff["bartosz"]: 3})
    with slow_server(monkeypatch, type(board.services.caseload), "limits") as slow:
        dialog = LimitsDialog(board, board.services, list(board.caseload.model.records()))
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: len(slow.calls) == 1, timeout=3000)
        qtbot.waitUntil(lambda: slow.ticks >= 5, timeout=3000)  # the window answers
        assert dialog.loading_label.text() == "Wczytywanie…" and dialog.loading_label.isVisible()
        assert not dialog.ok_button.isEnabled() and not dialog.default.isEnabled()
    operations_done(qtbot)
    assert dialog.default.isEnabled()
    assert dialog.default.value() == 10 and dialog.workers[world.staff["bartosz"]].value() == 3
    assert dialog.ok_button.isEnabled() and not dialog.loading_label.isVisible()
    intro = dialog.intro_label  # the dialog fits what came: no gap left above the intro
    qtbot.waitUntil(lambda: intro.height() <= intro.heightForWidth(intro.width()) + 2)
    dialog.default.setValue(12)
    dialog.ok_button.click()
    operations_done(qtbot)
    assert not dialog.isVisible() and manager.caseload.limits().default == 12
    assert manager.caseload.limits().per_worker == {world.staff["bartosz"]: 3}


def test_the_limits_refused_are_said_in_red_and_come_when_the_server_is_back(
    board, qtbot, monkeypatch
):
    from waiting import server_away

    from opsdesk.ui.boards.reassign_dialog import LimitsDialog
    from opsdesk.ui.forms import ERROR_STYLE as FORM_ERROR_STYLE

    world = board.world
    world.as_("manager").caseload.set_limits(10, {})
    away = server_away(monkeypatch, type(board.services.caseload), "limits")
    dialog = LimitsDialog(board, board.services, list(board.caseload.model.records()))
    qtbot.addWidget(dialog)
    dialog.show()
    away_text = "Brak połączenia z serwerem bazy danych."
    qtbot.waitUntil(lambda: dialog.errors.general_message() == away_text, timeout=3000)
    assert dialog.errors.general_label.styleSheet() == FORM_ERROR_STYLE
    assert not dialog.ok_button.isEnabled()
    away.back()
    qtbot.waitUntil(lambda: dialog.default.value() == 10, timeout=3000)
    operations_done(qtbot)
    assert dialog.errors.general_message() == "" and dialog.ok_button.isEnabled()
