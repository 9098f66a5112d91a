"""The board's index ends with the case id, as SQLite's indexes implicitly do.

A board column's count and its keyset pages filter on (team, status, next due) and a range
of ids; SQLite appends the rowid to every index, so there the index alone answers. On
PostgreSQL the index without the id made the planner walk the primary key instead (4x
slower board counts at 200,000 cases, bench/server_vs_file.md).

Revision ID: 0005_board_index_id
Revises: 0004_audit_shown
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005_board_index_id"
down_revision: str | Sequence[str] | None = "0004_audit_shown"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.drop_index("ix_case_board")
        batch_op.create_index(
            "ix_case_board", ["team_id", "status_id", "next_due", "id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.drop_index("ix_case_board")
        batch_op.create_index("ix_case_board", ["team_id", "status_id", "next_due"], unique=False)
