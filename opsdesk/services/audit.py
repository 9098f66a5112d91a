"""The audit trail: who saw or changed what, when. Entries are only ever added."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Connection, Insert, Integer, bindparam, func, insert, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from opsdesk.domain.numbers import is_whole
from opsdesk.domain.roles import Action
from opsdesk.errors import ValidationError
from opsdesk.i18n import _
from opsdesk.services.context import Service, ServiceContext
from opsdesk.storage.models import AuditEntry, AuditShown
from opsdesk.storage.server_transaction import at_commit
from opsdesk.storage.stored_text import without_unstorable


def record(
    session: Session,
    ctx: ServiceContext,
    action: str,
    entity: str,
    entity_id: int | None = None,
    detail: str = "",
) -> None:
    """Add an audit entry inside the caller's transaction (never the content of notes): on a
    server it goes with the COMMIT (``storage.server_transaction.at_commit``: nothing waits
    for it, and if the action fails it is not written)."""
    entry = _entry(ctx, action, entity, entity_id, detail)
    # inline: not asking for the new id back (RETURNING), which would wait for the answer
    at_commit(session, lambda connection: connection.execute(insert(AuditEntry).inline(), entry))


def _entry(
    ctx: ServiceContext, action: str, entity: str, entity_id: int | None, detail: str
) -> dict[str, object]:
    """The columns of an audit entry made now by ``ctx``'s person."""
    actor = ctx.actor
    return {
        "at": ctx.clock.now(),
        "actor_id": actor.id if actor else None,
        "actor_login": actor.login if actor else "",
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "detail": without_unstorable(detail)[:500],
    }


def shown(
    ctx: ServiceContext, entity: str, screen: str, asked: str, ids: Iterable[int | None]
) -> None:
    """Record that a list of personal data was shown: one entry (action "list") naming the
    screen, what was asked and how many ``entity`` records were shown, and which ones
    (``audit_shown``). Written behind the read (``storage.write_behind``): the person does not
    wait for it; whoever reads the audit waits for it first (``written``)."""
    shown_ids = list(dict.fromkeys(i for i in ids if i is not None))
    entry = _entry(ctx, LIST, entity, None, f"{screen}: {asked} ({len(shown_ids)})")

    def write(connection: Connection) -> None:  # Core statements: no ORM work per list
        key = connection.execute(insert(AuditEntry).values(entry)).inserted_primary_key
        assert key is not None, "an INSERT of one row gives its primary key"
        if not shown_ids:
            return
        if connection.dialect.name == "postgresql":
            connection.execute(_SHOWN_FROM_ARRAY, {"entry": key[0], "ids": shown_ids})
        else:  # SQLite's driver runs the rows of an executemany in C
            connection.execute(
                insert(AuditShown), [{"entry_id": key[0], "entity_id": i} for i in shown_ids]
            )

    ctx.db.behind.submit(write)


# A board page's 100 ids in one array parameter: SQLAlchemy renders an executemany's rows
# into one INSERT in Python (as a list on the server is written, the next call waits for
# the interpreter); the server unnests the array instead (bench/server_vs_file.md).
_SHOWN_FROM_ARRAY: Insert = insert(AuditShown).from_select(
    ["entry_id", "entity_id"],
    select(
        bindparam("entry", type_=Integer),
        func.unnest(bindparam("ids", type_=ARRAY(Integer))),
    ),
)


def written(ctx: ServiceContext) -> None:
    """Wait until every list entry written behind is in the audit (before reading it); a
    database that takes no write for so long (a server restarting) does not hold the reader
    for ever: what is still queued then is logged by the writer and follows later."""
    ctx.db.behind.finish(WRITTEN_WITHIN_SECONDS)


WRITTEN_WITHIN_SECONDS = 30.0


LIST = "list"

# Entries that record looking, not changing.
NOT_CHANGES = ("read", "print", "export", LIST)


def last_change(session: Session, entities: tuple[str, ...]) -> int:
    """The newest entry recording a change to one of ``entities``. Every change is audited in
    its own transaction, so a screen that saw a smaller number is out of date."""
    return (
        session.scalar(
            select(func.max(AuditEntry.id)).where(
                AuditEntry.entity.in_(entities), AuditEntry.action.not_in(NOT_CHANGES)
            )
        )
        or 0
    )


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    actor_login: str
    action: str
    entity: str
    entity_id: int | None
    detail: str


MAX_ROWS = 100_000


def _fits_id(value: object) -> bool:
    return is_whole(value) and -(2**63) <= value < 2**63


class AuditService(Service):
    def entries(
        self,
        *,
        since: date | None = None,
        until: date | None = None,
        actor_login: str | None = None,
        entity: str | None = None,
        entity_id: int | None = None,
        action: str | None = None,
        limit: int = 1000,
    ) -> list[AuditRow]:
        self.ctx.require(Action.AUDIT_VIEW)
        if not is_whole(limit) or not 1 <= limit <= MAX_ROWS:
            raise ValidationError.single(
                "limit", _("Show between 1 and {n} entries.").format(n=MAX_ROWS)
            )
        if entity_id is not None and not _fits_id(entity_id):
            return []  # no record has such an id
        query = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        if since:
            query = query.where(AuditEntry.at >= datetime.combine(since, datetime.min.time()))
        if until and until < date.max:
            end = datetime.combine(until + timedelta(days=1), datetime.min.time())
            query = query.where(AuditEntry.at < end)
        if actor_login:
            query = query.where(AuditEntry.actor_login == actor_login)
        if entity:
            query = query.where(AuditEntry.entity == entity)
        if entity_id is not None:
            query = query.where(AuditEntry.entity_id == entity_id)
        if action:
            query = query.where(AuditEntry.action == action)
        written(self.ctx)
        with self.db.reading() as session:
            return [
                AuditRow(e.id, e.at, e.actor_login, e.action, e.entity, e.entity_id, e.detail)
                for e in session.scalars(query.limit(limit))
            ]
