"""The board's index carries the file number and the client: a text filter reads them there.

A board filtered by part of a file number ("ops.150") tested the number of every case of the
team, read from the table row by row (59 ms at 200,000 cases, bench/case_search.md). With
the number (and the client) in ``ix_case_board``, a column's numbers come from the index
alone (5–9 ms).

Revision ID: 0015_board_numbers
Revises: 0013_indicator_speed
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0015_board_numbers"
down_revision: str | Sequence[str] | None = "0013_indicator_speed"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BOARD = ["team_id", "status_id", "next_due", "id"]


def upgrade() -> None:
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.drop_index("ix_case_board")
        batch_op.create_index("ix_case_board", [*BOARD, "file_number", "client_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.drop_index("ix_case_board")
        batch_op.create_index("ix_case_board", BOARD, unique=False)
