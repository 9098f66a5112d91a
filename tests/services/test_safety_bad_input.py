"""Bad input to the safety services (hypothesis): refused with a Polish message per field and
nothing saved, never an unexpected exception."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from safety.fuzzing import FUZZ, nasty_text, table_counts, weird_numbers

from opsdesk.domain.roles import Role
from opsdesk.errors import AuthenticationError, ServiceError, ValidationError
from opsdesk.storage.rotation import RotationPolicy


@FUZZ
@given(years=weird_numbers())
def test_retention_years(office, years):
    before = office.retention.years()
    try:
        saved = office.retention.set_years(years)
    except ValidationError as error:
        assert set(error.errors) == {"years"} and "lat" in error.errors["years"]
        assert office.retention.years() == before
    else:
        assert type(years) is int and 1 <= years <= 100 and saved == years
        assert office.retention.years() == years


@FUZZ
@given(daily=weird_numbers(), monthly=weird_numbers())
def test_backup_policy(office, daily, monthly):
    before = office.backups.policy()
    try:
        policy = office.backups.set_policy(daily, monthly)
    except ValidationError as error:
        assert set(error.errors) <= {"daily", "monthly"} and error.errors
        assert office.backups.policy() == before
    else:
        assert policy == office.backups.policy() == RotationPolicy(daily, monthly)
        assert type(daily) is int and type(monthly) is int


@FUZZ
@given(
    ids=st.lists(
        st.one_of(st.integers(), st.text(max_size=3), st.none(), st.booleans()), max_size=5
    )
)
def test_anonymise_with_odd_ids(office, ids):
    before = table_counts(office.db, ignore=("audit_entry",))
    try:
        result = office.retention.anonymise(ids)
    except ValidationError as error:
        assert set(error.errors) == {"clients"}
    else:
        assert result.anonymised == 0  # no client qualifies in a fresh office
    assert table_counts(office.db, ignore=("audit_entry",)) == before


@pytest.fixture
def clerk(make_person):
    return make_person(Role.CLERK)


@FUZZ
@given(password=nasty_text(max_size=2000))
def test_unlock_with_any_text(clerk, clock, password):
    clock.advance(minutes=20)  # past any lock-out from earlier examples
    try:
        clerk.screen_lock.unlock(password)
    except AuthenticationError as error:
        assert str(error).endswith(".")
    else:
        raise AssertionError("a random text unlocked the window")


@FUZZ
@given(name=nasty_text(max_size=300))
def test_restore_from_any_file_name(office, name):
    before = table_counts(office.db)
    try:
        office.backups.restore(name)
    except ServiceError as error:
        assert str(error)
    else:
        raise AssertionError(f"restored from {name!r}")
    assert table_counts(office.db) == before
    assert office.db.sqlite_path is None or office.db.sqlite_path.exists()
