"""Retention: a preview (codes, file numbers, what is cleared — no names), then anonymisation
of the clients whose every case closed more than N years ago; audited; cases keep numbers."""

from datetime import date

import pytest
from sqlalchemy import select

from opsdesk.domain.pesel import make_pesel
from opsdesk.domain.roles import Role
from opsdesk.services.cases_records import CaseInput
from opsdesk.services.errors import PermissionDenied, ValidationError
from opsdesk.services.retention import ANONYMISED_NAME, DEFAULT_YEARS
from opsdesk.storage.models import AuditEntry, Case, Client
from safety.offices import clients_with_old_cases


@pytest.fixture
def manager(make_person):
    return make_person(Role.MANAGER, login="kierownik")


@pytest.fixture
def people(office, make_person, manager, clock):
    return clients_with_old_cases(make_person, manager, clock)


def test_the_default_period_is_ten_years_and_the_administrator_changes_it(office):
    assert office.retention.years() == DEFAULT_YEARS == 10
    with pytest.raises(ValidationError) as error:
        office.retention.set_years(0)
    assert "od 1 do 100" in error.value.errors["years"]
    assert office.retention.set_years(5) == 5
    assert office.retention.years() == 5


def test_only_the_administrator(manager, make_person):
    for services in (manager, make_person(Role.SOCIAL_WORKER, "social_work")):
        with pytest.raises(PermissionDenied):
            services.retention.preview()
        with pytest.raises(PermissionDenied):
            services.retention.anonymise([1])
        with pytest.raises(PermissionDenied):
            services.retention.set_years(3)


def test_preview_lists_codes_file_numbers_and_fields_never_names(office, people):
    preview = office.retention.preview()
    assert preview.years == 10 and preview.cutoff == date(2016, 11, 30)
    [candidate] = preview.candidates
    assert candidate.client_id == people["old"]
    assert candidate.code.startswith("K-")
    assert candidate.last_closed == date(2014, 3, 3)
    assert len(candidate.file_numbers) == 1
    assert candidate.cleared_labels() == ("imię i nazwisko, PESEL, data urodzenia, adres, "
                                          "telefon, e-mail")
    assert "Wąsowska" not in repr(preview)
    with office.db.reading() as session:  # looking changes nothing, but is recorded
        assert session.get(Client, people["old"]).last_name == "Wąsowska"
        entry = session.scalars(select(AuditEntry).where(
            AuditEntry.action == "retention_preview")).one()
        assert entry.actor_login == "admin" and "1 clients" in entry.detail


def test_a_shorter_period_takes_in_more(office, people):
    office.retention.set_years(5)
    ids = {c.client_id for c in office.retention.preview().candidates}
    assert ids == {people["old"], people["recent"]}  # "mixed" has an open case


def test_anonymise_clears_the_person_keeps_the_cases_and_is_audited(office, people, manager,
                                                                   clock):
    preview = office.retention.preview()
    result = office.retention.anonymise([c.client_id for c in preview.candidates])
    assert (result.anonymised, result.skipped) == (1, 0)
    with office.db.reading() as session:
        client = session.get(Client, people["old"])
        assert client.last_name == ANONYMISED_NAME == "Anonimizowany"
        assert client.first_name == ""
        assert client.pesel is None and client.document_number is None
        assert client.birth_date is None
        assert (client.locality, client.street, client.house_number, client.postal_code,
                client.phone, client.email) == ("", "", "", "", "", "")
        assert client.anonymised_at == clock.now()
        assert client.code == preview.candidates[0].code  # hour sheets still add up
        case = session.scalars(select(Case).where(Case.client_id == client.id)).one()
        assert case.file_number == preview.candidates[0].file_numbers[0]
        entries = list(session.execute(select(
            AuditEntry.entity, AuditEntry.entity_id, AuditEntry.actor_login).where(
            AuditEntry.action == "anonymise")))
        assert session.get(Client, people["mixed"]).last_name == "Żak"
    assert [tuple(e) for e in entries] == [("client", people["old"], "admin")]
    # the register no longer finds the person, by name or PESEL
    assert manager.clients.search("Wąsowska") == []
    assert manager.clients.search(make_pesel(date(1944, 5, 14), "F", 1)) == []
    assert office.retention.preview().candidates == ()


def test_clients_no_longer_qualifying_are_skipped(office, people, manager, clock):
    preview = office.retention.preview()
    kind = next(k for k in manager.cases.kinds() if not k.needs_decision)
    manager.cases.create(CaseInput(people["old"], kind.id))  # came back meanwhile
    result = office.retention.anonymise([c.client_id for c in preview.candidates]
                                        + [people["recent"], 999_999])
    assert (result.anonymised, result.skipped) == (0, 3)
    with office.db.reading() as session:
        assert session.get(Client, people["old"]).last_name == "Wąsowska"
