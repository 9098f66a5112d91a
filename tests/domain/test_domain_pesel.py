from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opsdesk.domain.errors import DomainError
from opsdesk.domain.pesel import PeselInfo, check_digit, is_valid_pesel, make_pesel, parse_pesel


@pytest.mark.parametrize(
    ("pesel", "birth_date", "sex"),
    [
        ("44051401359", date(1944, 5, 14), "M"),  # the textbook example
        ("05231712342", date(2005, 3, 17), "F"),  # 2000s: month + 20
        ("99923100014", date(1899, 12, 31), "M"),  # 1800s: month + 80
        ("00222900009", date(2000, 2, 29), "F"),  # leap day of 2000
        ("01410100007", date(2101, 1, 1), "F"),  # 2100s: month + 40
        ("01610100003", date(2201, 1, 1), "F"),  # 2200s: month + 60
    ],
)
def test_parse_reads_birth_date_and_sex(pesel, birth_date, sex):
    assert parse_pesel(pesel) == PeselInfo(pesel=pesel, birth_date=birth_date, sex=sex)
    assert is_valid_pesel(pesel)


def test_surrounding_spaces_are_ignored():
    assert parse_pesel("  44051401359\t").pesel == "44051401359"


def test_sex_digit_even_is_female_odd_is_male():
    assert parse_pesel(make_pesel(date(1980, 6, 1), "F", 0)).sex == "F"
    assert parse_pesel(make_pesel(date(1980, 6, 1), "M", 0)).sex == "M"
    assert make_pesel(date(1980, 6, 1), "F", 7)[9] == "4"
    assert make_pesel(date(1980, 6, 1), "M", 7)[9] == "5"


def test_check_digit_weights():
    # 4*1 + 4*3 + 0*7 + 5*9 + 1*1 + 4*3 + 0*7 + 1*9 + 3*1 + 5*3 = 101 -> (10 - 1) % 10 = 9
    assert check_digit("4405140135") == 9
    # a sum ending in 0 gives check digit 0, not 10
    assert check_digit("0000000000") == 0


def _message(text: str) -> DomainError:
    with pytest.raises(DomainError) as info:
        parse_pesel(text)
    assert info.value.field == "pesel"
    assert not is_valid_pesel(text)
    return info.value


def test_bad_check_digit():
    assert str(_message("44051401358")) == (
        "Cyfra kontrolna numeru PESEL się nie zgadza – sprawdź, czy w numerze nie ma literówki."
    )


def test_wrong_length():
    assert str(_message("4405140135")) == "PESEL musi mieć 11 cyfr, a ma 10."
    assert str(_message("440514013599")) == "PESEL musi mieć 11 cyfr, a ma 12."


def test_not_digits():
    message = "PESEL może zawierać tylko cyfry."
    assert str(_message("4405140135X")) == message
    assert str(_message("440514 01359")) == message
    assert str(_message("٤٤٠٥١٤٠١٣٥٩")) == message  # Arabic-Indic digits are not accepted


def test_empty():
    assert str(_message("   ")) == "Wpisz numer PESEL."


@pytest.mark.parametrize(
    "first_ten",
    [
        "0122300000",  # 30 February 2001
        "0002290000",  # 29 February 1900 (not a leap year)
        "8013010000",  # month 13
        "8000010000",  # month 0
        "8001000000",  # day 0
        "8004310000",  # 31 April
        "8093010000",  # month field 93 encodes nothing
    ],
)
def test_impossible_birth_date(first_ten):
    pesel = first_ten + str(check_digit(first_ten))
    assert str(_message(pesel)) == "PESEL zawiera datę urodzenia, która nie istnieje."


def test_make_pesel_known_values():
    assert make_pesel(date(2005, 3, 17), "F", 123) == "05231712366"  # X = 2 * (123 % 5)
    assert make_pesel(date(1899, 12, 31), "M", 0) == "99923100014"


@pytest.mark.parametrize(
    ("birth_date", "sex", "serial"),
    [
        (date(1799, 12, 31), "F", 0),
        (date(2300, 1, 1), "F", 0),
        (date(1990, 1, 1), "X", 0),
        (date(1990, 1, 1), "F", 1000),
        (date(1990, 1, 1), "F", -1),
    ],
)
def test_make_pesel_refuses_what_cannot_be_encoded(birth_date, sex, serial):
    with pytest.raises(ValueError):
        make_pesel(birth_date, sex, serial)


@settings(deadline=None)
@given(
    birth_date=st.dates(min_value=date(1800, 1, 1), max_value=date(2299, 12, 31)),
    sex=st.sampled_from(["F", "M"]),
    serial=st.integers(0, 999),
)
def test_make_then_parse_round_trip(birth_date, sex, serial):
    pesel = make_pesel(birth_date, sex, serial)
    assert len(pesel) == 11
    assert parse_pesel(pesel) == PeselInfo(pesel, birth_date, sex)


@settings(deadline=None)
@given(
    birth_date=st.dates(min_value=date(1800, 1, 1), max_value=date(2299, 12, 31)),
    serial=st.integers(0, 999),
    position=st.integers(0, 10),
    delta=st.integers(1, 9),
)
def test_any_single_digit_typo_is_caught(birth_date, serial, position, delta):
    digits = list(make_pesel(birth_date, "F", serial))
    digits[position] = str((int(digits[position]) + delta) % 10)
    assert not is_valid_pesel("".join(digits))
