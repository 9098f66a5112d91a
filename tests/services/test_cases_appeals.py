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


def test_the_forwarding_deadline_is_on_the_card_in_the_warnings_and_the_calendar(world, decided):
    """Issue 17: the 7 days of art. 133 are a deadline of the case like the others."""
    anna = world.as_("anna")
    world.clock.moment = datetime(2026, 3, 20, 9, 0)  # a Friday
    appeal = anna.appeals.lodge(decided, date(2026, 3, 16))  # to forward by Monday 23.03
    card = anna.cases.get(decided)
    assert (card.summary.next_due, card.summary.next_due_label) == (
        date(2026, 3, 23),
        "przekazanie odwołania do SKO",
    )
    assert ("appeal_forward", date(2026, 3, 23)) in [(d.rule, d.due) for d in card.deadlines]
    team = card.summary.team_id
    page = anna.boards.page(team, world.statuses["benefits"]["decided"])
    [row] = [r for r in page if r.id == decided]
    assert (row.next_due, row.next_due_rule) == (date(2026, 3, 23), "appeal_forward")

    def warned(services, until=None):
        items = services.boards.team_due(team, until=until)
        return [(i.due, i.label, i.when) for i in items if i.case_id == decided]

    # on the board's warning line: within 3 working days of Friday (Wednesday 25.03)
    assert warned(anna) == [(date(2026, 3, 23), "przekazanie odwołania do SKO", "soon")]
    world.clock.moment = datetime(2026, 3, 22, 9, 0)  # Sunday: due tomorrow
    assert warned(anna)[0][2] == "tomorrow"
    world.clock.moment = datetime(2026, 3, 23, 8, 0)
    assert warned(anna)[0][2] == "today"
    # at login, for the case's worker
    assert anna.cases.get(decided).summary.worker_id == world.staff["bartosz"]
    bartosz = world.as_("bartosz").boards.my_due()
    login = [(i.due, i.label) for i in bartosz if i.case_id == decided]
    assert login == [(date(2026, 3, 23), "przekazanie odwołania do SKO")]
    # in the calendar (the month's deadlines)
    assert warned(anna, until=date(2026, 3, 31)) == [
        (date(2026, 3, 23), "przekazanie odwołania do SKO", "today")
    ]
    anna.appeals.forward(appeal.id, date(2026, 3, 23))
    assert warned(anna, until=date(2026, 3, 31)) == []
    assert anna.cases.get(decided).summary.next_due_rule != "appeal_forward"
    assert ("deadline", "23.03.2026 (przekazanie odwołania do SKO)") in [
        (e.kind, e.from_value) for e in anna.cases.get(decided).events
    ]


def test_an_appeal_ended_without_the_board_leaves_no_deadline(world, decided):
    anna = world.as_("anna")
    appeal = anna.appeals.lodge(decided, date(2026, 3, 16))
    assert anna.cases.get(decided).summary.next_due_rule == "appeal_forward"
    anna.appeals.settle(appeal.id, SELF_REVIEW)
    assert "appeal_forward" not in [d.rule for d in anna.cases.get(decided).deadlines]
