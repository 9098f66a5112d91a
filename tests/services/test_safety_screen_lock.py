"""The idle lock in the services: lock and unlock are audited; only the same person's password
unlocks, and wrong passwords count towards the account's lock-out."""

import pytest
from people import ADMIN_PASSWORD, STAFF_PASSWORD
from sqlalchemy import select

from opsdesk.domain.roles import Role
from opsdesk.errors import AuthenticationError, PermissionDenied
from opsdesk.services.account.auth import MAX_FAILED_LOGINS
from opsdesk.storage.models import AuditEntry


def actions(db, login):
    with db.reading() as session:
        return list(
            session.scalars(
                select(AuditEntry.action)
                .where(AuditEntry.actor_login == login)
                .order_by(AuditEntry.id)
            )
        )


def test_lock_and_unlock_are_recorded(make_person):
    clerk = make_person(Role.CLERK, login="rejestracja")
    clerk.screen_lock.locked()
    clerk.screen_lock.unlock(STAFF_PASSWORD)
    assert actions(clerk.db, "rejestracja")[-3:] == ["screen_lock", "login", "screen_unlock"]


def test_another_persons_password_does_not_unlock(make_person):
    clerk = make_person(Role.CLERK, login="rejestracja")
    clerk.screen_lock.locked()
    with pytest.raises(AuthenticationError, match="Nieprawidłowy"):
        clerk.screen_lock.unlock(ADMIN_PASSWORD)
    with pytest.raises(AuthenticationError, match="Wpisz"):
        clerk.screen_lock.unlock("")
    assert "screen_unlock" not in actions(clerk.db, "rejestracja")


def test_guessing_at_the_lock_locks_the_account(make_person, clock):
    clerk = make_person(Role.CLERK, login="rejestracja")
    for _ in range(MAX_FAILED_LOGINS):
        with pytest.raises(AuthenticationError):
            clerk.screen_lock.unlock("zgadywanie-123")
    with pytest.raises(AuthenticationError, match="zablokowane"):
        clerk.screen_lock.unlock(STAFF_PASSWORD)
    clock.advance(minutes=16)
    clerk.screen_lock.unlock(STAFF_PASSWORD)


def test_nobody_logged_in(office):
    anonymous = office.as_actor(None)
    with pytest.raises(PermissionDenied):
        anonymous.screen_lock.locked()
    with pytest.raises(PermissionDenied):
        anonymous.screen_lock.unlock(ADMIN_PASSWORD)
