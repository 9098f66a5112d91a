"""The queue's index in the order people are called: priority first, then arrival, then id.

"Call next" takes the head of a team's waiting people. With ``ix_visit_queue`` on the day,
team and state alone, every press sorted the whole waiting queue, and PostgreSQL planned the
statement again on every press (a plan kept for any day would have had to sort: dearer, by
its estimate, than planning). With the order in the index the head is the first entry, and
the server keeps one plan (bench/server_vs_file.md, series E).

Revision ID: 0016_queue_order
Revises: 0015_board_numbers
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016_queue_order"
down_revision: str | Sequence[str] | None = "0015_board_numbers"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WAITING = ["day", "target_team_id", "state"]


def upgrade() -> None:
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_index("ix_visit_queue")
        batch_op.create_index(
            "ix_visit_queue",
            [*WAITING, sa.column("priority").desc(), "arrived_at", "id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_index("ix_visit_queue")
        batch_op.create_index("ix_visit_queue", WAITING, unique=False)
