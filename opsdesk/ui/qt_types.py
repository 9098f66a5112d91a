"""Every Qt class's Python type, made on the GUI thread before any worker may need one.

PySide6 (6.7 and later) makes the Python type of a Qt class only when a module first reads its
name ("lazy loading", ``PYSIDE6_OPTION_LAZY``): which types exist, and on which thread each is
made, then follows the order modules happen to be imported in. opsdesk imports the main
window's modules on a worker thread while the login window waits (``ui/app.py``,
``_warm_up``), so without this the types those modules name would be made there, while the GUI
thread runs Qt. The CI run of 5 December 2026 saw the application die at that moment without
a word; it was not reproduced in some 600 starts since, so the cause is not proven, but this is
the suspect: other Qt for Python projects trace crashes of this shape to lazy type creation and
turn it off with ``PYSIDE6_OPTION_LAZY=0``, which makes every type when PySide6 loads, before
the first window (0.1–0.2 s more, measured on this project's machine). opsdesk keeps the quick
first window and makes the types right after it shows, on the GUI thread, while the database
opens on a worker (which imports no Qt: services never do), and in any case before the warm-up
starts. Should it happen again, ``logs/opsdesk-fatal.log`` says where each thread was.
"""

from __future__ import annotations

import importlib

# The Qt modules opsdesk's windows use; a module imported later makes its types when it loads.
MODULES = ("PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets")

_made = False


def make_all() -> int:
    """Read every Qt class of :data:`MODULES` (once per process: later calls do nothing); how
    many were read now."""
    global _made
    if _made:
        return 0
    _made = True
    count = 0
    for name in MODULES:
        module = importlib.import_module(name)
        for attribute in dir(module):
            if attribute.startswith("Q"):
                getattr(module, attribute)
                count += 1
    return count
