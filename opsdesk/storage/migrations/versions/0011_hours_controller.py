"""Hours for an EU project's controller, issue 18: carry-over of unused hours per contract;
the person's role, form of engagement and hourly rate; each session's task performed and the
project task it belongs to; the hours the person worked in other projects in a month.

Revision ID: 0011_hours_controller
Revises: 0010_indicator_counts
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_hours_controller"
down_revision: str | Sequence[str] | None = "0010_indicator_counts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("contract") as batch:
        batch.add_column(
            sa.Column("carry_over", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(
            sa.Column("project_role", sa.String(length=120), nullable=False, server_default="")
        )
        batch.add_column(
            sa.Column("engagement_form", sa.String(length=120), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("hourly_rate_grosze", sa.Integer(), nullable=True))
    with op.batch_alter_table("session") as batch:
        batch.add_column(
            sa.Column("task_done", sa.String(length=300), nullable=False, server_default="")
        )
        batch.add_column(
            sa.Column("project_task", sa.String(length=120), nullable=False, server_default="")
        )
    with op.batch_alter_table("month_approval") as batch:
        batch.add_column(sa.Column("other_project_minutes", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("month_approval") as batch:
        batch.drop_column("other_project_minutes")
    with op.batch_alter_table("session") as batch:
        batch.drop_column("project_task")
        batch.drop_column("task_done")
    with op.batch_alter_table("contract") as batch:
        batch.drop_column("hourly_rate_grosze")
        batch.drop_column("engagement_form")
        batch.drop_column("project_role")
        batch.drop_column("carry_over")
