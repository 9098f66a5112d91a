"""The daily counts behind the indicators (storage.indicator_counts) stay equal to a recount
from the visits through a mixed day of desk actions, a refused action, and the next day;
the migration fills them for visits already stored; the overview reads them."""

from dataclasses import replace
from datetime import timedelta

import pytest
from reception_office import desk  # noqa: F401  (fixture)
from sqlalchemy import delete, insert, select

from opsdesk.domain.queue import Channel, Outcome
from opsdesk.domain.report_periods import month_period
from opsdesk.errors import Conflict, ValidationError
from opsdesk.services.reception.desk import ContactInput
from opsdesk.storage import indicator_counts
from opsdesk.storage.models import IndicatorCount, IndicatorWait, Visit, VisitEvent


def same_as_recount(services):
    with services.db.reading() as session:
        connection = session.connection()
        stored = indicator_counts.stored(connection)
        counted = indicator_counts.counted(connection)
    assert stored == counted
    return stored


def register(desk, clock, purpose, channel=Channel.IN_PERSON, client=None, minutes=1, **extra):  # noqa: F811
    clock.advance(minutes=minutes)
    return desk.clerk.reception.register(
        ContactInput(
            channel,
            desk.purposes[purpose],
            client_id=desk.clients[client].id if client else None,
            **extra,
        )
    )


def test_every_desk_action_keeps_the_counts_equal_to_a_recount(desk, clock):  # noqa: F811
    fc, benefits, social = (desk.teams[k] for k in ("first_contact", "benefits", "social_work"))
    q = desk.clerk.queue
    a = register(desk, clock, "information", client="lukasz")
    b = register(desk, clock, "benefit_application", client="jan")
    c = register(desk, clock, "information")
    d = register(desk, clock, "social_work", client="zofia", priority_reason="aged_75")
    register(desk, clock, "information", Channel.PHONE)
    register(desk, clock, "benefit_application", Channel.LETTER)
    register(desk, clock, "information", Channel.EMAIL, outcome=Outcome.INFORMATION)
    same_as_recount(desk.admin)
    clock.advance(minutes=4)
    assert q.call_next(fc).id == a.id
    q.recall(a.id)
    clock.advance(minutes=1)
    q.start(a.id)
    clock.advance(minutes=6)
    q.finish(a.id, Outcome.INFORMATION)
    q.rate(a.id, 4)
    same_as_recount(desk.admin)
    # refused actions change nothing
    with pytest.raises(Conflict):
        q.finish(c.id, Outcome.INFORMATION)  # still waiting
    with pytest.raises(Conflict):
        q.rate(a.id, 5)
    same_as_recount(desk.admin)
    # the desk calls c, sends them on to benefits; benefits calls, serves
    clock.advance(minutes=2)
    assert q.call_next(fc).id == c.id
    clock.advance(minutes=3)
    with pytest.raises(ValidationError):
        q.finish(c.id, None)  # no outcome
    q.redirect(c.id, benefits, reason="zasiłek")
    clock.advance(minutes=10)
    out_of_turn = "pilne"
    q.call(b.id, reason=out_of_turn)
    q.no_show(b.id)
    clock.advance(minutes=1)
    q.undo_no_show(b.id)
    clock.advance(minutes=5)
    q.call(b.id, reason=out_of_turn)
    q.hold(b.id, "dokumenty")
    q.resume(b.id)
    q.call(b.id, reason=out_of_turn)
    q.start(b.id)
    q.finish(b.id, Outcome.APPLICATION)
    q.call(c.id, reason=out_of_turn)
    q.finish(c.id, Outcome.SENT_TO_TEAM, social)
    q.cancel(d.id, "wyszła")
    stored_counts, stored_waits = same_as_recount(desk.admin)
    day = clock.today()
    assert stored_counts[(day, "channel", "in_person")] == 4
    assert stored_counts[(day, "ended", "")] == 6  # a, b, c, the phone, the letter, the e-mail
    assert stored_counts[(day, "rating", "4")] == 1
    assert sum(stored_waits.values()) >= 3
    # the next day: new counts under the new day, yesterday's untouched
    clock.advance(days=1)
    e = register(desk, clock, "information")
    q.call_next(fc)
    q.finish(e.id, Outcome.INFORMATION)
    counts, _waits = same_as_recount(desk.admin)
    assert counts[(clock.today(), "channel", "in_person")] == 1
    assert counts[(day, "channel", "in_person")] == 4


def test_a_rolled_back_transaction_leaves_the_counts(desk, clock):  # noqa: F811
    register(desk, clock, "information")
    before = same_as_recount(desk.admin)
    with pytest.raises(RuntimeError), desk.admin.db.transaction() as session:
        visit = session.scalars(select(Visit)).one()
        visit.channel = Channel.PHONE.value
        session.flush()
        raise RuntimeError("stop")
    assert same_as_recount(desk.admin) == before


def test_a_deleted_visit_takes_its_counts_away(desk, clock):  # noqa: F811
    visit = register(desk, clock, "information")
    clock.advance(minutes=3)
    desk.clerk.queue.call_next(desk.teams["first_contact"])
    with desk.admin.db.transaction() as session:
        session.delete(session.get(Visit, visit.id))
    assert same_as_recount(desk.admin) == ({}, {})


def test_recount_fills_what_was_written_around_the_sessions(desk, clock):  # noqa: F811
    """A bulk load (the demo) writes with Core: the counts miss it until recounted, as the
    migration does for the visits stored before it."""
    a = register(desk, clock, "information")
    with desk.admin.db.transaction() as session:
        row = session.execute(select(Visit).where(Visit.id == a.id)).scalar_one()
        values = {c.key: getattr(row, c.key) for c in Visit.__table__.columns if c.key != "id"}
        values["ticket_seq"] = 99
        new_id = session.execute(insert(Visit).values(**values).returning(Visit.id)).scalar_one()
        session.execute(
            insert(VisitEvent),
            [
                {"visit_id": new_id, "at": row.arrived_at, "action": "register"},
                {
                    "visit_id": new_id,
                    "at": row.arrived_at + timedelta(minutes=12),
                    "action": "call",
                },
            ],
        )
    with desk.admin.db.reading() as session:
        connection = session.connection()
        assert indicator_counts.stored(connection) != indicator_counts.counted(connection)
    with desk.admin.db.transaction() as session:
        indicator_counts.recount(session.connection(), batch=1)
    counts, waits = same_as_recount(desk.admin)
    assert counts[(clock.today(), "channel", "in_person")] == 2
    assert waits == {(clock.today(), 1200): 1}


def test_the_overview_reads_the_counts(desk, clock):  # noqa: F811
    """The desk's figures of the overview come from the counts: emptied, the month is empty
    at the desk; recounted, it is back."""
    a = register(desk, clock, "information")
    clock.advance(minutes=9)
    desk.clerk.queue.call_next(desk.teams["first_contact"])
    desk.clerk.queue.finish(a.id, Outcome.INFORMATION)
    desk.clerk.queue.rate(a.id, 5)
    month = month_period(2026, 11)
    now = desk.manager.indicators.overview(month).current
    assert (now.contacts, now.ended, now.settled_at_first_contact) == (1, 1, 1)
    assert (now.waits.count, now.waits.median) == (1, 9.0)
    assert (now.survey.answers, now.survey.mean) == (1, 5.0)
    with desk.admin.db.transaction() as session:
        session.execute(delete(IndicatorCount))
        session.execute(delete(IndicatorWait))
    assert desk.manager.indicators.overview(month).current.contacts == 0
    with desk.admin.db.transaction() as session:
        indicator_counts.recount(session.connection())
    assert desk.manager.indicators.overview(month).current == now


def test_a_share_worked_out_ahead_is_what_the_flush_stores(desk, clock):  # noqa: F811
    """A call's share after its flush is worked out from the share read before it and what
    the flush writes (no second read): the columns it takes from a new row have no default
    the database would fill in, and the suite's check (``VERIFY``) stops a share worked out
    wrong."""
    from sqlalchemy import inspect as inspect_model

    from opsdesk.storage.models import VisitRating

    for model, names in (
        (Visit, indicator_counts._COLUMNS),
        (VisitEvent, ("visit_id", "action", "at", "team_id")),
        (VisitRating, ("visit_id", "rating")),
    ):
        for name in names:
            column = inspect_model(model).columns[name]
            assert column.default is None and column.server_default is None, (model, name)

    visit = register(desk, clock, "information")
    clock.advance(minutes=3)
    real = indicator_counts._foreseen

    def one_minute_short(session, read, stored, new_visits):
        visits = real(session, read, stored, new_visits)
        for foreseen in visits:
            foreseen.history = [
                replace(s, at=s.at - timedelta(minutes=1)) if s.action == "call" else s
                for s in foreseen.history
            ]
        return visits

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(indicator_counts, "_foreseen", one_minute_short)
        with pytest.raises(AssertionError, match="worked out ahead"):
            desk.clerk.queue.call_next(desk.teams["first_contact"])
    # refused as a whole: the visit still waits, the counts are a recount's
    assert desk.clerk.queue.call_next(desk.teams["first_contact"]).id == visit.id
    same_as_recount(desk.admin)


def test_an_answer_replaced_in_one_flush_counts_once(desk, clock):  # noqa: F811
    """A survey answer taken away and another given in its place in the same unit of work (a
    correction written by hand): the new one is counted, the old one no more."""
    from opsdesk.storage.models import VisitRating

    visit = register(desk, clock, "information")
    clock.advance(minutes=2)
    desk.clerk.queue.call_next(desk.teams["first_contact"])
    desk.clerk.queue.start(visit.id)
    desk.clerk.queue.finish(visit.id, Outcome.INFORMATION)
    desk.clerk.queue.rate(visit.id, 2)
    with desk.admin.db.transaction() as session:
        old = session.get(VisitRating, visit.id)
        session.delete(old)
        session.add(VisitRating(visit_id=visit.id, rating=5, at=old.at))
    counts, _waits = same_as_recount(desk.admin)
    day = clock.today()
    assert counts.get((day, "rating", "5")) == 1 and (day, "rating", "2") not in counts


def test_only_what_a_flush_changes_is_taken_from_the_unit_of_work(desk, clock):  # noqa: F811
    """The unit of work's copy of a visit can be older than the database (another desk sent
    the person to another team meanwhile): a flush that changes only the note takes nothing
    else from that copy."""
    from sqlalchemy import update

    visit = register(desk, clock, "information")
    benefits = desk.teams["benefits"]
    with desk.admin.db.transaction() as session:
        held = session.get(Visit, visit.id)
        session.execute(  # the other desk's redirect, as the database has it now
            update(Visit).where(Visit.id == visit.id).values(target_team_id=benefits),
            execution_options={"synchronize_session": False},
        )
        held.note = "oddzwonić"
    with desk.admin.db.reading() as session:
        counts, _waits = indicator_counts.stored(session.connection())
    # the redirect went around the ORM (not counted); the note's flush added nothing wrong
    assert (clock.today(), "team", str(benefits)) not in counts


def test_a_flush_that_failed_leaves_nothing_for_the_next(desk, clock):  # noqa: F811
    """A write refused by the database inside a savepoint (a ticket number taken) is rolled
    back with its share; the next flush of the same unit of work counts only itself."""
    from sqlalchemy.exc import IntegrityError

    visit = register(desk, clock, "information")
    with desk.admin.db.transaction() as session:
        held = session.get(Visit, visit.id)
        with pytest.raises(IntegrityError), session.begin_nested():
            twin = Visit(
                day=held.day,
                channel=Channel.PHONE.value,
                target_team_id=held.target_team_id,
                state=held.state,
                arrived_at=held.arrived_at,
                ticket_letter=held.ticket_letter,
                ticket_seq=held.ticket_seq,  # the same ticket: refused
            )
            session.add(twin)
            session.flush()
        held.note = "po pomyłce"
    same_as_recount(desk.admin)


def test_a_value_written_as_a_sql_expression_is_counted_as_stored(desk, clock):  # noqa: F811
    """A column set to a SQL expression (worked out by the database) cannot be told ahead:
    its share is read after the flush."""
    from opsdesk.storage.models import ContactPurpose

    visit = register(desk, clock, "information")
    other = desk.purposes["benefit_application"]
    with desk.admin.db.transaction() as session:
        held = session.get(Visit, visit.id)
        held.purpose_id = (
            select(ContactPurpose.id).where(ContactPurpose.id == other).scalar_subquery()
        )
    counts, _waits = same_as_recount(desk.admin)
    assert counts[(clock.today(), "purpose", str(other))] == 1


def test_what_a_unit_of_work_knows_of_a_visit_it_added_ends_with_a_savepoint(desk, clock):  # noqa: F811
    """A visit added by a flush whose share was worked out is known as stored to the next
    flush (a registration's event reads nothing back); a savepoint's rollback, which may take
    back what it knew, forgets it, and the next flush reads the visit as stored."""
    from opsdesk.domain.queue import QueueAction
    from opsdesk.services.reception.desk import add_event

    first = register(desk, clock, "information")
    services = desk.clerk
    with services.db.transaction() as session:
        visit = session.get(Visit, first.id)
        copy = Visit(
            **{c: getattr(visit, c) for c in indicator_counts._COLUMNS if c != "ticket_seq"},
            ticket_letter=visit.ticket_letter,
            ticket_seq=visit.ticket_seq + 100,
        )
        session.add(copy)
        session.flush()
        assert copy.id in session.info[indicator_counts.KNOWN_KEY]
        savepoint = session.begin_nested()
        add_event(session, services.ctx, copy, QueueAction.REGISTER)
        session.flush()
        savepoint.rollback()
        assert indicator_counts.KNOWN_KEY not in session.info
        add_event(session, services.ctx, copy, QueueAction.REGISTER)
    same_as_recount(desk.admin)
