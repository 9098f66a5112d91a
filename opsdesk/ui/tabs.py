"""Tabs whose text is never clipped.

Fusion draws a tab that is not selected 2 px lower inside the same height, which cuts off the
accent of a capital letter ("Ś" of the benefits team's queue read as "S"). A style sheet for
the tabs lays them out by the font's full height instead; it keeps the look of ordinary tabs.
"""

from __future__ import annotations

from PySide6.QtWidgets import QScrollArea, QTabBar, QTabWidget, QWidget

TAB_STYLE = (
    "QTabBar::tab { padding: 5px 12px; margin-right: 2px; color: #1f1f1f;"
    " background: #e6e6e6; border: 1px solid #b4b4b4; border-bottom: none;"
    " border-top-left-radius: 4px; border-top-right-radius: 4px; }"
    "QTabBar::tab:selected { background: #ffffff; border-color: #8c8c8c; }"
    "QTabBar::tab:!selected:hover { background: #f2f2f2; }"
    "QTabBar::tab:focus { border-color: #2f6fbd; }"
)


def readable_tabs(tabs: QTabBar | QTabWidget) -> None:
    bar = tabs.tabBar() if isinstance(tabs, QTabWidget) else tabs
    bar.setStyleSheet(TAB_STYLE)


def scrolling_page(page: QWidget) -> QScrollArea:
    """``page`` in a frameless scroll area, to be added as a tab: a page taller than the others
    then scrolls on a low screen (1366×768) instead of making the whole tab widget taller."""
    area = QScrollArea()
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setWidget(page)
    return area
