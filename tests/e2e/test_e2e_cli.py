"""The ``opsdesk`` command as a user runs it: a subprocess with its own data folder."""

import os
import queue
import subprocess
import sys
import threading
import time

import pytest
from cli_runs import run_cli
from databases import opsdesk_env

from opsdesk import __version__


def test_version():
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"opsdesk {__version__}"


def test_help_is_polish_and_lists_the_commands():
    result = run_cli("--help")
    assert result.returncode == 0
    assert "ośrodka pomocy społecznej" in result.stdout
    assert result.stdout.startswith("użycie: opsdesk")
    assert "opcje:" in result.stdout and "pokaż tę pomoc i zakończ" in result.stdout
    for word in ("usage", "options", "show this help"):
        assert word not in result.stdout
    for command, help_text in (
        ("demo", "ośrodek demonstracyjny"),
        ("check", "sprawdź bazę"),
        ("backup", "kopię zapasową"),
        ("restore", "zastąp bazę"),
        ("report", "wydrukuj dokument"),
    ):
        assert command in result.stdout and help_text in result.stdout


@pytest.mark.parametrize(
    "command, description",
    [
        ("demo", "Tworzy fikcyjny ośrodek"),
        ("check", "Sprawdza spójność bazy"),
        ("backup", "sprawdzoną kopię"),
        ("restore", "zastępuje nim bazę"),
        ("report", "pliku PDF"),
    ],
)
def test_each_command_explains_itself_in_polish(command, description):
    result = run_cli(command, "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"użycie: opsdesk {command}")
    assert description in " ".join(result.stdout.split())


def test_usage_error_exits_2_without_a_traceback():
    result = run_cli("no-such-command")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "błąd" in result.stderr and "nieprawidłowy wybór" in result.stderr


def test_missing_arguments_are_named_in_polish():
    result = run_cli("report", "hours", "--out", "x.pdf")
    assert result.returncode == 2
    assert "brakuje wymaganych argumentów: --contract, --month" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.sqlite_only(reason="a data folder without its SQLite file")
def test_check_without_a_database_exits_2(tmp_path):
    result = run_cli("check", data_dir=tmp_path / "empty")
    assert result.returncode == 2
    assert "nie ma bazy danych" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.sqlite_only(reason="damages the SQLite file's pages")
def test_check_on_a_sound_and_a_damaged_database(tmp_path):
    from opsdesk.storage.opening import open_database

    data = tmp_path / "office"
    data.mkdir()
    open_database(f"sqlite:///{data}/opsdesk.sqlite3").dispose()
    sound = run_cli("check", data_dir=data)
    assert sound.returncode == 0, sound.stdout + sound.stderr
    assert "Spójność bazy: w porządku." in sound.stdout
    assert "(aktualna)" in sound.stdout

    database = data / "opsdesk.sqlite3"
    raw = bytearray(database.read_bytes())
    raw[100:4096] = os.urandom(3996)  # destroy the schema page
    database.write_bytes(bytes(raw))
    damaged = run_cli("check", data_dir=data)
    assert damaged.returncode == 1
    assert "Baza danych ma problemy." in damaged.stdout
    assert "Traceback" not in damaged.stderr


@pytest.mark.sqlite_only(reason="a SQLite file in the data folder given after the subcommand")
def test_global_options_work_after_the_subcommand_too(tmp_path):
    """As the README shows it: ``opsdesk check --data-dir DIR``."""
    from opsdesk.storage.opening import open_database

    data = tmp_path / "office"
    data.mkdir()
    open_database(f"sqlite:///{data}/opsdesk.sqlite3").dispose()
    after = run_cli("check", "--data-dir", str(data))
    assert after.returncode == 0, after.stdout + after.stderr
    assert "Spójność bazy: w porządku." in after.stdout
    equals = run_cli("check", f"--data-dir={data}")
    assert equals.returncode == 0, equals.stdout + equals.stderr
    missing = run_cli("backup", "--data-dir", str(tmp_path / "empty"))
    assert missing.returncode == 2 and "nie ma bazy danych" in missing.stderr


def test_the_gui_starts_and_shows_the_first_run_window(tmp_path, db):
    """The real application, offscreen, in a new data folder: it reaches its first window and
    keeps running. On a server office the (empty) database is opened first, behind the login
    window, and found without an office."""
    process = start_app(db, tmp_path / "new")
    try:
        events, output = traces_until(process, "first-run-window")
        expected = (
            ["first-run-window"]
            if db.is_sqlite
            else ["login-window", "database-open", "first-run-window"]
        )
        assert milestones(events) == expected, output
        assert process.poll() is None  # still running, waiting for the user
    finally:
        process.kill()
        process.wait()
    assert (tmp_path / "new" / "logs").is_dir()


@pytest.mark.sqlite_only(reason="a data folder without its SQLite file")
@pytest.mark.parametrize("variable", ["OPSDESK_DATA_DIR"])
def test_data_dir_from_the_environment(tmp_path, variable):
    result = run_cli("check", env_extra={variable: str(tmp_path / "elsewhere")})
    assert result.returncode == 2
    assert str(tmp_path / "elsewhere") in result.stderr


def traces_until(
    process: subprocess.Popen, last: str, timeout: float = 60
) -> tuple[list[str], str]:
    """The start-up milestones the app prints up to ``last`` (or the timeout, or its end),
    and everything it printed meanwhile (to show when a test fails)."""
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(
        target=lambda: [lines.put(line) for line in process.stderr], daemon=True
    ).start()
    events: list[str] = []
    output = ""
    deadline = time.monotonic() + timeout
    while last not in events and "warm-up-failed" not in events and time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.2)
        except queue.Empty:
            if process.poll() is not None:
                break
            continue
        output += line
        if line.startswith("opsdesk-trace"):
            events.append(line.split()[1])
    return events, output


def start_app(db, data_dir) -> subprocess.Popen:
    """The real application on ``db``'s office, offscreen, printing its start-up milestones;
    a crash prints where each thread was."""
    db.dispose()
    env = opsdesk_env(db.url, OPSDESK_TRACE_STARTUP="1", PYTHONFAULTHANDLER="1")
    return subprocess.Popen(
        [sys.executable, "-m", "opsdesk", "--data-dir", str(data_dir)],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def milestones(events: list[str]) -> list[str]:
    """The start-up's steps a person would notice; the Qt types are made between them at
    whichever moment the GUI thread is free first."""
    return [event for event in events if event != "qt-types"]


def test_the_main_window_is_prepared_while_the_login_window_waits(office, db, tmp_path):
    """The real application on a set-up office: the login window comes first, then the
    database opens and the main window's code is loaded in the background, and the window keeps
    waiting for the password (nothing imported off the GUI thread may break it)."""
    process = start_app(db, tmp_path)
    try:
        # generous: on a 2-core CI machine this runs beside the Windows build
        events, output = traces_until(process, "warmed-up", timeout=240)
        logs = "".join(log.read_text() for log in (tmp_path / "logs").glob("*.log"))
        ended = process.poll()
        assert milestones(events) == ["login-window", "database-open", "warmed-up"], (
            f"exit code {ended}\n{output}{logs}"
        )
        # every Qt type is made on the GUI thread before the workers import the windows
        assert events.index("qt-types") < events.index("warmed-up"), output
        time.sleep(0.5)
        assert process.poll() is None  # still waiting for the password
    finally:
        process.kill()
        process.wait()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_a_crash_below_python_leaves_where_each_thread_was_in_the_logs_folder(office, db, tmp_path):
    """Qt or a driver failing kills the process before Python can log a word: the logs folder
    still says where every thread was (what the office sends to whoever looks after opsdesk)."""
    import signal

    process = start_app(db, tmp_path)
    try:
        events, output = traces_until(process, "login-window")
        assert events == ["login-window"], output
        process.send_signal(signal.SIGSEGV)  # what a crash in Qt's code raises
        assert process.wait(timeout=60) == -signal.SIGSEGV
    finally:
        process.kill()
        process.wait()
    fatal = (tmp_path / "logs" / "opsdesk-fatal.log").read_text(encoding="utf-8")
    assert "Fatal Python error: Segmentation fault" in fatal
    assert "Current thread" in fatal or "Thread 0x" in fatal
    assert 'File "' in fatal  # the Python frames: opsdesk's own lines among them
    assert "opsdesk" in fatal


def test_check_on_a_server_office_names_keys_sequences_and_version(db):
    """``opsdesk check`` on the office's database, a file or the server's: sound at first;
    on a server, a foreign key left unvalidated is a problem named by its table."""
    from sqlalchemy import text

    db.dispose()
    result = run_cli(
        "check",
        data_dir=db.sqlite_path.parent if db.is_sqlite else "/nonexistent",
        url=db.url,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Powiązania: w porządku." in result.stdout
    assert "(aktualna)" in result.stdout
    if db.is_sqlite:
        return
    assert "Numeracja identyfikatorów: w porządku." in result.stdout
    assert "Powiadomienia o zmianach dla innych komputerów: w porządku." in result.stdout
    with db.engine.begin() as connection:
        connection.execute(text("ALTER TABLE visit DROP CONSTRAINT fk_visit_client_id_client"))
        connection.execute(
            text(
                "ALTER TABLE visit ADD CONSTRAINT fk_visit_client_id_client "
                "FOREIGN KEY (client_id) REFERENCES client (id) NOT VALID"
            )
        )
    db.dispose()
    broken = run_cli("check", url=db.url)
    assert broken.returncode == 1
    assert "visit: fk_visit_client_id_client" in broken.stdout


def test_the_data_folder_after_a_report_kind_is_taken_too(tmp_path):
    """``opsdesk report hours … --data-dir DIR``: the folder is read (no database there, so
    exit 2 saying so), never refused as an unknown argument."""
    from opsdesk.cli import build_parser

    args = build_parser("report").parse_args(
        ["report", "hours", "--contract", "1", "--month", "2026-03", "--out", "x.pdf"]
        + ["--data-dir", str(tmp_path)]
    )
    assert (args.document, args.data_dir) == ("hours", str(tmp_path))
    before = build_parser("report").parse_args(
        ["--data-dir", "A", "report", "gdpr", "--client", "K-000001", "--out", "x.pdf"]
    )
    assert before.data_dir == "A"  # not overwritten when not given after the kind
    empty = tmp_path / "empty"
    result = run_cli(
        "report",
        "hours",
        "--contract",
        "1",
        "--month",
        "2026-03",
        "--out",
        "x.pdf",
        "--data-dir",
        str(empty),
    )
    assert result.returncode == 2
    assert "nie ma bazy danych" in result.stderr and "unrecognized" not in result.stderr
