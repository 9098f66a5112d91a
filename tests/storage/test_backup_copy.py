"""Writing a backup: online (others keep writing), verified, atomic, named by date and time."""

import os
import sqlite3
import threading
from datetime import datetime

import pytest
from safety.damage import damage_middle
from safety.databases import count_rows, integrity, make_database

from opsdesk.storage import backup
from opsdesk.storage.migrate import HEAD_REVISION

MOMENT = datetime(2026, 11, 30, 7, 45, 12)


@pytest.fixture
def database(tmp_path):
    return make_database(tmp_path / "data" / "opsdesk.sqlite3")


def test_a_backup_is_a_verified_self_contained_copy_named_by_its_time(database):
    made = backup.make_backup(database, MOMENT, backup.RotationPolicy())
    assert made.path == database.parent / "backups" / "opsdesk-2026-11-30_074512.sqlite3"
    assert made.taken_at == MOMENT
    assert count_rows(made.path) == count_rows(database) == 2000
    assert integrity(made.path) == ["ok"]
    check = backup.verify_backup(made.path)
    assert check.ok and check.revision == HEAD_REVISION
    # one file, in rollback-journal mode: it can be copied to a pendrive as it is
    with sqlite3.connect(made.path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert sorted(p.name for p in made.path.parent.iterdir()) == [made.path.name]


def test_two_backups_in_the_same_second_get_different_names(database):
    first = backup.make_backup(database, MOMENT, backup.RotationPolicy())
    second = backup.make_backup(database, MOMENT, backup.RotationPolicy())
    assert first.path != second.path
    assert second.path.name == "opsdesk-2026-11-30_074512-2.sqlite3"
    # the newest of the day is kept, even within one second
    assert [b.path for b in backup.list_backups(first.path.parent)] == [second.path]


def test_the_copy_is_consistent_while_another_connection_keeps_writing(database):
    stop = threading.Event()
    written = []

    def writer():
        connection = sqlite3.connect(database, timeout=10, isolation_level=None)
        connection.execute("PRAGMA journal_mode = WAL")
        n = 0
        while not stop.is_set():
            # each transaction adds two rows: a consistent copy always has an even number
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("INSERT INTO setting VALUES (?, '1')", (f"w{n:07d}a",))
            connection.execute("INSERT INTO setting VALUES (?, '1')", (f"w{n:07d}b",))
            connection.execute("COMMIT")
            n += 1
            written.append(n)
        connection.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(written) < 50:
            stop.wait(0.01)
        made = backup.write_backup(database, database.parent / "copy.sqlite3")
        during = len(written)
    finally:
        stop.set()
        thread.join()
    copied = count_rows(made.path) - 2000
    assert integrity(made.path) == ["ok"]
    assert copied % 2 == 0 and copied > 0
    assert during > 50  # the writer was not blocked by the backup


def test_a_damaged_database_gives_no_backup_and_no_leftovers(database):
    damage_middle(database)
    folder = database.parent / "backups"
    with pytest.raises(backup.BackupError) as error:
        backup.make_backup(database, MOMENT, backup.RotationPolicy())
    assert "uszkodz" in str(error.value) or "malformed" in str(error.value)
    assert not folder.exists() or list(folder.iterdir()) == []


def test_a_failure_at_the_last_moment_leaves_neither_the_backup_nor_a_temporary_file(
    database, monkeypatch
):
    def no_rename(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup.os, "replace", no_rename)
    with pytest.raises(backup.BackupError, match="No space left"):
        backup.make_backup(database, MOMENT, backup.RotationPolicy())
    assert list((database.parent / "backups").iterdir()) == []


def test_the_written_file_appears_only_complete(database, monkeypatch):
    """What exists under the backup's name was verified; the copy is made under another name."""
    seen = []
    real_replace = os.replace

    def watching_replace(src, dst):
        seen.append((os.path.basename(src), os.path.basename(dst), integrity(src)))
        return real_replace(src, dst)

    monkeypatch.setattr(backup.os, "replace", watching_replace)
    made = backup.make_backup(database, MOMENT, backup.RotationPolicy())
    [(temporary, final, checked)] = seen
    assert temporary.startswith(".") and temporary.endswith(".partial")
    assert final == made.path.name and checked == ["ok"]


def test_no_database_no_backup(tmp_path):
    with pytest.raises(backup.BackupError, match="Nie ma pliku bazy"):
        backup.write_backup(tmp_path / "none.sqlite3", tmp_path / "b.sqlite3")


def test_other_files_in_the_backup_folder_are_not_listed(database):
    folder = database.parent / "backups"
    folder.mkdir()
    (folder / "notes.txt").write_text("pendrive: wtorek")
    (folder / "opsdesk-2026-13-45_999999.sqlite3").write_text("no date")
    made = backup.make_backup(database, MOMENT, backup.RotationPolicy())
    assert [b.path for b in backup.list_backups(folder)] == [made.path]
    assert backup.daily_backup_due(folder, MOMENT.date()) is False
    assert backup.daily_backup_due(folder, datetime(2026, 12, 1).date()) is True
