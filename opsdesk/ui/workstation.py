"""This workstation's settings (``opsdesk.settings.LocalSettings``) as the screens read them.

The application installs the settings it loaded and how to save them; a screen reads
``settings()`` when it needs a value (printing tickets without a preview, the display's
options) and calls ``save()`` after changing one. Without an installed application (tests,
a screen opened alone) the defaults are used and nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable

from opsdesk.settings import LocalSettings

_settings = LocalSettings()
_save: Callable[[LocalSettings], None] | None = None


def install(settings: LocalSettings, save: Callable[[LocalSettings], None] | None) -> None:
    global _settings, _save
    _settings, _save = settings, save


def settings() -> LocalSettings:
    return _settings


def save() -> None:
    if _save is not None:
        _save(_settings)
