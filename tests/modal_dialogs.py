"""GUI tests answer a modal dialog that a screen is about to open (its ``exec`` runs its own
event loop, so the test acts from a timer)."""

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication


def when_dialog_opens(action):
    """Run ``action(dialog)`` once a modal dialog is open (then make sure it is closed, so a
    failing test never hangs on it)."""
    timer = QTimer()
    timer.setInterval(10)

    def poll():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            return
        timer.stop()
        try:
            action(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()

    timer.timeout.connect(poll)
    timer.start()
    return timer
