"""The package list, which pyproject.toml cannot state as a search plus a mapped folder, and
the build step that compiles the translation catalogs.

Every package found under ``opsdesk/``, plus ``opsdesk._resources``: the top-level
``resources/`` folder (fonts, translation catalogs), mapped onto that name by
``[tool.setuptools.package-dir]`` in pyproject.toml, where the rest of the configuration is.
Its subfolders are listed as (data-only) packages too, as setuptools expects of folders whose
files are package data.

The compiled catalog ``opsdesk.mo`` is not in the repository: ``build_py`` compiles the area
``.po`` files into it (``tools/catalog_compiler.py``, with Babel from ``[build-system]
requires``) — into the wheel, or, for an editable install (``pip install -e .``, what
``.ci/setup`` does), into this checkout's ``resources/``, which an editable install reads
(``opsdesk/resources.py``).
"""

import sys
from pathlib import Path

from setuptools import find_namespace_packages, find_packages, setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))  # tools/ (setuptools' build backend does not put it on the path)

from tools.catalog_compiler import compile_catalogs  # noqa: E402

RESOURCES = "opsdesk._resources"
TRANSLATIONS = ROOT / "resources" / "translations"
resource_folders = [
    f"{RESOURCES}.{name}"
    for name in find_namespace_packages(where="resources", exclude=["*__pycache__*"])
]


class BuildWithCatalogs(build_py):
    """``build_py`` plus the compiled catalogs: in the build folder (the wheel) or, in
    editable mode, where the checkout's application reads them."""

    def run(self) -> None:
        if self.editable_mode:
            compile_catalogs(TRANSLATIONS)
        super().run()
        if not self.editable_mode:
            self._catalogs = compile_catalogs(
                TRANSLATIONS, Path(self.build_lib, *RESOURCES.split("."), "translations")
            )

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        return super().get_outputs(include_bytecode) + [
            str(path) for path in getattr(self, "_catalogs", [])
        ]


setup(
    packages=find_packages(include=["opsdesk", "opsdesk.*"]) + [RESOURCES, *resource_folders],
    cmdclass={"build_py": BuildWithCatalogs},
)
