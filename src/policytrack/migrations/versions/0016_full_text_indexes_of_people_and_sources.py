"""full-text indexes of roll-call names, stakeholders, speakers and sources

The shared search found a vote only by its measure, notes and place: "Uthmeier", "ACLU",
"Toussaint" or a roll-call name found nothing (issue 13). It now also reads who voted
(`member_vote.voter_name`), who took a side (`stakeholder.name`, `position.speaker` and
`role`) and what the vote or a position on it cites (`source` title, publisher, author,
URL), each through a full-text index as in migrations 0009 and 0012: SQLite gets an FTS5
table per indexed table (external content, kept current by triggers), PostgreSQL a GIN
index on the same words. See policytrack.text_search and policytrack.vote_search. Both
kinds of citation get an index from the source's side, so the votes and positions citing
the matching sources are found without reading every citation.

A later batch migration that rebuilds one of these tables on SQLite drops its triggers with
the old table: it must create them again.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07 17:00:00
"""

from collections.abc import Sequence

from alembic import op


revision: str = '0016'
down_revision: str | Sequence[str] | None = '0015'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (FTS5 table / trigger prefix, PostgreSQL index, indexed table, its text columns)
INDEXES = [
    ('member_search', 'ix_member_vote_search', 'member_vote', ['voter_name']),
    ('stakeholder_search', 'ix_stakeholder_search', 'stakeholder', ['name']),
    ('speaker_search', 'ix_position_speaker_search', 'position', ['speaker', 'role']),
    ('source_search', 'ix_source_search', 'source', ['title', 'publisher', 'author', 'url']),
]
CITATIONS = [
    ('ix_vote_event_source_source', 'vote_event_source', ['source_id', 'vote_event_id']),
    ('ix_position_source_source', 'position_source', ['source_id', 'position_id']),
]


def _sqlite_up(fts: str, table: str, columns: list[str]) -> list[str]:
    names = ', '.join(columns)
    new = ', '.join(f'new.{c}' for c in columns)
    old = ', '.join(f'old.{c}' for c in columns)
    forget = f"INSERT INTO {fts}({fts}, rowid, {names}) VALUES ('delete', old.id, {old});"
    remember = f"INSERT INTO {fts}(rowid, {names}) VALUES (new.id, {new});"
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5({names}, content='{table}',"
        " content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {remember} END",
        f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {forget} END",
        f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {names} ON {table} BEGIN"
        f" {forget} {remember} END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def _sqlite_down(fts: str) -> list[str]:
    return [
        *(f"DROP TRIGGER IF EXISTS {fts}_{event}" for event in ('insert', 'delete', 'update')),
        f"DROP TABLE IF EXISTS {fts}",
    ]


# As in 0012: every run of characters other than letters and digits made one space, so
# PostgreSQL splits words where SQLite's tokenizer does ("ice.gov/287g", "O'Neil").
def _postgres_up(index: str, table: str, columns: list[str]) -> str:
    text = " || ' ') || ".join(f"COALESCE({c}, '')" for c in columns)
    text = '(' * (len(columns) - 1) + text
    words = f"regexp_replace({text}, '[^[:alnum:]]+', ' ', 'g')"
    return f"CREATE INDEX {index} ON {table} USING gin (to_tsvector('simple'::regconfig, {words}))"


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == 'postgresql'
    for fts, index, table, columns in INDEXES:
        statements = [_postgres_up(index, table, columns)] if postgres else _sqlite_up(
            fts, table, columns
        )
        for statement in statements:
            op.execute(statement)
    for name, table, columns in CITATIONS:
        op.create_index(name, table, columns)


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == 'postgresql'
    for name, table, _ in CITATIONS:
        op.drop_index(name, table_name=table)
    for fts, index, _table, _columns in INDEXES:
        statements = [f'DROP INDEX IF EXISTS {index}'] if postgres else _sqlite_down(fts)
        for statement in statements:
            op.execute(statement)
