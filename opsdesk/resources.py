"""Where the shipped resources (fonts, icons, translations) live.

In a source checkout or an editable install they are the top-level ``resources/``
folder next to the package; in a PyInstaller build they are bundled as
``resources/`` inside the frozen application's folder.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def resources_dir() -> Path:
    candidates = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.append(Path(frozen_root) / "resources")
    candidates.append(Path(__file__).resolve().parent.parent / "resources")
    candidates.append(Path(sys.prefix) / "share" / "opsdesk" / "resources")
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("opsdesk resources folder not found; looked in: "
                            + ", ".join(str(c) for c in candidates))


def resource(*parts: str) -> Path:
    """Path of one shipped resource, e.g. ``resource("fonts", "DejaVuSans.ttf")``."""
    return resources_dir().joinpath(*parts)
