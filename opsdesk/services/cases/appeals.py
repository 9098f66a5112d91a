"""Appeals against a case's decision: the day lodged, the day forwarded to the appeals board
(SKO; due within 7 days, KPA art. 133 — ``domain.appeals``) and how it ended. Each step is a
case event and an audit entry, in one transaction; the case's team and the manager record
them. An appeal waiting to be forwarded is one of the case's deadlines (``case_rules``): on
its card, in the warnings of what falls due and in the deadline calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from opsdesk.domain.appeals import NOT_FORWARDED, OUTCOMES, forward_due
from opsdesk.domain.formatting import format_date
from opsdesk.domain.ids import CaseId
from opsdesk.domain.roles import Action
from opsdesk.errors import NotFound, ValidationError
from opsdesk.i18n import _
from opsdesk.services import audit
from opsdesk.services.cases.access import (
    add_event,
    clean_reason,
    day_of_step,
    load_case,
    refresh_deadline,
)
from opsdesk.services.context import Service
from opsdesk.storage.models import Case, CaseAppeal

MAX_NOTE = 300


@dataclass(frozen=True)
class AppealRecord:
    id: int
    lodged_on: date
    forward_due: date
    forwarded_on: date | None
    outcome: str | None  # a key of domain.appeals.OUTCOMES
    outcome_label: str
    outcome_on: date | None
    note: str
    forward_overdue: bool  # not forwarded (nor ended without the board) past the 7 days


class AppealService(Service):
    def of_case(self, case_id: CaseId) -> list[AppealRecord]:
        today = self.ctx.clock.today()
        with self.db.reading() as session:
            load_case(session, self.ctx, case_id, Action.CASE_VIEW)
            appeals = list(
                session.scalars(
                    select(CaseAppeal)
                    .where(CaseAppeal.case_id == case_id)
                    .order_by(CaseAppeal.lodged_on, CaseAppeal.id)
                )
            )
            return [self._record(a, today) for a in appeals]

    @staticmethod
    def _record(appeal: CaseAppeal, today: date) -> AppealRecord:
        due = forward_due(appeal.lodged_on)
        waiting = appeal.forwarded_on is None and appeal.outcome not in NOT_FORWARDED
        return AppealRecord(
            appeal.id,
            appeal.lodged_on,
            due,
            appeal.forwarded_on,
            appeal.outcome,
            _(OUTCOMES[appeal.outcome]) if appeal.outcome in OUTCOMES else "",
            appeal.outcome_on,
            appeal.note,
            waiting and due < today,
        )

    def lodge(self, case_id: CaseId, lodged_on: date | None, note: str = "") -> AppealRecord:
        """An appeal against the case's decision came in on ``lodged_on`` (default today)."""
        note = clean_reason(note, "note")[:MAX_NOTE]
        with self.db.transaction() as session:
            case = load_case(session, self.ctx, case_id, Action.CASE_CHANGE)
            if case.decision_date is None:
                raise ValidationError.single(
                    "lodged_on", _("The case has no decision recorded to appeal against.")
                )
            lodged_on = day_of_step(
                self.ctx,
                lodged_on,
                "lodged_on",
                _("The appeal's date cannot be in the future."),
                case.decision_date,
                _("An appeal cannot come before the decision ({date})."),
            )
            appeal = CaseAppeal(
                case_id=case.id,
                lodged_on=lodged_on,
                note=note,
                created_at=self.ctx.clock.now(),
            )
            session.add(appeal)
            session.flush()
            due = forward_due(lodged_on)
            add_event(
                session,
                self.ctx,
                case,
                "appeal",
                "",
                _("lodged {date}, to forward by {due}").format(
                    date=format_date(lodged_on), due=format_date(due)
                ),
                note,
            )
            refresh_deadline(session, self.ctx, case)  # the 7 days show on the board
            audit.record(session, self.ctx, "create", "case_appeal", appeal.id, f"case {case.id}")
            return self._record(appeal, self.ctx.clock.today())

    def _appeal(self, session: Session, appeal_id: int) -> tuple[CaseAppeal, Case]:
        self.ctx.require(Action.CASE_CHANGE)  # before anything is looked up
        appeal = session.get(CaseAppeal, appeal_id)
        if appeal is None:
            raise NotFound(_("This appeal does not exist."))
        case = load_case(session, self.ctx, CaseId(appeal.case_id), Action.CASE_CHANGE)
        return appeal, case

    def forward(self, appeal_id: int, on: date | None = None) -> AppealRecord:
        """The appeal and the case files went to the appeals board ``on`` (default today)."""
        with self.db.transaction() as session:
            appeal, case = self._appeal(session, appeal_id)
            on = day_of_step(
                self.ctx,
                on,
                "forwarded_on",
                _("The date cannot be in the future."),
                appeal.lodged_on,
                _("The appeal cannot be forwarded before it came in ({date})."),
            )
            if appeal.outcome in NOT_FORWARDED:
                raise ValidationError.single(
                    "forwarded_on", _("This appeal ended without going to the appeals board.")
                )
            late = on > forward_due(appeal.lodged_on)
            appeal.forwarded_on = on
            add_event(
                session,
                self.ctx,
                case,
                "appeal_forwarded",
                format_date(appeal.lodged_on),
                format_date(on),
                _("after the 7 days of art. 133 KPA") if late else "",
            )
            refresh_deadline(session, self.ctx, case)
            audit.record(session, self.ctx, "update", "case_appeal", appeal.id, "forwarded")
            return self._record(appeal, self.ctx.clock.today())

    def settle(
        self, appeal_id: int, outcome: str, on: date | None = None, note: str = ""
    ) -> AppealRecord:
        """How the appeal ended, ``on`` (default today)."""
        note = clean_reason(note, "note")[:MAX_NOTE]
        with self.db.transaction() as session:
            appeal, case = self._appeal(session, appeal_id)
            if outcome not in OUTCOMES:
                raise ValidationError.single("outcome", _("Choose how the appeal ended."))
            on = day_of_step(
                self.ctx,
                on,
                "outcome_on",
                _("The date cannot be in the future."),
                appeal.lodged_on,
                _("The appeal cannot end before it came in ({date})."),
            )
            if outcome not in NOT_FORWARDED and appeal.forwarded_on is None:
                raise ValidationError.single(
                    "outcome", _("Record first when the appeal went to the appeals board.")
                )
            appeal.outcome, appeal.outcome_on = outcome, on
            if note:
                appeal.note = note
            add_event(session, self.ctx, case, "appeal_outcome", "", _(OUTCOMES[outcome]), note)
            refresh_deadline(session, self.ctx, case)
            audit.record(session, self.ctx, "update", "case_appeal", appeal.id, outcome)
            return self._record(appeal, self.ctx.clock.today())
