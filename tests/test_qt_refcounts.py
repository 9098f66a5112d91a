"""Guard against the PySide6 6.12.0 / CPython 3.11 reference-count bug (docs/machine-facts.md):
each Qt call returning nothing dropped a reference to None, each emit one to True, until
CPython aborted. The pin in pyproject.toml avoids it; this test fails if it comes back."""

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

CALLS = 3000


class _Emitter(QObject):
    fired = Signal(bool)


def test_qt_void_calls_keep_the_refcount_of_none(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        label.setText("x")  # returns None
    assert abs(sys.getrefcount(None) - before) < 100


def test_signal_emits_keep_the_refcount_of_true(qtbot):
    emitter = _Emitter()
    received = []
    emitter.fired.connect(lambda value: received.append(1) if value else None)
    before = sys.getrefcount(True)
    for _ in range(CALLS):
        emitter.fired.emit(True)
    assert len(received) == CALLS
    assert abs(sys.getrefcount(True) - before) < 100
