import re
from reception_office import desk  # noqa
from PySide6.QtWidgets import QAbstractButton, QLabel, QTabBar, QMenuBar, QGroupBox
def test_probe(qtbot, desk):
    from opsdesk.ui.main_window import MainWindow
    for who in (desk.clerk, desk.benefits_a):
        w = MainWindow(who, "OPS w Łęczycy")
        qtbot.addWidget(w)
        sec = w.open_section("reception")
        w.show()
        qtbot.wait(50)
        out = []
        for a in w.menuBar().actions():
            out.append(("menu", a.text()))
        for c in sec.findChildren(QAbstractButton) + sec.findChildren(QLabel):
            if c.isVisible() and "&" in c.text():
                out.append((type(c).__name__, c.text()))
        for t in sec.findChildren(QTabBar):
            for i in range(t.count()):
                out.append(("tab", t.tabText(i)))
        for g in sec.findChildren(QGroupBox):
            out.append(("group", g.title()))
        print(who.actor.login, out)
        print("focus", QApplication.focusWidget() if False else w.focusWidget())
