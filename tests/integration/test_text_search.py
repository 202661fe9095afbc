"""Word search through the full-text indexes (SQLite FTS5 and PostgreSQL GIN), on both
databases: over position summaries and quotes, and over everything the shared search
filter reads on a vote (measure, notes, roll call, stakeholders, sources). Found by words
and word beginnings, checked as exact text, kept current when a record changes, and safe
with any typed syntax."""

import re
from collections import defaultdict
from typing import Any

import pytest
from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from policytrack.filters import Filters
from policytrack.models import (
    Jurisdiction,
    MemberVote,
    Position,
    PositionSource,
    Source,
    Stakeholder,
    VoteEvent,
    VoteEventSource,
)
from policytrack.queries import records, search_fields, stakeholders
from policytrack.text_search import words
from policytrack.vote_search import FIELDS


def _found(engine: Engine, text: str) -> int:
    with Session(engine) as session:
        return stakeholders.search_positions(session, Filters(), text).total


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
# 0012), the jurisdiction's name anywhere in it, roll-call names, stakeholders (name, and the
# speaker and role of their positions) and cited sources (title, publisher, author, URL)
# through their indexes (migration 0016).


def _votes(engine: Engine, text: str) -> int:
    with Session(engine) as session:
        return records.count_votes(session, Filters(search=text))


def _keys(engine: Engine, text: str) -> set[str]:
    with Session(engine) as session:
        table = records.vote_table(session, Filters(search=text))
    return set(table["key"]) if len(table) else set()


def _fields_by_scan(engine: Engine) -> dict[str, dict[str, list[str]]]:
    """Every live vote's searchable texts, field by field, read without any index."""
    texts: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    with Session(engine) as session:
        live = col(VoteEvent.retired).is_(False)
        for key, motion, notes, place in session.exec(
            select(VoteEvent.key, VoteEvent.motion_text, VoteEvent.notes, Jurisdiction.name)
            .join(Jurisdiction, col(Jurisdiction.id) == col(VoteEvent.jurisdiction_id))
            .where(live)
        ):
            texts[key]["measure"].append(motion)
            texts[key]["notes"].append(notes or "")
            texts[key]["place"].append(place)
        for key, name in session.exec(
            select(VoteEvent.key, MemberVote.voter_name).join(MemberVote).where(live)
        ):
            texts[key]["roll call"].append(name)
        for key, name, speaker, role in session.exec(
            select(VoteEvent.key, Stakeholder.name, Position.speaker, Position.role)
            .join(Position, col(Position.vote_event_id) == col(VoteEvent.id))
            .join(Stakeholder, col(Stakeholder.id) == col(Position.stakeholder_id))
            .where(live, col(Position.retired).is_(False))
        ):
            texts[key]["stakeholder"] += [name, speaker or "", role or ""]
        for key, *cited in session.exec(
            select(VoteEvent.key, Source.title, Source.publisher, Source.author, Source.url)
            .join(VoteEventSource, col(VoteEventSource.vote_event_id) == col(VoteEvent.id))
            .join(Source, col(Source.id) == col(VoteEventSource.source_id))
            .where(live)
        ):
            texts[key]["source"] += [c or "" for c in cited]
        for key, *cited in session.exec(
            select(VoteEvent.key, Source.title, Source.publisher, Source.author, Source.url)
            .join(Position, col(Position.vote_event_id) == col(VoteEvent.id))
            .join(PositionSource, col(PositionSource.position_id) == col(Position.id))
            .join(Source, col(Source.id) == col(PositionSource.source_id))
            .where(live, col(Position.retired).is_(False))
        ):
            texts[key]["source"] += [c or "" for c in cited]
    return texts


def _by_scan(engine: Engine, text: str) -> dict[str, set[str]]:
    """Vote key → the fields holding `text` from the start of a word (what the indexes
    find), or, for the place, anywhere in its name: found in Python."""
    word = re.compile(r"(?<!\w)" + re.escape(text.casefold()))
    found: dict[str, set[str]] = {}
    for key, fields in _fields_by_scan(engine).items():
        hits = {
            field for field, values in fields.items()
            if any((text.casefold() in v.casefold()) if field == "place"
                   else word.search(v.casefold()) for v in values)
        }  # fmt: skip
        if hits:
            found[key] = hits
    return found


SEARCHED = [
    "Carollo", "carol", "unanimous", "Key West", "iami", "Uthmeier", "ACLU", "Toussaint",
    "Ralph", "Rafael", "local10", "Attorney General", "Benjamin Clarke", "wlrn",
    "Partnership with ICE",
]  # fmt: skip


@pytest.mark.parametrize("text", SEARCHED)
def test_vote_search_finds_and_names_what_a_scan_finds(seeded_engine: Engine, text: str) -> None:
    """The votes found, and for each the fields named as matched (in reading order)."""
    expected = _by_scan(seeded_engine, text)
    assert expected, f"the seed should hold {text!r}"
    assert _keys(seeded_engine, text) == set(expected)
    assert _votes(seeded_engine, text) == len(expected)
    with Session(seeded_engine) as session:
        ids = dict(session.exec(select(VoteEvent.key, VoteEvent.id)).all())
        found = search_fields.matched_in(session, text, ids.values())
    named = {key: found[vote_id] for key, vote_id in ids.items() if vote_id in found}
    assert named == {key: [f for f in FIELDS if f in fields] for key, fields in expected.items()}


@pytest.mark.parametrize(
    ("text", "vote", "fields"),
    [("Uthmeier", "fl-miami-2025-06-17", ["stakeholder"]),  # a stakeholder (person)
     ("ACLU", "fl-miami-2025-06-17", ["stakeholder"]),  # an organisation
     ("Toussaint", "fl-miami-2025-06-17", ["stakeholder"]),  # who spoke for one
     ("Ralph", "fl-miami-2025-06-17", ["roll call"]),
     ("Benjamin Clarke", "fl-miami-2025-06-17", ["source"]),  # a source's author
     ("Carollo", "fl-miami-2025-06-17", ["notes", "roll call", "stakeholder"])],
)  # fmt: skip
def test_people_and_organisations_find_their_votes(
    seeded_engine: Engine, text: str, vote: str, fields: list[str]
) -> None:
    """Issue 13: searching a person or an organisation found no vote."""
    assert vote in _keys(seeded_engine, text)
    with Session(seeded_engine) as session:
        vote_id = session.exec(select(VoteEvent.id).where(VoteEvent.key == vote)).one()
        assert search_fields.matched_in(session, text, [vote_id]) == {vote_id: fields}


def test_vote_search_matches_words_from_their_start(seeded_engine: Engine) -> None:
    assert _votes(seeded_engine, "Carollo") >= 1
    assert _votes(seeded_engine, "arollo") == 0  # inside a word of the notes, in no place name
    assert _votes(seeded_engine, "thmeier") == 0  # inside a stakeholder's name
    assert _votes(seeded_engine, "ocal10") == 0  # inside a source's address


@pytest.mark.parametrize(
    "text", ['"', "NEAR(", "AND OR NOT", "*", "vote_search", "member_search", "'':*", "a & !b"]
)
def test_vote_search_syntax_is_plain_text(seeded_engine: Engine, text: str) -> None:
    assert _votes(seeded_engine, text) == 0


def test_the_vote_index_follows_edits(seeded_engine: Engine) -> None:
    before = _votes(seeded_engine, "Dissent")
    with Session(seeded_engine) as session:
        vote = session.exec(select(VoteEvent).where(VoteEvent.key == "fl-miami-2025-06-17")).one()
        vote.notes = "A zanzibarian evening."
        session.add(vote)
        session.commit()
    assert _votes(seeded_engine, "zanzibar") == 1
    assert _votes(seeded_engine, "Dissent") == before - 1


def _rename(engine: Engine, table: Any, where: Any, **values: Any) -> None:
    with Session(engine) as session:
        row = session.exec(select(table).where(where)).first()
        assert row is not None
        for name, value in values.items():
            setattr(row, name, value)
        session.add(row)
        session.commit()


@pytest.mark.parametrize(
    ("table", "where", "values", "gone"),
    [(MemberVote, col(MemberVote.voter_name).startswith("Ralph"),
      {"voter_name": "Zanzibar Quill"}, "Ralph"),
     (Stakeholder, col(Stakeholder.name) == "James Uthmeier",
      {"name": "Zanzibar Quill"}, "Uthmeier"),
     (Position, col(Position.speaker) == "Ashley Toussaint",
      {"speaker": "Zanzibar Quill"}, "Toussaint"),
     (Source, col(Source.author) == "Benjamin Clarke",
      {"author": "Zanzibar Quill"}, "Benjamin Clarke")],
)  # fmt: skip
def test_the_people_and_source_indexes_follow_edits(
    seeded_engine: Engine, table: Any, where: Any, values: dict[str, str], gone: str
) -> None:
    _rename(seeded_engine, table, where, **values)
    assert _keys(seeded_engine, "zanzibar quill")
    assert not _keys(seeded_engine, gone)


def test_a_retired_position_finds_no_vote(seeded_engine: Engine) -> None:
    assert _keys(seeded_engine, "Toussaint")
    _rename(seeded_engine, Position, col(Position.speaker) == "Ashley Toussaint", retired=True)
    assert not _keys(seeded_engine, "Toussaint")


@pytest.mark.parametrize("text", ["2025-0147", "0147", "4-3", "25.03", "Herald/daily8"])
def test_words_after_punctuation_are_words_on_both_databases(
    seeded_engine: Engine, text: str
) -> None:
    """Bill numbers, tallies and addresses: PostgreSQL's parser keeps "2025-0147" whole
    unless the indexed text is split where SQLite's tokenizer splits it."""
    expected = _by_scan(seeded_engine, text)
    assert expected, f"the seed should hold {text!r}"
    assert _votes(seeded_engine, text) == len(expected)
