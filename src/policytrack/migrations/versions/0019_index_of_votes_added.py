"""an index of the votes added, newest first

The Changes page and the Atom feed list the votes added most recently (`created_at`,
migration 0017) among live votes; without an index each read walked every vote (at 1M
votes). A plain CREATE INDEX: `vote_event` is not rebuilt, so the full-text triggers of
migration 0012 stay.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-08 01:20:00
"""

from collections.abc import Sequence

from alembic import op


revision: str = '0019'
down_revision: str | Sequence[str] | None = '0018'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index('ix_vote_event_live_created', 'vote_event', ['retired', 'created_at'])


def downgrade() -> None:
    op.drop_index('ix_vote_event_live_created', table_name='vote_event')
