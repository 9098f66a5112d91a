"""Service calls from a screen run off the GUI thread (``ui/operation.py``): the window keeps
answering while a slow server thinks, shows that it works, and shows a refusal one way."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget
from waiting import operations_done

from opsdesk.errors import ServerUnavailable, ServiceError
from opsdesk.ui import operation
from opsdesk.ui.operation import (
    is_running,
    operations,
    run_first_read,
    run_operation,
    run_reload,
)


@pytest.fixture
def owner(qtbot):
    widget = QWidget()
    widget.setWindowTitle("Pierwszy kontakt")
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def gate():
    """A service call that answers only when the test lets it (a slow server)."""
    opened = threading.Event()
    yield opened
    opened.set()  # never leave a pool thread waiting


def test_the_window_answers_while_a_slow_call_runs_and_then_shows_that_it_works(qtbot, owner, gate):
    operations_done(qtbot)  # nothing of an earlier test still shows as busy
    answered, busy, ticks = [], [], []
    operations().busy_changed.connect(busy.append)
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)

    def slow_call():
        assert gate.wait(10)
        return "A007", threading.current_thread()

    assert run_operation(owner, slow_call, answered.append, busy="Wzywanie następnej osoby")

    qtbot.waitUntil(lambda: busy == ["Wzywanie następnej osoby"], timeout=3000)
    # the event loop goes on while the call waits: the window never freezes
    qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=3000)
    assert QApplication.overrideCursor() is not None  # the busy cursor
    assert answered == []
    gate.set()
    qtbot.waitUntil(lambda: answered != [], timeout=5000)
    timer.stop()
    ((ticket, thread),) = answered
    assert ticket == "A007" and thread is not threading.main_thread()  # ran off the GUI thread
    assert busy[-1] == "" and QApplication.overrideCursor() is None
    operations().busy_changed.disconnect(busy.append)


def test_a_quick_call_never_shows_busy(qtbot, owner):
    answered, busy = [], []
    operations().busy_changed.connect(busy.append)
    run_operation(owner, lambda: 42, answered.append)
    qtbot.waitUntil(lambda: answered == [42], timeout=3000)
    qtbot.wait(operation.BUSY_AFTER_MS + 100)
    assert busy == [] and not is_running(owner)
    operations().busy_changed.disconnect(busy.append)


def test_a_second_press_while_the_first_runs_starts_nothing(qtbot, owner, gate):
    calls = []

    def call(number):
        calls.append(number)
        assert gate.wait(10)
        return number

    answered = []
    assert run_operation(owner, lambda: call(1), answered.append)
    assert not run_operation(owner, lambda: call(2), answered.append)  # F4 pressed again
    gate.set()
    qtbot.waitUntil(lambda: answered == [1], timeout=5000)
    assert calls == [1]
    assert run_operation(owner, lambda: call(3), answered.append)  # answered: free again
    qtbot.waitUntil(lambda: answered == [1, 3], timeout=5000)


def test_a_refusal_goes_to_the_screen_or_into_one_message_box(qtbot, owner, monkeypatch):
    shown = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda parent, title, text: shown.append((title, text))
    )

    def refuse():
        raise ServiceError("Ta osoba została już wezwana przez inne stanowisko.")

    beside_field = []
    run_operation(owner, refuse, pytest.fail, refused=beside_field.append)
    qtbot.waitUntil(lambda: beside_field != [], timeout=3000)
    assert str(beside_field[0]) == "Ta osoba została już wezwana przez inne stanowisko."

    def server_gone():
        raise ServerUnavailable()

    run_operation(owner, server_gone, pytest.fail)
    qtbot.waitUntil(lambda: shown != [], timeout=3000)
    ((title, text),) = shown
    assert title == "Pierwszy kontakt"
    assert "niczego nie zapisano" in text.lower() or "nie zapisano" in text


def test_an_answer_for_a_closed_screen_is_dropped(qtbot, gate):
    widget = QWidget()
    answered = []
    run_operation(widget, lambda: gate.wait(10), answered.append)
    widget.deleteLater()
    qtbot.waitUntil(lambda: not operation.isValid(widget), timeout=3000)
    gate.set()
    qtbot.waitUntil(lambda: operations().running == 0, timeout=5000)
    assert answered == []


def test_a_refresh_in_its_own_lane_never_holds_up_a_press(qtbot, owner, gate):
    answered = []
    assert run_operation(owner, lambda: gate.wait(10) and "queue", answered.append, lane="refresh")
    assert is_running(owner, "refresh") and not is_running(owner)
    assert run_operation(owner, lambda: "called", answered.append)  # F4 while it refreshes
    qtbot.waitUntil(lambda: answered == ["called"], timeout=3000)
    gate.set()
    qtbot.waitUntil(lambda: answered == ["called", "queue"], timeout=5000)


def test_a_refresh_asked_for_while_one_runs_follows_it_once_with_the_newest_call(
    qtbot, owner, gate
):
    calls, answered = [], []

    def refresh(number):
        calls.append(number)
        if number == 1:
            assert gate.wait(10)  # a slow server
        return number

    for number in (1, 2, 3, 4):  # changes seen every half second while the first one runs
        assert run_operation(
            owner, lambda n=number: refresh(n), answered.append, when_running="follow"
        )
    qtbot.wait(100)
    assert calls == [1]  # never two at once
    gate.set()
    qtbot.waitUntil(lambda: answered == [1, 4], timeout=5000)
    qtbot.wait(100)
    assert calls == [1, 4]  # none missed, none piled up
    assert operations().running == 0 and not is_running(owner)


def test_the_latest_wins_older_answers_are_dropped(qtbot, owner, gate, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args))
    calls, answered = [], []

    def search(text):
        calls.append(text)
        if text == "k":
            assert gate.wait(10)
            raise ServiceError("an answer nobody waits for any more")
        return f"found {text}"

    for text in ("k", "ko", "kow"):  # typed while the first search runs
        assert run_operation(
            owner, lambda t=text: search(t), answered.append, when_running="replace"
        )
    gate.set()
    qtbot.waitUntil(lambda: answered == ["found kow"], timeout=5000)
    qtbot.wait(100)
    assert calls == ["k", "kow"] and answered == ["found kow"] and shown == []


def test_a_call_waiting_its_turn_never_starts_for_a_closed_screen(qtbot, gate):
    widget = QWidget()
    calls = []
    run_operation(widget, lambda: gate.wait(10), calls.append, when_running="follow")
    run_operation(widget, lambda: calls.append("second"), calls.append, when_running="follow")
    widget.deleteLater()
    qtbot.waitUntil(lambda: not operation.isValid(widget), timeout=3000)
    gate.set()
    qtbot.waitUntil(lambda: operations().running == 0, timeout=5000)
    qtbot.wait(100)
    assert calls == []


def test_a_defect_goes_to_the_crash_handler_or_to_the_screens_own_handler(
    qtbot, owner, monkeypatch
):
    crashes, logged = [], []
    monkeypatch.setattr(operation.sys, "excepthook", lambda *args: crashes.append(args[1]))

    def broken():
        raise RuntimeError("a defect")

    run_operation(owner, broken, pytest.fail)
    qtbot.waitUntil(lambda: crashes != [], timeout=3000)
    run_operation(owner, broken, pytest.fail, defect=logged.append)  # a refresh: logged
    qtbot.waitUntil(lambda: logged != [], timeout=3000)
    assert [str(e) for e in crashes] == ["a defect"] and str(logged[0]) == "a defect"
    assert not is_running(owner)


def test_a_reload_nobody_asked_for_runs_beside_a_press_follows_once_and_fails_quietly(
    qtbot, owner, gate, monkeypatch, caplog
):
    """``run_reload``: its own lane, the newest of the reloads asked for meanwhile follows
    once, a refusal is painted red in the screen's message line, a defect only logged."""
    crashes, boxes = [], []
    monkeypatch.setattr(operation.sys, "excepthook", lambda *args: crashes.append(args[1]))
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: boxes.append(args))
    message = QLabel()
    qtbot.addWidget(message)
    calls, answered = [], []

    def load(number):
        calls.append(number)
        if number == 1:
            assert gate.wait(10)  # a slow server
        return number

    for number in (1, 2, 3):  # three commits seen while the first reload runs
        assert run_reload(owner, lambda n=number: load(n), answered.append, message=message)
    assert run_operation(owner, lambda: "called", answered.append)  # F4 meanwhile
    qtbot.waitUntil(lambda: answered == ["called"], timeout=3000)
    gate.set()
    qtbot.waitUntil(lambda: answered == ["called", 1, 3], timeout=5000)
    assert calls == [1, 3]

    def gone():
        raise ServerUnavailable("Brak połączenia z serwerem biura.")

    run_reload(owner, gone, pytest.fail, message=message)
    qtbot.waitUntil(lambda: message.text() != "", timeout=3000)
    assert message.text() == "Brak połączenia z serwerem biura."
    assert message.styleSheet() == operation.ERROR_STYLE  # red, next to the list

    def broken():
        raise RuntimeError("a defect")

    with caplog.at_level("WARNING", logger="opsdesk.ui"):
        run_reload(owner, broken, pytest.fail, what="queue reload")
        qtbot.waitUntil(lambda: not is_running(owner, "reload"), timeout=3000)
    assert "queue reload failed; the next change retries" in caplog.text
    assert crashes == [] and boxes == []  # no dialog every half second


def test_a_press_starts_at_once_while_slow_refreshes_wait_for_the_server(qtbot, gate):
    """Two cores, three screens refreshing from a slow server: the pressed button's call
    still runs at once (the pool has threads for calls that only wait)."""
    owners = [QWidget() for _ in range(4)]
    for widget in owners:
        qtbot.addWidget(widget)
    waiting, answered = [], []

    def slow_refresh():
        waiting.append(1)
        assert gate.wait(10)

    for widget in owners[:3]:
        run_operation(widget, slow_refresh, lambda _r: None, lane="refresh")
    qtbot.waitUntil(lambda: len(waiting) == 3, timeout=3000)
    run_operation(owners[3], lambda: "A008", answered.append)
    qtbot.waitUntil(lambda: answered == ["A008"], timeout=3000)
    gate.set()
    operations_done(qtbot)


def test_a_refused_first_read_is_shown_and_asked_again_until_it_answers(qtbot, owner, monkeypatch):
    """A screen's lists refused while it is built (the server away a moment): the refusal
    on its line, the read asked again shortly, the screen filled once it answers."""
    monkeypatch.setattr(operation, "RETRY_AFTER_MS", 50)
    line, shown, tries = QLabel(), [], []
    qtbot.addWidget(line)

    def read():
        tries.append(1)
        if len(tries) < 3:
            raise ServerUnavailable("Brak połączenia z serwerem.")
        return ["Zasiłek celowy"]

    assert run_first_read(owner, read, shown.append, refused=lambda e: line.setText(str(e)))
    qtbot.waitUntil(lambda: line.text() == "Brak połączenia z serwerem.", timeout=3000)
    assert shown == []
    qtbot.waitUntil(lambda: shown == [["Zasiłek celowy"]], timeout=3000)
    assert len(tries) == 3
    qtbot.wait(200)
    assert len(tries) == 3  # answered: asked no more


def test_a_first_read_stops_asking_once_its_screen_is_closed(qtbot, monkeypatch):
    monkeypatch.setattr(operation, "RETRY_AFTER_MS", 50)
    screen, tries = QWidget(), []

    def read():
        tries.append(1)
        raise ServerUnavailable("Brak połączenia z serwerem.")

    # the person closes the screen as the refusal shows
    run_first_read(screen, read, lambda _r: None, refused=lambda _e: screen.deleteLater())
    qtbot.waitUntil(lambda: len(tries) == 1, timeout=3000)
    operations_done(qtbot)
    qtbot.wait(300)
    assert len(tries) == 1


def test_a_first_read_refused_for_good_is_said_once_not_asked_again(qtbot, owner, monkeypatch):
    """No permission does not come back in five seconds: said once, not asked again."""
    from opsdesk.errors import PermissionDenied

    monkeypatch.setattr(operation, "RETRY_AFTER_MS", 50)
    said, tries = [], []

    def read():
        tries.append(1)
        raise PermissionDenied("Brak uprawnień.")

    run_first_read(owner, read, lambda _r: None, refused=lambda e: said.append(str(e)))
    qtbot.waitUntil(lambda: said == ["Brak uprawnień."], timeout=3000)
    qtbot.wait(300)
    assert len(tries) == 1 and said == ["Brak uprawnień."]


def test_calls_in_order_run_one_after_another_whatever_their_owner(qtbot, owner, gate):
    """The screen lock's record (one window) and the logout (another) reach the database in
    the order they were made, even when the first is answered late."""
    other = QWidget()
    qtbot.addWidget(other)
    reached: list[str] = []

    def record(event: str):
        def work():
            reached.append(event)
            if event == "screen_lock":
                assert gate.wait(10)
            return event

        return work

    answered: list[str] = []
    kept = "test session events"
    assert run_operation(owner, record("screen_lock"), answered.append, in_order=kept)
    qtbot.waitUntil(lambda: reached == ["screen_lock"], timeout=5000)
    assert run_operation(other, record("logout"), answered.append, in_order=kept)
    assert run_operation(other, record("reload"), answered.append, lane="reload")
    qtbot.waitUntil(lambda: "reload" in answered, timeout=5000)  # other calls go on
    assert reached == ["screen_lock", "reload"]  # the logout waits for the lock
    gate.set()
    operations_done(qtbot)
    assert reached == ["screen_lock", "reload", "logout"]
    assert answered == ["reload", "screen_lock", "logout"]


def test_what_carries_an_answer_back_is_freed_on_the_gui_thread_after_the_answer_was_shown(
    qtbot,
):
    """The pool's thread ends its task while the answer is still on its way to the screen:
    what carries the answer back must outlive the screen's handling of it and be freed on the
    GUI thread, never inside its own delivery (a crash, seen in CI) nor from the pool."""
    from PySide6.QtCore import Qt, QThreadPool

    from opsdesk.ui import background

    happened: list[str] = []

    def show(answer: str) -> None:
        QThreadPool.globalInstance().waitForDone(5000)  # the task has let go meanwhile
        happened.append(answer)

    background.run_in_background(lambda: "lista terminów", show, lambda error: None)
    relay = list(background._running.values())[-1]
    relay.destroyed.connect(
        lambda: happened.append("freed on " + threading.current_thread().name),
        Qt.ConnectionType.DirectConnection,
    )
    del relay
    qtbot.waitUntil(lambda: len(happened) == 2, timeout=5000)
    assert happened == ["lista terminów", "freed on " + threading.main_thread().name]
