"""The steps a case's deadlines depend on: the environmental interview, the decision,
suspensions of the proceedings (KPA art. 35 § 5), the art. 36 notice of a new date, the
party's answer to a summons (art. 64 § 2) and the decision's delivery (art. 129 § 2).

The steps a printed letter takes (``services/letters``) are functions here too: a plan that
checks and writes nothing (``notice_plan``, ``summons_plan``, ``delivery_plan``), then its
``apply_…`` inside the letter's transaction.

Each step is one transaction: the step, its event, and the case's next deadline recomputed
(with a "deadline" event when that moved).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from opsdesk.domain.case_closing import MAX_DECISION_NUMBER
from opsdesk.domain.deadlines import decision_due
from opsdesk.domain.formatting import format_date
from opsdesk.domain.ids import CaseId
from opsdesk.domain.letters import (
    SUMMONS,
    AppealPeriod,
    SummonsPeriod,
    appeal_period,
    summons_period,
)
from opsdesk.domain.roles import Action
from opsdesk.domain.workdays import is_working_day
from opsdesk.errors import ValidationError
from opsdesk.i18n import _
from opsdesk.services import audit
from opsdesk.services.cases.access import (
    add_event,
    clean_reason,
    day_of_step,
    facts_of,
    load_case,
    refresh_deadline,
    summary_of,
)
from opsdesk.services.cases.records import CaseSummary
from opsdesk.services.context import Service, ServiceContext
from opsdesk.services.text_limits import add_too_long
from opsdesk.storage.models import Case, CaseSuspension


class CaseDeadlineService(Service):
    def _case(self, session: Session, case_id: CaseId) -> Case:
        case = load_case(session, self.ctx, case_id, Action.CASE_CHANGE)
        if case.closed_at is not None:
            raise ValidationError.single("case", _("The case is closed; reopen it first."))
        return case

    def _finish(self, session: Session, case: Case, detail: str, why: str) -> CaseSummary:
        case.updated_at = self.ctx.clock.now()
        refresh_deadline(session, self.ctx, case, reason=why)
        audit.record(session, self.ctx, "update", "case", case.id, detail)
        return summary_of(session, case)

    def record_interview(
        self, case_id: CaseId, on: date | None = None, reason: str = ""
    ) -> CaseSummary:
        """The environmental interview (or its update) was carried out ``on`` (default today)."""
        with self.db.transaction() as session:
            case = self._case(session, case_id)
            on = day_of_step(
                self.ctx,
                on,
                "interview_date",
                _("The interview's date cannot be in the future."),
                case.application_date,
                _("The interview cannot be earlier than the application ({date})."),
            )
            reason = clean_reason(reason)
            add_event(
                session,
                self.ctx,
                case,
                "interview",
                format_date(case.interview_date),
                format_date(on),
                reason,
            )
            case.interview_date = on
            return self._finish(session, case, "interview", _("interview recorded"))

    def record_decision(
        self, case_id: CaseId, on: date | None = None, reason: str = "", number: str = ""
    ) -> CaseSummary:
        """The decision ``number`` was issued ``on`` (default today)."""
        with self.db.transaction() as session:
            case = self._case(session, case_id)
            facts = facts_of(session, case)
            if not facts.needs_decision:
                raise ValidationError.single(
                    "decision_date", _("This kind of help is not granted by a decision.")
                )
            if case.interview_date is None:
                raise ValidationError.single(
                    "decision_date",
                    _("Record the environmental interview first: a decision needs it."),
                )
            on = day_of_step(
                self.ctx,
                on,
                "decision_date",
                _("The decision's date cannot be in the future."),
                case.interview_date,
                _("The decision cannot be earlier than the interview ({date})."),
            )
            if self._open_suspension(session, case) is not None:
                raise ValidationError.single(
                    "decision_date",
                    _("The proceedings are suspended; resume them before recording the decision."),
                )
            reason = clean_reason(reason)
            number = number.strip()
            if len(number) > MAX_DECISION_NUMBER:
                raise ValidationError.single(
                    "decision_number",
                    _("This text is too long (at most {n} characters).").format(
                        n=MAX_DECISION_NUMBER
                    ),
                )
            add_event(
                session,
                self.ctx,
                case,
                "decision",
                format_date(case.decision_date),
                format_date(on),
                reason,
            )
            if number and number != case.decision_number:
                add_event(
                    session, self.ctx, case, "decision_number", case.decision_number or "", number
                )
                case.decision_number = number
            case.decision_date = on
            return self._finish(session, case, "decision", _("decision recorded"))

    # --- suspensions ----------------------------------------------------------------------

    def _open_suspension(self, session: Session, case: Case) -> CaseSuspension | None:
        return _open_suspension(session, case)

    def _pending_decision(self, session: Session, case: Case, field: str) -> None:
        _require_pending_decision(session, case, field)

    def suspend(self, case_id: CaseId, since: date | None, reason: str) -> CaseSummary:
        """Stop the decision clock from ``since`` (default today), e.g. while awaiting the
        party's documents; the days until resuming are not counted (KPA art. 35 § 5)."""
        with self.db.transaction() as session:
            case = self._case(session, case_id)
            self._pending_decision(session, case, "since")
            if (current := self._open_suspension(session, case)) is not None:
                raise ValidationError.single(
                    "since",
                    _("The proceedings are already suspended since {date}.").format(
                        date=format_date(current.starts_on)
                    ),
                )
            since = day_of_step(
                self.ctx,
                since,
                "since",
                _("A suspension cannot start in the future."),
                case.application_date,
                _("A suspension cannot start before the application ({date})."),
            )
            last_end = session.scalar(
                select(CaseSuspension.ends_on)
                .where(CaseSuspension.case_id == case.id)
                .order_by(CaseSuspension.ends_on.desc())
            )
            if last_end is not None and since <= last_end:
                raise ValidationError.single(
                    "since",
                    _("This overlaps the previous suspension, which ended on {date}.").format(
                        date=format_date(last_end)
                    ),
                )
            reason = clean_reason(reason, "reason", required=True)
            if errors := add_too_long({}, {"reason": (reason, CaseSuspension.reason)}):
                raise ValidationError(errors)
            session.add(CaseSuspension(case_id=case.id, starts_on=since, reason=reason))
            add_event(session, self.ctx, case, "suspended", "", format_date(since), reason)
            return self._finish(session, case, "suspend", _("Proceedings suspended"))

    def resume(self, case_id: CaseId, on: date | None = None, reason: str = "") -> CaseSummary:
        """End the open suspension; ``on`` (default today) is its last stopped day."""
        with self.db.transaction() as session:
            case = self._case(session, case_id)
            suspension = self._open_suspension(session, case)
            if suspension is None:
                raise ValidationError.single("on", _("The proceedings are not suspended."))
            on = day_of_step(
                self.ctx,
                on,
                "on",
                _("The proceedings cannot be resumed on a future day."),
                suspension.starts_on,
                _("The proceedings cannot resume before the suspension began ({date})."),
            )
            reason = clean_reason(reason)
            suspension.ends_on = on
            add_event(
                session,
                self.ctx,
                case,
                "resumed",
                format_date(suspension.starts_on),
                format_date(on),
                reason,
            )
            return self._finish(
                session,
                case,
                "resume",
                _("suspended {first} \u2013 {last}").format(
                    first=format_date(suspension.starts_on), last=format_date(on)
                ),
            )

    # --- art. 36 --------------------------------------------------------------------------

    def give_notice(self, case_id: CaseId, new_date: date, reason: str) -> CaseSummary:
        """Record the art. 36 KPA notice: the party was told why the decision is late and
        given ``new_date``, which becomes the decision's deadline."""
        with self.db.transaction() as session:
            case = self._case(session, case_id)
            plan = notice_plan(session, self.ctx, case, new_date, reason)
            apply_notice(session, self.ctx, case, plan)
            return self._finish(session, case, "notice", _("notice of delay (art. 36 KPA)"))

    # --- art. 64 § 2: the party completes the application ---------------------------------

    def record_completion(self, case_id: CaseId, on: date | None = None) -> CaseSummary:
        """The party completed the application ``on`` (default today), answering the summons:
        the case stops waiting; days of the 7 after ``on`` count again towards the decision."""
        with self.db.transaction() as session:
            case = self._case(session, case_id)
            summons = pending_summons(session, case)
            if summons is None:
                raise ValidationError.single(
                    "on", _("No summons to complete the application is waiting for an answer.")
                )
            on = day_of_step(
                self.ctx,
                on,
                "on",
                _("The application cannot be completed on a future day."),
                summons.starts_on - timedelta(days=1),  # the day the summons was delivered
                _("The summons was delivered on {date}; the answer cannot be earlier."),
            )
            period = f"{format_date(summons.starts_on)} \u2013 {format_date(summons.ends_on)}"
            summons.settled_on = self.ctx.clock.today()
            if on < summons.starts_on:  # answered at once: no day was waited
                session.delete(summons)
            elif summons.ends_on is not None and on < summons.ends_on:
                summons.ends_on = on
            add_event(session, self.ctx, case, "completed", period, format_date(on))
            return self._finish(session, case, "completed", _("application completed"))

    # --- the decision's delivery (KPA art. 129 § 2) --------------------------------------

    def record_delivery(self, case_id: CaseId, on: date | None = None) -> CaseSummary:
        """The decision was delivered to the party ``on`` (default today): the 14 days to
        appeal run from it; a case ending in that decision closes once it is final."""
        with self.db.transaction() as session:
            case = self._case(session, case_id)
            apply_delivery(session, self.ctx, case, delivery_plan(self.ctx, case, on))
            return self._finish(session, case, "delivered", _("decision delivered"))


# --- steps a printed letter takes in its own transaction (services/letters) -----------------


@dataclass(frozen=True)
class NoticePlan:
    current: date  # the decision's deadline until now
    new_date: date
    reason: str


def notice_plan(
    session: Session, ctx: ServiceContext, case: Case, new_date: date | None, reason: str
) -> NoticePlan:
    """The art. 36 notice checked (nothing written): the new date is a working day after the
    current deadline and today; a reason is given."""
    _require_pending_decision(session, case, "new_date")
    facts = facts_of(session, case)
    today = ctx.clock.today()
    current = case.notice_new_date or decision_due(
        case.application_date, case.complex, facts.suspensions, today
    )
    if new_date is None or new_date <= max(current, today):
        raise ValidationError.single(
            "new_date",
            _(
                "The new date must be later than the current deadline ({date}) and than today."
            ).format(date=format_date(current)),
        )
    if not is_working_day(new_date):
        raise ValidationError.single(
            "new_date",
            _("{date} is a day off; choose a working day.").format(date=format_date(new_date)),
        )
    reason = clean_reason(reason, "reason", required=True)
    if errors := add_too_long({}, {"reason": (reason, Case.notice_reason)}):
        raise ValidationError(errors)
    return NoticePlan(current, new_date, reason)


def apply_notice(session: Session, ctx: ServiceContext, case: Case, plan: NoticePlan) -> None:
    add_event(
        session,
        ctx,
        case,
        "notice",
        format_date(plan.current),
        format_date(plan.new_date),
        plan.reason,
    )
    case.notice_new_date = plan.new_date
    case.notice_reason = plan.reason


MAX_SUMMONS_AHEAD = 30  # days: a summons delivered later is printed later


def pending_summons(session: Session, case: Case) -> CaseSuspension | None:
    """The summons' waiting period not yet settled, if any."""
    return session.scalar(
        select(CaseSuspension).where(
            CaseSuspension.case_id == case.id,
            CaseSuspension.kind == SUMMONS,
            CaseSuspension.settled_on.is_(None),
        )
    )


def summons_plan(
    session: Session, ctx: ServiceContext, case: Case, counted_from: date | None
) -> SummonsPeriod:
    """The 7 days of a summons delivered on ``counted_from`` (default today), checked."""
    _require_pending_decision(session, case, "counted_from")
    today = ctx.clock.today()
    counted_from = counted_from or today
    if pending_summons(session, case) is not None:
        raise ValidationError.single(
            "counted_from",
            _(
                "A summons is already waiting for the party's answer; record the answer (or "
                "close the case) before summoning again."
            ),
        )
    if _open_suspension(session, case) is not None:
        raise ValidationError.single(
            "counted_from",
            _("The proceedings are suspended; resume them before summoning the party."),
        )
    if counted_from < case.application_date:
        raise ValidationError.single(
            "counted_from",
            _("The period cannot start before the application ({date}).").format(
                date=format_date(case.application_date)
            ),
        )
    if counted_from > today + timedelta(days=MAX_SUMMONS_AHEAD):
        raise ValidationError.single(
            "counted_from",
            _("The period can start at most {n} days from today.").format(n=MAX_SUMMONS_AHEAD),
        )
    return summons_period(counted_from)


def apply_summons(
    session: Session,
    ctx: ServiceContext,
    case: Case,
    period: SummonsPeriod,
    missing: str,
    letter_id: int | None,
) -> None:
    """The case waits for the party from the period's first to its last day."""
    session.add(
        CaseSuspension(
            case_id=case.id,
            starts_on=period.first_day,
            ends_on=period.last_day,
            reason=missing[: CaseSuspension.reason.type.length or 300],
            kind=SUMMONS,
            letter_id=letter_id,
        )
    )
    add_event(
        session,
        ctx,
        case,
        "summons",
        format_date(period.first_day),
        format_date(period.last_day),
        missing,
    )


def delivery_plan(ctx: ServiceContext, case: Case, on: date | None) -> AppealPeriod:
    """The delivery of the recorded decision ``on`` (default today), checked."""
    if case.decision_date is None:
        raise ValidationError.single(
            "delivered_on", _("Record the decision first: only an issued decision is delivered.")
        )
    on = day_of_step(
        ctx,
        on,
        "delivered_on",
        _("The delivery's date cannot be in the future."),
        case.decision_date,
        _("The decision cannot be delivered before it was issued ({date})."),
    )
    return appeal_period(on)


def apply_delivery(session: Session, ctx: ServiceContext, case: Case, plan: AppealPeriod) -> None:
    add_event(
        session,
        ctx,
        case,
        "delivered",
        format_date(case.decision_delivered_on),
        format_date(plan.delivered_on),
        _("appeal until {date}").format(date=format_date(plan.last_day)),
    )
    case.decision_delivered_on = plan.delivered_on


def _open_suspension(session: Session, case: Case) -> CaseSuspension | None:
    return session.scalar(
        select(CaseSuspension).where(
            CaseSuspension.case_id == case.id, CaseSuspension.ends_on.is_(None)
        )
    )


def _require_pending_decision(session: Session, case: Case, field: str) -> None:
    if not facts_of(session, case).needs_decision:
        raise ValidationError.single(
            field, _("Only proceedings that end in a decision have a decision deadline.")
        )
    if case.decision_date is not None:
        raise ValidationError.single(field, _("The decision has already been issued."))
