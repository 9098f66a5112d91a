"""The steps a case's deadlines depend on: the environmental interview, the decision,
suspensions of the proceedings (KPA art. 35 § 5) and the art. 36 notice of a new date.

Each step is one transaction: the step, its event, and the case's next deadline recomputed
(with a "deadline" event when that moved).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from opsdesk.domain.case_closing import MAX_DECISION_NUMBER
from opsdesk.domain.deadlines import decision_due
from opsdesk.domain.formatting import format_date
from opsdesk.domain.ids import CaseId
from opsdesk.domain.roles import Action
from opsdesk.domain.workdays import is_working_day
from opsdesk.errors import ValidationError
from opsdesk.i18n import _
from opsdesk.services import audit
from opsdesk.services.cases.access import (
    add_event,
    clean_reason,
    facts_of,
    load_case,
    not_in_future,
    refresh_deadline,
    summary_of,
)
from opsdesk.services.cases.records import CaseSummary
from opsdesk.services.context import Service
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
            on = not_in_future(
                self.ctx, on, "interview_date", _("The interview's date cannot be in the future.")
            )
            if on < case.application_date:
                raise ValidationError.single(
                    "interview_date",
                    _("The interview cannot be earlier than the application ({date}).").format(
                        date=format_date(case.application_date)
                    ),
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
            on = not_in_future(
                self.ctx, on, "decision_date", _("The decision's date cannot be in the future.")
            )
            if on < case.interview_date:
                raise ValidationError.single(
                    "decision_date",
                    _("The decision cannot be earlier than the interview ({date}).").format(
                        date=format_date(case.interview_date)
                    ),
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
        return session.scalar(
            select(CaseSuspension).where(
                CaseSuspension.case_id == case.id, CaseSuspension.ends_on.is_(None)
            )
        )

    def _pending_decision(self, session: Session, case: Case, field: str) -> None:
        if not facts_of(session, case).needs_decision:
            raise ValidationError.single(
                field, _("Only proceedings that end in a decision have a decision deadline.")
            )
        if case.decision_date is not None:
            raise ValidationError.single(field, _("The decision has already been issued."))

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
            since = not_in_future(
                self.ctx, since, "since", _("A suspension cannot start in the future.")
            )
            if since < case.application_date:
                raise ValidationError.single(
                    "since",
                    _("A suspension cannot start before the application ({date}).").format(
                        date=format_date(case.application_date)
                    ),
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
            on = not_in_future(
                self.ctx, on, "on", _("The proceedings cannot be resumed on a future day.")
            )
            if on < suspension.starts_on:
                raise ValidationError.single(
                    "on",
                    _("The proceedings cannot resume before the suspension began ({date}).").format(
                        date=format_date(suspension.starts_on)
                    ),
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
            self._pending_decision(session, case, "new_date")
            facts = facts_of(session, case)
            today = self.ctx.clock.today()
            current = case.notice_new_date or decision_due(
                case.application_date, case.complex, facts.suspensions, today
            )
            if new_date is None or new_date <= max(current, today):
                raise ValidationError.single(
                    "new_date",
                    _(
                        "The new date must be later than the current deadline ({date}) and than "
                        "today."
                    ).format(date=format_date(current)),
                )
            if not is_working_day(new_date):
                raise ValidationError.single(
                    "new_date",
                    _("{date} is a day off; choose a working day.").format(
                        date=format_date(new_date)
                    ),
                )
            reason = clean_reason(reason, "reason", required=True)
            if errors := add_too_long({}, {"reason": (reason, Case.notice_reason)}):
                raise ValidationError(errors)
            add_event(
                session,
                self.ctx,
                case,
                "notice",
                format_date(current),
                format_date(new_date),
                reason,
            )
            case.notice_new_date = new_date
            case.notice_reason = reason
            return self._finish(session, case, "notice", _("notice of delay (art. 36 KPA)"))
