"""What a per-machine Windows installation changes in the app: the data folder and database
named by ``opsdesk-machine.ini`` next to the executable, the running mark the installer waits
for. (The installer itself is tested under Wine by .ci/windows.)"""

import sys

import pytest

from opsdesk import paths, running_mark


def write_ini(folder, text):
    (folder / paths.MACHINE_CONFIG).write_text(text, encoding="utf-8")


def test_machine_ini_names_the_shared_data_folder_and_server(tmp_path, monkeypatch):
    monkeypatch.delenv("OPSDESK_DATA_DIR", raising=False)
    monkeypatch.delenv("OPSDESK_DATABASE_URL", raising=False)
    monkeypatch.setenv("PROGRAMDATA", str(tmp_path / "ProgramData"))
    write_ini(
        tmp_path,
        "\ufeff[opsdesk]\ndata_dir=$PROGRAMDATA/opsdesk\n"
        "database_url=postgresql+psycopg://ops@server/opsdesk\n",
    )
    machine = paths.read_machine_config(tmp_path)
    assert machine.data_dir == tmp_path / "ProgramData" / "opsdesk"
    resolved = paths.resolve_data_paths(machine=machine)
    assert resolved.root == tmp_path / "ProgramData" / "opsdesk"
    assert resolved.database_url() == "postgresql+psycopg://ops@server/opsdesk"


def test_command_line_and_environment_win_over_the_machine_ini(tmp_path, monkeypatch):
    monkeypatch.delenv("OPSDESK_DATABASE_URL", raising=False)
    machine = paths.MachineConfig(tmp_path / "shared", None)
    monkeypatch.setenv("OPSDESK_DATA_DIR", str(tmp_path / "env"))
    assert paths.resolve_data_paths(machine=machine).root == tmp_path / "env"
    assert paths.resolve_data_paths(tmp_path / "cli", machine=machine).root == tmp_path / "cli"
    monkeypatch.setenv("OPSDESK_DATABASE_URL", "sqlite:///elsewhere.sqlite3")
    machine = paths.MachineConfig(None, "postgresql+psycopg://ops@server/opsdesk")
    assert paths.resolve_data_paths(machine=machine).database_url() == "sqlite:///elsewhere.sqlite3"


def test_sqlite_file_in_the_data_folder_without_a_server(tmp_path, monkeypatch):
    monkeypatch.delenv("OPSDESK_DATA_DIR", raising=False)
    monkeypatch.delenv("OPSDESK_DATABASE_URL", raising=False)
    write_ini(tmp_path, "[opsdesk]\ndata_dir=" + str(tmp_path / "data") + "\ndatabase_url=\n")
    resolved = paths.resolve_data_paths(machine=paths.read_machine_config(tmp_path))
    assert resolved.database_url() == f"sqlite:///{(tmp_path / 'data').resolve()}/opsdesk.sqlite3"


@pytest.mark.parametrize(
    "text", [None, "", "not an ini", "[other]\ndata_dir=x\n", "[opsdesk\n", b"\xff\xfe\x00garbage"]
)
def test_missing_or_unreadable_ini_changes_nothing(tmp_path, text):
    if isinstance(text, bytes):
        (tmp_path / paths.MACHINE_CONFIG).write_bytes(text)
    elif text is not None:
        write_ini(tmp_path, text)
    assert paths.read_machine_config(tmp_path) == paths.MachineConfig()


def test_machine_ini_is_read_only_in_a_frozen_build(tmp_path, monkeypatch):
    write_ini(tmp_path, "[opsdesk]\ndata_dir=" + str(tmp_path / "data") + "\n")
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert paths.install_folder() is None
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "opsdesk.exe"))
    assert paths.install_folder() == tmp_path.resolve()
    monkeypatch.delenv("OPSDESK_DATA_DIR", raising=False)
    assert paths.resolve_data_paths().root == tmp_path / "data"


def test_running_mark_is_windows_only():
    assert running_mark.mutex_names() == ("Local\\opsdesk-running", "Global\\opsdesk-running")
    if sys.platform != "win32":
        assert running_mark.hold_running_mark() is False


def test_an_ini_in_the_windows_ansi_code_page_keeps_its_polish_letters(tmp_path, monkeypatch):
    """NSIS's WriteINIStr writes the ANSI code page (cp1250 on a Polish Windows), not UTF-8."""
    monkeypatch.setattr(paths.locale, "getencoding", lambda: "cp1250")
    folder = "C:\\Dane Ośrodka\\opsdesk"
    server = "postgresql+psycopg://ops:żółw@serwer/opsdesk"
    (tmp_path / paths.MACHINE_CONFIG).write_bytes(
        f"[opsdesk]\ndata_dir={folder}\ndatabase_url={server}\n".encode("cp1250")
    )
    machine = paths.read_machine_config(tmp_path)
    assert (str(machine.data_dir), machine.database_url) == (folder, server)
