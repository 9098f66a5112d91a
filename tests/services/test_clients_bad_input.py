"""Bad input to the client register, for hypothesis: refused with a Polish message per field
and nothing saved, or stored and shown back exactly (texts stripped of surrounding blanks)."""

from dataclasses import replace
from datetime import date
from itertools import count

from case_office import CLIENTS
from hypothesis import given
from hypothesis import strategies as st
from safety.fuzzing import (
    FUZZ,
    assert_all_refused,
    attempt,
    nasty_text,
    odd_dates,
    search_text,
    unknown_ids,
)

from opsdesk.services.clients.register import ClientInput
from opsdesk.services.text_limits import SEARCH_MAX_CHARACTERS, SEARCH_MAX_WORDS

TEXT_FIELDS = (
    "first_name",
    "last_name",
    "document_number",
    "locality",
    "street",
    "house_number",
    "flat_number",
    "phone",
    "email",
)
serial = count(1)


def stored_texts(detail) -> dict[str, str]:
    s = detail.summary
    return {
        "first_name": s.first_name,
        "last_name": s.last_name,
        "document_number": s.document_number,
        "locality": detail.locality,
        "street": detail.street,
        "house_number": detail.house_number,
        "flat_number": detail.flat_number,
        "phone": s.phone,
        "email": detail.email,
    }


def person(**changes) -> ClientInput:
    """A person without a PESEL, told apart by a document number unique per example."""
    values = {
        "first_name": "Olga",
        "last_name": "Nowa",
        "document_number": f"DOK{next(serial)}",
        "birth_date": date(1990, 1, 1),
        "locality": "Gryfino",
    }
    return ClientInput(**(values | changes))


@FUZZ
@given(field=st.sampled_from(TEXT_FIELDS), text=nasty_text(300))
def test_create_with_any_text(world, field, text):
    clerk = world.as_("clerk")
    data = person(**{field: text})
    created, error = attempt(world.db, lambda: clerk.clients.create(data, confirm_duplicate=True))
    if error is None:
        assert stored_texts(clerk.clients.get(created.id))[field] == text.strip()


@FUZZ
@given(field=st.sampled_from(TEXT_FIELDS), text=nasty_text(300))
def test_update_with_any_text(world, field, text):
    clerk = world.as_("clerk")
    client_id = world.clients["kovalenko"]
    before = clerk.clients.get(client_id)
    data = replace(CLIENTS["kovalenko"], **{field: text})
    _saved, error = attempt(
        world.db,
        lambda: clerk.clients.update(client_id, data, confirm_duplicate=True),
        ignore=("audit_entry",),
    )
    after = clerk.clients.get(client_id)
    if error is None:
        assert stored_texts(after)[field] == text.strip()
    else:
        assert after == before


@FUZZ
@given(
    pesel=nasty_text(40),
    sex=st.one_of(st.none(), nasty_text(3)),
    birth=st.one_of(st.none(), odd_dates()),
    postal=nasty_text(12),
)
def test_identity_and_postal_code(world, pesel, sex, birth, postal):
    clerk = world.as_("clerk")
    data = person(pesel=pesel, sex=sex, birth_date=birth, postal_code=postal)
    created, error = attempt(world.db, lambda: clerk.clients.create(data, confirm_duplicate=True))
    if error is None:
        detail = clerk.clients.get(created.id)
        assert detail.summary.pesel == pesel.strip() and detail.sex in (None, "F", "M")
        assert detail.summary.birth_date is None or detail.summary.birth_date <= world.clock.today()
        assert len(detail.postal_code) in (0, 6)


@FUZZ
@given(region_id=unknown_ids(), client_id=unknown_ids())
def test_unknown_ids(world, region_id, client_id):
    clerk = world.as_("clerk")
    assert_all_refused(
        world.db,
        (
            lambda: clerk.clients.create(person(region_id=region_id)),
            lambda: clerk.clients.update(client_id, person()),
            lambda: clerk.clients.get(client_id),
            lambda: clerk.clients.join_household(client_id, world.clients["wasik"], "syn"),
            lambda: clerk.clients.join_household(world.clients["wasik"], client_id, "syn"),
            lambda: clerk.clients.leave_household(client_id),
        ),
    )


@FUZZ
@given(relation=nasty_text(100))
def test_household_relation(world, relation):
    clerk = world.as_("clerk")
    who, head = world.clients["kovalenko"], world.clients["wasik"]
    _result, error = attempt(
        world.db, lambda: clerk.clients.join_household(who, head, relation), ignore=("audit_entry",)
    )
    if error is None:
        members = clerk.clients.get(head).household
        assert [m.relation for m in members if m.client_id == who] == [relation.strip()]
    else:  # a NUL is refused by the write guard under the column's name
        assert set(error.errors) in ({"relation"}, {"household_relation"})


@FUZZ
@given(text=search_text(), limit=st.integers(min_value=-5, max_value=60))
def test_search_with_any_text(world, text, limit):
    """Any text finds or finds nothing; a paste too long for a search (over 200 characters
    or 12 words: a thousand words, one 50,000-character word) is refused clearly."""
    clerk = world.as_("clerk")
    too_long = len(text) > SEARCH_MAX_CHARACTERS or len(text.split()) > SEARCH_MAX_WORDS
    for call in (
        lambda: clerk.clients.search(text, limit=limit),
        lambda: clerk.clients.search_by_address(text, limit=limit),
    ):
        found, error = attempt(world.db, call, ignore=("audit_entry", "audit_shown"))
        if too_long:
            assert error is not None and "za długi" in error.errors["search"]
        else:
            assert found is not None and len(found) <= max(limit, 20)
    found, _error = attempt(
        world.db,
        lambda: clerk.clients.likely_duplicates(person(first_name=text, last_name=text)),
    )
    assert found is not None and len(found) <= 20
