"""Routing an address to its region, and which area rules would leave an address ambiguous."""

import pytest

from opsdesk.domain.routing import AreaRule, clashes, find_region

RULES = [
    AreaRule(1, "Gryfino", "ul. Kościuszki", 1, 25),
    AreaRule(2, "Gryfino", "Kościuszki", 26),
    AreaRule(3, "Gryfino"),
    AreaRule(4, "Gryfino", "Łużycka"),
]


@pytest.mark.parametrize(
    "locality, street, number, region",
    [
        ("Gryfino", "Kościuszki", "25", 1),
        ("GRYFINO", "ul. kosciuszki", "26a", 2),
        ("Gryfino", "Kościuszki", "", 3),  # no number: the street's range cannot tell
        ("Gryfino", "Lużycka", "7", 4),
        ("Gryfino", "Szczecińska", "3", 3),
        ("Wełtyń", "", "", None),
    ],
)
def test_the_most_specific_rule_wins(locality, street, number, region):
    assert find_region(RULES, locality, street, number) == region


@pytest.mark.parametrize(
    "first, second, expected",
    [
        (AreaRule(1, "Gryfino"), AreaRule(2, "GRYFINO"), True),
        (AreaRule(1, "Gryfino", "ul. Łąkowa"), AreaRule(2, "Gryfino", "lakowa"), True),
        (AreaRule(1, "Gryfino", "Łąkowa"), AreaRule(2, "Gryfino"), False),
        (AreaRule(1, "Gryfino", "Łąkowa", 1, 25), AreaRule(2, "Gryfino", "Łąkowa"), False),
        (AreaRule(1, "Gryfino", "Łąkowa", 1, 25), AreaRule(2, "Gryfino", "Łąkowa", 25, 30), True),
        (AreaRule(1, "Gryfino", "Łąkowa", 1, 25), AreaRule(2, "Gryfino", "Łąkowa", 26), False),
        (AreaRule(1, "Gryfino", "Łąkowa", 30), AreaRule(2, "Gryfino", "Łąkowa", 5, 40), True),
        (AreaRule(1, "Gryfino", "Łąkowa", 30), AreaRule(2, "Gryfino", "Łąkowa", 40), True),
        (AreaRule(1, "Gryfino", "Łąkowa", 1, 25), AreaRule(2, "Wełtyń", "Łąkowa", 1, 25), False),
    ],
)
def test_clashes_are_rules_that_tie_for_some_address(first, second, expected):
    assert clashes(first, second) is expected
    assert clashes(second, first) is expected
