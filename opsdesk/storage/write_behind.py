"""Writes the caller does not wait for: the audit entries of the lists a screen shows.

A board page or a search reads in ~2 ms; a durable write transaction of its own (the write
lock, the rows, the commit's sync) costs as much again. Recording that the list was shown must
not double the time a person waits for it (issue 19: within 1.2×), so the entry is handed to
one writer thread per database, which commits it a moment later (once the caller has its
list), in one transaction with whatever else is waiting (group commit).

What that costs, said plainly (docs/architecture.md, services/audit.py): the entries still
queued when the program is killed or the power fails are lost — the few milliseconds' worth
(``SETTLE_SECONDS`` and the commit) after the list was shown. A normal exit, a backup, closing
the database and everyone who reads the audit wait for the queue first (``flush``); a write
that fails (a locked file, a server that is restarting) is logged and retried until it
succeeds or the program ends.
"""

from __future__ import annotations

import atexit
import logging
import queue
import threading
import weakref
from collections.abc import Callable

from sqlalchemy import Connection

log = logging.getLogger("opsdesk.storage")

Write = Callable[[Connection], None]
Transaction = Callable[[Callable[[Connection], None]], None]

SETTLE_SECONDS = 0.05  # the caller returns and the screen draws the list first
IDLE_SECONDS = 2.0  # an idle writer ends (a test process opens hundreds of databases)
RETRY_SECONDS = (0.05, 0.2, 1.0, 5.0)  # then every 5 s
EXIT_SECONDS = 10.0  # how long a normal exit waits for the queue

_live: weakref.WeakSet[WriteBehind] = weakref.WeakSet()


class WriteBehind:
    """A queue of writes and the thread that commits them, for one database."""

    def __init__(self, transaction: Transaction):
        self._transaction = transaction  # runs one function in one committed transaction
        self._queue: queue.Queue[Write] = queue.Queue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._hurry = threading.Event()  # someone waits for the queue: no settling
        _live.add(self)

    def submit(self, write: Write) -> None:
        """Queue ``write`` (a function of a connection inside a transaction) and return."""
        with self._lock:
            self._queue.put(write)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._run, name="opsdesk-write-behind", daemon=True
                )
                self._thread.start()

    @property
    def pending(self) -> int:
        return self._queue.unfinished_tasks

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every write submitted so far is committed; False if it took longer
        than ``timeout`` seconds."""
        done = threading.Event()

        def wait() -> None:
            self._queue.join()
            done.set()

        if not self._queue.unfinished_tasks:
            return True
        self._hurry.set()
        threading.Thread(target=wait, name="opsdesk-write-behind-flush", daemon=True).start()
        return done.wait(timeout)

    def finish(self, timeout: float = EXIT_SECONDS) -> bool:
        """Commit what is queued (before reading the audit, a backup, closing the database,
        the program's end), waiting ``timeout`` seconds at most: False (and logged) if the
        database took no write meanwhile; the writer goes on trying."""
        if self.flush(timeout):
            return True
        log.error("%d audit entries not yet written after %.0f s", self.pending, timeout)
        return False

    def _run(self) -> None:
        while True:
            try:
                first = self._queue.get(timeout=IDLE_SECONDS)
            except queue.Empty:
                with self._lock:
                    if self._queue.empty():
                        self._thread = None
                        return
                continue
            # Python runs one thread at a time: committing at once would hold up the caller,
            # who still has a list to return and draw (measured: a 2 ms board page took 7)
            self._hurry.wait(SETTLE_SECONDS)
            batch = [first]
            while True:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            try:
                self._commit(batch)
            finally:
                if self._queue.unfinished_tasks == len(batch):
                    self._hurry.clear()  # nobody is left waiting
                for _ in batch:
                    self._queue.task_done()

    def _commit(self, batch: list[Write]) -> None:
        def write_all(connection: Connection) -> None:
            for write in batch:
                write(connection)

        attempt = 0
        while True:
            try:
                self._transaction(write_all)
                return
            except Exception:
                delay = RETRY_SECONDS[min(attempt, len(RETRY_SECONDS) - 1)]
                log.exception(
                    "writing %d audit entries failed (attempt %d); again in %.2f s",
                    len(batch),
                    attempt + 1,
                    delay,
                )
                attempt += 1
                threading.Event().wait(delay)


@atexit.register
def _flush_all_at_exit() -> None:
    for writer in list(_live):
        if writer.pending:
            writer.finish()
