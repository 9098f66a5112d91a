"""A visit's queue events as one text, read on a server with a snapshot taken after its lock.

"Call next" reads the history of the person it takes in the statement that takes them
(``storage.visit_history``): one round trip fewer on a server. On PostgreSQL it is read by
this function, whose query sees every event committed before the take locked the visit;
SQLite needs none (a subquery in the statement).

Revision ID: 0017_visit_history
Revises: 0016_queue_order
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0017_visit_history"
down_revision: str | Sequence[str] | None = "0016_queue_order"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CREATE = r"""
CREATE OR REPLACE FUNCTION opsdesk_visit_history(wanted bigint) RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    RETURN (
        SELECT string_agg(
            e.action || '|' || to_char(e.at, 'YYYY-MM-DD"T"HH24:MI:SS.US') || '|'
            || coalesce(e.team_id::text, '') || '|' || e.id,
            E'\n'
        )
        FROM visit_event e
        WHERE e.visit_id = wanted
    );
END
$$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(CREATE)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS opsdesk_visit_history(bigint)")
