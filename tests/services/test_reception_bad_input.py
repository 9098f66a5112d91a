"""Bad input at the first-contact desk (contacts, queues, the conversation room), for
hypothesis: refused with a Polish message per field and nothing saved, or stored and shown back
exactly (texts stripped of surrounding blanks)."""

from datetime import datetime, timedelta

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

from opsdesk.domain.queue import Channel, Outcome
from opsdesk.services.clients.register import ClientInput
from opsdesk.services.reception.desk import ContactInput
from opsdesk.services.reception.rooms import BookingInput
from opsdesk.services.text_limits import SEARCH_MAX_CHARACTERS, SEARCH_MAX_WORDS

NOW = datetime(2026, 11, 30, 9, 0)


def phone_call(desk, **changes) -> ContactInput:
    values = {"channel": Channel.PHONE, "purpose_id": desk.purposes["information"]}
    return ContactInput(**(values | changes))


def waiting(desk):
    """A person at the desk, waiting in the benefits team's queue."""
    return desk.clerk.reception.register(
        ContactInput(
            Channel.IN_PERSON,
            desk.purposes["benefit_application"],
            client_id=desk.clients["lukasz"].id,
        )
    )


@FUZZ
@given(label=nasty_text(300), note=nasty_text(), reason=nasty_text(500))
def test_register_texts(desk, label, note, reason):
    data = phone_call(
        desk,
        visitor_label=label,
        note=note,
        override_reason=reason,
        team_id=desk.teams["social_work"],
    )
    visit, error = attempt(desk.admin.db, lambda: desk.clerk.reception.register(data))
    if error is None:
        stored = desk.clerk.reception.visit(visit.id)
        assert (stored.person, stored.note, stored.routing_override_reason) == (
            label.strip() or "Osoba anonimowa",
            note.strip(),
            reason.strip(),
        )


@FUZZ
@given(
    channel=st.one_of(st.sampled_from(Channel), nasty_text(20)),
    priority=st.one_of(st.just(""), nasty_text(20)),
    outcome=st.one_of(st.none(), st.sampled_from(Outcome)),
    ids=st.tuples(*[st.one_of(st.none(), unknown_ids())] * 4),
)
def test_register_odd_choices(desk, channel, priority, outcome, ids):
    purpose, client, team, worker = ids
    data = ContactInput(
        channel,
        purpose,
        client,
        priority_reason=priority,
        team_id=team,
        worker_id=worker,
        outcome=outcome,
        override_reason="inna kolejka",
    )
    _visit, error = attempt(desk.admin.db, lambda: desk.clerk.reception.register(data))
    assert error is not None  # the purpose, the client or the team is unknown


@FUZZ
@given(text=search_text(), street=nasty_text(200))
def test_quick_client_and_search(desk, text, street):
    data = ClientInput("Ola", "Nowa", document_number="XY123", locality="Gryfino", street=street)
    created, error = attempt(
        desk.admin.db, lambda: desk.clerk.reception.quick_client(data, confirm_duplicate=True)
    )
    if error is None:
        assert desk.clerk.clients.get(created.id).street == street.strip()
    found, error = attempt(desk.admin.db, lambda: desk.clerk.reception.search_clients(text))
    if len(text) > SEARCH_MAX_CHARACTERS or len(text.split()) > SEARCH_MAX_WORDS:
        assert error is not None and "za długi" in error.errors["search"]  # a paste, not a search
    else:
        assert found is not None and len(found) <= 8


@FUZZ
@given(purpose=st.one_of(st.none(), unknown_ids()), client=st.one_of(st.none(), unknown_ids()))
def test_route_with_unknown_ids(desk, purpose, client):
    route, _error = attempt(desk.admin.db, lambda: desk.clerk.reception.route(purpose, client))
    assert route.team_id is None and route.worker_id is None and route.explanation


@FUZZ
@given(
    note=nasty_text(500),
    # the outcome as chosen, as its code in plain text, or any text at all
    outcome=st.one_of(
        st.none(),
        st.sampled_from(Outcome),
        st.sampled_from([o.value for o in Outcome]),
        nasty_text(30),
    ),
    team=st.one_of(st.none(), unknown_ids()),
)
def test_finish_with_any_note(desk, note, outcome, team):
    visit = waiting(desk)
    desk.clerk.queue.call(visit.id)
    finished, error = attempt(
        desk.admin.db, lambda: desk.clerk.queue.finish(visit.id, outcome, team, note)
    )
    if error is None:
        assert desk.clerk.reception.visit(visit.id).note == note.strip()
        assert finished.outcome == Outcome(outcome).value


@FUZZ
@given(
    reason=nasty_text(500),
    team=st.one_of(st.none(), unknown_ids(), st.sampled_from(("social_work", "first_contact"))),
)
def test_redirect_and_cancel_with_any_reason(desk, reason, team):
    visit = waiting(desk)
    team_id = desk.teams.get(team, team)
    moved, error = attempt(
        desk.admin.db, lambda: desk.clerk.queue.redirect(visit.id, team_id, reason=reason)
    )
    if error is None:
        assert moved.target_team_id == team_id and moved.state == "waiting"
    _cancelled, error = attempt(desk.admin.db, lambda: desk.clerk.queue.cancel(visit.id, reason))
    if error is None:
        assert desk.clerk.reception.visit(visit.id).state == "cancelled"


@FUZZ
@given(place=st.one_of(st.none(), nasty_text(200)))
def test_call_to_any_place(desk, place):
    visit = waiting(desk)
    called, error = attempt(desk.admin.db, lambda: desk.clerk.queue.call(visit.id, place))
    if error is None:
        assert called.call_place == desk.clerk.reception.visit(visit.id).call_place
        assert called.call_place == (
            place.strip() if place and place.strip() else desk.clerk.actor.workplace
        )


@FUZZ
@given(visit_id=unknown_ids(), team_id=unknown_ids())
def test_queue_with_unknown_ids(desk, visit_id, team_id):
    queue = desk.clerk.queue
    assert_all_refused(
        desk.admin.db,
        (
            lambda: queue.queue(team_id),
            lambda: queue.call_next(team_id),
            lambda: queue.call(visit_id),
            lambda: queue.recall(visit_id),
            lambda: queue.start(visit_id),
            lambda: queue.no_show(visit_id),
            lambda: queue.finish(visit_id, Outcome.INFORMATION),
            lambda: queue.redirect(visit_id, desk.teams["benefits"]),
            lambda: queue.cancel(visit_id),
            lambda: desk.clerk.reception.visit(visit_id),
        ),
    )


@FUZZ
@given(room=nasty_text(200), note=nasty_text(500))
def test_book_room_with_any_text(desk, room, note):
    start = NOW + timedelta(days=1)
    data = BookingInput(
        room, start, start + timedelta(minutes=30), desk.social_a.actor.id, note=note
    )
    booked, error = attempt(desk.admin.db, lambda: desk.clerk.rooms.book(data))
    if error is None:
        day = desk.clerk.rooms.day(start.date(), booked.room)
        assert [(b.room, b.note) for b in day if b.id == booked.id] == [
            (room.strip(), note.strip())
        ]
        desk.clerk.rooms.cancel(booked.id)


@FUZZ
@given(
    day=odd_dates(),
    hour=st.integers(0, 23),
    minutes=st.integers(-(10**6), 10**6),
    worker=st.one_of(st.none(), unknown_ids()),
    client=st.one_of(st.none(), unknown_ids()),
)
def test_book_room_at_odd_times(desk, day, hour, minutes, worker, client):
    start = datetime(day.year, day.month, day.day, hour)
    try:
        end = start + timedelta(minutes=minutes)
    except OverflowError:
        end = start
    data = BookingInput("Pokój do rozmów", start, end, worker, client)
    _booked, error = attempt(desk.admin.db, lambda: desk.clerk.rooms.book(data))
    assert error is not None  # an unknown worker or client, or a time that makes no sense
    bookings, _error = attempt(desk.admin.db, lambda: desk.clerk.rooms.day(day))
    assert bookings == []


@FUZZ
@given(booking_id=unknown_ids())
def test_cancel_unknown_booking(desk, booking_id):
    _result, error = attempt(desk.admin.db, lambda: desk.clerk.rooms.cancel(booking_id))
    assert error is not None


@FUZZ
@given(
    reason=nasty_text(500),
    channel=st.one_of(st.none(), st.sampled_from([*Channel, "fax", ""])),
    outcome=st.one_of(st.none(), st.sampled_from([*Outcome, "???"])),
    ids=st.tuples(unknown_ids(), unknown_ids()),
)
def test_correct_a_contact_with_any_reason_and_odd_choices(desk, reason, channel, outcome, ids):
    from opsdesk.services.reception.desk import ContactCorrection

    visit = desk.clerk.reception.register(phone_call(desk))
    change = ContactCorrection(reason, channel, ids[0], outcome, ids[1])
    corrected, error = attempt(
        desk.admin.db, lambda: desk.clerk.reception.correct(visit.id, change)
    )
    if error is None:
        assert corrected.channel != "in_person"  # a contact without a ticket never gets one
    else:
        assert desk.clerk.reception.visit(visit.id) == visit  # nothing half-saved
