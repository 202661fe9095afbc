"""When a record last changed, for its citation's as-of date: the newest `updated_at` of the
rows its page shows (a vote and the positions on it; an agreement; a jurisdiction's votes
and its agencies' agreements; the votes a person cast; a stakeholder's positions). None when
no row of it records a time (the page then cites how current the data are)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col

from policytrack.models import (
    Agency,
    Agreement,
    Jurisdiction,
    MemberVote,
    Person,
    PersonName,
    Position,
    Stakeholder,
    VoteEvent,
)
from policytrack.queries.record.shared import printed_here


def _vote(key: str) -> list[Any]:
    of_vote = col(VoteEvent.key) == key
    return [
        sa.select(sa.func.max(VoteEvent.updated_at)).where(of_vote),
        sa.select(sa.func.max(Position.updated_at))
        .join(VoteEvent, col(VoteEvent.id) == col(Position.vote_event_id))
        .where(of_vote, col(Position.retired).is_(False)),
    ]


def _agreement(key: str) -> list[Any]:
    return [sa.select(sa.func.max(Agreement.updated_at)).where(col(Agreement.key) == key)]


def _jurisdiction(ocd_id: str) -> list[Any]:
    place = col(Jurisdiction.ocd_id) == ocd_id
    return [
        sa.select(sa.func.max(VoteEvent.updated_at))
        .join(Jurisdiction, col(Jurisdiction.id) == col(VoteEvent.jurisdiction_id))
        .where(place),
        sa.select(sa.func.max(Agreement.updated_at))
        .join(Agency, col(Agency.id) == col(Agreement.agency_id))
        .join(Jurisdiction, col(Jurisdiction.id) == col(Agency.jurisdiction_id))
        .where(place),
    ]


def _person(key: str) -> list[Any]:
    return [
        sa.select(sa.func.max(VoteEvent.updated_at))
        .join(MemberVote, col(MemberVote.vote_event_id) == col(VoteEvent.id))
        .join(PersonName, printed_here())
        .join(Person, col(Person.id) == col(PersonName.person_id))
        .where(col(Person.key) == key)
    ]


def _stakeholder(key_or_name: str) -> list[Any]:
    # The Record page finds a stakeholder by key, or by its exact name (the filter's URL).
    which = sa.or_(col(Stakeholder.key) == key_or_name, col(Stakeholder.name) == key_or_name)
    return [
        sa.select(sa.func.max(Position.updated_at))
        .join(Stakeholder, col(Stakeholder.id) == col(Position.stakeholder_id))
        .where(which, col(Position.retired).is_(False))
    ]


_STATEMENTS = {
    "vote": _vote,
    "agreement": _agreement,
    "jurisdiction": _jurisdiction,
    "person": _person,
    "stakeholder": _stakeholder,
    "stakeholder_key": _stakeholder,
}


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str) and value:  # SQLite's MAX over a datetime column is text
        return dt.datetime.fromisoformat(value).date()
    return value if isinstance(value, dt.date) else None


def last_changed(session: Session, kind: str, key: str) -> dt.date | None:
    """The day the record of this kind and key last changed, or None (no such record, or no
    change time recorded)."""
    statements = _STATEMENTS.get(kind)
    if statements is None:
        return None
    days = [_as_date(session.execute(s).scalar()) for s in statements(key)]
    known = [d for d in days if d is not None]
    return max(known) if known else None
