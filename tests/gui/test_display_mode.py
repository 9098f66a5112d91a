"""``opsdesk display`` (the Start-menu entry of the waiting-room PC): after logging in, the
waiting-room display opens by itself, once."""

from opsdesk.paths import DataPaths
from opsdesk.settings import LocalSettings
from opsdesk.ui.app import Application


def test_display_mode_opens_the_waiting_room_display_after_login(qtbot, tmp_path, desk):
    controller = Application(
        DataPaths(tmp_path / "data").ensure(), LocalSettings(), open_display=True
    )
    controller.services = desk.clerk.as_actor(None)
    controller.open_main_window(desk.clerk.actor)
    window = controller.main_window
    qtbot.addWidget(window)
    section = window.open_section("reception")
    qtbot.waitUntil(lambda: section.display is not None and section.display.isVisible())
    assert controller.open_display is False  # a later login does not open another one
    section.display.close()
    window.idle_lock.stop()
    window.close()
