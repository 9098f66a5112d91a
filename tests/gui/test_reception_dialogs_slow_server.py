"""The queue's finish and move dialogs and the waiting-time targets on a slow server: they
open at once saying "Loading…", read what they offer off the GUI thread (OK waits for it,
Enter pressed meanwhile saves once it is in), say a refusal in red and save off the GUI
thread too (Cancel or Esc while saving does not close them: the answer decides)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from waiting import operations_done, server_away, slow_server

from opsdesk.domain.queue import Channel, Outcome
from opsdesk.services.reception.desk import ContactInput
from opsdesk.ui.forms import ERROR_STYLE
from opsdesk.ui.reception.stats_view import TargetsDialog
from opsdesk.ui.reception.visit_dialogs import FinishDialog, RedirectDialog

AWAY = "Brak połączenia z serwerem bazy danych."


@pytest.fixture
def called(desk):
    """A person of the benefits queue, called by Anna Łęcka's colleague at the desk."""
    visit = desk.clerk.reception.register(
        ContactInput(
            Channel.IN_PERSON, desk.purposes["benefit_application"], desk.clients["jan"].id
        )
    )
    return desk.clerk.queue.call(visit.id)


def shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def waits_loading(dialog) -> bool:
    return dialog.loading_label.isVisible() and not dialog.ok_button.isEnabled()


def test_the_finish_dialog_opens_at_once_and_enter_finishes_once_the_teams_are_in(
    qtbot, desk, called, monkeypatch
):
    with slow_server(monkeypatch, type(desk.clerk.reception), "teams") as slow:
        dialog = shown(qtbot, FinishDialog(desk.clerk, called))
        qtbot.waitUntil(lambda: len(slow.calls) == 1, timeout=3000)
        assert dialog.loading_label.text() == "Wczytywanie…"
        assert waits_loading(dialog) and dialog.team.count() == 0
        qtbot.keyClick(dialog.outcomes, "1")  # information given
        qtbot.keyClick(dialog.outcomes, Qt.Key.Key_Return)  # waits for the teams
        qtbot.waitUntil(lambda: slow.ticks >= 5, timeout=3000)  # the window answers
        assert dialog.isVisible() and dialog.result_visit is None
        assert desk.clerk.reception.visit(called.id).state == "called"
    operations_done(qtbot)
    assert dialog.result() == FinishDialog.DialogCode.Accepted
    assert dialog.result_visit.state == "done" and len(slow.calls) == 1
    assert dialog.outcome() is Outcome.INFORMATION


def test_the_finish_waits_for_the_server_in_its_dialog_and_esc_does_not_close_it(
    qtbot, desk, called, monkeypatch
):
    dialog = shown(qtbot, FinishDialog(desk.clerk, called))
    operations_done(qtbot)
    assert not dialog.loading_label.isVisible() and dialog.ok_button.isEnabled()
    assert dialog.team.count() >= 3  # the teams a person can be sent to
    referral = next(n for n, o in enumerate(Outcome) if o.needs_team)
    dialog.outcomes.setCurrentRow(referral)
    dialog.team.setCurrentIndex(dialog.team.findData(desk.teams["social_work"]))
    with slow_server(monkeypatch, type(desk.clerk.queue), "finish") as slow:
        dialog.ok_button.click()
        qtbot.waitUntil(lambda: len(slow.calls) == 1, timeout=3000)
        dialog.save()  # pressed again: nothing more
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # the answer decides, not Esc
        qtbot.waitUntil(lambda: slow.ticks >= 5, timeout=3000)
        assert dialog.isVisible() and not dialog.ok_button.isEnabled()
    operations_done(qtbot)
    assert len(slow.calls) == 1 and not dialog.isVisible()
    assert dialog.result_visit.outcome_team_id == desk.teams["social_work"]


def test_the_finish_dialogs_teams_refused_are_said_in_red_and_come_when_the_server_is_back(
    qtbot, desk, called, monkeypatch
):
    away = server_away(monkeypatch, type(desk.clerk.reception), "teams")
    dialog = shown(qtbot, FinishDialog(desk.clerk, called))
    qtbot.waitUntil(lambda: dialog.errors.general_message() == AWAY, timeout=3000)
    assert dialog.errors.general_label.isVisible()
    assert dialog.errors.general_label.styleSheet() == ERROR_STYLE
    assert waits_loading(dialog)
    dialog.outcomes.setCurrentRow(0)
    dialog.save()  # pressed while the refusal shows: not kept for later
    away.back()
    qtbot.waitUntil(lambda: dialog.team.count() > 0, timeout=3000)
    operations_done(qtbot)
    assert dialog.errors.general_message() == "" and not dialog.errors.general_label.isVisible()
    assert dialog.ok_button.isEnabled() and dialog.isVisible()
    assert desk.clerk.reception.visit(called.id).state == "called"


def test_a_finish_refused_by_the_server_is_said_in_the_dialog(qtbot, desk, called):
    dialog = shown(qtbot, FinishDialog(desk.clerk, called))
    operations_done(qtbot)
    desk.clerk.queue.finish(called.id, Outcome.INFORMATION)  # another desk was quicker
    dialog.outcomes.setCurrentRow(0)
    dialog.ok_button.click()
    operations_done(qtbot)
    assert dialog.isVisible() and dialog.ok_button.isEnabled()
    assert dialog.errors.general_message().startswith(
        "Zakończyć można tylko"
    )  # Polish, in the dialog


def test_the_move_dialogs_workers_follow_the_team_off_the_gui_thread_and_the_newest_wins(
    qtbot, desk, called, monkeypatch
):
    dialog = shown(qtbot, RedirectDialog(desk.clerk, called))
    operations_done(qtbot)
    social = dialog.team.findData(desk.teams["social_work"])
    this_queue = dialog.team.findData(desk.teams["benefits"])
    assert dialog.team.count() - 1 == this_queue  # this queue last
    with slow_server(monkeypatch, type(desk.clerk.reception), "workers") as slow:
        dialog.team.setCurrentIndex(social)
        qtbot.waitUntil(lambda: len(slow.calls) == 1, timeout=3000)
        assert dialog.worker.currentText() == "Wczytywanie…"
        assert not dialog.worker.isEnabled() and not dialog.ok_button.isEnabled()
        assert not dialog.loading_label.isVisible()  # only the worker's list waits
        dialog.team.setCurrentIndex(this_queue)  # changed her mind meanwhile
        dialog.reason.setFocus()
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)  # moves once the workers are in
        qtbot.waitUntil(lambda: slow.ticks >= 5, timeout=3000)
        assert dialog.isVisible()
    operations_done(qtbot)
    # the same team: another of its workers; the newest choice's workers were listed
    assert not dialog.isVisible() and len(slow.calls) == 2
    moved = dialog.result_visit
    assert moved.target_team_id == desk.teams["benefits"]
    assert moved.target_worker_id is None  # "no particular worker", the first choice there


def test_the_move_waits_for_the_server_and_its_refused_workers_are_said_in_red(
    qtbot, desk, called, monkeypatch
):
    dialog = shown(qtbot, RedirectDialog(desk.clerk, called))
    operations_done(qtbot)
    away = server_away(monkeypatch, type(desk.clerk.reception), "workers")
    dialog.team.setCurrentIndex(dialog.team.findData(desk.teams["social_work"]))
    qtbot.waitUntil(lambda: dialog.errors.general_message() == AWAY, timeout=3000)
    assert dialog.errors.general_label.styleSheet() == ERROR_STYLE
    assert not dialog.ok_button.isEnabled()
    away.back()
    qtbot.waitUntil(lambda: dialog.worker.isEnabled(), timeout=3000)
    assert dialog.errors.general_message() == ""
    assert [dialog.worker.itemText(i) for i in range(dialog.worker.count())] == [
        "Według rejonu klienta",
        "Bez wskazanego pracownika",
        "Ewa Szuberla",
        "Marek Wójcik",
    ]
    dialog.worker.setCurrentIndex(dialog.worker.findText("Marek Wójcik"))
    with slow_server(monkeypatch, type(desk.clerk.queue), "redirect") as slow:
        dialog.ok_button.click()
        qtbot.waitUntil(lambda: len(slow.calls) == 1, timeout=3000)
        dialog.reject()  # Cancel while it saves: the answer decides
        qtbot.waitUntil(lambda: slow.ticks >= 5, timeout=3000)
        assert dialog.isVisible()
    operations_done(qtbot)
    assert not dialog.isVisible() and dialog.result_visit.target_worker_name == "Marek Wójcik"


def test_the_targets_dialog_reads_and_saves_off_the_gui_thread(qtbot, desk, monkeypatch):
    first_contact = desk.teams["first_contact"]
    desk.manager.reception_stats.set_targets({first_contact: 10})
    stats = type(desk.manager.reception_stats)
    with slow_server(monkeypatch, stats, "targets") as slow:
        dialog = shown(qtbot, TargetsDialog(desk.manager))
        qtbot.waitUntil(lambda: len(slow.calls) == 1, timeout=3000)
        qtbot.waitUntil(lambda: slow.ticks >= 5, timeout=3000)
        assert waits_loading(dialog) and dialog.fields == {}
    operations_done(qtbot)
    assert not dialog.loading_label.isVisible() and dialog.ok_button.isEnabled()
    assert dialog.fields[first_contact].value() == 10
    assert dialog.fields[first_contact].text() == "10 min"
    dialog.fields[first_contact].setValue(7)
    with slow_server(monkeypatch, stats, "set_targets") as slow:
        dialog.ok_button.click()
        qtbot.waitUntil(lambda: len(slow.calls) == 1, timeout=3000)
        dialog.reject()
        qtbot.waitUntil(lambda: slow.ticks >= 5, timeout=3000)
        assert dialog.isVisible() and desk.manager.reception_stats.targets() == {first_contact: 10}
    operations_done(qtbot)
    assert not dialog.isVisible() and desk.manager.reception_stats.targets() == {first_contact: 7}


def test_the_targets_refused_are_said_in_red_in_the_dialog(qtbot, desk, monkeypatch):
    away = server_away(monkeypatch, type(desk.manager.reception_stats), "targets")
    dialog = shown(qtbot, TargetsDialog(desk.manager))
    qtbot.waitUntil(lambda: dialog.errors.general_message() == AWAY, timeout=3000)
    assert dialog.errors.general_label.styleSheet() == ERROR_STYLE and waits_loading(dialog)
    away.back()
    qtbot.waitUntil(lambda: bool(dialog.fields), timeout=3000)
    operations_done(qtbot)
    assert dialog.errors.general_message() == "" and dialog.ok_button.isEnabled()
    # a worker may read the targets, not set them: the save's refusal stays in the dialog
    worker_dialog = shown(qtbot, TargetsDialog(desk.benefits_a))
    operations_done(qtbot)
    worker_dialog.ok_button.click()
    operations_done(qtbot)
    assert worker_dialog.isVisible() and worker_dialog.errors.general_message()
    assert QApplication.activeModalWidget() is None  # no message box over it
