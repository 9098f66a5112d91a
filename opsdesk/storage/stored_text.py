"""Text no database can hold, refused before anything is written.

PostgreSQL does not accept the NUL character (U+0000) in text columns and fails with a
driver error; SQLite would store it. So that both behave alike and nothing half-saved or
unexplained reaches the user, every flush of every session of a :class:`Database` checks
the text of the records it writes and raises a ValidationError naming the fields (the
transaction is rolled back). The database installs the check on its own session factory.
"""

from __future__ import annotations

from sqlalchemy import event, inspect
from sqlalchemy.engine import Engine
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


def _holds_unstorable(value: object) -> bool:
    if isinstance(value, str):
        return UNSTORABLE in value
    if isinstance(value, dict):
        return any(_holds_unstorable(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_holds_unstorable(v) for v in value)
    return False


def _refuse_unstorable_parameters(
    _conn: object,
    _cursor: object,
    _statement: str,
    parameters: object,
    _context: object,
    _executemany: bool,
) -> None:
    if _holds_unstorable(parameters):
        raise ValidationError.single(
            "text", _("This text contains a character that cannot be saved (NUL, code 0).")
        )


def install_for_queries(engine: Engine) -> None:
    """PostgreSQL refuses a NUL in any text parameter, also of a search or a check that
    runs before anything is saved, with a raw driver error; SQLite would just find nothing.
    Every statement's parameters are checked first, so both answer with the same refusal."""
    event.listen(engine, "before_cursor_execute", _refuse_unstorable_parameters)
