"""The Alt-letters (mnemonics) a window offers: menus, visible buttons, labels with a buddy and
tabs, each letter once per text ("&&" is a plain ampersand). A window where a letter comes
twice makes Alt+letter mean two things."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QAbstractButton, QLabel, QTabBar, QWidget

# the main window's menus: Konto, Narzędzia, Widok / Account, Tools, View
MENU_LETTERS = {"pl": {"k", "n", "w"}, "en": {"a", "t", "v"}}


def mnemonics(window: QWidget) -> list[str]:
    texts = [action.text() for action in window.menuBar().actions()]
    for widget in window.findChildren(QAbstractButton) + window.findChildren(QLabel):
        if widget.isVisible() and (not isinstance(widget, QLabel) or widget.buddy()):
            texts.append(widget.text())
    for bar in window.findChildren(QTabBar):
        if bar.isVisible():
            texts += [bar.tabText(i) for i in range(bar.count())]
    letters = []
    for text in texts:
        match = re.search(r"&([^&\s])", text.replace("&&", ""))
        if match:
            letters.append(match.group(1).lower())
    return letters
