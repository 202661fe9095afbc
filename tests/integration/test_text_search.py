"""Word search over summaries and quotes through the full-text index (SQLite FTS5 and
PostgreSQL GIN), on both databases: found by words and word beginnings, checked as exact
text, kept current when a position changes, and safe with any typed syntax."""

import pytest
from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from policytrack.filters import Filters
from policytrack.models import Position
from policytrack.queries import stakeholders
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
