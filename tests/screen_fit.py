"""Does a window fit a 1366×768 screen (the common office laptop), nothing cut off?

``problems(window)`` lists what a clerk could not read or reach: a visible button narrower
than its text needs (elided or clipped), a tab of a tab bar beyond its right edge with no
scroll arrows, a widget reaching outside the window. ``fits(window, size)`` says whether the
window's minimum size fits the screen's available area (the Windows task bar and the title
bar taken off).
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QAbstractButton, QTabBar, QWidget

SCREEN = QSize(1366, 768)
TASK_BAR = 40
TITLE_BAR = 31


def available(screen: QSize = SCREEN, scale: float = 1.0) -> QSize:
    """The area a maximised window gets, in the device-independent pixels Qt lays out in."""
    return QSize(int(screen.width() / scale), int((screen.height() - TASK_BAR) / scale) - TITLE_BAR)


def fits(window: QWidget, scale: float = 1.0) -> bool:
    space = available(scale=scale)
    hint = window.minimumSizeHint().expandedTo(window.minimumSize())
    return hint.width() <= space.width() and hint.height() <= space.height()


def _shown(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisibleTo(window) and widget.isVisible()


def problems(window: QWidget) -> list[str]:
    found = []
    for button in window.findChildren(QAbstractButton):
        if not _shown(button, window) or not button.text() or button.parent() is None:
            continue
        if isinstance(button.parent(), QTabBar):  # the tab bar's own scroll arrows
            continue
        if button.width() < button.sizeHint().width():
            found.append(
                f"button {button.text()!r} is {button.width()} px wide, "
                f"needs {button.sizeHint().width()}"
            )
    for bar in window.findChildren(QTabBar):
        if not _shown(bar, window):
            continue
        for index in range(bar.count()):
            rect = bar.tabRect(index)
            if rect.width() < bar.tabSizeHint(index).width() and bar.elideMode() != 0:
                found.append(f"tab {bar.tabText(index)!r} is elided")
            if rect.right() > bar.width() and not bar.usesScrollButtons():
                found.append(f"tab {bar.tabText(index)!r} is beyond the edge")
    return found


def passes_at_125_percent(test_file: str) -> tuple[bool, str]:
    """Run ``test_file``'s other tests again in a process of its own at Windows' 125 %
    (``QT_SCALE_FACTOR`` is read once per process); whether they passed, and the output's
    end."""
    import os
    import subprocess
    import sys

    env = dict(os.environ, QT_SCALE_FACTOR="1.25", QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", test_file]
        + ["-k", "not 125_percent"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    return result.returncode == 0, result.stdout[-3000:]
