from datetime import date

import pytest

from opsdesk.domain.deadlines import (
    RULES,
    Deadline,
    add_months,
    deadline,
    decision_due,
    due_date,
    rule_label,
    urgency_class,
    working_days_left,
)
from opsdesk.domain.errors import DomainError


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (date(2026, 1, 15), 1, date(2026, 2, 15)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),  # no 31 February: the month's last day
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year 2028
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2025, 12, 31), 2, date(2026, 2, 28)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 2, 28), 1, date(2026, 3, 28)),  # 28 stays 28, not the month's end
    ],
)
def test_add_months_kpa_57_3(start, months, end):
    assert add_months(start, months) == end


@pytest.mark.parametrize(
    ("rule", "start", "due"),
    [
        # environmental interview: 14 working days, the day of the event not counted
        ("interview", date(2026, 3, 2), date(2026, 3, 20)),
        ("interview", date(2026, 3, 27), date(2026, 4, 17)),  # Easter Monday 6 Apr skipped
        ("interview", date(2025, 12, 15), date(2026, 1, 9)),  # 24-26 Dec, 1 and 6 Jan skipped
        ("interview_urgent", date(2026, 4, 3), date(2026, 4, 8)),
        ("interview_urgent", date(2025, 12, 23), date(2025, 12, 30)),
        ("interview_urgent", date(2024, 12, 23), date(2024, 12, 27)),  # 24 Dec 2024 worked
        ("interview_urgent", date(2026, 6, 3), date(2026, 6, 8)),  # Corpus Christi 4 Jun
        # decision: 1 month (art. 35 § 3), end of month (art. 57 § 3), day off (art. 57 § 4)
        ("decision", date(2026, 3, 31), date(2026, 4, 30)),
        ("decision", date(2026, 3, 15), date(2026, 4, 15)),  # filed on a Sunday via ePUAP
        ("decision", date(2026, 1, 31), date(2026, 3, 2)),  # 28 Feb 2026 is a Saturday
        ("decision", date(2028, 1, 31), date(2028, 2, 29)),  # leap day, a Tuesday
        ("decision", date(2026, 3, 5), date(2026, 4, 7)),  # Easter Sunday and Monday
        ("decision", date(2025, 10, 11), date(2025, 11, 12)),  # 11 November
        ("decision_complex", date(2025, 12, 31), date(2026, 3, 2)),
        ("decision_complex", date(2027, 12, 31), date(2028, 2, 29)),
        ("decision_complex", date(2026, 4, 3), date(2026, 6, 3)),
        ("decision_complex", date(2026, 4, 4), date(2026, 6, 5)),  # Corpus Christi
        # interview update: 6 months (art. 107 u.p.s.)
        ("interview_update", date(2025, 6, 24), date(2025, 12, 29)),  # 24-28 Dec 2025 off
        ("interview_update", date(2024, 6, 24), date(2024, 12, 24)),  # before the amendment
        ("interview_update", date(2026, 8, 31), date(2027, 3, 1)),  # 28 Feb 2027 is a Sunday
        # appeal: 14 days from delivery (art. 129 § 2); forwarding: 7 days (art. 133)
        ("appeal", date(2026, 5, 20), date(2026, 6, 3)),
        ("appeal", date(2026, 5, 21), date(2026, 6, 5)),  # 4 Jun Corpus Christi
        ("appeal", date(2025, 12, 10), date(2025, 12, 29)),
        ("appeal", date(2024, 12, 10), date(2024, 12, 24)),
        ("appeal_forward", date(2026, 4, 24), date(2026, 5, 4)),  # 1 May, Sat, 3 May Sun
        ("appeal_forward", date(2025, 11, 4), date(2025, 11, 12)),
    ],
)
def test_due_date(rule, start, due):
    assert due_date(rule, start) == due


def test_every_rule_has_a_polish_label():
    assert rule_label("interview") == "wywiad środowiskowy"
    assert rule_label("decision") == "decyzja"
    assert rule_label("interview_update") == "aktualizacja wywiadu"
    for rule in RULES:
        assert rule_label(rule) != RULES[rule].label  # translated


def test_deadline_carries_rule_due_and_label():
    assert deadline("appeal", date(2026, 5, 21)) == Deadline(
        rule="appeal", due=date(2026, 6, 5), label="odwołanie strony"
    )


def test_unknown_rule():
    with pytest.raises(ValueError, match="unknown deadline rule 'lunch'"):
        due_date("lunch", date(2026, 3, 2))
    with pytest.raises(ValueError):
        rule_label("lunch")


# Application on Monday 2 March 2026: a simple case is due on Thursday 2 April 2026.
APPLIED = date(2026, 3, 2)


def test_decision_due_without_suspension():
    assert decision_due(APPLIED, False, []) == date(2026, 4, 2)
    assert decision_due(APPLIED, True, []) == date(2026, 5, 4)  # 2 May Sat, 3 May holiday
    assert decision_due(date(2026, 3, 5), False, []) == due_date("decision", date(2026, 3, 5))


def test_closed_suspension_counts_both_ends():
    # 10-19 March: 10 days stopped -> 12 April (Sunday) -> Monday 13 April
    assert decision_due(APPLIED, False, [(date(2026, 3, 10), date(2026, 3, 19))]) == date(
        2026, 4, 13
    )
    # one day: suspended and resumed on the same day
    assert decision_due(APPLIED, False, [(date(2026, 3, 10), date(2026, 3, 10))]) == date(
        2026, 4, 3
    )


def test_open_suspension_extends_until_today():
    open_since_10th = [(date(2026, 3, 10), None)]
    assert decision_due(APPLIED, False, open_since_10th, today=date(2026, 3, 15)) == date(
        2026, 4, 8
    )  # 10-15 March: 6 days
    assert decision_due(APPLIED, False, open_since_10th, today=date(2026, 3, 16)) == date(
        2026, 4, 9
    )
    # still suspended long after the original date: the due date keeps moving
    assert decision_due(APPLIED, False, open_since_10th, today=date(2026, 5, 11)) == date(
        2026, 6, 5
    )  # 63 days -> 4 June (Corpus Christi) -> 5 June


def test_open_suspension_starting_in_the_future_stops_nothing_yet():
    assert decision_due(APPLIED, False, [(date(2026, 3, 20), None)], today=date(2026, 3, 15)) == (
        date(2026, 4, 2)
    )


def test_several_and_overlapping_suspensions():
    two = [(date(2026, 3, 20), date(2026, 3, 21)), (date(2026, 3, 10), date(2026, 3, 12))]
    assert decision_due(APPLIED, False, two) == date(2026, 4, 7)  # +5: Tue after Easter
    overlapping = [(date(2026, 3, 10), date(2026, 3, 19)), (date(2026, 3, 15), date(2026, 3, 24))]
    assert decision_due(APPLIED, False, overlapping) == date(2026, 4, 17)  # 10-24 March: 15 days


def test_art_57_4_is_applied_once_at_the_end():
    # raw end 28 Feb 2026 (Saturday) + 2 stopped days = Monday 2 March, not 4 March
    suspension = [(date(2026, 2, 2), date(2026, 2, 3))]
    assert decision_due(date(2026, 1, 31), False, suspension) == date(2026, 3, 2)


def test_suspension_after_the_deadline_passed_extends_nothing():
    late = [(date(2026, 4, 10), date(2026, 4, 20))]
    assert decision_due(APPLIED, False, late) == date(2026, 4, 2)
    on_due_day = [(date(2026, 4, 2), date(2026, 4, 3))]  # 2 days -> Sat 4 Apr -> Easter
    assert decision_due(APPLIED, False, on_due_day) == date(2026, 4, 7)


def test_only_days_after_the_application_count():
    early = [(date(2026, 2, 20), date(2026, 3, 3))]  # only 3 March counts
    assert decision_due(APPLIED, False, early) == date(2026, 4, 3)


def test_suspension_ending_before_it_starts_is_refused():
    with pytest.raises(DomainError) as info:
        decision_due(APPLIED, False, [(date(2026, 3, 19), date(2026, 3, 10))])
    assert str(info.value) == "Zawieszenie nie może kończyć się przed dniem jego rozpoczęcia."
    assert info.value.field == "suspensions"


DUE_FRIDAY = date(2026, 3, 20)


@pytest.mark.parametrize(
    ("today", "left", "urgency"),
    [
        (date(2026, 3, 13), 5, "ok"),
        (date(2026, 3, 16), 4, "ok"),
        (date(2026, 3, 17), 3, "soon"),
        (date(2026, 3, 19), 1, "soon"),
        (DUE_FRIDAY, 0, "soon"),
        (date(2026, 3, 21), -1, "overdue"),  # Saturday after the due Friday
        (date(2026, 3, 23), -1, "overdue"),
        (date(2026, 3, 24), -2, "overdue"),
    ],
)
def test_working_days_left_and_urgency(today, left, urgency):
    assert working_days_left(DUE_FRIDAY, today) == left
    assert urgency_class(DUE_FRIDAY, today) == urgency


def test_holidays_shorten_the_time_left():
    # ten calendar days before 29 Dec 2025, but only 22, 23 and 29 Dec are working days
    assert working_days_left(date(2025, 12, 29), date(2025, 12, 19)) == 3
    assert urgency_class(date(2025, 12, 29), date(2025, 12, 19)) == "soon"
    assert working_days_left(date(2026, 4, 7), date(2026, 4, 2)) == 2  # Easter Monday
