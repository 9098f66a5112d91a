"""opsdesk's icon, drawn rather than shipped as an image: a person on the office's blue, the
same at every size from the taskbar's 16 pixels to Alt+Tab's 256. The Windows build writes it
as an .ico for its programs and installer (``python -m opsdesk.ui.app_icon OUT.ico``)."""

from __future__ import annotations

import io
import sys

from PySide6.QtCore import QBuffer, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPixmap

SIZES = (16, 24, 32, 48, 64, 128, 256)
BLUE = QColor("#1f5fa8")  # the blue of opsdesk's charts
WHITE = QColor("#ffffff")


def pixmap(size: int) -> QPixmap:
    """The icon at ``size`` × ``size`` pixels."""
    image = QPixmap(size, size)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(BLUE)
    corner = size * 0.2
    painter.drawRoundedRect(QRectF(0, 0, size, size), corner, corner)
    painter.setBrush(WHITE)
    head = size * 0.26
    painter.drawEllipse(QRectF((size - head) / 2, size * 0.17, head, head))
    shoulders = QPainterPath()
    width, top = size * 0.56, size * 0.50
    shoulders.moveTo((size - width) / 2, size * 0.84)
    shoulders.cubicTo(
        (size - width) / 2, top, (size + width) / 2, top, (size + width) / 2, size * 0.84
    )
    shoulders.closeSubpath()
    painter.drawPath(shoulders)
    painter.end()
    return image


def icon() -> QIcon:
    """The icon at every size Windows asks for (needs a QGuiApplication)."""
    result = QIcon()
    for size in SIZES:
        result.addPixmap(pixmap(size))
    return result


def png(size: int) -> bytes:
    """The icon at ``size`` pixels as a PNG file's bytes."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    pixmap(size).save(buffer, "PNG")
    return bytes(buffer.data().data())


def write_ico(path: str) -> None:
    """The icon as a Windows .ico holding every size as drawn (none scaled from another)."""
    from PIL import Image

    images = [Image.open(io.BytesIO(png(size))) for size in SIZES]
    images[-1].save(
        path, format="ICO", sizes=[image.size for image in images], append_images=images[:-1]
    )


if __name__ == "__main__":  # installer/build-windows
    from PySide6.QtGui import QGuiApplication

    application = QGuiApplication(sys.argv[:1])
    write_ico(sys.argv[1])
