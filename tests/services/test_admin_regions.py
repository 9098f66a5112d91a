"""A street belongs to one region, whether typed with Polish letters, capitals or "ul." or not,
and a house number to one range: the check compares areas the way routing does, so the desk
can always tell where an address belongs."""

import pytest

from opsdesk.errors import ValidationError
from opsdesk.services.office.records import RegionAreaRecord
from opsdesk.services.office.regions import RegionInput


def area(locality, street="", number_from=0, number_to=None):
    return RegionAreaRecord(locality, street, number_from, number_to)


def refusal(office, *areas, name="Rejon 2"):
    with pytest.raises(ValidationError) as error:
        office.regions.save(RegionInput(name, areas))
    assert name not in [r.name for r in office.regions.list()]
    return error.value.errors["areas"]


def test_the_same_street_spelt_without_polish_letters_is_refused_in_another_region(office):
    office.regions.save(RegionInput("Rejon 1", (area("Łęczyca", "Łąkowa"),)))
    with pytest.raises(ValidationError) as error:
        office.regions.save(RegionInput("Rejon 2", (area("LECZYCA", "lakowa"),)))
    assert error.value.errors == {"areas": "LECZYCA lakowa należy już do rejonu Rejon 1."}
    assert [r.name for r in office.regions.list()] == ["Rejon 1"]


def test_the_same_street_twice_in_one_region_is_refused(office):
    with pytest.raises(ValidationError) as error:
        office.regions.save(
            RegionInput("Rejon 1", (area("Łęczyca", "Ślusarska"), area("łęczyca", "SLUSARSKA")))
        )
    assert error.value.errors == {"areas": "Ta sama ulica jest wpisana dwa razy."}


def test_a_region_keeps_its_own_streets_when_saved_again(office):
    saved = office.regions.save(RegionInput("Rejon 1", (area("Łęczyca", "Łąkowa"),)))
    again = office.regions.save(RegionInput("Rejon 1", (area("Łęczyca", "Łąkowa", 1),)), saved.id)
    assert [(a.street, a.number_from) for a in again.areas] == [("Łąkowa", 1)]


def test_a_street_with_its_prefix_is_the_same_street(office):
    office.regions.save(RegionInput("Rejon 1", (area("Łęczyca", "ul. Łąkowa"),)))
    assert refusal(office, area("Łęczyca", "Łąkowa")) == (
        "Łęczyca Łąkowa należy już do rejonu Rejon 1."
    )


@pytest.mark.parametrize("numbers", [(20, 40), (25, None), (1, 1), (3, 7)])
def test_overlapping_house_numbers_of_one_street_are_refused(office, numbers):
    office.regions.save(RegionInput("Rejon 1", (area("Łęczyca", "Kościuszki", 1, 25),)))
    shown = f"{numbers[0]}-{'' if numbers[1] is None else numbers[1]}"
    assert refusal(office, area("Łęczyca", "ul. Kościuszki", *numbers)) == (
        f"Łęczyca ul. Kościuszki {shown} pokrywa się z numerami 1-25 w rejonie Rejon 1."
    )


def test_adjoining_ranges_and_a_whole_street_beside_a_range_are_accepted(office):
    """Routing prefers a range to the whole street, so the two do not compete."""
    office.regions.save(RegionInput("Rejon 1", (area("Łęczyca", "Kościuszki", 1, 25),)))
    office.regions.save(RegionInput("Rejon 2", (area("Łęczyca", "Kościuszki", 26, None),)))
    office.regions.save(RegionInput("Rejon 3", (area("Łęczyca", "Kościuszki"),)))
    ids = {r.name: r.id for r in office.regions.list()}
    assert [office.regions.region_for("Łęczyca", "Kościuszki", n) for n in ("25", "26a", "")] == [
        ids["Rejon 1"],
        ids["Rejon 2"],
        ids["Rejon 3"],
    ]


@pytest.mark.parametrize(
    "bad, message",
    [
        (area("Łęczyca", "Kościuszki", 25, 1), "Zakres numerów domów zaczyna się od 1"),
        (area("Łęczyca", "Kościuszki", 0, 10), "Zakres numerów domów zaczyna się od 1"),
        (area("Łęczyca", "", 1, 10), "Numery domów wymagają ulicy"),
        (area("  ", "Kościuszki"), "Każdy wiersz musi zaczynać się od miejscowości."),
    ],
)
def test_malformed_areas_are_explained(office, bad, message):
    assert refusal(office, bad, name="Rejon 1").startswith(message)


def test_a_whole_street_beside_a_range_from_0_kept_from_older_data_is_refused(office):
    """Older versions accepted a range starting at 0; it shares its stored key with the whole
    street, so the street is refused with a reason instead of failing in the database."""
    from opsdesk.storage.models import RegionStreet

    first = office.regions.save(RegionInput("Rejon 1", (area("Łęczyca", "Kościuszki", 1, 25),)))
    with office.db.transaction() as session:
        row = session.query(RegionStreet).filter_by(region_id=first.id).one()
        row.number_from = 0
    assert refusal(office, area("Łęczyca", "Kościuszki")) == (
        "Łęczyca Kościuszki należy już do rejonu Rejon 1."
    )
