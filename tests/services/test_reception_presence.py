"""Who is in: each worker's status of the day, set by themselves or by the desk, shown to the
desk by team and on the waiting-room display as places only."""

import pytest
from sqlalchemy import select

from opsdesk.domain.presence import Presence
from opsdesk.errors import PermissionDenied, ValidationError
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
