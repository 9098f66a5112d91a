"""The schema comes only from the migrations, which agree with the models; a database of a
newer opsdesk is refused untouched; every SQLite connection has the safe pragmas."""

import subprocess
import sys
import textwrap

import pytest
from sqlalchemy import create_engine, text

from opsdesk.storage import migrate
from opsdesk.storage.database import Database
from opsdesk.storage.models import Base
from opsdesk.storage.opening import open_database


def test_empty_database_migrates_to_head_matching_the_models(tmp_path):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    db = open_database(f"sqlite:///{tmp_path}/a.sqlite3")
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    assert migrate.schema_state(db.engine) is migrate.SchemaState.CURRENT


def test_known_revisions_match_the_scripts():
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(migrate.alembic_config())
    chain = [s.revision for s in scripts.walk_revisions()][::-1]
    assert tuple(chain) == migrate.KNOWN_REVISIONS
    assert scripts.get_current_head() == migrate.HEAD_REVISION


def test_newer_database_is_refused_and_not_modified(tmp_path):
    path = tmp_path / "newer.sqlite3"
    db = open_database(f"sqlite:///{path}")
    with db.transaction() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    db.dispose()
    before = path.read_bytes()
    with pytest.raises(migrate.NewerDatabaseError) as error:
        open_database(f"sqlite:///{path}")
    assert "nowsz" in str(error.value)  # "nowszą wersję" in Polish
    assert path.read_bytes() == before


def test_sqlite_connections_are_safe(tmp_path):
    db = Database(f"sqlite:///{tmp_path}/p.sqlite3")
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL


def test_alembic_is_not_imported_when_the_database_is_at_head(tmp_path):
    url = f"sqlite:///{tmp_path}/h.sqlite3"
    open_database(url).dispose()
    code = textwrap.dedent(f"""
        import sys
        from opsdesk.storage.opening import open_database
        open_database({url!r})
        print("alembic" in sys.modules)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_writes_start_immediate_transactions(tmp_path):
    """Two connections: a write transaction holds the lock from its first statement."""
    db = Database(f"sqlite:///{tmp_path}/l.sqlite3")
    with db.engine.connect() as conn:
        conn.execute(text("CREATE TABLE t (x INTEGER)"))
        conn.commit()
    other = create_engine(f"sqlite:///{tmp_path}/l.sqlite3", connect_args={"timeout": 0.1})
    with db.transaction() as session:
        session.execute(text("SELECT 1"))  # only a read, but the write lock is taken
        with other.connect() as conn2, pytest.raises(Exception, match="locked"):
            conn2.execute(text("INSERT INTO t VALUES (1)"))
            conn2.commit()
    other.dispose()
