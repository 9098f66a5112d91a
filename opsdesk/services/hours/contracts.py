"""Contracts of the psychologist and the supervisor: monthly budgets, validity, duty hours.

The manager creates and changes contracts (``CONTRACT_MANAGE``); providers see their own.
Several contracts may run at once and follow each other.
"""

from __future__ import annotations

import builtins
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session as DbSession

from opsdesk.domain.hours import ContractKind, duration_problem
from opsdesk.domain.ids import ContractId
from opsdesk.domain.numbers import is_whole
from opsdesk.domain.roles import Action, Role
from opsdesk.errors import NotFound, PermissionDenied, ValidationError
from opsdesk.i18n import _
from opsdesk.services import audit
from opsdesk.services.context import Service
from opsdesk.services.hours.access import (
    contract_records,
    load_contract,
    viewable_contract,
    visible_contracts_query,
)
from opsdesk.services.hours.records import ContractInput, ContractRecord, DutyHours
from opsdesk.services.office.staff import active_with_role
from opsdesk.storage.models import Contract, ContractDutyHours, Session, Staff, StaffRole

PROVIDER_ROLE = {
    ContractKind.PSYCHOLOGY: Role.PSYCHOLOGIST,
    ContractKind.SUPERVISION: Role.SUPERVISOR,
}
MAX_MONTHLY_MINUTES = 31 * 24 * 60
MAX_PROJECT_MINUTES = MAX_MONTHLY_MINUTES * 12 * 20
TEXT_LIMITS = (  # field, longest text (the columns' sizes)
    ("provider_name", 120),
    ("provider_company", 200),
    ("project_name", 300),
    ("project_number", 80),
    ("project_role", 120),
    ("engagement_form", 120),
)
MAX_RATE_GROSZE = 100_000_00  # 100 000 zł an hour


def _duty_problem(duty: DutyHours) -> str | None:
    if not is_whole(duty.weekday) or not 0 <= duty.weekday <= 6:
        return _("Choose a day of the week.")
    if duty.end <= duty.start:
        return _("Duty hours must end after they start.")
    if not is_whole(duty.slot_minutes):
        return _("Enter the duration in whole minutes.")
    if problem := duration_problem(duty.slot_minutes):
        return problem
    span = (
        datetime.combine(datetime.min, duty.end) - datetime.combine(datetime.min, duty.start)
    ).seconds // 60
    if duty.slot_minutes > span:
        return _("A slot cannot be longer than the duty hours.")
    return None


class ContractService(Service):
    def list(self) -> builtins.list[ContractRecord]:
        """Contracts the logged-in person may see (manager: all; providers: their own)."""
        actor = self.ctx.require_any(
            Action.HOURS_TOTALS, Action.PSYCH_SESSIONS, Action.SUPERVISION_SESSIONS
        )
        query = visible_contracts_query(actor)
        with self.db.reading() as session:
            return contract_records(session, session.scalars(query)) if query is not None else []

    def find(self, text: str) -> ContractRecord:
        """The contract numbered ``text`` as it is printed ("3/PS/2025"; case and spaces
        around it ignored); a plain number that is no contract's number is taken as the
        contract's id. Only contracts the person may see are found."""
        wanted = text.strip()
        contracts = self.list()
        for record in contracts:
            if record.number.strip().casefold() == wanted.casefold():
                return record
        if wanted.isdigit():
            for record in contracts:
                if record.id == int(wanted):
                    return record
        raise NotFound(
            _("There is no contract numbered \u201e{number}\u201d.").format(number=wanted)
        )

    def get(self, contract_id: ContractId) -> ContractRecord:
        with self.db.reading() as session:
            contract = viewable_contract(session, self.ctx.actor, contract_id)
            return contract_records(session, [contract])[0]

    def providers(self, kind: ContractKind) -> builtins.list[tuple[int, str]]:
        """Active accounts that may provide a contract of ``kind``: (staff id, full name)."""
        self.ctx.require(Action.CONTRACT_MANAGE)
        with self.db.reading() as session:
            return active_with_role(session, PROVIDER_ROLE[kind])

    def create(self, data: ContractInput) -> ContractRecord:
        self.ctx.require(Action.CONTRACT_MANAGE)
        with self.db.transaction() as session:
            provider_name = self._validate(session, data, None)
            contract = Contract(created_at=self.ctx.clock.now())
            self._apply(contract, data, provider_name)
            session.add(contract)
            session.flush()
            self._set_duty(session, ContractId(contract.id), data.duty_hours)
            audit.record(session, self.ctx, "create", "contract", contract.id, contract.number)
            session.flush()
            return contract_records(session, [contract])[0]

    def update(self, contract_id: ContractId, data: ContractInput) -> ContractRecord:
        self.ctx.require(Action.CONTRACT_MANAGE)
        with self.db.transaction() as session:
            contract = load_contract(session, contract_id)
            provider_name = self._validate(session, data, contract)
            self._apply(contract, data, provider_name)
            self._set_duty(session, contract_id, data.duty_hours)
            audit.record(session, self.ctx, "update", "contract", contract.id, contract.number)
            session.flush()
            return contract_records(session, [contract])[0]

    def set_duty_hours(self, contract_id: ContractId, duty_hours: tuple[DutyHours, ...]) -> None:
        """The manager or the contract's provider sets when clients can be booked."""
        actor = self.ctx.actor
        with self.db.transaction() as session:
            contract = load_contract(session, contract_id)
            own = actor is not None and contract.provider_staff_id == actor.id
            if actor is None or not (actor.can(Action.CONTRACT_MANAGE) or own):
                raise PermissionDenied()
            for duty in duty_hours:
                if problem := _duty_problem(duty):
                    raise ValidationError.single("duty_hours", problem)
            self._set_duty(session, contract_id, duty_hours)
            audit.record(session, self.ctx, "update", "contract", contract_id, "duty hours")

    # --- helpers -------------------------------------------------------------------------

    def _validate(self, session: DbSession, data: ContractInput, contract: Contract | None) -> str:
        errors: dict[str, str] = {}
        if not data.number.strip():
            errors["number"] = _("Enter the contract's number.")
        elif len(data.number.strip()) > 60:
            errors["number"] = _("The number is too long (at most 60 characters).")
        provider = session.get(Staff, data.provider_staff_id) if data.provider_staff_id else None
        role = PROVIDER_ROLE[ContractKind(data.kind)]
        if provider is None:
            errors["provider"] = _("Choose the provider's account.")
        elif not session.scalar(
            select(StaffRole.role).where(
                StaffRole.staff_id == provider.id, StaffRole.role == role.value
            )
        ):
            errors["provider"] = _("The provider's account must have the role: {role}.").format(
                role=role.label
            )
        if not is_whole(data.monthly_minutes) or data.monthly_minutes <= 0:
            errors["monthly_minutes"] = _("Enter the monthly number of hours.")
        elif data.monthly_minutes > MAX_MONTHLY_MINUTES:
            errors["monthly_minutes"] = _("A month does not have that many hours.")
        if data.project_minutes is not None and (
            not is_whole(data.project_minutes) or data.project_minutes <= 0
        ):
            errors["project_minutes"] = _(
                "The project's hours must be more than zero, or left empty."
            )
        elif data.project_minutes is not None and data.project_minutes > MAX_PROJECT_MINUTES:
            errors["project_minutes"] = _("A project does not have that many hours.")
        rate = data.hourly_rate_grosze
        if rate is not None and (not is_whole(rate) or not 0 < rate <= MAX_RATE_GROSZE):
            errors["hourly_rate"] = _(
                "The hourly rate must be more than zero and at most 100 000 zł, or left empty."
            )
        for field, limit in TEXT_LIMITS:
            if len(getattr(data, field).strip()) > limit:
                errors[field] = _("The text is too long (at most {limit} characters).").format(
                    limit=limit
                )
        if data.valid_from is None:
            errors["valid_from"] = _("Enter the date the contract starts.")
        if data.valid_to is None:
            errors["valid_to"] = _("Enter the date the contract ends.")
        elif data.valid_from is not None and data.valid_to < data.valid_from:
            errors["valid_to"] = _("The contract cannot end before it starts.")
        for duty in data.duty_hours:
            if problem := _duty_problem(duty):
                errors["duty_hours"] = problem
                break
        if contract is not None and not errors:
            errors.update(self._sessions_outside(session, contract, data))
        if errors:
            raise ValidationError(errors)
        assert provider is not None  # else an error above
        return data.provider_name.strip() or provider.full_name

    @staticmethod
    def _sessions_outside(
        session: DbSession, contract: Contract, data: ContractInput
    ) -> dict[str, str]:
        outside = session.scalar(
            select(func.count(Session.id)).where(
                Session.contract_id == contract.id,
                Session.state.in_(("booked", "held")),
                (Session.day < data.valid_from) | (Session.day > data.valid_to),
            )
        )
        if outside:
            return {
                "valid_from": _(
                    "{count} sessions of this contract would fall outside its new validity."
                ).format(count=outside)
            }
        if data.kind.value != contract.kind and session.scalar(
            select(func.count(Session.id)).where(Session.contract_id == contract.id)
        ):
            return {"kind": _("The kind cannot change once sessions are recorded.")}
        return {}

    @staticmethod
    def _apply(contract: Contract, data: ContractInput, provider_name: str) -> None:
        # _validate() refused a contract without its dates
        assert data.valid_from is not None and data.valid_to is not None
        contract.kind = ContractKind(data.kind).value
        contract.number = data.number.strip()
        contract.provider_staff_id = data.provider_staff_id
        contract.provider_name = provider_name
        contract.provider_company = data.provider_company.strip()
        contract.monthly_minutes = data.monthly_minutes
        contract.project_minutes = data.project_minutes
        contract.pro_rata_first_month = data.pro_rata_first_month
        contract.valid_from = data.valid_from
        contract.valid_to = data.valid_to
        contract.project_name = data.project_name.strip()
        contract.project_number = data.project_number.strip()
        contract.carry_over = bool(data.carry_over)
        contract.project_role = data.project_role.strip()
        contract.engagement_form = data.engagement_form.strip()
        contract.hourly_rate_grosze = data.hourly_rate_grosze

    @staticmethod
    def _set_duty(
        session: DbSession, contract_id: ContractId, duty_hours: tuple[DutyHours, ...]
    ) -> None:
        session.execute(
            delete(ContractDutyHours).where(ContractDutyHours.contract_id == contract_id)
        )
        session.add_all(
            ContractDutyHours(
                contract_id=contract_id,
                weekday=d.weekday,
                start=d.start,
                end=d.end,
                slot_minutes=d.slot_minutes,
            )
            for d in duty_hours
        )
