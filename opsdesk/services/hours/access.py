"""Who may see and change which contract and session, and loading them as records.

- the manager (``HOURS_TOTALS``) sees every contract, session rows with client *codes*, never a
  client's name nor a private note;
- a psychologist (``PSYCH_SESSIONS``) sees and records the sessions of psychology contracts
  where they are the provider, with their clients' names (their own view);
- a supervisor (``SUPERVISION_SESSIONS``) likewise for supervision contracts: participants and
  their consent, never any content (none is stored);
- a private note is read only by its author, whoever else asks;
- a psychologist reaches a client only while that client is *referred* to them
  (``referred_to``): booked by someone else — the desk or a worker — on one of their psychology
  contracts still valid today, the booking not cancelled. Booking or recording a session from
  the psychologist's side starts from those clients.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, time
from typing import Any, TypeVarTuple

from sqlalchemy import Exists, Select, exists, or_, select
from sqlalchemy.orm import Session as DbSession

from opsdesk.domain.hours import ContractKind, SessionForm, SessionState
from opsdesk.domain.ids import (
    ClientId,
    ContractId,
    SessionId,
    StaffId,
    VisitId,
    optional_id,
)
from opsdesk.domain.roles import Action
from opsdesk.errors import NotFound, PermissionDenied
from opsdesk.i18n import _
from opsdesk.services.context import Actor
from opsdesk.services.hours.records import (
    ContractRecord,
    DutyHours,
    ParticipantRecord,
    SessionClientRef,
    SessionRecord,
)
from opsdesk.storage.models import (
    Client,
    Contract,
    ContractDutyHours,
    Session,
    SessionClient,
    SessionNote,
    SessionParticipant,
    Staff,
)

Ts = TypeVarTuple("Ts")

PROVIDER_ACTION = {
    ContractKind.PSYCHOLOGY: Action.PSYCH_SESSIONS,
    ContractKind.SUPERVISION: Action.SUPERVISION_SESSIONS,
}


def is_provider(actor: Actor | None, contract: Contract) -> bool:
    """The actor provides this contract's sessions (and has the role to record them)."""
    return (
        actor is not None
        and contract.provider_staff_id == actor.id
        and actor.can(PROVIDER_ACTION[ContractKind(contract.kind)])
    )


def can_view_contract(actor: Actor | None, contract: Contract) -> bool:
    if actor is None:
        return False
    return actor.can(Action.HOURS_TOTALS) or is_provider(actor, contract)


def sees_client_names(actor: Actor | None, contract: Contract) -> bool:
    """Only the psychologist's own view shows names; everyone else sees client codes."""
    return contract.kind == ContractKind.PSYCHOLOGY.value and is_provider(actor, contract)


def referred_to(psychologist_id: int, today: date) -> Exists:
    """SQL condition on ``Client.id``: the client is referred to this psychologist now.

    A referral is a session on one of the psychologist's psychology contracts valid today,
    not cancelled, made by someone other than the psychologist (the desk books, a worker
    refers); sessions the psychologist records themselves never widen the circle. A cancelled
    booking, or a contract that has ended, ends the referral."""
    return exists().where(
        SessionClient.client_id == Client.id,
        SessionClient.session_id == Session.id,
        Session.contract_id == Contract.id,
        Contract.provider_staff_id == psychologist_id,
        Contract.kind == ContractKind.PSYCHOLOGY.value,
        Contract.valid_to >= today,
        Session.state != SessionState.CANCELLED.value,
        or_(Session.created_by_id.is_(None), Session.created_by_id != psychologist_id),
    )


def choosable_clients(actor: Actor | None, today: date) -> Exists | None:
    """The condition on ``Client.id`` bounding the clients ``actor`` may book or record a
    session with: the psychologist's referred clients; None for the desk (any client)."""
    if actor is None or actor.can(Action.PSYCH_BOOK):
        return None
    return referred_to(actor.account_id, today)


def load_contract(db: DbSession, contract_id: ContractId) -> Contract:
    contract = db.get(Contract, contract_id)
    if contract is None:
        raise NotFound(_("This contract does not exist."))
    return contract


def viewable_contract(db: DbSession, actor: Actor | None, contract_id: ContractId) -> Contract:
    contract = load_contract(db, contract_id)
    if not can_view_contract(actor, contract):
        raise PermissionDenied()
    return contract


def viewable_contract_record(
    db: DbSession, actor: Actor | None, contract_id: ContractId
) -> tuple[Contract, ContractRecord]:
    """``viewable_contract`` and its record, the duty hours read with it (one statement)."""
    duty: dict[int, list[DutyHours]] = {}
    contract: Contract | None = None
    for contract, *hours in db.execute(
        with_duty_hours(select(Contract).where(Contract.id == contract_id))
    ):
        collect_duty_hours(duty, contract.id, hours)
    if contract is None:
        raise NotFound(_("This contract does not exist."))
    if not can_view_contract(actor, contract):
        raise PermissionDenied()
    return contract, contract_records(db, [contract], duty)[0]


def provided_contract(db: DbSession, actor: Actor | None, contract_id: ContractId) -> Contract:
    """The contract, if the actor is its provider (the one who records its sessions)."""
    contract = load_contract(db, contract_id)
    if not is_provider(actor, contract):
        raise PermissionDenied(_("Only the contract's provider records its sessions."))
    return contract


def visible_contracts_query(actor: Actor) -> Select[Contract] | None:
    query = select(Contract).order_by(Contract.valid_from.desc(), Contract.number)
    if actor.can(Action.HOURS_TOTALS):
        return query
    kinds = [k.value for k, action in PROVIDER_ACTION.items() if actor.can(action)]
    if not kinds:
        return None
    return query.where(Contract.provider_staff_id == actor.id, Contract.kind.in_(kinds))


# a contract's duty hours as columns joined to it (``with_duty_hours``)
DUTY_COLUMNS = (
    ContractDutyHours.weekday,
    ContractDutyHours.start,
    ContractDutyHours.end,
    ContractDutyHours.slot_minutes,
)


def with_duty_hours(query: Select[*Ts]) -> Select[*Ts, int, time, time, int]:
    """``query`` (of contracts) with each contract's duty hours joined in the order a record
    lists them: a row per weekday's hours (a contract without any: one row, its duty columns
    None), so the contract and its hours come in one statement (bench/server_vs_file.md).
    ``collect_duty_hours`` reads them back."""
    return (
        query.add_columns(*DUTY_COLUMNS)
        .outerjoin(ContractDutyHours, ContractDutyHours.contract_id == Contract.id)
        .order_by(ContractDutyHours.weekday, ContractDutyHours.start)
    )


def collect_duty_hours(
    duty: dict[int, list[DutyHours]], contract_id: int, columns: Sequence[Any]
) -> None:
    """Adds the ``DUTY_COLUMNS`` of a row of ``with_duty_hours`` to ``duty`` (by contract)."""
    hours = duty.setdefault(contract_id, [])
    weekday, start, end, slot_minutes = columns
    if weekday is not None:  # else a contract without duty hours
        hours.append(DutyHours(weekday, start, end, slot_minutes))


def contract_records(
    db: DbSession,
    contracts: Iterable[Contract],
    duty: dict[int, list[DutyHours]] | None = None,
) -> list[ContractRecord]:
    """Records of ``contracts``; ``duty``: their duty hours when already read
    (``with_duty_hours``), else read here."""
    contracts = list(contracts)
    ids = [c.id for c in contracts]
    if duty is None:
        duty = {i: [] for i in ids}
        if ids:
            rows = db.scalars(
                select(ContractDutyHours)
                .where(ContractDutyHours.contract_id.in_(ids))
                .order_by(ContractDutyHours.weekday, ContractDutyHours.start)
            )
            for row in rows:
                duty[row.contract_id].append(
                    DutyHours(row.weekday, row.start, row.end, row.slot_minutes)
                )
    return [
        ContractRecord(
            id=ContractId(c.id),
            kind=ContractKind(c.kind),
            number=c.number,
            provider_staff_id=optional_id(StaffId, c.provider_staff_id),
            provider_name=c.provider_name,
            provider_company=c.provider_company,
            monthly_minutes=c.monthly_minutes,
            project_minutes=c.project_minutes,
            pro_rata_first_month=c.pro_rata_first_month,
            valid_from=c.valid_from,
            valid_to=c.valid_to,
            project_name=c.project_name,
            project_number=c.project_number,
            duty_hours=tuple(duty.get(c.id, ())),
            carry_over=c.carry_over,
            project_role=c.project_role,
            engagement_form=c.engagement_form,
            hourly_rate_grosze=c.hourly_rate_grosze,
        )
        for c in contracts
    ]


def session_records(
    db: DbSession,
    actor: Actor | None,
    contracts: dict[int, Contract],
    sessions: Iterable[Session],
    *,
    with_note: bool = False,
) -> list[SessionRecord]:
    """Records of ``sessions`` as ``actor`` may see them (names only in the own view, the
    note's text only for its author and only with ``with_note``)."""
    sessions = list(sessions)
    ids = [s.id for s in sessions]
    clients: dict[int, list[SessionClientRef]] = {i: [] for i in ids}
    participants: dict[int, list[ParticipantRecord]] = {i: [] for i in ids}
    notes: dict[int, str] = {}
    approvers: dict[int, str] = {}
    if ids:
        names_for = {s.id for s in sessions if sees_client_names(actor, contracts[s.contract_id])}
        for session_id, client_id, code, first, last in db.execute(
            select(
                SessionClient.session_id,
                Client.id,
                Client.code,
                Client.first_name,
                Client.last_name,
            )
            .join(Client, Client.id == SessionClient.client_id)
            .where(SessionClient.session_id.in_(ids))
            .order_by(Client.code)
        ):
            name = f"{first} {last}".strip() if session_id in names_for else ""
            clients[session_id].append(SessionClientRef(ClientId(client_id), code, name))
        for session_id, staff_id, full_name, consent in db.execute(
            select(
                SessionParticipant.session_id, Staff.id, Staff.full_name, SessionParticipant.consent
            )
            .join(Staff, Staff.id == SessionParticipant.staff_id)
            .where(SessionParticipant.session_id.in_(ids))
            .order_by(Staff.full_name)
        ):
            participants[session_id].append(
                ParticipantRecord(StaffId(staff_id), full_name, consent)
            )
        if actor is not None:
            notes = dict(
                db.execute(
                    select(SessionNote.session_id, SessionNote.text).where(
                        SessionNote.session_id.in_(ids), SessionNote.author_id == actor.id
                    )
                ).all()
            )
        approver_ids = {s.over_budget_approved_by_id for s in sessions} - {None}
        if approver_ids:
            approvers = dict(
                db.execute(
                    select(Staff.id, Staff.full_name).where(Staff.id.in_(approver_ids))
                ).all()
            )
    return [
        SessionRecord(
            id=SessionId(s.id),
            contract_id=ContractId(s.contract_id),
            contract_number=contracts[s.contract_id].number,
            kind=ContractKind(contracts[s.contract_id].kind),
            day=s.day,
            start=s.start,
            minutes=s.minutes,
            form=SessionForm(s.form),
            state=SessionState(s.state),
            clients=tuple(clients[s.id]),
            participants=tuple(participants[s.id]),
            over_budget_approved_by=(
                ""
                if s.over_budget_approved_by_id is None
                else approvers.get(s.over_budget_approved_by_id, "")
            ),
            over_budget_reason=s.over_budget_reason,
            booked_from_visit_id=optional_id(VisitId, s.booked_from_visit_id),
            note=notes.get(s.id) if with_note else None,
            has_own_note=s.id in notes,
            task_done=s.task_done,
            project_task=s.project_task,
        )
        for s in sessions
    ]
