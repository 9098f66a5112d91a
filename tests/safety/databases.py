"""Small opsdesk databases for safety tests, made and inspected without the services."""

import sqlite3
from pathlib import Path

from opsdesk.storage.opening import open_database


def make_database(path: Path, rows: int = 2000) -> Path:
    """An opsdesk database at ``path`` (schema at head) holding ``rows`` setting rows."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = open_database(f"sqlite:///{path}")
    db.dispose()
    add_rows(path, rows)
    return path


def add_rows(path: Path, rows: int, prefix: str = "row") -> None:
    connection = sqlite3.connect(path)
    with connection:
        start = connection.execute("SELECT count(*) FROM setting").fetchone()[0]
        connection.executemany(
            "INSERT INTO setting(key, value) VALUES (?, ?)",
            ((f"{prefix}{start + i:07d}", f'"{"ż" * 60}"') for i in range(rows)),
        )
    connection.close()


def count_rows(path: Path, table: str = "setting") -> int:
    connection = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        connection.close()


def integrity(path: Path) -> list[str]:
    connection = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return [r[0] for r in connection.execute("PRAGMA integrity_check")]
    finally:
        connection.close()


def set_revision(path: Path, revision: str) -> None:
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    connection.close()
