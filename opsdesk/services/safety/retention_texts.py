"""Free text written about a client, found and replaced when the client is anonymised.

Each kind of text names its table, its free-text columns and a query giving (client id, row key)
for a group of clients. Every non-empty value becomes ``ANONYMISED_TEXT``; dates, states, teams,
minutes, ticket numbers and client codes stay, so the statistics and hour sheets still add up.

What belongs to a client:
- their cases (description, outcome, notice reason), the cases' notes, history entries (reasons,
  hand-off and step notes), suspension reasons, the requests and answers of hand-offs and the
  letters printed (their titles and the values they were printed with: such a letter can no
  longer be printed again);
- their reception contacts (note, routing reason, visitor label), the contacts' free-text events
  (registration, redirect, cancellation); an unregistered contact counts as theirs when one
  of their psychologist bookings was made from it (the audit log never holds typed text);
- their room bookings' notes;
- psychologist sessions (private note, over-budget reason) once *every* client of the session
  is anonymised: a group session's note stays while another of its clients is still kept.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeAlias, cast

from sqlalchemy import ColumnElement, CursorResult, Select, Subquery, select, union, update
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.orm import Session as OrmSession

from opsdesk.domain.queue import QueueAction
from opsdesk.i18n import N_
from opsdesk.storage.database import in_chunks
from opsdesk.storage.models import (
    Case,
    CaseAppeal,
    CaseEvent,
    CaseHandoff,
    CaseLetter,
    CaseNote,
    CaseSuspension,
    Client,
    RoomBooking,
    Session,
    SessionClient,
    SessionNote,
    Visit,
    VisitEvent,
)

ANONYMISED_TEXT = "[zanonimizowano]"  # stored data, the same whatever the UI language
# visit actions whose detail is typed by a person (the others hold a place or an outcome code)
_TYPED_VISIT_ACTIONS = (
    QueueAction.REGISTER.value,
    QueueAction.REDIRECT.value,
    QueueAction.CANCEL.value,
)

_Query: TypeAlias = "Select[*tuple[Any, ...]]"
# (client id, row key, *columns) of a group of clients
_Owners: TypeAlias = Callable[[list[int]], _Query]
_Key: TypeAlias = "InstrumentedAttribute[int]"
_Text: TypeAlias = "InstrumentedAttribute[str]"


class _OwnersOf(Protocol):
    def __call__(self, key: _Key, *columns: _Text) -> _Owners: ...


def _client_visits(ids: list[int]) -> Subquery:
    """(client_id, visit_id) of the clients' own contacts and of unregistered contacts from
    which one of their psychologist bookings was made (a case is opened only from a contact
    of a registered client)."""
    return union(
        select(Visit.client_id.label("client_id"), Visit.id.label("visit_id")).where(
            Visit.client_id.in_(ids)
        ),
        select(SessionClient.client_id, Session.booked_from_visit_id)
        .join(Session, Session.id == SessionClient.session_id)
        .join(Visit, Visit.id == Session.booked_from_visit_id)
        .where(SessionClient.client_id.in_(ids), Visit.client_id.is_(None)),
    ).subquery()


def _visit_rows(visit_id: _Key, where: ColumnElement[bool] | None = None) -> _OwnersOf:
    """Owners query of a table tied to a contact through its ``visit_id`` column."""

    def owners(key: _Key, *columns: _Text) -> _Owners:
        def query(ids: list[int]) -> _Query:
            owned = _client_visits(ids)
            found = (
                select(owned.c.client_id, key, *columns)
                .select_from(key.class_)
                .join(owned, owned.c.visit_id == visit_id)
            )
            return found if where is None else found.where(where)

        return query

    return owners


def _case_rows(
    via: type[CaseNote | CaseEvent | CaseSuspension | CaseHandoff | CaseAppeal | CaseLetter]
    | None = None,
) -> _OwnersOf:
    """Owners query of the client's cases (``via``: a table tied to a case by ``case_id``)."""

    def owners(key: _Key, *columns: _Text) -> _Owners:
        def query(ids: list[int]) -> _Query:
            found = select(Case.client_id, key, *columns)
            if via is not None:
                found = found.select_from(via).join(Case, Case.id == via.case_id)
            return found.where(Case.client_id.in_(ids))

        return query

    return owners


def _session_rows(via: type[Session | SessionNote]) -> _OwnersOf:
    """Owners query of the client's sessions (``via``: Session or a table keyed by session)."""
    on = Session.id if via is Session else SessionNote.session_id

    def owners(key: _Key, *columns: _Text) -> _Owners:
        def query(ids: list[int]) -> _Query:
            return (
                select(SessionClient.client_id, key, *columns)
                .select_from(SessionClient)
                .join(via, on == SessionClient.session_id)
                .where(SessionClient.client_id.in_(ids))
            )

        return query

    return owners


def _room_rows(key: _Key, *columns: _Text) -> _Owners:
    def query(ids: list[int]) -> _Query:
        return select(RoomBooking.client_id, key, *columns).where(RoomBooking.client_id.in_(ids))

    return query


@dataclass(frozen=True)
class TextKind:
    key: str
    label: str  # N_(): shown in the preview
    model: type[Any]
    row_key: _Key  # the model's primary key column
    columns: tuple[_Text, ...]  # free-text columns
    owners: _Owners  # (client id, row key, *columns) of these clients
    per_session: bool = False  # cleared only when every client of the session is anonymised


def _kind(
    key: str,
    label: str,
    row_key: _Key,
    columns: tuple[_Text, ...],
    owners_of: _OwnersOf,
    per_session: bool = False,
) -> TextKind:
    model = cast("type[Any]", row_key.class_)  # a column of the mapped class itself, no alias
    return TextKind(key, label, model, row_key, columns, owners_of(row_key, *columns), per_session)


_TYPED_VISIT_EVENT = VisitEvent.action.in_(_TYPED_VISIT_ACTIONS)

TEXT_KINDS: tuple[TextKind, ...] = (
    _kind(
        "case",
        N_("case descriptions"),
        Case.id,
        (Case.summary, Case.outcome, Case.notice_reason),
        _case_rows(),
    ),
    _kind("case_note", N_("case notes"), CaseNote.id, (CaseNote.text,), _case_rows(CaseNote)),
    _kind(
        "case_event",
        N_("case history entries"),
        CaseEvent.id,
        (CaseEvent.reason,),
        _case_rows(CaseEvent),
    ),
    _kind(
        "case_handoff",
        N_("hand-off requests and answers"),
        CaseHandoff.id,
        (CaseHandoff.note, CaseHandoff.answer),
        _case_rows(CaseHandoff),
    ),
    _kind(
        "case_appeal",
        N_("appeal notes"),
        CaseAppeal.id,
        (CaseAppeal.note,),
        _case_rows(CaseAppeal),
    ),
    _kind(
        "case_suspension",
        N_("suspension reasons"),
        CaseSuspension.id,
        (CaseSuspension.reason,),
        _case_rows(CaseSuspension),
    ),
    _kind(
        "case_letter",
        N_("printed letters"),
        CaseLetter.id,
        (CaseLetter.title, CaseLetter.content),
        _case_rows(CaseLetter),
    ),
    _kind(
        "visit",
        N_("reception contact notes"),
        Visit.id,
        (Visit.note, Visit.routing_override_reason, Visit.visitor_label),
        _visit_rows(Visit.id),
    ),
    _kind(
        "visit_event",
        N_("reception contact history entries"),
        VisitEvent.id,
        (VisitEvent.detail,),
        _visit_rows(VisitEvent.visit_id, _TYPED_VISIT_EVENT),
    ),
    _kind(
        "room_booking", N_("room booking notes"), RoomBooking.id, (RoomBooking.note,), _room_rows
    ),
    _kind(
        "session_note",
        N_("psychologist's session notes"),
        SessionNote.session_id,
        (SessionNote.text,),
        _session_rows(SessionNote),
        per_session=True,
    ),
    _kind(
        "session",
        N_("over-budget reasons of sessions"),
        Session.id,
        (Session.over_budget_reason,),
        _session_rows(Session),
        per_session=True,
    ),
)
KIND_LABELS = {k.key: k.label for k in TEXT_KINDS}


def _has_text(value: object) -> bool:
    return bool(value) and value != ANONYMISED_TEXT


@dataclass
class TextPlan:
    """What anonymising a group of clients replaces: row keys per kind, counts per client."""

    rows: dict[str, set[int]] = field(default_factory=dict)
    counts: dict[int, Counter[str]] = field(default_factory=dict)

    def total(self) -> Counter[str]:
        return sum(self.counts.values(), Counter())


def _sessions_kept_for_others(
    session: OrmSession, session_ids: list[int], leaving: set[int]
) -> set[int]:
    """Sessions that still have a client who is neither anonymised nor in ``leaving``."""
    kept: set[int] = set()
    for chunk in in_chunks(session_ids):
        for session_id, client_id, anonymised_at in session.execute(
            select(SessionClient.session_id, Client.id, Client.anonymised_at)
            .join(Client, Client.id == SessionClient.client_id)
            .where(SessionClient.session_id.in_(chunk))
        ):
            if anonymised_at is None and client_id not in leaving:
                kept.add(session_id)
    return kept


def plan_texts(session: OrmSession, client_ids: list[int]) -> TextPlan:
    """The free text that anonymising ``client_ids`` (together) replaces; each row is counted
    once, for the first of its clients."""
    leaving = set(client_ids)
    ordered = sorted(leaving)
    plan = TextPlan(counts={i: Counter() for i in ordered})
    for kind in TEXT_KINDS:
        found: dict[int, tuple[int, int]] = {}  # row key -> (client, values with text)
        for chunk in in_chunks(ordered):
            for client_id, row_key, *values in session.execute(kind.owners(chunk)):
                filled = sum(1 for v in values if _has_text(v))
                if filled and (row_key not in found or client_id < found[row_key][0]):
                    found[row_key] = (client_id, filled)
        if kind.per_session:
            for row_key in _sessions_kept_for_others(session, list(found), leaving):
                del found[row_key]
        plan.rows[kind.key] = set(found)
        for client_id, filled in found.values():
            plan.counts[client_id][kind.key] += filled
    return plan


def replace_texts(session: OrmSession, plan: TextPlan) -> Counter[str]:
    """Replace every planned value that holds text; returns how many per kind."""
    done: Counter[str] = Counter()
    for kind in TEXT_KINDS:
        keys = sorted(plan.rows.get(kind.key, ()))
        for chunk in in_chunks(keys):
            for column in kind.columns:
                result = cast(
                    "CursorResult[*tuple[Any, ...]]",
                    session.execute(
                        update(kind.model)
                        .where(kind.row_key.in_(chunk), column != "", column != ANONYMISED_TEXT)
                        .values({column.key: ANONYMISED_TEXT})
                        .execution_options(synchronize_session=False)
                    ),
                )
                done[kind.key] += result.rowcount
    return done


def describe_counts(counts: Counter[str]) -> str:
    """ "key=n, ..." for the audit log: counts only, never content."""
    return ", ".join(f"{k.key}={counts[k.key]}" for k in TEXT_KINDS if counts[k.key])
