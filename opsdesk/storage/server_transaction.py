"""A write on a PostgreSQL server: its BEGIN goes with its first statement, and the writes
nobody waits for go with its COMMIT.

What a workstation of a server office waits for is mostly round trips, not the server's work
(0.1–0.2 ms each over a socket on one machine, more over an office's network;
bench/server_vs_file.md). Two of them are saved for every write (``Database.transaction``):

- **BEGIN with the first statement.** psycopg opens a transaction by sending ``BEGIN`` and
  waiting for the answer before the first statement goes. A write instead runs with the
  driver in autocommit mode and asks for :data:`WITH_FIRST`: its first statement is sent in
  one pipeline with an explicit ``BEGIN`` (psycopg's pipeline mode: both go at once and are
  answered at once). From there the server holds a transaction exactly as before — the
  statements that follow run in it (psycopg adds no BEGIN of its own in autocommit mode), and
  the commit or rollback ends it (psycopg sends COMMIT or ROLLBACK whenever the server is in
  a transaction, whatever the mode). A first statement that is a batch (``executemany``) or
  a server-side cursor gets its BEGIN alone, before it, as psycopg would send it; so does
  every write where the driver's libpq has no pipeline mode (before PostgreSQL 14's).
- **Writes at the COMMIT.** A write whose answer nothing needs — the audit entry of an
  action, the indicators' daily counts — is handed to :func:`at_commit`; the transaction
  sends them in one pipeline with its COMMIT (:func:`commit`). They are in the same
  transaction as everything else: if one fails, nothing of the action is kept. Off a server,
  or outside ``Database.transaction``, :func:`at_commit` writes at once. The kept writes that
  add to shared rows (:class:`Summable`: the counts, one per flush) are summed into one before
  they go, so the rows go in one sorted batch: two workstations lock the rows they both add to
  in the same order, and neither waits for the other in a circle (a deadlock, which the server
  would end by refusing one of the actions).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, Self, runtime_checkable

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session, SessionTransaction, sessionmaker

# the execution option of a write's connection (set by Database.transaction on a server)
WITH_FIRST = "opsdesk_begin_with_first"
# the writes waiting for a server transaction's COMMIT (Session.info; at_commit)
AT_COMMIT = "opsdesk.at_commit"
_SAVEPOINTS = "opsdesk.at_commit.savepoints"  # a savepoint -> how many writes were kept before it
# a savepoint -> the writes kept before it but sent inside it (write_kept_now): its rollback
# takes them back on the server, so they are kept again
_SENT_INSIDE = "opsdesk.at_commit.sent_inside"


@runtime_checkable
class Summable(Protocol):
    """A write kept for the COMMIT that adds to rows: the ones of one kind in a transaction
    are sent as one, ``first.plus(second)…``, in the place of the first."""

    def __call__(self, connection: Connection) -> object: ...

    def plus(self, other: Self) -> Self: ...


def _together(
    waiting: list[Callable[[Connection], object]],
) -> list[Callable[[Connection], object]]:
    """The writes to send: each kind of :class:`Summable` summed into one. (The kept
    writes themselves are left as they are: a savepoint rolled back still finds them.)"""
    writes: list[Callable[[Connection], object]] = []
    place: dict[type, int] = {}
    for write in waiting:
        if isinstance(write, Summable):
            at = place.setdefault(type(write), len(writes))
            if at < len(writes):
                writes[at] = writes[at].plus(write)  # type: ignore[attr-defined]
                continue
        writes.append(write)
    return writes


def applies_to(engine: Engine) -> bool:
    """Does ``engine`` reach a PostgreSQL server through psycopg (this module's driver)?"""
    return engine.dialect.name == "postgresql" and engine.dialect.driver == "psycopg"


def install(engine: Engine) -> None:
    """Let the writes of ``engine`` (PostgreSQL through psycopg) begin with their first
    statement."""
    import psycopg

    pipelines = psycopg.Pipeline.is_supported()  # (libpq 14 or later: psycopg's wheels have it)

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
        if not pipelines or isinstance(cursor, psycopg.ServerCursor):  # (DECLARE …)
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


def defer_writes(session: Session) -> None:
    """From now on :func:`at_commit` keeps the writes of ``session`` for its COMMIT."""
    session.info[AT_COMMIT] = []


def install_on_sessions(sessions: sessionmaker[Session]) -> None:
    """Keep the writes waiting for the COMMIT true to what the transaction did: a savepoint
    rolled back takes back the ones kept since it began, and a commit the unit of work makes
    itself (not through :func:`commit`) sends them first."""

    @event.listens_for(sessions, "after_transaction_create")
    def savepoint_begun(session: Session, transaction: SessionTransaction) -> None:
        waiting = session.info.get(AT_COMMIT)
        if transaction.nested and waiting is not None:
            session.info.setdefault(_SAVEPOINTS, {})[transaction] = len(waiting)

    @event.listens_for(sessions, "after_soft_rollback")
    def rolled_back(session: Session, previous: SessionTransaction) -> None:
        kept = session.info.get(_SAVEPOINTS, {}).pop(previous, None)
        sent_inside = session.info.get(_SENT_INSIDE, {}).pop(previous, [])
        waiting = session.info.get(AT_COMMIT)
        if kept is not None and waiting is not None:
            del waiting[kept:]
            waiting[0:0] = sent_inside

    @event.listens_for(sessions, "before_commit")
    def committing(session: Session) -> None:
        write_kept_now(session)


def at_commit(session: Session, write: Callable[[Connection], object]) -> None:
    """Run ``write`` on the session's connection in its transaction: with the COMMIT on a
    server (see the module), at once elsewhere. Only for a write whose answer nothing needs
    and that nothing in the same unit of work reads back (or that reads it back after
    :func:`write_kept_now`)."""
    waiting: list[Callable[[Connection], object]] | None = session.info.get(AT_COMMIT)
    if waiting is None:
        write(session.connection())
    else:
        waiting.append(write)


def write_kept_now(session: Session) -> None:
    """Send now the writes kept for the COMMIT, for a unit of work about to read what they
    wrote (a report that lists its own audit entry)."""
    session.flush()
    waiting: list[Callable[[Connection], object]] = session.info.get(AT_COMMIT) or []
    if not waiting:
        return
    connection = session.connection()
    for write in _together(waiting):
        write(connection)
    # each savepoint open now: the writes kept before it went inside it (kept again if it
    # rolls back), and from here on it holds the writes kept after this
    marks = session.info.get(_SAVEPOINTS, {})
    sent_inside = session.info.setdefault(_SENT_INSIDE, {})
    for savepoint, kept in marks.items():
        sent_inside.setdefault(savepoint, []).extend(waiting[:kept])
        marks[savepoint] = 0
    waiting.clear()


def commit(session: Session) -> None:
    """Flush, then send the writes kept for the COMMIT and the COMMIT itself in one pipeline
    (one round trip). The session's own commit that follows finds the server's transaction
    ended and sends nothing. A failure comes as SQLAlchemy reports a statement's (the
    connection dropped if it was lost), and the caller's rollback ends the transaction."""
    import psycopg
    from sqlalchemy.exc import DBAPIError

    if not session.in_transaction():  # (the unit of work committed or rolled back itself)
        return
    session.flush()
    waiting = _together(session.info.pop(AT_COMMIT, None) or [])
    connection = session.connection()
    if not waiting or not psycopg.Pipeline.is_supported():
        for write in waiting:
            write(connection)
        return  # (COMMIT as the session ends)
    driver: Any = connection.connection.driver_connection
    try:
        with driver.pipeline():
            for write in waiting:  # (queued: SQLAlchemy gets no rows back from them)
                write(connection)
            # as a statement (the driver is in autocommit mode): commit() would wait for
            # its answer, then the pipeline's end for one more
            driver.execute("COMMIT", prepare=False)
    except psycopg.Error as error:
        lost = connection.dialect.is_disconnect(error, driver, None)  # type: ignore[arg-type]
        if lost:
            connection.invalidate(error)
        raise DBAPIError.instance(
            "COMMIT", None, error, psycopg.Error, connection_invalidated=lost
        ) from error
