"""The package list, which pyproject.toml cannot state as a search plus a mapped folder.

Every package found under ``opsdesk/``, plus ``opsdesk._resources``: the top-level
``resources/`` folder (fonts, translation catalogs), mapped onto that name by
``[tool.setuptools.package-dir]`` in pyproject.toml, where the rest of the configuration is.
Its subfolders are listed as (data-only) packages too, as setuptools expects of folders whose
files are package data.
"""

from setuptools import find_namespace_packages, find_packages, setup

RESOURCES = "opsdesk._resources"
resource_folders = [
    f"{RESOURCES}.{name}"
    for name in find_namespace_packages(where="resources", exclude=["*__pycache__*"])
]

setup(packages=find_packages(include=["opsdesk", "opsdesk.*"]) + [RESOURCES, *resource_folders])
