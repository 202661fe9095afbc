"""What the shared search finds on votes, field by field: the measure and notes, the place,
the roll call (members' names as printed), the stakeholders (their names, and the speaker
and role of their positions on the vote) and the sources (title, publisher, author, URL)
that the vote or a position on it cites.

Text fields are found as typed (plain text, any case) from the start of a word, through
their full-text indexes (policytrack.text_search); the place's name anywhere in it. Each
field is a SELECT of vote ids, so the filter's set of matching votes is their UNION and
"which field matched" is the same SELECTs asked about the votes shown: the two cannot
disagree. Aliases keep every SELECT self-contained when the outer query joins the same
tables.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlmodel import col

from policytrack import text_search
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

# The fields, in the order a reader sees them named ("matched in").
FIELDS = ("measure", "notes", "place", "roll call", "stakeholder", "source")

# The votes a SELECT is asked about (vote ids), or None for every vote. Asked about a few
# votes shown, each SELECT starts from their rows and probes the indexes' matches: started
# from the matches, one common word's 50,000 sources were each checked against 500 votes
# (9 s at 100k votes).
Among = tuple[int, ...] | None


def _of(column: Any, among: Among) -> list[Any]:
    """The condition that `column` (a vote id) is one of `among`, if given."""
    return [] if among is None else [column.in_(among)]


def _probe(column: Any, among: Among) -> Any:
    """`column` as a term SQLite uses no index for ("+ 0") when rows come from `among`."""
    return column if among is None else column + 0


def _measure_or_notes(text: str, texts: tuple[str, ...] = (), among: Among = None) -> Any:
    votes = aliased(VoteEvent)
    matched = text_search.vote_matches(text, votes, texts, probed=among is not None)
    return sa.select(col(votes.id)).where(matched, *_of(col(votes.id), among))


def _place(text: str, among: Among = None) -> Any:
    place, votes = aliased(Jurisdiction), aliased(VoteEvent)
    places = sa.select(col(place.id)).where(col(place.name).icontains(text, autoescape=True))
    return sa.select(col(votes.id)).where(
        _probe(col(votes.jurisdiction_id), among).in_(places), *_of(col(votes.id), among)
    )


def _roll_call(text: str, among: Among = None) -> Any:
    member = aliased(MemberVote)
    matched = text_search.indexed(text_search.MEMBERS, member, text, probed=among is not None)
    return sa.select(col(member.vote_event_id)).where(
        matched, *_of(col(member.vote_event_id), among)
    )


def _stakeholders(text: str, among: Among = None) -> list[Any]:
    """Two SELECTs: positions of the stakeholders so named, and positions whose speaker or
    role holds the text (an OR of the two made SQLite read every position)."""
    holder, by_name, by_speaker = aliased(Stakeholder), aliased(Position), aliased(Position)
    named = sa.select(col(holder.id)).where(
        text_search.indexed(text_search.STAKEHOLDERS, holder, text)
    )
    speaking = text_search.indexed(text_search.SPEAKERS, by_speaker, text, probed=among is not None)
    return [
        sa.select(col(by_name.vote_event_id)).where(
            _probe(col(by_name.stakeholder_id), among).in_(named),
            col(by_name.retired).is_(False),
            *_of(col(by_name.vote_event_id), among),
        ),
        sa.select(col(by_speaker.vote_event_id)).where(
            speaking, col(by_speaker.retired).is_(False), *_of(col(by_speaker.vote_event_id), among)
        ),
    ]


def _sources(text: str, among: Among = None) -> list[Any]:
    """Two SELECTs: votes citing a matching source, and votes with a (live) position citing
    one (the report behind a stakeholder's words is a source of the vote's record too)."""
    source, cites, backs, position = (
        aliased(Source), aliased(VoteEventSource), aliased(PositionSource), aliased(Position)
    )  # fmt: skip
    cited = sa.select(col(source.id)).where(text_search.indexed(text_search.SOURCES, source, text))
    positions: Any
    if among is None:
        backed = sa.select(col(backs.position_id)).where(col(backs.source_id).in_(cited))
        positions = col(position.id).in_(backed)
    else:  # from the shown votes' positions to their citations
        positions = (
            sa.select(sa.literal(1))
            .where(
                col(backs.position_id) == col(position.id),
                _probe(col(backs.source_id), among).in_(cited),
            )
            .exists()
        )
    return [
        sa.select(col(cites.vote_event_id)).where(
            _probe(col(cites.source_id), among).in_(cited), *_of(col(cites.vote_event_id), among)
        ),
        sa.select(col(position.vote_event_id)).where(
            positions, col(position.retired).is_(False), *_of(col(position.vote_event_id), among)
        ),
    ]


def field_votes(text: str, among: Among = None) -> dict[str, list[Any]]:
    """Field name → the SELECTs of the ids of the votes (of `among`, if given) whose field
    holds `text`."""
    return {
        "measure": [_measure_or_notes(text, ("motion_text",), among)],
        "notes": [_measure_or_notes(text, ("notes",), among)],
        "place": [_place(text, among)],
        "roll call": [_roll_call(text, among)],
        "stakeholder": _stakeholders(text, among),
        "source": _sources(text, among),
    }


def matching_votes(text: str) -> Any:
    """The ids of the votes where any field holds `text`: one UNION ALL, found once per
    statement. The measure and notes share one lookup in their index (a SELECT each
    would read it twice)."""
    return sa.union_all(
        _measure_or_notes(text),
        _place(text),
        _roll_call(text),
        *_stakeholders(text),
        *_sources(text),
    )
