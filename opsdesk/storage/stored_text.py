"""Text no database can hold, refused before anything is written.

PostgreSQL does not accept the NUL character (U+0000) in text columns and fails with a
driver error; SQLite would store it. So that both behave alike and nothing half-saved or
unexplained reaches the user, every flush of every session of a :class:`Database` checks
the text of the records it writes and raises a ValidationError naming the fields (the
transaction is rolled back). The database installs the check on its own session factory.
"""

from __future__ import annotations

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, UOWTransaction, sessionmaker

from opsdesk.errors import ValidationError
from opsdesk.i18n import _

UNSTORABLE = "\x00"


def _refuse_unstorable_text(
    session: Session, _flush_context: UOWTransaction, _instances: object
) -> None:
    errors: dict[str, str] = {}
    for record in (*session.new, *session.dirty):
        state = inspect(record)
        for attribute in state.mapper.column_attrs:
            value = state.dict.get(attribute.key)
            if isinstance(value, str) and UNSTORABLE in value:
                errors[attribute.key] = _(
                    "This text contains a character that cannot be saved (NUL, code 0)."
                )
    if errors:
        raise ValidationError(errors)


def install(sessions: sessionmaker[Session]) -> None:
    """Check every session ``sessions`` makes."""
    event.listen(sessions, "before_flush", _refuse_unstorable_text)
