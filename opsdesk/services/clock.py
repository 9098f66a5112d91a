"""The current time, replaceable in tests and in the demo generator.

Everything in opsdesk that asks "what day is it" asks a :class:`Clock`. The application and the
command line take theirs from :func:`system_clock`: the computer's clock, or, when the test
harness sets ``OPSDESK_CLOCK`` (an ISO date and time such as ``2026-11-30T09:00``), a clock
that starts at that moment and runs on in real time. The variable is for tests only; it is not
an option a user sets (docs/testing.md). On a server office the services use
:class:`ServerClock` (:func:`office_clock`): one clock, the server's, for every workstation.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opsdesk.storage.database import Database

log = logging.getLogger("opsdesk.clock")

CLOCK_VARIABLE = "OPSDESK_CLOCK"


class Clock:
    """The computer's clock, to the second."""

    def now(self) -> datetime:
        return datetime.now().replace(microsecond=0)

    def today(self) -> date:
        return self.now().date()


class FixedClock(Clock):
    """A clock that stands still until it is moved (tests, the demo generator)."""

    def __init__(self, moment: datetime):
        self.moment = moment

    def now(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


class StartedClock(Clock):
    """A clock that reads ``start`` when made and then runs on with real time (for an app or
    a command started by the test harness on a chosen day)."""

    def __init__(self, start: datetime):
        self._start = start
        self._origin = time.monotonic()

    def now(self) -> datetime:
        elapsed = timedelta(seconds=time.monotonic() - self._origin)
        return (self._start + elapsed).replace(microsecond=0)


def system_clock() -> Clock:
    """The clock of this process: the computer's, or the test harness's ``OPSDESK_CLOCK``."""
    value = os.environ.get(CLOCK_VARIABLE)
    if not value:
        return Clock()
    try:
        return StartedClock(datetime.fromisoformat(value))
    except ValueError:
        raise SystemExit(f"{CLOCK_VARIABLE}={value!r} is not an ISO date and time") from None


class ServerClock(Clock):
    """This PC's clock corrected by how far it is from the database server's: on a server
    office every workstation stamps arrivals, calls and sessions by one clock, so a PC whose
    clock is a few minutes off neither reorders the queue nor distorts waiting times.

    ``server_utc`` reads the server's time (``Database.server_utc``). The difference is
    measured at start and again every ``RESYNC_SECONDS`` (a round trip, halved), rounded to
    the second the stamps carry, and applied to ``local``: the computer's clock, or the test
    harness's. While the server cannot be asked, the last difference stays in force.
    """

    RESYNC_SECONDS = 600

    def __init__(
        self,
        server_utc: Callable[[], datetime],
        local: Clock | None = None,
        utc_now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ):
        self._server_utc = server_utc
        self._utc_now = utc_now
        self.local = local or system_clock()
        self.offset = timedelta(0)
        self._measured_at: float | None = None

    def _measure(self) -> None:
        before = self._utc_now()
        server = self._server_utc()
        after = self._utc_now()
        seconds = (server - (before + (after - before) / 2)).total_seconds()
        self.offset = timedelta(seconds=round(seconds))
        self._measured_at = time.monotonic()
        if self.offset:
            log.info(
                "this computer's clock is %+d s from the server's; the server's is used", -seconds
            )

    def now(self) -> datetime:
        due = (
            self._measured_at is None or time.monotonic() - self._measured_at >= self.RESYNC_SECONDS
        )
        if due:
            try:
                self._measure()
            except Exception as error:  # the server is away: keep the last difference
                log.warning("the server's clock cannot be read: %s", error)
                self._measured_at = time.monotonic()
        return self.local.now() + self.offset


def office_clock(db: Database, local: Clock | None = None) -> Clock:
    """The clock of an office's services: the server's on PostgreSQL, else ``local`` (the
    computer's, or the test harness's)."""
    if db.is_sqlite:
        return local or system_clock()
    return ServerClock(db.server_utc, local)
