"""Word search through the full-text indexes (SQLite FTS5 and PostgreSQL GIN), on both
databases: over position summaries and quotes, and over vote measures and notes (the shared
search filter). Found by words and word beginnings, checked as exact text, kept current when
a record changes, and safe with any typed syntax."""

import re

import pytest
from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from policytrack.filters import Filters
from policytrack.models import Jurisdiction, Position, VoteEvent
from policytrack.queries import records, stakeholders
from policytrack.text_search import words


def _found(engine: Engine, text: str) -> int:
    with Session(engine) as session:
        return int(stakeholders.search_positions(session, Filters(), text)["total"])


def test_words_are_what_the_index_splits() -> None:
    assert words("287(g) task-force") == ["287", "g", "task", "force"]
    assert words("foo_bar") == ["foo", "bar"]
    assert words("%; '--") == []
    assert len(words("a " * 50)) == 12


@pytest.mark.parametrize(
    ("text", "expected"),
    [("shameful day", 1), ("Shame", 2), ("SHAMEFUL DAY FOR", 1), ("day shameful", 0),
     ("hameful", 0)],
)  # fmt: skip
def test_words_and_word_beginnings_in_the_typed_order(
    seeded_engine: Engine, text: str, expected: int
) -> None:
    assert _found(seeded_engine, text) == expected


@pytest.mark.parametrize(
    "text", ['"', "NEAR(", "AND OR NOT", "*", "shame*", "position_search", "'':*", "a & !b"]
)
def test_search_syntax_is_plain_text(seeded_engine: Engine, text: str) -> None:
    assert _found(seeded_engine, text) == 0


def test_the_index_follows_edits(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        position = session.exec(
            select(Position).where(col(Position.quote).contains("shameful"))
        ).one()
        position.quote = "A zanzibarian afternoon."
        session.add(position)
        session.commit()
        total = session.execute(select(func.count()).select_from(Position)).scalar_one()
    assert _found(seeded_engine, "zanzibar") == 1
    assert _found(seeded_engine, "shameful day") == 0
    assert total == 188


# The shared search filter on votes: measure and notes through the vote index (migration
# 0012), the jurisdiction's name anywhere in it.


def _votes(engine: Engine, text: str) -> int:
    with Session(engine) as session:
        return records.count_votes(session, Filters(search=text))


def _by_scan(engine: Engine, text: str) -> set[str]:
    """Keys of the live votes whose measure or notes hold `text` from the start of a word
    (what the index finds), or whose place's name holds it anywhere: counted in Python."""
    word = re.compile(r"(?<!\w)" + re.escape(text.casefold()))
    with Session(engine) as session:
        rows = session.exec(
            select(VoteEvent.key, VoteEvent.motion_text, VoteEvent.notes, Jurisdiction.name)
            .join(Jurisdiction, col(Jurisdiction.id) == col(VoteEvent.jurisdiction_id))
            .where(col(VoteEvent.retired).is_(False))
        ).all()
    return {
        key for key, motion, notes, place in rows
        if word.search(f"{motion or ''} {notes or ''}".casefold())
        or text.casefold() in place.casefold()
    }  # fmt: skip


@pytest.mark.parametrize("text", ["Carollo", "carol", "unanimous", "Key West", "iami"])
def test_vote_search_finds_what_a_scan_finds(seeded_engine: Engine, text: str) -> None:
    expected = _by_scan(seeded_engine, text)
    assert expected, f"the seed should hold {text!r}"
    assert _votes(seeded_engine, text) == len(expected)


def test_vote_search_matches_words_from_their_start(seeded_engine: Engine) -> None:
    assert _votes(seeded_engine, "Carollo") >= 1
    assert _votes(seeded_engine, "arollo") == 0  # inside a word of the notes, in no place name


@pytest.mark.parametrize("text", ['"', "NEAR(", "AND OR NOT", "*", "vote_search", "'':*"])
def test_vote_search_syntax_is_plain_text(seeded_engine: Engine, text: str) -> None:
    assert _votes(seeded_engine, text) == 0


def test_the_vote_index_follows_edits(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        vote = session.exec(select(VoteEvent).where(VoteEvent.key == "fl-miami-2025-06-17")).one()
        vote.notes = "A zanzibarian evening."
        session.add(vote)
        session.commit()
    assert _votes(seeded_engine, "zanzibar") == 1
    assert _votes(seeded_engine, "Carollo") == 0


@pytest.mark.parametrize("text", ["2025-0147", "0147", "4-3", "25.03", "Herald/daily8"])
def test_words_after_punctuation_are_words_on_both_databases(
    seeded_engine: Engine, text: str
) -> None:
    """Bill numbers, tallies and addresses: PostgreSQL's parser keeps "2025-0147" whole
    unless the indexed text is split where SQLite's tokenizer splits it."""
    expected = _by_scan(seeded_engine, text)
    assert expected, f"the seed should hold {text!r}"
    assert _votes(seeded_engine, text) == len(expected)
