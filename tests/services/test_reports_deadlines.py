"""The deadline report's data: open cases due by a day, overdue first; who may print it."""

from __future__ import annotations

from datetime import date

import pytest
from pdf_text import all_text

from opsdesk.errors import PermissionDenied, ValidationError
from opsdesk.printing import documents


def test_overdue_and_upcoming_cases_of_the_team(reports_office):
    office = reports_office
    report = office.manager.reports.deadline_report(office.teams["benefits"])
    assert report.today == date(2026, 11, 30) and report.until == date(2026, 12, 14)
    numbers = {row.case_id: row for row in report.rows}
    assert set(numbers) == {office.cases["overdue"], office.cases["soon"], office.cases["urgent"]}
    # both its interview and its decision are overdue: one row each
    assert [(r.case_id, r.rule) for r in report.overdue] == [
        (office.cases["overdue"], "interview"),
        (office.cases["overdue"], "decision"),
    ]
    assert report.rows == tuple(sorted(report.rows, key=lambda r: r.due))
    overdue = report.overdue[0]
    assert overdue.urgency == "overdue" and overdue.working_days_left < 0
    assert overdue.client_name == "Kowalski Łukasz"
    assert overdue.rule_label == "wywiad środowiskowy"
    assert numbers[office.cases["urgent"]].rule == "interview_urgent"
    assert report.later == 1  # the meal case: its interview is due after 14.12.2026
    assert report.prepared_by == "Jolanta Świątek"


def test_the_printed_report_matches_the_data(reports_office):
    office = reports_office
    report = office.manager.reports.deadline_report(office.teams["benefits"])
    text = all_text(documents.deadline_report(office.manager, office.teams["benefits"]))
    assert f"Po terminie ({len(report.overdue)})" in text
    assert f"Terminy do 14.12.2026 ({len(report.upcoming)})" in text
    for row in report.rows:
        assert row.file_number in text
    assert "Otwarte sprawy z późniejszym terminem: 1; bez biegnącego terminu: 0." in text


def test_a_worker_prints_their_own_list(reports_office):
    office = reports_office
    worker = office.benefits_worker
    scopes = worker.reports.deadline_scopes()
    assert [s.team_name for s in scopes] == ["Zespół świadczeń"]
    assert worker.actor.id in [w.id for w in scopes[0].workers]
    report = worker.reports.deadline_report(
        office.teams["benefits"], worker.actor.id, date(2027, 1, 31)
    )
    assert report.worker_name == "Anna Łęcka" and len({r.case_id for r in report.rows}) == 4
    assert len(report.rows) == 8  # each case's interview and decision
    assert "Raport terminów Anna Łęcka" in all_text(
        documents.deadline_report(worker, office.teams["benefits"], worker.actor.id)
    )


def test_another_teams_worker_cannot(reports_office):
    with pytest.raises(PermissionDenied):
        reports_office.social_a.reports.deadline_report(reports_office.teams["benefits"])


@pytest.mark.parametrize("who", ["clerk", "psychologist", "admin"])
def test_roles_without_the_report_cannot(reports_office, who):
    with pytest.raises(PermissionDenied):
        getattr(reports_office, who).reports.deadline_report(reports_office.teams["benefits"])


def test_a_day_in_the_past_is_refused(reports_office):
    with pytest.raises(ValidationError) as error:
        reports_office.manager.reports.deadline_report(
            reports_office.teams["benefits"], until=date(2026, 11, 1)
        )
    assert error.value.errors == {"until": "Wybierz dzień od dzisiaj wzwyż."}


def test_the_report_is_audited(reports_office):
    office = reports_office
    office.manager.reports.deadline_report(office.teams["benefits"])
    entry = office.manager.audit.entries(action="print", entity="team")[0]
    assert entry.entity_id == office.teams["benefits"] and "3 cases" in entry.detail


def test_every_deadline_of_a_case_due_by_the_day_is_listed(world):
    from opsdesk.services.cases.records import CaseInput

    anna = world.as_("anna")  # today 16.03.2026
    case = anna.cases.create(
        CaseInput(
            client_id=world.clients["kowalski"],
            kind_id=world.kinds["zasilek_okresowy"],
            application_date=date(2026, 3, 2),
        )
    )
    report = anna.reports.deadline_report(world.teams["benefits"], until=date(2026, 4, 10))
    assert [(r.file_number, r.rule_label, r.due) for r in report.rows if r.case_id == case.id] == [
        (case.file_number, "wywiad środowiskowy", date(2026, 3, 20)),
        (case.file_number, "decyzja", date(2026, 4, 2)),
    ]
    only_first = anna.reports.deadline_report(world.teams["benefits"], until=date(2026, 3, 31))
    assert [r.rule for r in only_first.rows if r.case_id == case.id] == ["interview"]
    text = all_text(
        documents.deadline_report(anna, world.teams["benefits"], None, date(2026, 4, 10))
    )
    assert text.count(case.file_number) == 2
