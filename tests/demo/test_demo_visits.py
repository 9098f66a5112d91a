"""The demo's reception history: tickets, counters, office hours and today's queue."""

from __future__ import annotations

from collections import defaultdict
from datetime import time

from sqlalchemy import select

from opsdesk.domain.queue import Outcome, PriorityReason
from opsdesk.domain.workdays import is_working_day
from opsdesk.storage.models import Counter, Team, Visit, VisitEvent

from .conftest import BUILT_AT, fetch

TODAY = BUILT_AT.date()


def visits(db) -> list[Visit]:
    return fetch(db, select(Visit).order_by(Visit.id))


def test_two_years_of_contacts_on_working_days_in_office_hours(demo_db):
    rows = visits(demo_db)
    days = {v.day for v in rows}
    assert (TODAY - min(days)).days >= 720
    assert all(is_working_day(d) for d in days if d != TODAY)
    assert all(time(7, 30) <= v.arrived_at.time() <= time(15, 30) for v in rows)
    channels = defaultdict(int)
    for visit in rows:
        channels[visit.channel] += 1
    assert set(channels) == {"in_person", "phone", "email", "letter", "epuap"}
    assert channels["in_person"] > sum(channels.values()) / 2


def test_tickets_are_numbered_per_day_and_letter_like_the_counter(demo_db):
    with demo_db.reading() as session:
        letters = dict(session.execute(select(Team.id, Team.ticket_letter)).all())
        counters = {
            (name, scope): value
            for name, scope, value in session.execute(
                select(Counter.name, Counter.scope, Counter.value).where(
                    Counter.name.like("ticket:%")
                )
            )
        }
    numbered: dict[tuple, list[Visit]] = defaultdict(list)
    for visit in visits(demo_db):
        if visit.channel != "in_person":
            assert visit.ticket_letter is None and visit.ticket_seq is None
            continue
        first_team = visit.redirected_from_team_id or visit.target_team_id
        assert visit.ticket_letter == letters[first_team]  # a redirected person keeps it
        numbered[(visit.day, visit.ticket_letter)].append(visit)
    for (day, letter), group in numbered.items():
        group.sort(key=lambda v: (v.arrived_at, v.ticket_seq))
        assert [v.ticket_seq for v in group] == list(range(1, len(group) + 1))
        assert counters[(f"ticket:{letter}", day.isoformat())] == len(group)
    assert len(counters) == len(numbered)


STORIES = {
    ("in_person", "done"): (
        ["register", "call", "start", "finish"],
        ["register", "call", "redirect", "call", "start", "finish"],
    ),
    ("in_person", "no_show"): (["register", "call", "no_show"],),
    ("in_person", "cancelled"): (["register", "cancel"],),
}


def test_past_visits_are_finished_with_their_events(demo_db):
    events: dict[int, list[VisitEvent]] = defaultdict(list)
    for event in fetch(demo_db, select(VisitEvent).order_by(VisitEvent.at, VisitEvent.id)):
        events[event.visit_id].append(event)
    redirected = 0
    for visit in visits(demo_db):
        history = events[visit.id]
        actions = [e.action for e in history]
        assert history[0].at == visit.arrived_at
        assert history[-1].team_id == visit.target_team_id
        if visit.day < TODAY:
            assert visit.state in ("done", "no_show", "cancelled")
            assert visit.finished_at is not None
        if visit.channel != "in_person":
            assert actions == ["register", "finish"] and visit.state == "done"
            assert visit.served_by_id and visit.outcome
        elif visit.state in ("done", "no_show", "cancelled"):
            assert actions in STORIES[(visit.channel, visit.state)], actions
        if visit.state == "done" and visit.channel == "in_person":
            assert visit.arrived_at <= visit.called_at <= visit.started_at <= visit.finished_at
            assert visit.served_by_id and visit.call_place
        if visit.redirected_from_team_id:
            redirected += 1
            assert "redirect" in actions
        if visit.outcome == "sent_to_team":
            assert visit.outcome_team_id
        else:
            assert visit.outcome_team_id is None
        if visit.priority:
            assert PriorityReason(visit.priority_reason)
    assert redirected > 20


def test_today_has_a_queue(demo_db):
    today = [v for v in visits(demo_db) if v.day == TODAY]
    states = defaultdict(list)
    for visit in today:
        states[visit.state].append(visit)
    assert len(states["waiting"]) >= 3
    assert len(states["called"]) == 1 and len(states["in_service"]) == 1
    assert any(v.priority > 0 and v.priority_reason for v in states["waiting"])
    assert states["done"], "people were served earlier today"
    assert all(v.arrived_at <= BUILT_AT for v in today)
    called = states["called"][0]
    assert called.called_by_id and called.call_place and called.started_at is None
    assert states["in_service"][0].started_at <= BUILT_AT


def test_every_purpose_and_outcome_appears(demo_db):
    rows = visits(demo_db)
    assert len({v.purpose_id for v in rows}) == 7
    assert {v.outcome for v in rows} - {None} == {o.value for o in Outcome}
    assert any(v.client_id is None and v.visitor_label for v in rows)
