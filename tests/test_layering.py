"""The layers of docs/architecture.md: no Qt below the UI, no database in the domain or the
UI, no ReportLab outside printing, printing handed plain records (no database behind them),
no import loops between the UI's capabilities."""

import ast
import os
import subprocess
import sys
import textwrap
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
    forbidden = (
        "sqlalchemy",
        "alembic",
        "opsdesk.storage",
        "opsdesk.services",
        "opsdesk.ui",
        "opsdesk.printing",
        "reportlab",
    )
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


def test_ui_reaches_the_database_only_through_services():
    """No storage, SQLAlchemy or Alembic in the UI, not even imported inside a function: it
    opens, checks and restores the database through services (services/safety/opening.py)."""
    offenders = {
        str(f.relative_to(PACKAGE)): sorted(
            m
            for m in imported_modules(f)
            if m.split(".")[0] in ("sqlalchemy", "alembic")
            or m == "opsdesk.storage"
            or m.startswith("opsdesk.storage.")
        )
        for f in files_under("ui")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def db_uses(path: Path) -> list[str]:
    """Where ``path`` reads an attribute ``db`` (``services.db``, ``self.ctx.db`` ...)."""
    return [
        f"line {node.lineno}: {ast.unparse(node)}"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute) and node.attr == "db"
    ]


def test_ui_never_holds_the_database():
    offenders = {str(f.relative_to(PACKAGE)): db_uses(f) for f in files_under("ui")}
    assert {k: v for k, v in offenders.items() if v} == {}


def ui_capability_imports() -> dict[str, set[str]]:
    """For each folder under ui/ (a capability: boards, clients, hours ...), the other ui
    folders its modules import, at the top or inside a function."""
    graph: dict[str, set[str]] = {}
    for f in files_under("ui"):
        parts = f.relative_to(PACKAGE / "ui").parts
        if len(parts) < 2:
            continue  # ui's own shared modules (forms, background ...) belong to no capability
        own = parts[0]
        graph.setdefault(own, set())
        for module in imported_modules(f):
            names = module.split(".")
            if names[:2] == ["opsdesk", "ui"] and len(names) > 3 and names[2] != own:
                graph[own].add(names[2])
    return graph


def test_ui_capabilities_do_not_import_each_other_in_a_loop():
    graph = ui_capability_imports()
    loops = []

    def visit(folder: str, path: list[str]) -> None:
        for other in sorted(graph.get(folder, ())):
            if other == path[0]:
                loops.append(" -> ".join([*path, other]))
            elif other not in path and other > path[0]:  # each loop once, from its least folder
                visit(other, [*path, other])

    for folder in sorted(graph):
        visit(folder, [folder])
    assert loops == []


def test_reportlab_only_in_printing():
    offenders = {
        str(f.relative_to(PACKAGE)): sorted(
            m for m in imported_modules(f) if m.startswith("reportlab")
        )
        for f in PACKAGE.rglob("*.py")
        if "printing" not in f.relative_to(PACKAGE).parts[:1]
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_package_never_imports_developer_tools():
    """tools/ (catalogs ...) and Babel stay out of the installed application."""
    offenders = {
        str(f.relative_to(PACKAGE)): sorted(
            m for m in imported_modules(f) if m.split(".")[0] in ("tools", "babel")
        )
        for f in PACKAGE.rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


# --- plain records: what printing is handed holds no session and needs no database ----------

DATABASE = ("sqlalchemy", "alembic", "opsdesk.storage")
RECORDS = sorted(PACKAGE.glob("services/*/records.py"))


def is_records_module(name: str) -> bool:
    parts = name.split(".")
    return len(parts) == 4 and parts[:2] == ["opsdesk", "services"] and parts[3] == "records"


def test_printing_never_imports_the_database_nor_a_service():
    offenders = {
        str(f.relative_to(PACKAGE)): sorted(
            m
            for m in imported_modules(f)
            if m.startswith(DATABASE)
            or (m.startswith("opsdesk.services") and not is_records_module(m))
        )
        for f in files_under("printing")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_records_modules_are_plain():
    """Dataclasses over the standard library and the domain: no session, no ORM model, no
    service; the only ``opsdesk.services`` modules they import are other records modules."""
    assert RECORDS, "no records modules found"
    allowed = ("opsdesk.domain", "opsdesk.i18n", "opsdesk.errors")
    offenders = {}
    for path in RECORDS:
        wrong = sorted(
            m
            for m in imported_modules(path)
            if m.split(".")[0] not in sys.stdlib_module_names
            and not m.startswith(allowed)
            and not is_records_module(m)
        )
        if wrong:
            offenders[str(path.relative_to(PACKAGE))] = wrong
    assert offenders == {}


def test_importing_every_printing_module_loads_no_database():
    """In a fresh interpreter, so nothing imported by other tests hides a wrong import."""
    code = textwrap.dedent("""
        import importlib, pkgutil, sys
        import opsdesk.printing
        names = [m.name for m in pkgutil.iter_modules(opsdesk.printing.__path__,
                                                      "opsdesk.printing.")]
        for name in names:
            importlib.import_module(name)
        loaded = sorted(m for m in sys.modules
                        if m.split(".")[0] == "sqlalchemy" or m.startswith("opsdesk.storage"))
        print(len(names), loaded)
    """)
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={
            **os.environ,
            "PYTHONPATH": os.pathsep.join(
                filter(None, (str(PACKAGE.parent), os.environ.get("PYTHONPATH")))
            ),
        },
    )
    count, loaded = result.stdout.strip().split(" ", 1)
    assert int(count) >= len(files_under("printing")) - 1  # every module but __init__
    assert loaded == "[]"
