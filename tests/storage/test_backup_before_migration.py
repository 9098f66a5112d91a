"""A SQLite database of an older opsdesk is backed up, verified, before it is migrated; when
the backup or the migration fails, the database is left as it was."""

import sqlite3
from datetime import datetime

import pytest

from opsdesk.storage import backup, opening
from opsdesk.storage.migrate import SchemaState

MOMENT = datetime(2026, 11, 30, 9, 0)


def office_file(tmp_path):
    path = tmp_path / "opsdesk.sqlite3"
    db = opening.open_database(f"sqlite:///{path}")
    with db.engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE marker (note TEXT)")
        conn.exec_driver_sql("INSERT INTO marker VALUES ('written before the upgrade')")
    db.dispose()
    return path


def pretend_outdated(monkeypatch, upgrade):
    monkeypatch.setattr(opening, "schema_state", lambda engine: SchemaState.OUTDATED)
    monkeypatch.setattr(opening, "upgrade_to_head", upgrade)


def notes(path):
    with sqlite3.connect(path) as conn:
        return [row[0] for row in conn.execute("SELECT note FROM marker")]


def test_an_older_database_is_backed_up_before_migrating(tmp_path, monkeypatch):
    path = office_file(tmp_path)
    seen = []

    def upgrade(engine):
        seen.extend(backup.list_backups(backup.backup_folder(path)))
        return SchemaState.OUTDATED

    pretend_outdated(monkeypatch, upgrade)
    opening.open_database(f"sqlite:///{path}", MOMENT).dispose()
    assert [b.taken_at for b in seen] == [MOMENT]
    assert backup.verify_backup(seen[0].path).ok
    assert notes(seen[0].path) == ["written before the upgrade"]


def test_a_failed_migration_leaves_the_data_and_a_backup(tmp_path, monkeypatch):
    path = office_file(tmp_path)

    def upgrade(engine):
        raise RuntimeError("migration broke")

    pretend_outdated(monkeypatch, upgrade)
    with pytest.raises(RuntimeError, match="migration broke"):
        opening.open_database(f"sqlite:///{path}", MOMENT)
    assert notes(path) == ["written before the upgrade"]
    [kept] = backup.list_backups(backup.backup_folder(path))
    assert notes(kept.path) == ["written before the upgrade"]


def test_no_migration_without_a_backup(tmp_path, monkeypatch):
    path = office_file(tmp_path)
    migrated = []
    pretend_outdated(monkeypatch, lambda engine: migrated.append(engine))

    def refuse(database, target, progress=None):
        raise backup.BackupError("disk full")

    monkeypatch.setattr(backup, "write_backup", refuse)
    with pytest.raises(backup.BackupError):
        opening.open_database(f"sqlite:///{path}", MOMENT)
    assert migrated == []


def test_a_current_or_new_database_is_not_backed_up(tmp_path):
    path = office_file(tmp_path)
    opening.open_database(f"sqlite:///{path}", MOMENT).dispose()
    assert backup.list_backups(backup.backup_folder(path)) == []
