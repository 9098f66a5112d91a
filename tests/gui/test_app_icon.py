"""opsdesk's icon: the office's blue with a white person, at every size Windows asks for."""

import pytest
from PySide6.QtGui import QColor

from opsdesk.ui import app_icon


def test_the_icon_has_every_size_windows_asks_for(qtbot):
    sizes = {(size.width(), size.height()) for size in app_icon.icon().availableSizes()}
    assert sizes == {(n, n) for n in (16, 24, 32, 48, 64, 128, 256)}


@pytest.mark.parametrize("size", [16, 256])
def test_the_icon_is_a_white_person_on_the_offices_blue_even_at_16_pixels(qtbot, size):
    image = app_icon.pixmap(size).toImage()

    def colour(x: float, y: float) -> QColor:
        return image.pixelColor(round(x * (size - 1)), round(y * (size - 1)))

    assert colour(0.5, 0.06).name() == "#1f5fa8"  # the blue square
    assert colour(0.5, 0.30).name() == "#ffffff"  # the head
    assert colour(0.5, 0.46).name() == "#1f5fa8"  # between the head and the shoulders
    assert colour(0.5, 0.75).name() == "#ffffff"  # the shoulders
    assert colour(0, 0).alpha() < 16  # rounded corners: the desktop shows through


def test_the_windows_icon_file_holds_every_size_as_drawn(qtbot, tmp_path):
    """The .ico the Windows build gives its programs and installer: each size drawn, not
    scaled down from the largest (a 16-pixel taskbar icon stays sharp)."""
    from PIL import Image

    path = tmp_path / "opsdesk.ico"
    app_icon.write_ico(str(path))
    with Image.open(path) as ico:
        assert ico.info["sizes"] == {(n, n) for n in app_icon.SIZES}
        ico.size = (16, 16)
        small = ico.convert("RGBA")
    drawn = app_icon.pixmap(16).toImage()
    for x, y in ((8, 4), (8, 7), (8, 11), (2, 8)):
        colour = drawn.pixelColor(x, y)
        assert small.getpixel((x, y)) == (
            colour.red(),
            colour.green(),
            colour.blue(),
            colour.alpha(),
        )
