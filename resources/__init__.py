"""Data only: fonts and translation catalogs, shipped as the package ``opsdesk._resources``.

This folder is mapped onto that package by ``pyproject.toml`` (``package-dir``), so builds
carry its files inside opsdesk; ``opsdesk/resources.py`` finds them. No code belongs here.
"""
