"""At start a damaged database is detected cheaply (quick_check, read-only) and never written."""

import subprocess
import sys
import textwrap

import pytest
from safety.damage import damage_header, damage_middle, truncate
from safety.databases import make_database

from opsdesk.storage.integrity import DamagedDatabaseError, in_use_by_others, quick_check
from opsdesk.storage.opening import open_database


@pytest.fixture
def database(tmp_path):
    return make_database(tmp_path / "opsdesk.sqlite3")


def side_files(path):
    """The files holding data beside the database: its -wal and -journal with content (the
    -shm is only SQLite's index of the -wal in shared memory, rebuilt by any reader)."""
    return {
        p.name: p.read_bytes()
        for p in path.parent.iterdir()
        if p.name in (path.name + "-wal", path.name + "-journal") and p.stat().st_size
    }


def test_a_sound_database_opens(database):
    assert quick_check(database) == []
    open_database(f"sqlite:///{database}").dispose()


@pytest.mark.parametrize("spoil", [damage_middle, damage_header, truncate])
def test_a_damaged_database_is_refused_and_not_modified(database, spoil):
    spoil(database)
    before = database.read_bytes()
    with pytest.raises(DamagedDatabaseError) as error:
        open_database(f"sqlite:///{database}")
    assert error.value.path == database
    assert error.value.problems
    assert "uszkodzony" in str(error.value)
    assert database.read_bytes() == before
    assert side_files(database) == {}  # nothing written beside it either


def test_a_damaged_database_with_a_wal_of_a_killed_opsdesk_is_not_checkpointed(database):
    code = textwrap.dedent(f"""
        import os, sqlite3
        c = sqlite3.connect({str(database)!r}, isolation_level=None)
        c.execute("PRAGMA journal_mode = WAL")
        c.execute("PRAGMA wal_autocheckpoint = 0")
        c.execute("INSERT INTO setting VALUES ('in-the-wal', '1')")
        os._exit(0)
    """)
    subprocess.run([sys.executable, "-c", code], check=True)
    damage_middle(database)
    before, wal_before = database.read_bytes(), side_files(database)
    with pytest.raises(DamagedDatabaseError):
        open_database(f"sqlite:///{database}")
    assert database.read_bytes() == before
    assert side_files(database)["opsdesk.sqlite3-wal"] == wal_before["opsdesk.sqlite3-wal"]


def test_a_new_database_is_not_checked(tmp_path):
    open_database(f"sqlite:///{tmp_path}/new.sqlite3").dispose()


def test_in_use_probe_sees_open_connections(database):
    assert not in_use_by_others(database)
    db = open_database(f"sqlite:///{database}")
    with db.reading() as session:
        session.connection()
    assert in_use_by_others(database)  # the pooled connection stays open
    db.dispose()
    assert not in_use_by_others(database)
    assert not in_use_by_others(database.with_name("missing.sqlite3"))
