"""One vote by its key: tally, roll call, positions, sources, agreement and other votes in
the same jurisdiction (the Record page's `?vote=KEY`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col

from policytrack.models import (
    Agency,
    Agreement,
    Body,
    Jurisdiction,
    MemberVote,
    Person,
    PersonName,
    Position,
    VoteEvent,
    VoteEventSource,
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
    printed_here,
    sources_of,
)


@dataclass(frozen=True, slots=True)
class RollCallEntry:
    """One member's vote, the name as printed in the sources, and the person it is
    (`policytrack.people`: None only before the people of the place are read)."""

    voter_name: str
    option: str
    person_key: str | None


@dataclass(frozen=True, slots=True)
class AgreementSummary:
    """The agreement a vote concerns."""

    key: str
    agency: str
    model: str
    signed_on: str | None
    status: str


@dataclass(frozen=True, slots=True)
class OtherVote:
    """Another vote in the same jurisdiction."""

    key: str
    vote_date: str | None
    body: str
    motion_text: str
    action: str
    outcome: str
    yes: int | None
    no: int | None


@dataclass(frozen=True, slots=True)
class VoteRecord:
    """One vote: its facts, tally, roll call, positions, sources, agreement and the other
    votes in its jurisdiction (fields in the order of its JSON download)."""

    key: str
    state: str
    vote_date: str | None
    motion_text: str
    topic: str
    model: str
    action: str
    outcome: str
    yes: int | None
    no: int | None
    abstain: int | None
    absent: int | None
    confidence: str
    notes: str | None
    disputed: str | None
    warnings: tuple[str, ...]
    agreement_link: str | None
    retired: bool
    jurisdiction: str
    jurisdiction_ocd_id: str
    jurisdiction_kind: str
    body: str
    seats: int | None
    agreement: AgreementSummary | None
    roll_call: tuple[RollCallEntry, ...]
    positions: tuple[PositionShown, ...]
    sources: tuple[SourceRef, ...]
    related_votes: Capped[OtherVote]


def _vote_row(session: Session, key: str) -> dict[str, Any] | None:
    statement = (
        sa.select(
            *cols(
                VoteEvent,
                "id key state vote_date motion_text topic model action outcome yes no abstain"
                " absent confidence notes disputed warnings agreement_link jurisdiction_id retired",
            ),
            col(Jurisdiction.name).label("jurisdiction"),
            col(Jurisdiction.ocd_id).label("jurisdiction_ocd_id"),
            col(Jurisdiction.kind).label("jurisdiction_kind"),
            col(Body.name).label("body"),
            col(Body.seats).label("seats"),
            col(Agreement.key).label("agreement"),
        )
        .join(Jurisdiction, col(Jurisdiction.id) == col(VoteEvent.jurisdiction_id))
        .join(Body, col(Body.id) == col(VoteEvent.body_id))
        .outerjoin(Agreement, col(Agreement.id) == col(VoteEvent.agreement_id))
        .where(col(VoteEvent.key) == key)
    )
    return one(session, statement)


def _roll_call(session: Session, vote_id: int) -> tuple[RollCallEntry, ...]:
    statement: Any = (
        sa.select(
            col(MemberVote.voter_name),
            col(MemberVote.option),
            col(Person.key).label("person_key"),
        )
        .join(VoteEvent, col(VoteEvent.id) == col(MemberVote.vote_event_id))
        .outerjoin(PersonName, printed_here())
        .outerjoin(Person, col(Person.id) == col(PersonName.person_id))
        .where(col(MemberVote.vote_event_id) == vote_id)
        .order_by(col(MemberVote.id))
    )
    return tuple(RollCallEntry(**plain(row)) for row in session.execute(statement))


def _agreement_summary(session: Session, key: str | None) -> AgreementSummary | None:
    if key is None:
        return None
    statement = (
        sa.select(
            col(Agreement.key),
            col(Agency.name).label("agency"),
            *cols(Agreement, "model signed_on status"),
        )
        .join(Agency, col(Agency.id) == col(Agreement.agency_id))
        .where(col(Agreement.key) == key)
    )
    found = one(session, statement)
    return None if found is None else AgreementSummary(**found)


def _other_votes(session: Session, jurisdiction_id: int, key: str) -> Capped[OtherVote]:
    statement = (
        sa.select(
            *cols(VoteEvent, "key vote_date"),
            col(Body.name).label("body"),
            *cols(VoteEvent, "motion_text action outcome yes no"),
        )
        .join(Body, col(Body.id) == col(VoteEvent.body_id))
        .where(
            col(VoteEvent.jurisdiction_id) == jurisdiction_id,
            col(VoteEvent.key) != key,
            col(VoteEvent.retired).is_(False),
        )
    )
    newest = statement.order_by(
        col(VoteEvent.vote_date).desc().nulls_last(), col(VoteEvent.key)
    ).limit(RELATED_LIMIT)
    return capped(session, statement, newest, OtherVote)


def vote_record(session: Session, key: str) -> VoteRecord | None:
    """One vote with tally, roll call, positions, sources, agreement and related votes."""
    record = _vote_row(session, key)
    if record is None:
        return None
    vote_id, jurisdiction_id = record.pop("id"), record.pop("jurisdiction_id")
    record["warnings"] = tuple(record["warnings"] or ())
    record["agreement"] = _agreement_summary(session, record["agreement"])
    return VoteRecord(
        **record,
        roll_call=_roll_call(session, vote_id),
        positions=positions_on(session, col(Position.vote_event_id), vote_id),
        sources=sources_of(
            session, VoteEventSource, col(VoteEventSource.vote_event_id), [vote_id]
        ).get(vote_id, ()),
        related_votes=_other_votes(session, jurisdiction_id, key),
    )
