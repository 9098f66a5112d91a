"""What a printed hour sheet or supervision attendance list needs, as plain data.

``hour_sheet`` returns :class:`HourSheetSource`: office and project, contract, provider, the
month's rows (date, start, end, minutes, form label, client *codes*, never names), the
monthly budget, the project's total to date and its months. The printing layer turns it into
its own ``HourSheetData``; services never import printing.

Printing is allowed to the manager (every contract) and to providers (their own contracts),
``HOURS_PRINT``; every sheet produced is recorded in the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import select

from opsdesk.domain.hours import (
    Month,
    SessionForm,
    SessionState,
    month_budget,
    month_first_day,
    month_last_day,
    session_end,
)
from opsdesk.domain.ids import ContractId
from opsdesk.domain.roles import Action, Role
from opsdesk.services import audit
from opsdesk.services.context import Service
from opsdesk.errors import PermissionDenied
from opsdesk.services.hours.access import contract_records, is_provider, load_contract
from opsdesk.services.hours.records import ContractRecord, ParticipantRecord
from opsdesk.services.hours.session_checks import (
    held_minutes_by_month,
    refuse_month_outside,
    terms_of,
)
from opsdesk.services.office.profile import OfficeService
from opsdesk.services.periods import checked_month
from opsdesk.services.office.records import OfficeRecord
from opsdesk.storage.models import (
    Client,
    Session,
    SessionClient,
    SessionParticipant,
    Staff,
    StaffRole,
)


class ProjectOfContract:
    """The EU project a document is settled under: the contract's own, else the office's."""

    @property
    def project_name(self) -> str:
        return self.contract.project_name or self.office.project_name

    @property
    def project_number(self) -> str:
        return self.contract.project_number or self.office.project_number


@dataclass(frozen=True)
class SheetRow:
    day: date
    start: time
    end: time
    minutes: int
    form_label: str
    client_code: str  # codes joined with ", "; "" for supervision
    participants: int = 0  # supervision: how many workers took part


@dataclass(frozen=True)
class HourSheetSource(ProjectOfContract):
    office: OfficeRecord
    contract: ContractRecord
    provider_name: str
    kind_label: str
    month: Month
    rows: tuple[SheetRow, ...]
    monthly_budget_minutes: int
    month_used_minutes: int
    project_used_minutes: int  # from the contract's start to the month's end, this included
    project_budget_minutes: int | None  # the contract's project limit, if it sets one
    manager_name: str
    prepared_by: str
    generated_at: datetime



@dataclass(frozen=True)
class AttendanceSession:
    day: date
    start: time
    end: time
    minutes: int
    form_label: str
    participants: tuple[ParticipantRecord, ...]


@dataclass(frozen=True)
class AttendanceSheet:
    office: OfficeRecord
    contract: ContractRecord
    month: Month
    sessions: tuple[AttendanceSession, ...]
    manager_name: str
    prepared_by: str
    generated_at: datetime


class HoursSheetService(Service):
    def hour_sheet(self, contract_id: ContractId, month: Month) -> HourSheetSource:
        month = checked_month(month)
        now = self.ctx.clock.now()
        with self.db.transaction() as session:
            contract = self._printable(session, contract_id)
            refuse_month_outside(contract, month)
            record = contract_records(session, [contract])[0]
            sessions = self._held(session, contract_id, month)
            codes: dict[int, list[str]] = {s.id: [] for s in sessions}
            for session_id, code in session.execute(
                select(SessionClient.session_id, Client.code)
                .join(Client, Client.id == SessionClient.client_id)
                .where(SessionClient.session_id.in_(list(codes)))
                .order_by(Client.code)
            ):
                codes[session_id].append(code)
            counts = self._participant_counts(session, list(codes))
            rows = tuple(
                SheetRow(s.day, s.start, _end(s), s.minutes, SessionForm(s.form).label,
                         ", ".join(codes[s.id]), counts.get(s.id, 0))
                for s in sessions
            )
            used = held_minutes_by_month(session, contract_id)
            manager = self._manager_name(session)
            audit.record(session, self.ctx, "print", "contract", contract_id,
                         f"hour sheet {month[0]}-{month[1]:02d}")
        return HourSheetSource(
            office=OfficeService(self.ctx).profile(),
            contract=record,
            provider_name=record.provider_name,
            kind_label=record.kind_label,
            month=month,
            rows=rows,
            monthly_budget_minutes=month_budget(terms_of(contract), month),
            month_used_minutes=sum(r.minutes for r in rows),
            project_used_minutes=sum(m for key, m in used.items() if key <= month),
            project_budget_minutes=contract.project_minutes,
            manager_name=manager,
            prepared_by=self.ctx.actor.full_name,
            generated_at=now,
        )

    def attendance_sheet(self, contract_id: ContractId, month: Month) -> AttendanceSheet:
        """Supervision sessions of a month with their participants (never any content)."""
        month = checked_month(month)
        now = self.ctx.clock.now()
        with self.db.transaction() as session:
            contract = self._printable(session, contract_id)
            refuse_month_outside(contract, month)
            record = contract_records(session, [contract])[0]
            sessions = self._held(session, contract_id, month)
            people: dict[int, list[ParticipantRecord]] = {s.id: [] for s in sessions}
            for session_id, staff_id, name, consent in session.execute(
                select(SessionParticipant.session_id, Staff.id, Staff.full_name,
                       SessionParticipant.consent)
                .join(Staff, Staff.id == SessionParticipant.staff_id)
                .where(SessionParticipant.session_id.in_(list(people)))
                .order_by(Staff.full_name)
            ):
                people[session_id].append(ParticipantRecord(staff_id, name, consent))
            manager = self._manager_name(session)
            audit.record(session, self.ctx, "print", "contract", contract_id,
                         f"attendance {month[0]}-{month[1]:02d}")
        return AttendanceSheet(
            office=OfficeService(self.ctx).profile(),
            contract=record,
            month=month,
            sessions=tuple(
                AttendanceSession(s.day, s.start, _end(s), s.minutes,
                                  SessionForm(s.form).label, tuple(people[s.id]))
                for s in sessions
            ),
            manager_name=manager,
            prepared_by=self.ctx.actor.full_name,
            generated_at=now,
        )

    # --- helpers -------------------------------------------------------------------------

    def _printable(self, session, contract_id: ContractId):
        actor = self.ctx.require(Action.HOURS_PRINT)
        contract = load_contract(session, contract_id)
        if not (actor.can(Action.HOURS_TOTALS) or is_provider(actor, contract)):
            raise PermissionDenied()
        return contract

    @staticmethod
    def _held(session, contract_id: ContractId, month: Month) -> list[Session]:
        return list(session.scalars(
            select(Session).where(
                Session.contract_id == contract_id,
                Session.state == SessionState.HELD.value,
                Session.day >= month_first_day(month), Session.day <= month_last_day(month),
            ).order_by(Session.day, Session.start)
        ))

    @staticmethod
    def _participant_counts(session, ids: list[int]) -> dict[int, int]:
        counts: dict[int, int] = {}
        for session_id in session.scalars(
                select(SessionParticipant.session_id)
                .where(SessionParticipant.session_id.in_(ids))):
            counts[session_id] = counts.get(session_id, 0) + 1
        return counts

    def _manager_name(self, session) -> str:
        """The person signing as manager: the actor if a manager, else the office's manager."""
        actor = self.ctx.actor
        if actor.has(Role.MANAGER):
            return actor.full_name
        return session.scalar(
            select(Staff.full_name).join(StaffRole, StaffRole.staff_id == Staff.id)
            .where(StaffRole.role == Role.MANAGER.value, Staff.active.is_(True))
            .order_by(Staff.id).limit(1)
        ) or ""


def _end(row: Session) -> time:
    return session_end(row.day, row.start, row.minutes).time()
