"""An unhandled error: logged in full, shown once as a Polish dialog that says where the log is."""

import logging
import sys
import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from opsdesk.logging_setup import setup_logging
from opsdesk.ui.crash import CrashHandler


@pytest.fixture
def handler(tmp_path):
    logger = logging.getLogger("opsdesk")
    saved_handlers, saved_hooks = logger.handlers[:], (sys.excepthook, threading.excepthook)
    logger.handlers = []
    crash = CrashHandler(setup_logging(tmp_path / "logs"))
    crash.install()
    yield crash
    sys.excepthook, threading.excepthook = saved_hooks
    for log_handler in logger.handlers:
        log_handler.close()
    logger.handlers = saved_handlers


def fail(message="Zażółć: coś poszło nie tak"):
    raise RuntimeError(message)


def raise_and_catch():
    try:
        fail()
    except RuntimeError:
        return sys.exc_info()


def close_dialogs(seen: list):
    """Read and close every crash dialog as soon as it opens."""

    def check():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append((box.windowTitle(), box.text(), box.detailedText()))
            box.close()

    timer = QTimer()
    timer.timeout.connect(check)
    timer.start(20)
    return timer


def test_an_error_shows_one_polish_dialog_and_the_log_has_the_traceback(qtbot, handler):
    seen: list = []
    timer = close_dialogs(seen)
    sys.excepthook(*raise_and_catch())
    sys.excepthook(*raise_and_catch())  # the same error again: no second dialog
    qtbot.waitUntil(lambda: len(seen) == 1)
    qtbot.wait(200)
    timer.stop()
    title, text, details = seen[0]
    assert len(seen) == 1
    assert title == "Nieoczekiwany błąd"
    assert "nie została zapisana" in " ".join(text.split())
    assert str(handler.log_path) in text
    assert details == "RuntimeError: Zażółć: coś poszło nie tak"
    for log_handler in logging.getLogger("opsdesk").handlers:
        log_handler.flush()
    log_text = handler.log_path.read_text(encoding="utf-8")
    assert "CRITICAL opsdesk.crash" in log_text and "in fail" in log_text


def test_an_error_in_a_background_thread_is_shown_by_the_window_thread(qtbot, handler):
    seen: list = []
    timer = close_dialogs(seen)
    worker = threading.Thread(target=fail, args=("w tle",))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(seen) == 1)
    timer.stop()
    assert seen[0][2] == "RuntimeError: w tle"


def test_a_logs_folder_that_cannot_be_written_never_stops_the_start(tmp_path):
    """Recording fatal errors is a help for support, never a reason not to start."""
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "opsdesk-fatal.log").mkdir()  # what stands there cannot be opened as a file
    crash = CrashHandler(logs / "opsdesk.log")
    crash.record_fatal_errors()
    assert crash.fatal_log is None
