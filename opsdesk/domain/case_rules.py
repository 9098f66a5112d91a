"""Rules of a case's way across its team's board, its statutory deadlines and its file number.

Pure functions (no database, no Qt); services and the demo generator call them.

Deadlines of an open case (docs/law.md, computed by ``opsdesk.domain.deadlines``):

- environmental interview, for a kind needing a decision, until the interview is recorded:
  14 working days from the application (2 working days when urgent);
- decision, for a kind needing a decision, until it is issued: 1 month from the application
  (2 months when particularly complicated), moved by the periods of suspension (KPA art. 35
  § 5); after an art. 36 notice, the new date given to the party;
- interview update, for a continuing benefit once the interview is recorded (and the decision
  issued, for a kind needing one): 6 months after the last interview (art. 107 u.p.s.);
- completion of the application, after a summons (art. 64 § 2 KPA), until the worker records
  that the party completed it (or closes the case): the 7 days' last day. Those days do not
  count towards the decision's deadline (art. 35 § 5): they are a period of ``suspensions``
  with a known end, so the decision's date is known and moves by them.
- forwarding an appeal to the appeals board (SKO), for each appeal lodged against the decision
  and neither forwarded nor ended without the board: 7 days from its lodging (KPA art. 133).

While an open-ended suspension runs the decision clock is stopped: that deadline is listed
with ``stopped=True`` and is not the case's *next* deadline (it moves every day until resumed).

Moves on the board (``move_problem``): a card may go to any column of its team's board, except
that, for a kind needing a decision (and so an interview before it), a column after the
"interview" column is refused until the interview's date is recorded; closing needs an
outcome and reopening a reason. Moving to the "decided" column records the decision as issued
on the day of the move (the service does it).
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from opsdesk.domain.deadlines import decision_due, due_date, rule_label
from opsdesk.i18n import N_, _

NOTICE_RULE = "decision_notice"  # the new date of an art. 36 notice
COMPLETION_RULE = "completion"  # the summons' period (deadlines.RULES)
APPEAL_FORWARD_RULE = "appeal_forward"  # KPA art. 133 (domain.appeals.forward_due)
INTERVIEW_CODE = "interview"
DECIDED_CODE = "decided"
DECISION_CODES = frozenset({"decision", DECIDED_CODE})

DEFAULT_FILE_PATTERN = "OPS.{seq}.{year}"
FILE_PATTERN_FIELDS = frozenset({"seq", "year"})
MAX_FILE_NUMBER = 60

_EXTRA_LABELS = {NOTICE_RULE: N_("decision (new date, art. 36 KPA)")}


@dataclass(frozen=True)
class CaseFacts:
    """What the deadlines of one case depend on."""

    application_date: date
    needs_decision: bool
    continuing: bool = False
    urgent: bool = False
    complex: bool = False
    interview_date: date | None = None
    decision_date: date | None = None
    notice_new_date: date | None = None
    suspensions: tuple[tuple[date, date | None], ...] = ()
    closed: bool = False
    awaiting_completion: date | None = None  # last day of a summons' period not yet settled
    appeals_to_forward: tuple[date, ...] = ()  # lodging days of appeals not yet sent to SKO


@dataclass(frozen=True)
class CaseDeadline:
    rule: str
    due: date
    stopped: bool = False  # the decision clock is stopped by an open suspension

    @property
    def label(self) -> str:
        return deadline_label(self.rule)


@dataclass(frozen=True)
class BoardStatus:
    """One column of a team's board, as the rules see it."""

    id: int
    code: str
    name: str
    position: int
    closes_case: bool = False


def deadline_label(rule: str) -> str:
    """Translated name of a deadline rule, including the art. 36 new date."""
    if rule in _EXTRA_LABELS:
        return _(_EXTRA_LABELS[rule])
    return rule_label(rule)


def needs_interview(facts: CaseFacts) -> bool:
    """A decision is given only after an environmental interview (art. 106 ust. 4 u.p.s.)."""
    return facts.needs_decision


def open_suspension(facts: CaseFacts, today: date) -> date | None:
    """The first day of the open-ended suspension running today, if any (a period with a known
    last day, such as a summons' 7 days, moves the deadline by a known number of days and
    stops nothing)."""
    for first, last in facts.suspensions:
        if first <= today and last is None:
            return first
    return None


def case_deadlines(facts: CaseFacts, today: date) -> list[CaseDeadline]:
    """Every deadline still running on an open case, earliest first (none when closed)."""
    if facts.closed:
        return []
    found: list[CaseDeadline] = []
    if needs_interview(facts) and facts.interview_date is None:
        rule = "interview_urgent" if facts.urgent else "interview"
        found.append(CaseDeadline(rule, due_date(rule, facts.application_date)))
    if facts.needs_decision and facts.decision_date is None:
        stopped = open_suspension(facts, today) is not None
        if facts.notice_new_date is not None:
            found.append(CaseDeadline(NOTICE_RULE, facts.notice_new_date, stopped))
        else:
            rule = "decision_complex" if facts.complex else "decision"
            due = decision_due(facts.application_date, facts.complex, facts.suspensions, today)
            found.append(CaseDeadline(rule, due, stopped))
        if facts.awaiting_completion is not None:
            found.append(CaseDeadline(COMPLETION_RULE, facts.awaiting_completion))
    decided = facts.decision_date is not None or not facts.needs_decision
    if facts.continuing and facts.interview_date is not None and decided:
        found.append(
            CaseDeadline("interview_update", due_date("interview_update", facts.interview_date))
        )
    found += (
        CaseDeadline(APPEAL_FORWARD_RULE, due_date(APPEAL_FORWARD_RULE, lodged_on))
        for lodged_on in facts.appeals_to_forward
    )
    return sorted(found, key=lambda d: (d.due, d.rule))


def next_deadline(facts: CaseFacts, today: date) -> CaseDeadline | None:
    """The earliest deadline whose clock is running (what the board shows and sorts by)."""
    running = [d for d in case_deadlines(facts, today) if not d.stopped]
    return running[0] if running else None


def cached_deadline(facts: CaseFacts, today: date) -> tuple[date | None, str | None]:
    """``(next_due, next_due_rule)`` as stored on a case for the board index."""
    found = next_deadline(facts, today)
    return (found.due, found.rule) if found else (None, None)


# --- moves on the board ----------------------------------------------------------------------


def requires_interview(target: BoardStatus, statuses: Sequence[BoardStatus]) -> bool:
    """Whether a card may enter ``target`` only after the interview (see the module doc)."""
    if target.closes_case:
        return False
    interview = next((s for s in statuses if s.code == INTERVIEW_CODE), None)
    if interview is not None:
        return target.position > interview.position
    return target.code in DECISION_CODES


def move_problem(
    facts: CaseFacts,
    statuses: Sequence[BoardStatus],
    current_id: int,
    target_id: int,
    reason: str = "",
) -> str | None:
    """Why the card cannot go from column ``current_id`` to ``target_id``; None if it can.

    ``statuses`` are the columns of the case's own team; ``reason`` is the outcome when
    closing, or why, when reopening.
    """
    by_id = {s.id: s for s in statuses}
    target = by_id.get(target_id)
    if target is None:
        return _("This status is not a column of the team's board.")
    current = by_id.get(current_id)
    if target_id == current_id:
        return _("The case is already in the column \u201e{status}\u201d.").format(
            status=target.name
        )
    if (
        requires_interview(target, statuses)
        and needs_interview(facts)
        and (facts.interview_date is None)
    ):
        return _(
            "The case cannot go to \u201e{status}\u201d yet: this kind of help is granted by a "
            "decision, which needs an environmental interview first, and no interview has "
            "been recorded. Enter the interview's date in the case first."
        ).format(status=target.name)
    if target.closes_case and not reason.strip():
        return _("Say how the case ended (the outcome) to close it.")
    if (
        current is not None
        and current.closes_case
        and not target.closes_case
        and (not reason.strip())
    ):
        return _("Say why the closed case is reopened.")
    return None


def records_decision(target: BoardStatus) -> bool:
    """Moving into this column means the decision was issued."""
    return target.code == DECIDED_CODE


# --- file numbers ----------------------------------------------------------------------------


def file_pattern_problem(pattern: str) -> str | None:
    """Why ``pattern`` cannot number case files; None if it can.

    A pattern uses ``{seq}`` (the number within the year, e.g. ``{seq:04d}`` for 0001) and
    ``{year}``; both are needed, so numbers stay unique and restart every year.
    """
    text = pattern.strip()
    if not text:
        return _("Enter a pattern for file numbers, e.g. {example}.").format(
            example=DEFAULT_FILE_PATTERN
        )
    malformed = _(
        "The pattern is malformed; use {{seq}} and {{year}} in braces, e.g. {example}."
    ).format(example=DEFAULT_FILE_PATTERN)
    try:
        names = [
            name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None
        ]
    except ValueError:
        return malformed
    if "" in names or any(name.isdigit() for name in names):
        return malformed
    if set(names) != FILE_PATTERN_FIELDS:
        return _(
            "The pattern must contain {{seq}} and {{year}} and nothing else in braces, "
            "e.g. {example}."
        ).format(example=DEFAULT_FILE_PATTERN)
    try:
        sample = text.format(seq=123, year=2026)
    except (ValueError, IndexError, KeyError, AttributeError):
        return malformed
    if len(sample) > MAX_FILE_NUMBER - 6:
        return _("The pattern is too long.")
    return None


def format_file_number(pattern: str, seq: int, year: int) -> str:
    """E.g. ``format_file_number("OPS.{seq}.{year}", 12, 2026) == "OPS.12.2026"``."""
    return pattern.strip().format(seq=seq, year=year)
