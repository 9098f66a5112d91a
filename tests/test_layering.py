"""The layers of docs/architecture.md: no Qt below the UI, no database in the domain, no ReportLab
outside printing."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "opsdesk"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def files_under(folder: str):
    return sorted((PACKAGE / folder).rglob("*.py"))


@pytest.mark.parametrize("folder", ["domain", "storage", "services"])
def test_no_qt_below_the_ui(folder):
    offenders = {
        str(f.relative_to(PACKAGE)): sorted(m for m in imported_modules(f) if "PySide6" in m)
        for f in files_under(folder)
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_domain_has_no_database_and_no_other_layers():
    forbidden = ("sqlalchemy", "alembic", "opsdesk.storage", "opsdesk.services", "opsdesk.ui",
                 "opsdesk.printing", "reportlab")
    offenders = {
        str(f.relative_to(PACKAGE)): sorted(
            m for m in imported_modules(f) if m.startswith(forbidden)
        )
        for f in files_under("domain")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_ui_never_builds_a_query():
    offenders = {
        str(f.relative_to(PACKAGE)): sorted(
            m for m in imported_modules(f) if m.startswith(("sqlalchemy", "opsdesk.storage.models"))
        )
        for f in files_under("ui")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_reportlab_only_in_printing():
    offenders = {
        str(f.relative_to(PACKAGE)): sorted(m for m in imported_modules(f)
                                            if m.startswith("reportlab"))
        for f in PACKAGE.rglob("*.py")
        if "printing" not in f.relative_to(PACKAGE).parts[:1]
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_package_never_imports_developer_tools():
    """tools/ (catalogs ...) and Babel stay out of the installed application."""
    offenders = {
        str(f.relative_to(PACKAGE)): sorted(m for m in imported_modules(f)
                                            if m.split(".")[0] in ("tools", "babel"))
        for f in PACKAGE.rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}
