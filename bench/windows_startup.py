"""The Windows build under Wine: installer size, installed size, and the frozen app's time to
the login window as a ratio to a frozen bare PySide6 window (goal <= 1.3x), in one run.

    OPSDESK_WIN_KEEP=1 installer/build-windows      # once: keeps build/windows/prefix
    python bench/windows_startup.py [--runs 5] [--work build/windows]

Without a kept build it runs installer/build-windows itself (OPSDESK_WIN_KEEP=1). The bare
window is frozen the same way (the build's Windows CPython and PyInstaller under Wine, one
folder, console program so that it can report on stderr). opsdesk is timed through its console
companion opsdesk-cli.exe, which runs the very code of opsdesk.exe: with no command it starts
the window, and with OPSDESK_TRACE_STARTUP=1 reports "login-window" on stderr. Each run is a
fresh process, timed from spawn to that line, both kinds interleaved; medians are compared.
The office is set up first with ``opsdesk-cli smoke --first-run`` so the login window (not the
first-run form) comes up.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GOAL = 1.3

BARE = """\
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.show()
print("opsdesk-trace login-window 0", file=sys.stderr, flush=True)
QTimer.singleShot(0, app.quit)
app.exec()
"""


def wine_env(prefix: Path) -> dict[str, str]:
    env = dict(
        os.environ,
        WINEPREFIX=str(prefix),
        WINEDEBUG="-all",
        WINEDLLOVERRIDES="wbemprox=d;mscoree=d;mshtml=d",
        WINEQT_QPA_PLATFORM="offscreen",
        OPSDESK_TRACE_STARTUP="1",
    )
    for name in ("OPSDESK_DATA_DIR", "OPSDESK_DATABASE_URL"):
        env.pop(name, None)
    return env


def winpath(path: Path) -> str:
    return "Z:" + str(path).replace("/", "\\")


def time_to_window(command: list[str], env: dict[str, str], timeout: float = 120) -> float:
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        errors="replace",
    )
    try:
        assert process.stderr is not None
        deadline = start + timeout
        for line in process.stderr:
            if "opsdesk-trace login-window" in line:
                return time.perf_counter() - start
            if time.perf_counter() > deadline:
                break
        raise RuntimeError(f"no window from {command[1]} (exit {process.poll()})")
    finally:
        process.kill()
        process.wait()
        subprocess.run(["wineserver", "-w"], env=env, timeout=60)


def freeze_bare(work: Path, env: dict[str, str]) -> Path:
    folder = work / "bench-bare"
    exe = folder / "dist" / "bare" / "bare.exe"
    if exe.exists():
        return exe
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "bare.py").write_text(BARE, encoding="utf-8")
    command = [
        "wine",
        str(work / "python" / "python.exe"),
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--onedir",
        "--console",
        "--name",
        "bare",
        "--distpath",
        winpath(folder / "dist"),
        "--workpath",
        winpath(folder / "build"),
        "--specpath",
        winpath(folder),
        winpath(folder / "bare.py"),
    ]
    # a Windows python dies writing to a regular file: its output goes through a pipe
    result = subprocess.run(
        command,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        errors="replace",
    )
    if result.returncode != 0 or not exe.exists():
        sys.exit(f"freezing the bare window failed:\n{result.stdout[-3000:]}")
    return exe


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", type=Path, default=REPO / "build" / "windows")
    args = parser.parse_args()
    work = args.work.resolve()
    dist = REPO / "dist"
    if not (work / "prefix").is_dir() or not (dist / "opsdesk" / "opsdesk-cli.exe").exists():
        print("no kept build: running installer/build-windows (OPSDESK_WIN_KEEP=1)", flush=True)
        subprocess.run(
            [str(REPO / "installer" / "build-windows")],
            check=True,
            env=dict(os.environ, OPSDESK_WIN_KEEP="1", OPSDESK_WIN_WORK=str(work)),
        )
    env = wine_env(work / "prefix")
    setups = sorted(dist.glob("opsdesk-*-setup.exe"))
    setup_mb = setups[-1].stat().st_size / 1e6 if setups else float("nan")
    installed_mb = sum(f.stat().st_size for f in (dist / "opsdesk").rglob("*") if f.is_file()) / 1e6

    bare = freeze_bare(work, env)
    cli = dist / "opsdesk" / "opsdesk-cli.exe"
    data = work / "bench-data"
    shutil.rmtree(data, ignore_errors=True)
    smoke = subprocess.run(
        ["wine", str(cli), "--data-dir", winpath(data), "smoke", "--first-run"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        errors="replace",
    )
    if smoke.returncode != 0:
        sys.exit(f"the office could not be set up:\n{smoke.stdout}")

    kinds = {
        "bare PySide6 window": ["wine", str(bare)],
        "opsdesk login window": ["wine", str(cli), "--data-dir", winpath(data)],
    }
    for command in kinds.values():  # warm Wine's and the disk's caches once
        time_to_window(command, env)
    times: dict[str, list[float]] = {name: [] for name in kinds}
    for _ in range(args.runs):
        for name, command in kinds.items():
            times[name].append(time_to_window(command, env))
    medians = {name: statistics.median(values) for name, values in times.items()}
    ratio = medians["opsdesk login window"] / medians["bare PySide6 window"]

    print(f"installer size      {setup_mb:7.1f} MB  ({setups[-1].name if setups else '-'})")
    print(f"installed size      {installed_mb:7.1f} MB  (the one-folder build)")
    for name, values in times.items():
        print(
            f"{name:22} median {medians[name]:.2f} s  (runs: "
            + ", ".join(f"{v:.2f}" for v in values)
            + ")"
        )
    verdict = "meets" if ratio <= GOAL else "misses"
    print(f"ratio login / bare  {ratio:.2f}x  ({verdict} the goal <= {GOAL}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
