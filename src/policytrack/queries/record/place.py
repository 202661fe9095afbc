"""One jurisdiction by its OCD id: point, votes, agencies' agreements and the stakeholders
active there (the Record page's `?jurisdiction=OCD_ID`)."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import func
from sqlmodel import Session, col

from policytrack.models import (
    Agency,
    Agreement,
    Body,
    Jurisdiction,
    Position,
    Stakeholder,
    VoteEvent,
)
from policytrack.queries.record.shared import LIST_LIMIT, Capped, capped, cols, one


@dataclass(frozen=True, slots=True)
class PlaceVote:
    """A vote in the jurisdiction."""

    key: str
    vote_date: str | None
    body: str
    motion_text: str
    topic: str
    action: str
    outcome: str
    yes: int | None
    no: int | None


@dataclass(frozen=True, slots=True)
class PlaceAgreement:
    """An agreement of an agency there."""

    agency: str
    agency_type: str | None
    key: str
    model: str
    status: str
    signed_on: str | None
    first_seen: str | None
    last_seen: str | None
    moa_url: str | None


@dataclass(frozen=True, slots=True)
class PlaceStakeholder:
    """A stakeholder with positions on votes there, and how many of each stance."""

    key: str
    name: str
    kind: str
    positions: int
    support: int
    oppose: int
    mixed: int
    neutral: int


@dataclass(frozen=True, slots=True)
class PlaceRecord:
    """One jurisdiction: its facts and point, votes, agencies' agreements and stakeholders
    (fields in the order of its JSON download)."""

    ocd_id: str
    name: str
    kind: str
    state: str
    fips: str | None
    county_fips: str | None
    lat: float | None
    lon: float | None
    votes: Capped[PlaceVote]
    agreements: Capped[PlaceAgreement]
    stakeholders: Capped[PlaceStakeholder]


def _jurisdiction_votes(session: Session, jurisdiction_id: int) -> Capped[PlaceVote]:
    statement = (
        sa.select(
            *cols(VoteEvent, "key vote_date"),
            col(Body.name).label("body"),
            *cols(VoteEvent, "motion_text topic action outcome yes no"),
        )
        .join(Body, col(Body.id) == col(VoteEvent.body_id))
        .where(col(VoteEvent.jurisdiction_id) == jurisdiction_id, col(VoteEvent.retired).is_(False))
    )
    newest = statement.order_by(
        col(VoteEvent.vote_date).desc().nulls_last(), col(VoteEvent.key)
    ).limit(LIST_LIMIT)
    return capped(session, statement, newest, PlaceVote)


def _jurisdiction_agreements(session: Session, jurisdiction_id: int) -> Capped[PlaceAgreement]:
    statement = (
        sa.select(
            col(Agency.name).label("agency"),
            col(Agency.kind).label("agency_type"),
            *cols(Agreement, "key model status signed_on first_seen last_seen moa_url"),
        )
        .join(Agency, col(Agency.id) == col(Agreement.agency_id))
        .where(col(Agency.jurisdiction_id) == jurisdiction_id)
    )
    first = statement.order_by(col(Agency.name), col(Agreement.signed_on)).limit(LIST_LIMIT)
    return capped(session, statement, first, PlaceAgreement)


def _jurisdiction_stakeholders(session: Session, jurisdiction_id: int) -> Capped[PlaceStakeholder]:
    """Stakeholders with positions on votes there, with how many of each stance."""
    stance_count = {
        stance: func.sum(sa.case((col(Position.stance) == stance, 1), else_=0)).label(stance)
        for stance in ("support", "oppose", "mixed", "neutral")
    }
    statement = (
        sa.select(
            *cols(Stakeholder, "key name kind"),
            func.count(col(Position.id)).label("positions"),
            *stance_count.values(),
        )
        .join(Position, col(Position.stakeholder_id) == col(Stakeholder.id))
        .join(VoteEvent, col(VoteEvent.id) == col(Position.vote_event_id))
        .where(
            col(VoteEvent.jurisdiction_id) == jurisdiction_id,
            col(VoteEvent.retired).is_(False),
            col(Position.retired).is_(False),
        )
        .group_by(col(Stakeholder.key), col(Stakeholder.name), col(Stakeholder.kind))
    )
    first = statement.order_by(col(Stakeholder.name)).limit(LIST_LIMIT)
    return capped(session, statement, first, PlaceStakeholder)


def jurisdiction_record(session: Session, key: str) -> PlaceRecord | None:
    """One jurisdiction by OCD id (`key`): point, votes, agencies' agreements, stakeholders."""
    statement = sa.select(
        col(Jurisdiction.id), col(Jurisdiction.ocd_id), col(Jurisdiction.name),
        col(Jurisdiction.kind), col(Jurisdiction.state), col(Jurisdiction.fips),
        col(Jurisdiction.county_fips), col(Jurisdiction.lat), col(Jurisdiction.lon),
    ).where(col(Jurisdiction.ocd_id) == key)  # fmt: skip
    record = one(session, statement)
    if record is None:
        return None
    jurisdiction_id = record.pop("id")
    return PlaceRecord(
        **record,
        votes=_jurisdiction_votes(session, jurisdiction_id),
        agreements=_jurisdiction_agreements(session, jurisdiction_id),
        stakeholders=_jurisdiction_stakeholders(session, jurisdiction_id),
    )
