"""Typing like a user, Polish letters included.

QTest.keyClicks aborts the process on non-ASCII text (qasciikey.cpp assertion), so letters
such as "ś" are sent as key events carrying the text, as a Polish keyboard layout does.
"""

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication


def type_text(qtbot, widget, text: str, clear: bool = True) -> None:
    if clear and hasattr(widget, "clear"):
        widget.clear()
    widget.setFocus()
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    widget,
                    QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char),
                )
