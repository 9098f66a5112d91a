"""The client register: PESEL or a document number, birth date and sex from the PESEL, region
from the address, likely duplicates, search without Polish letters, households, audit."""

from datetime import date

import pytest
from sqlalchemy import func, select

from opsdesk.errors import PermissionDenied, ValidationError
from opsdesk.services.clients.register import ClientInput, LikelyDuplicate
from opsdesk.storage.models import AuditEntry, Client, Household


def count_clients(world) -> int:
    with world.db.reading() as session:
        return session.scalar(select(func.count(Client.id)))


def test_pesel_fills_birth_date_and_sex(world):
    clerk = world.as_("clerk")
    created = clerk.clients.create(
        ClientInput("Łucja", "Żądło", pesel=" 04270107746 ", locality="Chlebowo", house_number="3")
    )
    detail = clerk.clients.get(created.id)
    assert (created.pesel, created.birth_date, detail.sex) == ("04270107746", date(2004, 7, 1), "F")
    assert created.region_name == "Rejon 2 \u2013 wsie"  # from the address
    assert created.code.startswith("K-")


@pytest.mark.parametrize(
    ("pesel", "message"),
    [
        ("8005141237", "PESEL musi mieć 11 cyfr, a ma 10."),
        (
            "80051412376",
            "Cyfra kontrolna numeru PESEL się nie zgadza – sprawdź, czy w numerze "
            "nie ma literówki.",
        ),
        ("8005141237X", "PESEL może zawierać tylko cyfry."),
        ("80023012372", "PESEL zawiera datę urodzenia, która nie istnieje."),
    ],
)
def test_invalid_pesel_is_explained_and_nothing_saved(world, pesel, message):
    before = count_clients(world)
    with pytest.raises(ValidationError) as error:
        world.as_("clerk").clients.create(ClientInput("Jan", "Nowak", pesel=pesel))
    assert error.value.errors["pesel"] == message
    assert count_clients(world) == before


def test_other_bad_input(world):
    with pytest.raises(ValidationError) as error:
        world.as_("clerk").clients.create(
            ClientInput(
                " ", "", postal_code="7410", email="brak", sex="X", birth_date=date(2030, 1, 1)
            )
        )
    assert error.value.errors == {
        "first_name": "Wpisz imię.",
        "last_name": "Wpisz nazwisko.",
        "pesel": "Wpisz PESEL albo – dla osoby bez numeru PESEL – numer dokumentu.",
        "birth_date": "Data urodzenia nie może być z przyszłości.",
        "sex": "Wybierz płeć z listy.",
        "postal_code": "Wpisz kod pocztowy w formacie NN-NNN, np. 74-100.",
        "email": "To nie jest adres e-mail.",
    }


def test_a_foreigner_is_registered_with_a_document(world):
    [found] = world.as_("clerk").clients.search("kovalenko")
    assert (found.pesel, found.document_number, found.identity) == ("", "FA1234567", "FA1234567")
    assert found.region_id is None  # Szczecin is not in the gmina


def test_the_same_pesel_twice_is_refused(world):
    with pytest.raises(ValidationError) as error:
        world.as_("clerk").clients.create(ClientInput("Janek", "Kowalsky", pesel="80051412375"))
    assert error.value.errors["pesel"] == (
        "Klient z tym numerem PESEL jest już zarejestrowany: Kowalski Jan."
    )


def test_the_same_name_and_birth_date_is_a_likely_duplicate(world):
    clerk = world.as_("clerk")
    twin = ClientInput(
        "olena", "KOVALENKO", document_number="FB7654321", birth_date=date(1990, 2, 3)
    )
    assert [c.display_name for c in clerk.clients.likely_duplicates(twin)] == ["Kovalenko Olena"]
    before = count_clients(world)
    with pytest.raises(LikelyDuplicate) as warning:
        clerk.clients.create(twin)
    assert str(warning.value) == (
        "Podobna osoba jest już w rejestrze: Kovalenko Olena, "
        "FA1234567. Sprawdź, czy to nie ta sama osoba."
    )
    assert [c.document_number for c in warning.value.candidates] == ["FA1234567"]
    assert count_clients(world) == before
    clerk.clients.create(twin, confirm_duplicate=True)  # the clerk checked: someone else
    assert count_clients(world) == before + 1


def test_similar_names_are_not_duplicates(world):
    other = ClientInput("Olenka", "Kovalenko", document_number="X1", birth_date=date(1990, 2, 3))
    assert world.as_("clerk").clients.likely_duplicates(other) == []


def test_editing_does_not_warn_about_the_person_themselves(world):
    clerk = world.as_("clerk")
    [jan] = clerk.clients.search("kowalski")
    data = ClientInput(
        "Jan",
        "Kowalski",
        pesel="80051412375",
        locality="Gryfino",
        street="ul. Łużycka",
        house_number="7",
        phone="600 100 201",
    )
    updated = clerk.clients.update(jan.id, data)
    assert updated.phone == "600 100 201" and updated.address.startswith("ul. Łużycka 7")


@pytest.mark.parametrize("text", ["wasik", "WĄSIK", "wąs", "zofia wasik", "52022145621"])
def test_search_ignores_case_and_polish_letters(world, text):
    assert [c.display_name for c in world.as_("clerk").clients.search(text)] == ["Wąsik Zofia"]


def test_search_sorts_the_polish_way(world):
    clerk = world.as_("clerk")
    for last in ("Łoś", "Lis", "Żak", "Zając"):
        clerk.clients.create(ClientInput("Anna", last, document_number=f"D-{last}"))
    names = [c.last_name for c in clerk.clients.search("")]
    assert names == ["Kovalenko", "Kowalski", "Lis", "Łoś", "Wąsik", "Zając", "Żak"]


def test_region_override_is_kept_until_removed(world):
    clerk = world.as_("clerk")
    [jan] = clerk.clients.search("kowalski")
    villages = world.regions["Rejon 2 \u2013 wsie"]
    data = ClientInput(
        "Jan", "Kowalski", pesel="80051412375", locality="Gryfino", region_id=villages
    )
    assert clerk.clients.update(jan.id, data).region_name == "Rejon 2 \u2013 wsie"
    assert clerk.clients.get(jan.id).region_overridden
    automatic = ClientInput("Jan", "Kowalski", pesel="80051412375", locality="Gryfino")
    assert clerk.clients.update(jan.id, automatic).region_name == "Rejon 1 \u2013 Gryfino"
    assert not clerk.clients.get(jan.id).region_overridden


def test_households(world):
    clerk = world.as_("clerk")
    jan, zofia = world.clients["kowalski"], world.clients["wasik"]
    olena = world.clients["kovalenko"]
    with pytest.raises(ValidationError) as error:
        clerk.clients.join_household(zofia, jan, " ")
    assert error.value.errors == {"relation": "Podaj stopień pokrewieństwa lub relację."}
    clerk.clients.join_household(zofia, jan, "teściowa")
    clerk.clients.join_household(olena, jan, "synowa")
    household = clerk.clients.get(jan).household
    assert [(m.display_name, m.relation, m.identity) for m in household] == [
        ("Kovalenko Olena", "synowa", "FA1234567"),
        ("Wąsik Zofia", "teściowa", "52022145621"),
    ]
    assert clerk.clients.get(jan).household_relation == "wnioskodawca"
    # one person, one household at a time: leaving dissolves a household of one
    clerk.clients.leave_household(zofia)
    clerk.clients.leave_household(olena)
    assert clerk.clients.get(jan).household_id is None
    with world.db.reading() as session:
        assert session.scalar(select(func.count(Household.id))) == 0


def test_reads_of_a_file_are_audited_and_the_psychologist_sees_only_own_clients(world):
    jan = world.clients["kowalski"]
    world.as_("anna").clients.get(jan)
    with world.db.reading() as session:
        assert session.execute(
            select(AuditEntry.actor_login, AuditEntry.entity_id).where(AuditEntry.action == "read")
        ).all() == [("anna", jan)]
    assert world.as_("psych").clients.search("") == []
    with pytest.raises(PermissionDenied):
        world.as_("psych").clients.create(ClientInput("A", "B", document_number="1"))
    with pytest.raises(PermissionDenied):
        world.as_("admin").clients.search("")
