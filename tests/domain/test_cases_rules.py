"""A case's deadlines, the moves allowed on its board and its file number (pure rules)."""

from datetime import date

import pytest

from opsdesk.domain.case_rules import (
    NOTICE_RULE,
    BoardStatus,
    CaseDeadline,
    CaseFacts,
    cached_deadline,
    case_deadlines,
    deadline_label,
    file_pattern_problem,
    format_file_number,
    move_problem,
    next_deadline,
    records_decision,
)

D = date
APPLIED = D(2026, 3, 2)  # a Monday
TODAY = D(2026, 3, 16)
PERIODIC = CaseFacts(application_date=APPLIED, needs_decision=True)


# --- deadlines of a case ---------------------------------------------------------------------


def test_a_new_application_waits_for_the_interview_then_the_decision():
    assert case_deadlines(PERIODIC, TODAY) == [
        CaseDeadline("interview", D(2026, 3, 20)),  # 14 working days
        CaseDeadline("decision", D(2026, 4, 2)),  # 1 month
    ]
    assert next_deadline(PERIODIC, TODAY) == CaseDeadline("interview", D(2026, 3, 20))
    assert cached_deadline(PERIODIC, TODAY) == (D(2026, 3, 20), "interview")


def test_urgent_and_particularly_complicated():
    facts = CaseFacts(APPLIED, True, urgent=True, complex=True)
    assert case_deadlines(facts, TODAY) == [
        CaseDeadline("interview_urgent", D(2026, 3, 4)),
        CaseDeadline("decision_complex", D(2026, 5, 4)),  # 2 May Sat, 3 May holiday
    ]


def test_after_the_interview_the_decision_is_next():
    facts = CaseFacts(APPLIED, True, interview_date=D(2026, 3, 10))
    assert next_deadline(facts, TODAY) == CaseDeadline("decision", D(2026, 4, 2))


def test_a_closed_suspension_moves_the_decision():
    facts = CaseFacts(
        APPLIED, True, interview_date=D(2026, 3, 5), suspensions=((D(2026, 3, 10), D(2026, 3, 19)),)
    )
    # 10 days stopped: 2 April + 10 = Sunday 12 April -> Monday 13 April
    assert next_deadline(facts, D(2026, 3, 20)) == CaseDeadline("decision", D(2026, 4, 13))


def test_an_open_suspension_stops_the_decision_clock():
    facts = CaseFacts(
        APPLIED, True, interview_date=D(2026, 3, 5), suspensions=((D(2026, 3, 10), None),)
    )
    [decision] = case_deadlines(facts, TODAY)
    assert decision.stopped and decision.rule == "decision"
    assert next_deadline(facts, TODAY) is None  # nothing is running
    assert cached_deadline(facts, TODAY) == (None, None)


def test_the_interview_clock_runs_during_a_suspension():
    facts = CaseFacts(APPLIED, True, suspensions=((D(2026, 3, 10), None),))
    assert next_deadline(facts, TODAY) == CaseDeadline("interview", D(2026, 3, 20))


def test_an_art_36_notice_gives_the_new_date():
    facts = CaseFacts(APPLIED, True, interview_date=D(2026, 3, 5), notice_new_date=D(2026, 4, 30))
    found = next_deadline(facts, TODAY)
    assert found == CaseDeadline(NOTICE_RULE, D(2026, 4, 30))
    assert found.label == "decyzja (nowy termin, art. 36 KPA)"


def test_a_continuing_benefit_needs_an_interview_update_six_months_on():
    facts = CaseFacts(
        APPLIED, True, continuing=True, interview_date=D(2026, 3, 5), decision_date=D(2026, 3, 12)
    )
    assert next_deadline(facts, TODAY) == CaseDeadline("interview_update", D(2026, 9, 7))
    assert deadline_label("interview_update") == "aktualizacja wywiadu"  # 5 Sep is a Saturday


def test_no_deadlines_when_decided_closed_or_not_a_decision():
    decided = CaseFacts(APPLIED, True, interview_date=D(2026, 3, 5), decision_date=D(2026, 3, 12))
    assert case_deadlines(decided, TODAY) == []
    assert case_deadlines(CaseFacts(APPLIED, False), TODAY) == []  # social work
    assert case_deadlines(CaseFacts(APPLIED, True, closed=True), TODAY) == []


# --- moves on the board ------------------------------------------------------------------------

BENEFITS = [
    BoardStatus(1, "new", "Nowy wniosek", 0),
    BoardStatus(2, "interview", "Wywiad środowiskowy", 1),
    BoardStatus(3, "decision", "Decyzja w przygotowaniu", 2),
    BoardStatus(4, "decided", "Decyzja wydana", 3),
    BoardStatus(5, "closed", "Zamknięte", 4, closes_case=True),
]


def test_a_decision_before_the_interview_is_refused_with_the_reason():
    problem = move_problem(PERIODIC, BENEFITS, 1, 3)
    assert problem.startswith("Sprawa nie może jeszcze trafić do kolumny „Decyzja w przygotowaniu”")
    assert "wywiadu środowiskowego" in problem
    assert move_problem(PERIODIC, BENEFITS, 2, 4) is not None  # nor straight to "issued"


def test_steps_in_order_are_allowed():
    assert move_problem(PERIODIC, BENEFITS, 1, 2) is None
    interviewed = CaseFacts(APPLIED, True, interview_date=D(2026, 3, 5))
    assert move_problem(interviewed, BENEFITS, 2, 3) is None
    assert move_problem(interviewed, BENEFITS, 1, 4) is None  # skipping a column is fine
    assert move_problem(interviewed, BENEFITS, 4, 2) is None  # and going back


def test_kinds_without_a_decision_move_freely():
    social_work = CaseFacts(APPLIED, needs_decision=False)
    assert move_problem(social_work, BENEFITS, 1, 4) is None


def test_closing_needs_the_outcome_and_reopening_a_reason():
    assert move_problem(PERIODIC, BENEFITS, 1, 5) == (
        "Aby zamknąć sprawę, podaj, jak się zakończyła (rozstrzygnięcie)."
    )
    assert move_problem(PERIODIC, BENEFITS, 1, 5, "wniosek wycofany") is None
    assert move_problem(PERIODIC, BENEFITS, 5, 1) == "Podaj, dlaczego zamknięta sprawa wraca."
    assert move_problem(PERIODIC, BENEFITS, 5, 1, "ponowny wniosek") is None


def test_unknown_and_same_status():
    assert move_problem(PERIODIC, BENEFITS, 1, 99) == (
        "Ten status nie jest kolumną tablicy zespołu."
    )
    assert move_problem(PERIODIC, BENEFITS, 2, 2) == (
        "Sprawa jest już w kolumnie „Wywiad środowiskowy”."
    )


def test_a_board_without_an_interview_column_guards_its_decision_columns():
    board = [
        BoardStatus(1, "new", "Nowe", 0),
        BoardStatus(2, "decision", "Decyzja", 1),
        BoardStatus(3, "archive", "Archiwum", 2),
    ]
    assert move_problem(PERIODIC, board, 1, 2) is not None
    assert move_problem(PERIODIC, board, 1, 3) is None


def test_the_decided_column_records_the_decision():
    assert records_decision(BENEFITS[3]) and not records_decision(BENEFITS[2])


# --- file numbers ------------------------------------------------------------------------------


def test_file_numbers_follow_the_pattern():
    assert format_file_number("OPS.{seq}.{year}", 12, 2026) == "OPS.12.2026"
    assert format_file_number("ZŚ.8111.{seq:04d}.{year}", 7, 2026) == "ZŚ.8111.0007.2026"


@pytest.mark.parametrize(
    ("pattern", "fragment"),
    [
        ("", "Wpisz wzór"),
        ("OPS.{seq}", "{seq} i {year}"),
        ("OPS.{seq}.{year}.{team}", "{seq} i {year}"),
        ("OPS.{seq.{year}", "nieprawidłowy"),
        ("OPS.{}.{year}", "nieprawidłowy"),
        ("X" * 60 + "{seq}{year}", "za długi"),
    ],
)
def test_bad_file_patterns_are_explained(pattern, fragment):
    assert fragment in file_pattern_problem(pattern)


def test_good_file_patterns():
    assert file_pattern_problem("OPS.{seq}.{year}") is None
    assert file_pattern_problem("{year}/{seq:05d}") is None
