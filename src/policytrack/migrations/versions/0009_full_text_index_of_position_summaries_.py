"""full-text index of position summaries and quotes

The Stakeholders page searches what was said; at 3M positions a substring scan read every
text (11-27 s for a rare word). SQLite gets an FTS5 table over `position` (external content,
kept current by triggers); PostgreSQL a GIN index on the same words. See
policytrack.text_search. A later batch migration that rebuilds `position` on SQLite drops
these triggers with the old table: it must create them again.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-28 11:35:00
"""

from collections.abc import Sequence

from alembic import op


revision: str = '0009'
down_revision: str | Sequence[str] | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_UP = [
    "CREATE VIRTUAL TABLE position_search USING fts5(summary, quote, content='position',"
    " content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER position_search_insert AFTER INSERT ON position BEGIN"
    " INSERT INTO position_search(rowid, summary, quote) VALUES (new.id, new.summary, new.quote);"
    " END",
    "CREATE TRIGGER position_search_delete AFTER DELETE ON position BEGIN"
    " INSERT INTO position_search(position_search, rowid, summary, quote)"
    " VALUES ('delete', old.id, old.summary, old.quote); END",
    "CREATE TRIGGER position_search_update AFTER UPDATE OF summary, quote ON position BEGIN"
    " INSERT INTO position_search(position_search, rowid, summary, quote)"
    " VALUES ('delete', old.id, old.summary, old.quote);"
    " INSERT INTO position_search(rowid, summary, quote) VALUES (new.id, new.summary, new.quote);"
    " END",
    "INSERT INTO position_search(position_search) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS position_search_insert",
    "DROP TRIGGER IF EXISTS position_search_delete",
    "DROP TRIGGER IF EXISTS position_search_update",
    "DROP TABLE IF EXISTS position_search",
]
POSTGRES_UP = [
    "CREATE INDEX ix_position_search ON position USING gin (to_tsvector('simple'::regconfig,"
    " (COALESCE(summary, '') || ' ') || COALESCE(quote, '')))",
]
POSTGRES_DOWN = ["DROP INDEX IF EXISTS ix_position_search"]


def _statements(up: bool) -> list[str]:
    if op.get_bind().dialect.name == 'postgresql':
        return POSTGRES_UP if up else POSTGRES_DOWN
    return SQLITE_UP if up else SQLITE_DOWN


def upgrade() -> None:
    for statement in _statements(up=True):
        op.execute(statement)


def downgrade() -> None:
    for statement in _statements(up=False):
        op.execute(statement)
