"""Copying an office between databases of the same schema (moving to a server, backing a
server office up into a file) when a freshly made schema already holds seeded rows."""

from __future__ import annotations

from sqlalchemy import func, select

from opsdesk.storage import table_copy
from opsdesk.storage.database import Database, sqlite_url
from opsdesk.storage.migrate import upgrade_to_head
from opsdesk.storage.models import LetterTemplate
from tests.safety.databases import make_database


def _fresh(path):
    db = Database(sqlite_url(path))
    upgrade_to_head(db.engine)
    return db


def test_a_fresh_schema_with_its_shipped_templates_is_not_an_office(tmp_path):
    db = _fresh(tmp_path / "fresh.sqlite3")
    try:
        with db.engine.connect() as connection:
            assert connection.scalar(select(func.count()).select_from(LetterTemplate)) > 0
            assert not table_copy.has_office_data(connection)
    finally:
        db.dispose()


def test_the_copy_replaces_the_seeded_rows_instead_of_doubling_them(tmp_path):
    source = Database(sqlite_url(make_database(tmp_path / "office.sqlite3", rows=50)))
    target = _fresh(tmp_path / "copy.sqlite3")
    try:
        with source.engine.connect() as reading, target.engine.begin() as writing:
            assert table_copy.has_office_data(reading)
            copied = table_copy.copy_tables(reading, writing)
            assert copied == sum(table_copy.row_counts(reading).values())
            assert (
                table_copy.differences(
                    table_copy.fingerprints(reading), table_copy.fingerprints(writing)
                )
                == []
            )
    finally:
        source.dispose()
        target.dispose()
