"""What a printed hour sheet or supervision attendance list needs, as plain data.

``hour_sheet`` returns :class:`~opsdesk.services.hours.records.HourSheet`: office and project,
contract, provider, the month's rows (date, start, end, minutes, form label, client *codes*,
never names), the monthly budget and the project's total to date; the printing layer prints
it as it is. Services never import printing.

Printing is allowed to the manager (every contract) and to providers (their own contracts),
``HOURS_PRINT``; every sheet produced is recorded in the audit log.
"""

from __future__ import annotations

from datetime import time

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from opsdesk.domain.hours import (
    Month,
    SessionForm,
    SessionState,
    carried_in,
    month_budget,
    month_first_day,
    month_last_day,
    session_end,
)
from opsdesk.domain.ids import ContractId, StaffId
from opsdesk.domain.roles import Action
from opsdesk.errors import PermissionDenied
from opsdesk.services import audit
from opsdesk.services.context import Service
from opsdesk.services.hours.access import contract_records, is_provider, load_contract
from opsdesk.services.hours.approval import approval_record, other_project_minutes
from opsdesk.services.hours.records import (
    AttendanceSession,
    AttendanceSheet,
    ContractRecord,
    HourSheet,
    MonthApprovalRecord,
    ParticipantRecord,
    SheetRow,
)
from opsdesk.services.hours.session_checks import (
    held_minutes_by_month,
    refuse_month_outside,
    terms_of,
)
from opsdesk.services.office.profile import OfficeService
from opsdesk.services.office.staff import signing_manager
from opsdesk.services.periods import checked_month
from opsdesk.storage.models import (
    Client,
    Contract,
    Session,
    SessionClient,
    SessionParticipant,
    Staff,
)


class HoursSheetService(Service):
    def hour_sheet(self, contract_id: ContractId, month: Month) -> HourSheet:
        month = checked_month(month)
        now = self.ctx.clock.now()
        with self.db.transaction() as session:
            contract, record, sessions = self._month(session, contract_id, month)
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
                SheetRow(
                    s.day,
                    s.start,
                    _end(s),
                    s.minutes,
                    SessionForm(s.form).label,
                    ", ".join(codes[s.id]),
                    counts.get(s.id, 0),
                    s.task_done,
                    s.project_task,
                    s.over_budget_approved_by_id is not None,
                )
                for s in sessions
            )
            used = held_minutes_by_month(session, contract_id)
            terms = terms_of(contract)
            other_minutes = other_project_minutes(session, contract_id, month)
            detail = f"hour sheet {month[0]}-{month[1]:02d}"
            manager, approval = self._signed(session, contract_id, month, detail)
        return HourSheet(
            office=OfficeService(self.ctx).profile(),
            contract=record,
            month=month,
            rows=rows,
            monthly_budget_minutes=month_budget(terms, month),
            project_used_minutes=sum(m for key, m in used.items() if key <= month),
            project_budget_minutes=contract.project_minutes,
            manager_name=manager,
            prepared_by=self.ctx.require_actor().full_name,
            generated_at=now,
            approval=approval,
            carried_minutes=carried_in(terms, month, used),
            other_project_minutes=other_minutes,
        )

    def attendance_sheet(self, contract_id: ContractId, month: Month) -> AttendanceSheet:
        """Supervision sessions of a month with their participants (never any content)."""
        month = checked_month(month)
        now = self.ctx.clock.now()
        with self.db.transaction() as session:
            _contract, record, sessions = self._month(session, contract_id, month)
            people: dict[int, list[ParticipantRecord]] = {s.id: [] for s in sessions}
            for session_id, staff_id, name, consent in session.execute(
                select(
                    SessionParticipant.session_id,
                    Staff.id,
                    Staff.full_name,
                    SessionParticipant.consent,
                )
                .join(Staff, Staff.id == SessionParticipant.staff_id)
                .where(SessionParticipant.session_id.in_(list(people)))
                .order_by(Staff.full_name)
            ):
                people[session_id].append(ParticipantRecord(StaffId(staff_id), name, consent))
            detail = f"attendance {month[0]}-{month[1]:02d}"
            manager, approval = self._signed(session, contract_id, month, detail)
        return AttendanceSheet(
            office=OfficeService(self.ctx).profile(),
            contract=record,
            month=month,
            sessions=tuple(
                AttendanceSession(
                    s.day,
                    s.start,
                    _end(s),
                    s.minutes,
                    SessionForm(s.form).label,
                    tuple(people[s.id]),
                )
                for s in sessions
            ),
            manager_name=manager,
            prepared_by=self.ctx.require_actor().full_name,
            generated_at=now,
            approval=approval,
        )

    # --- helpers -------------------------------------------------------------------------

    def _month(
        self, session: DbSession, contract_id: ContractId, month: Month
    ) -> tuple[Contract, ContractRecord, list[Session]]:
        """The contract whose month the actor may print, its record and the month's held
        sessions."""
        contract = self._printable(session, contract_id)
        refuse_month_outside(contract, month)
        record = contract_records(session, [contract])[0]
        return contract, record, self._held(session, contract_id, month)

    def _signed(
        self, session: DbSession, contract_id: ContractId, month: Month, detail: str
    ) -> tuple[str, MonthApprovalRecord]:
        """Who signs the sheet and where its month stands; the printing recorded in the audit
        log as ``detail``."""
        manager = signing_manager(session, self.ctx.actor)
        approval = approval_record(session, contract_id, month)
        audit.record(session, self.ctx, "print", "contract", contract_id, detail)
        return manager, approval

    def _printable(self, session: DbSession, contract_id: ContractId) -> Contract:
        actor = self.ctx.require(Action.HOURS_PRINT)
        contract = load_contract(session, contract_id)
        if not (actor.can(Action.HOURS_TOTALS) or is_provider(actor, contract)):
            raise PermissionDenied()
        return contract

    @staticmethod
    def _held(session: DbSession, contract_id: ContractId, month: Month) -> list[Session]:
        return list(
            session.scalars(
                select(Session)
                .where(
                    Session.contract_id == contract_id,
                    Session.state == SessionState.HELD.value,
                    Session.day >= month_first_day(month),
                    Session.day <= month_last_day(month),
                )
                .order_by(Session.day, Session.start)
            )
        )

    @staticmethod
    def _participant_counts(session: DbSession, ids: list[int]) -> dict[int, int]:
        counts: dict[int, int] = {}
        for session_id in session.scalars(
            select(SessionParticipant.session_id).where(SessionParticipant.session_id.in_(ids))
        ):
            counts[session_id] = counts.get(session_id, 0) + 1
        return counts


def _end(row: Session) -> time:
    return session_end(row.day, row.start, row.minutes).time()
