"""The demo office: built once per database, reproducible, with valid people and places."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from opsdesk.demo.accounts import DEMO_ACCOUNTS
from opsdesk.demo.builder import build_demo_office
from opsdesk.domain.pesel import parse_pesel
from opsdesk.domain.text import fold
from opsdesk.services.account.passwords import MIN_PASSWORD_LENGTH
from opsdesk.services.office.regions import region_for_address
from opsdesk.storage.database import sqlite_url
from opsdesk.storage.models import (
    Base,
    Case,
    Client,
    OfficeProfile,
    Region,
    Session,
    Setting,
    Staff,
    StaffRole,
    Visit,
)
from opsdesk.storage.opening import open_database

from .conftest import BUILT_AT, fetch


def table_counts(db) -> dict[str, int]:
    with db.reading() as session:
        return {
            table.name: session.scalar(select(func.count()).select_from(table))
            for table in Base.metadata.sorted_tables
        }


def test_building_again_adds_nothing(demo):
    db, first = demo
    before = table_counts(db)
    again = build_demo_office(db, datetime(2026, 3, 12, 9, 0))
    assert not again.created and first.created
    assert table_counts(db) == before
    assert again.clients == first.clients and again.visits == first.visits
    with db.reading() as session:
        assert session.get(Setting, "demo_office") is not None
        assert session.scalar(select(func.count(OfficeProfile.id))) == 1


def _fingerprint(db):
    with db.reading() as session:
        clients = session.execute(
            select(
                Client.first_name,
                Client.last_name,
                Client.pesel,
                Client.document_number,
                Client.birth_date,
                Client.street,
                Client.code,
            ).order_by(Client.id)
        ).all()
        cases = session.execute(
            select(Case.file_number, Case.client_id, Case.status_id, Case.next_due).order_by(
                Case.id
            )
        ).all()
        visits = session.execute(
            select(
                Visit.day, Visit.ticket_letter, Visit.ticket_seq, Visit.arrived_at, Visit.state
            ).order_by(Visit.id)
        ).all()
        sessions = session.execute(
            select(Session.day, Session.start, Session.form, Session.state).order_by(Session.id)
        ).all()
    return clients, cases, visits, sessions


def test_same_date_gives_the_same_office(tmp_path):
    """Two fresh builds on one date (Christmas: today is a holiday) are identical."""
    moment = datetime(2025, 12, 25, 10, 0)
    prints = []
    for name in ("a", "b"):
        db = open_database(sqlite_url(tmp_path / f"{name}.sqlite3"))
        try:
            build_demo_office(db, moment)
            prints.append(_fingerprint(db))
        finally:
            db.dispose()
    assert prints[0] == prints[1]
    assert len(prints[0][0]) >= 480


def test_office_profile_is_realistic(demo_db):
    office = fetch(demo_db, select(OfficeProfile))[0]
    assert "Ośrodek Pomocy Społecznej" in office.name
    assert office.postal_code[2] == "-" and len(office.postal_code) == 6
    assert "FERS 2021–2027" in office.project_name  # not POWER 2014–2020
    assert office.project_number.startswith("FERS.")  # a current programme, 2021–2027


def test_about_five_hundred_clients_and_a_dozen_staff(demo):
    _db, summary = demo
    assert 480 <= summary.clients <= 520
    assert summary.staff == len(DEMO_ACCOUNTS) == 13
    assert 150 <= summary.households < summary.clients
    assert summary.visits > 5000 and summary.cases > 400 and summary.sessions > 250


def test_every_pesel_is_valid_and_agrees_with_the_client(demo_db):
    clients = fetch(demo_db, select(Client))
    with_pesel = [c for c in clients if c.pesel]
    foreigners = [c for c in clients if not c.pesel]
    assert len(with_pesel) > 450
    for client in with_pesel:
        info = parse_pesel(client.pesel)
        assert (info.birth_date, info.sex) == (client.birth_date, client.sex), client.pesel
    assert foreigners, "some clients are identified by a document"
    assert all(c.document_number and c.birth_date and c.sex for c in foreigners)
    assert len({c.code for c in clients}) == len(clients)
    for client in clients:
        parts = [client.last_name, client.first_name, client.pesel, client.document_number]
        assert client.search_key == fold(" ".join(p for p in parts if p))


def test_households_have_an_applicant_and_relations(demo_db):
    with demo_db.reading() as session:
        rows = session.execute(select(Client.household_id, Client.household_relation)).all()
    relations: dict[int, list[str]] = {}
    for household, relation in rows:
        relations.setdefault(household, []).append(relation)
    assert all("wnioskodawca" in members for members in relations.values())
    seen = {r for members in relations.values() for r in members}
    assert {"wnioskodawca", "małżonek", "dziecko", "rodzic"} <= seen


def test_every_client_lives_in_the_region_routing_finds(demo_db):
    clients = fetch(demo_db, select(Client))
    with demo_db.reading() as session:
        regions = dict(session.execute(select(Region.id, Region.name)).all())
        for client in clients:
            found = region_for_address(session, client.locality, client.street, client.house_number)
            assert found == client.region_id, (client.locality, client.street)
    assert sorted(regions.values()) == ["Rejon I", "Rejon II", "Rejon III"]
    assert {c.region_id for c in clients} == set(regions)


def test_each_region_has_a_benefits_and_a_social_worker(demo_db):
    regions = fetch(demo_db, select(Region))
    with demo_db.reading() as session:
        logins = dict(session.execute(select(Staff.id, Staff.login)).all())
    pairs = {r.name: (logins[r.benefits_worker_id], logins[r.social_worker_id]) for r in regions}
    assert pairs == {
        "Rejon I": ("swiadczenia1", "socjalny1"),
        "Rejon II": ("swiadczenia2", "socjalny2"),
        "Rejon III": ("swiadczenia3", "socjalny3"),
    }


def test_documented_accounts_exist_with_their_roles(demo_db):
    """(test_demo_services logs in with every documented password)"""
    staff = {s.login: s for s in fetch(demo_db, select(Staff))}
    with demo_db.reading() as session:
        roles = dict(session.execute(select(StaffRole.staff_id, StaffRole.role)).all())
    for account in DEMO_ACCOUNTS:
        assert len(account.password) >= MIN_PASSWORD_LENGTH
        row = staff[account.login]
        assert row.password_hash.startswith("$argon2")
        assert roles[row.id] == account.role.value
        assert row.active and not row.must_change_password


def test_built_at_the_given_moment(demo):
    _db, summary = demo
    assert summary.built_on == BUILT_AT.date()
