"""``opsdesk demo`` as a user runs it: a subprocess on a temporary data folder."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

from opsdesk.services.account.auth import AdminInput, AuthService
from opsdesk.services.context import ServiceContext
from opsdesk.services.office.profile import OfficeInput
from opsdesk.storage.database import sqlite_url
from opsdesk.storage.opening import open_database


def opsdesk(*args: str) -> subprocess.CompletedProcess:
    env = {
        k: v for k, v in os.environ.items() if k not in ("OPSDESK_DATABASE_URL", "OPSDESK_DATA_DIR")
    }
    return subprocess.run(
        [sys.executable, "-m", "opsdesk", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def counts(database) -> dict[str, int]:
    with sqlite3.connect(database) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def test_demo_builds_once_and_passes_the_check(tmp_path):
    first = opsdesk("demo", "--no-gui", "--data-dir", str(tmp_path))
    assert first.returncode == 0, first.stderr
    assert "Przykładowie" in first.stdout
    assert "rejestracja" in first.stdout and "demo-rejestracja" in first.stdout
    assert "Konta demonstracyjne" in first.stdout
    built = counts(tmp_path / "opsdesk.sqlite3")
    assert built["client"] >= 480 and built["visit"] > 5000

    second = opsdesk("demo", "--no-gui", "--data-dir", str(tmp_path))
    assert second.returncode == 0, second.stderr
    assert "nic nie dodano" in second.stdout
    assert counts(tmp_path / "opsdesk.sqlite3") == built

    check = opsdesk("--data-dir", str(tmp_path), "check")
    assert check.returncode == 0, check.stdout + check.stderr


def test_demo_refuses_a_real_office(tmp_path):
    db = open_database(sqlite_url(tmp_path / "opsdesk.sqlite3"))
    try:
        AuthService(ServiceContext(db, None)).first_run(
            OfficeInput(
                name="Ośrodek Pomocy Społecznej w Gryfinie", postal_code="74-100", city="Gryfino"
            ),
            AdminInput("admin", "Jolanta Świątek", "bardzo-tajne-1", "bardzo-tajne-1"),
        )
    finally:
        db.dispose()
    before = counts(tmp_path / "opsdesk.sqlite3")

    result = opsdesk("demo", "--no-gui", "--data-dir", str(tmp_path))

    assert result.returncode == 2
    assert "Ośrodek Pomocy Społecznej w Gryfinie" in result.stderr
    assert "Traceback" not in result.stderr
    assert counts(tmp_path / "opsdesk.sqlite3") == before
