"""One agreement by its key: agency, dates, status, sources, its history on ICE's lists,
how each list printed it, positions and linked votes (the Record page's `?agreement=KEY`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col

from policytrack.models import (
    Agency,
    Agreement,
    AgreementChange,
    AgreementSighting,
    AgreementSource,
    Body,
    Jurisdiction,
    OfficialList,
    Position,
    VoteEvent,
)
from policytrack.queries.record.shared import (
    RELATED_LIMIT,
    Capped,
    PositionShown,
    SourceRef,
    capped,
    cols,
    one,
    plain,
    positions_on,
    sources_of,
)


@dataclass(frozen=True, slots=True)
class ListChange:
    """What changed about the agreement between two of ICE's lists."""

    as_of: str
    list_kind: str
    change: str
    before: str | None
    after: str | None


@dataclass(frozen=True, slots=True)
class Sighting:
    """How one of ICE's lists printed the agreement."""

    as_of: str
    list_kind: str
    file_name: str
    row: int
    agency: str
    agency_type: str | None
    county: str | None
    model_text: str | None
    signed_text: str | None
    moa_url: str | None


@dataclass(frozen=True, slots=True)
class LinkedVote:
    """A vote linked to the agreement."""

    key: str
    vote_date: str | None
    jurisdiction: str
    body: str
    action: str
    outcome: str
    agreement_link: str | None


@dataclass(frozen=True, slots=True)
class AgreementRecord:
    """One agreement: agency, place, dates, status, sources, its history on ICE's lists,
    positions and linked votes (fields in the order of its JSON download)."""

    key: str
    state: str
    agency: str
    agency_type: str | None
    jurisdiction: str | None
    jurisdiction_ocd_id: str | None
    model: str
    signed_on: str | None
    status: str
    list_kind: str
    first_seen: str | None
    last_seen: str | None
    moa_url: str | None
    notes: str | None
    sources: tuple[SourceRef, ...]
    history: tuple[ListChange, ...]
    sightings: tuple[Sighting, ...]
    positions: tuple[PositionShown, ...]
    votes: Capped[LinkedVote]


def _agreement_row(session: Session, key: str) -> dict[str, Any] | None:
    statement = (
        sa.select(
            *cols(Agreement, "id key state"),
            col(Agency.name).label("agency"),
            col(Agency.kind).label("agency_type"),
            col(Jurisdiction.name).label("jurisdiction"),
            col(Jurisdiction.ocd_id).label("jurisdiction_ocd_id"),
            *cols(Agreement, "model signed_on status list_kind first_seen last_seen moa_url notes"),
        )
        .join(Agency, col(Agency.id) == col(Agreement.agency_id))
        .outerjoin(Jurisdiction, col(Jurisdiction.id) == col(Agency.jurisdiction_id))
        .where(col(Agreement.key) == key)
    )
    return one(session, statement)


def _history(session: Session, agreement_id: int) -> tuple[ListChange, ...]:
    statement = (
        sa.select(
            col(AgreementChange.as_of),
            col(OfficialList.kind).label("list_kind"),
            *cols(AgreementChange, "change before after"),
        )
        .join(OfficialList, col(OfficialList.id) == col(AgreementChange.official_list_id))
        .where(col(AgreementChange.agreement_id) == agreement_id)
        .order_by(col(AgreementChange.as_of), col(AgreementChange.id))
    )
    return tuple(ListChange(**plain(r)) for r in session.execute(statement))


def _sightings(session: Session, agreement_id: int) -> tuple[Sighting, ...]:
    statement = (
        sa.select(
            col(OfficialList.as_of),
            col(OfficialList.kind).label("list_kind"),
            col(OfficialList.file_name),
            *cols(
                AgreementSighting, "row agency agency_type county model_text signed_text moa_url"
            ),
        )
        .join(OfficialList, col(OfficialList.id) == col(AgreementSighting.official_list_id))
        .where(col(AgreementSighting.agreement_id) == agreement_id)
        .order_by(col(OfficialList.as_of), col(OfficialList.kind), col(AgreementSighting.row))
    )
    return tuple(Sighting(**plain(r)) for r in session.execute(statement))


def _linked_votes(session: Session, agreement_id: int) -> Capped[LinkedVote]:
    statement = (
        sa.select(
            *cols(VoteEvent, "key vote_date"),
            col(Jurisdiction.name).label("jurisdiction"),
            col(Body.name).label("body"),
            *cols(VoteEvent, "action outcome agreement_link"),
        )
        .join(Jurisdiction, col(Jurisdiction.id) == col(VoteEvent.jurisdiction_id))
        .join(Body, col(Body.id) == col(VoteEvent.body_id))
        .where(col(VoteEvent.agreement_id) == agreement_id, col(VoteEvent.retired).is_(False))
    )
    newest = statement.order_by(col(VoteEvent.vote_date).desc().nulls_last()).limit(RELATED_LIMIT)
    return capped(session, statement, newest, LinkedVote)


def agreement_record(session: Session, key: str) -> AgreementRecord | None:
    """One agreement: agency, dates, status, sources, history, sightings and linked votes."""
    record = _agreement_row(session, key)
    if record is None:
        return None
    agreement_id = record.pop("id")
    return AgreementRecord(
        **record,
        sources=sources_of(
            session, AgreementSource, col(AgreementSource.agreement_id), [agreement_id]
        ).get(agreement_id, ()),
        history=_history(session, agreement_id),
        sightings=_sightings(session, agreement_id),
        positions=positions_on(session, col(Position.agreement_id), agreement_id),
        votes=_linked_votes(session, agreement_id),
    )
