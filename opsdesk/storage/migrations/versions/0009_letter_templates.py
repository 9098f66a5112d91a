"""Letters from templates (issue 21): the office's templates in versions, the letters printed
from a case, a summons' waiting period, the decision's delivery; the shipped Polish templates
as version 1.

Revision ID: 0009_letter_templates
Revises: 0008_month_approval
"""

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0009_letter_templates"
down_revision: str | Sequence[str] | None = "0008_month_approval"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SHIPPED_AT = datetime(2026, 1, 1)  # version 1 of a shipped text: "as shipped"


def upgrade() -> None:
    op.create_table(
        "letter_template",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("shipped", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter_template")),
        sa.UniqueConstraint("name", name=op.f("uq_letter_template_name")),
    )
    op.create_table(
        "letter_template_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("template_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["staff.id"],
            name=op.f("fk_letter_template_version_created_by_id_staff"),
        ),
        sa.ForeignKeyConstraint(
            ["template_id"],
            ["letter_template.id"],
            name=op.f("fk_letter_template_version_template_id_letter_template"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter_template_version")),
        sa.UniqueConstraint(
            "template_id", "version", name=op.f("uq_letter_template_version_template_id_version")
        ),
    )
    op.create_table(
        "case_letter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("template_version_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("printed_at", sa.DateTime(), nullable=False),
        sa.Column("printed_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case_file.id"],
            name=op.f("fk_case_letter_case_id_case_file"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["printed_by_id"], ["staff.id"], name=op.f("fk_case_letter_printed_by_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["template_version_id"],
            ["letter_template_version.id"],
            name=op.f("fk_case_letter_template_version_id_letter_template_version"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_letter")),
    )
    with op.batch_alter_table("case_letter", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_letter_case_id"), ["case_id"], unique=False)
    with op.batch_alter_table("case_suspension", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("kind", sa.String(length=20), nullable=False, server_default="suspension")
        )
        batch_op.add_column(sa.Column("letter_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("settled_on", sa.Date(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_case_suspension_letter_id_case_letter"),
            "case_letter",
            ["letter_id"],
            ["id"],
            ondelete="SET NULL",
        )
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.add_column(sa.Column("decision_delivered_on", sa.Date(), nullable=True))
    _insert_shipped_templates()


def _insert_shipped_templates() -> None:
    from opsdesk.domain.letter_defaults import SHIPPED

    templates = sa.table(
        "letter_template",
        sa.column("id", sa.Integer()),
        sa.column("kind", sa.String()),
        sa.column("name", sa.String()),
        sa.column("shipped", sa.Boolean()),
        sa.column("active", sa.Boolean()),
        sa.column("created_at", sa.DateTime()),
    )
    versions = sa.table(
        "letter_template_version",
        sa.column("template_id", sa.Integer()),
        sa.column("version", sa.Integer()),
        sa.column("title", sa.String()),
        sa.column("body", sa.Text()),
        sa.column("created_at", sa.DateTime()),
    )
    connection = op.get_bind()
    for shipped in SHIPPED.values():
        template_id = connection.execute(
            templates.insert()
            .values(
                kind=shipped.kind,
                name=shipped.name,
                shipped=True,
                active=True,
                created_at=SHIPPED_AT,
            )
            .returning(templates.c.id)
        ).scalar_one()
        connection.execute(
            versions.insert().values(
                template_id=template_id,
                version=1,
                title=shipped.title,
                body=shipped.body,
                created_at=SHIPPED_AT,
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.drop_column("decision_delivered_on")
    with op.batch_alter_table("case_suspension", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_case_suspension_letter_id_case_letter"), type_="foreignkey"
        )
        batch_op.drop_column("settled_on")
        batch_op.drop_column("letter_id")
        batch_op.drop_column("kind")
    with op.batch_alter_table("case_letter", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_letter_case_id"))
    op.drop_table("case_letter")
    op.drop_table("letter_template_version")
    op.drop_table("letter_template")
