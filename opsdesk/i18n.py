"""Translation of every user-visible string through gettext (no Qt needed).

Source strings are English; catalogs live in ``resources/translations/<lang>/LC_MESSAGES``,
one ``.po``/``.mo`` pair per area of the application (``core.po``, ``reception.po`` ...), all
loaded together. Polish is the default language.

Use ``_("text")`` at the moment a string is shown. For module-level constants mark the text
with ``N_("text")`` and translate it with ``_()`` when it is displayed.
"""

from __future__ import annotations

import gettext
import logging

from opsdesk.resources import resource

log = logging.getLogger("opsdesk.i18n")

DEFAULT_LANGUAGE = "pl"
LANGUAGES = {"pl": "Polski", "en": "English"}

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet."""
    return message


def current_language() -> str:
    return _language


def catalog_dir(language: str):
    return resource("translations", language, "LC_MESSAGES")


def set_language(language: str) -> None:
    """Switch every later ``_()`` call to ``language`` ("pl" or "en")."""
    global _translation, _language
    if language not in LANGUAGES:
        log.warning("unknown language %r, using %s", language, DEFAULT_LANGUAGE)
        language = DEFAULT_LANGUAGE
    translation: gettext.NullTranslations = gettext.NullTranslations()
    if language != "en":
        chain = None
        for mo_path in sorted(catalog_dir(language).glob("*.mo")):
            with open(mo_path, "rb") as fh:
                part = gettext.GNUTranslations(fh)
            if chain is None:
                chain = part
            else:
                chain.add_fallback(part)
        if chain is None:
            log.warning("no catalogs for %s", language)
        else:
            translation = chain
    _translation = translation
    _language = language
