"""Word search over what stakeholders said (position summaries and quotes), backed by a
full-text index so that a search at 1M votes (3M positions) does not read every text:
SQLite FTS5 (`position_search`, kept current by triggers) or a PostgreSQL GIN index on
`to_tsvector('simple', …)`. Both are created by migration 0009.

The index only narrows: a position is found when it holds every typed word as a word or a
word beginning, *and* contains the typed text exactly (a case-insensitive substring, `%`
and `_` literal). Text without letters or digits cannot use the index and is matched by the
plain substring test alone.
"""

from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa
from sqlmodel import col

from policytrack.models import Position

FTS_TABLE = "position_search"  # SQLite FTS5 table and its shadow tables share this prefix
PG_INDEX = "ix_position_search"
MAX_WORDS = 12  # more words narrow no further; the substring test still checks them all
_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    """The words of a search, as the index splits them (letters and digits)."""
    found = [part for word in _WORD.findall(text) for part in word.split("_") if part]
    return found[:MAX_WORDS]


def is_search_index(name: str | None) -> bool:
    """Whether a table or index belongs to the full-text index (not to the models)."""
    return bool(name) and str(name).startswith((FTS_TABLE, PG_INDEX))


def _document() -> Any:
    """The text PostgreSQL indexes (the same expression as the index in migration 0009)."""
    blank: Any = sa.literal_column("''")
    summary = sa.func.coalesce(col(Position.summary), blank)
    quote = sa.func.coalesce(col(Position.quote), blank)
    return sa.func.to_tsvector(
        sa.literal_column("'simple'::regconfig"),
        summary.op("||")(sa.literal_column("' '")).op("||")(quote),
    )


def _indexed(dialect: str, found: list[str]) -> Any:
    if dialect == "postgresql":
        query = " & ".join(f"'{w}':*" for w in found)  # words are \w only: no quote inside
        return _document().op("@@")(
            sa.func.to_tsquery(sa.literal_column("'simple'::regconfig"), query)
        )
    match = " ".join(f'"{w}"*' for w in found)  # FTS5 prefix phrases, implicitly AND-ed
    ids: Any = (
        sa.select(sa.literal_column("rowid"))
        .select_from(sa.table(FTS_TABLE))
        .where(sa.literal_column(FTS_TABLE).op("MATCH")(match))
    )
    return col(Position.id).in_(ids)


def matches(dialect: str, text: str) -> Any:
    """A WHERE condition: the position's summary or quote contains `text` (plain text)."""
    exact = sa.or_(
        col(Position.summary).icontains(text, autoescape=True),
        col(Position.quote).icontains(text, autoescape=True),
    )
    found = words(text)
    return sa.and_(_indexed(dialect, found), exact) if found else exact
