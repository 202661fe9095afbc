"""data version counter

One row that every committed write moves on (policytrack.data_version): the dashboard reads
it once per page run and keys every cached query by it, so a write made by the CLI, an upload,
an editor or another server process shows on every page's next rerun.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-08 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0015'
down_revision: str | Sequence[str] | None = '0014'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the counter with its one row."""
    table = op.create_table(
        'data_version',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.bulk_insert(table, [{'id': 1, 'version': 1}])


def downgrade() -> None:
    """Drop the counter."""
    op.drop_table('data_version')
