"""The demo's contracts, sessions and quiet-room bookings."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from sqlalchemy import select

from opsdesk.domain.hours import SessionForm
from opsdesk.storage.models import (
    Contract,
    ContractDutyHours,
    RoomBooking,
    Session,
    SessionClient,
    SessionNote,
    SessionParticipant,
    Staff,
    StaffRole,
)

from .conftest import BUILT_AT, fetch

TODAY = BUILT_AT.date()


def load(db):
    contracts = {c.kind: c for c in fetch(db, select(Contract))}
    sessions = fetch(db, select(Session).order_by(Session.id))
    with db.reading() as session:
        logins = dict(session.execute(select(Staff.id, Staff.login)).all())
    return contracts, sessions, logins


def monthly_minutes(sessions, contract, states=("held",)) -> dict[tuple[int, int], int]:
    """Minutes per month; only held sessions use the budget (domain.hours)."""
    totals = defaultdict(int)
    for row in sessions:
        if row.contract_id == contract.id and row.state in states:
            totals[(row.day.year, row.day.month)] += row.minutes
    return totals


def test_contracts_cover_two_years_and_today(demo_db):
    contracts, _sessions, logins = load(demo_db)
    psych, supervision = contracts["psychology"], contracts["supervision"]
    assert psych.monthly_minutes == 900 and supervision.monthly_minutes == 480
    for contract in (psych, supervision):
        assert contract.valid_from <= TODAY - timedelta(days=600)
        assert contract.valid_to >= TODAY + timedelta(days=28)
        assert contract.project_minutes >= 24 * contract.monthly_minutes
        assert contract.project_number.startswith("FERS.")
    assert logins[psych.provider_staff_id] == "psycholog"
    assert logins[supervision.provider_staff_id] == "superwizor"


def test_psychologist_stays_within_budget_but_one_approved_month(demo_db):
    contracts, sessions, logins = load(demo_db)
    psych = contracts["psychology"]
    budget = psych.monthly_minutes
    totals = monthly_minutes(sessions, psych)
    over = [month for month, minutes in totals.items() if minutes > budget]
    assert len(over) == 1
    approved = [s for s in sessions if s.over_budget_approved_by_id]
    assert len(approved) == 1
    session = approved[0]
    assert logins[session.over_budget_approved_by_id] == "kierownik"
    assert session.over_budget_reason and session.state == "held"
    assert [(session.day.year, session.day.month)] == over
    same_month = [
        s
        for s in sessions
        if s.contract_id == psych.id and s.state == "held" and (s.day.year, s.day.month) == over[0]
    ]
    assert max(same_month, key=lambda s: (s.day, s.start)) is session, "it crossed the limit"
    assert totals[over[0]] - session.minutes <= budget
    last_month = TODAY.replace(day=1) - timedelta(days=1)
    assert 0.9 * budget <= totals[(last_month.year, last_month.month)] <= budget
    planned = monthly_minutes(sessions, psych, ("held", "booked"))
    assert 0.9 * budget <= planned[(TODAY.year, TODAY.month)] <= budget
    assert len(totals) >= 23


def test_psychologist_sessions_fit_her_duty_hours(demo_db):
    contracts, sessions, _logins = load(demo_db)
    psych = contracts["psychology"]
    with demo_db.reading() as session:
        duty = session.execute(
            select(ContractDutyHours.weekday, ContractDutyHours.start, ContractDutyHours.end).where(
                ContractDutyHours.contract_id == psych.id
            )
        ).all()
    windows = {weekday: (start, end) for weekday, start, end in duty}
    assert sorted(windows) == [1, 3]
    for row in sessions:
        if row.contract_id != psych.id or row.over_budget_approved_by_id:
            continue
        start, end = windows[row.day.weekday()]
        begins = datetime.combine(row.day, row.start)
        assert begins.minute == 0
        assert start <= row.start and (begins + timedelta(minutes=row.minutes)).time() <= end


def test_sessions_before_now_are_settled_and_later_ones_booked(demo_db):
    _contracts, sessions, _logins = load(demo_db)
    for row in sessions:
        moment = datetime.combine(row.day, row.start)
        if moment >= BUILT_AT:
            assert row.state == "booked"
        else:
            assert row.state in ("held", "no_show", "cancelled")
        assert row.created_at <= BUILT_AT
    upcoming = [s for s in sessions if s.state == "booked"]
    assert len(upcoming) >= 5
    assert max(s.day for s in upcoming) >= TODAY + timedelta(days=14)
    assert {s.form for s in sessions} == {f.value for f in SessionForm}
    assert any(s.booked_from_visit_id for s in sessions)


def test_psychologist_sessions_have_clients_and_private_notes(demo_db):
    contracts, sessions, logins = load(demo_db)
    psych = contracts["psychology"]
    clients = defaultdict(list)
    for row in fetch(demo_db, select(SessionClient)):
        clients[row.session_id].append(row.client_id)
    notes = fetch(demo_db, select(SessionNote))
    by_id = {s.id: s for s in sessions}
    for row in sessions:
        if row.contract_id == psych.id:
            assert clients[row.id], row.form
            if row.form == "group":
                assert len(clients[row.id]) >= 3
    assert len(notes) > 20
    for note in notes:
        assert logins[note.author_id] == "psycholog" and note.text
        assert by_id[note.session_id].contract_id == psych.id


def test_supervision_participants_are_workers_with_mixed_consent(demo_db):
    contracts, sessions, _logins = load(demo_db)
    supervision = contracts["supervision"]
    forms = {s.form for s in sessions if s.contract_id == supervision.id}
    assert forms == {"sup_group", "sup_individual"}
    participants = fetch(demo_db, select(SessionParticipant))
    with demo_db.reading() as session:
        roles = dict(session.execute(select(StaffRole.staff_id, StaffRole.role)).all())
    held = {s.id for s in sessions if s.contract_id == supervision.id}
    assert participants and all(p.session_id in held for p in participants)
    assert {roles[p.staff_id] for p in participants} <= {"social_worker", "services_worker"}
    assert {p.consent for p in participants} == {True, False}
    assert all(m <= 480 for m in monthly_minutes(sessions, supervision).values())
    with demo_db.reading() as session:
        counts = defaultdict(int)
        for (session_id,) in session.execute(select(SessionParticipant.session_id)):
            counts[session_id] += 1
    for row in sessions:
        if row.contract_id == supervision.id:
            assert counts[row.id] == 1 if row.form == "sup_individual" else counts[row.id] >= 2


def test_quiet_room_is_booked_today_and_this_week(demo_db):
    bookings = fetch(demo_db, select(RoomBooking).order_by(RoomBooking.starts_at))
    today = [b for b in bookings if b.starts_at.date() == TODAY]
    assert len(today) >= 2
    monday = TODAY - timedelta(days=TODAY.weekday())
    week = [b for b in bookings if monday <= b.starts_at.date() < monday + timedelta(days=5)]
    assert len(week) > len(today)
    assert all(b.room == "Pokój do rozmów" and b.starts_at < b.ends_at for b in bookings)
    active = [b for b in bookings if b.cancelled_at is None]
    for first, second in zip(active, active[1:]):
        assert first.ends_at <= second.starts_at


def test_past_months_are_approved_last_month_waits_and_sessions_say_their_task(demo_db):
    from opsdesk.storage.models import MonthApproval

    contracts, sessions = load(demo_db)[:2]
    last = (TODAY.replace(day=1) - timedelta(days=1)).replace(day=1)
    for contract in contracts.values():
        rows = {
            (a.year, a.month): a
            for a in fetch(demo_db, select(MonthApproval))
            if a.contract_id == contract.id
        }
        assert rows[(last.year, last.month)].state == "submitted"
        earlier = [a for key, a in rows.items() if key < (last.year, last.month)]
        assert earlier and all(a.state in ("approved", "submitted") for a in earlier)
        assert sum(a.state == "approved" for a in earlier) >= len(earlier) - 1
        assert all(a.decided_by_id for a in earlier if a.state == "approved")
        assert contract.project_role and contract.engagement_form and contract.hourly_rate_grosze
    assert all(s.task_done and s.project_task.startswith("Zadanie") for s in sessions)
