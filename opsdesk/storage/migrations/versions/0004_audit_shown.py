"""Which records a list showed (audit_shown), for auditing bulk reads (issue 19).

Revision ID: 0004_audit_shown
Revises: 0003_case_closing
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_audit_shown"
down_revision: str | Sequence[str] | None = "0003_case_closing"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_shown",
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["audit_entry.id"],
            name=op.f("fk_audit_shown_entry_id_audit_entry"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("entry_id", "entity_id", name=op.f("pk_audit_shown")),
    )
    with op.batch_alter_table("audit_shown", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_shown_entity_id"), ["entity_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("audit_shown", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_shown_entity_id"))
    op.drop_table("audit_shown")
