"""The indicators' speed (issue 20): a covering index on indicator_wait, so that a year's
histogram of waits is summed from the index alone (bench/indicators.md: ~0.2 s of a year's
overview at 1,000,000 contacts).

Revision ID: 0013_indicator_speed
Revises: 0011_hours_controller
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0013_indicator_speed"
down_revision: str | Sequence[str] | None = "0011_hours_controller"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_indicator_wait_cover", "indicator_wait", ["day", "centiminutes", "n"])


def downgrade() -> None:
    op.drop_index("ix_indicator_wait_cover", table_name="indicator_wait")
