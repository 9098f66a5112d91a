"""Every Qt type the windows use is made on the GUI thread, before workers import them."""

import subprocess
import sys

PROBE = """
import PySide6.QtWidgets as widgets
names = [name for name in dir(widgets) if name.startswith("Q")]
before = sum(name in vars(widgets) for name in names)
from opsdesk.ui import qt_types
made = qt_types.make_all()
after = sum(name in vars(widgets) for name in names)
print(len(names), before, after, made > 0, qt_types.make_all())
"""


def test_make_all_makes_every_qt_type_once_per_process():
    """PySide6 makes a type when a module first names it; after ``make_all`` every class of
    QtWidgets exists (a worker importing a window makes none), and a second call does nothing."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=120
    )
    total, before, after, made, again = result.stdout.split()
    assert int(total) > 150
    assert int(before) < int(total)  # lazily made: the reason for the module
    assert int(after) == int(total)
    assert made == "True"
    assert again == "0"
