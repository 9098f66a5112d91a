"""The demo's cases: every board column filled, dates, deadlines and history that agree."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select

from opsdesk.domain.case_rules import CaseFacts, cached_deadline
from opsdesk.storage.models import (
    BenefitKind,
    Case,
    CaseAppeal,
    CaseEvent,
    CaseLink,
    CaseSuspension,
    Counter,
    Team,
    TeamStatus,
    Visit,
)

from .conftest import BUILT_AT, fetch

TODAY = BUILT_AT.date()


def load(db):
    cases = fetch(db, select(Case).order_by(Case.id))
    statuses = {s.id: s for s in fetch(db, select(TeamStatus))}
    teams = {t.id: t for t in fetch(db, select(Team))}
    kinds = {k.id: k for k in fetch(db, select(BenefitKind))}
    suspensions = defaultdict(list)
    for row in fetch(db, select(CaseSuspension)):
        suspensions[row.case_id].append(row)
    return cases, statuses, teams, kinds, suspensions


def test_every_board_column_has_cases(demo_db):
    cases, statuses, teams, _kinds, _s = load(demo_db)
    used = defaultdict(int)
    for case in cases:
        used[case.status_id] += 1
        assert statuses[case.status_id].team_id == case.team_id
    for status in statuses.values():
        if teams[status.team_id].kind in ("benefits", "social_work"):
            assert used[status.id] > 0, (teams[status.team_id].kind, status.code)
    assert sum(c.urgent for c in cases) > 10 and sum(c.complex for c in cases) > 5


def test_file_numbers_are_unique_per_year_and_match_the_counter(demo_db):
    cases, *_ = load(demo_db)
    with demo_db.reading() as session:
        counters = {
            c.scope: c.value
            for c in session.scalars(select(Counter).where(Counter.name == "case_file"))
        }
    by_year = defaultdict(list)
    for case in cases:
        assert case.file_number == f"OPS.{case.file_seq}.{case.file_year}"
        assert case.file_year == case.application_date.year
        by_year[case.file_year].append(case.file_seq)
    for year, seqs in by_year.items():
        assert sorted(seqs) == list(range(1, len(seqs) + 1))
        assert counters[str(year)] == len(seqs)
    assert (TODAY - min(c.application_date for c in cases)).days > 600


def test_dates_agree_with_the_status(demo_db):
    cases, statuses, _teams, kinds, _s = load(demo_db)
    for case in cases:
        status = statuses[case.status_id]
        opened_today = case.created_at.date() == TODAY  # demo/case_flows.py's hand-off
        assert case.application_date < TODAY or opened_today
        if case.interview_date:
            assert case.application_date <= case.interview_date < TODAY
        if case.decision_date:
            assert kinds[case.kind_id].needs_decision
            assert case.application_date <= case.decision_date < TODAY
        if status.code in ("new", "interview"):
            assert case.interview_date is None and case.decision_date is None
        if status.code == "decision":
            assert case.interview_date and case.decision_date is None
        if status.code == "decided":
            assert case.decision_date is not None
        assert (case.closed_at is not None) == status.closes_case
        assert bool(case.outcome) == status.closes_case
        assert case.created_at <= case.updated_at


def test_open_cases_carry_their_statutory_deadline(demo_db):
    cases, statuses, _teams, kinds, suspensions = load(demo_db)
    waiting_appeals = {
        a.case_id: (a.lodged_on,)
        for a in fetch(demo_db, select(CaseAppeal).where(CaseAppeal.forwarded_on.is_(None)))
    }
    rules = defaultdict(int)
    for case in cases:
        kind = kinds[case.kind_id]
        facts = CaseFacts(
            application_date=case.application_date,
            needs_decision=kind.needs_decision,
            continuing=kind.continuing,
            urgent=case.urgent,
            complex=case.complex,
            interview_date=case.interview_date,
            decision_date=case.decision_date,
            notice_new_date=case.notice_new_date,
            suspensions=tuple((s.starts_on, s.ends_on) for s in suspensions[case.id]),
            closed=case.closed_at is not None,
            # the summons and the appeal waiting of demo/case_flows.py
            awaiting_completion=next(
                (s.ends_on for s in suspensions[case.id] if s.kind == "summons"), None
            ),
            appeals_to_forward=waiting_appeals.get(case.id, ()),
        )
        assert (case.next_due, case.next_due_rule) == cached_deadline(facts, TODAY)
        rules[case.next_due_rule] += 1
    assert {"interview", "decision", "interview_update", None} <= set(rules)
    overdue = [c for c in cases if c.next_due and c.next_due < TODAY]
    assert 0 < len(overdue) < 15, "a few deadlines are overdue, not most"


def test_some_decisions_are_suspended_now(demo_db):
    cases, statuses, _teams, _kinds, suspensions = load(demo_db)
    running = [c for c in cases if any(s.ends_on is None for s in suspensions[c.id])]
    assert len(running) >= 2
    assert all(statuses[c.status_id].code == "decision" for c in running)
    for rows in suspensions.values():
        for row in rows:
            assert row.reason and (row.ends_on is None or row.starts_on <= row.ends_on)


def test_history_leads_to_the_current_status(demo_db):
    cases, statuses, *_ = load(demo_db)
    events = defaultdict(list)
    for event in fetch(demo_db, select(CaseEvent).order_by(CaseEvent.at, CaseEvent.id)):
        events[event.case_id].append(event)
    for case in cases:
        history = events[case.id]
        assert history[0].kind == "created" and history[0].at == case.created_at
        assert history[1].kind == "worker"
        assert all(a.at <= b.at for a, b in zip(history, history[1:]))
        changes = [e for e in history if e.kind == "status"]
        current = statuses[case.status_id].name
        assert (changes[-1].to_value if changes else history[0].to_value) == current
        assert history[-1].at == case.updated_at
        assert all(e.actor_id for e in history)
        closings = [e for e in history if e.kind == "closed"]
        assert len(closings) == (1 if statuses[case.status_id].closes_case else 0)
        if closings:
            assert closings[0].at == case.closed_at and closings[0].reason == case.outcome
        assert history[-1].at <= BUILT_AT


def test_applications_came_through_the_desk_and_families_were_handed_over(demo_db):
    cases, _statuses, teams, *_ = load(demo_db)
    by_id = {c.id: c for c in cases}
    links = fetch(demo_db, select(CaseLink))
    opened = {v.id: v for v in fetch(demo_db, select(Visit).where(Visit.outcome == "application"))}
    pairs = {(link.case_id, link.linked_case_id) for link in links}
    assert all((b, a) in pairs for a, b in pairs), "a link is recorded both ways"
    # demo/case_flows.py's hand-off today goes the other way, through the services
    today = {c.id for c in cases if c.created_at.date() == TODAY}
    pairs = {(a, b) for a, b in pairs if a not in today and b not in today}
    handed = [(a, b) for a, b in pairs if teams[by_id[a].team_id].kind == "benefits"]
    assert len(handed) >= 10 and len(handed) * 2 == len(pairs)
    for source_id, target_id in handed:
        source, target = by_id[source_id], by_id[target_id]
        assert source.client_id == target.client_id
        assert teams[target.team_id].kind == "social_work"
        assert target.opened_from_visit_id is None
        assert target.application_date >= source.application_date
    from_desk = [c for c in cases if c.opened_from_visit_id]
    assert len(from_desk) + len(handed) + len(today) == len(cases)
    for case in from_desk:
        visit = opened[case.opened_from_visit_id]
        assert (visit.day, visit.client_id) == (case.application_date, case.client_id)
