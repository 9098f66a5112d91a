"""The mouse wheel scrolls the page, never a field the person is not in.

Qt lets the wheel change a combo box, spin box, date/time edit or slider under the pointer
even without focus: one notch while scrolling a case changed its worker. ``install`` puts one
filter on the application: a wheel event over such a field without focus goes to the field's
parent instead (so the surrounding page still scrolls); with focus the field behaves as usual.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QWidget,
)

GUARDED = (QComboBox, QAbstractSpinBox, QAbstractSlider)


class WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Wheel
            and isinstance(watched, GUARDED)
            and not watched.hasFocus()
        ):
            parent = watched.parentWidget()
            if parent is not None:
                QApplication.sendEvent(parent, event)
            return True
        return super().eventFilter(watched, event)


_guard: WheelGuard | None = None


def install(app: QApplication) -> WheelGuard:
    """Install the guard on ``app`` once (later calls return the same guard)."""
    global _guard
    if _guard is None:
        _guard = WheelGuard(app)
        app.installEventFilter(_guard)
    return _guard


def guards(widget: QWidget) -> bool:
    """Whether wheel events over ``widget`` are guarded (for tests)."""
    return _guard is not None and isinstance(widget, GUARDED)
