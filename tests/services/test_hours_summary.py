"""Summaries by month, quarter, project, form and worker; the data of the printed sheets."""

from __future__ import annotations

from datetime import date, time

import pytest
from people import STAFF_PASSWORD

from opsdesk.domain.hours import Budget, SessionForm
from opsdesk.errors import PermissionDenied
from opsdesk.services.hours.records import ManagerApproval


@pytest.fixture
def busy(hours):
    psych = hours.psychologist.hours
    for day, minutes, form, clients in (
        (date(2026, 1, 13), 60, SessionForm.INDIVIDUAL, ("lukasz",)),
        (date(2026, 2, 10), 90, SessionForm.FAMILY, ("lukasz", "zofia")),
        (date(2026, 4, 7), 60, SessionForm.CRISIS, ("grazyna",)),
        (date(2026, 4, 9), 120, SessionForm.GROUP, ("lukasz", "zofia", "grazyna")),
    ):
        psych.record(hours.consultation(day, "12:00", minutes, form=form, clients=clients))
    psych.record(hours.consultation(date(2026, 5, 5), "08:00", 15 * 60))
    psych.record(
        hours.consultation(date(2026, 5, 6), "12:00", 60),
        ManagerApproval("Kryzys", "kierownik", STAFF_PASSWORD),
    )
    sup = hours.supervisor.hours
    sup.record(hours.supervision_session(date(2026, 3, 2), "09:00", 120))
    sup.record(
        hours.supervision_session(
            date(2026, 3, 9),
            "09:00",
            60,
            people=(hours.social_a,),
            form=SessionForm.SUPERVISION_INDIVIDUAL,
        )
    )
    return hours


def test_months_quarters_and_project(busy):
    summary = busy.manager.hours_summary.contract_summary(busy.psych.id)
    months = {row.key: row for row in summary.months}
    assert len(months) == 18  # 01.2026 .. 06.2027
    assert months[(2026, 1)].budget == Budget(900, 60) and months[(2026, 1)].sessions == 1
    assert months[(2026, 5)].budget.exceeded_by == 60 and months[(2026, 5)].approved_over == 1
    quarters = {row.key: row for row in summary.quarters}
    assert quarters[(2026, 1)].budget == Budget(2700, 150)
    assert quarters[(2026, 2)].budget == Budget(2700, 180 + 960)
    assert quarters[(2026, 2)].approved_over == 1
    # planned: the desk's three referral bookings of the fixture (hours_office.REFERRAL_DAY)
    assert summary.project.budget == Budget(270 * 60, 150 + 180 + 960, planned=180)
    assert summary.project.sessions == 6


def test_by_form(busy):
    forms = {
        row.form: (row.sessions, row.minutes)
        for row in busy.psychologist.hours_summary.contract_summary(busy.psych.id).forms
    }
    assert forms == {
        SessionForm.INDIVIDUAL: (3, 60 + 900 + 60),
        SessionForm.FAMILY: (1, 90),
        SessionForm.GROUP: (1, 120),
        SessionForm.CRISIS: (1, 60),
    }


def test_supervision_by_worker(busy):
    rows = busy.manager.hours_summary.supervision_by_worker(2026)
    assert [(r.full_name, r.sessions, r.minutes, r.consents) for r in rows] == [
        ("Ewa Szuberla", 2, 180, 2),
        ("Marek Wójcik", 1, 120, 0),
    ]
    assert busy.supervisor.hours_summary.supervision_by_worker(2026) == rows
    assert busy.manager.hours_summary.supervision_by_worker(2025) == []
    summary = busy.supervisor.hours_summary.contract_summary(busy.supervision.id)
    assert [w.full_name for w in summary.workers] == ["Ewa Szuberla", "Marek Wójcik"]


def test_projects_across_contracts(busy):
    rows = busy.manager.hours_summary.projects()
    assert [(r.kind.value, r.contracts, r.budget.used) for r in rows] == [
        ("psychology", 1, 1290),
        ("supervision", 1, 180),
    ]
    with pytest.raises(PermissionDenied):
        busy.psychologist.hours_summary.projects()


def test_hour_sheet_has_everything_the_printed_sheet_needs(busy):
    sheet = busy.manager.hours_sheets.hour_sheet(busy.psych.id, (2026, 4))
    assert sheet.office.name == "Miejski Ośrodek Pomocy Społecznej w Łęczycy"
    assert sheet.project_number == "POWR.02.05.00-00-0117/16"
    assert sheet.contract.number == "3/PS/2026" and sheet.provider_name == "Małgorzata Zielińska"
    assert sheet.kind_label == "Konsultacje psychologiczne"
    assert [(r.day, r.start, r.end, r.minutes, r.form_label) for r in sheet.rows] == [
        (date(2026, 4, 7), time(12), time(13), 60, "interwencja kryzysowa"),
        (date(2026, 4, 9), time(12), time(14), 120, "konsultacja grupowa"),
    ]
    codes = {c.code for c in busy.clients.values()}
    assert set(sheet.rows[1].client_code.split(", ")) == codes
    assert (sheet.monthly_budget_minutes, sheet.month_used_minutes) == (900, 180)
    assert sheet.project_used_minutes == 60 + 90 + 180  # January to April
    assert sheet.project_budget_minutes == 270 * 60
    assert sheet.manager_name == "Jolanta Świątek" and sheet.prepared_by == "Jolanta Świątek"


def test_providers_print_their_own_sheets_only(busy):
    own = busy.psychologist.hours_sheets.hour_sheet(busy.psych.id, (2026, 5))
    assert own.prepared_by == "Małgorzata Zielińska" and own.manager_name == "Jolanta Świątek"
    assert own.month_used_minutes == 16 * 60
    for who in ("supervisor", "clerk", "social_a", "other_psychologist"):
        with pytest.raises(PermissionDenied):
            getattr(busy, who).hours_sheets.hour_sheet(busy.psych.id, (2026, 5))


def test_attendance_list_of_supervision(busy):
    sheet = busy.supervisor.hours_sheets.attendance_sheet(busy.supervision.id, (2026, 3))
    assert [[(p.full_name, p.consent) for p in s.participants] for s in sheet.sessions] == [
        [("Ewa Szuberla", True), ("Marek Wójcik", False)],
        [("Ewa Szuberla", True)],
    ]
    assert sheet.sessions[0].form_label == "superwizja grupowa"
    printed = busy.manager.audit.entries(action="print")
    assert {e.detail for e in printed} == {"attendance 2026-03"}


def test_every_summary_and_printed_report_lists_workers_in_one_order(hours, make_person):
    """By surname, then first name, the Polish way: "Zofia Adamska" before "Adam Zając"
    (by the full name it would be the other way round)."""
    from pdf_text import all_text

    from opsdesk.domain.roles import Role
    from opsdesk.printing import documents

    zajac = make_person(Role.SOCIAL_WORKER, "social_work", "socjalny3", "Adam Zając")
    adamska = make_person(Role.SOCIAL_WORKER, "social_work", "socjalny4", "Zofia Adamska")
    hours.supervisor.hours.record(
        hours.supervision_session(
            date(2026, 3, 2), "09:00", 120, people=(zajac, hours.social_a, adamska)
        )
    )
    expected = ["Zofia Adamska", "Ewa Szuberla", "Adam Zając"]
    manager = hours.manager
    summary = manager.hours_summary.contract_summary(hours.supervision.id)
    assert [w.full_name for w in summary.workers] == expected
    assert [w.full_name for w in manager.hours_summary.supervision_by_worker(2026)] == expected
    for scope, quarter in (("project", None), ("quarter", (2026, 1))):
        report = manager.reports.hours_period(hours.supervision.id, scope, quarter)
        assert [w.full_name for w in report.workers] == expected
    text = all_text(documents.hours_summary(manager, hours.supervision.id, "quarter", (2026, 1)))
    positions = [text.index(name) for name in expected]
    assert positions == sorted(positions)
