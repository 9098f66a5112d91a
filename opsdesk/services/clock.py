"""The current time, replaceable in tests and in the demo generator.

Everything in opsdesk that asks "what day is it" asks a :class:`Clock`. The application and the
command line take theirs from :func:`system_clock`: the computer's clock, or, when the test
harness sets ``OPSDESK_CLOCK`` (an ISO date and time such as ``2026-11-30T09:00``), a clock
that starts at that moment and runs on in real time. The variable is for tests only; it is not
an option a user sets (docs/testing.md).
"""

from __future__ import annotations

import os
import time
from datetime import date, datetime, timedelta

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
