"""Where the shipped resources (fonts, translations) live.

The files are kept in the repository's top-level ``resources/`` folder, which the build maps
onto the package ``opsdesk._resources`` (``pyproject.toml``: ``package-dir`` and
``package-data``), so a wheel carries them inside the package and an editable install finds
them through the same name. The folder is looked up, first match wins:

1. a PyInstaller build: ``resources/`` bundled in the frozen application's folder
   (``sys._MEIPASS``, see ``installer/README.md``);
2. a source checkout: the ``resources/`` folder beside the ``opsdesk/`` package folder this
   module was imported from (running with ``PYTHONPATH`` pointing at a checkout, or an
   editable install of it) — always this checkout's own files, even when another checkout
   is the one installed in the environment;
3. ``importlib.resources``: the package ``opsdesk._resources`` of a wheel install (or a
   PyInstaller build that collected it as package data).
"""

from __future__ import annotations

import sys
from functools import cache
from importlib import resources as importlib_resources
from pathlib import Path

RESOURCES_PACKAGE = "opsdesk._resources"


def _checkout_resources() -> Path | None:
    """``resources/`` of the source checkout this package was imported from, if it is one."""
    root = Path(__file__).resolve().parent.parent
    if (root / "pyproject.toml").is_file() and (root / "resources").is_dir():
        return root / "resources"
    return None


def _package_resources() -> Path | None:
    """The folder of the installed ``opsdesk._resources`` package, if it is installed."""
    try:
        folder = importlib_resources.files(RESOURCES_PACKAGE)
    except ModuleNotFoundError:
        return None
    # fonts and catalogs are handed to ReportLab and gettext as file names: a folder on disk
    # is needed (opsdesk is never imported from a zip archive)
    return folder if isinstance(folder, Path) and folder.is_dir() else None


@cache
def resources_dir() -> Path:
    candidates: list[Path] = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        bundled = Path(frozen_root) / "resources"
        if bundled.is_dir():
            return bundled
        candidates.append(bundled)
    checkout = _checkout_resources()
    if checkout is not None:
        return checkout
    packaged = _package_resources()
    if packaged is not None:
        return packaged
    candidates += [Path(__file__).resolve().parent.parent / "resources"]
    raise FileNotFoundError(
        "opsdesk resources not found: no source checkout's resources/ folder and no "
        f"installed package {RESOURCES_PACKAGE}; looked in: "
        + ", ".join(str(c) for c in candidates)
    )


def resource(*parts: str) -> Path:
    """Path of one shipped resource, e.g. ``resource("fonts", "DejaVuSans.ttf")``."""
    return resources_dir().joinpath(*parts)
