"""PostgreSQL tells every workstation when someone committed a change: ``NOTIFY`` triggers.

Each opsdesk table has a statement-level trigger ``opsdesk_change`` (after INSERT, UPDATE,
DELETE or TRUNCATE) that calls ``pg_notify('opsdesk_change', <table>)``. PostgreSQL delivers a
notice only when the transaction commits (never after a rollback) and folds identical notices
of one transaction into one. ``storage.change_probe`` listens on its own connection.

The triggers are (re)installed after every schema upgrade on PostgreSQL
(``storage.migrate.upgrade_to_head``), so a table added by a later migration gets one too;
``missing_triggers`` lets ``opsdesk check`` and the tests see that none is missing.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

from opsdesk.storage.models import Base

CHANNEL = "opsdesk_change"
TRIGGER = "opsdesk_change"
_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {TRIGGER}_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('{CHANNEL}', TG_TABLE_NAME);
    RETURN NULL;
END;
$$
"""


def _table_names() -> list[str]:
    return [table.name for table in Base.metadata.sorted_tables]


def install_triggers(connection: Connection) -> None:
    """Create the notifying function and every table's trigger (no-op off PostgreSQL)."""
    if connection.dialect.name != "postgresql":
        return
    connection.execute(text(_FUNCTION))
    quote = connection.dialect.identifier_preparer.quote
    for name in _table_names():
        # DROP + CREATE rather than CREATE OR REPLACE TRIGGER, which needs PostgreSQL 14
        connection.execute(text(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {quote(name)}"))
        connection.execute(
            text(
                f"CREATE TRIGGER {TRIGGER} "
                f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {quote(name)} "
                f"FOR EACH STATEMENT EXECUTE PROCEDURE {TRIGGER}_notify()"
            )
        )


def missing_triggers(connection: Connection) -> list[str]:
    """The opsdesk tables without the notifying trigger ([] off PostgreSQL)."""
    if connection.dialect.name != "postgresql":
        return []
    present = set(
        connection.scalars(
            text(
                "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE t.tgname = :name AND NOT t.tgisinternal"
            ),
            {"name": TRIGGER},
        )
    )
    return [name for name in _table_names() if name not in present]
