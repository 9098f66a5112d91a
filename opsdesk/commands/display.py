"""``opsdesk display``: the window, which opens the waiting-room display after logging in.

The Start-menu entry "opsdesk — waiting-room display" of the Windows installer runs this on the
PC that drives the waiting room's TV: the display shows ticket numbers only, but reading the
calls needs a logged-in account of the first-contact desk.
"""

from __future__ import annotations

from opsdesk.i18n import N_

DESCRIPTION = N_(
    "Starts opsdesk and opens the waiting-room display as soon as someone of the "
    "first-contact desk logs in."
)


def add_arguments(parser) -> None:
    """No options."""


def run(args, paths) -> int:
    from opsdesk.ui.app import run_gui

    return run_gui(paths, open_display=True)
