"""The daily counts behind the indicators (issue 20): indicator_count and indicator_wait,
filled from the visits already stored; kept from then on by storage.indicator_counts. Three
indexes on case_file: decisions and interviews made in a period, each worker's cases.

Revision ID: 0010_indicator_counts
Revises: 0009_letter_templates
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_indicator_counts"
down_revision: str | Sequence[str] | None = "0009_letter_templates"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "indicator_count",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("measure", sa.String(length=10), nullable=False),
        sa.Column("key", sa.String(length=20), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", "measure", "key", name=op.f("pk_indicator_count")),
    )
    op.create_table(
        "indicator_wait",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("centiminutes", sa.Integer(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", "centiminutes", name=op.f("pk_indicator_wait")),
    )
    op.create_index(
        "ix_case_decision_made",
        "case_file",
        ["decision_date", "application_date", "complex", "kind_id"],
    )
    op.create_index(
        "ix_case_interview_made",
        "case_file",
        ["interview_date", "application_date", "urgent", "kind_id"],
    )
    op.create_index(
        "ix_case_worker_load", "case_file", ["worker_id", "closed_at", "application_date"]
    )
    # the visits already stored (reads only the visit, event, rating and team columns the
    # counts are made of)
    from opsdesk.storage import indicator_counts

    indicator_counts.recount(op.get_bind())


def downgrade() -> None:
    op.drop_index("ix_case_worker_load", table_name="case_file")
    op.drop_index("ix_case_interview_made", table_name="case_file")
    op.drop_index("ix_case_decision_made", table_name="case_file")
    op.drop_table("indicator_wait")
    op.drop_table("indicator_count")
