"""The ``opsdesk`` command run as a user runs it (``python -m opsdesk`` in a subprocess), for
the end-to-end tests of the command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from databases import opsdesk_env


def run_cli(
    *args: str,
    data_dir: Path | str | None = None,
    url: str | None = None,
    env_extra: dict[str, str] | None = None,
    timeout: float = 60,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """``opsdesk [--data-dir DATA_DIR] ARGS…``; its environment is ``opsdesk_env(url)`` (on
    the office's server when ``url`` is one) with ``env_extra`` on top."""
    command = [sys.executable, "-m", "opsdesk"]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    return subprocess.run(
        [*command, *args],
        capture_output=True,
        text=True,
        env=opsdesk_env(url, **(env_extra or {})),
        timeout=timeout,
        cwd=cwd,
    )


class ReportCommand:
    """``opsdesk --data-dir DATA_DIR report ARGS…`` on one office (its database at ``url``),
    run in the folder ``out`` (made here), where relative ``--out`` files land."""

    def __init__(self, data_dir: Path, url: str):
        self.data_dir, self.url = data_dir, url
        self.out = data_dir / "out"
        self.out.mkdir()

    def __call__(self, *args: str) -> subprocess.CompletedProcess[str]:
        return run_cli(
            "report", *args, data_dir=self.data_dir, url=self.url, timeout=120, cwd=self.out
        )
