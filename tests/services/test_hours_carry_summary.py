"""Carried-over hours in the summaries a manager settles an EU project with: each month and
quarter shows its budget, what was carried in, what was used, what is left and what moves
on, on the screen's records, in the printed summary and in the XLSX export, checked against
numbers worked out by hand."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from pdf_text import all_text

from opsdesk.printing import documents
from opsdesk.printing.table_export import build_xlsx

H = 60
# By hand, 15 h a month from September 2026 to June 2027, unused hours move on, an overrun
# is not taken from later months. (month: budget, carried in, used, left, carried out)
BY_HAND = {
    (2026, 9): (15, 0, 20, -5, 0),  # 5 h over with the manager's confirmation: nothing moves
    (2026, 10): (15, 0, 10, 5, 5),
    (2026, 11): (15, 5, 19, 1, 1),
    (2026, 12): (15, 1, 0, 16, 16),
    (2027, 1): (15, 16, 0, 31, 31),
    (2027, 2): (15, 31, 0, 46, 46),
    (2027, 3): (15, 46, 0, 61, 61),
    (2027, 4): (15, 61, 0, 76, 76),
    (2027, 5): (15, 76, 0, 91, 91),
    (2027, 6): (15, 91, 0, 106, 0),  # the contract's last month: its unused hours lapse
}
# a quarter: its months' budgets and use; carried into its first month, out of its last
QUARTERS_BY_HAND = {
    (2026, 3): (15, 0, 20, -5, 0),
    (2026, 4): (45, 0, 29, 16, 16),
    (2027, 1): (45, 16, 0, 61, 61),
    (2027, 2): (45, 61, 0, 106, 0),
}


@pytest.fixture
def carrying(hours):
    return hours, hours.carrying_contract()


def _numbers(row) -> tuple[int, ...]:
    values = (row.budget.budget, row.carried_in, row.budget.used, row.left, row.carried_out)
    return tuple(v // H for v in values)


def test_months_and_quarters_carry_as_worked_out_by_hand(carrying):
    hours, contract = carrying
    summary = hours.manager.hours_summary.contract_summary(contract.id)
    assert {row.key: _numbers(row) for row in summary.months} == BY_HAND
    assert {row.key: _numbers(row) for row in summary.quarters} == QUARTERS_BY_HAND
    # carrying never raises the project's budget: 10 months of 15 h
    assert summary.project.budget.budget == 150 * H and summary.project.left == 101 * H
    # the provider sees the same numbers
    own = hours.other_psychologist.hours_summary.contract_summary(contract.id)
    assert own.months == summary.months


def test_a_contract_without_carry_over_carries_nothing(hours):
    hours.psychologist.hours.record(hours.consultation(date(2026, 10, 6), "12:00", 60))
    summary = hours.manager.hours_summary.contract_summary(hours.psych.id)
    assert not any(r.carried_in or r.carried_out for r in summary.months + summary.quarters)
    october = next(r for r in summary.months if r.key == (2026, 10))
    assert october.left == october.budget.remaining == 14 * H


def test_the_printed_summary_shows_the_carried_hours(carrying):
    hours, contract = carrying
    text = all_text(documents.hours_summary(hours.manager, contract.id, "project"))
    assert "Limit Przeniesione Wykorzystano Pozostało Na następny miesiąc Ponad" in text
    # month, sessions, limit, carried in, used, left, carried out, confirmed over the limit
    assert "wrzesień 2026 2 15,00 0,00 20,00 \u22125,00 0,00 1" in text
    assert "październik 2026 1 15,00 0,00 10,00 5,00 5,00 —" in text
    assert "listopad 2026 2 15,00 5,00 19,00 1,00 1,00 —" in text
    assert "Razem w okresie 5 45,00 0,00 49,00 \u22124,00 1,00 1" in text
    assert "Przeniesione do okresu 0,00" in text
    assert "Pozostało w okresie \u22124,00" in text
    assert "Przechodzi na okres następny 1,00" in text
    quarter = all_text(documents.hours_summary(hours.manager, contract.id, "quarter", (2026, 4)))
    assert "grudzień 2026 0 15,00 1,00 0,00 16,00 16,00 —" in quarter
    assert "Razem w okresie 3 45,00 0,00 29,00 16,00 16,00 —" in quarter


def test_the_printed_summary_of_a_plain_contract_keeps_its_columns(hours):
    text = all_text(documents.hours_summary(hours.manager, hours.psych.id, "quarter", (2026, 4)))
    assert "Przeniesione" not in text and "Przechodzi" not in text
    assert "Różnica" in text


def test_the_xlsx_summary_has_the_carried_hours_as_numbers(carrying):
    hours, contract = carrying
    export = hours.manager.hours_exports.summary(contract.id, "xlsx")
    book = load_workbook(io.BytesIO(build_xlsx(export)))
    months = list(book["Miesiące"].iter_rows(values_only=True))
    assert months[0] == (
        "Miesiąc",
        "Budżet (godz.)",
        "Przeniesione z poprzedniego miesiąca (godz.)",
        "Odbyte (godz.)",
        "Zarezerwowane (godz.)",
        "Pozostało (godz.)",
        "Przechodzi na następny miesiąc (godz.)",
        "Sesje",
        "Zatwierdzone ponad budżet",
    )
    by_month = {row[0]: row for row in months[1:-1]}
    for (year, month), (budget, carried_in, used, left, carried_out) in BY_HAND.items():
        row = by_month[datetime(year, month, 1)]
        assert (row[1], row[2], row[3], row[5], row[6]) == (
            budget,
            carried_in,
            used,
            left,
            carried_out,
        )
    assert by_month[datetime(2027, 6, 1)][4] == 1  # the desk's referral booking
    assert months[-1][:7] == ("Projekt", 150, None, 49, 1, 101, None)
    quarters = list(book["Kwartały"].iter_rows(values_only=True))
    assert quarters[0][2:8] == months[0][1:7]
    for row in quarters[1:]:
        assert (row[2], row[3], row[4], row[6], row[7]) == QUARTERS_BY_HAND[(row[0], row[1])]


def test_the_xlsx_summary_of_a_plain_contract_has_no_carry_columns(hours):
    export = hours.manager.hours_exports.summary(hours.psych.id, "xlsx")
    header = next(load_workbook(io.BytesIO(build_xlsx(export)))["Miesiące"].iter_rows())
    assert not [cell.value for cell in header if "Przen" in str(cell.value)]
