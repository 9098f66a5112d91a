"""Restores cut off at random, proved: a process restoring two backups over the office's file
in turn is SIGKILLed at random moments, again and again. After each kill the next start
(``finish_interrupted_restore``, run before the database is opened) finishes or rolls back the
restore by itself, and the office's file is always one of the two backups whole — never
missing, never a mix, never a "new office". The same at every single step, by injected crash
points, is ``tests/storage/test_restore_crash_points.py``.

OPSDESK_KILLS sets the number of kills (default 50)."""

import os
import random
import shutil
import sys
import time

import pytest
from safety.databases import count_rows, integrity, make_database
from safety.processes import Worker

from opsdesk.storage import backup

KILLS = int(os.environ.get("OPSDESK_KILLS", "50"))


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL semantics of POSIX")
def test_a_restore_killed_at_any_moment_leaves_one_backup_whole(tmp_path):
    first = make_database(tmp_path / "kopie" / "pierwsza.sqlite3", rows=4_000)
    second = make_database(tmp_path / "kopie" / "druga.sqlite3", rows=6_000)
    rows = {4_000: "first", 6_000: "second"}
    database = tmp_path / "biuro" / "opsdesk.sqlite3"
    database.parent.mkdir()
    shutil.copyfile(first, database)
    rng = random.Random(20261205)
    outcomes = {"finished": 0, "rolled back": 0, None: 0}
    restored = 0
    for round_number in range(KILLS):
        worker = Worker("restore", database, first, second)
        worker.wait_ready()
        time.sleep(rng.uniform(0.01, 0.8))  # then kill it, somewhere in some restore
        worker.kill()
        assert worker.process.returncode == -9
        assert not [line for line in worker.lines if line.startswith("error")]
        restored += sum(1 for line in worker.lines if line.startswith("ok restore"))

        outcomes[backup.finish_interrupted_restore(database)] += 1  # the next start

        assert database.is_file(), f"no database after kill {round_number + 1}"
        assert integrity(database) == ["ok"]
        assert count_rows(database) in rows, f"a mix after kill {round_number + 1}"
        assert not backup.restore_pending(database)
        assert not any(database.parent.glob(f"*{backup.RESTORING}*"))
        for left in database.parent.glob("*.replaced-*"):  # kept aside by a cut-off restore
            left.unlink()
    assert outcomes["finished"] + outcomes["rolled back"] >= KILLS // 2  # most cut one off
    # the proof figure of the README's safety section (pytest -s shows it)
    print(
        f"\nkill -9 during restores: {KILLS} kills, {restored} restores completed; at the next "
        f"start {outcomes['finished']} finished, {outcomes['rolled back']} rolled back, "
        f"{outcomes[None]} had nothing to do; the file always one backup whole, 0 lost"
    )
