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
