"""Names of teams, staff, purposes and clients looked up in a unit of work, and the one place
that turns visit rows into :class:`~opsdesk.services.reception.records.VisitRecord`."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from sqlalchemy import Row, Select, bindparam, inspect, literal, select, union_all
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from opsdesk.domain.ids import ClientId, StaffId, TeamId, VisitId, optional_id
from opsdesk.domain.queue import QueueAction, format_ticket
from opsdesk.i18n import _
from opsdesk.services.reception.records import VisitRecord
from opsdesk.storage.models import Client, ContactPurpose, Staff, Team, Visit, VisitEvent

# the model and the attribute of each kind of name
_NAMED: dict[str, tuple[type, str]] = {
    "team": (Team, "name"),
    "staff": (Staff, "full_name"),
    "purpose": (ContactPurpose, "name"),
}


TAKEN_NAMES = 7  # a row of Names.first_taken: the visit and the six names of _taken_names


@cache
def _taken_names() -> tuple[Any, ...]:
    """The names of a visit taken for a call (:meth:`Names.first_taken`), made once."""

    def name(column: Any, row_id: Any) -> Any:
        return select(column).where(row_id).scalar_subquery()

    return (
        name(Team.name, Team.id == Visit.target_team_id),
        name(Staff.full_name, Staff.id == Visit.target_worker_id),
        name(ContactPurpose.name, ContactPurpose.id == Visit.purpose_id),
        name(Client.last_name, Client.id == Visit.client_id),
        name(Client.first_name, Client.id == Visit.client_id),
        name(Staff.full_name, Staff.id == bindparam("caller_id")),
    )


class Names:
    """Names of teams, staff, purposes and clients, fetched once per unit of work: those the
    given visits need in one statement (:meth:`prefetch`), any other from the whole table."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._teams: dict[int, Team] | None = None
        self._staff: dict[int, str] | None = None
        self._purposes: dict[int, str] | None = None
        self._clients: dict[int, str] = {}
        # names fetched for some visits (prefetch), before any whole table is read
        self._known: dict[str, dict[int, str]] = {"team": {}, "staff": {}, "purpose": {}}

    def prefetch(self, visits: Iterable[Visit]) -> None:
        """The names ``visits`` show, in one round trip to the database (a server's round
        trip costs more than the lookups: four small statements would be four trips)."""
        wanted: dict[str, set[int | None]] = {"team": set(), "staff": set(), "purpose": set()}
        clients: set[int | None] = set()
        for visit in visits:
            wanted["team"].add(visit.target_team_id)
            wanted["staff"].update((visit.target_worker_id, visit.called_by_id))
            wanted["purpose"].add(visit.purpose_id)
            clients.add(visit.client_id)
        for kind, ids in wanted.items():
            ids.discard(None)
            self._note_loaded(kind, ids)
            ids.difference_update(self._known[kind])  # in place (``-=`` a dict's keys is not)
        clients.discard(None)
        clients -= self._clients.keys()
        parts = [
            select(literal(kind), column.id, name, literal("")).where(column.id.in_(wanted[kind]))
            for kind, column, name in (
                ("team", Team, Team.name),
                ("staff", Staff, Staff.full_name),
                ("purpose", ContactPurpose, ContactPurpose.name),
            )
            if wanted[kind]
        ]
        if clients:
            parts.append(
                select(literal("client"), Client.id, Client.last_name, Client.first_name).where(
                    Client.id.in_(clients)
                )
            )
        if not parts:
            return
        for kind, row_id, name, first_name in self.session.execute(union_all(*parts)):
            if kind == "client":
                self._clients[row_id] = f"{name} {first_name}"
            else:
                self._known[kind][row_id] = name

    def _note_loaded(self, kind: str, ids: set[int | None]) -> None:
        """Note the names of the rows this unit of work has already loaded (a registration's
        team and purpose): no statement asks for them again."""
        model, name = _NAMED[kind]
        for row_id in ids:
            loaded = self.session.identity_map.get(identity_key(model, row_id))
            if loaded is not None and name in inspect(loaded).dict:
                self._known[kind][row_id] = inspect(loaded).dict[name]

    @staticmethod
    def first_taken(head: Select[Any], *also: Any) -> Select[Any]:
        """The visit of ``head`` (a queue's first row, locked and skipped when another desk
        holds it: ``FOR UPDATE SKIP LOCKED``, on a server) taken for a call, with the names
        its record shows once the caller (parameter ``caller_id``) has called it — its team,
        purpose, the worker it was sent to, the person, the caller — in the same statement:
        a desk's "call next" is one round trip fewer. The names are looked up for that one
        row only (subqueries, not joins: PostgreSQL plans them in a fraction of the time).
        ``also``: more columns of the taken visit, after the names. Read the row with
        :meth:`taken`. The visit is locked again outside (it never waits: the row is already
        this transaction's), so that PostgreSQL returns the row as another desk may have
        committed it meanwhile, not as it stood when the statement began."""
        first = head.with_only_columns(Visit.id).subquery("first_waiting")
        return (
            select(Visit, *_taken_names(), *also)
            .join(first, first.c.id == Visit.id)
            .with_for_update(of=Visit)
        )

    def taken(self, row: Row[Any], caller_id: int | None) -> Visit:
        """The visit of a row of :meth:`first_taken`, its names noted for its record (the
        columns ``also`` asked for follow them in the row, from ``row[TAKEN_NAMES]`` on)."""
        visit: Visit
        visit, team, worker, purpose, last_name, first_name, caller = tuple(row)[:TAKEN_NAMES]
        for kind, row_id, name in (
            ("team", visit.target_team_id, team),
            ("staff", visit.target_worker_id, worker),
            ("purpose", visit.purpose_id, purpose),
            ("staff", caller_id, caller),
        ):
            if row_id is not None and name is not None:
                self._known[kind][row_id] = name
        if visit.client_id is not None and last_name is not None:
            self._clients[visit.client_id] = f"{last_name} {first_name}"
        return visit

    @property
    def teams(self) -> dict[int, Team]:
        if self._teams is None:
            self._teams = {t.id: t for t in self.session.scalars(select(Team))}
        return self._teams

    def team(self, team_id: int | None) -> str:
        if team_id is None:
            return ""
        if team_id in self._known["team"]:
            return self._known["team"][team_id]
        team = self.teams.get(team_id)
        return team.name if team else ""

    def staff(self, staff_id: int | None) -> str:
        if staff_id is None:
            return ""
        if staff_id in self._known["staff"]:
            return self._known["staff"][staff_id]
        if self._staff is None:
            self._staff = dict(self.session.execute(select(Staff.id, Staff.full_name)).all())
        return self._staff.get(staff_id, "")

    def purpose(self, purpose_id: int | None) -> str:
        if purpose_id is None:
            return ""
        if purpose_id in self._known["purpose"]:
            return self._known["purpose"][purpose_id]
        if self._purposes is None:
            self._purposes = dict(
                self.session.execute(select(ContactPurpose.id, ContactPurpose.name)).all()
            )
        return self._purposes.get(purpose_id, "")

    def load_clients(self, ids: Iterable[int | None]) -> None:
        wanted = {i for i in ids if i is not None and i not in self._clients}
        if wanted:
            for cid, last, first in self.session.execute(
                select(Client.id, Client.last_name, Client.first_name).where(Client.id.in_(wanted))
            ):
                self._clients[cid] = f"{last} {first}"

    def person(self, visit: Visit) -> str:
        if visit.client_id is not None:
            self.load_clients([visit.client_id])
            return self._clients.get(visit.client_id, "")
        return visit.visitor_label or _("Anonymous person")


def visit_record(visit: Visit, names: Names) -> VisitRecord:
    return VisitRecord(
        id=VisitId(visit.id),
        day=visit.day,
        channel=visit.channel,
        ticket=format_ticket(visit.ticket_letter, visit.ticket_seq),
        purpose_id=visit.purpose_id,
        purpose_name=names.purpose(visit.purpose_id),
        client_id=optional_id(ClientId, visit.client_id),
        person=names.person(visit),
        priority=visit.priority,
        priority_reason=visit.priority_reason,
        target_team_id=optional_id(TeamId, visit.target_team_id),
        target_team_name=names.team(visit.target_team_id),
        target_worker_id=optional_id(StaffId, visit.target_worker_id),
        target_worker_name=names.staff(visit.target_worker_id),
        routing_override_reason=visit.routing_override_reason,
        note=visit.note,
        state=visit.state,
        arrived_at=visit.arrived_at,
        called_at=visit.called_at,
        call_place=visit.call_place,
        called_by_name=names.staff(visit.called_by_id),
        started_at=visit.started_at,
        finished_at=visit.finished_at,
        outcome=visit.outcome,
        outcome_team_id=optional_id(TeamId, visit.outcome_team_id),
        redirected_from_team_id=optional_id(TeamId, visit.redirected_from_team_id),
        language=visit.language or "pl",
    )


def visit_records(visits: list[Visit], names: Names) -> list[VisitRecord]:
    names.prefetch(visits)
    return [visit_record(v, names) for v in visits]


def recall_counts(session: Session, visit_ids: Iterable[int]) -> dict[int, int]:
    """How many times each visit was called again ("call again") since its last call (a
    new call, after a hold or a move, starts the count anew); visits never recalled are
    left out."""
    ids = list(visit_ids)
    if not ids:
        return {}
    query = (
        select(VisitEvent.visit_id, VisitEvent.action)
        .where(
            VisitEvent.visit_id.in_(ids),
            VisitEvent.action.in_(
                (
                    QueueAction.CALL.value,
                    QueueAction.CALL_OUT_OF_TURN.value,
                    QueueAction.RECALL.value,
                )
            ),
        )
        .order_by(VisitEvent.visit_id, VisitEvent.at, VisitEvent.id)
    )
    counts: dict[int, int] = {}
    for visit_id, action in session.execute(query):
        counts[visit_id] = counts.get(visit_id, 0) + 1 if action == QueueAction.RECALL else 0
    return {visit_id: n for visit_id, n in counts.items() if n}
