"""Gap-free, duplicate-free numbers (tickets per day, file numbers per year, client codes).

One upsert ... RETURNING, in the caller's transaction: the counter row is locked until the
record using the number commits, so two workstations can never get the same number, and a
rolled-back action gives its number back. Works on SQLite >= 3.35 and PostgreSQL.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from opsdesk.storage.models import Counter

if TYPE_CHECKING:
    from sqlalchemy.dialects.postgresql import Insert as PostgresqlInsert
    from sqlalchemy.dialects.sqlite import Insert as SqliteInsert


def _insert(session: Session) -> PostgresqlInsert | SqliteInsert:
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as postgresql_insert

        return postgresql_insert(Counter)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(Counter)


def next_value(session: Session, name: str, scope: str = "") -> int:
    insert = _insert(session)
    statement = (
        insert.values(name=name, scope=scope, value=1)
        .on_conflict_do_update(
            index_elements=[Counter.name, Counter.scope],
            set_={"value": Counter.value + 1},
        )
        .returning(Counter.value)
    )
    return session.execute(statement).scalar_one()


def peek_value(session: Session, name: str, scope: str = "") -> int:
    counter = session.get(Counter, (name, scope))
    return counter.value if counter else 0
