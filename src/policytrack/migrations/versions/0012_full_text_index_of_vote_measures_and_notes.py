"""full-text index of vote measure texts and notes

The shared search filter matched every vote's measure and notes as a substring: at 1M votes
each query read every row (a rare word: Map headline 2.3 s, three such queries a page).
SQLite gets an FTS5 table over `vote_event` (external content, kept current by triggers);
PostgreSQL a GIN index on the same words, and its position index is rebuilt to split words
where SQLite does. See policytrack.text_search. A later batch
migration that rebuilds `vote_event` on SQLite drops these triggers with the old table: it
must create them again.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-28 14:30:00
"""

from collections.abc import Sequence

from alembic import op


revision: str = '0012'
down_revision: str | Sequence[str] | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_UP = [
    "CREATE VIRTUAL TABLE vote_search USING fts5(motion_text, notes, content='vote_event',"
    " content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER vote_search_insert AFTER INSERT ON vote_event BEGIN"
    " INSERT INTO vote_search(rowid, motion_text, notes)"
    " VALUES (new.id, new.motion_text, new.notes); END",
    "CREATE TRIGGER vote_search_delete AFTER DELETE ON vote_event BEGIN"
    " INSERT INTO vote_search(vote_search, rowid, motion_text, notes)"
    " VALUES ('delete', old.id, old.motion_text, old.notes); END",
    "CREATE TRIGGER vote_search_update AFTER UPDATE OF motion_text, notes ON vote_event BEGIN"
    " INSERT INTO vote_search(vote_search, rowid, motion_text, notes)"
    " VALUES ('delete', old.id, old.motion_text, old.notes);"
    " INSERT INTO vote_search(rowid, motion_text, notes)"
    " VALUES (new.id, new.motion_text, new.notes); END",
    "INSERT INTO vote_search(vote_search) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS vote_search_insert",
    "DROP TRIGGER IF EXISTS vote_search_delete",
    "DROP TRIGGER IF EXISTS vote_search_update",
    "DROP TABLE IF EXISTS vote_search",
]
# PostgreSQL's parser keeps "2025-0147", "25.03" or "ice.gov/287g" as single tokens, so a
# word after "-", "." or "/" was no word beginning there (SQLite's tokenizer splits them): the
# indexed text has every run of characters other than letters and digits made one space.
# The position index of migration 0009 is rebuilt the same way, so both searches agree on
# both databases.
WORDS_ONLY = "regexp_replace({}, '[^[:alnum:]]+', ' ', 'g')"
VOTE_TEXT = "(COALESCE(motion_text, '') || ' ') || COALESCE(notes, '')"
POSITION_TEXT = "(COALESCE(summary, '') || ' ') || COALESCE(quote, '')"


def _gin(name: str, table: str, text: str) -> str:
    return (
        f"CREATE INDEX {name} ON {table} USING gin "
        f"(to_tsvector('simple'::regconfig, {text}))"
    )


POSTGRES_UP = [
    _gin('ix_vote_event_search', 'vote_event', WORDS_ONLY.format(VOTE_TEXT)),
    "DROP INDEX IF EXISTS ix_position_search",
    _gin('ix_position_search', 'position', WORDS_ONLY.format(POSITION_TEXT)),
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS ix_vote_event_search",
    "DROP INDEX IF EXISTS ix_position_search",
    _gin('ix_position_search', 'position', POSITION_TEXT),
]


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
