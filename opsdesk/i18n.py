"""Translation of every user-visible string through gettext (no Qt needed).

Source strings are English; catalogs live in ``resources/translations/<lang>/LC_MESSAGES``,
one ``.po`` per area of the application (``core.po``, ``reception.po`` ...), compiled together
into one ``opsdesk.mo`` by every build (``tools/catalog_compiler.py``, outside the package; not
committed). Polish is the default language.

Use ``_("text")`` at the moment a string is shown. For module-level constants mark the text
with ``N_("text")`` and translate it with ``_()`` when it is displayed.
"""

from __future__ import annotations

import gettext
import logging
from pathlib import Path

from opsdesk.resources import resource

log = logging.getLogger("opsdesk.i18n")

DEFAULT_LANGUAGE = "pl"
LANGUAGES = {"pl": "Polski", "en": "English"}
COMPILED_CATALOG = "opsdesk.mo"

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"
_loaded: dict[str, gettext.NullTranslations] = {"en": _translation}  # catalogs read once


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet."""
    return message


def current_language() -> str:
    return _language


def catalog_dir(language: str) -> Path:
    return resource("translations", language, "LC_MESSAGES")


def set_language(language: str) -> None:
    """Switch every later ``_()`` call to ``language`` ("pl" or "en")."""
    global _translation, _language
    if language not in LANGUAGES:
        log.warning("unknown language %r, using %s", language, DEFAULT_LANGUAGE)
        language = DEFAULT_LANGUAGE
    if language in _loaded:
        _translation, _language = _loaded[language], language
        return
    translation: gettext.NullTranslations = gettext.NullTranslations()
    if language != "en":
        try:
            with open(catalog_dir(language) / COMPILED_CATALOG, "rb") as fh:
                translation = gettext.GNUTranslations(fh)
        except OSError as error:
            log.warning("no catalog for %s: %s", language, error)
    _translation = _loaded[language] = translation
    _language = language
