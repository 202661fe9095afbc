"""What a reader has chosen to see: one immutable, hashable value shared by every page, every
cached query and every download, turned into SQL conditions here (never filtered in pandas).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

import sqlalchemy as sa
from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import aliased
from sqlmodel import col

from policytrack import vote_search
from policytrack.models import Agency, Agreement, Jurisdiction, Position, Stakeholder, VoteEvent


@dataclass(frozen=True)
class Filters:
    """The shared filters. Empty means "everything"."""

    states: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()
    models: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()  # jurisdiction kinds: state, county, place
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    stakeholder: str | None = None  # stakeholder key
    search: str = ""
    # What a shared link asked for that no filter could read (an unreadable date): the
    # selection is then empty, never wider than asked (dashboard/components/filters.py).
    unmatched: tuple[str, ...] = ()

    def active(self) -> dict[str, Any]:
        """The filters that are set, by name (for 'what removed everything' messages)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}

    def for_agreements(self) -> Filters:
        """Only the filters that apply to agreements (state, model, kind, dates, search)."""
        return Filters(
            states=self.states,
            models=self.models,
            kinds=self.kinds,
            date_from=self.date_from,
            date_to=self.date_to,
            search=self.search,
            unmatched=self.unmatched,
        )


def _unmatched(filters: Filters) -> list[ColumnElement[bool]]:
    return [sa.false()] if filters.unmatched else []


def _in(column: Any, values: tuple[str, ...]) -> list[ColumnElement[bool]]:
    return [col(column).in_(values)] if values else []


def _dates(column: Any, filters: Filters) -> list[ColumnElement[bool]]:
    conditions = []
    if filters.date_from:
        conditions.append(col(column) >= filters.date_from)
    if filters.date_to:
        conditions.append(col(column) <= filters.date_to)
    return conditions


def vote_conditions(filters: Filters) -> list[ColumnElement[bool]]:
    """WHERE conditions on `vote_event` (join-free except search and stakeholder)."""
    conditions = [
        *_unmatched(filters),
        col(VoteEvent.retired).is_(False),
        *_in(VoteEvent.state, filters.states),
        *_in(VoteEvent.topic, filters.topics),
        *_in(VoteEvent.action, filters.actions),
        *_in(VoteEvent.outcome, filters.outcomes),
        *_in(VoteEvent.model, filters.models),
        *_in(VoteEvent.jurisdiction_kind, filters.kinds),
        *_dates(VoteEvent.vote_date, filters),
    ]
    if filters.stakeholder:
        conditions.append(col(VoteEvent.id).in_(_votes_of(filters.stakeholder)))
    if filters.search.strip():
        conditions.append(_vote_search(filters.search.strip()))
    return conditions


def _votes_of(stakeholder_key: str) -> Any:
    """The votes on which the stakeholder took a (not retired) position: one index range
    read once, the votes then looked up by id (an EXISTS probe per vote took 12 s at 1M).
    Aliases keep the subquery self-contained when the outer query joins the same tables."""
    position, stakeholder = aliased(Position), aliased(Stakeholder)
    return (
        select(col(position.vote_event_id))
        .join(stakeholder, col(stakeholder.id) == col(position.stakeholder_id))
        .where(col(stakeholder.key) == stakeholder_key, col(position.retired).is_(False))
    )


def _vote_search(text: str) -> ColumnElement[bool]:
    """Search text matches a field of the vote (policytrack.vote_search: measure, notes,
    place, roll call, stakeholders, sources), as plain text: `%`, `_`, quotes and SQL
    keywords are escaped and bound, never interpreted.

    The matching votes are one UNION of the fields' SELECTs, found once. An OR of them per
    vote made PostgreSQL read every row and build its words (0.4 s at 100k votes)."""
    return col(VoteEvent.id).in_(vote_search.matching_votes(text))


def agreement_conditions(filters: Filters) -> list[ColumnElement[bool]]:
    """WHERE conditions on `agreement` (kinds and search look at the agency)."""
    conditions = [
        *_unmatched(filters),
        *_in(Agreement.state, filters.states),
        *_in(Agreement.model, filters.models),
        *_dates(Agreement.signed_on, filters),
    ]
    if filters.kinds or filters.search.strip():
        holder, place = aliased(Agency), aliased(Jurisdiction)
        agency = select(col(holder.id)).where(col(holder.id) == col(Agreement.agency_id))
        if filters.search.strip():
            agency = agency.where(
                col(holder.name).icontains(filters.search.strip(), autoescape=True)
            )
        if filters.kinds:
            agency = agency.join(place, col(place.id) == col(holder.jurisdiction_id)).where(
                col(place.kind).in_(filters.kinds)
            )
        conditions.append(agency.exists())
    return conditions


# Filters a position answers from the copies of its vote's columns (policytrack.derived).
_ON_POSITION = {
    "states",
    "topics",
    "actions",
    "outcomes",
    "models",
    "kinds",
    "date_from",
    "date_to",
}


def needs_votes(filters: Filters) -> bool:
    """Whether positions can only be filtered through their votes (topic, outcome, …)."""
    return bool(filters.active().keys() - _ON_POSITION)


def position_conditions(filters: Filters) -> list[ColumnElement[bool]]:
    """WHERE conditions on `position`: live positions on the votes the filters select.

    Every filter on a vote column reads the position's own copy (covering indexes, no
    join); a stakeholder or search filter adds a vote IN (subquery), evaluated once."""
    conditions = [
        *_unmatched(filters),
        col(Position.live).is_(True),
        *_in(Position.state, filters.states),
        *_in(Position.topic, filters.topics),
        *_in(Position.action, filters.actions),
        *_in(Position.outcome, filters.outcomes),
        *_in(Position.model, filters.models),
        *_in(Position.jurisdiction_kind, filters.kinds),
        *_dates(Position.vote_date, filters),
    ]
    if needs_votes(filters):
        votes = select(col(VoteEvent.id)).where(*vote_conditions(filters))
        conditions.append(col(Position.vote_event_id).in_(votes))
    return conditions
