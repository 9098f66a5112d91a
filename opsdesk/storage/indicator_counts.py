"""The daily counts behind the indicators of the separated model (issue 20), kept exact with
every write of the desk.

A year's overview counted from the visits themselves reads every visit and every queue event
of the year (a million of each in a large office: about a minute). Instead two summary tables
hold what the overview sums:

- ``indicator_count(day, measure, key, n)``: the contacts of a day by ``channel``, ``purpose``,
  ``team`` (the queue the contact ended in), ``worker`` (who served it), ``hour`` of arrival,
  the ones finished with an outcome (``ended``) and of those ``settled`` at the first contact,
  and the survey's answers (``rating`` 1-5) — all by the day of the visit;
- ``indicator_wait(day, centiminutes, n)``: how many waits of the day's in-person visits
  lasted that many hundredths of a minute (one wait per queue: the first call less the
  registration, or ``domain.queue.timings`` for a visit redirected to another team).

They are kept by a listener on every session of :class:`storage.database.Database`
(:func:`install`, beside ``stored_text``): before a flush that adds, changes or deletes a
visit, a queue event or a survey answer, the visit's share of the counts is read from the
database as it stands; after the flush it is read again and only the difference is added
(``INSERT … ON CONFLICT DO UPDATE SET n = n + …``), in the same transaction as the write —
a rolled-back action leaves the counts as they were, and two workstations adding to the same
day never lose each other's numbers. No code of the desk has to remember them.

Rows written around the ORM (the demo's bulk load, an import, a repair by hand) are not seen:
whoever writes so calls :func:`recount` afterwards; the migration that created the tables
filled them for the data already there. :func:`recount` and :func:`stored` give the same
shape, which is what the tests compare after a mixed sequence of desk actions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import bindparam, delete, event, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, UOWTransaction, sessionmaker

from opsdesk.domain.office_model import TeamKind
from opsdesk.domain.queue import Outcome, QueueAction, Step, VisitState, timings
from opsdesk.storage.database import in_chunks
from opsdesk.storage.models import (
    IndicatorCount,
    IndicatorWait,
    Team,
    Visit,
    VisitEvent,
    VisitRating,
)

REFERRALS = frozenset(o.value for o in Outcome if o.is_referral)
FOLLOWED = (Visit, VisitEvent, VisitRating)
PENDING_KEY = "opsdesk.indicator_counts"

CountKey = tuple[date, str, str]  # (day, measure, key)
WaitKey = tuple[date, int]  # (day, centiminutes)


class Shares:
    """What some visits add to the two tables (a ``Counter`` per table)."""

    def __init__(self) -> None:
        self.counts: Counter[CountKey] = Counter()
        self.waits: Counter[WaitKey] = Counter()

    def minus(self, other: Shares) -> Shares:
        difference = Shares()
        for key in self.counts.keys() | other.counts.keys():
            if n := self.counts[key] - other.counts[key]:
                difference.counts[key] = n
        for wait_key in self.waits.keys() | other.waits.keys():
            if n := self.waits[wait_key] - other.waits[wait_key]:
                difference.waits[wait_key] = n
        return difference

    def add(self, other: Shares) -> None:
        self.counts.update(other.counts)
        self.waits.update(other.waits)

    def as_sets(self) -> tuple[dict[CountKey, int], dict[WaitKey, int]]:
        """The non-zero rows, for comparing with what is stored."""
        return (
            {k: n for k, n in self.counts.items() if n},
            {k: n for k, n in self.waits.items() if n},
        )


def _hour(moment: datetime | str) -> int:
    if isinstance(moment, str):  # a raw SQLite row
        moment = datetime.fromisoformat(moment)
    return moment.hour


def shares_of(connection: Connection, visit_ids: Iterable[int]) -> Shares:
    """The share of the counts of these visits as the database holds them now."""
    found = Shares()
    ids = sorted(set(visit_ids))
    done = VisitState.DONE.value
    for chunk in in_chunks(ids):
        rows = connection.execute(_shares_query(), {"ids": chunk}).all()
        current: Any = None
        history: list[Step] = []
        for row in rows:
            if current is None or row.id != current.id:
                if current is not None:
                    _add_visit(found, current, history, current.rating, done)
                current, history = row, []
            if row.action is not None:
                history.append(Step(row.action, row.at, row.team_id))
        if current is not None:
            _add_visit(found, current, history, current.rating, done)
    return found


@cache
def _shares_query() -> Any:
    """Each visit with its events (a row per event, or one without) and its survey answer:
    built once (the desk's every write runs it twice)."""
    return (
        select(
            Visit.id,
            Visit.day,
            Visit.channel,
            Visit.purpose_id,
            Visit.target_team_id,
            Visit.served_by_id,
            Visit.state,
            Visit.outcome,
            Visit.redirected_from_team_id,
            Visit.ticket_seq,
            Visit.arrived_at,
            Team.kind,
            VisitRating.rating,
            VisitEvent.action,
            VisitEvent.at,
            VisitEvent.team_id,
        )
        .outerjoin(Team, Team.id == Visit.target_team_id)
        .outerjoin(VisitRating, VisitRating.visit_id == Visit.id)
        .outerjoin(VisitEvent, VisitEvent.visit_id == Visit.id)
        .where(Visit.id.in_(bindparam("ids", expanding=True)))
        .order_by(Visit.id, VisitEvent.at, VisitEvent.id)
    )


def _add_visit(found: Shares, row: Any, history: list[Step], rating: int | None, done: str) -> None:
    day: date = row.day
    counts = found.counts
    counts[(day, "channel", row.channel)] += 1
    counts[(day, "purpose", _key(row.purpose_id))] += 1
    counts[(day, "team", _key(row.target_team_id))] += 1
    if row.served_by_id is not None:
        counts[(day, "worker", str(row.served_by_id))] += 1
    counts[(day, "hour", f"{_hour(row.arrived_at):02d}")] += 1
    ended = row.state == done and row.outcome is not None
    if ended:
        counts[(day, "ended", "")] += 1
        if (
            row.redirected_from_team_id is None
            and row.kind == TeamKind.FIRST_CONTACT.value
            and row.outcome not in REFERRALS
        ):
            counts[(day, "settled", "")] += 1
    if rating is not None:
        counts[(day, "rating", str(rating))] += 1
    if row.ticket_seq is None:
        return
    for minutes in waits_of(history, redirected=row.redirected_from_team_id is not None):
        found.waits[(day, round(minutes * 100))] += 1


def waits_of(history: list[Step], *, redirected: bool) -> list[float]:
    """The waits of one in-person visit in minutes, rounded to hundredths: a visit never
    redirected waited from its first registration to its first call; a redirected one once
    per queue (``domain.queue.timings``)."""
    if not redirected:
        entered = min(
            (s.at for s in history if s.action == QueueAction.REGISTER.value), default=None
        )
        called = min((s.at for s in history if s.action == QueueAction.CALL.value), default=None)
        if entered is None or called is None:
            return []
        return [round((called - entered).total_seconds() / 60.0, 2)]
    return [round(t.minutes, 2) for t in timings(history) if t.kind == "wait"]


def _key(value: int | None) -> str:
    return "" if value is None else str(value)


# --- keeping them -----------------------------------------------------------------------------


def _touched(session: Session) -> tuple[set[int], list[Visit]]:
    """Ids of the stored visits this flush changes, and the new visits (no id yet)."""
    stored: set[int] = set()
    new_visits: list[Visit] = []
    for record in (*session.new, *session.dirty, *session.deleted):
        if not isinstance(record, FOLLOWED):
            continue
        if isinstance(record, Visit):
            if record in session.new:
                new_visits.append(record)
            elif record.id is not None:
                stored.add(record.id)
        elif record.visit_id is not None:
            stored.add(record.visit_id)
    return stored, new_visits


def _before_flush(session: Session, _context: UOWTransaction, _instances: object) -> None:
    stored, new_visits = _touched(session)
    if not stored and not new_visits:
        return
    before = shares_of(session.connection(), stored) if stored else Shares()
    pending = session.info.setdefault(PENDING_KEY, [])
    pending.append((stored, new_visits, before))


def _after_flush(session: Session, _context: UOWTransaction) -> None:
    pending = session.info.pop(PENDING_KEY, None)
    if not pending:
        return
    connection = session.connection()
    for stored, new_visits, before in pending:
        ids = set(stored) | {v.id for v in new_visits if v.id is not None}
        after = shares_of(connection, ids)
        apply(connection, after.minus(before))


def apply(connection: Connection, change: Shares) -> None:
    """Add ``change`` to the stored counts (negative numbers take away)."""
    counts, waits = _upserts(connection.dialect.name)
    if change.counts:
        connection.execute(
            counts,
            [
                {"day": day, "measure": measure, "key": key, "n": n}
                for (day, measure, key), n in sorted(change.counts.items())
            ],
        )
    if change.waits:
        connection.execute(
            waits,
            [
                {"day": day, "centiminutes": c, "n": n}
                for (day, c), n in sorted(change.waits.items())
            ],
        )


@cache
def _upserts(dialect: str) -> tuple[Any, Any]:
    """``INSERT … ON CONFLICT DO UPDATE SET n = n + excluded.n`` for both tables."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert  # type: ignore[assignment]
    counts = insert(IndicatorCount)
    waits = insert(IndicatorWait)
    return (
        counts.on_conflict_do_update(
            index_elements=["day", "measure", "key"],
            set_={"n": IndicatorCount.n + counts.excluded.n},
        ),
        waits.on_conflict_do_update(
            index_elements=["day", "centiminutes"],
            set_={"n": IndicatorWait.n + waits.excluded.n},
        ),
    )


def install(sessions: sessionmaker[Session]) -> None:
    """Keep the counts with every session ``sessions`` makes."""
    event.listen(sessions, "before_flush", _before_flush)
    event.listen(sessions, "after_flush", _after_flush)


# --- recounting and comparing -----------------------------------------------------------------


def recount(connection: Connection, batch: int = 20_000) -> None:
    """Count everything again from the visits (after a bulk load, and in the migration)."""
    connection.execute(delete(IndicatorCount))
    connection.execute(delete(IndicatorWait))
    last = 0
    while True:
        ids = list(
            connection.scalars(
                select(Visit.id).where(Visit.id > last).order_by(Visit.id).limit(batch)
            )
        )
        if not ids:
            break
        apply(connection, shares_of(connection, ids))
        last = ids[-1]


def counted(connection: Connection) -> tuple[dict[CountKey, int], dict[WaitKey, int]]:
    """What a recount would store now (non-zero rows), without storing it."""
    total = Shares()
    ids = list(connection.scalars(select(Visit.id)))
    total.add(shares_of(connection, ids))
    return total.as_sets()


def stored(connection: Connection) -> tuple[dict[CountKey, int], dict[WaitKey, int]]:
    """The stored counts (non-zero rows)."""
    counts = {
        (day, measure, key): n
        for day, measure, key, n in connection.execute(
            select(IndicatorCount.day, IndicatorCount.measure, IndicatorCount.key, IndicatorCount.n)
        )
        if n
    }
    waits = {
        (day, c): n
        for day, c, n in connection.execute(
            select(IndicatorWait.day, IndicatorWait.centiminutes, IndicatorWait.n)
        )
        if n
    }
    return counts, waits
