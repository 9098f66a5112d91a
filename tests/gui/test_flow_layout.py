"""The flow layout: as many equal buttons to a row as the width holds, never one narrower
than its text, and the height the rows need at any width."""

from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from opsdesk.ui.flow_layout import flow_container


def test_buttons_wrap_into_rows_as_the_width_shrinks(qtbot):
    buttons = [QPushButton(text) for text in ("Wezwij następną osobę (F4)", "Cofnij", "Przenieś")]
    box = flow_container(buttons, uniform=True)
    holder = QWidget()
    QVBoxLayout(holder).addWidget(box)
    qtbot.addWidget(holder)
    widest = max(b.sizeHint().width() for b in buttons)
    row = buttons[0].sizeHint().height()
    holder.resize(3 * widest + 60, 200)
    holder.show()
    qtbot.waitExposed(holder)
    assert {b.y() for b in buttons} == {buttons[0].y()}  # one row
    assert {b.width() for b in buttons} == {widest}  # equal, none elided
    layout = box.layout()
    assert layout.heightForWidth(3 * widest + 12) == row
    assert layout.heightForWidth(2 * widest + 6) == 2 * row + 6
    assert layout.heightForWidth(widest) == 3 * row + 12
    assert layout.minimumSize().width() == widest  # never narrower than the widest button
    holder.resize(widest + 30, 300)
    qtbot.waitUntil(lambda: len({b.y() for b in buttons}) == 3)  # one to a row
    assert box.height() >= 3 * row + 12  # the rows are not squeezed together
