"""Read side: counts, tables and records for pages and exports. Filters and aggregation run
in SQL; only what is shown comes back."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy import func
from sqlmodel import Session, col, select

from policytrack.filters import Filters, vote_conditions
from policytrack.models import (
    Agency,
    Agreement,
    Body,
    ImportNote,
    Jurisdiction,
    MemberVote,
    Position,
    PositionSource,
    Source,
    Stakeholder,
    VoteEvent,
    VoteEventSource,
)
from policytrack.queries import map_votes

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


_VOTE_COLUMNS = (
    "id", "key", "state", "jurisdiction_kind", "vote_date", "motion_text", "topic", "model",
    "action", "outcome", "yes", "no", "abstain", "absent", "confidence", "disputed", "notes",
    "warnings",
)  # fmt: skip


def _vote_base() -> Any:
    columns: list[Any] = [col(getattr(VoteEvent, name)) for name in _VOTE_COLUMNS]
    columns += [
        col(Jurisdiction.name).label("jurisdiction"),
        col(Jurisdiction.ocd_id),
        col(Jurisdiction.fips),
        col(Body.name).label("body"),
        col(Agreement.key).label("agreement"),
    ]
    return (
        sa.select(*columns)
        .join(Jurisdiction, col(Jurisdiction.id) == col(VoteEvent.jurisdiction_id))
        .join(Body, col(Body.id) == col(VoteEvent.body_id))
        .outerjoin(Agreement, col(Agreement.id) == col(VoteEvent.agreement_id))
    )


CATEGORIES = {"topics", "actions", "outcomes", "models", "kinds"}


def count_votes(session: Session, filters: Filters | None = None) -> int:
    """How many vote events the filters select."""
    filters = filters or Filters()
    statement = sa.select(func.count()).select_from(VoteEvent)
    statement = statement.where(*vote_conditions(filters))
    if CATEGORIES & filters.active().keys() and (filters.date_from or filters.date_to):
        # Only the place indexes carry topic, action, outcome, model and kind with the date:
        # SQLite otherwise took the date index and read every row (1M votes, a topic from
        # 2020: 1.2 s -> 0.1 s). Without a date its own choice is as good or better.
        statement = statement.where(map_votes.on_place_index())
    return int(session.execute(statement).scalar_one())


def _vote_order() -> tuple[Any, ...]:
    return (col(VoteEvent.vote_date).desc().nulls_last(), col(VoteEvent.key))


def vote_table(
    session: Session,
    filters: Filters | None = None,
    *,
    limit: int | None = None,
    offset: int = 0,
) -> pd.DataFrame:
    """Vote events (newest first) with jurisdiction, body, tally, and sources as a list."""
    statement = _vote_base().where(*vote_conditions(filters or Filters()))
    statement = statement.order_by(*_vote_order()).offset(offset)
    if limit is not None:
        statement = statement.limit(limit)
    return _vote_frame(session, session.exec(statement))


def vote_batches(
    session: Session, filters: Filters | None = None, *, size: int = 5000
) -> Iterator[pd.DataFrame]:
    """Every vote the filters select, in `vote_table`'s order, as frames of up to `size`
    rows: one query read as it goes (for downloads of any size), never all at once."""
    statement = _vote_base().where(*vote_conditions(filters or Filters()))
    result = session.execute(
        statement.order_by(*_vote_order()), execution_options={"yield_per": size}
    )
    for rows in result.partitions():
        yield _vote_frame(session, rows)


def _vote_frame(session: Session, rows: Iterable[Any]) -> pd.DataFrame:
    frame = pd.DataFrame([row._asdict() for row in rows])
    if frame.empty:
        return frame
    frame[list(COUNT_COLUMNS)] = frame[list(COUNT_COLUMNS)].astype("Int64")
    urls = _source_urls(session, VoteEventSource, VoteEventSource.vote_event_id, frame["id"])
    frame["sources"] = frame["id"].map(lambda i: urls.get(i, []))
    return frame


ID_BATCH = 10_000  # ids per IN list: SQLite refuses statements with too many parameters


def _source_urls(session: Session, link: Any, link_column: Any, ids: Any) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    wanted = [int(i) for i in ids]
    for start in range(0, len(wanted), ID_BATCH):
        statement = (
            select(link_column, Source.url, Source.key, Source.citation)
            .join(Source, Source.id == link.source_id)
            .where(col(link_column).in_(wanted[start : start + ID_BATCH]))
            .order_by(link_column, Source.key)
        )
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
        clean.update({c: None if clean[c] is None else int(str(clean[c])) for c in COUNT_COLUMNS})
        records.append({str(k): v for k, v in clean.items()})
    return records


def _is_missing(value: Any) -> bool:
    return not isinstance(value, list | dict | str) and bool(pd.isna(value))


def _roll_calls(session: Session) -> dict[int, list[dict[str, str]]]:
    statement = select(MemberVote.vote_event_id, MemberVote.voter_name, MemberVote.option)
    found: dict[int, list[dict[str, str]]] = defaultdict(list)
    for vote_id, name, option in session.exec(statement.order_by(col(MemberVote.id))):
        found[vote_id].append({"voter_name": name, "option": str(option)})
    return found


def _positions(session: Session) -> dict[int, list[dict[str, Any]]]:
    statement = (
        select(Position, Stakeholder.name, Stakeholder.kind)
        .join(Stakeholder, col(Stakeholder.id) == col(Position.stakeholder_id))
        .where(col(Position.vote_event_id).is_not(None))
        .order_by(col(Position.id))
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


def agreement_records(session: Session) -> list[dict[str, Any]]:
    """Every agreement with state, agency, jurisdiction, model, dates, status and MOA URL."""
    statement: Any = (
        sa.select(
            col(Agreement.key),
            col(Agreement.state),
            col(Agency.name).label("agency"),
            col(Agency.kind).label("agency_type"),
            col(Jurisdiction.name).label("jurisdiction"),
            col(Jurisdiction.kind).label("jurisdiction_kind"),
            col(Jurisdiction.fips).label("jurisdiction_fips"),
            col(Jurisdiction.county_fips),
            col(Agreement.model),
            col(Agreement.signed_on),
            col(Agreement.status),
            col(Agreement.list_kind),
            col(Agreement.first_seen),
            col(Agreement.last_seen),
            col(Agreement.moa_url),
        )
        .join(Agency, col(Agency.id) == col(Agreement.agency_id))
        .outerjoin(Jurisdiction, col(Jurisdiction.id) == col(Agency.jurisdiction_id))
        .order_by(col(Agreement.state), col(Agency.name), col(Agreement.signed_on))
    )
    records = []
    for row in session.exec(statement):
        record = {str(k): v for k, v in row._asdict().items()}
        for day in ("signed_on", "first_seen", "last_seen"):
            record[day] = record[day].isoformat() if record[day] else None
        records.append(record)
    return records


def import_report(session: Session, official_list_id: int) -> list[ImportNote]:
    """The import report kept for one official list, in row order."""
    statement = (
        select(ImportNote)
        .where(ImportNote.official_list_id == official_list_id)
        .order_by(col(ImportNote.row), col(ImportNote.id))
    )
    return list(session.exec(statement))
