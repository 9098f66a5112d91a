"""Text no database can hold (NUL) is refused on every write, the same on SQLite as on
PostgreSQL (which would fail with a raw driver error), and nothing is saved."""

import pytest
from safety.fuzzing import table_counts

from opsdesk.domain.roles import Role
from opsdesk.errors import ValidationError
from opsdesk.services.office.profile import OfficeInput
from opsdesk.services.office.staff import StaffInput


def test_a_nul_in_a_new_record_is_refused_naming_the_field(office):
    before = table_counts(office.db)
    with pytest.raises(ValidationError) as error:
        office.staff.create(
            StaffInput(
                "nowa", "Anna\x00Nowak", frozenset({Role.CLERK}), password="bezpieczne-haslo-1"
            )
        )
    assert error.value.errors == {
        "full_name": "Ten tekst zawiera znak, którego nie można zapisać (NUL, kod 0)."
    }
    assert table_counts(office.db) == before


def test_a_nul_in_a_change_is_refused_and_the_record_stays_as_it_was(office):
    profile = office.office.profile()
    with pytest.raises(ValidationError) as error:
        office.office.update(
            OfficeInput(
                name=profile.name,
                street="ul. Zachęty\x005",
                postal_code=profile.postal_code,
                city=profile.city,
            )
        )
    assert set(error.value.errors) == {"street"}
    assert office.office.profile().street == profile.street


def test_other_control_characters_are_stored_verbatim(office):
    created = office.staff.create(
        StaffInput(
            "tab", "Anna\tNowak\u200b", frozenset({Role.CLERK}), password="bezpieczne-haslo-1"
        )
    )
    assert [s.full_name for s in office.staff.list() if s.id == created.id] == ["Anna\tNowak\u200b"]


def test_a_nul_in_a_login_or_a_search_finds_nobody_on_either_database(office, make_person):
    """Nothing stored holds a NUL, so a login or a search holding one matches nobody — as on
    SQLite, never a refusal about saving (nothing is being saved)."""
    from opsdesk.errors import AuthenticationError

    anonymous = office.as_actor(None)
    with pytest.raises(AuthenticationError):
        anonymous.auth.login("\x00", "haslo")
    with pytest.raises(AuthenticationError):
        anonymous.auth.login("admin\x00", "\x00")
    assert make_person(Role.CLERK).clients.search("\x00") == []
