"""The administrator's backups: list, make, keep-policy, restore (audited in the restored
database); nobody else may. On both kinds of office (a server's database is copied into a
SQLite file in this PC's backup folder); the automatic ones are of this PC's own file."""

from datetime import datetime

import pytest
from people import STAFF_PASSWORD
from sqlalchemy import select

from opsdesk.domain.roles import Role
from opsdesk.errors import Conflict, PermissionDenied, ServiceError, ValidationError
from opsdesk.services.office.staff import StaffInput
from opsdesk.services.registry import Services
from opsdesk.services.safety.backups import automatic_backup, size_text
from opsdesk.storage.database import Database
from opsdesk.storage.models import AuditEntry, Staff
from opsdesk.storage.rotation import RotationPolicy


def test_only_the_administrator_handles_backups(make_person):
    for role in (Role.MANAGER, Role.CLERK, Role.SOCIAL_WORKER, Role.PSYCHOLOGIST):
        services = make_person(role)
        for call in (
            services.backups.list,
            services.backups.create,
            services.backups.policy,
            lambda services=services: services.backups.set_policy(3, 3),
            lambda services=services: services.backups.restore("x.sqlite3"),
        ):
            with pytest.raises(PermissionDenied):
                call()


def test_make_list_and_audit(office, clock, tmp_path):
    assert office.backups.available()
    assert office.backups.list() == []
    seen = []
    record = office.backups.create(lambda done, total: seen.append((done, total)))
    assert record.name == "opsdesk-2026-11-30_090000.sqlite3"
    assert record.path.parent == tmp_path / "backups"  # next to the file, or this PC's
    assert seen and seen[-1][0] == seen[-1][1] > 0  # progress reached the end
    assert [r.name for r in office.backups.list()] == [record.name]
    with office.db.reading() as session:
        detail = session.scalar(select(AuditEntry.detail).where(AuditEntry.action == "backup"))
    assert detail == record.name


def test_the_keep_policy_is_an_office_setting(office):
    assert office.backups.policy() == RotationPolicy(14, 12)
    with pytest.raises(ValidationError) as error:
        office.backups.set_policy(0, -1)
    assert set(error.value.errors) == {"daily", "monthly"}
    office.backups.set_policy(3, 0)
    assert office.backups.policy() == RotationPolicy(3, 0)


@pytest.mark.sqlite_only(reason="the automatic backups are of this PC's own SQLite file")
def test_automatic_backups_follow_the_policy_and_the_day(office):
    office.backups.set_policy(2, 0)
    db = office.db
    first = automatic_backup(db, datetime(2026, 11, 27, 8, 0), daily_only=True)
    assert first is not None
    assert automatic_backup(db, datetime(2026, 11, 27, 9, 0), daily_only=True) is None
    automatic_backup(db, datetime(2026, 11, 27, 16, 0), daily_only=False)  # at exit
    automatic_backup(db, datetime(2026, 11, 30, 8, 0), daily_only=True)
    automatic_backup(db, datetime(2026, 12, 1, 8, 0), daily_only=True)
    assert [r.taken_at for r in office.backups.list()] == [
        datetime(2026, 12, 1, 8, 0),
        datetime(2026, 11, 30, 8, 0),
    ]


def test_restore_brings_the_data_back_records_it_and_the_old_database_is_kept(office, clock):
    backup = office.backups.create()
    office.staff.create(
        StaffInput("nowak", "Ewa Nowak", frozenset({Role.CLERK}), password=STAFF_PASSWORD)
    )
    clock.advance(minutes=30)
    restored = office.backups.restore(backup.path)
    assert restored.source_name == backup.name
    assert restored.replaced.name == (
        "opsdesk.sqlite3.replaced-20261130-093000"
        if office.db.is_sqlite
        else "opsdesk-server.replaced-20261130-093000.sqlite3"  # in this PC's backup folder
    )
    assert restored.replaced.exists()
    # the same Database object now reads the restored file
    with office.db.reading() as session:
        logins = set(session.scalars(select(Staff.login)))
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "restore")).one()
        assert (entry.actor_login, entry.actor_id) == ("admin", office.actor.id)
        assert backup.name in entry.detail and restored.replaced.name in entry.detail
    assert logins == {"admin"}


def test_restore_of_a_bad_file_is_a_validation_error(office, tmp_path):
    bad = tmp_path / "zly.sqlite3"
    bad.write_text("nie baza")
    with pytest.raises(ValidationError) as error:
        office.backups.restore(bad)
    assert "zly.sqlite3" in error.value.errors["file"]
    assert office.staff.list()  # the database still works


def test_restore_refused_while_another_opsdesk_has_the_database_open(office):
    backup = office.backups.create()
    other = Services(Database(office.db.url))
    other.auth.office_name()  # its pooled connection stays open
    try:
        with pytest.raises(Conflict, match="Zamknij"):
            office.backups.restore(backup.path)
    finally:
        other.db.dispose()


def test_a_server_office_without_this_pcs_backup_folder_says_so(office):
    services = Services(Database("postgresql+psycopg://opsdesk@localhost/ops"), office.actor)
    assert not services.backups.available()
    with pytest.raises(ServiceError, match="nie ma folderu na kopie"):
        services.backups.list()
    assert automatic_backup(services.db, datetime(2026, 11, 30), daily_only=True) is None


def test_sizes_read_like_an_office_reads_them():
    assert size_text(512) == "512\u00a0B"
    assert size_text(283_000) == "283\u00a0kB"
    assert size_text(12_345_678) == "12,3\u00a0MB"
    assert size_text(2_500_000_000) == "2,5\u00a0GB"
