"""A change of roles needs a second person, nobody grants a role to themselves, and every
attempt is audited (issue 19, item 3; services/office/role_changes.py)."""

from __future__ import annotations

import pytest
from people import ADMIN_PASSWORD, STAFF_PASSWORD

from opsdesk.domain.roles import Role
from opsdesk.errors import AuthenticationError, PermissionDenied, ValidationError
from opsdesk.services.account.auth import MAX_FAILED_LOGINS
from opsdesk.services.office.role_changes import SecondPerson
from opsdesk.services.office.staff import StaffInput

MANAGER = SecondPerson("kierownik", STAFF_PASSWORD)


@pytest.fixture
def staffed(office, make_person):
    """The office with its manager (made while the office was being set up) and a clerk."""
    manager = make_person(Role.MANAGER, login="kierownik", full_name="Jolanta Świątek")
    clerk = make_person(Role.CLERK, "first_contact", login="recepcja", full_name="Beata Kłos")
    return office, manager, clerk


def account(office, login):
    return next(s for s in office.staff.list() if s.login == login)


def as_input(record, roles) -> StaffInput:
    return StaffInput(
        record.login, record.full_name, frozenset(roles), record.team_id, record.workplace
    )


def role_entries(office):
    """(event, details) of the audit's role entries, oldest first."""
    rows = office.audit.entries(limit=1000)
    kinds = ("role_change", "role_change_refused", "confirmation_failed")
    return [(r.action, r.detail) for r in reversed(rows) if r.action in kinds]


def refused(call) -> dict[str, str]:
    with pytest.raises(ValidationError) as error:
        call()
    return error.value.errors


def test_the_administrator_cannot_grant_himself_the_manager_role(staffed):
    office, _manager, _clerk = staffed
    me = account(office, "admin")
    for confirmation in (None, MANAGER):  # not even with the manager's password
        errors = refused(
            lambda c=confirmation: office.staff.update(
                me.id, as_input(me, {Role.ADMIN, Role.MANAGER}), c
            )
        )
        assert errors == {"roles": "Nikt nie może nadać roli samemu sobie."}
    assert account(office, "admin").roles == {Role.ADMIN}
    assert role_entries(office)[-2:] == [
        ("role_change_refused", "admin: +manager; own roles"),
        ("role_change_refused", "admin: +manager; own roles"),
    ]
    with pytest.raises(PermissionDenied):  # so he still reads no client file
        office.clients.search("Nowak")


def test_granting_a_role_needs_the_managers_password_typed_in_the_same_dialog(staffed):
    office, _manager, clerk = staffed
    record = account(office, "recepcja")
    wanted = as_input(record, {Role.CLERK, Role.SOCIAL_WORKER})
    assert refused(lambda: office.staff.update(record.id, wanted)) == {
        "confirm_login": "Zmianę ról musi potwierdzić druga osoba: kierownik wpisuje tu swój "
        "login i hasło."
    }
    assert refused(
        lambda: office.staff.update(record.id, wanted, SecondPerson("kierownik", "zgaduję"))
    ) == {"confirm_password": "Nieprawidłowy login lub hasło osoby potwierdzającej."}
    assert refused(
        lambda: office.staff.update(record.id, wanted, SecondPerson("nikt", STAFF_PASSWORD))
    ) == {"confirm_password": "Nieprawidłowy login lub hasło osoby potwierdzającej."}
    assert account(office, "recepcja").roles == {Role.CLERK}

    saved = office.staff.update(record.id, wanted, MANAGER)
    assert saved.roles == {Role.CLERK, Role.SOCIAL_WORKER}
    assert role_entries(office)[-5:] == [
        ("role_change_refused", "recepcja: +social_worker; no confirmation"),
        ("confirmation_failed", "kierownik"),
        ("role_change_refused", "recepcja: +social_worker; wrong confirmation"),
        ("role_change_refused", "recepcja: +social_worker; wrong confirmation"),
        ("role_change", "recepcja: +social_worker; confirmed by kierownik"),
    ]
    # removing a role is a change of roles too
    office.staff.update(record.id, as_input(saved, {Role.SOCIAL_WORKER}), MANAGER)
    assert role_entries(office)[-1] == (
        "role_change",
        "recepcja: -clerk; confirmed by kierownik",
    )
    assert clerk.actor.login == "recepcja"


def test_a_new_accounts_roles_are_confirmed_too(staffed):
    office, _manager, _clerk = staffed
    data = StaffInput("nowak", "Ewa Nowak", frozenset({Role.MANAGER}), password=STAFF_PASSWORD)
    assert "confirm_login" in refused(lambda: office.staff.create(data))
    assert "nowak" not in {s.login for s in office.staff.list()}
    office.staff.create(data, MANAGER)
    assert role_entries(office)[-1] == ("role_change", "nowak: +manager; confirmed by kierownik")


def test_changing_anything_but_the_roles_needs_nobody(staffed):
    office, _manager, _clerk = staffed
    record = account(office, "recepcja")
    before = role_entries(office)
    changed = office.staff.update(
        record.id,
        StaffInput("recepcja", "Beata Kłos-Nowak", frozenset(record.roles), record.team_id),
    )
    assert changed.full_name == "Beata Kłos-Nowak"
    assert role_entries(office) == before


def test_who_may_confirm(staffed, make_person):
    office, _manager, _clerk = staffed
    record = account(office, "recepcja")
    wanted = as_input(record, {Role.CLERK, Role.PSYCHOLOGIST})
    # not the administrator himself, not a clerk, not another administrator while there is
    # a manager, not the person who is granted the role
    assert refused(
        lambda: office.staff.update(record.id, wanted, SecondPerson("admin", ADMIN_PASSWORD))
    ) == {"confirm_login": "Zmianę musi potwierdzić ktoś inny niż Ty."}
    make_person(Role.CLERK, login="rejestracja2")
    assert refused(
        lambda: office.staff.update(record.id, wanted, SecondPerson("rejestracja2", STAFF_PASSWORD))
    ) == {"confirm_login": "Zmianę ról może potwierdzić tylko kierownik."}
    make_person(Role.ADMIN, login="admin2")
    assert refused(
        lambda: office.staff.update(record.id, wanted, SecondPerson("admin2", STAFF_PASSWORD))
    ) == {"confirm_login": "Zmianę ról może potwierdzić tylko kierownik."}
    assert refused(
        lambda: office.staff.update(record.id, wanted, SecondPerson("recepcja", STAFF_PASSWORD))
    ) == {"confirm_login": "Osoba, której nadaje się rolę, nie może sama tego potwierdzić."}
    manager = account(office, "kierownik")
    assert refused(
        lambda: office.staff.update(
            manager.id, as_input(manager, {Role.MANAGER, Role.ADMIN}), MANAGER
        )
    ) == {"confirm_login": "Osoba, której nadaje się rolę, nie może sama tego potwierdzić."}
    # the manager may confirm losing a role of her own
    office.staff.update(manager.id, as_input(manager, {Role.MANAGER}), None)  # no change
    assert account(office, "recepcja").roles == {Role.CLERK}


def test_without_an_active_manager_another_administrator_confirms(staffed, make_person):
    office, _manager, _clerk = staffed
    make_person(Role.ADMIN, login="admin2")
    manager = account(office, "kierownik")
    office.staff.set_active(manager.id, False)
    record = account(office, "recepcja")
    wanted = as_input(record, {Role.MANAGER})
    # the inactive manager still counts: the office is not "being set up" again
    assert "confirm_login" in refused(lambda: office.staff.update(record.id, wanted))
    assert refused(lambda: office.staff.update(record.id, wanted, MANAGER)) == {
        "confirm_password": "Nieprawidłowy login lub hasło osoby potwierdzającej."
    }
    saved = office.staff.update(record.id, wanted, SecondPerson("admin2", STAFF_PASSWORD))
    assert saved.roles == {Role.MANAGER}
    assert role_entries(office)[-1] == (
        "role_change",
        "recepcja: +manager -clerk; confirmed by admin2",
    )


def test_the_office_being_set_up_changes_roles_alone_and_says_so(office):
    office.staff.create(
        StaffInput(
            "kierownik", "Jolanta Świątek", frozenset({Role.MANAGER}), password=STAFF_PASSWORD
        )
    )
    assert role_entries(office) == [
        ("role_change", "kierownik: +manager; no second person (office being set up)")
    ]
    with pytest.raises(ValidationError) as error:
        office.staff.create(
            StaffInput("ewa", "Ewa Lis", frozenset({Role.CLERK}), password=STAFF_PASSWORD)
        )
    assert "confirm_login" in error.value.errors


def test_wrong_confirmations_lock_the_confirming_account(staffed):
    office, _manager, _clerk = staffed
    record = account(office, "recepcja")
    wanted = as_input(record, {Role.CLERK, Role.SOCIAL_WORKER})
    for _attempt in range(MAX_FAILED_LOGINS):
        refused(lambda: office.staff.update(record.id, wanted, SecondPerson("kierownik", "x")))
    assert refused(lambda: office.staff.update(record.id, wanted, MANAGER)) == {
        "confirm_login": "To konto jest zablokowane po zbyt wielu nieudanych logowaniach."
    }
    assert len(office.audit.entries(action="lock")) == 1


def test_nobody_else_changes_accounts_and_the_attempt_is_recorded(staffed):
    office, manager, _clerk = staffed
    record = account(office, "recepcja")
    with pytest.raises(PermissionDenied):
        manager.staff.update(record.id, as_input(record, {Role.MANAGER}))
    with pytest.raises(PermissionDenied):
        manager.staff.create(
            StaffInput("x", "X Y", frozenset({Role.MANAGER}), password=STAFF_PASSWORD)
        )
    refusals = [
        (r.actor_login, r.entity_id, r.detail)
        for r in office.audit.entries(action="role_change_refused")
    ]
    assert refusals == [
        ("kierownik", None, "no permission"),
        ("kierownik", record.id, "no permission"),
    ]
    assert account(office, "recepcja").roles == {Role.CLERK}


# --- a password reset of someone who can read client files (services/office/password_resets.py):
# the administrator alone never learns a password that opens client files

NEW = "tymczasowe-haslo-2026"


def reset_entries(office):
    rows = office.audit.entries(limit=1000)
    kinds = ("password_reset", "password_reset_refused")
    return [(r.action, r.detail) for r in reversed(rows) if r.action in kinds]


def test_the_administrator_alone_cannot_set_the_managers_password(staffed):
    office, _manager, _clerk = staffed
    manager = account(office, "kierownik")
    assert office.staff.reset_needs_second_person(manager.id)

    assert refused(lambda: office.staff.reset_password(manager.id, NEW, NEW)) == {
        "confirm_login": "Ta osoba ma dostęp do akt klientów, więc nowe hasło musi potwierdzić "
        "współpracownik: wpisuje tu swój login i hasło."
    }
    assert refused(  # not by the manager herself (she is the one who forgot it)
        lambda: office.staff.reset_password(
            manager.id, NEW, NEW, SecondPerson("kierownik", STAFF_PASSWORD)
        )
    ) == {
        "confirm_login": "Osoba, której hasło jest zmieniane, nie może tego potwierdzić; "
        "poproś współpracownika."
    }
    assert refused(
        lambda: office.staff.reset_password(manager.id, NEW, NEW, SecondPerson("admin", "x"))
    ) == {"confirm_login": "Zmianę musi potwierdzić ktoś inny niż Ty."}
    anonymous = office.as_actor(None)
    with pytest.raises(AuthenticationError):  # nothing was changed
        anonymous.auth.login("kierownik", NEW)

    office.staff.reset_password(manager.id, NEW, NEW, SecondPerson("recepcja", STAFF_PASSWORD))

    assert anonymous.auth.login("kierownik", NEW).must_change_password
    assert reset_entries(office) == [
        ("password_reset_refused", "no confirmation"),
        ("password_reset_refused", "confirmed by the account's owner"),
        ("password_reset_refused", "confirmed by oneself"),
        ("password_reset", "confirmed by recepcja"),
    ]


def test_a_wrong_confirmation_counts_as_a_failed_login_of_the_colleague(staffed):
    office, _manager, _clerk = staffed
    manager = account(office, "kierownik")
    assert refused(
        lambda: office.staff.reset_password(
            manager.id, NEW, NEW, SecondPerson("recepcja", "zgaduję")
        )
    ) == {"confirm_password": "Nieprawidłowy login lub hasło osoby potwierdzającej."}
    failed = [r for r in office.audit.entries(limit=100) if r.action == "confirmation_failed"]
    assert len(failed) == 1


def test_no_colleague_is_needed_where_no_client_file_opens_or_nobody_else_could(
    office, make_person
):
    other_admin = make_person(Role.ADMIN, login="admin2", full_name="Piotr Ząbek")
    worker = make_person(Role.SOCIAL_WORKER, "social_work", login="kowalska")
    assert not office.staff.reset_needs_second_person(other_admin.actor.id)
    office.staff.reset_password(other_admin.actor.id, NEW, NEW)
    # besides the one resetting and the owner only admin2 is active: he may confirm
    assert office.staff.reset_needs_second_person(worker.actor.id)
    office.staff.set_active(other_admin.actor.id, False)
    assert not office.staff.reset_needs_second_person(worker.actor.id)  # nobody else
    office.staff.reset_password(worker.actor.id, NEW, NEW)
    assert reset_entries(office) == [
        ("password_reset", "no second person (no client files open to the account)"),
        ("password_reset", "no second person (nobody else to confirm)"),
    ]
