"""PySide6 user interface."""

import os

# PySide6 6.11 initialises wrapper classes lazily; with an application-wide Python event
# filter (the idle lock) that crashed in shiboken (Module::get from findDerivedType, via
# sendThroughApplicationEventFilters) depending on which Qt classes had been touched before.
# Eager initialisation avoids it. Must be set before PySide6 is first imported.
os.environ.setdefault("PYSIDE6_OPTION_LAZY", "0")
