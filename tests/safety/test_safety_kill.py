"""Crash safety, proved: opsdesk's services write in a subprocess that is SIGKILLed at random
moments, again and again; every write it reported as done is in the database afterwards and
``PRAGMA integrity_check`` is ok.

OPSDESK_KILLS sets the number of kills (default 50)."""

import os
import random
import sys
import time

import pytest
from safety.processes import Worker, prepare_office
from safety.workload import reported, verify

KILLS = int(os.environ.get("OPSDESK_KILLS", "50"))


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL semantics of POSIX")
def test_every_reported_write_survives_a_kill(tmp_path):
    database = tmp_path / "opsdesk.sqlite3"
    prepare_office(database)
    rng = random.Random(20261130)
    done: list[tuple[str, str]] = []
    writes_per_round = []
    for round_number in range(KILLS):
        worker = Worker("write", database, f"r{round_number}")
        worker.wait_ready()
        # writing already (on a loaded machine its first write can take most of the window):
        # then kill it, somewhere in some write
        worker.wait_for("ok ")
        time.sleep(rng.uniform(0.02, 0.6))
        worker.kill()
        assert worker.process.returncode == -9
        errors = [line for line in worker.lines if line.startswith("error")]
        assert errors == []
        this_round = reported(worker.lines)
        writes_per_round.append(len(this_round))
        done += this_round
        problems = verify(database, done)
        assert problems == [], f"after kill {round_number + 1}: {problems[:10]}"
    kinds = {kind for kind, _key in done}
    assert kinds >= {"client", "visit", "case", "move", "session"}
    assert sum(1 for n in writes_per_round if n) >= KILLS // 2  # kills while writing
    # the proof figure of the README's safety section (pytest -s shows it)
    print(f"\nkill -9 during writes: {KILLS} kills, {len(done)} acknowledged writes, 0 lost")
