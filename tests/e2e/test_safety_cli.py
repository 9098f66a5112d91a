"""``opsdesk backup`` and ``opsdesk restore`` as an administrator runs them: Polish messages,
exit 2 for bad usage or a bad file, never a traceback."""

import subprocess
import sys

import cli_runs
import pytest
from safety.damage import damage_middle
from safety.databases import add_rows, count_rows, make_database, set_revision

from opsdesk.storage import backup


def run_cli(*args, data_dir, env_extra=None):
    result = cli_runs.run_cli(*args, data_dir=data_dir, env_extra=env_extra, timeout=120)
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.fixture
def data(tmp_path):
    folder = tmp_path / "office"
    make_database(folder / "opsdesk.sqlite3", rows=300)
    return folder


def test_backup_into_the_backup_folder(data):
    result = run_cli("backup", data_dir=data)
    assert result.returncode == 0, result.stderr
    [made] = backup.list_backups(data / "backups")
    assert result.stdout.startswith("Kopia zapasowa zapisana: ")
    assert str(made.path) in result.stdout and "kB)" in result.stdout
    assert backup.verify_backup(made.path).ok


def test_backup_to_a_chosen_file_or_folder(data, tmp_path):
    target = tmp_path / "pendrive" / "kopia.sqlite3"
    assert run_cli("backup", "--out", str(target), data_dir=data).returncode == 0
    assert count_rows(target) == 300
    again = run_cli("backup", "--out", str(target), data_dir=data)
    assert again.returncode == 2 and "już istnieje" in again.stderr
    folder = run_cli("backup", "--out", str(target.parent), data_dir=data)
    assert folder.returncode == 0
    assert len(backup.list_backups(target.parent)) == 1


def test_backup_of_a_damaged_database_is_refused(data):
    damage_middle(data / "opsdesk.sqlite3")
    result = run_cli("backup", data_dir=data)
    assert result.returncode == 1
    assert "uszkodzona" in result.stderr and "opsdesk restore" in result.stderr
    assert backup.list_backups(data / "backups") == []


def test_backup_without_a_database(tmp_path):
    result = run_cli("backup", data_dir=tmp_path / "empty")
    assert result.returncode == 2 and "nie ma bazy danych" in result.stderr


@pytest.mark.parametrize("command", [["backup"], ["restore", "x.sqlite3"]])
def test_a_server_that_does_not_answer_is_named(tmp_path, command):
    result = run_cli(
        *command,
        data_dir=tmp_path,
        env_extra={"OPSDESK_DATABASE_URL": f"postgresql+psycopg://u@/o?host={tmp_path}&port=1"},
    )
    assert result.returncode == 2
    assert f"Serwer {tmp_path}/o nie wpuścił opsdesk" in result.stderr


def test_restore_keeps_the_replaced_database(data, tmp_path):
    copy = tmp_path / "kopia.sqlite3"
    run_cli("backup", "--out", str(copy), data_dir=data)
    add_rows(data / "opsdesk.sqlite3", 50, prefix="later")
    result = run_cli("restore", str(copy), data_dir=data)
    assert result.returncode == 0, result.stderr
    assert f"Przywrócono bazę danych z pliku {copy}." in result.stdout
    replaced = [
        p
        for p in data.iterdir()
        if ".replaced-" in p.name and not p.name.endswith(("-wal", "-shm"))
    ]
    assert len(replaced) == 1 and f"zachowano jako {replaced[0]}" in result.stdout
    assert count_rows(data / "opsdesk.sqlite3") == 300
    assert count_rows(replaced[0]) == 350
    check = run_cli("check", data_dir=data)
    assert check.returncode == 0, check.stdout
    audit = count_rows(data / "opsdesk.sqlite3", "audit_entry WHERE action = 'restore'")
    assert audit == 1


@pytest.mark.parametrize("spoil", ["missing", "garbage", "damaged", "newer"])
def test_restore_refuses_a_bad_file_and_changes_nothing(data, tmp_path, spoil):
    database = data / "opsdesk.sqlite3"
    bad = tmp_path / "zly.sqlite3"
    if spoil == "garbage":
        bad.write_text("lista obecności, nie baza")
    elif spoil in ("damaged", "newer"):
        run_cli("backup", "--out", str(bad), data_dir=data)
        damage_middle(bad) if spoil == "damaged" else set_revision(bad, "0200_future")
    before = database.read_bytes()
    result = run_cli("restore", str(bad), data_dir=data)
    assert result.returncode == 2
    expected = {
        "missing": "nie istnieje",
        "garbage": "nie jest czytelną kopią",
        "damaged": "zly.sqlite3",
        "newer": "nowsza wersja opsdesk",
    }[spoil]
    assert expected in result.stderr
    assert database.read_bytes() == before
    assert not [p for p in data.iterdir() if ".replaced-" in p.name]


def test_restore_refuses_while_opsdesk_has_the_database_open(data, tmp_path):
    copy = tmp_path / "kopia.sqlite3"
    run_cli("backup", "--out", str(copy), data_dir=data)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                "import sys; from opsdesk.storage.opening import open_database\n"
                f"db = open_database('sqlite:///{data / 'opsdesk.sqlite3'}')\n"
                "db.engine.connect().exec_driver_sql('SELECT 1').all()\n"
                "print('open', flush=True); sys.stdin.read()"
            ),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        result = run_cli("restore", str(copy), data_dir=data)
    finally:
        holder.communicate("")
    assert result.returncode == 1
    assert "Zamknij wszystkie programy opsdesk" in result.stderr


def test_help_lists_backup_and_restore(tmp_path):
    result = run_cli("--help", data_dir=tmp_path)
    assert "backup" in result.stdout and "restore" in result.stdout
    assert "zastąp bazę danych kopią zapasową" in result.stdout
    usage = run_cli("restore", data_dir=tmp_path)  # no FILE
    assert usage.returncode == 2 and "błąd" in usage.stderr


@pytest.mark.postgresql
def test_the_office_moves_to_the_server_and_another_pc_joins_it(data, tmp_path, postgresql_url):
    env = {"PGPASSFILE": str(tmp_path / "pgpass")}  # never the real user's password file
    before = (data / "opsdesk.sqlite3").read_bytes()

    moved = run_cli("migrate-to", postgresql_url, data_dir=data, env_extra=env)

    assert moved.returncode == 0, moved.stderr
    assert "Ośrodek przeniesiono na serwer" in moved.stdout
    assert "Skopiowano 100%" in moved.stderr
    assert (data / "opsdesk.sqlite3").read_bytes() == before  # the file is left as it was
    on_server = run_cli("check", data_dir=data, env_extra=env)  # this PC now uses the server
    assert on_server.returncode == 0, on_server.stdout + on_server.stderr
    assert "Numeracja identyfikatorów: w porządku." in on_server.stdout

    second_pc = tmp_path / "drugi-komputer"
    joined = run_cli("join-server", postgresql_url, data_dir=second_pc, env_extra=env)
    assert joined.returncode == 0, joined.stderr
    assert "Ten komputer korzysta teraz z serwera" in joined.stdout
    assert run_cli("check", data_dir=second_pc, env_extra=env).returncode == 0

    # the server office is backed up into an opsdesk file on this PC, and restored from it
    saved = run_cli("backup", data_dir=second_pc, env_extra=env)
    assert saved.returncode == 0, saved.stderr
    (copy,) = backup.list_backups(second_pc / "backups")
    assert backup.verify_backup(copy.path).ok
    assert count_rows(copy.path) == count_rows(data / "opsdesk.sqlite3")
    restored = run_cli("restore", str(copy.path), data_dir=second_pc, env_extra=env)
    assert restored.returncode == 0, restored.stderr
    assert "Poprzednie dane serwera zachowano" in restored.stdout

    again = run_cli("migrate-to", postgresql_url, data_dir=data, env_extra=env)
    assert again.returncode == 2
    assert "zawiera już ośrodek" in again.stderr


def test_a_server_that_does_not_answer_is_not_stored(tmp_path):
    folder = tmp_path / "komputer"
    result = run_cli(
        "join-server", f"postgresql://ops@/opsdesk?host={tmp_path}&port=1", data_dir=folder
    )
    assert result.returncode == 2
    assert "nie wpuścił opsdesk" in result.stderr
    assert "server_url" not in (
        (folder / "settings.json").read_text() if (folder / "settings.json").exists() else ""
    )
    refused = run_cli("migrate-to", "mysql://ops@serwer/opsdesk", data_dir=folder)
    assert refused.returncode == 2
    assert "tylko na serwerze PostgreSQL" in refused.stderr


def _without_version(path):
    import sqlite3

    connection = sqlite3.connect(path)
    with connection:
        connection.execute("DROP TABLE alembic_version")
    connection.close()


def _junk(path):
    path.write_bytes(bytes(range(256)) * 80)


@pytest.mark.sqlite_only(reason="damages and reads back the SQLite file itself")
@pytest.mark.parametrize("spoil", [damage_middle, _without_version, _junk])
@pytest.mark.parametrize(
    "command",
    [
        ("demo", "--no-gui"),
        ("report", "gdpr", "--client", "1", "--out", "raport.pdf"),
    ],
)
def test_demo_and_report_refuse_a_damaged_or_unversioned_file_untouched(
    data, tmp_path, spoil, command
):
    """Issue 19, item 9: a Polish message and exit 2, never a traceback; the file unchanged."""
    import hashlib

    database = data / "opsdesk.sqlite3"
    spoil(database)
    before = hashlib.sha256(database.read_bytes()).hexdigest()
    result = run_cli(*command, data_dir=data)
    assert result.returncode == 2, (result.stdout, result.stderr)
    message = result.stderr[result.stderr.index("opsdesk: ") :]
    assert any(word in message for word in ("uszkodzony", "nie jest bazą opsdesk")), message
    assert hashlib.sha256(database.read_bytes()).hexdigest() == before
    assert not (tmp_path / "raport.pdf").exists()


def test_an_office_of_a_newer_opsdesk_is_not_moved_to_a_server(data):
    set_revision(data / "opsdesk.sqlite3", "0200_future")
    before = (data / "opsdesk.sqlite3").read_bytes()
    result = run_cli("migrate-to", "postgresql://ops@serwer/opsdesk", data_dir=data)
    assert result.returncode == 2
    assert "nowszą wersję opsdesk" in result.stderr
    assert (data / "opsdesk.sqlite3").read_bytes() == before
