"""Month approval and lock of a contract's hours (month_approval), issue 18.

Revision ID: 0008_month_approval
Revises: 0007_desk_second_pass
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_month_approval"
down_revision: str | Sequence[str] | None = "0007_desk_second_pass"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "month_approval",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("submitted_by_id", sa.Integer(), nullable=True),
        sa.Column("submitted_at", sa.DateTime(), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.Column("corrections", sa.Integer(), nullable=False),
        sa.Column("reopened_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["contract.id"],
            name=op.f("fk_month_approval_contract_id_contract"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["staff.id"], name=op.f("fk_month_approval_decided_by_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["submitted_by_id"],
            ["staff.id"],
            name=op.f("fk_month_approval_submitted_by_id_staff"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_month_approval")),
        sa.UniqueConstraint(
            "contract_id", "year", "month", name=op.f("uq_month_approval_contract_id_year_month")
        ),
    )


def downgrade() -> None:
    op.drop_table("month_approval")
