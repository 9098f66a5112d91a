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
database as it stands; its share after the flush is worked out from what was read and what
the flush writes (the visits' new values, their new events and answers), and only the
difference is added (``INSERT … ON CONFLICT DO UPDATE SET n = n + …``), in the same
transaction as the write — a rolled-back action leaves the counts as they were, and two
workstations adding to the same day never lose each other's numbers. No code of the desk has
to remember them. A flush whose outcome cannot be told in advance has its share read again
after it, as every flush once did: a visit or an event deleted, an event changed, a team added
or changed in the same flush, a changed value the unit of work has not loaded or that is a
SQL expression, a visit that ends at the desk in a team whose kind was not loaded. The tests
check every worked-out share against that read (``VERIFY``).

Rows written around the ORM (the demo's bulk load, an import, a repair by hand) are not seen:
whoever writes so calls :func:`recount` afterwards; the migration that created the tables
filled them for the data already there. :func:`recount` and :func:`stored` give the same
shape, which is what the tests compare after a mixed sequence of desk actions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import bindparam, delete, event, inspect, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, SessionTransaction, UOWTransaction, sessionmaker
from sqlalchemy.orm.util import identity_key
from sqlalchemy.sql import ClauseElement

from opsdesk.domain.office_model import TeamKind
from opsdesk.domain.queue import Outcome, QueueAction, Step, VisitState, timings
from opsdesk.storage import server_transaction, visit_history
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
# visits whose stored state this unit of work knows without reading it: read where they were
# locked (note_taken), or added by a flush whose share was worked out; each is used by the
# next flush that touches the visit, and all are forgotten when the transaction ends
KNOWN_KEY = "opsdesk.indicator_counts.known"

CountKey = tuple[date, str, str]  # (day, measure, key)
WaitKey = tuple[date, int]  # (day, centiminutes)

# The tests set this: every share worked out ahead of a flush is checked against the share
# read after it (an AssertionError names the visit's difference).
VERIFY = False


class Shares:
    """What some visits add to the two tables (a ``Counter`` per table)."""

    def __init__(self) -> None:
        self.counts: Counter[CountKey] = Counter()
        self.waits: Counter[WaitKey] = Counter()

    def minus(self, other: Shares) -> Shares:
        return self._combined(other, -1)

    def plus(self, other: Shares) -> Shares:
        return self._combined(other, 1)

    def _combined(self, other: Shares, sign: int) -> Shares:
        """``self`` and ``sign`` × ``other``, without the rows that come to nothing."""
        result = Shares()
        for key in self.counts.keys() | other.counts.keys():
            if n := self.counts[key] + sign * other.counts[key]:
                result.counts[key] = n
        for wait_key in self.waits.keys() | other.waits.keys():
            if n := self.waits[wait_key] + sign * other.waits[wait_key]:
                result.waits[wait_key] = n
        return result

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


# the visit's columns its share depends on (``_Visit``'s fields of the same names)
_COLUMNS = (
    "day",
    "channel",
    "purpose_id",
    "target_team_id",
    "served_by_id",
    "state",
    "outcome",
    "redirected_from_team_id",
    "ticket_seq",
    "arrived_at",
)
_UNKNOWN = object()  # a visit's team kind not known ahead of a flush (a new team)


class _NotForeseen(Exception):
    """A flush whose share cannot be worked out ahead: it is read after the flush."""


@dataclass(slots=True)
class _Visit:
    """What a visit's share of the counts depends on."""

    day: date
    channel: str
    purpose_id: int | None
    target_team_id: int | None
    served_by_id: int | None
    state: str
    outcome: str | None
    redirected_from_team_id: int | None
    ticket_seq: int | None
    arrived_at: datetime | str
    kind: Any  # the target team's kind (``_UNKNOWN`` when not known)
    rating: int | None
    history: list[Step] = field(default_factory=list)


def shares_of(connection: Connection, visit_ids: Iterable[int]) -> Shares:
    """The share of the counts of these visits as the database holds them now."""
    return _shares(_read(connection, visit_ids).values())


def _read(connection: Connection, visit_ids: Iterable[int]) -> dict[int, _Visit]:
    """These visits as the database holds them now, by id."""
    found: dict[int, _Visit] = {}
    ids = sorted(set(visit_ids))
    for chunk in in_chunks(ids):
        current: _Visit | None = None
        for row in connection.execute(_shares_query(), {"ids": chunk}).all():
            if current is None or row.id not in found:
                columns = {name: getattr(row, name) for name in _COLUMNS}
                current = found[row.id] = _Visit(**columns, kind=row.kind, rating=row.rating)
            if row.action is not None:
                current.history.append(Step(row.action, row.at, row.team_id))
    return found


def _shares(visits: Iterable[_Visit]) -> Shares:
    found = Shares()
    done = VisitState.DONE.value
    for visit in visits:
        _add_visit(found, visit, done)
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


def _add_visit(found: Shares, visit: _Visit, done: str) -> None:
    day: date = visit.day
    counts = found.counts
    counts[(day, "channel", visit.channel)] += 1
    counts[(day, "purpose", _key(visit.purpose_id))] += 1
    counts[(day, "team", _key(visit.target_team_id))] += 1
    if visit.served_by_id is not None:
        counts[(day, "worker", str(visit.served_by_id))] += 1
    counts[(day, "hour", f"{_hour(visit.arrived_at):02d}")] += 1
    ended = visit.state == done and visit.outcome is not None
    if ended:
        counts[(day, "ended", "")] += 1
        if visit.redirected_from_team_id is None and visit.outcome not in REFERRALS:
            if visit.kind is _UNKNOWN:
                raise _NotForeseen("the kind of the team a visit ended in")
            if visit.kind == TeamKind.FIRST_CONTACT.value:
                counts[(day, "settled", "")] += 1
    if visit.rating is not None:
        counts[(day, "rating", str(visit.rating))] += 1
    if visit.ticket_seq is None:
        return
    redirected = visit.redirected_from_team_id is not None
    for minutes in waits_of(visit.history, redirected=redirected):
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


def taken_columns() -> tuple[Any, ...]:
    """What a visit's share depends on besides its own columns — its team's kind, its survey
    answer, its events — for a statement that locks the visit (call next): hand them to
    :func:`note_taken`, and the next flush reads none of it again (a round trip fewer)."""
    return (
        select(Team.kind).where(Team.id == Visit.target_team_id).scalar_subquery(),
        select(VisitRating.rating).where(VisitRating.visit_id == Visit.id).scalar_subquery(),
        visit_history.visit_history(Visit.id),
    )


def note_taken(
    session: Session, visit: Visit, kind: str | None, rating: int | None, history: str | None
) -> None:
    """``visit`` as the statement that locked it has just read it, with its
    :func:`taken_columns`: the share the next flush starts from. Call it before changing the
    visit (its columns are taken as they are now); the next flush of the visit starts from
    it."""
    loaded = inspect(visit).dict
    columns = {name: loaded[name] for name in _COLUMNS}
    read = _Visit(**columns, kind=kind, rating=rating, history=visit_history.steps(history))
    session.info.setdefault(KNOWN_KEY, {})[visit.id] = read


def _before_flush(session: Session, _context: UOWTransaction, _instances: object) -> None:
    # what an earlier flush that failed left behind describes writes that never happened
    session.info.pop(PENDING_KEY, None)
    stored, new_visits = _touched(session)
    if not stored and not new_visits:
        return
    known: dict[int, _Visit] = session.info.get(KNOWN_KEY, {})
    read = {i: known.pop(i) for i in stored if i in known}  # (this flush changes them)
    if unread := stored - read.keys():
        read |= _read(session.connection(), unread)
    before = _shares(read.values())
    added: list[tuple[Visit, _Visit]] = []
    try:
        foreseen = _foreseen(session, read, stored, new_visits)
        after: Shares | None = _shares(foreseen)
        added = list(zip(new_visits, foreseen[len(foreseen) - len(new_visits) :], strict=True))
    except _NotForeseen:
        after = None  # read after the flush
    pending = session.info.setdefault(PENDING_KEY, [])
    pending.append((stored, new_visits, before, after, added))


def _after_flush(session: Session, _context: UOWTransaction) -> None:
    pending = session.info.pop(PENDING_KEY, None)
    if not pending:
        return
    connection = session.connection()
    for stored, new_visits, before, after, added in pending:
        # a visit this flush added is stored as worked out (no other transaction sees it
        # before the commit): the next flush of this unit of work starts from it
        session.info.setdefault(KNOWN_KEY, {}).update((v.id, state) for v, state in added)
        if after is None or VERIFY:
            ids = set(stored) | {v.id for v in new_visits if v.id is not None}
            found = shares_of(connection, ids)
            if after is not None:
                assert found.as_sets() == after.as_sets(), (
                    f"worked out ahead {after.minus(before).as_sets()}, "
                    f"read after the flush {found.minus(before).as_sets()}"
                )
            after = found
        change = after.minus(before)
        if change.counts or change.waits:  # (nothing read needs them before the commit)
            server_transaction.at_commit(session, CountChange(change))


def _foreseen(
    session: Session, read: dict[int, _Visit], stored: set[int], new_visits: list[Visit]
) -> list[_Visit]:
    """The touched visits as they will be after this flush: the ones read with the flush's
    changes laid over them, and the new ones (``_NotForeseen`` when that cannot be told)."""
    if stored - read.keys():
        raise _NotForeseen("a visit not stored")
    visits = {i: replace(v, history=list(v.history)) for i, v in read.items()}
    for record in session.deleted:
        if isinstance(record, FOLLOWED) and not isinstance(record, VisitRating):
            raise _NotForeseen("a visit or an event deleted")
    if any(isinstance(record, Team) for record in (*session.new, *session.dirty)):
        raise _NotForeseen("a team added or changed (its kind)")
    for record in session.dirty:
        if isinstance(record, Visit) and session.is_modified(record):
            visits[record.id] = _changed(session, visits[record.id], record)
        elif isinstance(record, VisitEvent) and session.is_modified(record):
            raise _NotForeseen("an event changed")
    added: dict[int, list[Step]] = {}
    # in the order they are inserted (their ids: the order of events of the same time)
    for record in sorted(session.new, key=lambda r: inspect(r).insert_order or 0):
        if isinstance(record, VisitEvent):
            values = _values(record, ("visit_id", "action", "at", "team_id"), new=True)
            if values["visit_id"] not in visits or values["at"] is None:
                raise _NotForeseen("an event of no known visit or time")
            step = Step(values["action"], values["at"], values["team_id"])
            added.setdefault(values["visit_id"], []).append(step)
    # an answer taken away before one given in its place
    for rating in (*session.deleted, *session.dirty, *session.new):
        if isinstance(rating, VisitRating):
            values = _values(rating, ("visit_id", "rating"), new=rating in session.new)
            if values["visit_id"] not in visits:
                raise _NotForeseen("an answer of no known visit")
            gone = rating in session.deleted
            visits[values["visit_id"]].rating = None if gone else values["rating"]
    for visit_id, steps in added.items():
        # after the stored ones of the same time: a new event's id is greater
        history = visits[visit_id].history + steps
        visits[visit_id].history = sorted(history, key=lambda step: step.at)
    new = []
    for visit in new_visits:
        values = _values(visit, _COLUMNS, new=True)
        kind = _loaded_kind(session, values["target_team_id"])
        new.append(_Visit(**values, kind=kind, rating=None))
    return [*visits.values(), *new]


def _changed(session: Session, read: _Visit, visit: Visit) -> _Visit:
    """``read`` with the columns ``visit`` changes in this flush (only those: the update
    writes no other, and the unit of work's copy of the rest may be older than the read)."""
    state = inspect(visit)
    names = [name for name in _COLUMNS if state.attrs[name].history.has_changes()]
    values = _values(visit, names, new=False)
    if "target_team_id" not in values:
        return replace(read, **values)
    kind = _loaded_kind(session, values["target_team_id"])
    return replace(read, **values, kind=kind)


def _loaded_kind(session: Session, team_id: int | None) -> Any:
    """The kind of a team this unit of work has loaded (``_UNKNOWN`` if it has not)."""
    if team_id is None:
        return None
    team = session.identity_map.get(identity_key(Team, team_id))
    return _UNKNOWN if team is None else inspect(team).dict.get("kind", _UNKNOWN)


def _values(record: Any, names: Iterable[str], *, new: bool) -> dict[str, Any]:
    """The values ``record`` will have in the database after the flush, without loading
    anything: an attribute a new record never set is stored as NULL (none of these has a
    default); one of a stored record not loaded cannot be told here."""
    state = inspect(record).dict
    values = {}
    for name in names:
        if name in state:
            values[name] = state[name]
        elif new:
            values[name] = None
        else:
            raise _NotForeseen(f"{name} not loaded")
        if isinstance(values[name], ClauseElement):
            raise _NotForeseen(f"{name} set to a SQL expression")
    return values


@dataclass(frozen=True)
class CountChange:
    """A write of :func:`apply`, kept for the COMMIT on a server: the ones of a transaction
    (one per flush) are summed there into one (``server_transaction.Summable``), so its rows
    go in one sorted batch per table — two workstations lock the rows they share in the same
    order and never wait for each other in a circle."""

    change: Shares

    def __call__(self, connection: Connection) -> None:
        apply(connection, self.change)

    def plus(self, other: CountChange) -> CountChange:
        return CountChange(self.change.plus(other.change))


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
    event.listen(sessions, "after_transaction_end", _forget_known)


def _forget_known(session: Session, transaction: SessionTransaction) -> None:
    """What a unit of work knew of its visits holds only inside its transaction (its locks,
    its uncommitted rows; a rollback undoes what it added) — and a savepoint's end may undo
    part of it. (Every flush runs in a subtransaction of its own: that one ends nothing.)"""
    if transaction.parent is None or transaction.nested:
        session.info.pop(KNOWN_KEY, None)


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
