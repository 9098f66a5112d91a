from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opsdesk.domain.errors import DomainError
from opsdesk.domain.formatting import (
    NBSP,
    format_date,
    format_date_words,
    format_datetime,
    format_hours,
    format_minutes_hhmm,
    format_money,
    hours_decimal,
    parse_date,
    parse_money,
    validate_postal_code,
)


def test_format_date():
    assert format_date(date(2026, 3, 5)) == "05.03.2026"
    assert format_date(date(2025, 12, 24)) == "24.12.2025"
    assert format_date(datetime(2026, 6, 4, 15, 30)) == "04.06.2026"
    assert format_date(None) == ""


def test_format_datetime():
    assert format_datetime(datetime(2026, 4, 7, 8, 5)) == "07.04.2026 08:05"
    assert format_datetime(datetime(2025, 12, 31, 23, 59, 59)) == "31.12.2025 23:59"
    assert format_datetime(None) == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("05.03.2026", date(2026, 3, 5)),
        ("5.3.2026", date(2026, 3, 5)),
        (" 29.02.2028 ", date(2028, 2, 29)),
        ("2026-06-04", date(2026, 6, 4)),
        ("31.12.1899", date(1899, 12, 31)),
        ("24.11.26", date(2026, 11, 24)),
        ("24112026", date(2026, 11, 24)),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("24.11.26", date(2026, 11, 24)),
        ("1.1.46", date(2046, 1, 1)),
        ("1.1.47", date(1947, 1, 1)),
        ("15.03.85", date(1985, 3, 15)),
    ],
)
def test_parse_date_two_digit_year_is_placed_near_today(text, expected):
    assert parse_date(text, today=date(2026, 11, 30)) == expected


def test_format_date_words():
    assert format_date_words(date(2026, 11, 24)) == "wtorek, 24 listopada 2026"
    assert format_date_words(date(2027, 2, 28)) == "niedziela, 28 lutego 2027"


@pytest.mark.parametrize(
    "text", ["5/3/2026", "05.03.6", "2026-6-4", "5.3.026", "jutro", "05.03.2026r", "٠٥.٠٣.٢٠٢٦"]
)
def test_parse_date_wrong_format(text):
    with pytest.raises(DomainError) as info:
        parse_date(text, field="birth_date")
    assert str(info.value) == "Wpisz datę w formacie dd.mm.rrrr, np. 05.03.2026."
    assert info.value.field == "birth_date"


@pytest.mark.parametrize(
    "text", ["30.02.2026", "29.02.2026", "31.04.2026", "2026-13-01", "0.1.2026"]
)
def test_parse_date_no_such_day(text):
    with pytest.raises(DomainError, match=f"^Nie ma takiej daty: {text}.$"):
        parse_date(text)


def test_parse_date_empty():
    with pytest.raises(DomainError, match="^Wpisz datę.$"):
        parse_date("  ")


@given(st.dates())
def test_date_round_trip(d):
    assert parse_date(format_date(d)) == d
    assert parse_date(d.isoformat()) == d


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (Decimal("1229"), "1 229,00 zł"),
        (1010, "1 010,00 zł"),
        (823, "823,00 zł"),
        (0, "0,00 zł"),
        (Decimal("0.5"), "0,50 zł"),
        (Decimal("1234567.891"), "1 234 567,89 zł"),
        (Decimal("2.005"), "2,01 zł"),  # half up
        (Decimal("-1229.5"), "-1 229,50 zł"),
        (Decimal("-0.001"), "0,00 zł"),
        (100000, "100 000,00 zł"),
    ],
)
def test_format_money(amount, text):
    # the spaces are no-break spaces (U+00A0), written here as ordinary spaces for reading
    assert format_money(amount) == text.replace(" ", NBSP)


def test_format_money_uses_no_break_spaces():
    assert format_money(1229) == "1\u00a0229,00\u00a0zł"
    assert " " not in format_money(1234567)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1 229,00 zł", Decimal("1229.00")),
        (f"1{NBSP}229,00{NBSP}zł", Decimal("1229.00")),
        ("1229", Decimal("1229.00")),
        ("1229,5", Decimal("1229.50")),
        ("1229.50", Decimal("1229.50")),
        ("1.229,00", Decimal("1229.00")),
        ("1,229.00", Decimal("1229.00")),
        ("823 zl", Decimal("823.00")),
        ("823 PLN", Decimal("823.00")),
        ("-30,00 zł", Decimal("-30.00")),
        ("\u221230", Decimal("-30.00")),
        ("-0", Decimal("0.00")),
        ("0,05", Decimal("0.05")),
    ],
)
def test_parse_money(text, amount):
    assert parse_money(text) == amount
    assert str(parse_money(text)) == str(amount)  # always two decimal places


@pytest.mark.parametrize("text", ["abc", "12a", "1,2,3", "--5", "zł", "+5", "1 229,00 €"])
def test_parse_money_not_a_number(text):
    with pytest.raises(DomainError) as info:
        parse_money(text, field="amount")
    assert str(info.value) in ("Wpisz kwotę jako liczbę, np. 1 229,00.", "Wpisz kwotę.")
    assert info.value.field == "amount"


def test_parse_money_empty_and_too_precise():
    with pytest.raises(DomainError, match="^Wpisz kwotę.$"):
        parse_money("   ")
    with pytest.raises(DomainError) as info:
        parse_money("1.229")  # refused rather than read as 1,23 or 1 229
    assert str(info.value) == "Kwota może mieć najwyżej dwa miejsca po przecinku."


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2))
def test_money_round_trip(amount):
    assert parse_money(format_money(amount)) == amount


def test_postal_code():
    assert validate_postal_code("74-100") == "74-100"
    assert validate_postal_code(" 00-950 ") == "00-950"
    assert validate_postal_code("74100") == "74-100"


@pytest.mark.parametrize("text", ["7410", "74-1000", "74 100", "ab-cde", "", "741-00"])
def test_postal_code_refused(text):
    with pytest.raises(DomainError) as info:
        validate_postal_code(text)
    assert str(info.value) == "Wpisz kod pocztowy w formacie NN-NNN, np. 74-100."
    assert info.value.field == "postal_code"


@pytest.mark.parametrize(
    ("minutes", "display", "decimal", "hhmm"),
    [
        (90, "1 h 30 min", "1,50", "1:30"),
        (60, "1 h", "1,00", "1:00"),
        (45, "45 min", "0,75", "0:45"),
        (20, "20 min", "0,33", "0:20"),
        (10, "10 min", "0,17", "0:10"),
        (5, "5 min", "0,08", "0:05"),
        (0, "0 min", "0,00", "0:00"),
        (900, "15 h", "15,00", "15:00"),  # a psychologist's monthly budget
        (-90, "-1 h 30 min", "-1,50", "-1:30"),  # budget exceeded
    ],
)
def test_minutes(minutes, display, decimal, hhmm):
    assert format_hours(minutes) == display
    assert hours_decimal(minutes) == decimal
    assert format_minutes_hhmm(minutes) == hhmm
