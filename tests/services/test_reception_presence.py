"""Who is in: each worker's status of the day, set by themselves or by the desk, shown to the
desk by team and on the waiting-room display as places only."""

import pytest
from sqlalchemy import select

from opsdesk.domain.presence import Presence
from opsdesk.errors import Conflict, PermissionDenied, ValidationError
from opsdesk.storage.models import AuditEntry


def statuses(services, team_id=None):
    return {w.name: (w.status, w.since) for w in services.presence.today(team_id)}


def test_a_worker_sets_their_status_and_the_desk_sees_it_for_the_day(desk, clock):
    benefits = desk.teams["benefits"]
    assert statuses(desk.clerk, benefits) == {
        "Anna Łęcka": ("available", None),
        "Piotr Żak": ("available", None),
    }
    clock.advance(minutes=75)
    mine = desk.benefits_b.presence.set_status(Presence.BREAK)
    assert (mine.name, mine.status_label, mine.workplace) == ("Piotr Żak", "Przerwa", "pokój 3")
    assert statuses(desk.clerk, benefits)["Piotr Żak"] == ("break", clock.now())
    assert desk.benefits_b.presence.mine().status == "break"
    desk.clerk.presence.set_status("away", desk.social_a.actor.id)  # in the field today
    assert [(p.place, p.status_label) for p in desk.clerk.presence.closed_places()] == [
        ("pokój 3", "Przerwa"),
        ("pokój 4", "Poza biurem"),
    ]
    clock.advance(days=1)  # a new day: everyone starts available
    assert {s for s, _since in statuses(desk.clerk).values()} == {"available"}
    assert desk.clerk.presence.closed_places() == []


def test_only_the_desk_or_the_manager_set_a_colleagues_status_and_every_change_is_audited(
    desk, clock
):
    with pytest.raises(PermissionDenied):
        desk.benefits_a.presence.set_status("away", desk.benefits_b.actor.id)
    desk.manager.presence.set_status("away", desk.benefits_b.actor.id)
    with pytest.raises(ValidationError) as error:
        desk.benefits_a.presence.set_status("lunch")
    assert error.value.errors == {"status": "Wybierz status z listy."}
    with desk.admin.db.reading() as session:
        audited = session.execute(
            select(AuditEntry.actor_login, AuditEntry.entity_id, AuditEntry.detail).where(
                AuditEntry.entity == "staff_presence"
            )
        ).all()
    assert audited == [("kierownik", desk.benefits_b.actor.id, "away")]


def arrive(desk, clock, purpose, client=None):
    from opsdesk.domain.queue import Channel
    from opsdesk.services.reception.desk import ContactInput

    clock.advance(minutes=1)
    return desk.clerk.reception.register(
        ContactInput(
            Channel.IN_PERSON,
            desk.purposes[purpose],
            client_id=desk.clients[client].id if client else None,
        )
    )


def test_routing_skips_a_region_worker_who_is_not_available_today(desk, clock):
    lukasz = desk.clients["lukasz"]  # region 1: Anna Łęcka for benefits
    purpose = desk.purposes["benefit_application"]
    assert desk.clerk.reception.route(purpose, lukasz.id).worker_name == "Anna Łęcka"
    desk.clerk.presence.set_status("away", desk.benefits_a.actor.id)
    route = desk.clerk.reception.route(purpose, lukasz.id)
    assert (route.worker_id, route.worker_name) == (None, "")
    assert route.explanation.endswith(
        "Anna Łęcka – pracownik rejonu: Rejon 1 – status na dziś: poza biurem; "
        "przyjmie dowolny pracownik zespołu."
    )
    visit = arrive(desk, clock, "benefit_application", "lukasz")
    assert visit.target_worker_id is None  # registered as proposed: no override reason needed
    # the desk sees who is available when choosing a worker
    choices = {w.name: w.label for w in desk.clerk.reception.workers(desk.teams["benefits"])}
    assert choices == {"Anna Łęcka": "Anna Łęcka (poza biurem)", "Piotr Żak": "Piotr Żak"}
    clock.advance(days=1)  # back the next day
    assert desk.clerk.reception.route(purpose, lukasz.id).worker_name == "Anna Łęcka"


def test_a_colleague_calls_the_people_waiting_for_a_worker_who_went_away(desk, clock):
    benefits = desk.teams["benefits"]
    for_anna = arrive(desk, clock, "benefit_application", "lukasz")  # region 1: Anna Łęcka
    assert for_anna.target_worker_name == "Anna Łęcka"
    with pytest.raises(Conflict):  # Piotr may not take Anna's person while she is in
        desk.benefits_b.queue.call_next(benefits)
    desk.benefits_a.presence.set_status(Presence.BREAK)
    called = desk.benefits_b.queue.call_next(benefits)  # nobody stuck waiting for her
    assert (called.id, called.called_by_name) == (for_anna.id, "Piotr Żak")


def test_moving_to_another_team_skips_its_region_worker_who_is_away(desk, clock):
    visit = arrive(desk, clock, "benefit_application", "jan")  # region 2
    desk.clerk.presence.set_status("away", desk.social_b.actor.id)
    moved = desk.clerk.queue.redirect(visit.id, desk.teams["social_work"])
    assert moved.target_worker_id is None
