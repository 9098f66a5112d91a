"""A restore killed at any step leaves a usable database (issue 19, item 7).

The restore is run in a child process that dies (``os._exit``, no clean-up, like kill -9) at
its n-th step — every point between two file operations (``backup._step``) — for n = 1, 2, …
until a run finishes. After each death, opening the database (as the next start does)
finishes or rolls back the restore by itself: the database is either the previous one, whole
(with the rows still in its -wal), or the backup, with the previous one kept aside; no
``.restoring`` copy or plan is left, and no start ever offers a new office.
"""

import subprocess
import sys
import textwrap
from datetime import datetime

import pytest
from safety.databases import add_rows, count_rows, integrity, make_database

from opsdesk.storage import backup
from opsdesk.storage.opening import open_database

CHILD = textwrap.dedent("""
    import os, sys
    from datetime import datetime
    from pathlib import Path
    from opsdesk.storage import backup

    target, steps = int(sys.argv[3]), []

    def step(name):
        steps.append(name)
        if len(steps) == target:
            os._exit(9)

    backup._step = step
    backup.restore_backup(Path(sys.argv[1]), Path(sys.argv[2]), datetime(2026, 11, 30, 8, 5))
    print(len(steps))
""")

LEAVE_A_WAL = textwrap.dedent("""
    import os, sqlite3, sys
    c = sqlite3.connect(sys.argv[1], isolation_level=None)
    c.execute("PRAGMA journal_mode = WAL")
    c.execute("PRAGMA wal_autocheckpoint = 0")
    c.execute("INSERT INTO setting VALUES ('in-the-wal', '1')")
    os._exit(0)  # a killed opsdesk: committed rows only in the -wal
""")


def office(folder):
    """A backup of 2000 rows; the database has 2501 (the last one only in its -wal)."""
    database = make_database(folder / "opsdesk.sqlite3")
    made = backup.make_backup(database, datetime(2026, 11, 29, 16, 0), backup.RotationPolicy())
    add_rows(database, 500, prefix="later")
    subprocess.run([sys.executable, "-c", LEAVE_A_WAL, str(database)], check=True)
    return database, made.path


def leftovers(folder):
    return sorted(
        p.name
        for p in folder.iterdir()
        if p.name.endswith((".restoring", ".restore-plan", ".partial"))
    )


def test_a_restore_killed_at_every_step_is_finished_or_rolled_back_at_the_next_start(tmp_path):
    outcomes = []
    for n in range(1, 60):
        folder = tmp_path / f"kill-{n}"
        folder.mkdir()
        database, source = office(folder)
        run = subprocess.run(
            [sys.executable, "-c", CHILD, str(source), str(database), str(n)],
            capture_output=True,
            text=True,
        )
        if run.returncode == 0:  # the restore ran through: every step has been tried
            assert int(run.stdout) == n - 1
            break
        assert run.returncode == 9, run.stderr
        assert database.exists() or backup.restore_pending(database)  # never "new office"
        open_database(f"sqlite:///{database}").dispose()
        assert leftovers(folder) == []
        assert integrity(database) == ["ok"]
        rows = count_rows(database)
        kept = [p for p in folder.iterdir() if p.name.endswith(".replaced-20261130-080500")]
        if rows == 2000:  # restored: the previous database kept whole, with its -wal
            assert len(kept) == 1 and count_rows(kept[0]) == 2501
            outcomes.append("finished")
        else:  # rolled back: the previous database, whole, and nothing kept aside
            assert rows == 2501 and kept == []
            outcomes.append("rolled back")
    else:
        pytest.fail("the restore never finished")
    assert len(outcomes) >= 8  # each step between two file operations was a crash point
    assert "finished" in outcomes and "rolled back" in outcomes
    print(  # the proof figure of the README's safety section (pytest -s shows it)
        f"\nrestore killed at each of its {len(outcomes)} steps: "
        f"{outcomes.count('finished')} finished, {outcomes.count('rolled back')} rolled back, "
        "0 lost"
    )
