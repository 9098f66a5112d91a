"""The cases' second pass (issue 17): hand-offs waiting to be accepted (case_handoff),
workers' absences (staff_absence), the search across boards (saved_case_filter, an index of
file-number sequences and of the cases of a client per board), appeals against decisions
(case_appeal).

One revision for the whole of the branch's schema, so it is re-chained once when merged.

Revision ID: 0006_case_search
Revises: 0005_board_index_id
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_case_search"
down_revision: str | Sequence[str] | None = "0005_board_index_id"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "case_handoff",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("source_case_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("from_team_id", sa.Integer(), nullable=False),
        sa.Column("from_worker_id", sa.Integer(), nullable=True),
        sa.Column("to_team_id", sa.Integer(), nullable=False),
        sa.Column("to_worker_id", sa.Integer(), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
        sa.Column("sent_by_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.Column("answered_by_id", sa.Integer(), nullable=True),
        sa.Column("answer", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(
            ["answered_by_id"], ["staff.id"], name=op.f("fk_case_handoff_answered_by_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case_file.id"],
            name=op.f("fk_case_handoff_case_id_case_file"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["from_team_id"], ["team.id"], name=op.f("fk_case_handoff_from_team_id_team")
        ),
        sa.ForeignKeyConstraint(
            ["from_worker_id"], ["staff.id"], name=op.f("fk_case_handoff_from_worker_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["sent_by_id"], ["staff.id"], name=op.f("fk_case_handoff_sent_by_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["source_case_id"],
            ["case_file.id"],
            name=op.f("fk_case_handoff_source_case_id_case_file"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["to_team_id"], ["team.id"], name=op.f("fk_case_handoff_to_team_id_team")
        ),
        sa.ForeignKeyConstraint(
            ["to_worker_id"], ["staff.id"], name=op.f("fk_case_handoff_to_worker_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_handoff")),
    )
    with op.batch_alter_table("case_handoff", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_handoff_case_id"), ["case_id"], unique=False)
        batch_op.create_index(
            "ix_case_handoff_inbox", ["state", "to_team_id", "to_worker_id"], unique=False
        )

    op.create_table(
        "staff_absence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["staff.id"], name=op.f("fk_staff_absence_created_by_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_staff_absence_staff_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_absence")),
    )
    with op.batch_alter_table("staff_absence", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staff_absence_staff_id"), ["staff_id"], unique=False)

    op.create_table(
        "saved_case_filter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("query", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff.id"],
            name=op.f("fk_saved_case_filter_staff_id_staff"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_case_filter")),
        sa.UniqueConstraint("staff_id", "name", name=op.f("uq_saved_case_filter_staff_id_name")),
    )
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.create_index("ix_case_file_seq", ["file_seq"], unique=False)
        batch_op.create_index(
            "ix_case_client_board",
            ["client_id", "team_id", "status_id", "next_due"],
            unique=False,
        )

    op.create_table(
        "case_appeal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("lodged_on", sa.Date(), nullable=False),
        sa.Column("forwarded_on", sa.Date(), nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=True),
        sa.Column("outcome_on", sa.Date(), nullable=True),
        sa.Column("note", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case_file.id"],
            name=op.f("fk_case_appeal_case_id_case_file"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_appeal")),
    )
    with op.batch_alter_table("case_appeal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_appeal_case_id"), ["case_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("case_appeal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_appeal_case_id"))
    op.drop_table("case_appeal")
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.drop_index("ix_case_client_board")
        batch_op.drop_index("ix_case_file_seq")
    op.drop_table("saved_case_filter")
    with op.batch_alter_table("staff_absence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_absence_staff_id"))
    op.drop_table("staff_absence")
    with op.batch_alter_table("case_handoff", schema=None) as batch_op:
        batch_op.drop_index("ix_case_handoff_inbox")
        batch_op.drop_index(batch_op.f("ix_case_handoff_case_id"))
    op.drop_table("case_handoff")
