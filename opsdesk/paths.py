"""Where opsdesk keeps its files: the database, backups, logs and the local settings.

Default: platformdirs' user data directory. ``--data-dir DIR`` or ``OPSDESK_DATA_DIR`` move
everything; ``OPSDESK_DATABASE_URL`` replaces only the database with any SQLAlchemy URL, and
so does the server this PC joined (``opsdesk join-server``, stored in the settings without its
password: ``opsdesk.server_link``).

A per-machine Windows installation (installer/opsdesk.nsi) writes ``opsdesk-machine.ini`` next
to the executable: its ``data_dir`` (``%ProgramData%\\opsdesk``, shared by every account of the
PC) replaces the user data directory, and its optional ``database_url`` (the office's
PostgreSQL server on a workstation of a multi-PC office) the SQLite file. The command line and
the environment still win over it.
"""

from __future__ import annotations

import configparser
import locale
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from opsdesk.settings import LocalSettings

APP_NAME = "opsdesk"
DATABASE_FILE = "opsdesk.sqlite3"
MACHINE_CONFIG = "opsdesk-machine.ini"


@dataclass(frozen=True)
class MachineConfig:
    data_dir: Path | None = None
    database_url: str | None = None


@dataclass(frozen=True)
class DataPaths:
    root: Path
    machine_database_url: str | None = None

    @property
    def database(self) -> Path:
        return self.root / DATABASE_FILE

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def settings(self) -> Path:
        return self.root / "settings.json"

    def database_url(self) -> str:
        url = os.environ.get("OPSDESK_DATABASE_URL")
        if url:
            return url
        joined = LocalSettings.load(self.settings).server_url
        if joined:
            return joined
        if self.machine_database_url:
            return self.machine_database_url
        return f"sqlite:///{self.database.resolve()}"

    def ensure(self) -> DataPaths:
        for folder in (self.root, self.backups, self.logs):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def install_folder() -> Path | None:
    """The folder of the frozen executable (a PyInstaller build); None when run from source."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return None


def read_machine_config(folder: Path | None) -> MachineConfig:
    """``opsdesk-machine.ini`` in ``folder``; empty when there is none or it is unreadable."""
    if folder is None:
        return MachineConfig()
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(_ini_text((folder / MACHINE_CONFIG).read_bytes()))
    except (OSError, configparser.Error, UnicodeDecodeError):
        return MachineConfig()
    if not parser.has_section(APP_NAME):
        return MachineConfig()
    section = parser[APP_NAME]
    data_dir = os.path.expandvars(section.get("data_dir", "").strip())
    url = section.get("database_url", "").strip()
    return MachineConfig(Path(data_dir) if data_dir else None, url or None)


def _ini_text(data: bytes) -> str:
    """The installer's ini as text: UTF-8 when it is (with or without a BOM), else the Windows
    ANSI code page NSIS's WriteINIStr writes in (cp1250 on a Polish Windows), so a data folder
    or server address with Polish letters is read as it was typed."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode(locale.getencoding())


def resolve_data_paths(
    data_dir: str | os.PathLike | None = None, machine: MachineConfig | None = None
) -> DataPaths:
    if machine is None:
        machine = read_machine_config(install_folder())
    url = machine.database_url
    if data_dir:
        return DataPaths(Path(data_dir).expanduser().resolve(), url)
    env = os.environ.get("OPSDESK_DATA_DIR")
    if env:
        return DataPaths(Path(env).expanduser().resolve(), url)
    if machine.data_dir is not None:
        return DataPaths(machine.data_dir, url)
    from platformdirs import user_data_dir

    return DataPaths(Path(user_data_dir(APP_NAME, appauthor=False)), url)
