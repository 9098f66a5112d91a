"""Sessions of a contract: the provider records them; budgets are checked on every save.

A session over the month's (or project's) budget is refused with :class:`BudgetExceeded`
carrying the numbers; the UI then asks for the manager's confirmation and calls again with a
:class:`ManagerApproval` (see ``hours.over_budget``). The confirmation is stored on the session
(who, why) and in the audit log.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session as DbSession

from opsdesk.domain.hours import (
    Budget,
    BudgetCheck,
    ContractKind,
    Month,
    SessionForm,
    SessionState,
    month_allowance,
    month_of,
    project_to_date,
)
from opsdesk.domain.ids import ClientId, ContractId, SessionId, StaffId
from opsdesk.domain.roles import Action, Role
from opsdesk.errors import Conflict, NotFound, PermissionDenied, ValidationError
from opsdesk.i18n import _
from opsdesk.services import audit
from opsdesk.services.context import Service
from opsdesk.services.hours.access import (
    choosable_clients,
    is_provider,
    load_contract,
    provided_contract,
    referred_to,
    session_records,
    viewable_contract,
)
from opsdesk.services.hours.approval import refuse_locked
from opsdesk.services.hours.over_budget import VerifiedApproval, verify_approval
from opsdesk.services.hours.records import (
    AttendanceRow,
    BudgetExceeded,
    BudgetView,
    ManagerApproval,
    OwnSupervision,
    ParticipantInput,
    SessionClientRef,
    SessionInput,
    SessionRecord,
)
from opsdesk.services.hours.session_checks import (
    booked_minutes,
    budget_check,
    client_problems,
    find_clash,
    form_problem,
    held_minutes_by_month,
    note_problem,
    participant_problems,
    task_problems,
    terms_of,
    when_problems,
)
from opsdesk.services.office.staff import active_with_role, surname_key
from opsdesk.storage.models import (
    Client,
    Contract,
    Session,
    SessionClient,
    SessionNote,
    SessionParticipant,
)


class HoursService(Service):
    # --- reading -------------------------------------------------------------------------

    def sessions(self, contract_id: ContractId, month: Month) -> list[SessionRecord]:
        """A month's sessions of a contract, every state, by date and time."""
        first = date(month[0], month[1], 1)
        with self.db.reading() as session:
            contract = viewable_contract(session, self.ctx.actor, contract_id)
            rows = session.scalars(
                select(Session)
                .where(
                    Session.contract_id == contract_id,
                    Session.day >= first,
                    Session.day < _next_month_start(month),
                )
                .order_by(Session.day, Session.start)
            )
            records = session_records(session, self.ctx.actor, {contract.id: contract}, rows)
        self._audit_read("contract", contract_id, f"sessions {month[0]}-{month[1]:02d}")
        return records

    def session(self, session_id: SessionId) -> SessionRecord:
        """One session with the reader's own private note, if they wrote one."""
        with self.db.reading() as session:
            row = session.get(Session, session_id)
            if row is None:
                raise NotFound(_("This session does not exist."))
            contract = viewable_contract(session, self.ctx.actor, ContractId(row.contract_id))
            record = session_records(
                session, self.ctx.actor, {contract.id: contract}, [row], with_note=True
            )[0]
        self._audit_read("session", session_id)
        return record

    def budget(self, contract_id: ContractId, month: Month) -> BudgetView:
        with self.db.reading() as session:
            contract = viewable_contract(session, self.ctx.actor, contract_id)
            terms = terms_of(contract)
            used = held_minutes_by_month(session, contract_id)
            return BudgetView(
                contract_id=contract_id,
                month=month,
                month_budget=Budget(
                    month_allowance(terms, month, used),
                    used.get(month, 0),
                    booked_minutes(session, contract_id, month),
                ),
                project=project_to_date(terms, used, month),
                project_limited=contract.project_minutes is not None,
            )

    def check(
        self, contract_id: ContractId, day: date, minutes: int, session_id: SessionId | None = None
    ) -> BudgetCheck:
        """The budget effect of a held session (for the entry form, before saving)."""
        with self.db.reading() as session:
            contract = viewable_contract(session, self.ctx.actor, contract_id)
            return budget_check(session, contract, day, max(minutes, 0), session_id)

    def own_clients(self, contract_id: ContractId) -> list[SessionClientRef]:
        """Clients referred to the psychologist (their own view, with names): whom they may
        book and record sessions with (``access.referred_to``)."""
        with self.db.reading() as session:
            contract = provided_contract(session, self.ctx.actor, contract_id)
            if contract.kind != ContractKind.PSYCHOLOGY.value:
                return []
            rows = session.execute(
                select(Client.id, Client.code, Client.first_name, Client.last_name).where(
                    referred_to(self.ctx.require_actor().account_id, self.ctx.clock.today()),
                    Client.anonymised_at.is_(None),
                )
            ).all()
        self._audit_read("contract", contract_id, "own clients")
        refs = [
            SessionClientRef(ClientId(i), code, f"{first} {last}") for i, code, first, last in rows
        ]
        return sorted(refs, key=lambda r: surname_key(r.name))

    def social_workers(self) -> list[tuple[int, str]]:
        """Who may take part in supervision: active social workers (id, full name)."""
        self.ctx.require_any(Action.SUPERVISION_SESSIONS, Action.HOURS_TOTALS)
        with self.db.reading() as session:
            return active_with_role(session, Role.SOCIAL_WORKER)

    def own_supervision(self, year: int) -> OwnSupervision:
        """The supervision sessions the logged-in worker attended in ``year``."""
        actor = self.ctx.require(Action.SUPERVISION_ATTENDANCE)
        with self.db.reading() as session:
            rows = session.execute(
                select(Session, Contract.provider_name, SessionParticipant.consent)
                .join(SessionParticipant, SessionParticipant.session_id == Session.id)
                .join(Contract, Contract.id == Session.contract_id)
                .where(
                    SessionParticipant.staff_id == actor.id,
                    Session.state == SessionState.HELD.value,
                    Session.day >= date(year, 1, 1),
                    Session.day <= date(year, 12, 31),
                )
                .order_by(Session.day, Session.start)
            ).all()
            return OwnSupervision(
                year,
                tuple(
                    AttendanceRow(
                        SessionId(s.id), s.day, s.start, s.minutes, _form(s), provider, consent
                    )
                    for s, provider, consent in rows
                ),
            )

    # --- writing -------------------------------------------------------------------------

    def record(self, data: SessionInput, approval: ManagerApproval | None = None) -> SessionRecord:
        """A session that took place (today or earlier)."""
        verified = verify_approval(self.ctx, approval) if approval else None
        with self.db.transaction() as session:
            contract = provided_contract(session, self.ctx.actor, data.contract_id)
            self._validate(session, contract, data, None, held=True)
            refuse_locked(session, contract.id, data.day, today=self.ctx.clock.today())
            row = Session(
                contract_id=contract.id,
                state=SessionState.HELD.value,
                created_by_id=self.ctx.require_actor().id,
                created_at=self.ctx.clock.now(),
            )
            self._apply(row, data)
            self._approve(session, contract, row, None, verified)
            session.add(row)
            session.flush()
            self._set_people(session, SessionId(row.id), data)
            self._set_note(session, SessionId(row.id), data.note)
            audit.record(
                session,
                self.ctx,
                "create",
                "session",
                row.id,
                f"contract {contract.id}, {row.day.isoformat()}, {row.minutes} min",
            )
            session.flush()
            return self._record(session, contract, row)

    def update(
        self, session_id: SessionId, data: SessionInput, approval: ManagerApproval | None = None
    ) -> SessionRecord:
        """Correct a booked or held session (its state stays)."""
        return self._change(session_id, data, approval, None)

    def mark_held(
        self,
        session_id: SessionId,
        data: SessionInput | None = None,
        approval: ManagerApproval | None = None,
    ) -> SessionRecord:
        """A booked session took place (optionally with what actually happened)."""
        return self._change(session_id, data, approval, SessionState.HELD)

    def mark_no_show(self, session_id: SessionId) -> SessionRecord:
        """The client did not come: the slot is kept in the record, no budget is used."""
        with self.db.transaction() as session:
            row, contract = self._own_session(session, session_id)
            refuse_locked(session, contract.id, row.day, today=self.ctx.clock.today(), field=None)
            if row.state != SessionState.BOOKED.value:
                raise Conflict(_("Only a booked session can be marked as a no-show."))
            if row.day > self.ctx.clock.today():
                raise ValidationError.single(
                    "day", _("A session in the future cannot be marked as a no-show yet.")
                )
            row.state = SessionState.NO_SHOW.value
            audit.record(session, self.ctx, "no_show", "session", row.id)
            return self._record(session, contract, row)

    def cancel(self, session_id: SessionId) -> None:
        """Remove a booked or held session from the record (kept as cancelled)."""
        with self.db.transaction() as session:
            row, contract = self._own_session(session, session_id)
            refuse_locked(session, contract.id, row.day, today=self.ctx.clock.today(), field=None)
            if row.state not in (SessionState.BOOKED.value, SessionState.HELD.value):
                raise Conflict(_("This session is already closed."))
            row.state = SessionState.CANCELLED.value
            audit.record(session, self.ctx, "cancel", "session", row.id)

    # --- helpers -------------------------------------------------------------------------

    def _change(
        self,
        session_id: SessionId,
        data: SessionInput | None,
        approval: ManagerApproval | None,
        new_state: SessionState | None,
    ) -> SessionRecord:
        verified = verify_approval(self.ctx, approval) if approval else None
        with self.db.transaction() as session:
            row, contract = self._own_session(session, session_id)
            refuse_locked(session, contract.id, row.day, today=self.ctx.clock.today(), field=None)
            if row.state not in (SessionState.BOOKED.value, SessionState.HELD.value):
                raise Conflict(_("A cancelled session or a no-show cannot be changed."))
            if new_state is SessionState.HELD and row.state != SessionState.BOOKED.value:
                raise Conflict(_("Only a booked session can be marked as held."))
            before = (row.day, row.minutes, row.state)
            state = new_state or SessionState(row.state)
            if data is None:
                data = self._input_of(session, row)
            elif data.contract_id != row.contract_id:
                raise ValidationError.single(
                    "contract",
                    _("A session cannot move to another contract; cancel it and record it anew."),
                )
            self._validate(session, contract, data, row.id, held=state is SessionState.HELD)
            refuse_locked(session, contract.id, data.day, today=self.ctx.clock.today())
            self._apply(row, data)
            row.state = state.value
            if state is SessionState.HELD:
                self._approve(session, contract, row, before, verified)
            self._set_people(session, SessionId(row.id), data)
            self._set_note(session, SessionId(row.id), data.note)
            action = "held" if new_state is SessionState.HELD else "update"
            audit.record(
                session,
                self.ctx,
                action,
                "session",
                row.id,
                f"{row.day.isoformat()}, {row.minutes} min",
            )
            session.flush()
            return self._record(session, contract, row)

    def _own_session(self, session: DbSession, session_id: SessionId) -> tuple[Session, Contract]:
        row = session.get(Session, session_id)
        if row is None:
            raise NotFound(_("This session does not exist."))
        contract = load_contract(session, ContractId(row.contract_id))
        if not is_provider(self.ctx.actor, contract):
            raise PermissionDenied(_("Only the contract's provider records its sessions."))
        return row, contract

    def _validate(
        self,
        session: DbSession,
        contract: Contract,
        data: SessionInput,
        session_id: int | None,
        *,
        held: bool,
    ) -> None:
        if data.contract_id != contract.id:
            raise ValidationError.single("contract", _("Choose the contract."))
        errors = when_problems(contract, data.day, data.start, data.minutes)
        if problem := form_problem(contract, data.form):
            errors["form"] = problem
        elif contract.kind == ContractKind.PSYCHOLOGY.value:
            errors.update(
                client_problems(
                    session,
                    data.form,
                    data.client_ids,
                    choosable_clients(self.ctx.actor, self.ctx.clock.today()),
                )
            )
            if data.participants:
                errors["participants"] = _("Consultations have clients, not participants.")
        else:
            errors.update(participant_problems(session, data.form, data.participants))
            if data.client_ids:
                errors["clients"] = _("Supervision has participants, not clients.")
        if problem := note_problem(contract, data.note):
            errors["note"] = problem
        errors.update(task_problems(data.task_done, data.project_task))
        if held and data.day > self.ctx.clock.today():
            errors.setdefault(
                "day",
                _("A session in the future cannot have taken place yet; book it in the calendar."),
            )
        if errors:
            raise ValidationError(errors)
        find_clash(session, contract, data.day, data.start, data.minutes, session_id)

    def _approve(
        self,
        session: DbSession,
        contract: Contract,
        row: Session,
        before: tuple[date, int, str] | None,
        verified: VerifiedApproval | None,
    ) -> None:
        """Require and store the manager's confirmation when the budget is exceeded.

        An earlier confirmation stays valid while the session stays in its month, stays held
        and does not grow."""
        check = budget_check(session, contract, row.day, row.minutes, row.id)
        if not check.needs_approval:
            return
        if verified is None:
            still_covered = (
                before is not None
                and row.over_budget_approved_by_id is not None
                and before[2] == SessionState.HELD.value
                and month_of(before[0]) == month_of(row.day)
                and row.minutes <= before[1]
            )
            if still_covered:
                return
            raise BudgetExceeded(check)
        row.over_budget_approved_by_id = verified.manager_id
        row.over_budget_reason = verified.reason
        audit.record(
            session,
            self.ctx,
            "approve_over_budget",
            "contract",
            contract.id,
            f"by {verified.manager_login}: {row.day.isoformat()} {row.minutes} min; "
            f"month over by {check.month_after.exceeded_by} min",
        )

    @staticmethod
    def _apply(row: Session, data: SessionInput) -> None:
        row.day = data.day
        row.start = data.start.replace(second=0, microsecond=0)
        row.minutes = data.minutes
        row.form = SessionForm(data.form).value
        if data.task_done is not None:
            row.task_done = data.task_done.strip()
        if data.project_task is not None:
            row.project_task = data.project_task.strip()

    @staticmethod
    def _set_people(session: DbSession, session_id: SessionId, data: SessionInput) -> None:
        session.execute(delete(SessionClient).where(SessionClient.session_id == session_id))
        session.execute(
            delete(SessionParticipant).where(SessionParticipant.session_id == session_id)
        )
        session.add_all(
            SessionClient(session_id=session_id, client_id=c) for c in sorted(set(data.client_ids))
        )
        session.add_all(
            SessionParticipant(session_id=session_id, staff_id=p.staff_id, consent=p.consent)
            for p in data.participants
        )

    def _set_note(self, session: DbSession, session_id: SessionId, text: str | None) -> None:
        if text is None:
            return
        author = self.ctx.require_actor()
        note = session.get(SessionNote, session_id)
        if note is not None and note.author_id != author.id:
            raise PermissionDenied(_("This note belongs to another person."))
        if not text.strip():
            if note is not None:
                session.delete(note)
            return
        if note is None:
            note = SessionNote(session_id=session_id, author_id=author.id)
            session.add(note)
        note.text = text
        note.updated_at = self.ctx.clock.now()

    @staticmethod
    def _input_of(session: DbSession, row: Session) -> SessionInput:
        clients = tuple(
            session.scalars(
                select(SessionClient.client_id).where(SessionClient.session_id == row.id)
            )
        )
        participants = tuple(
            ParticipantInput(StaffId(staff_id), consent)
            for staff_id, consent in session.execute(
                select(SessionParticipant.staff_id, SessionParticipant.consent).where(
                    SessionParticipant.session_id == row.id
                )
            )
        )
        return SessionInput(
            ContractId(row.contract_id),
            row.day,
            row.start,
            row.minutes,
            _form(row),
            clients,
            participants,
        )

    def _record(self, session: DbSession, contract: Contract, row: Session) -> SessionRecord:
        return session_records(
            session, self.ctx.actor, {contract.id: contract}, [row], with_note=True
        )[0]

    def _audit_read(self, entity: str, entity_id: int, detail: str = "") -> None:
        with self.db.transaction() as session:
            audit.record(session, self.ctx, "read", entity, entity_id, detail)


def _form(row: Session) -> SessionForm:
    return SessionForm(row.form)


def _next_month_start(month: Month) -> date:
    year, number = month
    return date(year + 1, 1, 1) if number == 12 else date(year, number + 1, 1)
