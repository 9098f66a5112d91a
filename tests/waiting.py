"""GUI tests wait for what a screen runs off the GUI thread (``ui/operation.py``), as the
person waits for the answer on the screen."""

from opsdesk.ui.operation import operations


def operations_done(qtbot, timeout: int = 10_000) -> None:
    qtbot.waitUntil(lambda: operations().running == 0, timeout=timeout)
