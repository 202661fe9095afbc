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


def _measure_or_notes(text: str, texts: tuple[str, ...] = ()) -> Any:
    votes = aliased(VoteEvent)
    return sa.select(col(votes.id)).where(text_search.vote_matches(text, votes, texts))


def _place(text: str) -> Any:
    place, votes = aliased(Jurisdiction), aliased(VoteEvent)
    places = sa.select(col(place.id)).where(col(place.name).icontains(text, autoescape=True))
    return sa.select(col(votes.id)).where(col(votes.jurisdiction_id).in_(places))


def _roll_call(text: str) -> Any:
    member = aliased(MemberVote)
    return sa.select(col(member.vote_event_id)).where(
        text_search.indexed(text_search.MEMBERS, member, text)
    )


def _stakeholders(text: str) -> list[Any]:
    """Two SELECTs: positions of the stakeholders so named, and positions whose speaker or
    role holds the text (an OR of the two made SQLite read every position)."""
    holder, by_name, by_speaker = aliased(Stakeholder), aliased(Position), aliased(Position)
    named = sa.select(col(holder.id)).where(
        text_search.indexed(text_search.STAKEHOLDERS, holder, text)
    )
    return [
        sa.select(col(by_name.vote_event_id)).where(
            col(by_name.stakeholder_id).in_(named), col(by_name.retired).is_(False)
        ),
        sa.select(col(by_speaker.vote_event_id)).where(
            text_search.indexed(text_search.SPEAKERS, by_speaker, text),
            col(by_speaker.retired).is_(False),
        ),
    ]


def _sources(text: str) -> list[Any]:
    """Two SELECTs: votes citing a matching source, and votes with a (live) position citing
    one (the report behind a stakeholder's words is a source of the vote's record too)."""
    source, cites, backs, position = (
        aliased(Source), aliased(VoteEventSource), aliased(PositionSource), aliased(Position)
    )  # fmt: skip
    cited = sa.select(col(source.id)).where(text_search.indexed(text_search.SOURCES, source, text))
    backed = sa.select(col(backs.position_id)).where(col(backs.source_id).in_(cited))
    return [
        sa.select(col(cites.vote_event_id)).where(col(cites.source_id).in_(cited)),
        sa.select(col(position.vote_event_id)).where(
            col(position.id).in_(backed), col(position.retired).is_(False)
        ),
    ]


def field_votes(text: str) -> dict[str, list[Any]]:
    """Field name → the SELECTs of the ids of the votes whose field holds `text`."""
    return {
        "measure": [_measure_or_notes(text, ("motion_text",))],
        "notes": [_measure_or_notes(text, ("notes",))],
        "place": [_place(text)],
        "roll call": [_roll_call(text)],
        "stakeholder": _stakeholders(text),
        "source": _sources(text),
    }


def matching_votes(text: str) -> Any:
    """The ids of the votes where any field holds `text`: one UNION, found once per
    statement. The measure and notes share one lookup in their index (a SELECT each
    would read it twice)."""
    return sa.union(
        _measure_or_notes(text),
        _place(text),
        _roll_call(text),
        *_stakeholders(text),
        *_sources(text),
    )
