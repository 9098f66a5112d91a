"""How a case may end, and what closing it needs.

A kind of help granted by a decision (art. 106 u.p.s.) ends in one of the ways KPA allows:

- ``decision``: the matter is decided (KPA art. 104); the decision's number and date are
  recorded, and it needs the environmental interview before it (art. 106 ust. 4 u.p.s.);
- ``discontinued``: the proceedings are discontinued by a decision (KPA art. 105), e.g. the
  application was withdrawn; its number and date are recorded, no interview is needed;
- ``unexamined``: the application is left unexamined (KPA art. 64 § 2), no decision;
- ``forwarded``: the application is forwarded to the competent authority (KPA art. 65), no
  decision.

Help without a decision (social work, counselling, crisis intervention) ends ``done``. A case
opened by a hand-off from another team and sent back by the receiving team ends ``returned``
(no proceedings were run; ``services.cases.inbox``), never chosen when closing by hand. Every
ending needs a few words on the outcome (``MIN_OUTCOME`` characters: "x" is not an outcome).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from opsdesk.domain.formatting import format_date
from opsdesk.i18n import N_, _

DECISION = "decision"
DISCONTINUED = "discontinued"
UNEXAMINED = "unexamined"
FORWARDED = "forwarded"
DONE = "done"
RETURNED = "returned"

MIN_OUTCOME = 10
MAX_DECISION_NUMBER = 60


@dataclass(frozen=True)
class Ending:
    code: str
    label: str  # N_() text; translate with _() when shown
    by_decision: bool  # the case ends with a decision whose number and date are recorded


ENDINGS = {
    DECISION: Ending(DECISION, N_("Decision issued (KPA art. 104)"), True),
    DISCONTINUED: Ending(
        DISCONTINUED,
        N_("Proceedings discontinued by a decision (KPA art. 105), e.g. application withdrawn"),
        True,
    ),
    UNEXAMINED: Ending(UNEXAMINED, N_("Application left unexamined (KPA art. 64 \u00a7 2)"), False),
    FORWARDED: Ending(FORWARDED, N_("Forwarded to the competent authority (KPA art. 65)"), False),
    DONE: Ending(DONE, N_("Help given or finished (no decision needed)"), False),
    RETURNED: Ending(RETURNED, N_("Hand-off sent back to the team that sent it"), False),
}


def endings_for(needs_decision: bool) -> list[Ending]:
    """The ways a case of this kind may end, the usual one first."""
    if needs_decision:
        return [ENDINGS[c] for c in (DECISION, DISCONTINUED, UNEXAMINED, FORWARDED)]
    return [ENDINGS[DONE]]


@dataclass(frozen=True)
class Closing:
    """What the person gives to close a case."""

    ending: str | None
    outcome: str
    decision_number: str = ""
    decision_date: date | None = None  # for a decision not recorded yet


def closing_problems(
    *,
    needs_decision: bool,
    application_date: date,
    interview_date: date | None,
    recorded_decision: date | None,
    recorded_number: str,
    closing: Closing,
    today: date,
) -> dict[str, str]:
    """Field -> message for what is missing or wrong; empty when the case may close."""
    problems: dict[str, str] = {}
    allowed = {e.code for e in endings_for(needs_decision)}
    ending = closing.ending or (DONE if not needs_decision else None)
    if ending not in allowed:
        problems["ending"] = _("Choose how the case ended.")
    if len(closing.outcome.strip()) < MIN_OUTCOME:
        problems["outcome"] = _(
            "Describe the outcome in a few words (at least {n} characters)."
        ).format(n=MIN_OUTCOME)
    if ending is None or not ENDINGS[ending].by_decision:
        return problems
    number = closing.decision_number.strip() or recorded_number.strip()
    if not number:
        problems["decision_number"] = _("Give the decision's number.")
    elif len(number) > MAX_DECISION_NUMBER:
        problems["decision_number"] = _("This text is too long (at most {n} characters).").format(
            n=MAX_DECISION_NUMBER
        )
    day = recorded_decision or closing.decision_date
    if day is None:
        problems["decision_date"] = _("Give the decision's date.")
    elif day > today:
        problems["decision_date"] = _("The decision's date cannot be in the future.")
    elif day < application_date:
        problems["decision_date"] = _(
            "The decision cannot be earlier than the application ({date})."
        ).format(date=format_date(application_date))
    elif ending == DECISION and interview_date is None:
        problems["decision_date"] = _(
            "Record the environmental interview first: a decision needs it."
        )
    return problems
