"""The permission matrix walked for the safety services (the harness in tests/safety/matrix.py
is meant for every service)."""

import pytest
from safety.matrix import assert_anonymous_refused, assert_roles

from opsdesk.domain.roles import Action, Role

CALLS = {
    "backups.list": (lambda s: s.backups.list(), Action.BACKUP_RESTORE),
    "backups.create": (lambda s: s.backups.folder and s.backups.policy(), Action.BACKUP_RESTORE),
    "backups.set_policy": (lambda s: s.backups.set_policy(0, 0), Action.BACKUP_RESTORE),
    "backups.restore": (lambda s: s.backups.restore(""), Action.BACKUP_RESTORE),
    "retention.preview": (lambda s: s.retention.preview(), Action.RETENTION_ANONYMISE),
    "retention.anonymise": (lambda s: s.retention.anonymise([]), Action.RETENTION_ANONYMISE),
    "retention.set_years": (lambda s: s.retention.set_years(0), Action.SETTINGS_MANAGE),
    "retention.years": (lambda s: s.retention.years(), {Role.ADMIN}),
    # any logged-in person locks their own window
    "screen_lock.locked": (lambda s: s.screen_lock.locked(), set(Role)),
}


@pytest.mark.parametrize("name", list(CALLS))
def test_roles(office, make_person, name):
    call, allowed = CALLS[name]
    assert_roles(make_person, call, allowed)
    assert_anonymous_refused(office, call)


def test_only_the_administrator_anonymises():
    from safety.matrix import roles_with

    assert roles_with(Action.RETENTION_ANONYMISE) == {Role.ADMIN}
    assert roles_with(Action.BACKUP_RESTORE) == {Role.ADMIN}
