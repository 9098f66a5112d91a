"""Several desks pressing "call next" at once on one server: each press gets a person at
once, nobody is called twice, tickets stay unique and gap-free.

The row-lock cases need a server: they run with ``--database=postgresql`` (.ci/postgresql)
and are skipped with that reason otherwise. The order check runs on both databases.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select, text

from opsdesk.domain.queue import Channel, Waiting, next_in_queue
from opsdesk.errors import Conflict
from opsdesk.services.reception.desk import ContactInput
from opsdesk.storage.models import Visit, VisitEvent


@pytest.fixture
def server(db):
    if db.is_sqlite:
        pytest.skip("row locks need a server: runs with --database=postgresql (.ci/postgresql)")
    return db


def arrive(desk, clock, purpose="benefit_application", client=None, priority="", minutes=1):
    clock.advance(minutes=minutes)
    return desk.clerk.reception.register(
        ContactInput(
            Channel.IN_PERSON,
            desk.purposes[purpose],
            client_id=desk.clients[client].id if client else None,
            priority_reason=priority,
        )
    )


def test_call_next_takes_people_in_the_domain_order(desk, clock, db):
    """The query's ORDER BY is domain.queue.queue_key: the calls come out in the order
    next_in_queue gives, for priorities, arrivals and people sent to a worker."""
    benefits = desk.teams["benefits"]
    for client, priority in (
        ("lukasz", ""),
        (None, "aged_75"),
        ("jan", ""),
        (None, ""),
        ("zofia", "pregnant"),
        ("lukasz", ""),
    ):
        arrive(desk, clock, client=client, priority=priority)
    with db.reading() as session:
        waiting = [
            Waiting(v.id, v.priority, v.arrived_at, v.target_worker_id)
            for v in session.scalars(select(Visit))
        ]
    expected = []
    anna = desk.benefits_a.actor.id
    while (head := next_in_queue(waiting, anna)) is not None:
        expected.append(head.visit_id)
        waiting.remove(head)
    called = []
    while True:
        try:
            called.append(desk.benefits_a.queue.call_next(benefits).id)
        except Conflict:
            break
    assert called == expected


def test_a_press_skips_the_person_another_desk_is_calling(desk, clock, server):
    """Another desk holds the head of the queue (its call not yet committed): this desk's
    press answers at once with the next person, neither waiting nor refused."""
    benefits = desk.teams["benefits"]
    first = arrive(desk, clock)
    second = arrive(desk, clock)
    with ThreadPoolExecutor(1) as pool, server.engine.connect() as other_desk:
        calling = other_desk.begin()
        other_desk.execute(text("SELECT id FROM visit WHERE id = :id FOR UPDATE"), {"id": first.id})
        press = pool.submit(desk.clerk.queue.call_next, benefits)
        try:
            called = press.result(timeout=5)  # a press waiting for the lock fails here
        finally:
            calling.rollback()  # the other desk gives up: a waiting press ends too
    assert called.ticket == second.ticket
    assert desk.clerk.reception.visit(first.id).state == "waiting"


def test_four_desks_pressing_together_call_each_person_once(desk, clock, server):
    """Four desks press "call next" 15 times each, all at once, on 40 waiting people: 40
    calls succeed, nobody twice, nobody told "someone else called"; the rest hear the queue
    is empty."""
    benefits = desk.teams["benefits"]
    tickets = [arrive(desk, clock, minutes=0).ticket for _ in range(40)]
    assert tickets == [f"Ś-{n:03d}" for n in range(1, 41)]  # unique, gap-free
    start = threading.Barrier(4)
    desks = [desk.clerk.as_actor(desk.clerk.actor) for _ in range(4)]

    def press_15_times(services):
        start.wait()
        got, empty = [], 0
        for _ in range(15):
            try:
                got.append(services.queue.call_next(benefits).ticket)
            except Conflict as refusal:
                assert "Nikt nie czeka" in str(refusal), str(refusal)
                empty += 1
        return got, empty

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(press_15_times, desks))
    called = [ticket for got, _empty in results for ticket in got]
    assert sorted(called) == tickets
    assert sum(empty for _got, empty in results) == 60 - 40


def test_four_desks_calling_one_chosen_person_out_of_turn_call_them_once(desk, clock, db):
    """The row is locked while a desk acts on it: of four desks calling the same person at
    once, one calls, the others hear the person is no longer waiting (both databases)."""
    arrive(desk, clock)
    chosen = arrive(desk, clock)
    start = threading.Barrier(4)
    desks = [desk.clerk.as_actor(desk.clerk.actor) for _ in range(4)]

    def call(services):
        start.wait()
        try:
            return services.queue.call(chosen.id, reason="umówiony na 9:00").ticket
        except Conflict as refusal:
            assert "już nie czeka" in str(refusal), str(refusal)
            return None

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(call, desks))
    assert results.count(chosen.ticket) == 1 and results.count(None) == 3
    with db.reading() as session:
        actions = session.scalars(
            select(VisitEvent.action)
            .where(VisitEvent.visit_id == chosen.id)
            .order_by(VisitEvent.id)
        ).all()
    assert actions == ["register", "call_out_of_turn"]


def test_a_hold_waits_for_the_desk_calling_the_same_person(desk, clock, server):
    """A desk is calling the head (its transaction open): another desk putting the same
    person on hold waits for it and then holds the called person; nothing is lost."""
    head = arrive(desk, clock)
    with ThreadPoolExecutor(1) as pool, server.engine.connect() as other_desk:
        calling = other_desk.begin()
        other_desk.execute(text("SELECT id FROM visit WHERE id = :id FOR UPDATE"), {"id": head.id})
        other_desk.execute(
            text("UPDATE visit SET state = 'called', called_at = now() WHERE id = :id"),
            {"id": head.id},
        )
        holding = pool.submit(desk.clerk.queue.hold, head.id)
        with pytest.raises(TimeoutError):
            holding.result(timeout=0.5)  # waits for the other desk's lock
        calling.commit()
        held = holding.result(timeout=10)
    assert (held.state, held.called_at) == ("on_hold", None)
