"""Bring a database to the schema this opsdesk knows, or refuse it.

The common case — a database already at head — is answered by one query on the
``alembic_version`` table, without importing Alembic. A database stamped with a revision this
opsdesk does not know was written by a newer version: it is refused and never modified.
"""

from __future__ import annotations

import enum
import logging
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

from opsdesk.i18n import _
from opsdesk.storage import change_notices

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger("opsdesk.storage")

# Every revision ever shipped, oldest first. A test checks this against the scripts.
KNOWN_REVISIONS = (
    "0001_initial",
    "0002_client_search_keys",
    "0003_case_closing",
    "0004_audit_shown",
    "0005_board_index_id",
    "0006_case_search",
    "0007_desk_second_pass",
    "0008_month_approval",
    "0009_letter_templates",
    "0010_indicator_counts",
    "0011_hours_controller",
    "0013_indicator_speed",
    "0015_board_numbers",
    "0016_queue_order",
    "0017_visit_history",
)
HEAD_REVISION = KNOWN_REVISIONS[-1]


class SchemaState(enum.Enum):
    EMPTY = "empty"
    OUTDATED = "outdated"
    CURRENT = "current"
    NEWER = "newer"


class NewerDatabaseError(RuntimeError):
    def __init__(self, revision: str):
        self.revision = revision
        super().__init__(
            _(
                "This database was written by a newer version of opsdesk (schema {revision}). "
                "Install the newer version; the database has not been changed."
            ).format(revision=revision)
        )


class NotOpsdeskDatabaseError(RuntimeError):
    """The database holds tables but no opsdesk schema version: another program's file."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "The database contains tables but no opsdesk schema version: it is not an opsdesk "
                "database. Check the database path; the file has not been changed."
            )
        )


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def schema_state(engine: Engine) -> SchemaState:
    revision = current_revision(engine)
    if revision is None:
        with engine.connect() as conn:
            tables = [t for t in inspect(conn).get_table_names() if t != "alembic_version"]
        if tables:
            raise NotOpsdeskDatabaseError()
        return SchemaState.EMPTY
    if revision == HEAD_REVISION:
        return SchemaState.CURRENT
    if revision in KNOWN_REVISIONS:
        return SchemaState.OUTDATED
    return SchemaState.NEWER


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "opsdesk.storage:migrations")
    return config


def upgrade_to_head(engine: Engine) -> SchemaState:
    """Create or upgrade the schema; returns the state found before upgrading."""
    state = schema_state(engine)
    if state is SchemaState.NEWER:
        raise NewerDatabaseError(current_revision(engine) or "?")
    if state is SchemaState.CURRENT:
        _ensure_change_notices(engine)
        return state
    from alembic import command

    log.info("migrating database from %s to %s", state.value, HEAD_REVISION)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        change_notices.install_triggers(connection)  # a new table gets its trigger too
    return state


def _ensure_change_notices(engine: Engine) -> None:
    """A PostgreSQL database at head set up before the triggers existed gets them (once)."""
    if engine.dialect.name != "postgresql":
        return
    with engine.connect() as connection:
        missing = change_notices.missing_triggers(connection)
    if missing:
        log.info("installing change notices on %d tables", len(missing))
        with engine.begin() as connection:
            change_notices.install_triggers(connection)
