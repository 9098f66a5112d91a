"""Developer tool for the translation catalogs (needs Babel, a development dependency).

Run from the repository root (``python -m tools.catalogs ...`` works as well):

    python tools/catalogs.py missing    # source strings with no Polish translation
    python tools/catalogs.py compile    # every area's .po -> one opsdesk.mo
    python tools/catalogs.py check      # exit 1 if anything is missing, fuzzy or stale
    python tools/catalogs.py add AREA [PATH ...]
        # append missing strings found under PATH (e.g. opsdesk/ui/reception), untranslated,
        # to AREA.po

Strings are extracted from this checkout's ``opsdesk/`` with Babel (keywords ``_``, ``N_``,
``ngettext``). Each area keeps its own ``<area>.po`` in this checkout's
``resources/translations/<lang>/LC_MESSAGES``; a string needs a translation in any one of them.
They are compiled together into one ``opsdesk.mo``, which is what the application reads at
start. The tool always works on the source files of the checkout it lives in, never on an
installed copy; the application never imports it.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

REPOSITORY = Path(__file__).resolve().parent.parent
PACKAGE_DIR = REPOSITORY / "opsdesk"
TRANSLATIONS_DIR = REPOSITORY / "resources" / "translations"
COMPILED_CATALOG = "opsdesk.mo"  # the file opsdesk.i18n reads (tests/test_i18n.py checks)
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


def load_catalogs(language: str = "pl"):
    catalogs = []
    for path in po_files(language):
        with open(path, "rb") as fh:
            catalogs.append((path, read_po(fh, locale=language)))
    return catalogs


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
    if not mo_path.exists() or mo_path.read_bytes() != _compiled(_merged(catalogs, language)):
        issues.append(f"stale or missing {mo_path.name}: run python tools/catalogs.py compile")
    for msg, where in sorted(source_strings().items()):
        if msg not in translated:
            issues.append(f"missing ({where}): {msg!r}")
    return issues


def _compiled(catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def _merged(catalogs, language: str) -> Catalog:
    """All areas in one catalog (the first area's header; a message once)."""
    merged = Catalog(locale=language, project="opsdesk", charset="utf-8")
    for _path, catalog in catalogs:
        if not merged.mime_headers or len(merged) == 0:
            merged.mime_headers = catalog.mime_headers
        for message in catalog:
            if message.id and message.id not in merged:
                merged[message.id] = message
    return merged


def compile_all(language: str = "pl") -> None:
    folder = catalog_dir(language)
    (folder / COMPILED_CATALOG).write_bytes(_compiled(_merged(load_catalogs(language), language)))
    for stale in folder.glob("*.mo"):  # area catalogs compiled one by one (before 0.1.0)
        if stale.name != COMPILED_CATALOG:
            stale.unlink()


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
