"""The GDPR data report: everything stored about the person, who accessed it, who made it."""

from __future__ import annotations

import pytest
from hours_office import REFERRAL_DAY
from pdf_text import all_text

from opsdesk.errors import NotFound, PermissionDenied
from opsdesk.printing import documents


@pytest.fixture
def lukasz(reports_office):
    office = reports_office
    office.social_a.clients.get(office.clients["lukasz"].id)  # someone reads the file
    return office.clients["lukasz"].id


def test_everything_stored_about_the_person(reports_office, lukasz):
    report = reports_office.manager.reports.gdpr_report(lukasz)
    assert report.identity.last_name == "Kowalski" and report.identity.pesel
    assert report.identity.address.startswith("Zachęty 11")
    assert [v.note for v in report.visits] == ["Pyta o zasiłek celowy na opał."]
    assert [c.kind_name for c in report.cases] == ["Zasiłek okresowy"]
    case = report.cases[0]
    assert case.summary.startswith("Wniosek złożony osobiście")
    assert [n.text for n in case.notes] == ["Klient dostarczy zaświadczenie z ZUS."]
    assert case.events and case.events[0].label == "Założenie sprawy"
    # January, February, four in March, and the desk's referral booking (hours_office)
    assert len(report.sessions) == 10 + 12 + 4 + 1
    assert [s.day for s in report.sessions].count(REFERRAL_DAY) == 1
    assert all(s.provider_name == "Małgorzata Zielińska" for s in report.sessions)
    assert sum(s.has_private_note for s in report.sessions) == 4
    assert [b.note for b in report.room_bookings] == ["rozmowa w sprawie przemocy"]


def test_who_accessed_the_data(reports_office, lukasz):
    report = reports_office.manager.reports.gdpr_report(lukasz)
    who = {(row.who, row.action_label, row.subject) for row in report.access}
    assert ("Ewa Szuberla (socjalny1)", "wgląd", "kartoteka klienta") in who
    assert ("Beata Kłos (recepcja)", "wpis", "kartoteka klienta") in who
    assert any(s.startswith("sprawa OPS.") for _w, _a, s in who)
    assert any(s.startswith("sesja z dnia") for _w, _a, s in who)
    assert any(s.startswith("kontakt z dnia") for _w, _a, s in who)
    last = report.access[-1]
    assert last.subject == "kartoteka klienta (to zestawienie)"
    assert last.who == "Jolanta Świątek (kierownik)"


def test_the_lists_that_showed_the_person_are_among_those_who_accessed_the_data(
    reports_office, lukasz
):
    office = reports_office
    name = office.clients["lukasz"].last_name
    office.social_a.clients.search(name)  # a search listing him (and perhaps others)
    office.social_a.clients.search("Nikt-Taki")  # a search that did not show him
    report = office.manager.reports.gdpr_report(lukasz)
    listed = [row for row in report.access if row.action == "list"]
    assert [(row.who, row.action_label) for row in listed] == [
        ("Ewa Szuberla (socjalny1)", "wyświetlenie na liście")
    ]
    assert name in listed[0].subject and "wyszukiwanie" in listed[0].subject
    last = report.access[-1]
    assert last.subject == "kartoteka klienta (to zestawienie)"
    assert last.who == "Jolanta Świątek (kierownik)"


def test_the_report_is_a_read_of_the_file_in_the_audit_log(reports_office, lukasz):
    reports_office.manager.reports.gdpr_report(lukasz)
    entry = reports_office.manager.audit.entries(entity="client", entity_id=lukasz)[0]
    assert (entry.action, entry.actor_login, entry.detail) == ("read", "kierownik", "GDPR report")


def test_the_printed_report_says_when_and_by_whom_and_keeps_private_notes_out(
    reports_office, lukasz
):
    text = all_text(documents.gdpr_report(reports_office.manager, lukasz))
    assert "Informacja o przetwarzanych danych osobowych Łukasz Kowalski" in text
    assert "według stanu na 30.11.2026 09:00" in text
    assert "Sporządził(a) Jolanta Świątek" in text
    assert "Klient dostarczy zaświadczenie z ZUS." in text
    assert "rozmowa w sprawie przemocy" in text
    assert "Ewa Szuberla (socjalny1)" in text
    assert "Notatka prywatna." not in text  # the psychologist's note stays theirs
    assert "u psychologa" in text


@pytest.mark.parametrize("who", ["clerk", "social_a", "psychologist", "supervisor", "admin"])
def test_only_the_manager_produces_it(reports_office, lukasz, who):
    services = getattr(reports_office, who)
    with pytest.raises(PermissionDenied):
        services.reports.gdpr_report(lukasz)
    with pytest.raises(PermissionDenied):
        services.reports.find_clients("Kowalski")


def test_finding_the_person(reports_office):
    found = reports_office.manager.reports.find_clients("kowalski LUKASZ")
    assert [c.display_name for c in found] == ["Kowalski Łukasz"]
    assert found[0].identity == reports_office.clients["lukasz"].pesel
    assert reports_office.manager.reports.find_clients("   ") == []


def test_an_unknown_client_is_not_found(reports_office):
    with pytest.raises(NotFound):
        reports_office.manager.reports.gdpr_report(9999)


def test_the_report_tells_what_art_15_requires_from_the_office_settings(reports_office, lukasz):
    from dataclasses import replace

    from opsdesk.errors import ValidationError

    manager, admin = reports_office.manager, reports_office.manager.as_actor(None)
    information = manager.reports.gdpr_report(lukasz).information
    assert "Prezesa Urzędu Ochrony Danych Osobowych" in information.rights
    assert "sprostowania" in information.rights and "ograniczenia" in information.rights
    assert "przez 10 lat" in information.retention
    assert information.copy.startswith("Niniejszy raport jest kopią")
    with pytest.raises(PermissionDenied):
        admin.gdpr_information.information()
    with pytest.raises(PermissionDenied):
        manager.gdpr_information.save(information)
    administrator = reports_office.admin
    saved = administrator.gdpr_information.save(
        replace(information, recipients="Wyłącznie podmioty uprawnione z mocy prawa.", source="")
    )
    assert saved.recipients == "Wyłącznie podmioty uprawnione z mocy prawa."
    assert saved.source == information.source  # emptied: the default again
    administrator.retention.set_years(12)
    report = manager.reports.gdpr_report(lukasz)
    assert "przez 12 lat" in report.information.retention  # the default follows the setting
    assert report.information.recipients == saved.recipients
    text = all_text(documents.gdpr_report(manager, lukasz))
    assert "Wyłącznie podmioty uprawnione z mocy prawa." in text
    with pytest.raises(ValidationError) as error:
        administrator.gdpr_information.save(replace(information, purposes="x" * 5000))
    assert set(error.value.errors) == {"purposes"}
