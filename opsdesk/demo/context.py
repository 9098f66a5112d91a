"""What every demo generator shares: the dates, the random streams, the rows being written
and the ids of what was created before it."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from opsdesk.demo.rows import Rows
from opsdesk.domain.workdays import is_working_day

SEED = "opsdesk-demo-2016"
HISTORY_DAYS = 730  # two years of history before today
OFFICE_OPENS = time(7, 30)
OFFICE_CLOSES = time(15, 30)
# the moment today's queue is shown at: the current time, at the latest 15:00 (the last
# people served before closing); never later than now, so nothing is dated in the future
LATEST_SNAPSHOT = time(15, 0)


def snapshot_for(now: datetime) -> datetime:
    """The moment of today's queue picture: ``now`` (to the minute), at the latest 15:00."""
    moment = min(now.time().replace(second=0, microsecond=0), LATEST_SNAPSHOT)
    return datetime.combine(now.date(), moment)


@dataclass
class DemoClient:
    id: int
    first_name: str
    last_name: str
    sex: str
    birth_date: date
    region_id: int
    household_id: int
    relation: str
    registered_on: date
    code: str

    def age_on(self, day: date) -> int:
        years = day.year - self.birth_date.year
        return years - ((day.month, day.day) < (self.birth_date.month, self.birth_date.day))


@dataclass
class DemoContext:
    today: date
    snapshot: datetime  # today's queue is pictured at this moment
    rows: Rows
    teams: dict[str, int] = field(default_factory=dict)  # team kind -> id
    ticket_letters: dict[int, str] = field(default_factory=dict)  # team id -> letter
    statuses: dict[tuple[str, str], tuple[int, str]] = field(default_factory=dict)
    # benefit kind code -> (id, needs a decision, continuing help)
    kinds: dict[str, tuple[int, bool, bool]] = field(default_factory=dict)
    purposes: dict[str, int] = field(default_factory=dict)
    # purpose code -> the team kind reception routes it to (None: the clerk chooses)
    purpose_teams: dict[str, str | None] = field(default_factory=dict)
    staff: dict[str, int] = field(default_factory=dict)  # login -> id
    workplaces: dict[int, str] = field(default_factory=dict)  # staff id -> workplace
    staff_names: dict[int, str] = field(default_factory=dict)  # staff id -> full name
    team_names: dict[str, str] = field(default_factory=dict)  # team kind -> name
    regions: dict[int, tuple[int, int]] = field(default_factory=dict)  # id -> benefits, social
    clients: list[DemoClient] = field(default_factory=list)

    @property
    def start(self) -> date:
        return self.today - timedelta(days=HISTORY_DAYS)

    def rng(self, part: str) -> random.Random:
        """An independent random stream per part, so changing one part leaves the rest.

        The seed does not depend on the date: the same people live in the demo gmina every
        day; only their dates move with today."""
        return random.Random(f"{SEED}:{part}")

    def working_days(self, first: date, last: date) -> list[date]:
        """Working days from ``first`` to ``last``, both included."""
        days, day = [], first
        while day <= last:
            if is_working_day(day):
                days.append(day)
            day += timedelta(days=1)
        return days

    def past_working_days(self) -> list[date]:
        """Every working day of the history, before today."""
        return self.working_days(self.start, self.today - timedelta(days=1))

    def adults(self, on: date) -> list[DemoClient]:
        return [c for c in self.clients if c.registered_on <= on and c.age_on(on) >= 18]


def at(day: date, minutes_after_opening: int) -> datetime:
    """``day`` at office opening plus a number of minutes."""
    return datetime.combine(day, OFFICE_OPENS) + timedelta(minutes=minutes_after_opening)


def office_minutes() -> int:
    return (OFFICE_CLOSES.hour * 60 + OFFICE_CLOSES.minute) - (
        OFFICE_OPENS.hour * 60 + OFFICE_OPENS.minute
    )
