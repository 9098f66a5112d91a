"""Where opsdesk keeps its files: the database, backups, logs and the local settings.

Default: platformdirs' user data directory. ``--data-dir DIR`` or ``OPSDESK_DATA_DIR`` move
everything; ``OPSDESK_DATABASE_URL`` replaces only the database with any SQLAlchemy URL.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "opsdesk"
DATABASE_FILE = "opsdesk.sqlite3"


@dataclass(frozen=True)
class DataPaths:
    root: Path

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
        return f"sqlite:///{self.database.resolve()}"

    def ensure(self) -> DataPaths:
        for folder in (self.root, self.backups, self.logs):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def resolve_data_paths(data_dir: str | os.PathLike | None = None) -> DataPaths:
    if data_dir:
        return DataPaths(Path(data_dir).expanduser().resolve())
    env = os.environ.get("OPSDESK_DATA_DIR")
    if env:
        return DataPaths(Path(env).expanduser().resolve())
    from platformdirs import user_data_dir

    return DataPaths(Path(user_data_dir(APP_NAME, appauthor=False)))
