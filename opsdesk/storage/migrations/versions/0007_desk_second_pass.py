"""The desk's second pass (issue 16): workers' status of the day (staff_presence), the
language of a visit's ticket (visit.language), the survey's rating of a visit (visit_rating).

Revision ID: 0007_desk_second_pass
Revises: 0006_case_search
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_desk_second_pass"
down_revision: str | Sequence[str] | None = "0006_case_search"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "staff_presence",
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("since", sa.DateTime(), nullable=False),
        sa.Column("set_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["set_by_id"], ["staff.id"], name=op.f("fk_staff_presence_set_by_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff.id"],
            name=op.f("fk_staff_presence_staff_id_staff"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("staff_id", name=op.f("pk_staff_presence")),
    )
    op.create_table(
        "visit_rating",
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["visit_id"],
            ["visit.id"],
            name=op.f("fk_visit_rating_visit_id_visit"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("visit_id", name=op.f("pk_visit_rating")),
    )
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("language", sa.String(length=5), server_default="pl", nullable=False)
        )


def downgrade() -> None:
    op.drop_table("visit_rating")
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_column("language")
    op.drop_table("staff_presence")
