"""Restoring: verified first, never a newer schema, never under another opsdesk's feet, and the
replaced database (even a damaged one, untouched) kept aside."""

import sqlite3
import subprocess
import sys
import textwrap
from datetime import datetime

import pytest
from safety.damage import damage_header, damage_middle
from safety.databases import add_rows, count_rows, integrity, make_database, set_revision

from opsdesk.storage import backup
from opsdesk.storage.integrity import in_use_by_others

MOMENT = datetime(2026, 11, 30, 8, 5, 0)


@pytest.fixture
def office(tmp_path):
    """A database with 2000 rows, a backup of it, then 500 more rows in the database."""
    database = make_database(tmp_path / "data" / "opsdesk.sqlite3")
    made = backup.make_backup(database, datetime(2026, 11, 29, 16, 0), backup.RotationPolicy())
    add_rows(database, 500, prefix="later")
    return database, made.path


def files(folder):
    return sorted(p.name for p in folder.iterdir() if p.is_file())


def test_restore_puts_the_backup_in_place_and_keeps_the_replaced_database(office):
    database, source = office
    result = backup.restore_backup(source, database, MOMENT)
    assert count_rows(database) == 2000
    assert result.replaced == database.with_name("opsdesk.sqlite3.replaced-20261130-080500")
    assert count_rows(result.replaced) == 2500
    assert integrity(database) == ["ok"]
    assert "opsdesk.sqlite3.restoring" not in files(database.parent)
    assert source.exists()  # the backup itself stays


def test_restoring_twice_in_one_second_keeps_both_replaced_databases(office):
    database, source = office
    first = backup.restore_backup(source, database, MOMENT)
    second = backup.restore_backup(source, database, MOMENT)
    assert first.replaced != second.replaced and first.replaced.exists()


def test_the_replaced_wal_goes_aside_with_its_database(office):
    """Committed rows still in the -wal of a killed opsdesk stay with the replaced file."""
    database, source = office
    code = textwrap.dedent(f"""
        import os, sqlite3
        c = sqlite3.connect({str(database)!r}, isolation_level=None)
        c.execute("PRAGMA journal_mode = WAL")
        c.execute("PRAGMA wal_autocheckpoint = 0")
        c.execute("INSERT INTO setting VALUES ('in-the-wal', '1')")
        os._exit(0)  # no checkpoint, no clean close
    """)
    subprocess.run([sys.executable, "-c", code], check=True)
    assert database.with_name("opsdesk.sqlite3-wal").stat().st_size > 0
    result = backup.restore_backup(source, database, MOMENT)
    assert count_rows(result.replaced) == 2501
    assert not database.with_name("opsdesk.sqlite3-wal").exists() or count_rows(database) == 2000
    assert count_rows(database) == 2000


@pytest.mark.parametrize("spoil", ["garbage", "not_opsdesk", "damaged", "header"])
def test_a_bad_file_is_refused_and_the_database_is_untouched(office, tmp_path, spoil):
    database, source = office
    bad = tmp_path / "bad.sqlite3"
    if spoil == "garbage":
        bad.write_text("to nie jest baza danych, tylko notatka")
    elif spoil == "not_opsdesk":
        with sqlite3.connect(bad) as connection:
            connection.execute("CREATE TABLE t (x)")
        connection.close()
    else:
        bad.write_bytes(source.read_bytes())
        damage_middle(bad) if spoil == "damaged" else damage_header(bad)
    before = database.read_bytes()
    with pytest.raises(backup.BadBackupError) as error:
        backup.restore_backup(bad, database, MOMENT)
    assert "bad.sqlite3" in str(error.value)
    assert database.read_bytes() == before
    assert not any(".replaced-" in n or n.endswith(".restoring") for n in files(database.parent))


def test_a_backup_of_a_newer_opsdesk_is_refused(office):
    database, source = office
    set_revision(source, "0099_from_the_future")
    before = database.read_bytes()
    with pytest.raises(backup.NewerBackupError, match="nowsz"):
        backup.restore_backup(source, database, MOMENT)
    assert database.read_bytes() == before


def test_the_database_itself_is_not_a_backup(office):
    database, _source = office
    with pytest.raises(backup.BadBackupError):
        backup.restore_backup(database, database, MOMENT)


def test_a_missing_file(office, tmp_path):
    database, _source = office
    with pytest.raises(backup.BadBackupError, match="nie istnieje"):
        backup.restore_backup(tmp_path / "brak.sqlite3", database, MOMENT)


def test_refused_while_another_connection_in_this_process_has_it_open(office):
    database, source = office
    other = sqlite3.connect(database, isolation_level=None)
    other.execute("PRAGMA journal_mode = WAL")
    other.execute("SELECT count(*) FROM setting").fetchone()
    try:
        assert in_use_by_others(database)
        with pytest.raises(backup.DatabaseInUseError, match="opsdesk"):
            backup.restore_backup(source, database, MOMENT)
    finally:
        other.close()
    assert count_rows(database) == 2500
    assert not in_use_by_others(database)
    backup.restore_backup(source, database, MOMENT)
    assert count_rows(database) == 2000


def hold_open(database, damaged=False):
    """Another process with the database open (as a second opsdesk window would)."""
    code = textwrap.dedent(f"""
        import sqlite3, sys, time
        c = sqlite3.connect({str(database)!r}, isolation_level=None)
        c.execute("PRAGMA journal_mode = WAL") if not {damaged} else None
        try:
            c.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError:
            pass
        print("open", flush=True)
        sys.stdin.read()
    """)
    process = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout.readline().strip() == "open"
    return process


def test_refused_while_another_process_has_it_open(office):
    database, source = office
    process = hold_open(database)
    try:
        with pytest.raises(backup.DatabaseInUseError):
            backup.restore_backup(source, database, MOMENT)
    finally:
        process.communicate("")
    assert count_rows(database) == 2500


def test_a_damaged_database_is_moved_aside_byte_for_byte(office):
    database, source = office
    damage_middle(database)
    damaged = database.read_bytes()
    result = backup.restore_backup(source, database, MOMENT)
    assert result.replaced.read_bytes() == damaged
    assert count_rows(database) == 2000 and integrity(database) == ["ok"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="lock table of Linux")
def test_a_damaged_database_another_process_holds_is_not_replaced(office):
    database, source = office
    damage_middle(database)
    process = hold_open(database, damaged=True)
    try:
        with pytest.raises(backup.DatabaseInUseError):
            backup.restore_backup(source, database, MOMENT)
    finally:
        process.communicate("")


def test_restore_where_there_is_no_database_yet(office, tmp_path):
    _database, source = office
    fresh = tmp_path / "new-pc" / "opsdesk.sqlite3"
    result = backup.restore_backup(source, fresh, MOMENT)
    assert result.replaced is None
    assert count_rows(fresh) == 2000


def test_newest_good_backup_skips_damaged_and_newer_ones(office):
    database, source = office
    folder = source.parent
    newer = backup.make_backup(database, datetime(2026, 11, 30, 7, 0), backup.RotationPolicy())
    newest = backup.make_backup(
        database, datetime(2026, 11, 30, 7, 30), backup.RotationPolicy(daily=5)
    )
    assert [b.path for b in backup.list_backups(folder)] == [newest.path, source]  # rotated
    damage_middle(newest.path)
    assert backup.newest_good_backup(folder).path == source
    assert not newer.path.exists()
    set_revision(source, "0099_from_the_future")
    assert backup.newest_good_backup(folder) is None
