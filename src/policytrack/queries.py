"""Read side: counts, tables and records for pages and exports. Filters and aggregation run
in SQL; only what is shown comes back."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pandas as pd
from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from policytrack.models import (
    Agreement,
    Body,
    Jurisdiction,
    MemberVote,
    Position,
    PositionSource,
    Source,
    Stakeholder,
    VoteEvent,
    VoteEventSource,
)


COUNT_COLUMNS = ("yes", "no", "abstain", "absent")


def stats(session: Session) -> dict[str, Any]:
    """Counts of every kind of record, and agreements by status."""

    def count(table: Any) -> int:
        return int(session.exec(select(func.count()).select_from(table)).one())

    by_status = session.exec(
        select(Agreement.status, func.count()).group_by(Agreement.status)
    ).all()
    return {
        "jurisdictions": count(Jurisdiction),
        "vote_events": count(VoteEvent),
        "positions": count(Position),
        "stakeholders": count(Stakeholder),
        "sources": count(Source),
        "agreements": count(Agreement),
        "agreements_by_status": {str(status): int(n) for status, n in sorted(by_status)},
    }


def _vote_base() -> Any:
    return (
        select(
            VoteEvent.id,
            VoteEvent.key,
            Jurisdiction.name.label("jurisdiction"),  # type: ignore[attr-defined]
            Jurisdiction.kind.label("jurisdiction_kind"),  # type: ignore[attr-defined]
            Jurisdiction.ocd_id,
            Jurisdiction.fips,
            VoteEvent.state,
            Body.name.label("body"),  # type: ignore[attr-defined]
            VoteEvent.vote_date,
            VoteEvent.motion_text,
            VoteEvent.topic,
            VoteEvent.model,
            VoteEvent.action,
            VoteEvent.outcome,
            VoteEvent.yes,
            VoteEvent.no,
            VoteEvent.abstain,
            VoteEvent.absent,
            VoteEvent.confidence,
            VoteEvent.disputed,
            VoteEvent.notes,
            VoteEvent.warnings,
        )
        .join(Jurisdiction, Jurisdiction.id == VoteEvent.jurisdiction_id)  # type: ignore[arg-type]
        .join(Body, Body.id == VoteEvent.body_id)  # type: ignore[arg-type]
    )


def vote_table(session: Session, states: list[str] | None = None) -> pd.DataFrame:
    """Vote events (newest first) with jurisdiction, body, tally, and sources as a list."""
    statement = _vote_base().order_by(col(VoteEvent.vote_date).desc().nulls_last(), VoteEvent.key)
    if states:
        statement = statement.where(col(VoteEvent.state).in_(states))
    frame = pd.DataFrame([row._asdict() for row in session.exec(statement)])
    if frame.empty:
        return frame
    frame[list(COUNT_COLUMNS)] = frame[list(COUNT_COLUMNS)].astype("Int64")
    urls = _source_urls(session, VoteEventSource, VoteEventSource.vote_event_id, frame["id"])
    frame["sources"] = frame["id"].map(lambda i: urls.get(i, []))
    return frame


def _source_urls(session: Session, link: Any, link_column: Any, ids: Any) -> dict[int, list[str]]:
    statement = (
        select(link_column, Source.url, Source.key, Source.citation)
        .join(Source, Source.id == link.source_id)
        .where(col(link_column).in_([int(i) for i in ids]))
        .order_by(link_column, Source.key)
    )
    found: dict[int, list[str]] = defaultdict(list)
    for owner, url, key, citation in session.exec(statement):
        found[owner].append(url or citation or key)
    return found


def vote_records(session: Session) -> list[dict[str, Any]]:
    """Every vote event as a nested record: tally, roll call, positions and sources."""
    frame = vote_table(session)
    if frame.empty:
        return []
    roll_calls = _roll_calls(session)
    positions = _positions(session)
    records = []
    for row in frame.to_dict("records"):
        vote_id = row.pop("id")
        row["vote_date"] = row["vote_date"].isoformat() if row["vote_date"] else None
        row["roll_call"] = roll_calls.get(vote_id, [])
        row["positions"] = positions.get(vote_id, [])
        clean = {k: (None if _is_missing(v) else v) for k, v in row.items()}
        clean.update({c: None if clean[c] is None else int(clean[c]) for c in COUNT_COLUMNS})
        records.append(clean)
    return records


def _is_missing(value: Any) -> bool:
    return not isinstance(value, list | dict | str) and bool(pd.isna(value))


def _roll_calls(session: Session) -> dict[int, list[dict[str, str]]]:
    statement = select(MemberVote.vote_event_id, MemberVote.voter_name, MemberVote.option)
    found: dict[int, list[dict[str, str]]] = defaultdict(list)
    for vote_id, name, option in session.exec(statement.order_by(MemberVote.id)):
        found[vote_id].append({"voter_name": name, "option": str(option)})
    return found


def _positions(session: Session) -> dict[int, list[dict[str, Any]]]:
    statement = (
        select(Position, Stakeholder.name, Stakeholder.kind)
        .join(Stakeholder, Stakeholder.id == Position.stakeholder_id)  # type: ignore[arg-type]
        .where(col(Position.vote_event_id).is_not(None))
        .order_by(Position.id)
    )
    rows = session.exec(statement).all()
    urls = _source_urls(
        session, PositionSource, PositionSource.position_id, [p.id for p, _, _ in rows]
    )
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for position, name, kind in rows:
        assert position.vote_event_id is not None and position.id is not None
        found[position.vote_event_id].append(
            {
                "stakeholder": name,
                "stakeholder_kind": str(kind),
                "speaker": position.speaker,
                "role": position.role,
                "stance": str(position.stance),
                "summary": position.summary,
                "quote": position.quote,
                "sources": urls.get(position.id, []),
            }
        )
    return found
