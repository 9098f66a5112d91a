"""The desk's contact purposes are the office's: added, renamed, routed to another team,
reordered and switched off (never deleted) from Administracja; the desk offers them as set."""

from __future__ import annotations

import pytest

from opsdesk.domain.queue import Channel
from opsdesk.domain.roles import Role
from opsdesk.errors import NotFound, ValidationError
from opsdesk.services.office.purposes import PurposeInput, code_for
from opsdesk.services.reception.desk import ContactInput


def _teams(services) -> dict[str, int]:
    return {t.kind: t.id for t in services.teams.list()}


def _offered(clerk) -> list[str]:
    return [p.name for p in clerk.reception.purposes()]


def test_a_new_purpose_is_offered_last_and_routed_to_its_team(office, make_person):
    clerk = make_person(Role.CLERK, "first_contact")
    benefits = _teams(office)["benefits"]

    added = office.purposes.save(PurposeInput("Karta Dużej Rodziny", benefits))

    assert (added.name, added.team_name, added.active) == (
        "Karta Dużej Rodziny",
        "Zespół świadczeń",
        True,
    )
    assert added.code == "karta_duzej_rodziny"
    assert _offered(clerk)[-1] == "Karta Dużej Rodziny"
    assert clerk.reception.route(added.id, None).team_id == benefits
    visit = clerk.reception.register(ContactInput(Channel.IN_PERSON, added.id))
    assert visit.target_team_name == "Zespół świadczeń"
    assert office.audit.entries(entity="purpose", entity_id=added.id)[0].action == "create"


def test_a_purpose_is_renamed_rerouted_and_moved_up_the_desks_list(office, make_person):
    clerk = make_person(Role.CLERK, "first_contact")
    social = _teams(office)["social_work"]
    first, second = office.purposes.list()[:2]

    office.purposes.save(PurposeInput("Zasiłek — wniosek", social), second.id)
    moved = office.purposes.move(second.id, -1)

    assert moved.position == 0
    assert _offered(clerk)[:2] == ["Zasiłek — wniosek", first.name]
    assert clerk.reception.route(second.id, None).team_id == social
    assert office.purposes.move(second.id, -1).position == 0  # already first: stays


def test_a_purpose_without_a_team_asks_the_desk_to_choose(office, make_person):
    clerk = make_person(Role.CLERK, "first_contact")
    added = office.purposes.save(PurposeInput("Inna sprawa"))
    route = clerk.reception.route(added.id, None)
    assert (route.team_id, route.explanation) == (
        None,
        "Ten cel nie ma przypisanego zespołu: wybierz zespół.",
    )


def test_a_purpose_switched_off_is_no_longer_offered_and_past_visits_keep_it(office, make_person):
    clerk = make_person(Role.CLERK, "first_contact")
    purpose = office.purposes.list()[0]
    visit = clerk.reception.register(ContactInput(Channel.IN_PERSON, purpose.id))

    assert not office.purposes.set_active(purpose.id, False).active

    assert purpose.name not in _offered(clerk)
    assert clerk.reception.visit(visit.id).purpose_name == purpose.name
    with pytest.raises(ValidationError) as refused:
        clerk.reception.register(ContactInput(Channel.IN_PERSON, purpose.id))
    assert refused.value.errors["purpose"] == "Wybierz cel kontaktu."
    assert office.purposes.set_active(purpose.id, True).active
    assert purpose.name in _offered(clerk)


def test_the_last_purpose_stays_on(office):
    *others, last = office.purposes.list()
    for purpose in others:
        office.purposes.set_active(purpose.id, False)
    with pytest.raises(ValidationError) as refused:
        office.purposes.set_active(last.id, False)
    assert refused.value.errors == {
        "active": "Punkt pierwszego kontaktu potrzebuje co najmniej jednego celu do wyboru."
    }


@pytest.mark.parametrize(
    ("name", "team", "field", "message"),
    [
        ("  ", None, "name", "Wpisz nazwę celu."),
        ("zasiłek okresowy — wniosek", None, "name", "Cel o tej nazwie już istnieje."),
        ("x" * 121, None, "name", "Tekst jest za długi (najwyżej 120 znaków)."),
        ("Nowy", 10**6, "default_team", "Wybierz zespół, do którego punkt kieruje osoby."),
    ],
)
def test_bad_input_is_refused_under_its_field_and_nothing_is_saved(
    office, name, team, field, message
):
    existing = office.purposes.list()
    if "okresowy" in name:  # the same name as one there, in another case
        office.purposes.save(PurposeInput("Zasiłek okresowy — wniosek"))
        existing = office.purposes.list()
    with pytest.raises(ValidationError) as refused:
        office.purposes.save(PurposeInput(name, team))
    assert refused.value.errors == {field: message}
    assert office.purposes.list() == existing


def test_a_team_switched_off_is_not_chosen_but_a_purpose_keeps_its_own(office):
    teams = _teams(office)
    office.teams.set_active(teams["benefits"], False)
    purpose = next(p for p in office.purposes.list() if p.default_team_id == teams["benefits"])
    assert (purpose.team_name, purpose.team_active) == ("Zespół świadczeń", False)
    renamed = office.purposes.save(PurposeInput("Świadczenia", teams["benefits"]), purpose.id)
    assert renamed.name == "Świadczenia"
    with pytest.raises(ValidationError) as refused:
        office.purposes.save(PurposeInput("Nowy cel", teams["benefits"]))
    assert refused.value.errors == {"default_team": "Ten zespół jest wyłączony: wybierz inny."}


def test_unknown_purposes_are_not_found(office):
    for call in (
        lambda: office.purposes.save(PurposeInput("X"), 10**6),
        lambda: office.purposes.set_active(10**6, False),
        lambda: office.purposes.move(10**6, 1),
    ):
        with pytest.raises(NotFound):
            call()


def test_codes_are_plain_and_unique():
    assert code_for("Łódź — źródła", set()) == "lodz_zrodla"
    assert code_for("Łódź", {"lodz"}) == "lodz_2"
    assert code_for("—", set()) == "purpose"


def test_moving_a_purpose_passes_over_the_ones_switched_off(office, make_person):
    clerk = make_person(Role.CLERK, "first_contact")
    first, second, third = office.purposes.list()[:3]
    office.purposes.set_active(second.id, False)

    assert office.purposes.move(third.id, -1).position == 0  # above the first: one place seen

    assert _offered(clerk)[:2] == [third.name, first.name]
    assert office.purposes.move(third.id, 1).position == 1  # below the first again
    assert _offered(clerk)[:2] == [first.name, third.name]
