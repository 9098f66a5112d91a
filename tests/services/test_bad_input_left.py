"""The bad input issue 19 (item 9) found still giving a raw error or accepted: each now a clear
Polish refusal (or "not found"), on SQLite and PostgreSQL alike. The property tests
(``*_bad_input.py``) draw the same classes of input (``safety.fuzzing``)."""

from __future__ import annotations

from datetime import date

import pytest
from people import STAFF_PASSWORD
from safety.fuzzing import HUGE_NUMBERS, HUGE_SEARCHES, LONE_SURROGATES, ZERO_WIDTH, attempt

from opsdesk.domain.roles import Role
from opsdesk.errors import AuthenticationError, NotFound, ValidationError
from opsdesk.services.clients.register import ClientInput
from opsdesk.services.office.staff import StaffInput


def test_ids_beyond_any_integer_find_nothing(hours):
    for number in HUGE_NUMBERS:
        with pytest.raises(NotFound):
            hours.clerk.clients.get(number)
        with pytest.raises(NotFound):
            hours.manager.cases.get(number)
        with pytest.raises(NotFound):
            hours.manager.reports.gdpr_report(number)
        assert hours.manager.audit.entries(entity_id=number) == []


def test_lone_surrogates_find_nothing_log_in_nobody_and_are_never_saved(hours):
    for text in LONE_SURROGATES:
        assert hours.clerk.clients.search(text) == []
        assert hours.clerk.reception.search_clients(text) == []
        with pytest.raises(AuthenticationError):
            hours.clerk.as_actor(None).auth.login(text, text)
        _client, error = attempt(
            hours.clerk.db,
            lambda t=text: hours.clerk.clients.create(
                ClientInput("Jan" + t, "Nowak", document_number="AB123")
            ),
        )
        assert error is not None and "first_name" in error.errors
    # what was asked is still recorded, the broken character replaced
    assert hours.manager.audit.entries(action="list")[0].detail.startswith("client search")


def test_a_pasted_page_is_not_a_search(hours):
    for text in HUGE_SEARCHES:
        for call in (
            hours.clerk.clients.search,
            hours.clerk.clients.search_by_address,
            hours.clerk.reception.search_clients,
        ):
            with pytest.raises(ValidationError) as error:
                call(text)
            assert error.value.errors == {
                "search": "Tekst do wyszukania jest za długi (najwyżej 200 znaków i 12 słów)."
            }
        with pytest.raises(ValidationError):
            hours.manager.reports.find_clients(text)


def test_invisible_names_a_birth_in_year_one_and_a_lone_at_sign_are_refused(hours):
    invisible = "".join(ZERO_WIDTH)
    with pytest.raises(ValidationError) as error:
        hours.clerk.clients.create(
            ClientInput(
                invisible,
                "\u200b\u200d",
                document_number="AB123",
                birth_date=date(1, 1, 1),
                email="@",
            )
        )
    assert error.value.errors == {
        "first_name": "Wpisz imię.",
        "last_name": "Wpisz nazwisko.",
        "birth_date": "Data urodzenia nie może być wcześniejsza niż 1900 rok.",
        "email": "To nie jest adres e-mail.",
    }
    for email in ("@", "a@", "@b.pl", "jan@pl", "jan kowal@ops.pl"):
        with pytest.raises(ValidationError) as error:
            hours.admin.staff.create(
                StaffInput(
                    "nowy",
                    invisible,
                    frozenset({Role.CLERK}),
                    email=email,
                    password=STAFF_PASSWORD,
                )
            )
        assert error.value.errors["email"] == "To nie jest adres e-mail."
        assert error.value.errors["full_name"] == "Wpisz imię i nazwisko."


def test_the_outcome_of_a_visit_may_be_its_code_but_not_any_text(desk):
    from opsdesk.domain.queue import Channel
    from opsdesk.services.reception.desk import ContactInput

    def waiting():
        return desk.clerk.reception.register(
            ContactInput(
                Channel.IN_PERSON,
                desk.purposes["benefit_application"],
                client_id=desk.clients["lukasz"].id,
            )
        )

    visit = waiting()
    desk.clerk.queue.call(visit.id)
    with pytest.raises(ValidationError) as error:
        desk.clerk.queue.finish(visit.id, "załatwione")
    assert error.value.errors == {"outcome": "Wybierz wynik wizyty."}
    assert desk.clerk.queue.finish(visit.id, "information").outcome == "information"
