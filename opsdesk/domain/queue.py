"""Rules of the first-contact desk's queue, with no database and no Qt.

- Who is next: people with a priority (disability, pregnancy, aged 75+, crisis) before the
  others, then by arrival. A person redirected to another team keeps the time they arrived,
  so they take the place in the new queue that their arrival gives them.
- Which actions a visit allows in each state (waiting, called, in service, done ...).
- Ticket numbers as shown and printed: ``Ś-012`` (team letter, number of the day).
- Statistics: median and 90th percentile (linear interpolation between the closest ranks,
  as PERCENTILE.INC in a spreadsheet), and the waiting and service times of each team worked
  out from a visit's history of actions.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from opsdesk.i18n import N_, _

T = TypeVar("T")


class Channel(str, enum.Enum):
    IN_PERSON = "in_person"
    PHONE = "phone"
    EMAIL = "email"
    LETTER = "letter"
    EPUAP = "epuap"

    @property
    def label(self) -> str:
        return _(CHANNEL_LABELS[self])

    @property
    def gets_ticket(self) -> bool:
        """Only a person standing at the desk gets a ticket and a place in a queue."""
        return self is Channel.IN_PERSON


CHANNEL_LABELS = {
    Channel.IN_PERSON: N_("In person"),
    Channel.PHONE: N_("Phone"),
    Channel.EMAIL: N_("E-mail"),
    Channel.LETTER: N_("Letter"),
    Channel.EPUAP: N_("ePUAP"),
}


class PriorityReason(str, enum.Enum):
    DISABILITY = "disability"
    PREGNANT = "pregnant"
    AGED_75 = "aged_75"
    CRISIS = "crisis"

    @property
    def label(self) -> str:
        return _(PRIORITY_LABELS[self])


PRIORITY_LABELS = {
    PriorityReason.DISABILITY: N_("Person with a disability"),
    PriorityReason.PREGNANT: N_("Pregnant woman"),
    PriorityReason.AGED_75: N_("Aged 75 or more"),
    PriorityReason.CRISIS: N_("Crisis situation"),
}

PRIORITY_LEVEL = 1  # every reason puts the person before those without one
PRIORITY_AGE = 75  # a person this old is served first (the office's rule for its queue)


def age_on(birth_date: date, day: date) -> int:
    """Full years on ``day`` (a person born on 29 February turns a year older on 1 March)."""
    years = day.year - birth_date.year
    return years - ((day.month, day.day) < (birth_date.month, birth_date.day))


def proposed_priority(birth_date: date | None, day: date) -> PriorityReason | None:
    """The priority the desk proposes from a client's birth date (from the PESEL): aged 75 or
    more on ``day``; None when the birth date is unknown or the person is younger."""
    if birth_date is None or age_on(birth_date, day) < PRIORITY_AGE:
        return None
    return PriorityReason.AGED_75


def state_label(code: str) -> str:
    try:
        return VisitState(code).label
    except ValueError:
        return code


def priority_label(code: str) -> str:
    try:
        return PriorityReason(code).label
    except ValueError:
        return code


class VisitState(str, enum.Enum):
    WAITING = "waiting"
    CALLED = "called"
    IN_SERVICE = "in_service"
    ON_HOLD = "on_hold"
    DONE = "done"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return _(STATE_LABELS[self])

    @property
    def active(self) -> bool:
        return self in (
            VisitState.WAITING,
            VisitState.CALLED,
            VisitState.IN_SERVICE,
            VisitState.ON_HOLD,
        )


STATE_LABELS = {
    VisitState.WAITING: N_("Waiting"),
    VisitState.CALLED: N_("Called"),
    VisitState.IN_SERVICE: N_("Being served"),
    VisitState.ON_HOLD: N_("On hold"),
    VisitState.DONE: N_("Finished"),
    VisitState.NO_SHOW: N_("Did not come"),
    VisitState.CANCELLED: N_("Cancelled"),
}


class Outcome(str, enum.Enum):
    INFORMATION = "information"
    APPLICATION = "application"
    SENT_TO_TEAM = "sent_to_team"
    PSYCHOLOGIST = "psychologist"
    OUTSIDE = "outside"

    @property
    def label(self) -> str:
        return _(OUTCOME_LABELS[self])

    @property
    def needs_team(self) -> bool:
        return self is Outcome.SENT_TO_TEAM

    @property
    def is_referral(self) -> bool:
        return self in (Outcome.SENT_TO_TEAM, Outcome.PSYCHOLOGIST, Outcome.OUTSIDE)


OUTCOME_LABELS = {
    Outcome.INFORMATION: N_("Information given"),
    Outcome.APPLICATION: N_("Application accepted"),
    Outcome.SENT_TO_TEAM: N_("Sent to a team"),
    Outcome.PSYCHOLOGIST: N_("Referred to the psychologist"),
    Outcome.OUTSIDE: N_("Referred outside the centre"),
}


class QueueAction(str, enum.Enum):
    """What can happen to a visit; each is recorded with who and when."""

    REGISTER = "register"
    CALL = "call"
    RECALL = "recall"
    START = "start"
    FINISH = "finish"
    REDIRECT = "redirect"
    NO_SHOW = "no_show"
    CANCEL = "cancel"
    HOLD = "hold"  # stepped aside (fetching a document ...): not called until resumed
    RESUME = "resume"  # back in the queue, in the place the arrival gives
    UNDO_NO_SHOW = "undo_no_show"  # came after all (the same day): back in the queue
    UNDO_CANCEL = "undo_cancel"  # cancelled by mistake (within UNDO_MINUTES): back in the queue
    CALL_OUT_OF_TURN = "call_out_of_turn"  # a chosen person before the head, with a reason
    CORRECT = "correct"  # the day's log corrected (channel, purpose, outcome), with a reason


_W, _C, _S, _H = VisitState.WAITING, VisitState.CALLED, VisitState.IN_SERVICE, VisitState.ON_HOLD
ALLOWED_FROM: dict[QueueAction, frozenset[VisitState]] = {
    QueueAction.CALL: frozenset({_W}),
    QueueAction.CALL_OUT_OF_TURN: frozenset({_W}),
    QueueAction.RECALL: frozenset({_C}),
    QueueAction.START: frozenset({_C}),
    QueueAction.FINISH: frozenset({_C, _S}),
    QueueAction.REDIRECT: frozenset({_W, _C, _S, _H}),
    QueueAction.NO_SHOW: frozenset({_C}),
    QueueAction.CANCEL: frozenset({_W, _C, _H}),
    QueueAction.HOLD: frozenset({_W, _C}),
    QueueAction.RESUME: frozenset({_H}),
    QueueAction.UNDO_NO_SHOW: frozenset({VisitState.NO_SHOW}),
    QueueAction.UNDO_CANCEL: frozenset({VisitState.CANCELLED}),
}

STATE_AFTER = {
    QueueAction.CALL: VisitState.CALLED,
    QueueAction.RECALL: VisitState.CALLED,
    QueueAction.START: VisitState.IN_SERVICE,
    QueueAction.FINISH: VisitState.DONE,
    QueueAction.REDIRECT: VisitState.WAITING,
    QueueAction.NO_SHOW: VisitState.NO_SHOW,
    QueueAction.CANCEL: VisitState.CANCELLED,
    QueueAction.HOLD: VisitState.ON_HOLD,
    QueueAction.RESUME: VisitState.WAITING,
    QueueAction.UNDO_NO_SHOW: VisitState.WAITING,
    QueueAction.UNDO_CANCEL: VisitState.WAITING,
    QueueAction.CALL_OUT_OF_TURN: VisitState.CALLED,
}


def can_do(action: QueueAction, state: str) -> bool:
    return VisitState(state) in ALLOWED_FROM[action]


UNDO_MINUTES = 15  # a cancelled visit can be restored this long after the cancel


def undo_of(state: str) -> QueueAction | None:
    """What "undo" means for a visit in ``state``: a "did not come" or a cancel, else none."""
    return {
        VisitState.NO_SHOW.value: QueueAction.UNDO_NO_SHOW,
        VisitState.CANCELLED.value: QueueAction.UNDO_CANCEL,
    }.get(state)


# --- tickets and order -------------------------------------------------------------------


TICKET_LANGUAGES = {  # the language of a printed ticket, each name in its own language
    "pl": "Polski",
    "uk": "Українська",
    "en": "English",
}
DEFAULT_TICKET_LANGUAGE = "pl"


def format_ticket(letter: str | None, number: int | None) -> str:
    """``Ś-012``; an empty string for a contact without a ticket."""
    if not letter or number is None:
        return ""
    return f"{letter}-{number:03d}"


def fallback_letter(team_name: str) -> str:
    """The letter of a team the administrator gave none: the first letter of its name."""
    for char in team_name:
        if char.isalpha():
            return char.upper()
    return "X"


def queue_key(priority: int, arrived_at: datetime, tiebreak: int = 0) -> tuple[int, datetime, int]:
    """Sort key of a waiting person: higher priority first, then earlier arrival."""
    return (-priority, arrived_at, tiebreak)


@dataclass(frozen=True)
class Waiting:
    """What the order needs to know about a waiting person."""

    visit_id: int
    priority: int
    arrived_at: datetime
    target_worker_id: int | None = None


def in_queue_order(people: Iterable[T], key: Callable[[T], tuple[Any, ...]]) -> list[T]:
    return sorted(people, key=key)


def next_in_queue(people: Iterable[Waiting], worker_id: int | None = None) -> Waiting | None:
    """Who is called next. With ``worker_id`` (a worker calling from their own screen), only
    people sent to that worker or to no one in particular are eligible."""
    eligible = [p for p in people if worker_id is None or p.target_worker_id in (None, worker_id)]
    if not eligible:
        return None
    return min(eligible, key=lambda p: queue_key(p.priority, p.arrived_at, p.visit_id))


# --- statistics --------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float | None:
    """The ``q``-th quantile (0..1) with linear interpolation between the closest ranks
    (PERCENTILE.INC); None for no values."""
    if not values:
        return None
    if not 0 <= q <= 1:
        raise ValueError("q must be between 0 and 1")
    ordered = sorted(values)
    rank = q * (len(ordered) - 1)
    low = math.floor(rank)
    high = math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def median(values: Sequence[float]) -> float | None:
    return percentile(values, 0.5)


@dataclass(frozen=True)
class Step:
    """One recorded action of a visit: what, when, and the team whose queue it is in after."""

    action: str
    at: datetime
    team_id: int | None
    actor_id: int | None = None  # who did it (for a call: the worker who called)


@dataclass(frozen=True)
class Timing:
    """A measured interval of one team: ``kind`` is "wait" or "service", in minutes."""

    team_id: int | None
    kind: str
    minutes: float
    actor_id: int | None = None  # a wait: the worker whose call ended it


def timings(steps: Sequence[Step]) -> list[Timing]:
    """Waiting and service times in a visit's history, each credited to its team.

    Waiting runs from entering a team's queue (registration or redirect) to the first call
    (a repeated call does not restart it; time on hold while waiting counts as waiting; a
    person put on hold after a call or back after "did not come" waits anew). Service runs
    from the start — or from the call when the person was served without pressing "start" —
    to the finish or a redirect.
    """
    found: list[Timing] = []
    team: int | None = None
    queued_at: datetime | None = None
    called_at: datetime | None = None
    started_at: datetime | None = None

    def minutes(start: datetime, end: datetime) -> float:
        return (end - start).total_seconds() / 60

    for step in sorted(steps, key=lambda s: s.at):
        action = step.action
        if action == QueueAction.REGISTER:
            team, queued_at, called_at, started_at = step.team_id, step.at, None, None
        elif (
            action in (QueueAction.CALL, QueueAction.CALL_OUT_OF_TURN)
            and queued_at is not None
            and called_at is None
        ):
            called_at = step.at
            found.append(Timing(team, "wait", minutes(queued_at, step.at), step.actor_id))
        elif action == QueueAction.START and called_at is not None:
            started_at = step.at
        elif action in (QueueAction.FINISH, QueueAction.REDIRECT):
            begun = started_at or called_at
            if begun is not None:
                found.append(Timing(team, "service", minutes(begun, step.at)))
            if action == QueueAction.REDIRECT and (begun is not None or step.team_id != team):
                team, queued_at, called_at, started_at = step.team_id, step.at, None, None
            # moved to another worker of the same team before a call: the wait runs on
        elif action in (QueueAction.NO_SHOW, QueueAction.CANCEL):
            called_at = started_at = None
        elif action in (QueueAction.UNDO_NO_SHOW, QueueAction.UNDO_CANCEL) or (
            action == QueueAction.HOLD and called_at is not None
        ):
            # came late after all, or stepped aside when called: waits anew until the next call
            queued_at, called_at, started_at = step.at, None, None
    return found


def outcome_of(code: str | None) -> Outcome | None:
    """The outcome stored as ``code``; None for none or a value this version does not know."""
    try:
        return Outcome(code) if code else None
    except ValueError:
        return None


class Settlement(str, enum.Enum):
    """Where a contact of the day stands, as the desk's log says it."""

    SETTLED = "settled"  # finished with an outcome
    OPEN = "open"  # still waiting, called, being served or on hold
    NOT_SETTLED = "not_settled"  # did not come, or cancelled

    @property
    def label(self) -> str:
        return _(SETTLEMENT_LABELS[self])


SETTLEMENT_LABELS = {
    Settlement.SETTLED: N_("Settled"),
    Settlement.OPEN: N_("In progress"),
    Settlement.NOT_SETTLED: N_("Not settled"),
}


def settlement(state: str) -> Settlement:
    visit_state = VisitState(state)
    if visit_state is VisitState.DONE:
        return Settlement.SETTLED
    return Settlement.OPEN if visit_state.active else Settlement.NOT_SETTLED


MAX_WAIT_TARGET = 24 * 60  # minutes: a queue's waiting-time target is 1 minute to a day
RATINGS = (1, 2, 3, 4, 5)  # the survey after a visit: 1 = very dissatisfied, 5 = very satisfied


def within_target(wait_minutes: float, target_minutes: int | None) -> bool:
    """A wait counts as within the queue's target when it is no longer than the target."""
    return target_minutes is not None and wait_minutes <= target_minutes


def finished_at_first_contact(
    outcome: str | None, served_by_first_contact: bool, redirected: bool
) -> bool:
    """A matter settled at the desk itself: information given or an application accepted by
    the first-contact team, without sending the person on."""
    if outcome is None or redirected or not served_by_first_contact:
        return False
    known = outcome_of(outcome)
    return known is None or not known.is_referral
