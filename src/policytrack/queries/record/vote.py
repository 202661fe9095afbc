"""One vote by its key: tally, roll call, positions, sources, agreement and other votes in
the same jurisdiction (the Record page's `?vote=KEY`)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col

from policytrack.models import (
    Agency,
    Agreement,
    Body,
    Jurisdiction,
    MemberVote,
    Position,
    VoteEvent,
    VoteEventSource,
)
from policytrack.queries.record.shared import (
    RELATED_LIMIT,
    cols,
    count,
    one,
    plain,
    positions_on,
    sources_of,
)


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


def _roll_call(session: Session, vote_id: int) -> list[dict[str, Any]]:
    statement = (
        sa.select(col(MemberVote.voter_name), col(MemberVote.option))
        .where(col(MemberVote.vote_event_id) == vote_id)
        .order_by(col(MemberVote.id))
    )
    return [plain(row) for row in session.execute(statement)]


def _agreement_summary(session: Session, key: str | None) -> dict[str, Any] | None:
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
    return one(session, statement)


def _other_votes(session: Session, jurisdiction_id: int, key: str) -> dict[str, Any]:
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
    rows = session.execute(
        statement.order_by(col(VoteEvent.vote_date).desc().nulls_last(), col(VoteEvent.key))
        .limit(RELATED_LIMIT)
    )  # fmt: skip
    return {"rows": [plain(r) for r in rows], "total": count(session, statement)}


def vote_record(session: Session, key: str) -> dict[str, Any] | None:
    """One vote with tally, roll call, positions, sources, agreement and related votes."""
    record = _vote_row(session, key)
    if record is None:
        return None
    vote_id, jurisdiction_id = record.pop("id"), record.pop("jurisdiction_id")
    record["warnings"] = list(record["warnings"] or [])
    record["roll_call"] = _roll_call(session, vote_id)
    record["positions"] = positions_on(session, col(Position.vote_event_id), vote_id)
    record["sources"] = sources_of(
        session, VoteEventSource, col(VoteEventSource.vote_event_id), [vote_id]
    ).get(vote_id, [])
    record["agreement"] = _agreement_summary(session, record["agreement"])
    record["related_votes"] = _other_votes(session, jurisdiction_id, key)
    return record
