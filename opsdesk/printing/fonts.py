"""The fonts every printed document uses: DejaVu Sans, shipped in ``resources/fonts``.

ReportLab's built-in Helvetica prints Polish letters as black squares without any error,
so each document registers and uses the TrueType DejaVu Sans family (regular and bold).
"""

from __future__ import annotations

import logging
import threading
import unicodedata

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from opsdesk.resources import resource

log = logging.getLogger("opsdesk.printing")

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf"}

_lock = threading.Lock()
_registered = False
_covered: set[str] = set()  # characters both faces are known to draw


def register_fonts() -> None:
    """Register the DejaVu Sans family with ReportLab (once per process, thread-safe).

    The family maps bold to DejaVu Sans Bold; italic falls back to the upright faces
    (no oblique face is shipped) so ``<i>`` never switches to Helvetica. PDF streams are
    written binary (compressed, without ReportLab's default ASCII85 layer): smaller files,
    made faster.
    """
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for name, file_name in FONT_FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(resource("fonts", file_name))))
        pdfmetrics.registerFontFamily(
            FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
        )
        rl_config.useA85 = 0
        _registered = True
        log.debug("registered fonts %s", ", ".join(FONT_FILES))


def missing_glyphs(text: str) -> set[str]:
    """Characters of ``text`` that the regular or the bold face cannot draw.

    Control characters (line breaks, tabs) are ignored: they are never drawn.
    """
    if _covered.issuperset(text):  # the common case, without making a set of the text
        return set()
    unknown = set(text) - _covered
    register_fonts()
    faces = [pdfmetrics.getFont(name).face for name in FONT_FILES]
    missing: set[str] = set()
    for char in unknown:
        if unicodedata.category(char) == "Cc":
            continue
        if any(ord(char) not in face.charToGlyph for face in faces):
            missing.add(char)
        else:
            _covered.add(char)
    return missing
