"""A street belongs to one region, whether typed with Polish letters and capitals or not:
the check compares streets the way routing does."""

import pytest

from opsdesk.services.errors import ValidationError
from opsdesk.services.records import RegionAreaRecord
from opsdesk.services.regions import RegionInput


def area(locality, street="", number_from=0):
    return RegionAreaRecord(locality, street, number_from, None)


def test_the_same_street_spelt_without_polish_letters_is_refused_in_another_region(office):
    office.regions.save(RegionInput("Rejon 1", (area("Łęczyca", "Łąkowa"),)))
    with pytest.raises(ValidationError) as error:
        office.regions.save(RegionInput("Rejon 2", (area("LECZYCA", "lakowa"),)))
    assert error.value.errors == {"areas": "LECZYCA lakowa należy już do rejonu Rejon 1."}
    assert [r.name for r in office.regions.list()] == ["Rejon 1"]


def test_the_same_street_twice_in_one_region_is_refused(office):
    with pytest.raises(ValidationError) as error:
        office.regions.save(RegionInput("Rejon 1", (area("Łęczyca", "Ślusarska"),
                                                    area("łęczyca", "SLUSARSKA"))))
    assert error.value.errors == {"areas": "Ta sama ulica jest wpisana dwa razy."}


def test_a_region_keeps_its_own_streets_when_saved_again(office):
    saved = office.regions.save(RegionInput("Rejon 1", (area("Łęczyca", "Łąkowa"),)))
    again = office.regions.save(RegionInput("Rejon 1", (area("Łęczyca", "Łąkowa", 1),)),
                                saved.id)
    assert [(a.street, a.number_from) for a in again.areas] == [("Łąkowa", 1)]
