"""A case's decision number and how it ended (domain.case_closing).

Revision ID: 0003_case_closing
Revises: 0002_client_search_keys
Create Date: 2026-12-05 05:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_case_closing"
down_revision: str | Sequence[str] | None = "0002_client_search_keys"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("decision_number", sa.String(length=60), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("ending", sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.drop_column("ending")
        batch_op.drop_column("decision_number")
