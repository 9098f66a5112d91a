"""Checks shared by recording and booking sessions: validity, duration, forms, people, clashes,
and the budget effect. Each returns problems by field; nothing here writes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, time

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session as DbSession

from opsdesk.domain.formatting import format_date
from opsdesk.domain.hours import (
    FORMS_BY_KIND,
    OCCUPYING_STATES,
    BudgetCheck,
    ContractKind,
    ContractTerms,
    Month,
    SessionForm,
    SessionState,
    carried_in,
    check_session,
    duration_problem,
    ends_same_day,
    month_first_day,
    month_last_day,
    month_of,
    overlaps,
    people_problem,
    session_end,
    session_start,
)
from opsdesk.domain.ids import ContractId
from opsdesk.domain.numbers import is_whole
from opsdesk.domain.roles import Role
from opsdesk.errors import ValidationError
from opsdesk.i18n import _
from opsdesk.services.hours.records import ParticipantInput
from opsdesk.storage.models import Client, Contract, Session, Staff, StaffRole

NOTE_MAX = 20_000
TASK_DONE_MAX = 300
PROJECT_TASK_MAX = 120


class SessionClash(ValidationError):
    """The provider already has a session at that time; ``other_id`` names it."""

    def __init__(self, message: str, other_id: int):
        super().__init__({"start": message})
        self.other_id = other_id


def terms_of(contract: Contract) -> ContractTerms:
    return ContractTerms(
        contract.monthly_minutes,
        contract.valid_from,
        contract.valid_to,
        contract.pro_rata_first_month,
        contract.project_minutes,
        contract.carry_over,
    )


def when_problems(contract: Contract, day: date, start: time, minutes: int) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not is_whole(minutes):
        errors["minutes"] = _("Enter the duration in whole minutes.")
    elif problem := duration_problem(minutes):
        errors["minutes"] = problem
    else:
        try:
            same_day = ends_same_day(day, start, minutes)
        except OverflowError:  # the last day of the calendar
            same_day = False
        if not same_day:
            errors["minutes"] = _("A session must end on the day it starts.")
    if not contract.valid_from <= day <= contract.valid_to:
        errors["day"] = _(
            "The contract is valid from {start} to {end}; this date is outside it."
        ).format(start=format_date(contract.valid_from), end=format_date(contract.valid_to))
    return errors


def form_problem(contract: Contract, form: SessionForm) -> str | None:
    if form not in {f.value for f in FORMS_BY_KIND[ContractKind(contract.kind)]}:
        return _("This form does not belong to this kind of contract.")
    return None


def client_problems(
    db: DbSession,
    form: SessionForm,
    client_ids: Iterable[int],
    referral: ColumnElement[bool] | None = None,
) -> dict[str, str]:
    """``referral``: an SQL condition on ``Client.id`` every chosen client must meet (a
    psychologist chooses only among the clients referred to them)."""
    ids = set(client_ids)
    if problem := people_problem(form, len(ids), supervision=False):
        return {"clients": problem}
    query = select(func.count(Client.id)).where(Client.id.in_(ids), Client.anonymised_at.is_(None))
    if db.scalar(query) != len(ids):
        return {"clients": _("A chosen client does not exist in the register.")}
    if referral is not None and db.scalar(query.where(referral)) != len(ids):
        return {
            "clients": _(
                "A chosen client has not been referred to you; the desk or "
                "a worker books a client with the psychologist first."
            )
        }
    return {}


def participant_problems(
    db: DbSession, form: SessionForm, participants: Iterable[ParticipantInput]
) -> dict[str, str]:
    ids = [p.staff_id for p in participants]
    if len(set(ids)) != len(ids):
        return {"participants": _("A participant is listed twice.")}
    if problem := people_problem(form, len(ids), supervision=True):
        return {"participants": problem}
    social_workers = set(
        db.scalars(
            select(Staff.id)
            .join(StaffRole, StaffRole.staff_id == Staff.id)
            .where(
                Staff.id.in_(ids),
                Staff.active.is_(True),
                StaffRole.role.in_((Role.SOCIAL_WORKER.value, Role.SERVICES_WORKER.value)),
            )
        )
    )
    for staff_id in ids:
        if staff_id not in social_workers:
            name = db.scalar(select(Staff.full_name).where(Staff.id == staff_id))
            return {
                "participants": _(
                    "{name} is not an active social or services worker: "
                    "supervision is for them only."
                ).format(name=name or "?")
            }
    return {}


def find_clash(
    db: DbSession, contract: Contract, day: date, start: time, minutes: int, exclude_id: int | None
) -> None:
    """Raise SessionClash if the provider has another booked or held session overlapping."""
    if contract.provider_staff_id is None:
        return
    begins = session_start(day, start)
    query = (
        select(Session, Contract.number)
        .join(Contract, Contract.id == Session.contract_id)
        .where(
            Contract.provider_staff_id == contract.provider_staff_id,
            Session.day == day,
            Session.state.in_([s.value for s in OCCUPYING_STATES]),
        )
        .order_by(Session.start)
    )
    for other, number in db.execute(query):
        if other.id == exclude_id:
            continue
        if overlaps(begins, minutes, session_start(other.day, other.start), other.minutes):
            end = session_end(other.day, other.start, other.minutes)
            raise SessionClash(
                _(
                    "This time clashes with another session of the provider: {date} "
                    "{start}–{end}, {form} ({state}, contract {number})."
                ).format(
                    date=format_date(other.day),
                    start=f"{other.start:%H:%M}",
                    end=f"{end:%H:%M}",
                    form=SessionForm(other.form).label,
                    state=SessionState(other.state).label,
                    number=number,
                ),
                other.id,
            )


def held_minutes_by_month(
    db: DbSession, contract_id: ContractId, exclude_id: int | None = None
) -> dict[Month, int]:
    query = select(Session.day, Session.minutes).where(
        Session.contract_id == contract_id, Session.state == SessionState.HELD.value
    )
    if exclude_id is not None:
        query = query.where(Session.id != exclude_id)
    totals: dict[Month, int] = defaultdict(int)
    for day, minutes in db.execute(query):
        totals[(day.year, day.month)] += minutes
    return dict(totals)


def booked_minutes(db: DbSession, contract_id: ContractId, month: Month) -> int:
    return (
        db.scalar(
            select(func.coalesce(func.sum(Session.minutes), 0)).where(
                Session.contract_id == contract_id,
                Session.state == SessionState.BOOKED.value,
                Session.day >= month_first_day(month),
                Session.day <= month_last_day(month),
            )
        )
        or 0
    )


def budget_check(
    db: DbSession, contract: Contract, day: date, minutes: int, exclude_id: int | None
) -> BudgetCheck:
    """What a held session of ``minutes`` on ``day`` does to the budgets."""
    used = held_minutes_by_month(db, ContractId(contract.id), exclude_id)
    terms = terms_of(contract)
    month = month_of(day)
    return check_session(
        terms,
        day,
        minutes,
        used.get(month, 0),
        sum(used.values()),
        carried_in(terms, month, used),
    )


def task_problems(task_done: str | None, project_task: str | None) -> dict[str, str]:
    """The sheet's task texts fit their columns."""
    errors: dict[str, str] = {}
    if task_done is not None and len(task_done.strip()) > TASK_DONE_MAX:
        errors["task_done"] = _("The text is too long (at most {limit} characters).").format(
            limit=TASK_DONE_MAX
        )
    if project_task is not None and len(project_task.strip()) > PROJECT_TASK_MAX:
        errors["project_task"] = _("The text is too long (at most {limit} characters).").format(
            limit=PROJECT_TASK_MAX
        )
    return errors


def note_problem(contract: Contract, note: str | None) -> str | None:
    if note is None or note == "":
        return None
    if contract.kind != ContractKind.PSYCHOLOGY.value:
        return _("Supervision sessions have no notes: their content is never stored.")
    if len(note) > NOTE_MAX:
        return _("The note is too long (at most 20 000 characters).")
    return None


def month_outside_contract(contract: Contract, month: Month) -> str | None:
    """Why ``month`` cannot be printed or entered for ``contract`` (it lies wholly before
    the contract's start or after its end), or None."""
    if month_last_day(month) >= contract.valid_from and month_first_day(month) <= contract.valid_to:
        return None
    return _(
        "Contract {number} runs from {start} to {end}; the month {month} is outside it."
    ).format(
        number=contract.number,
        start=format_date(contract.valid_from),
        end=format_date(contract.valid_to),
        month=f"{month[1]:02d}.{month[0]}",
    )


def refuse_month_outside(contract: Contract, month: Month) -> None:
    if problem := month_outside_contract(contract, month):
        raise ValidationError.single("month", problem)
