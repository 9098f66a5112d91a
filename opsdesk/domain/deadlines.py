"""Statutory deadlines of a case (docs/law.md).

| rule               | period            | source                                              |
|--------------------|-------------------|-----------------------------------------------------|
| interview          | 14 working days   | rozp. MRiPS 8.04.2021, Dz.U. 2021 poz. 893, § 3     |
| interview_urgent   | 2 working days    | same, urgent cases ("niezwłocznie")                 |
| interview_update   | 6 months          | art. 107 u.p.s.                                     |
| decision           | 1 month           | KPA art. 35 § 3                                     |
| decision_complex   | 2 months          | KPA art. 35 § 3, a particularly complicated case    |
| appeal             | 14 days           | KPA art. 129 § 2, from delivery of the decision     |
| appeal_forward     | 7 days            | KPA art. 133, forwarding the appeal to the SKO      |
| completion         | 7 days            | KPA art. 64 § 2, completing a deficient application |

Counting (KPA art. 57): the day of the event is never counted; a period in months ends on the
same day of the month, or on the month's last day when there is no such day (§ 3); a period in
days or months ending on a Saturday, Sunday or statutory holiday ends on the next day that is
none of these (§ 4). Working-day periods land on a working day by construction.

Suspensions (KPA art. 35 § 5) stop the clock of a decision; see ``decision_due``.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from opsdesk.domain.errors import DomainError
from opsdesk.domain.workdays import add_working_days, next_day_not_off, working_days_between
from opsdesk.i18n import N_, _

Unit = Literal["working_days", "days", "months"]
Urgency = Literal["overdue", "soon", "ok"]

SOON_WORKING_DAYS = 3


@dataclass(frozen=True)
class Rule:
    name: str
    amount: int
    unit: Unit
    label: str  # untranslated (N_); show with _()


RULES: dict[str, Rule] = {
    rule.name: rule
    for rule in (
        Rule("interview", 14, "working_days", N_("environmental interview")),
        Rule("interview_urgent", 2, "working_days", N_("environmental interview (urgent)")),
        Rule("interview_update", 6, "months", N_("interview update")),
        Rule("decision", 1, "months", N_("decision")),
        Rule("decision_complex", 2, "months", N_("decision (particularly complicated case)")),
        Rule("appeal", 14, "days", N_("appeal by the party")),
        Rule("appeal_forward", 7, "days", N_("forwarding the appeal to the appeals board")),
        Rule("completion", 7, "days", N_("awaiting completion of the application")),
    )
}


@dataclass(frozen=True)
class Deadline:
    rule: str
    due: date
    label: str  # translated when the Deadline was made


def rule_label(rule: str) -> str:
    """The translated label of a rule, e.g. "wywiad środowiskowy"."""
    return _(_rule(rule).label)


def add_months(start: date, months: int) -> date:
    """Same day of the month ``months`` later, or that month's last day (KPA art. 57 § 3)."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def due_date(rule: str, start: date) -> date:
    """The last day of the period ``rule`` that starts with the event on ``start``.

    Raises ValueError for an unknown rule.
    """
    spec = _rule(rule)
    if spec.unit == "working_days":
        return add_working_days(start, spec.amount)
    if spec.unit == "days":
        return next_day_not_off(start + timedelta(days=spec.amount))
    return next_day_not_off(add_months(start, spec.amount))


def deadline(rule: str, start: date) -> Deadline:
    """``due_date`` with the rule's translated label."""
    return Deadline(rule=rule, due=due_date(rule, start), label=rule_label(rule))


def decision_due(
    application_date: date,
    complex: bool,
    suspensions: Sequence[tuple[date, date | None]],
    today: date | None = None,
) -> date:
    """When a decision is due (KPA art. 35 § 3 and § 5), given the periods the clock was stopped.

    Interpretation: each suspension ``(first, last)`` names the first and the last day on which
    the clock was stopped, both inclusive (e.g. 10.03-19.03 is 10 days); an open suspension
    (``last`` is None) keeps the clock stopped up to and including ``today`` (default: the
    current date). Overlapping periods count each day once. Only days after the application
    date count, and a suspension that starts after the (so far extended) deadline has already
    passed extends nothing. The base end (1 or 2 months, art. 57 § 3, without § 4) is moved by
    the stopped days, then art. 57 § 4 moves a Saturday, Sunday or holiday to the next day.
    Raises DomainError (field "suspensions") if a period ends before it starts.
    """
    due = add_months(application_date, 2 if complex else 1)
    for first, last in _merged(suspensions, today):
        first = max(first, application_date + timedelta(days=1))
        if last < first:
            continue
        if first > due:
            break
        due += timedelta(days=(last - first).days + 1)
    return next_day_not_off(due)


def working_days_left(due: date, today: date) -> int:
    """Working days from ``today`` to ``due``: those after today up to and including ``due``.

    0 on the due date itself (and when the only days left are days off); negative when
    overdue: minus the working days after ``due`` up to and including today, but at least -1,
    so a day after the due date is never reported as 0 (e.g. due Friday, today Saturday: -1).
    """
    if today <= due:
        return working_days_between(today, due)
    return -max(1, working_days_between(due, today))


def urgency_class(due: date, today: date) -> Urgency:
    """ "overdue" after the due date, "soon" when due within 3 working days, else "ok"."""
    if today > due:
        return "overdue"
    if working_days_left(due, today) <= SOON_WORKING_DAYS:
        return "soon"
    return "ok"


def _rule(rule: str) -> Rule:
    try:
        return RULES[rule]
    except KeyError:
        raise ValueError(f"unknown deadline rule {rule!r}") from None


def _merged(
    suspensions: Sequence[tuple[date, date | None]], today: date | None
) -> list[tuple[date, date]]:
    """Closed, sorted, non-overlapping periods (an open one ends today)."""
    periods: list[tuple[date, date]] = []
    for first, last in suspensions:
        if last is None:
            last = today if today is not None else date.today()
            if last < first:  # suspended from a day still to come: nothing stopped yet
                continue
        elif last < first:
            raise DomainError(_("A suspension cannot end before it starts."), field="suspensions")
        periods.append((first, last))
    periods.sort()
    merged: list[tuple[date, date]] = []
    for first, last in periods:
        if merged and first <= merged[-1][1] + timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged
