"""How a month's approval reads on a printed sheet (the hour sheet, the supervision
attendance list): who approved it and when, or where it stands, and its correction number."""

from __future__ import annotations

from opsdesk.i18n import _
from opsdesk.printing.formatting import format_date, format_time
from opsdesk.services.hours.records import MonthApprovalRecord


def correction_text(approval: MonthApprovalRecord | None) -> str | None:
    """ "korekta nr 2 z dnia 03.12.2026" for a month reopened after approval, else None."""
    if approval is None or not approval.corrections or approval.reopened_at is None:
        return None
    return _("correction no. {number} of {date}").format(
        number=approval.corrections, date=format_date(approval.reopened_at.date())
    )


def approval_facts(approval: MonthApprovalRecord | None) -> list[tuple[str, str]]:
    """Who approved the month and when, or where it stands when it is not approved yet;
    the sheet's version after a correction."""
    if approval is None:
        return []
    if approval.locked and approval.decided_at is not None:
        when = (
            f"{format_date(approval.decided_at.date())} {format_time(approval.decided_at.time())}"
        )
        facts = [(_("Month approved by"), f"{approval.decided_by}, {when}")]
    else:
        facts = [(_("State of the month"), approval.state.label)]
    if correction := correction_text(approval):
        facts.append((_("Version of the sheet"), correction))
    return facts
