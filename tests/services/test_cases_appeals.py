"""Appeals against a decision: lodged, forwarded to the appeals board within 7 days (KPA art.
133, counted as art. 57: a Saturday or holiday end moves to the next working day), and how
it ended; each step in the case's history."""

from datetime import date, datetime

import pytest
from case_office import fill_board

from opsdesk.domain.appeals import SELF_REVIEW, UPHELD, forward_due
from opsdesk.errors import PermissionDenied, ValidationError


@pytest.fixture
def decided(world):
    return fill_board(world)["decided"]  # decided on Monday 16.03.2026 by the move


def test_the_seven_days_follow_art_57():
    assert forward_due(date(2026, 3, 17)) == date(2026, 3, 24)  # Tuesday -> Tuesday
    assert forward_due(date(2026, 3, 21)) == date(2026, 3, 30)  # Saturday 28th -> Monday 30th
    assert forward_due(date(2026, 12, 18)) == date(2026, 12, 28)  # 25th (holiday) ... -> 28th


def test_an_appeal_is_lodged_forwarded_and_decided(world, decided):
    anna = world.as_("anna")
    world.clock.moment = datetime(2026, 3, 25, 9, 0)
    appeal = anna.appeals.lodge(decided, date(2026, 3, 23), "strona kwestionuje wysokość")
    assert (appeal.forward_due, appeal.forward_overdue) == (date(2026, 3, 30), False)
    world.clock.moment = datetime(2026, 3, 31, 9, 0)
    [waiting] = anna.appeals.of_case(decided)
    assert waiting.forward_overdue  # the 7 days passed on Monday 30.03
    forwarded = anna.appeals.forward(appeal.id, date(2026, 3, 31))
    assert forwarded.forwarded_on == date(2026, 3, 31) and not forwarded.forward_overdue
    world.clock.moment = datetime(2026, 5, 4, 9, 0)
    ended = anna.appeals.settle(appeal.id, UPHELD, date(2026, 4, 28))
    assert ended.outcome_label.startswith("Kolegium utrzymało decyzję w mocy")
    events = [(e.kind, e.to_value, e.reason) for e in anna.cases.get(decided).events]
    assert (
        "appeal",
        "wniesiono 23.03.2026, przekazać do 30.03.2026",
        "strona kwestionuje wysokość",
    ) in events
    assert ("appeal_forwarded", "31.03.2026", "po upływie 7 dni z art. 133 KPA") in events
    assert events[-1][0] == "appeal_outcome"


def test_what_is_refused(world, decided):
    anna = world.as_("anna")
    with pytest.raises(ValidationError) as error:
        anna.appeals.lodge(decided, date(2026, 3, 10))
    assert "przed decyzją (16.03.2026)" in error.value.errors["lodged_on"]
    with pytest.raises(ValidationError):
        anna.appeals.lodge(decided, date(2026, 3, 20))  # in the future
    appeal = anna.appeals.lodge(decided, date(2026, 3, 16))
    with pytest.raises(ValidationError) as error:
        anna.appeals.settle(appeal.id, UPHELD)
    assert "outcome" in error.value.errors  # not forwarded yet
    anna.appeals.settle(appeal.id, SELF_REVIEW)  # granted by the office itself
    assert not anna.appeals.of_case(decided)[0].forward_overdue
    with pytest.raises(PermissionDenied):
        world.as_("celina").appeals.lodge(decided, date(2026, 3, 16))


def test_a_case_without_a_decision_has_nothing_to_appeal(world):
    ids = fill_board(world)
    with pytest.raises(ValidationError) as error:
        world.as_("anna").appeals.lodge(ids["fresh"], date(2026, 3, 16))
    assert "lodged_on" in error.value.errors
