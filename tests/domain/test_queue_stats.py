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


def history(steps, team=1):
    """A visit's steps written as "register 0, call 12" (minutes after 8:00), all in ``team``."""
    return [
        Step(action, T0 + timedelta(minutes=int(minute)), team)
        for action, minute in (step.split() for step in steps.split(", "))
    ]


def test_wait_and_service_of_a_plain_visit():
    steps = history("register 0, call 12, recall 14, start 15, finish 25")
    assert timings(steps) == [Timing(1, "wait", 12.0), Timing(1, "service", 10.0)]


def test_redirect_splits_the_times_between_teams():
    steps = history("register 0, call 5, start 6") + history("redirect 10, call 30, finish 45", 2)
    assert timings(steps) == [
        Timing(1, "wait", 5.0),
        Timing(1, "service", 4.0),
        Timing(2, "wait", 20.0),
        Timing(2, "service", 15.0),
    ]


def test_finish_without_start_counts_service_from_the_call_and_no_show_has_no_service():
    assert timings(history("register 0, call 3, finish 9")) == [
        Timing(1, "wait", 3.0),
        Timing(1, "service", 6.0),
    ]
    assert timings(history("register 0, call 3, no_show 9")) == [Timing(1, "wait", 3.0)]
    assert timings(history("register 0, cancel 9")) == []


def test_hold_out_of_turn_moves_within_a_team_and_a_late_person_by_hand():
    # on hold while waiting: the hold counts as waiting; a move to a colleague of the same
    # team before the call keeps the wait running; a call out of turn ends the wait
    assert timings(
        history("register 0, hold 4, resume 10, redirect 12, call_out_of_turn 15, finish 20")
    ) == [Timing(1, "wait", 15.0), Timing(1, "service", 5.0)]
    # called, did not come, came after all: the second wait runs from the undo
    assert timings(
        history("register 0, call 5, no_show 8, undo_no_show 30, call 34, finish 40")
    ) == [Timing(1, "wait", 5.0), Timing(1, "wait", 4.0), Timing(1, "service", 6.0)]
    # cancelled while waiting, restored a few minutes later: waits anew from the restore
    assert timings(history("register 0, cancel 3, undo_cancel 6, call 10, finish 12")) == [
        Timing(1, "wait", 4.0),
        Timing(1, "service", 2.0),
    ]


def test_finished_at_first_contact():
    assert finished_at_first_contact("information", True, False)
    assert finished_at_first_contact("application", True, False)
    assert not finished_at_first_contact("sent_to_team", True, False)
    assert not finished_at_first_contact("information", False, False)
    assert not finished_at_first_contact("information", True, True)
    assert not finished_at_first_contact(None, True, False)
