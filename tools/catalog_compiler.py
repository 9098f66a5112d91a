"""Compiling the translation catalogs: a language's area ``.po`` files into the one
``opsdesk.mo`` the application reads (``opsdesk.i18n``).

The compiled catalog is a build product, never committed. Three builds call
:func:`compile_catalogs`, and so does the developer tool ``tools/catalogs.py``:

- ``setup.py`` (its ``build_py`` step): into the wheel, or, for an editable install
  (``pip install -e .``, what ``.ci/setup`` does), into this checkout's ``resources/``;
- ``installer/opsdesk.spec``: into PyInstaller's work folder, bundled from there;
- ``tests/conftest.py``: into this checkout's ``resources/`` when it is missing or stale (a
  worktree made with ``git worktree add`` was never installed).

It needs Babel: in ``[build-system] requires``, the ``test`` extra and the Windows build's
requirements. The application never imports it (``tests/test_layering.py``).
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

COMPILED_CATALOG = "opsdesk.mo"  # the file opsdesk.i18n reads (tests/test_i18n.py checks)
MESSAGES = "LC_MESSAGES"


def read_catalogs(folder: Path, language: str) -> list[tuple[Path, Catalog]]:
    """Every area's catalog in ``folder`` (``<translations>/<language>/LC_MESSAGES``)."""
    catalogs = []
    for path in sorted(folder.glob("*.po")):
        with open(path, "rb") as fh:
            catalogs.append((path, read_po(fh, locale=language)))
    return catalogs


def merged(catalogs: list[tuple[Path, Catalog]], language: str) -> Catalog:
    """All areas in one catalog (the first area's header; a message once)."""
    result = Catalog(locale=language, project="opsdesk", charset="utf-8")
    for _path, catalog in catalogs:
        if not result.mime_headers or len(result) == 0:
            result.mime_headers = catalog.mime_headers
        for message in catalog:
            if message.id and message.id not in result:
                result[message.id] = message
    return result


def compiled(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def compiled_language(folder: Path, language: str) -> bytes:
    """The ``opsdesk.mo`` of one language, compiled from the ``.po`` files in ``folder``."""
    return compiled(merged(read_catalogs(folder, language), language))


def languages(translations: Path) -> list[str]:
    """The languages with ``.po`` files under ``translations`` (``<language>/LC_MESSAGES``)."""
    return sorted(
        folder.parent.name
        for folder in translations.glob(f"*/{MESSAGES}")
        if any(folder.glob("*.po"))
    )


def compile_catalogs(translations: Path, target: Path | None = None) -> list[Path]:
    """Compile every language's ``.po`` files under ``translations`` into
    ``<target>/<language>/LC_MESSAGES/opsdesk.mo`` (``target`` defaults to ``translations``
    itself: in place) and return those files.

    A file is written only when its content changes, and atomically: a test run or the app
    reading it meanwhile never sees half a catalog. In place, other ``.mo`` files (the area
    catalogs compiled one by one before 0.1.0) are removed."""
    target = translations if target is None else target
    written = []
    for language in languages(translations):
        data = compiled_language(translations / language / MESSAGES, language)
        folder = target / language / MESSAGES
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / COMPILED_CATALOG
        if not path.is_file() or path.read_bytes() != data:
            _write_atomically(path, data)
        if target == translations:
            for stale in folder.glob("*.mo"):
                if stale.name != COMPILED_CATALOG:
                    stale.unlink()
        written.append(path)
    return written


def _write_atomically(path: Path, data: bytes) -> None:
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
