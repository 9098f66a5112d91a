"""Month approval and lock: the provider submits a contract's month, the manager approves it
(or returns it with a reason); a submitted month waits for the manager and an approved month
is locked, so their sessions, bookings and notes can be neither added, changed nor cancelled.
A correction needs the manager to return a submitted month or to reopen an approved one with a
reason; a reopened month counts as "correction no. N" on the printed sheet.

Entry window: a month nobody has submitted closes for entry a set number of days after its end
(the office's setting ``hours.entry_days``, :data:`DEFAULT_ENTRY_DAYS`; 0 = never). A late
entry then goes through the manager: the person submits the month, the manager returns it.
Days after the contract's end are refused by ``session_checks.when_problems``.

One ``month_approval`` row per contract and month holds where the month stands; every step
goes to the audit log, and an approval records the version it approved (sessions and
minutes), so the log keeps the approved version and the corrected one.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session as DbSession

from opsdesk.domain.formatting import format_date, format_hours
from opsdesk.domain.hours import (
    Month,
    SessionState,
    month_first_day,
    month_last_day,
    month_of,
)
from opsdesk.domain.ids import ContractId
from opsdesk.domain.roles import Action
from opsdesk.errors import Conflict, PermissionDenied, ValidationError
from opsdesk.i18n import _
from opsdesk.services import audit
from opsdesk.services.context import Actor, Service
from opsdesk.services.hours.access import is_provider, load_contract, viewable_contract
from opsdesk.services.hours.records import ApprovalState, MonthApprovalRecord
from opsdesk.services.hours.session_checks import refuse_month_outside
from opsdesk.services.periods import checked_month
from opsdesk.storage.models import Contract, MonthApproval, Session, Staff
from opsdesk.storage.setting_values import get_setting, put_setting

REASON_LIMIT = 300
ENTRY_DAYS_KEY = "hours.entry_days"
DEFAULT_ENTRY_DAYS = 10  # the month's sheet is settled by the 10th of the next month
MAX_ENTRY_DAYS = 366
MAX_LOAD_MINUTES = 276 * 60  # the person's total load across EU projects in a month


def month_text(month: Month) -> str:
    """ "11.2026"."""
    return f"{month[1]:02d}.{month[0]}"


def _row(db: DbSession, contract_id: int, month: Month) -> MonthApproval | None:
    return db.scalar(
        select(MonthApproval).where(
            MonthApproval.contract_id == contract_id,
            MonthApproval.year == month[0],
            MonthApproval.month == month[1],
        )
    )


def entry_days(db: DbSession) -> int:
    """Days after a month's end during which its sessions may still be entered (0 = always)."""
    days = get_setting(db, ENTRY_DAYS_KEY, DEFAULT_ENTRY_DAYS)
    return days if 0 <= days <= MAX_ENTRY_DAYS else DEFAULT_ENTRY_DAYS


def entry_closes(month: Month, days: int) -> date | None:
    """The last day a month is open for entry under a window of ``days``, or None."""
    return month_last_day(month) + timedelta(days=days) if days else None


def locked_problem(db: DbSession, contract_id: int, day: date, today: date | None) -> str | None:
    """Why nothing of ``day``'s month may change under the contract today (it is submitted,
    approved, or past the entry window and never returned or reopened), or None."""
    month = month_of(day)
    row = _row(db, contract_id, month)
    state = ApprovalState(row.state) if row is not None else ApprovalState.OPEN
    if state is ApprovalState.APPROVED:
        return _(
            "The month {month} is approved and locked; a change needs the manager to reopen it."
        ).format(month=month_text(month))
    if state is ApprovalState.SUBMITTED:
        return _(
            "The month {month} is submitted for approval; it can be changed only after "
            "the manager returns it."
        ).format(month=month_text(month))
    if state is ApprovalState.OPEN:
        closes = entry_closes(month, entry_days(db))
        if today is not None and closes is not None and today > closes:
            return _(
                "The month {month} was closed for entry on {date}; submit it and ask the "
                "manager to return it for a correction."
            ).format(month=month_text(month), date=format_date(closes))
    return None


def refuse_locked(
    db: DbSession, contract_id: int, *days: date, today: date, field: str | None = "day"
) -> None:
    """Refuse a change touching any of ``days`` in a month closed for entry: next to
    ``field``, or as a conflict when there is no field to show it at."""
    for day in days:
        if problem := locked_problem(db, contract_id, day, today):
            if field is None:
                raise Conflict(problem)
            raise ValidationError.single(field, problem)


def other_project_minutes(db: DbSession, contract_id: int, month: Month) -> int | None:
    """The hours (minutes) the person declared in other projects that month, or None."""
    row = _row(db, contract_id, month)
    return None if row is None else row.other_project_minutes


def approval_record(db: DbSession, contract_id: int, month: Month) -> MonthApprovalRecord:
    row = _row(db, contract_id, month)
    if row is None:
        return MonthApprovalRecord(ContractId(contract_id), month)
    ids = [i for i in (row.submitted_by_id, row.decided_by_id) if i]
    names: dict[int, str] = {
        staff_id: name
        for staff_id, name in db.execute(select(Staff.id, Staff.full_name).where(Staff.id.in_(ids)))
    }
    return MonthApprovalRecord(
        contract_id=ContractId(contract_id),
        month=month,
        state=ApprovalState(row.state),
        submitted_by=names.get(row.submitted_by_id or 0, ""),
        submitted_at=row.submitted_at,
        decided_by=names.get(row.decided_by_id or 0, ""),
        decided_at=row.decided_at,
        reason=row.reason,
        corrections=row.corrections,
        reopened_at=row.reopened_at,
        other_project_minutes=row.other_project_minutes,
    )


class MonthApprovalService(Service):
    def entry_days(self) -> int:
        """The office's entry window: days after a month's end (0 = no limit)."""
        with self.db.reading() as session:
            return entry_days(session)

    def set_entry_days(self, days: int) -> int:
        """The administrator sets the entry window (audited)."""
        self.ctx.require(Action.SETTINGS_MANAGE)
        if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= MAX_ENTRY_DAYS:
            raise ValidationError.single(
                "entry_days",
                _("Enter a number of days from 0 (no limit) to {n}.").format(n=MAX_ENTRY_DAYS),
            )
        with self.db.transaction() as session:
            put_setting(session, ENTRY_DAYS_KEY, days)
            audit.record(session, self.ctx, "update", "setting", None, f"{ENTRY_DAYS_KEY}={days}")
        return days

    def status(self, contract_id: ContractId, month: Month) -> MonthApprovalRecord:
        """Where the contract's month stands (for whoever may see the contract)."""
        month = checked_month(month)
        with self.db.reading() as session:
            viewable_contract(session, self.ctx.actor, contract_id)
            return approval_record(session, contract_id, month)

    def declare_other_projects(
        self, contract_id: ContractId, month: Month, minutes: int
    ) -> MonthApprovalRecord:
        """The provider enters the hours they worked in other projects in the month, for the
        sheet's declaration that their total load does not exceed 276 hours."""
        month = checked_month(month)
        actor = self.ctx.require_any(Action.PSYCH_SESSIONS, Action.SUPERVISION_SESSIONS)
        with self.db.transaction() as session:
            contract = _providers(session, actor, contract_id, month)
            if problem := locked_problem(session, contract.id, month_first_day(month), None):
                raise ValidationError.single("other_minutes", problem)
            own = _held(session, contract.id, month)[1]
            if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes < 0:
                raise ValidationError.single(
                    "other_minutes", _("Enter the hours in other projects (0 or more).")
                )
            if own + minutes > MAX_LOAD_MINUTES:
                raise ValidationError.single(
                    "other_minutes",
                    _(
                        "With {own} in this project the total would exceed 276 hours in "
                        "the month; the load across projects may not exceed it."
                    ).format(own=format_hours(own)),
                )
            row = self._row_for_update(session, contract, month)
            row.other_project_minutes = minutes
            detail = f"{_detail(month)}: {minutes} min in other projects"
            return self._recorded(session, "update", contract, month, detail)

    def submit(self, contract_id: ContractId, month: Month) -> MonthApprovalRecord:
        """The provider hands the month in for the manager's approval."""
        month = checked_month(month)
        actor = self.ctx.require_any(Action.PSYCH_SESSIONS, Action.SUPERVISION_SESSIONS)
        with self.db.transaction() as session:
            contract = _providers(session, actor, contract_id, month)
            if month_first_day(month) > self.ctx.clock.today():
                raise ValidationError.single(
                    "month", _("A month that has not begun cannot be submitted.")
                )
            row = self._row_for_update(session, contract, month)
            if row.state in (ApprovalState.SUBMITTED.value, ApprovalState.APPROVED.value):
                raise _in_state(_("The month {month} is already {state}."), month, row)
            row.state = ApprovalState.SUBMITTED.value
            row.submitted_by_id = actor.id
            row.submitted_at = self.ctx.clock.now()
            return self._recorded(session, "submit_month", contract, month, _detail(month))

    def approve(self, contract_id: ContractId, month: Month) -> MonthApprovalRecord:
        """The manager approves a submitted month; it is locked from now on."""
        month = checked_month(month)
        actor = self.ctx.require(Action.CONTRACT_MANAGE)
        with self.db.transaction() as session:
            contract = load_contract(session, contract_id)
            row = self._row_for_update(session, contract, month)
            if row.state != ApprovalState.SUBMITTED.value:
                message = _("Only a submitted month can be approved; {month} is {state}.")
                raise _in_state(message, month, row)
            row.state = ApprovalState.APPROVED.value
            row.decided_by_id = actor.id
            row.decided_at = self.ctx.clock.now()
            row.reason = ""
            count, minutes = _held(session, contract.id, month)
            detail = (
                f"{_detail(month)}, version {row.corrections + 1}: {count} sessions, {minutes} min"
            )
            return self._recorded(session, "approve_month", contract, month, detail)

    def send_back(self, contract_id: ContractId, month: Month, reason: str) -> MonthApprovalRecord:
        """The manager returns a submitted month to the provider with a reason."""
        return self._decide(contract_id, month, reason, reopen=False)

    def reopen(self, contract_id: ContractId, month: Month, reason: str) -> MonthApprovalRecord:
        """The manager opens an approved month again for a correction, with a reason."""
        return self._decide(contract_id, month, reason, reopen=True)

    # --- helpers -------------------------------------------------------------------------

    def _decide(
        self, contract_id: ContractId, month: Month, reason: str, *, reopen: bool
    ) -> MonthApprovalRecord:
        month = checked_month(month)
        actor = self.ctx.require(Action.CONTRACT_MANAGE)
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError.single("reason", _("Give the reason."))
        if len(reason) > REASON_LIMIT:
            raise ValidationError.single(
                "reason", _("The reason is too long (at most 300 characters).")
            )
        wanted = ApprovalState.APPROVED if reopen else ApprovalState.SUBMITTED
        with self.db.transaction() as session:
            contract = load_contract(session, contract_id)
            row = self._row_for_update(session, contract, month)
            if row.state != wanted.value:
                message = (
                    _("Only an approved month can be reopened; {month} is {state}.")
                    if reopen
                    else _("Only a submitted month can be returned; {month} is {state}.")
                )
                raise _in_state(message, month, row)
            now = self.ctx.clock.now()
            row.state = (ApprovalState.REOPENED if reopen else ApprovalState.RETURNED).value
            row.decided_by_id = actor.id
            row.decided_at = now
            row.reason = reason
            if reopen:
                row.corrections += 1
                row.reopened_at = now
            action = "reopen_month" if reopen else "return_month"
            return self._recorded(session, action, contract, month, f"{_detail(month)}: {reason}")

    def _recorded(
        self, session: DbSession, action: str, contract: Contract, month: Month, detail: str
    ) -> MonthApprovalRecord:
        """The month's step recorded in the audit log (``action`` with ``detail``); where the
        month stands now."""
        audit.record(session, self.ctx, action, "contract", contract.id, detail)
        session.flush()
        return approval_record(session, contract.id, month)

    @staticmethod
    def _row_for_update(session: DbSession, contract: Contract, month: Month) -> MonthApproval:
        row = session.scalar(
            select(MonthApproval)
            .where(
                MonthApproval.contract_id == contract.id,
                MonthApproval.year == month[0],
                MonthApproval.month == month[1],
            )
            .with_for_update()
        )
        if row is None:
            row = MonthApproval(
                contract_id=contract.id,
                year=month[0],
                month=month[1],
                state=ApprovalState.OPEN.value,
                reason="",
                corrections=0,
            )
            session.add(row)
        return row


def _providers(session: DbSession, actor: Actor, contract_id: ContractId, month: Month) -> Contract:
    """The contract, when ``actor`` provides it and ``month`` is within it."""
    contract = load_contract(session, contract_id)
    if not is_provider(actor, contract):
        raise PermissionDenied(_("Only the contract's provider submits its months."))
    refuse_month_outside(contract, month)
    return contract


def _in_state(message: str, month: Month, row: MonthApproval) -> Conflict:
    """The step refused in the month's state: ``message`` (translated) with {month} and
    {state}."""
    return Conflict(message.format(month=month_text(month), state=ApprovalState(row.state).label))


def _detail(month: Month) -> str:
    return f"month {month[0]}-{month[1]:02d}"


def _held(session: DbSession, contract_id: int, month: Month) -> tuple[int, int]:
    count, minutes = session.execute(
        select(func.count(Session.id), func.coalesce(func.sum(Session.minutes), 0)).where(
            Session.contract_id == contract_id,
            Session.state == SessionState.HELD.value,
            Session.day >= month_first_day(month),
            Session.day <= month_last_day(month),
        )
    ).one()
    return int(count), int(minutes)
