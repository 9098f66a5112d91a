"""Backups cut off, proved: a process backing the office up again and again is SIGKILLed at
random moments while another keeps writing. Every backup it reported is complete and
verified, no cut-off copy is ever listed or restorable as a backup, the office's file loses
nothing, and what a cut-off backup left behind is cleared by a later one.

OPSDESK_KILLS sets the number of kills (default 50)."""

import os
import random
import sys
import time

import pytest
from safety.databases import add_rows
from safety.processes import Worker, prepare_office
from safety.workload import reported, verify

from opsdesk.storage import backup

KILLS = int(os.environ.get("OPSDESK_KILLS", "50"))
PAD_ROWS = 40_000  # ~8 MB, so that a backup takes long enough to be cut off in the middle


def _partials(folder):
    return sorted(p.name for p in folder.glob(f".*{backup.PARTIAL_SUFFIX}*"))


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL semantics of POSIX")
def test_a_backup_killed_at_any_moment_leaves_only_whole_backups(tmp_path):
    database = tmp_path / "opsdesk.sqlite3"
    prepare_office(database)
    add_rows(database, PAD_ROWS, prefix="pad")
    folder = backup.backup_folder(database)
    rng = random.Random(20261205)
    writer = Worker("write", database, "beside-backups")
    writer.wait_ready()
    reported_backups: list[str] = []
    cut_off = left_before = 0
    try:
        for round_number in range(KILLS):
            worker = Worker("backup", database, folder)
            worker.wait_ready()
            time.sleep(rng.uniform(0.01, 0.5))  # then kill it, somewhere in some backup
            worker.kill()
            assert worker.process.returncode == -9
            reported_backups += [key for kind, key in reported(worker.lines) if kind == "backup"]
            partials = _partials(folder)
            cut_off += len(partials) > left_before  # this kill cut a copy off
            left_before = len(partials)
            listed = backup.list_backups(folder)
            names = {b.path.name for b in listed}
            assert set(reported_backups) <= names, f"after kill {round_number + 1}"
            # at most the one renamed just before the kill went unreported; none is partial
            assert len(names - set(reported_backups)) <= round_number + 1
            if listed:  # the newest listed backup is one that can be restored
                newest = backup.newest_good_backup(folder)
                assert newest is not None and newest.path == listed[0].path
        for listed_backup in backup.list_backups(folder):
            check = backup.verify_backup(listed_backup.path)
            assert check.ok, (listed_backup.path.name, check.problems)
    finally:
        writer.kill()
    assert writer.lines and not [line for line in writer.lines if line.startswith("error")]
    done = [(kind, key) for kind, key in reported(writer.lines) if kind != "backup"]
    assert verify(database, done) == []  # the office's file: whole, nothing lost
    assert cut_off >= KILLS // 2  # most kills landed in the middle of a copy

    # what the cut-off backups left is cleared by the next backup, once no longer written
    left = list(folder.glob(f".*{backup.PARTIAL_SUFFIX}*"))
    assert left
    for path in left:  # aged past the limit, from their own time (no clock read here)
        old = path.stat().st_mtime - backup.STALE_PARTIAL_SECONDS - 60
        os.utime(path, (old, old))
    backup.write_backup(
        database, backup.unique_target(folder, backup.list_backups(folder)[0].taken_at)
    )
    assert _partials(folder) == []
    # the proof figure of the README's safety section (pytest -s shows it)
    print(
        f"\nkill -9 during backups: {KILLS} kills ({cut_off} in the middle of a copy), "
        f"{len(reported_backups)} backups reported, all verified; "
        f"{len(done)} writes beside them, 0 lost"
    )
