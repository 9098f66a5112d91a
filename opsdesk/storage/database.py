"""Engine and sessions: SQLite with safe pragmas by default, any SQLAlchemy URL otherwise.

SQLite connections run with WAL, foreign keys, a 10 s busy timeout and ``synchronous=FULL``
(a committed record survives a power cut). Every transaction starts with ``BEGIN IMMEDIATE``
so that concurrent writers queue on the busy timeout instead of failing with "database is
locked" after a read (SQLAlchemy's documented recipe for pysqlite).
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from sqlalchemy import create_engine, event, exc, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry

from opsdesk.errors import ServerUnavailable
from opsdesk.storage import server_transaction, stored_text
from opsdesk.storage.backup import BACKUP_FOLDER
from opsdesk.storage.write_behind import WriteBehind

log = logging.getLogger("opsdesk.storage")

BUSY_TIMEOUT_MS = 10_000
BEGIN_ATTEMPTS = 4  # of BUSY_TIMEOUT_MS each, for a write transaction to start
READ_ONLY = "opsdesk_read_only"
# A server connection back in the pool for longer than this is pinged before it is handed out
# again (a restarted server's dead connections are replaced silently); one used more recently
# is not: the ping would be a round trip more for every service call of a burst
# (bench/server_vs_file.md)
PING_AFTER_IDLE_S = 1.0
_LAST_USED = "opsdesk_last_used"  # time.monotonic() of the connection's last return
_FRESH = "opsdesk_fresh"  # opened, not handed out yet
# a write's connection on a server: the driver in autocommit mode, the BEGIN sent by
# server_transaction with the first statement
_WRITE_ON_A_SERVER = {"isolation_level": "AUTOCOMMIT", server_transaction.WITH_FIRST: True}


IDS_PER_QUERY = 500  # values in one IN (…) list: well below SQLite's 32,766 parameters
T = TypeVar("T")


def in_chunks(values: list[T]) -> Iterator[list[T]]:
    """``values`` in slices of ``IDS_PER_QUERY``, one ``IN (…)`` query each."""
    for start in range(0, len(values), IDS_PER_QUERY):
        yield values[start : start + IDS_PER_QUERY]


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{Path(path).resolve()}"


def _install_sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
        # let SQLAlchemy, not the driver, decide when transactions begin
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Connection) -> None:
        if connection.get_execution_options().get(READ_ONLY):
            connection.exec_driver_sql("BEGIN")
        else:
            _begin_immediate(connection)


def _begin_immediate(connection: Connection) -> None:
    """``BEGIN IMMEDIATE``, tried again if other writers held the lock for the whole busy
    timeout. SQLite's busy handler polls without a queue, so a writer can lose every race for
    10 s while others write back to back; nothing has happened yet, so trying again is safe
    (tests/safety/test_safety_concurrency.py)."""
    cursor = connection.connection.cursor()
    try:
        for _attempt in range(BEGIN_ATTEMPTS - 1):
            try:
                cursor.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) and "busy" not in str(error):
                    raise
                log.warning(
                    "other writers held the database for %d s; waiting again",
                    BUSY_TIMEOUT_MS // 1000,
                )
    finally:
        cursor.close()
    connection.exec_driver_sql("BEGIN IMMEDIATE")  # the last try reports as before


def lost_connection(error: DBAPIError) -> bool:
    """Did ``error`` come from a connection to a PostgreSQL server that failed or was lost
    (not from a statement the server refused)?"""
    if error.connection_invalidated:
        return True
    try:
        import psycopg
    except ImportError:
        return False
    if not isinstance(error.orig, psycopg.OperationalError):
        return False
    state = getattr(error.orig, "sqlstate", None)
    # no SQLSTATE: the client's own connection failure; 08: connection exception;
    # 57P01-03: the server shut down or cannot accept connections now
    return state is None or state.startswith("08") or state in ("57P01", "57P02", "57P03")


def _refuse_writes(session: Session, _flush: object, _instances: object) -> None:
    if session.new or session.deleted or any(session.is_modified(o) for o in session.dirty):
        raise RuntimeError("a read-only unit of work (Database.reading) tried to write")


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(
            url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
        )
        _install_sqlite_pragmas(engine)
        stored_text.install_for_queries(engine)  # a lone surrogate, a number beyond 2^63
    else:
        engine = create_engine(url)
        _ping_when_idle(engine)
        if engine.dialect.name == "postgresql":
            _bind_integers_as_bigint(engine)
            if server_transaction.applies_to(engine):  # (psycopg: what opsdesk connects with)
                server_transaction.install(engine)
            stored_text.install_for_queries(engine)  # a NUL is refused, not a driver error
            # (also a lone surrogate or a number beyond 2^63)
    return engine


def _ping_when_idle(engine: Engine) -> None:
    """``pool_pre_ping`` for connections that sat idle in the pool (``PING_AFTER_IDLE_S``).

    A dead connection found by the ping makes the pool drop every connection opened before
    it and hand out a new one, as ``pool_pre_ping`` does (the server restarted: the call goes
    through). A connection used less than a second ago is handed out unchecked: if the server
    went away within that second, the call fails with ``ServerUnavailable`` and the pool is
    renewed for the next one (SQLAlchemy invalidates it on a lost connection)."""
    dialect = engine.dialect

    @event.listens_for(engine, "connect")
    def on_connect(_dbapi_connection: DBAPIConnection, record: ConnectionPoolEntry) -> None:
        record.info[_FRESH] = True  # just opened: alive

    @event.listens_for(engine, "checkin")
    def on_checkin(_dbapi_connection: DBAPIConnection | None, record: ConnectionPoolEntry) -> None:
        record.info[_LAST_USED] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def on_checkout(
        dbapi_connection: DBAPIConnection, record: ConnectionPoolEntry, _proxy: object
    ) -> None:
        if record.info.pop(_FRESH, False):
            return
        last = record.info.get(_LAST_USED)
        if last is not None and time.monotonic() - last < PING_AFTER_IDLE_S:
            return
        try:
            dialect.do_ping(dbapi_connection)
        except dialect.loaded_dbapi.Error as error:
            if dialect.is_disconnect(error, dbapi_connection, None):
                raise exc.InvalidatePoolError() from error  # reconnect, as pool_pre_ping does
            raise


def _bind_integers_as_bigint(engine: Engine) -> None:
    """Send whole numbers to PostgreSQL as BIGINT. Its INTEGER (every id column) refuses a
    number beyond 2^31 with an error, where an unknown id must simply match no row, as on
    SQLite: ``id = 2^40`` then finds nothing and a service answers "no such record"."""
    from sqlalchemy import BigInteger, Integer

    dialect = engine.dialect
    dialect.colspecs = {**dialect.colspecs, Integer: dialect.colspecs[BigInteger]}


class Database:
    """One database: the engine plus a session factory. Thread-safe; sessions are not."""

    def __init__(self, url: str):
        self.url = url
        self.engine = make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        stored_text.install(self._sessions)  # text no database can hold is refused
        # a server's write: BEGIN with the first statement, some writes with the COMMIT
        self._server_writes = server_transaction.applies_to(self.engine)
        if self._server_writes:
            server_transaction.install_on_sessions(self._sessions)
        from opsdesk.storage import indicator_counts  # (the models: not before a database)

        indicator_counts.install(self._sessions)  # the indicators' daily counts follow the desk
        self.behind = WriteBehind(self._commit_behind)  # writes nobody waits for (audit lists)
        # where this PC keeps the office's backups: "backups" next to a SQLite file; for a
        # server's database the data folder's, set by whoever opens it
        # (services.safety.opening.open_office), None until then
        sqlite_path = self.sqlite_path
        self.backup_folder: Path | None = (
            sqlite_path.parent / BACKUP_FOLDER if sqlite_path is not None else None
        )

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        if not self.is_sqlite:
            return None
        database = self.engine.url.database
        return Path(database) if database and database != ":memory:" else None

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commits at the end of the block, rolls back on any error.

        On PostgreSQL its BEGIN goes with its first statement, and the writes handed to
        ``server_transaction.at_commit`` with its COMMIT (two round trips fewer)."""
        with self._server_reachable(), self._sessions() as session, session.begin():
            if self._server_writes:
                session.connection(execution_options=_WRITE_ON_A_SERVER)
                server_transaction.defer_writes(session)
            yield session
            if self._server_writes:
                server_transaction.commit(session)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only unit of work: a plain deferred BEGIN, so it never waits for writers.

        On PostgreSQL no transaction at all: its READ COMMITTED gives each statement a
        snapshot of its own inside a transaction or not, so BEGIN and ROLLBACK would only add
        two round trips to the server to every read (bench/server_vs_file.md)."""
        with self._server_reachable(), self._sessions() as session:
            options: dict[str, object] = {READ_ONLY: True}
            if not self.is_sqlite:
                options["isolation_level"] = "AUTOCOMMIT"
                # without a transaction a write would stay: refused instead of rolled back
                event.listen(session, "before_flush", _refuse_writes)
            session.connection(execution_options=options)
            try:
                yield session
            finally:
                session.rollback()

    @contextmanager
    def _server_reachable(self) -> Iterator[None]:
        """A lost or refused connection to a PostgreSQL server becomes ``ServerUnavailable``
        (a message for the user: nothing was saved), not a driver error."""
        try:
            yield
        except DBAPIError as error:
            if not self.is_sqlite and lost_connection(error):
                log.warning("the database server cannot be reached: %s", error.orig)
                raise ServerUnavailable() from error
            raise

    def server_utc(self) -> datetime:
        """The database server's clock, as an aware UTC time (PostgreSQL only)."""
        with self.engine.connect() as connection:
            moment: datetime = connection.execute(text("SELECT clock_timestamp()")).scalar_one()
        return moment.astimezone(UTC)

    def _commit_behind(self, write: Callable[[Connection], None]) -> None:
        with self.transaction() as session:
            write(session.connection())

    def dispose(self) -> None:
        self.behind.finish()
        self.engine.dispose()
