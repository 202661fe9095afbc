"""place indexes carry the filter columns; one-column filter indexes go

The Map's per-place counts read (retired, [state,] jurisdiction_id, vote_date, outcome); a
topic, action, model or kind filter then looked up every vote row (markers at 1M votes: 2 s).
With those columns at the end of the same indexes the counts stay on the index (0.3 s).
The one-column indexes on topic, action, outcome, model and kind then only lured SQLite into
a row lookup per match (the Map headline with a model filter: 0.8 s, covering scan 0.2 s).

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-28 12:45:00
"""

from collections.abc import Sequence

from alembic import op


revision: str = '0010'
down_revision: str | Sequence[str] | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FILTERS = ['topic', 'action', 'model', 'jurisdiction_kind']
BEFORE = {
    'ix_vote_event_live_place_date': ['retired', 'jurisdiction_id', 'vote_date', 'outcome'],
    'ix_vote_event_live_state_place': ['retired', 'state', 'jurisdiction_id', 'vote_date', 'outcome'],
}
AFTER = {
    'ix_vote_event_live_place_date': [*BEFORE['ix_vote_event_live_place_date'], *FILTERS, 'state'],
    'ix_vote_event_live_state_place': [*BEFORE['ix_vote_event_live_state_place'], *FILTERS],
}


def _replace(indexes: dict[str, list[str]]) -> None:
    for name, columns in indexes.items():
        op.drop_index(name, table_name='vote_event')
        op.create_index(name, 'vote_event', columns, unique=False)


SINGLE = ['topic', 'action', 'outcome', 'model', 'jurisdiction_kind']


def upgrade() -> None:
    _replace(AFTER)
    for column in SINGLE:
        op.drop_index(f'ix_vote_event_{column}', table_name='vote_event')


def downgrade() -> None:
    for column in SINGLE:
        op.create_index(f'ix_vote_event_{column}', 'vote_event', [column], unique=False)
    _replace(BEFORE)
