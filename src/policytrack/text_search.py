"""Word search backed by full-text indexes, so that a search at 1M votes (3M positions) does
not read every text:
- what stakeholders said: `position` summary and quote (migration 0009),
- what a vote was about: `vote_event` measure text and notes (migration 0012),
- who voted, who took a side and what was cited: `member_vote` names, `stakeholder`
  names, `position` speaker and role, `source` title, publisher, author and URL
  (migration 0016; policytrack.vote_search puts them together).

SQLite has an FTS5 table per indexed table (kept current by triggers); PostgreSQL a GIN
index on `to_tsvector('simple', …)` of the same texts with every run of characters other
than letters and digits made a space (`words_only`), so both split words alike.
`WordsMatch` compiles to whichever the database has, so filters build one condition for
both.

The index only narrows: a row is found when it holds every typed word as a word or a word
beginning, *and* contains the typed text exactly (a case-insensitive substring, `%` and `_`
literal). Text without letters or digits cannot use the index and is matched by the plain
substring test alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement
from sqlmodel import col

from policytrack.models import Position, VoteEvent

MAX_WORDS = 12  # more words narrow no further; the substring test still checks them all
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class TextIndex:
    """One full-text index: the SQLite FTS5 table (its shadow tables share the prefix), the
    PostgreSQL index, and the text columns both cover, in order."""

    fts_table: str
    pg_index: str
    table: str
    texts: tuple[str, ...]


POSITIONS = TextIndex("position_search", "ix_position_search", "position", ("summary", "quote"))
VOTES = TextIndex("vote_search", "ix_vote_event_search", "vote_event", ("motion_text", "notes"))
MEMBERS = TextIndex("member_search", "ix_member_vote_search", "member_vote", ("voter_name",))
STAKEHOLDERS = TextIndex("stakeholder_search", "ix_stakeholder_search", "stakeholder", ("name",))
SPEAKERS = TextIndex(
    "speaker_search", "ix_position_speaker_search", "position", ("speaker", "role")
)
SOURCES = TextIndex(
    "source_search", "ix_source_search", "source", ("title", "publisher", "author", "url")
)
INDEXES = (POSITIONS, VOTES, MEMBERS, STAKEHOLDERS, SPEAKERS, SOURCES)


def words(text: str) -> list[str]:
    """The words of a search, as the index splits them (letters and digits)."""
    found = [part for word in _WORD.findall(text) for part in word.split("_") if part]
    return found[:MAX_WORDS]


def is_search_index(name: str | None) -> bool:
    """Whether a table or index belongs to a full-text index (not to the models)."""
    prefixes = tuple(p for index in INDEXES for p in (index.fts_table, index.pg_index))
    return bool(name) and str(name).startswith(prefixes)


class WordsMatch(ColumnElement[bool]):
    """True for the rows whose `texts` (the index's columns, in its order; their table's id
    is `id_column`) hold every one of `found` as a word or a word beginning, looked up in
    the full-text index.

    `probed`: the rows come from another condition (a few votes' rows), so SQLite must not
    walk the rows the index finds; it looks each row up in them instead."""

    type = sa.Boolean()
    _is_implicitly_boolean = True  # already a condition: no "= 1" appended on SQLite
    inherit_cache = False  # the words are not part of a cache key: compile every time

    def __init__(
        self, index: TextIndex, id_column: Any, texts: list[Any], text: str, probed: bool = False
    ):
        self.index, self.id_column, self.texts, self.text = index, id_column, texts, text
        self.found, self.probed = words(text), probed


@compiles(WordsMatch)
def _sqlite_match(element: WordsMatch, compiler: Any, **kw: Any) -> str:
    fts = element.index.fts_table
    # AND-ed FTS5 strings. Only the last typed word can be the start of a longer word: the
    # others are followed by a separator in the typed text, which the row must contain, so
    # they are whole words. A prefix query merges the lists of every word it begins (a
    # common word's prefix read the whole index: 52 ms of a 94 ms search at 100k votes).
    *whole, last = element.found
    phrase = " ".join([*(f'"{w}"' for w in whole), f'"{last}"*'])
    ids: Any = (
        sa.select(sa.literal_column("rowid"))
        .select_from(sa.table(fts))
        .where(sa.literal_column(fts).op("MATCH")(phrase))
    )
    # "+ 0" keeps SQLite from driving the query from the index's rows (documented: a term
    # on an expression uses no index); the matches are then collected once and probed.
    id_column = element.id_column + 0 if element.probed else element.id_column
    return str(compiler.process(id_column.in_(ids), **kw))


@compiles(WordsMatch, "postgresql")
def _postgres_match(element: WordsMatch, compiler: Any, **kw: Any) -> str:
    # The same expression as the GIN indexes (migration 0012), or PostgreSQL ignores them.
    blank: Any = sa.literal_column("''")
    document = sa.func.to_tsvector(
        SIMPLE, words_only(_joined([sa.func.coalesce(c, blank) for c in element.texts]))
    )
    # The typed text is split by the same expression and parser as the texts, so that a
    # word after "-", "." or "/" (bill numbers, tallies, addresses) is a word in both.
    typed = sa.func.tsvector_to_array(sa.func.to_tsvector(SIMPLE, words_only(element.text)))
    prefixes = sa.func.array_to_string(typed, sa.literal_column("':* & '"))
    query = sa.func.coalesce(sa.func.nullif(prefixes, blank).op("||")(":*"), blank)
    tsquery = sa.func.to_tsquery(SIMPLE, query)
    return str(compiler.process(document.op("@@")(tsquery), **kw))


SIMPLE: Any = sa.literal_column("'simple'::regconfig")


def words_only(text: Any) -> Any:
    """PostgreSQL: the text with every run of characters other than letters and digits made
    one space, so its parser splits words where SQLite's FTS5 tokenizer does."""
    pattern: Any = sa.literal_column("'[^[:alnum:]]+'")
    space: Any = sa.literal_column("' '")
    return sa.func.regexp_replace(text, pattern, space, sa.literal_column("'g'"))


def _joined(parts: list[Any]) -> Any:
    joined = parts[0]
    for part in parts[1:]:
        joined = joined.op("||")(sa.literal_column("' '")).op("||")(part)
    return joined


def _contains(columns: list[Any], text: str) -> Any:
    return sa.or_(*[c.icontains(text, autoescape=True) for c in columns])


def indexed(
    index: TextIndex, table: Any, text: str, texts: tuple[str, ...] = (), probed: bool = False
) -> Any:
    """A WHERE condition on `table` (the index's table, or an alias of it): one of `texts`
    (default: every column of the index) contains `text` (plain text), narrowed by the
    full-text index over all its columns when the text has words (`probed`: see
    WordsMatch)."""
    exact = _contains([col(getattr(table, name)) for name in texts or index.texts], text)
    if not words(text):
        return exact
    every = [col(getattr(table, name)) for name in index.texts]
    return sa.and_(WordsMatch(index, col(table.id), every, text, probed), exact)


def matches(text: str) -> Any:
    """A WHERE condition: the position's summary or quote contains `text` (plain text)."""
    return indexed(POSITIONS, Position, text)


def vote_matches(
    text: str, votes: Any = VoteEvent, texts: tuple[str, ...] = (), probed: bool = False
) -> Any:
    """A WHERE condition: the vote's measure text or notes (or only `texts` of them)
    contain `text` (plain text). `votes` is the vote_event table or an alias of it."""
    return indexed(VOTES, votes, text, texts, probed)
