"""The compiled catalog ``opsdesk.mo`` is a build product, never committed: every build compiles
the area ``.po`` files into it (``tools/catalog_compiler.py``), so that a fresh clone, which has
none, yields an application in Polish — from a wheel, and from the editable install of
``.ci/setup``. (The Windows build compiles it in ``installer/opsdesk.spec``, checked by
``.ci/windows``; an installed wheel printing Polish: ``.ci/wheel-smoke``.)

The two builds run pip with build isolation: they need the package index (setuptools, Babel).
"""

import gettext
import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tools.catalog_compiler import COMPILED_CATALOG, compile_catalogs

REPOSITORY = Path(__file__).resolve().parent.parent
# what a build reads; copied as a fresh clone has them: no compiled catalog, nothing built
BUILD_SOURCES = ("setup.py", "pyproject.toml", "README.md", "MANIFEST.in", "opsdesk", "resources")
BUILD_TOOLS = ("tools/__init__.py", "tools/catalog_compiler.py")
CATALOG_IN_WHEEL = f"opsdesk/_resources/translations/pl/LC_MESSAGES/{COMPILED_CATALOG}"


def polish(catalog: bytes) -> str:
    """What the catalog makes of one source string of the printed hour sheet."""
    return gettext.GNUTranslations(io.BytesIO(catalog)).gettext("Record of hours")


def fresh_clone(tmp_path: Path) -> Path:
    clone = tmp_path / "clone"
    ignore = shutil.ignore_patterns("*.mo", "__pycache__", "*.pyc", "*.egg-info")
    for name in BUILD_SOURCES:
        source = REPOSITORY / name
        if source.is_dir():
            shutil.copytree(source, clone / name, ignore=ignore)
        else:
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, clone / name)
    for name in BUILD_TOOLS:
        (clone / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPOSITORY / name, clone / name)
    assert not list(clone.rglob("*.mo"))
    return clone


def pip(*args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q", *args],
        check=True,
        timeout=500,
    )


def test_the_compiler_writes_one_catalog_per_language(tmp_path):
    translations = fresh_clone(tmp_path) / "resources" / "translations"
    target = tmp_path / "build"
    written = compile_catalogs(translations, target)
    assert written == [target / "pl" / "LC_MESSAGES" / COMPILED_CATALOG]
    assert polish(written[0].read_bytes()) == "Ewidencja godzin"
    assert not list(translations.rglob("*.mo"))  # the sources are left as they were
    # in place (an editable install, the tests): beside the .po files
    assert compile_catalogs(translations) == [translations / "pl" / "LC_MESSAGES" / "opsdesk.mo"]


@pytest.mark.slow
def test_a_wheel_built_from_a_fresh_clone_carries_the_compiled_catalog(tmp_path):
    clone = fresh_clone(tmp_path)
    pip("wheel", "--no-deps", "-w", str(tmp_path / "dist"), str(clone))
    (wheel,) = (tmp_path / "dist").glob("opsdesk-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        assert polish(archive.read(CATALOG_IN_WHEEL)) == "Ewidencja godzin"
        assert not [n for n in archive.namelist() if n.startswith("tools/")]


@pytest.mark.slow
def test_an_editable_install_of_a_fresh_clone_compiles_the_catalog_it_reads(tmp_path):
    clone = fresh_clone(tmp_path)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    pip("--python", str(python), "install", "--no-deps", "-e", str(clone))
    catalog = clone / "resources" / "translations" / "pl" / "LC_MESSAGES" / COMPILED_CATALOG
    assert polish(catalog.read_bytes()) == "Ewidencja godzin"
    # the installed opsdesk, started elsewhere, reads it (i18n needs none of its dependencies)
    shown = subprocess.run(
        [
            str(python),
            "-c",
            "from opsdesk import i18n, resources; i18n.set_language('pl'); "
            "print(resources.resources_dir()); print(i18n._('Record of hours'))",
        ],
        cwd=tmp_path,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert shown.splitlines() == [str(clone / "resources"), "Ewidencja godzin"]
