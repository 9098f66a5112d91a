"""The queues: order with priorities and redirects, the actions, who may do them."""

import pytest
from sqlalchemy import select

from opsdesk.domain.queue import Channel, Outcome
from opsdesk.errors import Conflict, PermissionDenied, ValidationError
from opsdesk.services.reception.desk import ContactInput
from opsdesk.storage.models import Visit, VisitEvent


def arrive(desk, clock, purpose, client=None, priority="", minutes=1):
    clock.advance(minutes=minutes)
    return desk.clerk.reception.register(
        ContactInput(
            Channel.IN_PERSON,
            desk.purposes[purpose],
            client_id=desk.clients[client].id if client else None,
            priority_reason=priority,
        )
    )


def waiting_tickets(services, team_id):
    return [v.ticket for v in services.queue.queue(team_id).waiting]


def test_priority_then_arrival_and_call_next_follows_it(desk, clock):
    benefits = desk.teams["benefits"]
    arrive(desk, clock, "benefit_application")  # Ś-001 8:01
    arrive(desk, clock, "benefit_application")  # Ś-002
    arrive(desk, clock, "benefit_application", "zofia", priority="aged_75")  # Ś-003
    arrive(desk, clock, "benefit_application", priority="pregnant")  # Ś-004
    assert waiting_tickets(desk.clerk, benefits) == ["Ś-003", "Ś-004", "Ś-001", "Ś-002"]
    clock.advance(minutes=5)
    called = desk.clerk.queue.call_next(benefits)
    assert (called.ticket, called.state, called.called_at) == ("Ś-003", "called", clock.now())
    assert called.call_place == "pokój 1"  # the clerk's workplace
    assert called.called_by_name == "Beata Kłos"
    view = desk.clerk.queue.queue(benefits)
    assert [v.ticket for v in view.serving] == ["Ś-003"]
    assert [v.ticket for v in view.waiting] == ["Ś-004", "Ś-001", "Ś-002"]


def test_redirect_keeps_the_original_arrival_and_ticket(desk, clock):
    benefits, social = desk.teams["benefits"], desk.teams["social_work"]
    early = arrive(desk, clock, "benefit_application", "jan")  # Ś-001 09:01
    arrive(desk, clock, "social_work", minutes=10)  # P-001 09:11
    arrive(desk, clock, "social_work", minutes=10)  # P-002 09:21
    desk.clerk.queue.call_next(benefits)
    clock.advance(minutes=30)
    moved = desk.benefits_b.queue.redirect(early.id, social, reason="przemoc w rodzinie")
    assert (moved.ticket, moved.state, moved.arrived_at) == ("Ś-001", "waiting", early.arrived_at)
    assert moved.redirected_from_team_id == benefits
    assert moved.target_worker_name == "Marek Wójcik"  # Pomorska 3: region 2's social worker
    assert moved.called_at is None
    assert waiting_tickets(desk.clerk, social) == ["Ś-001", "P-001", "P-002"]
    assert waiting_tickets(desk.clerk, benefits) == []


def test_a_worker_calls_for_their_own_team_only_people_sent_to_them_or_nobody(desk, clock):
    benefits = desk.teams["benefits"]
    arrive(desk, clock, "benefit_application", "lukasz")  # region 1: Anna Łęcka
    arrive(desk, clock, "benefit_application", "jan")  # region 2: Piotr Żak
    arrive(desk, clock, "benefit_application")  # anonymous: anyone
    called = desk.benefits_b.queue.call_next(benefits)
    assert (called.ticket, called.call_place, called.called_by_name) == (
        "Ś-002",
        "pokój 3",
        "Piotr Żak",
    )
    assert desk.benefits_b.queue.call_next(benefits).ticket == "Ś-003"
    with pytest.raises(Conflict) as error:  # Ś-001 waits, but for Anna Łęcka
        desk.benefits_b.queue.call_next(benefits)
    assert str(error.value) == (
        f"Nikt nie czeka na Ciebie w kolejce: {desk.team_name('benefits')}. "
        "Czekają na innych pracowników: Anna Łęcka (1)."
    )
    assert desk.benefits_a.queue.call_next(benefits).ticket == "Ś-001"
    with pytest.raises(Conflict) as error:
        desk.benefits_b.queue.call_next(benefits)
    assert str(error.value) == f"Nikt nie czeka w kolejce: {desk.team_name('benefits')}."
    with pytest.raises(PermissionDenied) as error:
        desk.social_a.queue.call_next(benefits)
    assert str(error.value) == "Możesz obsługiwać tylko kolejkę własnego zespołu."
    with pytest.raises(PermissionDenied):
        desk.social_a.queue.queue(benefits)
    with pytest.raises(PermissionDenied):
        desk.manager.queue.call_next(benefits)
    assert desk.manager.queue.queue(benefits).team.letter == "Ś"


def test_call_from_an_empty_queue_changes_nothing(desk, clock):
    with pytest.raises(Conflict) as error:
        desk.clerk.queue.call_next(desk.teams["first_contact"])
    assert "Nikt nie czeka" in str(error.value)
    with desk.admin.db.reading() as session:
        assert session.scalars(select(VisitEvent)).all() == []


def test_start_finish_with_outcome_and_every_action_recorded(desk, clock):
    team = desk.teams["first_contact"]
    visit = arrive(desk, clock, "information", "lukasz")
    clock.advance(minutes=4)
    desk.clerk.queue.call_next(team)
    clock.advance(minutes=1)
    desk.clerk.queue.recall(visit.id)
    clock.advance(minutes=1)
    desk.clerk.queue.start(visit.id)
    clock.advance(minutes=7)
    with pytest.raises(ValidationError) as error:
        desk.clerk.queue.finish(visit.id, None)
    assert error.value.errors == {"outcome": "Wybierz wynik wizyty."}
    with pytest.raises(ValidationError) as error:
        desk.clerk.queue.finish(visit.id, Outcome.SENT_TO_TEAM)
    assert error.value.errors == {"outcome_team": "Wybierz zespół, do którego kierujesz osobę."}
    assert desk.clerk.reception.visit(visit.id).state == "in_service"
    done = desk.clerk.queue.finish(
        visit.id, Outcome.SENT_TO_TEAM, desk.teams["social_work"], note="prosi o kontakt pracownika"
    )
    assert (done.state, done.outcome, done.outcome_team_id) == (
        "done",
        "sent_to_team",
        desk.teams["social_work"],
    )
    assert done.finished_at == clock.now()
    with desk.admin.db.reading() as session:
        events = session.execute(
            select(VisitEvent.action, VisitEvent.actor_id)
            .where(VisitEvent.visit_id == visit.id)
            .order_by(VisitEvent.id)
        ).all()
    clerk = desk.clerk.actor.id
    assert events == [
        ("register", clerk),
        ("call", clerk),
        ("recall", clerk),
        ("start", clerk),
        ("finish", clerk),
    ]


def test_finish_straight_after_the_call_counts_service_from_the_call(desk, clock):
    visit = arrive(desk, clock, "information")
    desk.clerk.queue.call_next(desk.teams["first_contact"])
    clock.advance(minutes=3)
    done = desk.clerk.queue.finish(visit.id, Outcome.INFORMATION)
    assert done.started_at == done.called_at


def test_no_show_and_cancel_and_wrong_order_of_actions(desk, clock):
    team = desk.teams["first_contact"]
    first = arrive(desk, clock, "information")
    second = arrive(desk, clock, "information")
    with pytest.raises(Conflict) as error:
        desk.clerk.queue.no_show(first.id)
    assert str(error.value) == (
        "„Nie przyszedł” można zaznaczyć dopiero po wezwaniu; obecny stan: Czeka."
    )
    with pytest.raises(Conflict):
        desk.clerk.queue.start(first.id)
    desk.clerk.queue.call_next(team)
    assert desk.clerk.queue.no_show(first.id).state == "no_show"
    assert desk.clerk.queue.cancel(second.id, "zrezygnował").state == "cancelled"
    with pytest.raises(Conflict):
        desk.clerk.queue.finish(second.id, Outcome.INFORMATION)
    with pytest.raises(Conflict):
        desk.clerk.queue.redirect(first.id, desk.teams["benefits"])
    assert desk.clerk.queue.queue(team).waiting == ()


def test_redirect_to_the_same_or_no_team_is_refused(desk, clock):
    visit = arrive(desk, clock, "information")
    with pytest.raises(ValidationError) as error:
        desk.clerk.queue.redirect(visit.id, desk.teams["first_contact"])
    assert error.value.errors == {"team": "Ta osoba już jest w kolejce tego zespołu."}
    with pytest.raises(ValidationError):
        desk.clerk.queue.redirect(visit.id, None)
    with desk.admin.db.reading() as session:
        assert session.get(Visit, visit.id).target_team_id == desk.teams["first_contact"]


def test_the_queue_is_per_day(desk, clock):
    arrive(desk, clock, "information")
    clock.advance(days=1)
    assert desk.clerk.queue.queue(desk.teams["first_contact"]).waiting == ()
    with pytest.raises(Conflict):
        desk.clerk.queue.call_next(desk.teams["first_contact"])


def test_display_shows_numbers_and_places_only(desk, clock):
    team = desk.teams["benefits"]
    arrive(desk, clock, "benefit_application", "zofia")
    arrive(desk, clock, "benefit_application", "lukasz")
    clock.advance(minutes=2)
    desk.benefits_b.queue.call_next(team)
    clock.advance(minutes=1)
    desk.benefits_a.queue.call_next(team)
    calls = desk.clerk.display.recent_calls()
    assert [(c.ticket, c.place) for c in calls] == [("Ś-002", "pokój 2"), ("Ś-001", "pokój 3")]
    # nothing about the person: how many times called again, and the ticket's language for
    # the display's words (what the ticket in the person's hand says anyway)
    assert set(vars(calls[0])) == {"ticket", "place", "called_at", "recalls", "language"}
    clock.advance(minutes=11)
    assert desk.clerk.display.recent_calls() == []


def test_typed_reasons_stay_in_the_visit_history_and_never_reach_the_audit_log(desk, clock):
    from opsdesk.storage.models import AuditEntry

    moved = arrive(desk, clock, "benefit_application", "jan")
    left = arrive(desk, clock, "information")
    desk.clerk.queue.call_next(desk.teams["benefits"])
    desk.benefits_b.queue.redirect(
        moved.id, desk.teams["social_work"], reason="przemoc w rodzinie — pilne"
    )
    desk.clerk.queue.cancel(left.id, "zrezygnowała, wróci jutro")
    with desk.admin.db.reading() as session:
        details = session.scalars(select(VisitEvent.detail)).all()
        audited = session.execute(
            select(AuditEntry.action, AuditEntry.entity_id, AuditEntry.detail).where(
                AuditEntry.entity == "visit"
            )
        ).all()
    assert "przemoc w rodzinie — pilne" in details and "zrezygnowała, wróci jutro" in details
    assert ("redirect", moved.id, "") in audited and ("cancel", left.id, "") in audited
    assert not any("przemoc" in (d or "") or "zrezygnowała" in (d or "") for _a, _i, d in audited)


# --- no one stuck: move, hold, call out of turn, undo "did not come" -----------------------


def test_move_to_a_colleague_of_the_same_team_keeps_the_ticket_and_arrival(desk, clock):
    benefits = desk.teams["benefits"]
    jan = arrive(desk, clock, "benefit_application", "jan")  # region 2: Piotr Żak
    arrive(desk, clock, "benefit_application", "lukasz")  # region 1: Anna Łęcka
    anna, piotr = desk.benefits_a.actor.id, desk.benefits_b.actor.id
    assert jan.target_worker_id == piotr
    moved = desk.benefits_b.queue.redirect(jan.id, benefits, anna, reason="urlop po południu")
    assert (moved.ticket, moved.state, moved.arrived_at) == ("Ś-001", "waiting", jan.arrived_at)
    assert (moved.target_team_id, moved.target_worker_name) == (benefits, "Anna Łęcka")
    assert moved.redirected_from_team_id is None  # still the same team's matter
    assert desk.benefits_a.queue.call_next(benefits).ticket == "Ś-001"  # first by arrival
    with pytest.raises(ValidationError) as error:
        desk.clerk.queue.redirect(jan.id, benefits, anna)
    assert error.value.errors == {"worker": "Ta osoba już czeka na tego pracownika."}
    with pytest.raises(ValidationError) as error:  # a worker of another team
        desk.clerk.queue.redirect(jan.id, benefits, desk.social_a.actor.id)
    assert error.value.errors == {"worker": "Wybierz pracownika zespołu: Zespół świadczeń."}
    anyone = desk.clerk.queue.redirect(jan.id, benefits, no_worker=True)
    assert (anyone.state, anyone.target_worker_id) == ("waiting", None)


def test_hold_keeps_a_person_out_of_calls_until_resumed_in_their_place(desk, clock):
    team = desk.teams["first_contact"]
    first = arrive(desk, clock, "information")
    second = arrive(desk, clock, "information")
    held = desk.clerk.queue.hold(first.id, "poszła po zaświadczenie")
    assert held.state == "on_hold"
    view = desk.clerk.queue.queue(team)
    assert ([v.ticket for v in view.waiting], [v.ticket for v in view.held]) == (
        ["I-002"],
        ["I-001"],
    )
    assert desk.clerk.queue.call_next(team).id == second.id  # the held person is passed by
    desk.clerk.queue.hold(second.id)  # called, then stepped aside: off the display too
    assert desk.clerk.display.recent_calls() == []
    with pytest.raises(Conflict):
        desk.clerk.queue.call_next(team)
    third = arrive(desk, clock, "information")
    assert desk.clerk.queue.resume(first.id).state == "waiting"
    assert waiting_tickets(desk.clerk, team) == ["I-001", "I-003"]  # by arrival
    with pytest.raises(Conflict) as error:
        desk.clerk.queue.resume(third.id)
    assert str(error.value) == (
        "Do kolejki można przywrócić tylko osobę wstrzymaną; obecny stan: Czeka."
    )
    assert desk.clerk.queue.cancel(second.id, "zrezygnował").state == "cancelled"


def test_a_call_out_of_turn_needs_a_reason_kept_in_the_history_and_audited(desk, clock):
    from opsdesk.storage.models import AuditEntry

    head = arrive(desk, clock, "information")
    chosen = arrive(desk, clock, "information")
    with pytest.raises(ValidationError) as error:
        desk.clerk.queue.call(chosen.id)
    assert error.value.errors == {
        "reason": "I-002 nie jest następny w kolejce: podaj, dlaczego wzywasz poza kolejnością."
    }
    assert desk.clerk.reception.visit(chosen.id).state == "waiting"  # nothing half saved
    called = desk.clerk.queue.call(chosen.id, reason="tłumacz jest tylko do 9:30")
    assert (called.state, called.call_place) == ("called", "pokój 1")
    assert desk.clerk.queue.call(head.id).state == "called"  # the head needs no reason
    with desk.admin.db.reading() as session:
        events = session.execute(
            select(VisitEvent.action, VisitEvent.detail).where(VisitEvent.visit_id == chosen.id)
        ).all()
        audited = session.execute(
            select(AuditEntry.action, AuditEntry.detail).where(
                AuditEntry.entity == "visit", AuditEntry.entity_id == chosen.id
            )
        ).all()
    assert ("call_out_of_turn", "tłumacz jest tylko do 9:30") in events
    assert ("call_out_of_turn", "before I-001") in audited
    assert not any("tłumacz" in detail for _action, detail in audited)
    stats = desk.manager.reception_stats.day(clock.today())
    assert stats.teams[0].waits == 2  # a call out of turn ends the wait like any call


def test_a_worker_calls_a_colleagues_person_only_out_of_turn(desk, clock):
    benefits = desk.teams["benefits"]
    jan = arrive(desk, clock, "benefit_application", "jan")  # sent to Piotr Żak
    with pytest.raises(ValidationError):
        desk.benefits_a.queue.call(jan.id)
    taken = desk.benefits_a.queue.call(jan.id, reason="Piotr Żak na szkoleniu")
    assert taken.called_by_name == "Anna Łęcka"
    with pytest.raises(PermissionDenied):  # another team's queue
        desk.social_a.queue.hold(taken.id)
    assert desk.clerk.queue.queue(benefits).serving[0].ticket == "Ś-001"


def test_did_not_come_is_undone_the_same_day_and_the_ticket_kept(desk, clock):
    team = desk.teams["first_contact"]
    late = arrive(desk, clock, "information")
    arrive(desk, clock, "information")
    desk.clerk.queue.call_next(team)
    desk.clerk.queue.no_show(late.id)
    view = desk.clerk.queue.queue(team)
    assert [v.ticket for v in view.no_shows] == ["I-001"]
    assert desk.manager.reception_stats.day(clock.today()).no_shows == 1
    clock.advance(minutes=2)
    back = desk.clerk.queue.undo_no_show(late.id)
    assert (back.ticket, back.state, back.arrived_at) == ("I-001", "waiting", late.arrived_at)
    assert back.finished_at is None and back.called_at is None
    assert waiting_tickets(desk.clerk, team) == ["I-001", "I-002"]
    stats = desk.manager.reception_stats.day(clock.today())
    assert (stats.no_shows, stats.teams[0].no_shows) == (0, 0)
    with pytest.raises(Conflict):  # it is no longer a no-show
        desk.clerk.queue.undo_no_show(late.id)
    desk.clerk.queue.call_next(team)
    desk.clerk.queue.no_show(late.id)
    clock.advance(days=1)
    with pytest.raises(Conflict) as error:
        desk.clerk.queue.undo_no_show(late.id)
    assert str(error.value) == "„Nie przyszedł” można cofnąć tylko w dniu wizyty."


def test_a_cancelled_visit_is_restored_within_minutes_with_its_ticket_and_audited(desk, clock):
    from opsdesk.domain.queue import UNDO_MINUTES
    from opsdesk.storage.models import AuditEntry

    team = desk.teams["first_contact"]
    first = arrive(desk, clock, "information", "jan")
    arrive(desk, clock, "information")
    desk.clerk.queue.cancel(first.id, reason="pomyłka")
    view = desk.clerk.queue.queue(team)
    assert [(v.ticket, v.state) for v in view.cancelled] == [("I-001", "cancelled")]
    assert view.rows[-1].ticket == "I-001"  # listed last, to be restored with Shift+F5
    clock.advance(minutes=UNDO_MINUTES)
    back = desk.clerk.queue.undo_cancel(first.id)
    assert (back.ticket, back.state, back.arrived_at) == ("I-001", "waiting", first.arrived_at)
    assert back.finished_at is None
    assert waiting_tickets(desk.clerk, team) == ["I-001", "I-002"]  # its place by arrival
    with pytest.raises(Conflict):  # it is no longer cancelled
        desk.clerk.queue.undo_cancel(first.id)
    desk.clerk.queue.cancel(first.id)
    clock.advance(minutes=UNDO_MINUTES, seconds=1)
    assert desk.clerk.queue.queue(team).cancelled == ()  # too late: no longer listed
    with pytest.raises(Conflict) as error:
        desk.clerk.queue.undo_cancel(first.id)
    assert str(error.value) == "Anulowaną wizytę można przywrócić tylko w ciągu 15 minut."
    with pytest.raises(PermissionDenied):  # a worker of another team
        desk.benefits_a.queue.undo_cancel(first.id)
    with desk.admin.db.reading() as session:
        audited = session.scalars(
            select(AuditEntry.action).where(
                AuditEntry.entity == "visit", AuditEntry.entity_id == first.id
            )
        ).all()
    assert audited == ["create", "cancel", "undo_cancel", "cancel"]


def test_recalls_are_counted_from_the_last_call_on_the_queue_and_the_display(desk, clock):
    team = desk.teams["first_contact"]
    visit = arrive(desk, clock, "information")
    desk.clerk.queue.call_next(team)
    assert desk.clerk.queue.queue(team).serving[0].recalls == 0
    for n in (1, 2):
        clock.advance(minutes=1)
        assert desk.clerk.queue.recall(visit.id).recalls == n
    assert desk.clerk.queue.queue(team).serving[0].recalls == 2
    assert [(c.ticket, c.recalls) for c in desk.clerk.display.recent_calls()] == [("I-001", 2)]
    desk.clerk.queue.hold(visit.id)  # stepped aside; a new call counts anew
    desk.clerk.queue.resume(visit.id)
    desk.clerk.queue.call_next(team)
    assert desk.clerk.queue.queue(team).serving[0].recalls == 0
    assert desk.clerk.display.recent_calls()[0].recalls == 0
