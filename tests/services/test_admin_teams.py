"""A team is switched off, never deleted: only once nothing needs it (no open case on its board,
nobody in its queue today, no active member, not the last first-contact team), with every
reason said at once; switched off it is offered nowhere, and switched on again it is back."""

from __future__ import annotations

import pytest
from case_office import open_application, world  # noqa: F401  (fixture)
from people import STAFF_PASSWORD
from reception_office import desk  # noqa: F401  (fixture)

from opsdesk.domain.queue import Channel
from opsdesk.domain.roles import Role
from opsdesk.errors import NotFound, ValidationError
from opsdesk.services.office.staff import StaffInput
from opsdesk.services.reception.desk import ContactInput


def _teams(services) -> dict[str, int]:
    return {t.kind: t.id for t in services.teams.list()}


def test_a_team_nothing_needs_is_switched_off_offered_nowhere_and_switched_on_again(
    office, make_person
):
    clerk = make_person(Role.CLERK, "first_contact")
    benefits = _teams(office)["benefits"]
    purpose = next(p for p in clerk.reception.purposes() if p.code == "benefit_application")
    assert clerk.reception.route(purpose.id, None).team_id == benefits

    switched = office.teams.set_active(benefits, False)

    assert not switched.active
    assert benefits not in {t.id for t in clerk.reception.teams()}
    route = clerk.reception.route(purpose.id, None)
    assert (route.team_id, route.explanation) == (
        None,
        "Zespół tego celu, „Zespół świadczeń”, jest wyłączony: wybierz zespół.",
    )
    with pytest.raises(ValidationError) as refused:
        clerk.reception.register(ContactInput(Channel.IN_PERSON, purpose.id))
    assert "team" in refused.value.errors
    with pytest.raises(ValidationError) as refused:
        office.staff.create(
            StaffInput(
                "nowa",
                "Ola Nowa",
                frozenset({Role.SOCIAL_WORKER}),
                team_id=benefits,
                password=STAFF_PASSWORD,
            )
        )
    assert refused.value.errors == {"team": "Ten zespół jest wyłączony: wybierz inny."}
    entry = office.audit.entries(entity="team", entity_id=benefits)[0]
    assert entry.action == "deactivate"

    assert office.teams.set_active(benefits, True).active
    assert clerk.reception.route(purpose.id, None).team_id == benefits
    assert office.audit.entries(entity="team", entity_id=benefits)[0].action == "activate"


def test_a_team_still_needed_stays_on_and_every_reason_is_said(desk, clock):  # noqa: F811
    desk.clerk.reception.register(
        ContactInput(Channel.IN_PERSON, desk.purposes["benefit_application"])
    )
    benefits = desk.teams["benefits"]
    with pytest.raises(ValidationError) as refused:
        desk.admin.teams.set_active(benefits, False)
    assert refused.value.errors["active"].splitlines() == [
        f"Zespołu „{desk.team_name('benefits')}” nie można jeszcze wyłączyć:",
        "• Osoby w jego kolejce dziś: 1. Obsłuż je albo skieruj gdzie indziej.",
        "• Jego członkowie: Anna Łęcka, Piotr Żak. Najpierw przenieś ich do innego zespołu.",
    ]
    assert next(t for t in desk.admin.teams.list() if t.id == benefits).active
    assert benefits in {t.id for t in desk.clerk.reception.teams()}


def test_open_cases_keep_their_team_on(world):  # noqa: F811
    open_application(world)
    admin = world.as_("admin")
    with pytest.raises(ValidationError) as refused:
        admin.teams.set_active(world.teams["benefits"], False)
    assert (
        "• Otwarte sprawy na jego tablicy: 1. Przekaż je innemu zespołowi albo zamknij."
        in refused.value.errors["active"].splitlines()
    )


def test_the_last_first_contact_team_stays_on(office):
    with pytest.raises(ValidationError) as refused:
        office.teams.set_active(_teams(office)["first_contact"], False)
    assert refused.value.errors["active"].splitlines()[1:] == [
        "• Ośrodek potrzebuje aktywnego zespołu pierwszego kontaktu."
    ]


def test_an_unknown_team_is_not_found_and_a_team_switched_twice_stays_as_asked(office):
    with pytest.raises(NotFound):
        office.teams.set_active(10**6, False)
    services = _teams(office)["benefits"]
    office.teams.set_active(services, False)
    assert not office.teams.set_active(services, False).active
    assert [e.action for e in office.audit.entries(entity="team", entity_id=services)] == [
        "deactivate"
    ]


def test_a_member_of_a_team_switched_off_keeps_it_when_the_account_is_changed(office):
    benefits = _teams(office)["benefits"]
    member = office.staff.create(
        StaffInput(
            "ala", "Ala Lis", frozenset({Role.SOCIAL_WORKER}), benefits, password=STAFF_PASSWORD
        )
    )
    office.staff.set_active(member.id, False)  # left the office: not an active member
    office.teams.set_active(benefits, False)
    changed = office.staff.update(
        member.id, StaffInput("ala", "Alicja Lis", frozenset({Role.SOCIAL_WORKER}), benefits)
    )
    assert (changed.full_name, changed.team_id) == ("Alicja Lis", benefits)


def test_an_account_is_not_reactivated_into_a_team_switched_off(office):
    benefits = _teams(office)["benefits"]
    member = office.staff.create(
        StaffInput(
            "ala", "Ala Lis", frozenset({Role.SOCIAL_WORKER}), benefits, password=STAFF_PASSWORD
        )
    )
    office.staff.set_active(member.id, False)
    office.teams.set_active(benefits, False)
    with pytest.raises(ValidationError) as refused:
        office.staff.set_active(member.id, True)
    assert refused.value.errors == {
        "active": "Zespół osoby Ala Lis, „Zespół świadczeń”, jest wyłączony: najpierw wybierz "
        "dla niej inny zespół (Edytuj)."
    }
    social = _teams(office)["social_work"]
    office.staff.update(
        member.id, StaffInput("ala", "Ala Lis", frozenset({Role.SOCIAL_WORKER}), social)
    )
    office.staff.set_active(member.id, True)
    assert next(s for s in office.staff.list() if s.id == member.id).active


def test_a_team_does_not_change_kind_away_from_what_still_needs_it(office, make_person):
    from opsdesk.domain.office_model import TeamKind
    from opsdesk.services.office.teams import TeamInput

    teams = {t.kind: t for t in office.teams.list()}

    def as_kind(kind: str, new_kind: TeamKind):
        team = teams[kind]
        return TeamInput(team.name, new_kind, team.ticket_letter)

    with pytest.raises(ValidationError) as refused:
        office.teams.save(as_kind("first_contact", TeamKind.BENEFITS), teams["first_contact"].id)
    assert (
        refused.value.errors["kind"] == "Ośrodek potrzebuje aktywnego zespołu pierwszego kontaktu."
    )
    with pytest.raises(ValidationError) as refused:
        office.teams.save(as_kind("benefits", TeamKind.EXTERNAL), teams["benefits"].id)
    assert refused.value.errors["kind"].splitlines() == [
        "Punkt pierwszego kontaktu nikogo nie kieruje do specjalistów zewnętrznych, a ten "
        "zespół wciąż ma:",
        "• Cele wizyty kierowane do niego: Wniosek o świadczenie. Najpierw skieruj je do "
        "innego zespołu.",
    ]
    assert {t.kind for t in office.teams.list()} == set(teams)
