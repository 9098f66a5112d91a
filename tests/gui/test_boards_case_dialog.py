"""The case dialog: deadlines in words, the timeline, notes, deadline steps with their
messages, the hand-off; and the list of what is due shown at login."""

from datetime import date

import pytest
from case_office import fill_board
from typing_keys import type_text
from waiting import operations_done, slow_server

from opsdesk.ui.boards.case_dialog import CaseDialog, load_case
from opsdesk.ui.boards.due_dialog import show_due_at_login


@pytest.fixture
def ids(world):
    return fill_board(world)


def open_case(qtbot, world, case_id, who="anna"):
    dialog = CaseDialog(world.as_(who), case_id, view=load_case(world.as_(who), case_id, True))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def opened_by(qtbot, dialog, press):
    """The dialog ``press`` opens once what it offers was read off the GUI thread, left
    open for the test to answer."""
    shown = []
    dialog.exec_dialog = lambda opened: shown.append(opened) or 0
    press()
    operations_done(qtbot)
    (opened,) = shown
    qtbot.addWidget(opened)
    opened.show()
    return opened


def refer_button(dialog):
    return next(b for b in dialog.handoff_buttons if b.objectName() == "referSocialWork")


def test_deadlines_and_history_are_shown(qtbot, world, ids):
    dialog = open_case(qtbot, world, ids["suspended"])
    assert dialog.windowTitle() == "Sprawa OPS.4.2026"
    text = dialog.deadlines.text()
    assert "Postępowanie zawieszone od 09.03.2026" in text
    assert "bieg terminu wstrzymany" in text
    timeline = dialog.timeline.toPlainText()
    for line in (
        "Założenie sprawy Nowy wniosek",
        "Zawieszenie postępowania 09.03.2026",
        "brak zaświadczenia z ZUS",
        "Zmiana statusu Nowy wniosek → Decyzja w przygotowaniu",
    ):
        assert line in timeline
    assert dialog.step_buttons["resume"].isEnabled()
    assert not dialog.step_buttons["suspend"].isEnabled()


def test_running_deadline_says_how_many_working_days_remain(qtbot, world, ids):
    dialog = open_case(qtbot, world, ids["interview"])
    assert "wywiad środowiskowy</b>: 19.03.2026 · pozostało dni roboczych: 3" in (
        dialog.deadlines.text()
    )


def test_notes(qtbot, world, ids):
    dialog = open_case(qtbot, world, ids["fresh"])
    dialog.notes.add()
    operations_done(qtbot)
    assert dialog.notes.errors.messages() == {"note": "Najpierw napisz notatkę."}
    dialog.notes.edit.setPlainText("Rozmowa telefoniczna: dostarczy PIT w piątek.")
    dialog.notes.add()
    operations_done(qtbot)
    assert "Rozmowa telefoniczna: dostarczy PIT w piątek." in dialog.notes.view.toPlainText()
    assert "Anna Łęcka" in dialog.notes.view.toPlainText()


def test_a_step_with_bad_input_keeps_the_dialog_open_with_the_message(qtbot, world, ids):
    dialog = open_case(qtbot, world, ids["interview"])
    step = dialog.step_dialog_factories["suspend"]()
    qtbot.addWidget(step)
    step.save()
    operations_done(qtbot)
    assert step.errors.messages() == {"reason": "Podaj powód."}
    step.reason.setText("oczekiwanie na zaświadczenie o dochodach")
    step.save()
    operations_done(qtbot)
    assert step.result() == step.DialogCode.Accepted
    dialog.reload()
    operations_done(qtbot)
    assert "Postępowanie zawieszone od 16.03.2026" in dialog.deadlines.text()


def test_notice_of_delay(qtbot, world, ids):
    world.as_("anna").case_deadlines.resume(ids["suspended"], date(2026, 3, 13))
    dialog = open_case(qtbot, world, ids["suspended"])
    step = dialog.step_dialog_factories["notice"]()
    qtbot.addWidget(step)
    step.date.setDate(step.date.date().addDays(40))  # 25.04.2026, a Saturday
    step.reason.setText("opinia biegłego")
    step.save()
    operations_done(qtbot)
    assert step.errors.messages() == {
        "new_date": "25.04.2026 to dzień wolny; wybierz dzień roboczy."
    }
    step.date.setDate(step.date.date().addDays(2))
    step.save()
    operations_done(qtbot)
    dialog.reload()
    operations_done(qtbot)
    assert "decyzja (nowy termin, art. 36 KPA)</b>: 27.04.2026" in dialog.deadlines.text()


def test_hand_off_to_social_work_shows_the_linked_case(qtbot, world, ids):
    dialog = open_case(qtbot, world, ids["fresh"])
    handoff = opened_by(qtbot, dialog, refer_button(dialog).click)
    assert handoff.kind.currentText() == "Praca socjalna"
    handoff.save()
    operations_done(qtbot)
    assert handoff.errors.messages() == {"summary": "Napisz, o co prosisz drugi zespół."}
    handoff.summary.setPlainText("Rodzina potrzebuje asystenta rodziny.")
    handoff.save()
    operations_done(qtbot)
    created = handoff.result_value
    assert (created.team_name, created.worker_name) == (
        "Zespół pracy socjalnej i usług",
        "Dorota Wąs",
    )
    dialog.reload()
    operations_done(qtbot)
    assert dialog.links.list.item(0).text() == (
        f"{created.file_number} — Zespół pracy socjalnej i usług: Praca socjalna, Dorota Wąs (Nowe)"
    )
    other = open_case(qtbot, world, created.id, who="dorota")
    assert other.links.list.item(0).text().startswith("OPS.2.2026 — Zespół świadczeń")
    assert [b.objectName() for b in other.handoff_buttons] == ["askDecision"]


def test_a_closed_case_can_only_be_reopened(qtbot, world, ids):
    dialog = open_case(qtbot, world, ids["closed"])
    assert dialog.close_case_button.text() == "Otwórz sprawę ponownie…"
    assert not any(b.isEnabled() for b in dialog.step_buttons.values())
    assert not dialog.worker.isEnabled()


def main_window(qtbot):
    """The window the login hook shows its list over."""
    from PySide6.QtWidgets import QWidget

    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    return window


def due_dialogs(window):
    from opsdesk.ui.boards.due_dialog import DueDialog

    return window.findChildren(DueDialog)


def test_a_worker_sees_what_is_due_at_login(qtbot, world, ids):
    window = main_window(qtbot)
    assert show_due_at_login(world.as_("anna"), window)
    operations_done(qtbot)  # the list is read off the GUI thread
    (dialog,) = due_dialogs(window)
    assert dialog.isVisible() and not dialog.isModal()
    assert dialog.summary.text() == (
        "Anna Łęcka: po terminie – 1, dziś – 0, jutro – 0, w ciągu 3 dni roboczych – 1."
    )
    model = dialog.model
    assert [model.data(model.index(r, 5)) for r in range(model.rowCount())] == [
        "OPS.1.2026",
        "OPS.3.2026",
    ]
    others = main_window(qtbot)
    show_due_at_login(world.as_("manager"), others)  # nothing due of her own
    assert not show_due_at_login(world.as_("clerk"), others)  # no cases to see: not read
    operations_done(qtbot)
    assert due_dialogs(others) == []


def test_the_list_at_login_is_read_off_the_gui_thread_and_shown_when_it_comes(
    qtbot, world, ids, monkeypatch
):
    anna = world.as_("anna")
    window = main_window(qtbot)
    with slow_server(monkeypatch, type(anna.boards), "my_due") as slow:
        assert show_due_at_login(anna, window)  # returns at once: the window goes on
        qtbot.waitUntil(lambda: len(slow.calls) == 1, timeout=3000)
        qtbot.waitUntil(lambda: slow.ticks >= 5, timeout=3000)
        assert due_dialogs(window) == []
    operations_done(qtbot)
    (dialog,) = due_dialogs(window)
    assert dialog.isVisible() and dialog.model.rowCount() == 2
    # nothing due (a worker of the social work team): no list at all
    celina = world.as_("celina")
    assert celina.boards.my_due() == []
    celina_window = main_window(qtbot)
    assert show_due_at_login(celina, celina_window)
    operations_done(qtbot)
    assert due_dialogs(celina_window) == []


def test_the_list_at_login_refused_shows_nothing_and_comes_when_the_server_is_back(
    qtbot, world, ids, monkeypatch
):
    from PySide6.QtWidgets import QApplication
    from waiting import server_away

    anna = world.as_("anna")
    away = server_away(monkeypatch, type(anna.boards), "my_due")
    window = main_window(qtbot)
    assert show_due_at_login(anna, window)
    qtbot.waitUntil(lambda: len(away.tries) >= 2, timeout=3000)  # asked again
    assert due_dialogs(window) == [] and QApplication.activeModalWidget() is None
    away.back()
    qtbot.waitUntil(lambda: bool(due_dialogs(window)), timeout=3000)
    operations_done(qtbot)
    (dialog,) = due_dialogs(window)
    assert dialog.model.rowCount() == 2


def wheel_over(widget, notches=-1):
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    event = QWheelEvent(
        QPointF(widget.rect().center()),
        QPointF(widget.mapToGlobal(widget.rect().center())),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def answer(qtbot, dialog, reason=None):
    """Answer the next confirmation as a user: cancel (None) or type a reason and save."""
    asked = []

    def exec_dialog(step):
        asked.append(step.intro_label.text())
        if reason is None:
            return 0
        step.reason.setText(reason)
        step.save()
        operations_done(qtbot)
        asked.append(step.errors.messages())
        return step.result()

    dialog.exec_dialog = exec_dialog
    return asked


def test_the_wheel_never_reassigns_a_case_it_only_passes_over(qtbot, world, ids):
    from PySide6.QtWidgets import QApplication

    from opsdesk.ui import wheel_guard

    wheel_guard.install(QApplication.instance())
    dialog = open_case(qtbot, world, ids["fresh"])
    asked = answer(qtbot, dialog, "urlop")
    dialog.heading.setFocus()
    wheel_over(dialog.worker)
    assert asked == []
    assert world.as_("anna").cases.get(ids["fresh"]).summary.worker_name == "Bartosz Źrebiec"


def test_reassigning_asks_first_and_cancel_changes_nothing(qtbot, world, ids):
    dialog = open_case(qtbot, world, ids["fresh"])
    asked = answer(qtbot, dialog, None)
    dialog.worker.setCurrentIndex(dialog.worker.findText("Anna Łęcka"))
    operations_done(qtbot)
    assert asked == [
        "Sprawa OPS.2.2026 przechodzi od: Bartosz Źrebiec do: Anna Łęcka; zmiana "
        "zostanie zapisana w jej historii."
    ]
    assert dialog.worker.currentText() == "Bartosz Źrebiec"
    asked = answer(qtbot, dialog, "urlop Bartosza")
    dialog.worker.setCurrentIndex(dialog.worker.findText("Anna Łęcka"))
    operations_done(qtbot)
    assert dialog.worker.currentText() == "Anna Łęcka"
    event = world.as_("anna").cases.get(ids["fresh"]).events[-1]
    assert (event.from_value, event.to_value, event.reason) == (
        "Bartosz Źrebiec",
        "Anna Łęcka",
        "urlop Bartosza",
    )


def test_marking_urgent_shows_the_new_deadline_and_needs_a_reason(qtbot, world, ids):
    dialog = open_case(qtbot, world, ids["fresh"])
    asked = answer(qtbot, dialog, None)
    dialog.urgent.click()
    operations_done(qtbot)
    assert asked == ["Terminy się zmienią: wywiad środowiskowy (pilny): 17.03.2026."]
    assert not dialog.urgent.isChecked()
    assert not world.as_("anna").cases.get(ids["fresh"]).urgent
    asked = answer(qtbot, dialog, "")
    dialog.urgent.click()
    operations_done(qtbot)
    assert asked[1] == {"reason": "Podaj powód."}
    assert not dialog.urgent.isChecked()
    answer(qtbot, dialog, "eksmisja, rodzina bez dachu")
    dialog.urgent.click()
    operations_done(qtbot)
    assert dialog.urgent.isChecked()
    assert "wywiad środowiskowy (pilny)</b>: 17.03.2026" in dialog.deadlines.text()


def test_closing_a_case_follows_its_rules(qtbot, world, ids):
    dialog = open_case(qtbot, world, ids["interview"])
    closing = opened_by(qtbot, dialog, dialog.close_case_button.click)
    assert [closing.ending.itemText(i) for i in range(closing.ending.count())] == [
        "Wydano decyzję (art. 104 KPA)",
        "Postępowanie umorzone decyzją (art. 105 KPA), np. wycofanie wniosku",
        "Wniosek pozostawiony bez rozpoznania (art. 64 § 2 KPA)",
        "Przekazano organowi właściwemu (art. 65 KPA)",
    ]
    closing.outcome.setText("x")
    closing.save()
    operations_done(qtbot)
    assert closing.errors.messages() == {
        "outcome": "Opisz rozstrzygnięcie kilkoma słowami (co najmniej 10 znaków).",
        "decision_number": "Podaj numer decyzji.",
        "decision_date": "Najpierw zarejestruj wywiad środowiskowy: decyzja go wymaga.",
    }
    assert world.as_("anna").cases.get(ids["interview"]).closed_at is None
    closing.ending.setCurrentIndex(2)  # left unexamined: no decision rows
    assert not closing.number.isVisible() and not closing.decided_on.isVisible()
    closing.outcome.setText("braki formalne nieuzupełnione w terminie")
    closing.save()
    operations_done(qtbot)
    assert closing.result() == closing.DialogCode.Accepted
    dialog.reload()
    operations_done(qtbot)
    assert (
        "Wniosek pozostawiony bez rozpoznania (art. 64 § 2 KPA): braki formalne "
        "nieuzupełnione w terminie"
    ) in dialog.facts.text()


def test_a_decision_is_recorded_with_its_number_and_then_the_case_closes(qtbot, world, ids):
    dialog = open_case(qtbot, world, ids["decided"])  # interview 02.03, decided column
    step = dialog.step_dialog_factories["decision"]()
    qtbot.addWidget(step)
    type_text(qtbot, step.date.line, "12.03.2026")
    step.number.setText("ZS.8111.12.2026")
    step.save()
    operations_done(qtbot)
    assert step.result() == step.DialogCode.Accepted
    dialog.reload()
    operations_done(qtbot)
    assert "nr ZS.8111.12.2026 z dnia 12.03.2026" in dialog.facts.text()
    closing = opened_by(qtbot, dialog, dialog.close_case_button.click)
    assert closing.number.text() == "ZS.8111.12.2026" and not closing.decided_on.isEnabled()
    closing.outcome.setText("Przyznano posiłek w szkole")
    closing.save()
    operations_done(qtbot)
    assert closing.result() == closing.DialogCode.Accepted
    assert world.as_("anna").cases.get(ids["decided"]).ending == "decision"


def test_a_step_saved_on_a_slow_server_keeps_the_window_answering_and_is_saved_once(
    qtbot, world, ids, monkeypatch
):
    from PySide6.QtCore import Qt

    from opsdesk.ui.operation import operations

    dialog = open_case(qtbot, world, ids["interview"])
    step = dialog.step_dialog_factories["suspend"]()
    qtbot.addWidget(step)
    step.show()
    step.reason.setText("oczekiwanie na zaświadczenie o dochodach")
    with slow_server(monkeypatch, type(dialog.services.case_deadlines), "suspend") as slow:
        qtbot.mouseClick(step.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: operations().busy_text == "zapisywanie", timeout=3000)
        assert not step.ok_button.isEnabled()
        step.save()  # Enter pressed again, impatient
        qtbot.keyClick(step, Qt.Key.Key_Escape)  # Esc: what is being saved is not taken back
        type_text(qtbot, dialog.notes.edit, "Telefon od strony")  # the window answers
        assert dialog.notes.edit.toPlainText() == "Telefon od strony"
        assert step.isVisible() and len(slow.calls) == 1
    operations_done(qtbot)
    assert step.result() == step.DialogCode.Accepted and not step.isVisible()
    assert len(slow.calls) == 1 and operations().busy_text == ""
    dialog.reload()
    operations_done(qtbot)
    assert "Postępowanie zawieszone od 16.03.2026" in dialog.deadlines.text()


def test_a_case_opens_once_it_was_read_off_the_gui_thread(qtbot, world, ids, monkeypatch):
    from PySide6.QtWidgets import QWidget

    from opsdesk.ui.boards import case_dialog

    services = world.as_("anna")
    shown, closed = [], []
    monkeypatch.setattr(
        case_dialog.CaseDialog,
        "exec",
        lambda self: shown.append((self.windowTitle(), self.worker.count())) or 0,
    )
    owner = QWidget()
    qtbot.addWidget(owner)
    with slow_server(monkeypatch, type(services.cases), "get") as slow:
        assert case_dialog.open_case_dialog(
            owner, services, ids["fresh"], then=lambda: closed.append(1)
        )
        assert not case_dialog.open_case_dialog(owner, services, ids["fresh"])  # Enter again
        qtbot.wait(200)
        qtbot.waitUntil(lambda: slow.ticks >= 5, timeout=5000)
        assert shown == []  # the window answers meanwhile
    operations_done(qtbot)
    assert len(slow.calls) == 1
    assert shown == [("Sprawa OPS.2.2026", 3)] and closed == [1]  # once, with the team's workers


def test_the_closing_and_the_hand_off_open_once_while_the_server_reads_what_they_offer(
    qtbot, world, ids, monkeypatch
):
    dialog = open_case(qtbot, world, ids["interview"])
    shown = []
    dialog.exec_dialog = lambda opened: shown.append(opened.windowTitle()) or 0
    cases = type(dialog.services.cases)
    with slow_server(monkeypatch, cases, "closing_endings") as endings:
        dialog.close_case_button.click()
        dialog.close_case_button.click()  # pressed again: nothing seemed to happen
        qtbot.waitUntil(lambda: len(endings.calls) == 1, timeout=3000)
        qtbot.wait(200)
        qtbot.waitUntil(lambda: endings.ticks >= 5, timeout=5000)
        assert shown == []  # the window answers meanwhile
    operations_done(qtbot)
    assert len(endings.calls) == 1 and shown == ["Zamknięcie sprawy"]
    with slow_server(monkeypatch, cases, "kinds") as kinds:
        refer_button(dialog).click()
        refer_button(dialog).click()
        qtbot.waitUntil(lambda: len(kinds.calls) == 1, timeout=3000)
        qtbot.wait(200)
        qtbot.waitUntil(lambda: kinds.ticks >= 5, timeout=5000)
        assert len(shown) == 1
    operations_done(qtbot)
    assert len(kinds.calls) == 1 and shown[1:] == ["Skierowanie do pracy socjalnej"]
