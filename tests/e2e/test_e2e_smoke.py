"""``opsdesk smoke``, the installation check the Windows installer's tests run: the window,
the database, the fonts and one PDF, with exit code 0; 1 and a reason when it cannot pass."""

import subprocess
import sys
from functools import partial

import pytest
from databases import opsdesk_env


def run(*args, data_dir, url=None):
    """``opsdesk --data-dir data_dir …``; on the server at ``url`` when that is one."""
    return subprocess.run(
        [sys.executable, "-m", "opsdesk", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        env=opsdesk_env(url),
        timeout=120,
    )


def test_smoke_sets_up_a_trial_office_and_prints_a_pdf(tmp_path, db):
    data = tmp_path / "data"
    db.dispose()
    smoke = partial(run, "smoke", url=db.url)
    result = smoke("--first-run", data_dir=data)
    assert result.returncode == 0, result.stderr
    assert "smoke test passed" in result.stdout
    assert (data / "smoke.pdf").read_bytes().startswith(b"%PDF")
    again = smoke("--out", str(tmp_path / "again.pdf"), data_dir=data)
    assert again.returncode == 0, again.stderr
    assert "(próba instalacji)" in again.stdout  # the same office, not a second one
    assert (tmp_path / "again.pdf").is_file()


def test_smoke_without_an_office_fails_with_a_reason(tmp_path, db):
    db.dispose()
    result = run("smoke", data_dir=tmp_path / "data", url=db.url)
    assert result.returncode == 1
    assert "pierwszego uruchomienia" in result.stderr


@pytest.mark.sqlite_only(reason="writes the SQLite file's schema version and compares its bytes")
def test_smoke_refuses_a_newer_database_untouched(tmp_path):
    import sqlite3

    data = tmp_path / "data"
    assert run("smoke", "--first-run", data_dir=data).returncode == 0
    conn = sqlite3.connect(data / "opsdesk.sqlite3")
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.close()  # the last connection's close checkpoints the WAL into the file
    before = (data / "opsdesk.sqlite3").read_bytes()
    result = run("smoke", data_dir=data)
    assert result.returncode == 1
    assert "nowsz" in result.stderr
    assert (data / "opsdesk.sqlite3").read_bytes() == before
