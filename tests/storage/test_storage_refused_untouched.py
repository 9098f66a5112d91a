"""A file opsdesk refuses is never changed (issue 19, items 6 and 8): a newer opsdesk's
database in rollback-journal mode (as opsdesk's own backups are), another program's SQLite
file, an empty file and a database with broken references are all looked at read-only and
refused with a message saying what to do; their bytes stay the same."""

import hashlib
import sqlite3

import pytest

from opsdesk.storage import migrate
from opsdesk.storage.health import check_database
from opsdesk.storage.integrity import DamagedDatabaseError
from opsdesk.storage.opening import open_database


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def side_files(path):
    return sorted(p.name for p in path.parent.iterdir() if p.name != path.name)


def rollback_journal_database(path, revision: str):
    """An opsdesk database at ``revision`` in rollback-journal mode, like a backup."""
    open_database(f"sqlite:///{path}").dispose()
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    connection.close()
    return path


def test_a_newer_database_in_rollback_journal_mode_is_refused_byte_for_byte(tmp_path):
    path = rollback_journal_database(tmp_path / "opsdesk.sqlite3", "9999_future")
    before = sha256(path)
    with pytest.raises(migrate.NewerDatabaseError) as error:
        open_database(f"sqlite:///{path}")
    assert "nie została zmieniona" in str(error.value)
    assert sha256(path) == before
    header = path.read_bytes()[18:20]
    assert header == b"\x01\x01"  # still rollback-journal mode, not switched to WAL
    assert side_files(path) == []


def test_another_programs_sqlite_file_is_refused_unchanged(tmp_path):
    path = tmp_path / "opsdesk.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE contacts (name TEXT)")
    connection.execute("INSERT INTO contacts VALUES ('Zażółć')")
    connection.commit()
    connection.close()
    before = sha256(path)
    with pytest.raises(migrate.NotOpsdeskDatabaseError) as error:
        open_database(f"sqlite:///{path}")
    assert "nie jest bazą opsdesk" in str(error.value)
    assert sha256(path) == before and side_files(path) == []


def test_an_empty_file_is_refused_with_what_to_do_not_taken_for_a_new_office(tmp_path):
    path = tmp_path / "opsdesk.sqlite3"
    path.write_bytes(b"")
    with pytest.raises(DamagedDatabaseError) as error:
        open_database(f"sqlite:///{path}")
    assert "pusty (0 bajtów)" in str(error.value) and "kopię" in str(error.value)
    assert path.read_bytes() == b"" and side_files(path) == []
    report = check_database(f"sqlite:///{path}")
    assert not report.ok
    assert any("pusty (0 bajtów)" in line for line in report.lines)


def test_a_database_with_a_broken_reference_is_refused_and_reported_by_check(tmp_path):
    path = tmp_path / "opsdesk.sqlite3"
    open_database(f"sqlite:///{path}").dispose()
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA foreign_keys = OFF")
    connection.execute("INSERT INTO staff_role (staff_id, role) VALUES (4242, 'clerk')")
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    before = sha256(path)
    with pytest.raises(DamagedDatabaseError) as error:
        open_database(f"sqlite:///{path}")
    message = str(error.value)
    assert "staff_role" in message and "kopię" in message
    assert sha256(path) == before
    report = check_database(f"sqlite:///{path}")
    assert not report.ok
    assert any("staff_role" in line for line in report.lines)
    assert any("kopię" in line for line in report.lines)  # what to do


def test_a_sound_database_still_opens_and_a_missing_one_is_created(tmp_path):
    path = tmp_path / "opsdesk.sqlite3"
    open_database(f"sqlite:///{path}").dispose()
    db = open_database(f"sqlite:///{path}")
    db.dispose()
    assert migrate.current_revision(db.engine) == migrate.HEAD_REVISION
