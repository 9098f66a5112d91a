"""Start-up time of opsdesk, as ratios to a bare PySide6 QMainWindow started the same way.

Each measurement is a fresh process, timed from spawn until it reports its first window:
  baseline     python -c "...QMainWindow().show()..."
  login        python -m opsdesk --data-dir DEMO         (the login window appears)
  main window  a driver that runs the same start-up and logs in as soon as it can
Beside them, what a person waits for after pressing Enter in the login window when they
took a while to type the password (the driver submits it TYPING_S after the login window):
the time from Enter to the main window, in the same process.
Median of N runs each, interleaved. Then one ``-X importtime`` run lists which heavy
libraries were imported before the login window.

opsdesk's bytecode is compiled first, as an installed copy has it (pip compiles a wheel on
install; the PyInstaller build carries .pyc files): with PYTHONDONTWRITEBYTECODE set, as on
this machine, a source checkout would otherwise be compiled anew at every start.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASELINE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.show()
print("opsdesk-trace window 0", file=sys.stderr, flush=True)
QTimer.singleShot(0, app.quit)
app.exec()
"""

_DRIVER_IMPORTS = """
import sys
import time
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from opsdesk.i18n import set_language
from opsdesk.paths import DataPaths
from opsdesk.settings import LocalSettings
from opsdesk.ui import app as ui_app
"""

_DRIVER_RUN = """
paths = DataPaths(Path(sys.argv[1]))
settings = LocalSettings.load(paths.settings)
set_language(settings.language)
application = QApplication(sys.argv[:1])
ui_app.install_qt_translator(application, settings.language)
driver = Driver(paths, settings)
driver.start()
application.exec()
"""

MAIN_WINDOW_DRIVER = (
    _DRIVER_IMPORTS
    + """
class Driver(ui_app.Application):
    def _database_opened(self, result):
        super()._database_opened(result)
        self._login(sys.argv[2], sys.argv[3])

    def open_main_window(self, actor):
        super().open_main_window(actor)
        print("opsdesk-trace window 0", file=sys.stderr, flush=True)
        QApplication.instance().quit()
"""
    + _DRIVER_RUN
)

TYPING_S = 1.5  # a 10-character password and Enter, typed briskly

# The person starts typing when the login window appears and presses Enter TYPING_S later
# (argv[4]); should the database still be opening then, the login waits for it, as the app's
# own login button does.
TYPED_LOGIN_DRIVER = (
    _DRIVER_IMPORTS
    + """
class Driver(ui_app.Application):
    entered = None

    def show_login(self):
        super().show_login()
        QTimer.singleShot(int(float(sys.argv[4]) * 1000), self._enter)

    def _enter(self):
        self.entered = time.perf_counter()
        if self.services is not None:
            self._login(sys.argv[2], sys.argv[3])

    def _database_opened(self, result):
        super()._database_opened(result)
        if self.entered is not None:
            self._login(sys.argv[2], sys.argv[3])

    def open_main_window(self, actor):
        super().open_main_window(actor)
        waited = time.perf_counter() - self.entered
        print(f"opsdesk-trace after-enter {waited}", file=sys.stderr, flush=True)
        QApplication.instance().quit()
"""
    + _DRIVER_RUN
)


def after_enter(command: list[str], env: dict) -> float:
    """Seconds from Enter to the main window, as the driver reports them."""
    output = subprocess.run(
        command,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env=env,
        check=True,
        timeout=60,
    ).stderr
    for line in output.splitlines():
        if line.startswith("opsdesk-trace after-enter"):
            return float(line.split()[-1])
    raise RuntimeError(f"{command} ended without reporting the main window:\n{output}")


def time_to_marker(command: list[str], marker: str, env: dict) -> float:
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env
    )
    try:
        for line in process.stderr:
            if marker in line:
                return time.perf_counter() - start
        raise RuntimeError(f"{command} ended without {marker!r}")
    finally:
        process.kill()
        process.wait()


def build_demo(data_dir: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "opsdesk", "--data-dir", str(data_dir), "demo", "--no-gui"],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def imports_before_login(data_dir: Path, env: dict) -> set[str]:
    process = subprocess.Popen(
        [sys.executable, "-X", "importtime", "-m", "opsdesk", "--data-dir", str(data_dir)],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    seen: set[str] = set()
    try:
        for line in process.stderr:
            if "opsdesk-trace login-window" in line:
                break
            if line.startswith("import time:"):
                module = line.rsplit("|", 1)[-1].strip()
                seen.add(module.split(".")[0])
    finally:
        process.kill()
        process.wait()
    return seen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", "--runs", type=int, default=7)
    args = parser.parse_args()
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        OPSDESK_TRACE_STARTUP="1",
    )
    env.pop("OPSDESK_DATABASE_URL", None)
    from opsdesk.demo.accounts import DEMO_ACCOUNTS

    manager = next(a for a in DEMO_ACCOUNTS if a.role == "manager")
    package = Path(__file__).resolve().parent.parent / "opsdesk"
    compileall.compile_dir(package, quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "demo"
        build_demo(data_dir)
        commands = {
            "bare QMainWindow": [sys.executable, "-c", BASELINE],
            "login window": [sys.executable, "-m", "opsdesk", "--data-dir", str(data_dir)],
            "main window": [
                sys.executable,
                "-c",
                MAIN_WINDOW_DRIVER,
                str(data_dir),
                manager.login,
                manager.password,
            ],
        }
        markers = {
            "bare QMainWindow": "opsdesk-trace window",
            "login window": "opsdesk-trace login-window",
            "main window": "opsdesk-trace window",
        }
        for name, command in commands.items():  # warm the file cache once
            time_to_marker(command, markers[name], env)
        samples: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                samples[name].append(time_to_marker(command, markers[name], env))
        typed = [
            sys.executable,
            "-c",
            TYPED_LOGIN_DRIVER,
            str(data_dir),
            manager.login,
            manager.password,
            str(TYPING_S),
        ]
        waits = [after_enter(typed, env) for _ in range(args.runs)]
        heavy = imports_before_login(data_dir, env)

    base = statistics.median(samples["bare QMainWindow"])
    targets = {"login window": 1.3, "main window": 2.5}
    print(f"{'':18} {'median s':>9} {'ratio':>7} {'target':>7}")
    print(f"{'bare QMainWindow':18} {base:9.3f} {1:7.2f}")
    failed = False
    for name, target in targets.items():
        median = statistics.median(samples[name])
        ratio = median / base
        failed |= ratio > target
        print(
            f"{name:18} {median:9.3f} {ratio:7.2f} {'≤' + str(target):>7}"
            f"  {'ok' if ratio <= target else 'OVER'}"
        )
    wait = statistics.median(waits)
    print(
        f"{'after Enter':18} {wait:9.3f} {wait / base:7.2f}"
        f"  (password typed in {TYPING_S} s: Enter to the main window)"
    )
    for library in ("reportlab", "alembic", "sqlalchemy"):
        print(f"{library} imported before the login window: {library in heavy}")
    failed |= bool({"reportlab", "alembic"} & heavy)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
