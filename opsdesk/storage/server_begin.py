"""A write on a PostgreSQL server sends its BEGIN together with its first statement.

psycopg opens a transaction by sending ``BEGIN`` and waiting for the server's answer before
the first statement goes: a round trip of its own for every write (0.1–0.2 ms over a socket
on one machine, more over an office's network; bench/server_vs_file.md). A unit of work that
writes (``Database.transaction``) therefore runs with the driver in autocommit mode and asks
for :data:`WITH_FIRST`: its first statement is sent in one pipeline with an explicit
``BEGIN`` (psycopg's pipeline mode: both go at once and are answered at once). From there
the server holds a transaction exactly as before — the statements that follow run in it
(psycopg adds no BEGIN of its own in autocommit mode), and the commit or rollback ends it
(psycopg sends COMMIT or ROLLBACK whenever the server is in a transaction, whatever the mode).

A first statement that is a batch (``executemany``) or a server-side cursor gets its BEGIN
alone, before it, as psycopg would send it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

# the execution option of a write's connection (set by Database.transaction on a server)
WITH_FIRST = "opsdesk_begin_with_first"


def install(engine: Engine) -> None:
    """Let the writes of ``engine`` (PostgreSQL through psycopg) begin with their first
    statement."""
    import psycopg

    def beginning(cursor: Any, context: Any) -> bool:
        """Is this the first statement of a write, with no transaction on the server yet?"""
        return bool(context.execution_options.get(WITH_FIRST)) and (
            cursor.connection.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
        )

    def begin_alone(cursor: Any) -> None:
        cursor.connection.execute("BEGIN", prepare=False)

    def with_first(cursor: Any, context: Any, *statement: Any) -> bool:
        """Send ``BEGIN`` with ``statement`` (True: done), or alone before it (False)."""
        if not beginning(cursor, context):
            return False
        if isinstance(cursor, psycopg.ServerCursor):  # DECLARE … : run by SQLAlchemy
            begin_alone(cursor)
            return False
        with cursor.connection.pipeline():
            cursor.connection.execute("BEGIN", prepare=False)
            cursor.execute(*statement)
        return True

    @event.listens_for(engine, "do_execute")
    def execute(cursor: Any, statement: str, parameters: Any, context: Any) -> bool:
        return with_first(cursor, context, statement, parameters)

    @event.listens_for(engine, "do_execute_no_params")
    def execute_no_params(cursor: Any, statement: str, context: Any) -> bool:
        return with_first(cursor, context, statement)

    @event.listens_for(engine, "do_executemany")
    def executemany(cursor: Any, statement: str, parameters: Any, context: Any) -> bool:
        if beginning(cursor, context):
            begin_alone(cursor)
        return False
