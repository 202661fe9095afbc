"""derived columns: vote_event.vote_month; position.live and copies of its vote's columns

Timeline counts by month and the Stakeholders page ranks 3M positions at 1M votes; both
read covering indexes on these copies instead of computing over every row. The app keeps
them current (policytrack.derived); this fills them for the rows already there.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28 11:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0008'
down_revision: str | Sequence[str] | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COPIED = ['topic', 'action', 'outcome', 'model', 'jurisdiction_kind']
VOTE_INDEXES = {
    'ix_vote_event_live_month_outcome': ['retired', 'vote_month', 'outcome', 'state', 'topic', 'action', 'model', 'jurisdiction_kind', 'vote_date'],
    'ix_vote_event_live_month_state': ['retired', 'vote_month', 'state', 'outcome', 'topic', 'action', 'model', 'jurisdiction_kind', 'vote_date'],
    'ix_vote_event_live_month_model': ['retired', 'vote_month', 'model', 'state', 'outcome', 'topic', 'action', 'jurisdiction_kind', 'vote_date'],
    'ix_vote_event_live_outcome_month': ['retired', 'outcome', 'vote_month', 'action', 'state', 'topic', 'model', 'jurisdiction_kind', 'vote_date'],
    'ix_vote_event_live_state_month': ['retired', 'state', 'vote_month', 'outcome', 'action', 'topic', 'model', 'jurisdiction_kind', 'vote_date'],
}
POSITION_INDEXES = {
    'ix_position_live_holder': ['live', 'stakeholder_id', 'jurisdiction_id', 'stance', 'vote_date', 'state',
                                'topic', 'action', 'outcome', 'model', 'jurisdiction_kind'],
    'ix_position_live_state_holder': ['live', 'state', 'stakeholder_id', 'jurisdiction_id', 'stance'],
    'ix_position_live_date': ['live', 'vote_date', 'stakeholder_id', 'jurisdiction_id', 'stance'],
    'ix_position_live_holder_date': ['live', 'stakeholder_id', 'vote_date'],
}


def upgrade() -> None:
    op.add_column('vote_event', sa.Column('vote_month', sa.String(length=7), nullable=True))
    op.add_column('position', sa.Column('live', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column('position', sa.Column('state', sa.String(length=2), nullable=True))
    op.add_column('position', sa.Column('jurisdiction_id', sa.Integer(), nullable=True))
    op.add_column('position', sa.Column('vote_date', sa.Date(), nullable=True))
    for name in COPIED:
        op.add_column('position', sa.Column(name, sa.String(length=32), nullable=True))
    op.execute("UPDATE vote_event SET vote_month = substr(CAST(vote_date AS VARCHAR(10)), 1, 7)")
    op.execute(
        "UPDATE position SET (state, jurisdiction_id, vote_date, topic, action, outcome, model,"
        " jurisdiction_kind, live) = ("
        " SELECT v.state, v.jurisdiction_id, v.vote_date, v.topic, v.action, v.outcome, v.model,"
        " v.jurisdiction_kind,"
        " (position.retired = false AND v.retired = false)"
        " FROM vote_event v WHERE v.id = position.vote_event_id)"
        " WHERE position.vote_event_id IS NOT NULL"
    )
    for name, columns in VOTE_INDEXES.items():
        op.create_index(name, 'vote_event', columns, unique=False)
    for name, columns in POSITION_INDEXES.items():
        op.create_index(name, 'position', columns, unique=False)


def downgrade() -> None:
    for name in POSITION_INDEXES:
        op.drop_index(name, table_name='position')
    for name in VOTE_INDEXES:
        op.drop_index(name, table_name='vote_event')
    with op.batch_alter_table('position', schema=None) as batch_op:
        for name in COPIED:
            batch_op.drop_column(name)
        batch_op.drop_column('vote_date')
        batch_op.drop_column('jurisdiction_id')
        batch_op.drop_column('state')
        batch_op.drop_column('live')
    with op.batch_alter_table('vote_event', schema=None) as batch_op:
        batch_op.drop_column('vote_month')
