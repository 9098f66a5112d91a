"""The longest texts the database columns hold, checked before saving: a long paste is refused
with a message next to its field instead of failing in the database (PostgreSQL) or being
stored longer than the schema allows (SQLite does not enforce VARCHAR sizes)."""

from __future__ import annotations

from typing import Any

from opsdesk.i18n import _


def add_too_long(errors: dict[str, str], checks: dict[str, tuple[str, Any]]) -> dict[str, str]:
    """Add to ``errors`` (keeping a field's earlier message) ``field: message`` for each
    ``field: (text, Model.column)`` whose text is longer than the column; returns ``errors``."""
    for field, (text, column) in checks.items():
        limit = column.type.length
        if limit and len(text) > limit:
            errors.setdefault(
                field, _("The text is too long (at most {limit} characters).").format(limit=limit)
            )
    return errors


# A search is a few words a person types; a paste of a page (a thousand words, one "word" of
# 50,000 characters) is refused clearly instead of overflowing the database's expression or
# pattern limits (SQLite: "Expression tree is too large", "LIKE pattern too complex").
SEARCH_MAX_CHARACTERS = 200
SEARCH_MAX_WORDS = 12


def check_search(text: str, field: str = "search") -> str:
    """``text`` when it fits a search; ValidationError on ``field`` otherwise."""
    from opsdesk.errors import ValidationError

    if not isinstance(text, str):
        raise ValidationError.single(field, _("Enter the text to search for."))
    if len(text) > SEARCH_MAX_CHARACTERS or len(text.split()) > SEARCH_MAX_WORDS:
        raise ValidationError.single(
            field,
            _("The search text is too long (at most {n} characters and {words} words).").format(
                n=SEARCH_MAX_CHARACTERS, words=SEARCH_MAX_WORDS
            ),
        )
    return text
