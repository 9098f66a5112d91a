"""Text and numbers no database can hold, refused before anything is written.

PostgreSQL does not accept the NUL character (U+0000) in text columns and fails with a
driver error; SQLite would store it. Neither driver can send half of a surrogate pair on its
own (U+D800–U+DFFF, which a broken paste or a bad caller can produce: not UTF-8), nor a whole
number beyond 64 bits (SQLite's INTEGER and PostgreSQL's BIGINT). So that both behave alike
and nothing half-saved or unexplained reaches the user:

- every flush of every session of a :class:`Database` checks the records it writes and raises
  a ValidationError naming the fields (the transaction is rolled back);
- every statement's parameters are checked before they reach the driver: in a query
  (SELECT, DELETE) such a value can match no stored row, so it is sent as NULL and the query
  finds nothing — an unknown id beyond 2^63 is "not found" like any unknown id, a login or a
  search holding a NUL finds nobody on PostgreSQL as on SQLite; in a write it is refused.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, UOWTransaction, sessionmaker

from opsdesk.errors import ValidationError
from opsdesk.i18n import _

UNSTORABLE = "\x00"
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
SMALLEST, LARGEST = -(2**63), 2**63 - 1  # SQLite INTEGER, PostgreSQL BIGINT


def has_lone_surrogate(text: str) -> bool:
    return LONE_SURROGATE.search(text) is not None


def without_unstorable(text: str) -> str:
    """``text`` with NULs and lone surrogates replaced by U+FFFD (for the audit log, which
    records what was asked even when it cannot be stored as it is)."""
    return LONE_SURROGATE.sub("\ufffd", text).replace(UNSTORABLE, "\ufffd")


def _nul_message() -> str:
    return _("This text contains a character that cannot be saved (NUL, code 0).")


def _surrogate_message() -> str:
    return _("This text contains a character that cannot be saved (a broken character).")


def _number_message() -> str:
    return _("This number is too large.")


def _too_big(value: object) -> bool:
    return (
        isinstance(value, int) and not isinstance(value, bool) and not SMALLEST <= value <= LARGEST
    )


def _refuse_unstorable_text(
    session: Session, _flush_context: UOWTransaction, _instances: object
) -> None:
    errors: dict[str, str] = {}
    for record in (*session.new, *session.dirty):
        state = inspect(record)
        for attribute in state.mapper.column_attrs:
            value = state.dict.get(attribute.key)
            if isinstance(value, str) and UNSTORABLE in value:
                errors[attribute.key] = _nul_message()
            elif isinstance(value, str) and has_lone_surrogate(value):
                errors[attribute.key] = _surrogate_message()
            elif _too_big(value):
                errors[attribute.key] = _number_message()
    if errors:
        raise ValidationError(errors)


def install(sessions: sessionmaker[Session]) -> None:
    """Check every session ``sessions`` makes."""
    event.listen(sessions, "before_flush", _refuse_unstorable_text)


def _unsendable(value: object, nul: bool) -> str | None:
    """Why ``value`` cannot reach the driver (a message), or None; ``nul``: the database
    refuses a NUL in text (PostgreSQL)."""
    if isinstance(value, str):
        if nul and UNSTORABLE in value:
            return _nul_message()
        return _surrogate_message() if has_lone_surrogate(value) else None
    return _number_message() if _too_big(value) else None


def _matching_nothing(value: Any, reading: bool, nul: bool) -> Any:
    """``value`` with every unsendable part replaced by NULL (a query), or refused (a write)."""
    if isinstance(value, dict):
        return {k: _matching_nothing(v, reading, nul) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_matching_nothing(v, reading, nul) for v in value)
    if (problem := _unsendable(value, nul)) is None:
        return value
    if not reading:
        raise ValidationError.single("text" if isinstance(value, str) else "number", problem)
    return None


def _holds_unsendable(value: object, nul: bool) -> bool:
    if isinstance(value, dict):
        return any(_holds_unsendable(v, nul) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_holds_unsendable(v, nul) for v in value)
    return _unsendable(value, nul) is not None


def _check_parameters(
    conn: Any,
    _cursor: object,
    statement: str,
    parameters: Any,
    _context: object,
    _executemany: bool,
) -> tuple[str, Any]:
    nul = conn.dialect.name == "postgresql"
    if _holds_unsendable(parameters, nul):
        reading = statement.lstrip()[:6].upper() in ("SELECT", "DELETE")
        parameters = _matching_nothing(parameters, reading, nul)
    return statement, parameters


def install_for_queries(engine: Engine) -> None:
    """Check every statement's parameters first (the module's docstring): PostgreSQL refuses a
    NUL in any text parameter, also of a search or a check that runs before anything is saved,
    with a raw driver error, and neither driver sends a lone surrogate or a number beyond 64
    bits; both databases answer alike."""
    event.listen(engine, "before_cursor_execute", _check_parameters, retval=True)
