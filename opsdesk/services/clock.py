"""The current time, replaceable in tests and in the demo generator."""

from __future__ import annotations

from datetime import date, datetime


class Clock:
    def now(self) -> datetime:
        return datetime.now().replace(microsecond=0)

    def today(self) -> date:
        return self.now().date()


class FixedClock(Clock):
    def __init__(self, moment: datetime):
        self.moment = moment

    def now(self) -> datetime:
        return self.moment

    def advance(self, **delta) -> None:
        from datetime import timedelta

        self.moment += timedelta(**delta)
