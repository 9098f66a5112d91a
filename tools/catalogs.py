"""Developer tool for the translation catalogs (needs Babel, a development dependency).

Run from the repository root (``python -m tools.catalogs ...`` works as well):

    python tools/catalogs.py missing    # source strings with no Polish translation
    python tools/catalogs.py compile    # every area's .po -> one opsdesk.mo, in this checkout
    python tools/catalogs.py check      # exit 1 if anything is missing, fuzzy or stale
    python tools/catalogs.py add AREA [PATH ...]
        # append missing strings found under PATH (e.g. opsdesk/ui/reception), untranslated,
        # to AREA.po

Strings are extracted from this checkout's ``opsdesk/`` with Babel (keywords ``_``, ``N_``,
``ngettext``). Each area keeps its own ``<area>.po`` in this checkout's
``resources/translations/<lang>/LC_MESSAGES``; a string needs a translation in any one of them.
The ``.po`` files are the source, committed; they are compiled together into one
``opsdesk.mo``, which is what the application reads at start. That file is a build product,
never committed (``.gitignore``): every build compiles it with ``tools/catalog_compiler.py``
(the wheel and the editable install of ``.ci/setup`` through ``setup.py``, the Windows build
through ``installer/opsdesk.spec``), and so do the tests, into this checkout, when it is
missing or stale. ``compile`` is for running the application from a checkout right after a
``.po`` changed. The tool always works on the source files of the checkout it lives in,
never on an installed copy; the application never imports it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

if __package__:
    from tools.catalog_compiler import (
        COMPILED_CATALOG,
        compile_catalogs,
        compiled,
        merged,
        read_catalogs,
    )
else:  # run as a script (python tools/catalogs.py): this file's folder is on the path
    from catalog_compiler import (
        COMPILED_CATALOG,
        compile_catalogs,
        compiled,
        merged,
        read_catalogs,
    )

REPOSITORY = Path(__file__).resolve().parent.parent
PACKAGE_DIR = REPOSITORY / "opsdesk"
TRANSLATIONS_DIR = REPOSITORY / "resources" / "translations"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def source_strings() -> dict[str, str]:
    """Every translatable string in the package -> where it was first seen."""
    found: dict[str, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(PACKAGE_DIR), keywords=KEYWORDS, method_map=[("**.py", "python")]
    ):
        messages = message if isinstance(message, tuple) else (message,)
        for msg in messages:
            if msg:
                found.setdefault(msg, f"{filename}:{lineno}")
    return found


def catalog_dir(language: str) -> Path:
    return TRANSLATIONS_DIR / language / "LC_MESSAGES"


def po_files(language: str = "pl") -> list[Path]:
    return sorted(catalog_dir(language).glob("*.po"))


def load_catalogs(language: str = "pl") -> list[tuple[Path, Catalog]]:
    return read_catalogs(catalog_dir(language), language)


def problems(language: str = "pl") -> list[str]:
    catalogs = load_catalogs(language)
    translated: set[str] = set()
    issues: list[str] = []
    for path, catalog in catalogs:
        for message in catalog:
            if not message.id:
                continue
            key = message.id[0] if isinstance(message.id, tuple) else message.id
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if message.fuzzy:
                issues.append(f"fuzzy in {path.name}: {key!r}")
            elif all(strings):
                translated.add(key)
            else:
                issues.append(f"untranslated in {path.name}: {key!r}")
    mo_path = catalog_dir(language) / COMPILED_CATALOG
    if not mo_path.exists() or mo_path.read_bytes() != compiled(merged(catalogs, language)):
        issues.append(f"stale or missing {mo_path.name}: run python tools/catalogs.py compile")
    for msg, where in sorted(source_strings().items()):
        if msg not in translated:
            issues.append(f"missing ({where}): {msg!r}")
    return issues


def compile_all() -> list[Path]:
    """Every language's ``opsdesk.mo``, compiled into this checkout's ``resources/``."""
    return compile_catalogs(TRANSLATIONS_DIR)


def add_missing(area: str, prefixes: list[str], language: str = "pl") -> int:
    """Append source strings not yet in any catalog to ``<area>.po`` (untranslated): those
    found in files whose package-relative path starts with one of ``prefixes`` (all if none)."""
    path = catalog_dir(language) / f"{area}.po"
    if path.exists():
        with open(path, "rb") as fh:
            catalog = read_po(fh, locale=language)
    else:
        catalog = Catalog(locale=language, project="opsdesk", charset="utf-8")
    known = set()
    for _path, other in load_catalogs(language):
        known.update(m.id if isinstance(m.id, str) else m.id[0] for m in other if m.id)
    added = 0
    for msg, where in source_strings().items():
        if prefixes and not any(where.startswith(p) for p in prefixes):
            continue
        if msg not in known:
            catalog.add(msg, "")
            added += 1
    with open(path, "wb") as fh:
        write_po(fh, catalog, width=100, omit_header=False)
    return added


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "compile":
        compile_all()
        return 0
    if command == "add":
        added = add_missing(argv[1], [p.removeprefix("opsdesk/") for p in argv[2:]])
        print(f"added {added} strings to {argv[1]}.po")
        return 0
    found = problems()
    if command == "missing":
        missing = [p for p in found if p.startswith("missing")]
        print("\n".join(missing))
        return 1 if missing else 0
    print("\n".join(found) if found else "catalogs complete")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
