"""Who is next, which actions each state allows, and how tickets read."""

from datetime import datetime

import pytest

from opsdesk.domain.queue import (
    Channel,
    Outcome,
    PriorityReason,
    QueueAction,
    VisitState,
    Waiting,
    can_do,
    fallback_letter,
    format_ticket,
    next_in_queue,
    priority_label,
    queue_key,
)


def at(hour, minute):
    return datetime(2026, 11, 30, hour, minute)


def test_priority_first_then_arrival():
    people = [
        Waiting(1, 0, at(8, 0)),
        Waiting(2, 1, at(8, 30)),
        Waiting(3, 0, at(7, 55)),
        Waiting(4, 1, at(8, 10)),
    ]
    order = sorted(people, key=lambda p: queue_key(p.priority, p.arrived_at, p.visit_id))
    assert [p.visit_id for p in order] == [4, 2, 3, 1]
    assert next_in_queue(people).visit_id == 4


def test_redirected_person_takes_the_place_their_arrival_gives():
    # Ś-003 arrived at 8:05, was served by benefits, then redirected to social work at 9:00:
    # in the new queue they stand before someone who came at 8:20
    social_queue = [Waiting(10, 0, at(8, 20)), Waiting(3, 0, at(8, 5))]
    assert next_in_queue(social_queue).visit_id == 3


def test_same_arrival_is_decided_by_registration_order():
    assert next_in_queue([Waiting(8, 0, at(9, 0)), Waiting(7, 0, at(9, 0))]).visit_id == 7


def test_a_worker_calls_only_people_sent_to_them_or_to_nobody():
    people = [
        Waiting(1, 0, at(8, 0), target_worker_id=50),
        Waiting(2, 0, at(8, 5), target_worker_id=None),
        Waiting(3, 1, at(8, 10), target_worker_id=51),
    ]
    assert next_in_queue(people).visit_id == 3  # the desk: the whole queue
    assert next_in_queue(people, worker_id=50).visit_id == 1
    assert next_in_queue(people, worker_id=52).visit_id == 2
    assert next_in_queue([people[0]], worker_id=52) is None
    assert next_in_queue([]) is None


@pytest.mark.parametrize(
    "action,allowed",
    [
        (QueueAction.CALL, {"waiting"}),
        (QueueAction.RECALL, {"called"}),
        (QueueAction.START, {"called"}),
        (QueueAction.FINISH, {"called", "in_service"}),
        (QueueAction.REDIRECT, {"waiting", "called", "in_service", "on_hold"}),
        (QueueAction.NO_SHOW, {"called"}),
        (QueueAction.CANCEL, {"waiting", "called", "on_hold"}),
        (QueueAction.CALL_OUT_OF_TURN, {"waiting"}),
        (QueueAction.HOLD, {"waiting", "called"}),
        (QueueAction.RESUME, {"on_hold"}),
        (QueueAction.UNDO_NO_SHOW, {"no_show"}),
    ],
)
def test_actions_allowed_in_each_state(action, allowed):
    assert {s.value for s in VisitState if can_do(action, s.value)} == allowed


def test_ticket_numbers_and_letters():
    assert format_ticket("Ś", 12) == "Ś-012"
    assert format_ticket("P", 1234) == "P-1234"
    assert format_ticket(None, None) == ""
    assert fallback_letter("ósmy zespół") == "Ó"
    assert fallback_letter("123") == "X"


def test_labels_are_polish():
    assert Channel.EPUAP.label == "ePUAP"
    assert Channel.IN_PERSON.label == "Osobiście"
    assert Channel.IN_PERSON.gets_ticket and not Channel.LETTER.gets_ticket
    assert PriorityReason.AGED_75.label == "Osoba w wieku 75+"
    assert priority_label("pregnant") == "Kobieta w ciąży"
    assert Outcome.PSYCHOLOGIST.label == "Skierowano do psychologa"
    assert Outcome.SENT_TO_TEAM.needs_team and Outcome.SENT_TO_TEAM.is_referral
    assert not Outcome.APPLICATION.is_referral
    assert VisitState.NO_SHOW.label == "Nie przyszedł"


def test_priority_proposed_from_the_birth_date_at_75():
    from datetime import date

    from opsdesk.domain.queue import proposed_priority

    today = date(2026, 11, 30)
    assert proposed_priority(date(1951, 11, 30), today) is PriorityReason.AGED_75  # today
    assert proposed_priority(date(1951, 12, 1), today) is None  # tomorrow
    assert proposed_priority(date(1930, 1, 1), today) is PriorityReason.AGED_75
    assert proposed_priority(None, today) is None
    # born on 29 February: 75 on 1 March of a common year
    assert proposed_priority(date(1952, 2, 29), date(2027, 2, 28)) is None
    assert proposed_priority(date(1952, 2, 29), date(2027, 3, 1)) is PriorityReason.AGED_75
