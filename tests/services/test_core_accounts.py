"""First run, logging in, lock-out after failed logins, staff accounts and their permissions."""

import pytest
from people import ADMIN_PASSWORD, STAFF_PASSWORD
from sqlalchemy import select

from opsdesk.domain.roles import Role
from opsdesk.errors import AuthenticationError, PermissionDenied, ValidationError
from opsdesk.services.account.auth import MAX_FAILED_LOGINS, AdminInput
from opsdesk.services.office.profile import OfficeInput
from opsdesk.services.office.staff import StaffInput
from opsdesk.services.registry import Services
from opsdesk.storage.models import AuditEntry, Staff


def test_first_run_validates_and_saves_nothing_on_bad_input(db, clock):
    services = Services(db, None, clock)
    with pytest.raises(ValidationError) as error:
        services.auth.first_run(
            OfficeInput(name="", postal_code="99100x"),
            AdminInput("ad min", "", "krótkie", "krótkie"),
        )
    assert set(error.value.errors) == {
        "office_name",
        "postal_code",
        "login",
        "full_name",
        "password",
    }
    assert "10" in error.value.errors["password"]
    assert services.auth.needs_first_run()


def test_first_run_creates_office_teams_and_an_argon2_administrator(office, db):
    assert office.actor.roles == {Role.ADMIN}
    assert office.office.profile().name == "Miejski Ośrodek Pomocy Społecznej w Łęczycy"
    kinds = {t.kind for t in office.teams.list()}
    assert {"first_contact", "benefits", "social_work"} <= kinds
    with db.reading() as session:
        assert session.scalar(select(Staff.password_hash)).startswith("$argon2id$")


def test_wrong_password_then_lockout_after_five_failures(office, clock):
    anonymous = office.as_actor(None)
    for _ in range(MAX_FAILED_LOGINS):
        with pytest.raises(AuthenticationError, match="Nieprawidłowy"):
            anonymous.auth.login("admin", "zle-haslo-000")
    with pytest.raises(AuthenticationError, match="zablokowane"):
        anonymous.auth.login("admin", ADMIN_PASSWORD)  # even the right password
    clock.advance(minutes=16)
    assert anonymous.auth.login("admin", ADMIN_PASSWORD).login == "admin"
    with office.db.reading() as session:
        actions = list(session.scalars(select(AuditEntry.action)))
    assert actions.count("login_failed") == MAX_FAILED_LOGINS and "lock" in actions


def test_staff_account_lifecycle(office):
    with pytest.raises(ValidationError) as error:
        office.staff.create(StaffInput("admin", "", frozenset(), password="x"))
    assert set(error.value.errors) == {"login", "full_name", "roles", "password"}

    record = office.staff.create(
        StaffInput(
            "kowalska", "Anna Kowalska", frozenset({Role.SOCIAL_WORKER}), password=STAFF_PASSWORD
        )
    )
    anonymous = office.as_actor(None)
    actor = anonymous.auth.login("kowalska", STAFF_PASSWORD)
    assert actor.must_change_password  # set by the administrator
    office.staff.set_active(record.id, False)
    with pytest.raises(AuthenticationError):
        anonymous.auth.login("kowalska", STAFF_PASSWORD)
    assert [s.login for s in office.staff.list() if not s.active] == ["kowalska"]
    office.staff.set_active(record.id, True)
    office.staff.reset_password(record.id, "nowe-haslo-12345")
    assert anonymous.auth.login("kowalska", "nowe-haslo-12345").login == "kowalska"


def test_only_the_administrator_manages_staff(make_person):
    worker = make_person(Role.SOCIAL_WORKER, "social_work")
    with pytest.raises(PermissionDenied, match="uprawnie"):
        worker.staff.create(StaffInput("x1", "X", frozenset({Role.ADMIN}), password="a" * 12))


def test_change_password_checks_the_old_one(make_person):
    worker = make_person(Role.CLERK)
    with pytest.raises(ValidationError) as error:
        worker.auth.change_password(worker.actor, "zle", "nowe-haslo-12345", "nowe-haslo-12345")
    assert set(error.value.errors) == {"old"}
    worker.auth.change_password(
        worker.actor, STAFF_PASSWORD, "nowe-haslo-12345", "nowe-haslo-12345"
    )
    assert worker.auth.login(worker.actor.login, "nowe-haslo-12345").must_change_password is False


def test_polish_staff_order(office):
    for login, name in (
        ("z", "Zofia Żak"),
        ("l", "Lech Łoś"),
        ("s", "Sara Sowa"),
        ("s2", "Ścibor Ślusarz"),
        ("l2", "Lena Lis"),
    ):
        office.staff.create(
            StaffInput(login, name, frozenset({Role.CLERK}), password=STAFF_PASSWORD)
        )
    assert [s.full_name for s in office.staff.list() if s.login != "admin"] == [
        "Lena Lis",
        "Lech Łoś",
        "Sara Sowa",
        "Ścibor Ślusarz",
        "Zofia Żak",
    ]
