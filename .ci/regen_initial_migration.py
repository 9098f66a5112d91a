"""Session-only developer tool: regenerate 0001_initial from the models.

Only valid while 0001 has never landed on main. Once it has, add new revisions instead.
"""

import tempfile
from pathlib import Path

from alembic import command

from opsdesk.storage.database import make_engine
from opsdesk.storage.migrate import alembic_config

versions = Path(__file__).resolve().parent.parent / "opsdesk/storage/migrations/versions"
target = versions / "0001_initial.py"
target.unlink(missing_ok=True)
with tempfile.TemporaryDirectory() as tmp:
    engine = make_engine(f"sqlite:///{tmp}/gen.sqlite3")
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.revision(config, message="initial schema", autogenerate=True,
                         rev_id="0001_initial")
    engine.dispose()
generated = next(versions.glob("0001_initial_*.py"))
text = generated.read_text().replace('"""initial schema\n', '"""Initial schema: every entity of DESIGN.md §4.\n', 1)
generated.unlink()
target.write_text(text)
print("regenerated", target)
