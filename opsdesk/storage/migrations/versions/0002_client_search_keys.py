"""The desk's client search by index: folded "first last" and "street number locality".

Revision ID: 0002_client_search_keys
Revises: 0001_initial
Create Date: 2026-12-01 05:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from opsdesk.domain.text import address_key, name_key

revision: str = "0002_client_search_keys"
down_revision: str | Sequence[str] | None = "0001_initial"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("name_key", sa.String(length=210), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("address_key", sa.String(length=230), nullable=False, server_default="")
        )
    client = sa.table(
        "client",
        sa.column("id", sa.Integer),
        sa.column("first_name"),
        sa.column("last_name"),
        sa.column("street"),
        sa.column("house_number"),
        sa.column("locality"),
        sa.column("name_key"),
        sa.column("address_key"),
    )
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(
            client.c.id,
            client.c.first_name,
            client.c.last_name,
            client.c.street,
            client.c.house_number,
            client.c.locality,
        )
    ).all()
    if rows:
        connection.execute(
            client.update()
            .where(client.c.id == sa.bindparam("row_id"))
            .values(name_key=sa.bindparam("new_name"), address_key=sa.bindparam("new_address")),
            [
                {
                    "row_id": r.id,
                    "new_name": name_key(r.first_name, r.last_name),
                    "new_address": address_key(r.street, r.house_number, r.locality),
                }
                for r in rows
            ],
        )
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.alter_column("name_key", server_default=None)
        batch_op.alter_column("address_key", server_default=None)
        batch_op.create_index(batch_op.f("ix_client_name_key"), ["name_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_client_address_key"), ["address_key"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_client_address_key"))
        batch_op.drop_index(batch_op.f("ix_client_name_key"))
        batch_op.drop_column("address_key")
        batch_op.drop_column("name_key")
