"""drop the narrow (live, stakeholder_id, vote_date) position index

With a topic, action, outcome, model or kind filter, SQLite ranked stakeholders by walking
this index (it holds stakeholder_id in order and is the narrowest) and read every one of 3M
position rows for the filter column: 8 s at 1M votes. ix_position_live_holder carries every
filter column and serves the same ranking from the index alone (0.2 s); one stakeholder's
record sorts its positions from it.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-28 14:10:00
"""

from collections.abc import Sequence

from alembic import op


revision: str = '0011'
down_revision: str | Sequence[str] | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index('ix_position_live_holder_date', table_name='position')


def downgrade() -> None:
    op.create_index(
        'ix_position_live_holder_date', 'position', ['live', 'stakeholder_id', 'vote_date'],
        unique=False,
    )
