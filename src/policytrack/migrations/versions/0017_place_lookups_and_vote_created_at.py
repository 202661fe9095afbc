"""place lookups (the opt-in online geocoder's answers); vote_event.created_at

`place_lookup` keeps every question put to the online geocoder and its answer (found or not),
with where and when it was asked and an editor's review, so that no place is asked twice.
`vote_event.created_at` says when a vote was first stored (the Changes page and the Atom feed
report votes added); votes already stored get their last update time, the nearest known.
The column is added without rebuilding `vote_event` on SQLite: a rebuild would drop the
full-text triggers of migration 0012.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07 18:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0017'
down_revision: str | Sequence[str] | None = '0016'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('place_lookup',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('state', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('county', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('service', sa.String(length=32), nullable=False),
    sa.Column('url', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('asked_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('found', sa.Boolean(), nullable=False),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('address', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('answer', sa.JSON(), nullable=True),
    sa.Column('review', sa.String(length=32), nullable=False),
    sa.Column('reviewed_by', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('reviewed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('place_lookup', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_place_lookup_key'), ['key'], unique=True)
        batch_op.create_index(batch_op.f('ix_place_lookup_review'), ['review'], unique=False)

    op.add_column('vote_event', sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
    op.execute("UPDATE vote_event SET created_at = updated_at")


def downgrade() -> None:
    # SQLite (3.35 and later) drops a column in place: no rebuild, the 0012 triggers stay.
    op.execute("ALTER TABLE vote_event DROP COLUMN created_at")
    with op.batch_alter_table('place_lookup', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_place_lookup_review'))
        batch_op.drop_index(batch_op.f('ix_place_lookup_key'))

    op.drop_table('place_lookup')
