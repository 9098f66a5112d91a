"""opsdesk.resources finds the fonts and catalogs: in a checkout, in a PyInstaller bundle.

(From an installed wheel: .ci/wheel-smoke.)
"""

import sys
from pathlib import Path

import pytest

from opsdesk import resources

CHECKOUT_RESOURCES = Path(__file__).resolve().parent.parent / "resources"


@pytest.fixture
def fresh_lookup():
    resources.resources_dir.cache_clear()
    yield
    resources.resources_dir.cache_clear()


def test_a_checkout_uses_its_own_resources_folder(fresh_lookup):
    assert resources.resources_dir() == CHECKOUT_RESOURCES
    assert resources.resource("translations", "pl", "LC_MESSAGES", "opsdesk.mo").is_file()
    assert resources.resource("fonts", "DejaVuSans.ttf").is_file()


def test_a_pyinstaller_bundle_uses_the_bundled_folder(fresh_lookup, monkeypatch, tmp_path):
    (tmp_path / "resources" / "fonts").mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resources_dir() == tmp_path / "resources"


def test_a_bundle_without_the_folder_falls_back(fresh_lookup, monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resources_dir() == CHECKOUT_RESOURCES


def test_nothing_found_names_where_it_looked(fresh_lookup, monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    monkeypatch.setattr(resources, "_checkout_resources", lambda: None)
    monkeypatch.setattr(resources, "_package_resources", lambda: None)
    with pytest.raises(FileNotFoundError, match="opsdesk._resources"):
        resources.resources_dir()
