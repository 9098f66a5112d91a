"""Median, 90th percentile and waiting/service times, against values worked out by hand."""

from datetime import datetime, timedelta

import pytest

from opsdesk.domain.queue import (
    Step,
    Timing,
    finished_at_first_contact,
    median,
    percentile,
    timings,
)


def test_median_and_p90_by_hand():
    assert median([10, 2, 6, 4, 8]) == 6
    assert median([1, 2, 3, 4]) == 2.5
    # rank 0.9 * 4 = 3.6: 8 + 0.6 * (10 - 8)
    assert percentile([2, 4, 6, 8, 10], 0.9) == pytest.approx(9.2)
    assert percentile([7], 0.9) == 7
    assert percentile([], 0.5) is None
    with pytest.raises(ValueError):
        percentile([1], 1.5)


T0 = datetime(2026, 11, 30, 8, 0)


def step(action, minute, team):
    return Step(action, T0 + timedelta(minutes=minute), team)


def test_wait_and_service_of_a_plain_visit():
    history = [
        step("register", 0, 1),
        step("call", 12, 1),
        step("recall", 14, 1),
        step("start", 15, 1),
        step("finish", 25, 1),
    ]
    assert timings(history) == [Timing(1, "wait", 12.0), Timing(1, "service", 10.0)]


def test_redirect_splits_the_times_between_teams():
    history = [
        step("register", 0, 1),
        step("call", 5, 1),
        step("start", 6, 1),
        step("redirect", 10, 2),
        step("call", 30, 2),
        step("finish", 45, 2),
    ]
    assert timings(history) == [
        Timing(1, "wait", 5.0),
        Timing(1, "service", 4.0),
        Timing(2, "wait", 20.0),
        Timing(2, "service", 15.0),
    ]


def test_finish_without_start_counts_service_from_the_call_and_no_show_has_no_service():
    assert timings([step("register", 0, 1), step("call", 3, 1), step("finish", 9, 1)]) == [
        Timing(1, "wait", 3.0),
        Timing(1, "service", 6.0),
    ]
    assert timings([step("register", 0, 1), step("call", 3, 1), step("no_show", 9, 1)]) == [
        Timing(1, "wait", 3.0)
    ]
    assert timings([step("register", 0, 1), step("cancel", 9, 1)]) == []


def test_hold_out_of_turn_moves_within_a_team_and_a_late_person_by_hand():
    # on hold while waiting: the hold counts as waiting; a move to a colleague of the same
    # team before the call keeps the wait running; a call out of turn ends the wait
    assert timings(
        [
            step("register", 0, 1),
            step("hold", 4, 1),
            step("resume", 10, 1),
            step("redirect", 12, 1),
            step("call_out_of_turn", 15, 1),
            step("finish", 20, 1),
        ]
    ) == [Timing(1, "wait", 15.0), Timing(1, "service", 5.0)]
    # called, did not come, came after all: the second wait runs from the undo
    assert timings(
        [
            step("register", 0, 1),
            step("call", 5, 1),
            step("no_show", 8, 1),
            step("undo_no_show", 30, 1),
            step("call", 34, 1),
            step("finish", 40, 1),
        ]
    ) == [Timing(1, "wait", 5.0), Timing(1, "wait", 4.0), Timing(1, "service", 6.0)]
    # cancelled while waiting, restored a few minutes later: waits anew from the restore
    assert timings(
        [
            step("register", 0, 1),
            step("cancel", 3, 1),
            step("undo_cancel", 6, 1),
            step("call", 10, 1),
            step("finish", 12, 1),
        ]
    ) == [Timing(1, "wait", 4.0), Timing(1, "service", 2.0)]


def test_finished_at_first_contact():
    assert finished_at_first_contact("information", True, False)
    assert finished_at_first_contact("application", True, False)
    assert not finished_at_first_contact("sent_to_team", True, False)
    assert not finished_at_first_contact("information", False, False)
    assert not finished_at_first_contact("information", True, True)
    assert not finished_at_first_contact(None, True, False)
