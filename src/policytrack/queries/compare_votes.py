"""Compare's votes: the newest few of each chosen jurisdiction under the filters, each with
its tally, roll call, the live positions taken on it and its sources, and the flat table of
them all (for downloads)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlmodel import Session, col

from policytrack.filters import Filters, vote_conditions
from policytrack.models import (
    Body,
    MemberVote,
    Position,
    PositionSource,
    Stakeholder,
    VoteEvent,
    VoteEventSource,
)
from policytrack.queries.compare_places import newest_per_jurisdiction
from policytrack.queries.source_lists import source_lists
from policytrack.vocab import Stance

VOTE_LIMIT = 10  # newest votes shown per jurisdiction (the total is always counted)
POSITION_LIMIT = 2000  # positions fetched for all shown votes together (a safety cap)
COUNT_COLUMNS = ("yes", "no", "abstain", "absent")


@dataclass(frozen=True, slots=True)
class RollCallMember:
    """One member's vote, the name as printed in the sources."""

    name: str
    option: str


@dataclass(frozen=True, slots=True)
class ComparedPosition:
    """A stakeholder's live position on a compared vote; `sources` as `source_lists` gives
    them (a URL, or the citation of a source without one)."""

    stakeholder: str
    stakeholder_kind: str
    stance: str
    speaker: str | None
    role: str | None
    summary: str | None
    quote: str | None
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ComparedVote:
    """One of the newest votes of a compared jurisdiction."""

    id: int
    key: str
    vote_date: dt.date | None
    body: str
    motion_text: str
    topic: str
    action: str
    outcome: str
    model: str
    yes: int | None
    no: int | None
    abstain: int | None
    absent: int | None
    disputed: str | None
    roll_call: tuple[RollCallMember, ...]
    positions: tuple[ComparedPosition, ...]
    sources: tuple[str, ...]


def newest_votes(
    session: Session, filters: Filters, ids: list[int]
) -> dict[int, list[ComparedVote]]:
    """The newest `VOTE_LIMIT` votes under the filters of each jurisdiction id, newest first."""
    if not ids:
        return {}
    statement: Any = (
        sa.select(
            col(VoteEvent.jurisdiction_id), col(VoteEvent.id), col(VoteEvent.key),
            col(VoteEvent.vote_date), col(Body.name).label("body"), col(VoteEvent.motion_text),
            col(VoteEvent.topic), col(VoteEvent.action), col(VoteEvent.outcome),
            col(VoteEvent.model), col(VoteEvent.yes), col(VoteEvent.no), col(VoteEvent.abstain),
            col(VoteEvent.absent), col(VoteEvent.disputed),
        )
        .join(Body, col(Body.id) == col(VoteEvent.body_id))
        .where(col(VoteEvent.jurisdiction_id).in_(ids), *vote_conditions(filters))
    )  # fmt: skip
    order = (col(VoteEvent.vote_date).desc().nulls_last(), col(VoteEvent.key))
    newest = newest_per_jurisdiction(statement, VoteEvent.jurisdiction_id, order, VOTE_LIMIT)
    rows = [dict(row._asdict()) for row in session.execute(newest)]
    rows.sort(key=lambda r: (r["jurisdiction_id"], r["rank"]))
    vote_ids = [row["id"] for row in rows]
    roll_calls = _roll_calls(session, vote_ids)
    positions = _positions(session, vote_ids)
    sources = source_lists(session, VoteEventSource, VoteEventSource.vote_event_id, vote_ids)
    found: dict[int, list[ComparedVote]] = defaultdict(list)
    for row in rows:
        row.pop("rank")
        for name in ("topic", "action", "outcome", "model"):
            row[name] = str(row[name])
        row.update(
            roll_call=tuple(roll_calls.get(row["id"], [])),
            positions=tuple(positions.get(row["id"], [])),
            sources=tuple(sources.get(row["id"], [])),
        )
        jurisdiction_id = row.pop("jurisdiction_id")
        found[jurisdiction_id].append(ComparedVote(**row))
    return found


def _roll_calls(session: Session, vote_ids: list[int]) -> dict[int, list[RollCallMember]]:
    statement = (
        sa.select(col(MemberVote.vote_event_id), col(MemberVote.voter_name), col(MemberVote.option))
        .where(col(MemberVote.vote_event_id).in_(vote_ids))
        .order_by(col(MemberVote.vote_event_id), col(MemberVote.id))
    )
    found: dict[int, list[RollCallMember]] = defaultdict(list)
    for vote_id, name, option in session.execute(statement):
        found[vote_id].append(RollCallMember(name=name, option=str(option)))
    return found


def _positions(session: Session, vote_ids: list[int]) -> dict[int, list[ComparedPosition]]:
    statement: Any = (
        sa.select(
            col(Position.id), col(Position.vote_event_id),
            col(Stakeholder.name).label("stakeholder"),
            col(Stakeholder.kind).label("stakeholder_kind"), col(Position.stance),
            col(Position.speaker), col(Position.role), col(Position.summary), col(Position.quote),
        )
        .join(Stakeholder, col(Stakeholder.id) == col(Position.stakeholder_id))
        .where(col(Position.vote_event_id).in_(vote_ids), col(Position.retired).is_(False))
        .order_by(col(Position.vote_event_id), col(Stakeholder.name), col(Position.id))
        .limit(POSITION_LIMIT)
    )  # fmt: skip
    rows = [dict(row._asdict()) for row in session.execute(statement)]
    sources = source_lists(
        session, PositionSource, PositionSource.position_id, [r["id"] for r in rows]
    )
    found: dict[int, list[ComparedPosition]] = defaultdict(list)
    for row in rows:
        row.update(stance=str(row["stance"]), stakeholder_kind=str(row["stakeholder_kind"]))
        row["sources"] = tuple(sources.get(row.pop("id"), []))
        vote_id = row.pop("vote_event_id")
        found[vote_id].append(ComparedPosition(**row))
    return found


def votes_frame(places: Sequence[tuple[str, Sequence[ComparedVote]]]) -> pd.DataFrame:
    """The votes a comparison shows as one flat table (for downloads): (label, votes) per
    place."""
    rows = []
    for label, votes in places:
        for vote in votes:
            sides = Counter(p.stance for p in vote.positions)
            rows.append({
                "jurisdiction": label, "vote_key": vote.key,
                "vote_date": vote.vote_date, "body": vote.body,
                "measure": vote.motion_text, "action": vote.action,
                "outcome": vote.outcome, **{c: getattr(vote, c) for c in COUNT_COLUMNS},
                "roll_call": "; ".join(f"{m.name}: {m.option}" for m in vote.roll_call),
                **{f"stakeholders_{s.value}": sides.get(s.value, 0) for s in Stance},
                "disputed": vote.disputed, "sources": " ".join(vote.sources),
            })  # fmt: skip
    frame = pd.DataFrame(rows)
    if not frame.empty:
        frame[list(COUNT_COLUMNS)] = frame[list(COUNT_COLUMNS)].astype("Int64")
    return frame
