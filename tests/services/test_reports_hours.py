"""Hour documents printed from the office's data: the totals are the services' numbers, no
client's name is ever printed, and only the manager and the contract's provider print."""

from __future__ import annotations

from datetime import date, time

import pytest
from hours_office import psych_contract_input
from pdf_text import all_text, fonts_are_embedded_dejavu, page_texts
from report_office import EARLIER, MARCH_MINUTES

from opsdesk.domain.hours import SessionForm
from opsdesk.errors import NotFound, PermissionDenied
from opsdesk.printing import documents
from opsdesk.printing.formatting import format_hours
from opsdesk.services.hours.records import SessionInput

CLIENT_NAMES = ("Łukasz", "Kowalski", "Zofia", "Wąsowska", "Grażyna", "Źdźbło")


def test_the_hour_sheet_total_is_the_services_total(reports_office):
    office = reports_office
    source = office.manager.hours_sheets.hour_sheet(office.psych.id, (2026, 3))
    text = all_text(documents.hour_sheet(office.manager, office.psych.id, (2026, 3)))
    assert source.month_used_minutes == MARCH_MINUTES
    assert f"Razem w miesiącu {format_hours(source.month_used_minutes)}" in text
    assert f"Liczba godzin w miesiącu {format_hours(MARCH_MINUTES)}" in text
    project = sum(minutes for _m, minutes in EARLIER) + MARCH_MINUTES
    assert source.project_used_minutes == project
    assert format_hours(project) in text
    assert "Ewidencja godzin" in text and "3/PS/2026" in text
    assert "Jolanta Świątek data i podpis kierownika" in text


def test_no_client_name_appears_in_hour_documents(reports_office):
    office = reports_office
    codes = {c.code for c in office.clients.values()}
    for pdf in (
        documents.hour_sheet(office.manager, office.psych.id, (2026, 3)),
        documents.hour_sheet(office.psychologist, office.psych.id, (2026, 3)),
        documents.hours_summary(office.manager, office.psych.id, "project"),
        documents.hours_summary(office.psychologist, office.psych.id, "quarter", (2026, 1)),
    ):
        text = all_text(pdf)
        assert not [name for name in CLIENT_NAMES if name in text]
    sheet = all_text(documents.hour_sheet(office.psychologist, office.psych.id, (2026, 3)))
    assert all(code in sheet for code in codes)  # codes stand in for the names


def test_the_summary_shows_the_summary_services_numbers(reports_office):
    office = reports_office
    summary = office.manager.hours_summary.contract_summary(office.psych.id)
    text = all_text(documents.hours_summary(office.manager, office.psych.id, "quarter", (2026, 1)))
    quarter = next(q for q in summary.quarters if q.key == (2026, 1))
    assert (
        f"Razem w okresie {quarter.sessions} {format_hours(quarter.budget.used)} "
        f"{format_hours(quarter.budget.budget)}"
    ) in text
    march = next(m for m in summary.months if m.key == (2026, 3))
    assert (
        f"marzec 2026 {march.sessions} {format_hours(march.budget.used)} "
        f"{format_hours(march.budget.budget)}"
    ) in text
    assert f"Liczba godzin w projekcie według umowy {format_hours(270 * 60)}" in text


def test_the_project_summary_runs_to_this_month(reports_office):
    office = reports_office
    report = office.manager.reports.hours_period(office.psych.id, "project")
    assert report.first == (2026, 1) and report.last == (2026, 11)  # today: 30.11.2026
    assert report.used_minutes == sum(m for _k, m in EARLIER) + MARCH_MINUTES
    text = all_text(documents.hours_summary(office.manager, office.psych.id, "project"))
    assert "01.01.2026 – 30.11.2026" in text and "listopad 2026" in text


def test_the_supervision_list_and_summary_name_the_workers(reports_office):
    office = reports_office
    text = all_text(documents.supervision_list(office.manager, office.supervision.id, (2026, 3)))
    assert "Sesja 1: 11.03.2026, 10:00–12:00 (2,00 godz.), superwizja grupowa" in text
    assert "1. Ewa Szuberla tak 2. Marek Wójcik nie" in text
    assert "Krzysztof Dąbrowski podpis superwizora" in text
    summary = all_text(
        documents.hours_summary(office.supervisor, office.supervision.id, "quarter", (2026, 1))
    )
    assert "Superwizja według pracowników" in summary
    assert "Ewa Szuberla 2 3,50 2" in summary and "Marek Wójcik 1 2,00 0" in summary


@pytest.mark.parametrize("who", ["manager", "psychologist"])
def test_the_manager_and_the_provider_print_a_psychologists_contract(reports_office, who):
    pdf = documents.hour_sheet(getattr(reports_office, who), reports_office.psych.id, (2026, 3))
    assert fonts_are_embedded_dejavu(pdf)


@pytest.mark.parametrize("who", ["other_psychologist", "supervisor", "social_a", "clerk", "admin"])
def test_nobody_else_prints_it(reports_office, who):
    services = getattr(reports_office, who)
    with pytest.raises(PermissionDenied):
        documents.hour_sheet(services, reports_office.psych.id, (2026, 3))
    with pytest.raises(PermissionDenied):
        documents.hours_summary(services, reports_office.psych.id, "project")


def test_an_unknown_contract_is_not_found(reports_office):
    with pytest.raises(NotFound):
        documents.hours_summary(reports_office.manager, 999, "project")


def test_printing_is_audited(reports_office):
    office = reports_office
    documents.hours_summary(office.psychologist, office.psych.id, "quarter", (2026, 1))
    entries = office.manager.audit.entries(action="print", entity="contract")
    assert entries[0].actor_login == "psycholog"
    assert entries[0].entity_id == office.psych.id
    assert "2026-01..2026-03" in entries[0].detail


def test_a_month_of_200_sessions_breaks_pages_with_repeated_headers(office, make_person):
    """A contract with a large budget and 200 sessions of 30 minutes in March 2026."""
    from hours_office import build_hours_office

    hours = build_hours_office(office, make_person)
    contract = hours.manager.contracts.create(
        psych_contract_input(
            hours.other_psychologist.actor.id,
            number="9/PS/2026",
            monthly_minutes=120 * 60,
            project_minutes=None,
        )
    )
    hours.refer(contract.id, "zofia")
    client = hours.clients["zofia"].id
    days = [date(2026, 3, d) for d in range(1, 32) if date(2026, 3, d).weekday() < 5]
    for n in range(200):
        day, slot = days[n % len(days)], n // len(days)
        hours.other_psychologist.hours.record(
            SessionInput(
                contract.id,
                day,
                time(8 + slot // 2, 30 * (slot % 2)),
                30,
                SessionForm.INDIVIDUAL,
                (client,),
            )
        )
    pages = page_texts(documents.hour_sheet(hours.manager, contract.id, (2026, 3)))
    count = len(pages)
    assert count >= 4
    for number, text in enumerate(pages, start=1):
        assert f"Strona {number} z {count}" in text
    table_pages = [text for text in pages if "K-000002" in text]
    assert len(table_pages) >= 3
    for text in table_pages:
        assert (
            "Lp. Data Godz. od–do Liczba godzin Forma; wykonane zadanie (zadanie w projekcie) "
            "Kod klienta" in text
        )
    assert "Razem w miesiącu 100,00" in " ".join(pages)
    assert "Wąsowska" not in " ".join(pages)


def test_a_supervision_hour_sheet_counts_participants_instead_of_client_codes(reports_office):
    office = reports_office
    text = all_text(documents.hour_sheet(office.manager, office.supervision.id, (2026, 3)))
    assert (
        "Lp. Data Godz. od–do Liczba godzin Forma; wykonane zadanie (zadanie w projekcie) "
        "Uczestnicy" in text
    )
    assert "1. 11.03.2026 10:00–12:00 2,00 superwizja grupowa 2" in text
    assert "2. 25.03.2026 10:00–11:30 1,50 superwizja indywidualna 1" in text
    assert "Razem w miesiącu 3,50" in text
