"""Running the workload in other processes and collecting what they report."""

import subprocess
import sys
import threading
import time
from pathlib import Path

WORKLOAD = Path(__file__).resolve().with_name("workload.py")


def prepare_office(database: Path | str) -> None:
    subprocess.run(
        [sys.executable, str(WORKLOAD), "prepare", str(database)], check=True, timeout=120
    )


class Worker:
    """``workload.py`` in a subprocess; its stdout lines are collected as they come."""

    def __init__(self, *args: str):
        self.process = subprocess.Popen(
            [sys.executable, str(WORKLOAD), *map(str, args)],
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        self.lines: list[str] = []
        self.ready = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line)
            if line == "ready\n":
                self.ready.set()
        self.ready.set()  # ended before being ready: wait_ready() then fails

    def wait_ready(self, timeout: float = 120) -> None:
        assert self.ready.wait(timeout), "the workload did not start"
        assert self.lines and self.lines[0] == "ready\n", "".join(self.lines)

    def wait_for(self, start: str, timeout: float = 60) -> None:
        """Until the workload has printed a line beginning with ``start``."""
        until = time.monotonic() + timeout
        while not any(line.startswith(start) for line in self.lines):
            assert self.process.poll() is None, "".join(self.lines)
            assert time.monotonic() < until, f"no {start!r} line: {''.join(self.lines)}"
            time.sleep(0.005)

    def kill(self) -> None:
        self.process.kill()  # SIGKILL: no clean-up, no flush, no atexit
        self.finish()

    def finish(self, timeout: float | None = None) -> int:
        code = self.process.wait(timeout)
        self._reader.join()
        return code
