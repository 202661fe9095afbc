"""Read side of the Record and Data pages: one vote, jurisdiction or agreement by its key
(indexed lookups, children capped with totals), and the agreement, official-list and
import-report tables. Every result is plain data (dicts, lists, DataFrames), ready for JSON.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy import func
from sqlmodel import Session, col

from policytrack.filters import Filters, agreement_conditions
from policytrack.models import (
    Agency,
    Agreement,
    AgreementChange,
    AgreementSighting,
    AgreementSource,
    Body,
    ImportNote,
    Jurisdiction,
    MemberVote,
    OfficialList,
    Position,
    PositionSource,
    Source,
    Stakeholder,
    VoteEvent,
    VoteEventSource,
)

RELATED_LIMIT = 50  # other votes / linked votes listed on a record page
LIST_LIMIT = 500  # votes, agreements and stakeholders listed on a jurisdiction page

_SOURCE_COLUMNS = (Source.key, Source.url, Source.title, Source.publisher, Source.citation)


def _cols(table: Any, names: str) -> list[Any]:
    """Columns of a table by space-separated names, for compact SELECT lists."""
    return [col(getattr(table, name)) for name in names.split()]


def _plain(row: Any) -> dict[str, Any]:
    """A result row as a dict of JSON-ready values (dates as ISO text, enums as text)."""
    return {str(k): _value(v) for k, v in row._asdict().items()}


def _value(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return str(value)  # StrEnum → its plain value
    return value


def _sources(
    session: Session, link: Any, owner: Any, ids: list[int]
) -> dict[int, list[dict[str, Any]]]:
    """Sources of each owner (vote, position, agreement) by owner id, in key order."""
    if not ids:
        return {}
    statement = (
        sa.select(owner.label("owner"), *(col(c) for c in _SOURCE_COLUMNS))
        .join(Source, col(Source.id) == col(link.source_id))
        .where(owner.in_(ids))
        .order_by(owner, col(Source.key))
    )
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in session.execute(statement):
        item = _plain(row)
        found[item.pop("owner")].append(item)
    return found


def _one(session: Session, statement: Any) -> dict[str, Any] | None:
    row = session.execute(statement).first()
    return None if row is None else _plain(row)


def _count(session: Session, statement: Any) -> int:
    return int(session.execute(sa.select(func.count()).select_from(statement.subquery())).one()[0])


# ── vote ────────────────────────────────────────────────────────────────────────────────


def _vote_row(session: Session, key: str) -> dict[str, Any] | None:
    statement = (
        sa.select(
            *_cols(
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
    return _one(session, statement)


def _roll_call(session: Session, vote_id: int) -> list[dict[str, Any]]:
    statement = (
        sa.select(col(MemberVote.voter_name), col(MemberVote.option))
        .where(col(MemberVote.vote_event_id) == vote_id)
        .order_by(col(MemberVote.id))
    )
    return [_plain(row) for row in session.execute(statement)]


def _positions(session: Session, owner: Any, owner_id: int) -> list[dict[str, Any]]:
    """Positions on one vote or agreement, with their stakeholder and sources."""
    statement = (
        sa.select(
            col(Position.id),
            col(Stakeholder.key).label("stakeholder_key"),
            col(Stakeholder.name).label("stakeholder"),
            col(Stakeholder.kind).label("stakeholder_kind"),
            *_cols(Position, "stance speaker role summary quote said_on"),
        )
        .join(Stakeholder, col(Stakeholder.id) == col(Position.stakeholder_id))
        .where(owner == owner_id, col(Position.retired).is_(False))
        .order_by(col(Position.id))
    )
    rows = [_plain(row) for row in session.execute(statement)]
    sources = _sources(
        session, PositionSource, col(PositionSource.position_id), [r["id"] for r in rows]
    )
    for row in rows:
        row["sources"] = sources.get(row.pop("id"), [])
    return rows


def _agreement_summary(session: Session, key: str | None) -> dict[str, Any] | None:
    if key is None:
        return None
    statement = (
        sa.select(
            col(Agreement.key),
            col(Agency.name).label("agency"),
            *_cols(Agreement, "model signed_on status"),
        )
        .join(Agency, col(Agency.id) == col(Agreement.agency_id))
        .where(col(Agreement.key) == key)
    )
    return _one(session, statement)


def _other_votes(session: Session, jurisdiction_id: int, key: str) -> dict[str, Any]:
    statement = (
        sa.select(
            *_cols(VoteEvent, "key vote_date"),
            col(Body.name).label("body"),
            *_cols(VoteEvent, "motion_text action outcome yes no"),
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
    return {"rows": [_plain(r) for r in rows], "total": _count(session, statement)}


def vote_record(session: Session, key: str) -> dict[str, Any] | None:
    """One vote with tally, roll call, positions, sources, agreement and related votes."""
    record = _vote_row(session, key)
    if record is None:
        return None
    vote_id, jurisdiction_id = record.pop("id"), record.pop("jurisdiction_id")
    record["warnings"] = list(record["warnings"] or [])
    record["roll_call"] = _roll_call(session, vote_id)
    record["positions"] = _positions(session, col(Position.vote_event_id), vote_id)
    record["sources"] = _sources(
        session, VoteEventSource, col(VoteEventSource.vote_event_id), [vote_id]
    ).get(vote_id, [])
    record["agreement"] = _agreement_summary(session, record["agreement"])
    record["related_votes"] = _other_votes(session, jurisdiction_id, key)
    return record


# ── jurisdiction ────────────────────────────────────────────────────────────────────────


def _jurisdiction_votes(session: Session, jurisdiction_id: int) -> dict[str, Any]:
    statement = (
        sa.select(
            *_cols(VoteEvent, "key vote_date"),
            col(Body.name).label("body"),
            *_cols(VoteEvent, "motion_text topic action outcome yes no"),
        )
        .join(Body, col(Body.id) == col(VoteEvent.body_id))
        .where(col(VoteEvent.jurisdiction_id) == jurisdiction_id, col(VoteEvent.retired).is_(False))
    )
    rows = session.execute(
        statement.order_by(col(VoteEvent.vote_date).desc().nulls_last(), col(VoteEvent.key))
        .limit(LIST_LIMIT)
    )  # fmt: skip
    return {"rows": [_plain(r) for r in rows], "total": _count(session, statement)}


def _jurisdiction_agreements(session: Session, jurisdiction_id: int) -> dict[str, Any]:
    statement = (
        sa.select(
            col(Agency.name).label("agency"),
            col(Agency.kind).label("agency_type"),
            *_cols(Agreement, "key model status signed_on first_seen last_seen moa_url"),
        )
        .join(Agency, col(Agency.id) == col(Agreement.agency_id))
        .where(col(Agency.jurisdiction_id) == jurisdiction_id)
    )
    rows = session.execute(
        statement.order_by(col(Agency.name), col(Agreement.signed_on)).limit(LIST_LIMIT)
    )
    return {"rows": [_plain(r) for r in rows], "total": _count(session, statement)}


def _jurisdiction_stakeholders(session: Session, jurisdiction_id: int) -> dict[str, Any]:
    """Stakeholders with positions on votes there, with how many of each stance."""
    stance_count = {
        stance: func.sum(sa.case((col(Position.stance) == stance, 1), else_=0)).label(stance)
        for stance in ("support", "oppose", "mixed", "neutral")
    }
    statement = (
        sa.select(
            *_cols(Stakeholder, "key name kind"),
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
    rows = session.execute(statement.order_by(col(Stakeholder.name)).limit(LIST_LIMIT))
    return {"rows": [_plain(r) for r in rows], "total": _count(session, statement)}


def jurisdiction_record(session: Session, key: str) -> dict[str, Any] | None:
    """One jurisdiction by OCD id (`key`): point, votes, agencies' agreements, stakeholders."""
    statement = sa.select(
        col(Jurisdiction.id), col(Jurisdiction.ocd_id), col(Jurisdiction.name),
        col(Jurisdiction.kind), col(Jurisdiction.state), col(Jurisdiction.fips),
        col(Jurisdiction.county_fips), col(Jurisdiction.lat), col(Jurisdiction.lon),
    ).where(col(Jurisdiction.ocd_id) == key)  # fmt: skip
    record = _one(session, statement)
    if record is None:
        return None
    jurisdiction_id = record.pop("id")
    record["votes"] = _jurisdiction_votes(session, jurisdiction_id)
    record["agreements"] = _jurisdiction_agreements(session, jurisdiction_id)
    record["stakeholders"] = _jurisdiction_stakeholders(session, jurisdiction_id)
    return record


# ── agreement ───────────────────────────────────────────────────────────────────────────


def _agreement_row(session: Session, key: str) -> dict[str, Any] | None:
    statement = (
        sa.select(
            *_cols(Agreement, "id key state"),
            col(Agency.name).label("agency"),
            col(Agency.kind).label("agency_type"),
            col(Jurisdiction.name).label("jurisdiction"),
            col(Jurisdiction.ocd_id).label("jurisdiction_ocd_id"),
            *_cols(
                Agreement, "model signed_on status list_kind first_seen last_seen moa_url notes"
            ),
        )
        .join(Agency, col(Agency.id) == col(Agreement.agency_id))
        .outerjoin(Jurisdiction, col(Jurisdiction.id) == col(Agency.jurisdiction_id))
        .where(col(Agreement.key) == key)
    )
    return _one(session, statement)


def _history(session: Session, agreement_id: int) -> list[dict[str, Any]]:
    statement = (
        sa.select(
            col(AgreementChange.as_of),
            col(OfficialList.kind).label("list_kind"),
            *_cols(AgreementChange, "change before after"),
        )
        .join(OfficialList, col(OfficialList.id) == col(AgreementChange.official_list_id))
        .where(col(AgreementChange.agreement_id) == agreement_id)
        .order_by(col(AgreementChange.as_of), col(AgreementChange.id))
    )
    return [_plain(r) for r in session.execute(statement)]


def _sightings(session: Session, agreement_id: int) -> list[dict[str, Any]]:
    statement = (
        sa.select(
            col(OfficialList.as_of),
            col(OfficialList.kind).label("list_kind"),
            col(OfficialList.file_name),
            *_cols(
                AgreementSighting, "row agency agency_type county model_text signed_text moa_url"
            ),
        )
        .join(OfficialList, col(OfficialList.id) == col(AgreementSighting.official_list_id))
        .where(col(AgreementSighting.agreement_id) == agreement_id)
        .order_by(col(OfficialList.as_of), col(OfficialList.kind), col(AgreementSighting.row))
    )
    return [_plain(r) for r in session.execute(statement)]


def _linked_votes(session: Session, agreement_id: int) -> dict[str, Any]:
    statement = (
        sa.select(
            *_cols(VoteEvent, "key vote_date"),
            col(Jurisdiction.name).label("jurisdiction"),
            col(Body.name).label("body"),
            *_cols(VoteEvent, "action outcome agreement_link"),
        )
        .join(Jurisdiction, col(Jurisdiction.id) == col(VoteEvent.jurisdiction_id))
        .join(Body, col(Body.id) == col(VoteEvent.body_id))
        .where(col(VoteEvent.agreement_id) == agreement_id, col(VoteEvent.retired).is_(False))
    )
    rows = session.execute(
        statement.order_by(col(VoteEvent.vote_date).desc().nulls_last()).limit(RELATED_LIMIT)
    )
    return {"rows": [_plain(r) for r in rows], "total": _count(session, statement)}


def agreement_record(session: Session, key: str) -> dict[str, Any] | None:
    """One agreement: agency, dates, status, sources, history, sightings and linked votes."""
    record = _agreement_row(session, key)
    if record is None:
        return None
    agreement_id = record.pop("id")
    record["sources"] = _sources(
        session, AgreementSource, col(AgreementSource.agreement_id), [agreement_id]
    ).get(agreement_id, [])
    record["history"] = _history(session, agreement_id)
    record["sightings"] = _sightings(session, agreement_id)
    record["positions"] = _positions(session, col(Position.agreement_id), agreement_id)
    record["votes"] = _linked_votes(session, agreement_id)
    return record


# ── Data page tables ────────────────────────────────────────────────────────────────────


def _agreement_base(filters: Filters) -> Any:
    return (
        sa.select(
            *_cols(Agreement, "key state"),
            col(Agency.name).label("agency"),
            col(Agency.kind).label("agency_type"),
            col(Jurisdiction.name).label("jurisdiction"),
            col(Jurisdiction.ocd_id),
            *_cols(Agreement, "model signed_on status list_kind first_seen last_seen moa_url"),
        )
        .join(Agency, col(Agency.id) == col(Agreement.agency_id))
        .outerjoin(Jurisdiction, col(Jurisdiction.id) == col(Agency.jurisdiction_id))
        .where(*agreement_conditions(filters))
    )


def count_agreements(session: Session, filters: Filters | None = None) -> int:
    """How many agreements the (agreement-applicable) filters select."""
    statement = sa.select(func.count()).select_from(Agreement)
    statement = statement.where(*agreement_conditions(filters or Filters()))
    return int(session.execute(statement).one()[0])


def _agreement_order() -> tuple[Any, ...]:
    return (col(Agreement.signed_on).desc().nulls_last(), col(Agreement.key))


def _agreement_columns() -> list[str]:
    return [c.name for c in _agreement_base(Filters()).selected_columns]


def agreement_table(
    session: Session,
    filters: Filters | None = None,
    *,
    limit: int | None = None,
    offset: int = 0,
) -> pd.DataFrame:
    """Agreements (newest signing first) with agency, jurisdiction, model, status and dates."""
    statement = _agreement_base(filters or Filters()).order_by(*_agreement_order()).offset(offset)
    if limit is not None:
        statement = statement.limit(limit)
    rows = [row._asdict() for row in session.execute(statement)]
    return pd.DataFrame(rows, columns=_agreement_columns())


def agreement_batches(
    session: Session, filters: Filters | None = None, *, size: int = 5000
) -> Iterator[pd.DataFrame]:
    """Every agreement the filters select, in `agreement_table`'s order, as frames of up to
    `size` rows read as they go (for downloads)."""
    statement = _agreement_base(filters or Filters()).order_by(*_agreement_order())
    result = session.execute(statement, execution_options={"yield_per": size})
    for rows in result.partitions():
        yield pd.DataFrame([row._asdict() for row in rows], columns=_agreement_columns())


def official_lists(session: Session) -> list[dict[str, Any]]:
    """Every imported official list: kind, as-of date, file, rows, when imported."""
    statement = sa.select(
        col(OfficialList.id), col(OfficialList.kind), col(OfficialList.as_of),
        col(OfficialList.as_of_source), col(OfficialList.file_name), col(OfficialList.rows),
        col(OfficialList.imported_at),
    ).order_by(col(OfficialList.as_of).desc(), col(OfficialList.kind))  # fmt: skip
    return [_plain(r) for r in session.execute(statement)]


def newest_import_report(session: Session) -> pd.DataFrame:
    """The import report (ImportNote rows) of the newest list of each kind, in row order."""
    newest = (
        sa.select(col(OfficialList.kind), func.max(col(OfficialList.as_of)).label("as_of"))
        .group_by(col(OfficialList.kind))
        .subquery()
    )
    statement = (
        sa.select(
            col(OfficialList.kind).label("list_kind"),
            col(OfficialList.as_of),
            *_cols(ImportNote, "row category field value message"),
        )
        .join(OfficialList, col(OfficialList.id) == col(ImportNote.official_list_id))
        .join(
            newest,
            sa.and_(
                newest.c.kind == col(OfficialList.kind), newest.c.as_of == col(OfficialList.as_of)
            ),
        )
        .order_by(col(OfficialList.kind), col(ImportNote.row), col(ImportNote.id))
    )
    columns = ["list_kind", "as_of", "row", "category", "field", "value", "message"]
    frame = pd.DataFrame([r._asdict() for r in session.execute(statement)], columns=columns)
    frame["row"] = frame["row"].astype("Int64")
    return frame


def points(session: Session, ocd_ids: tuple[str, ...]) -> dict[str, tuple[float, float]]:
    """(lon, lat) of each jurisdiction that has a point, by OCD id."""
    if not ocd_ids:
        return {}
    statement = sa.select(
        col(Jurisdiction.ocd_id), col(Jurisdiction.lon), col(Jurisdiction.lat)
    ).where(col(Jurisdiction.ocd_id).in_(ocd_ids), col(Jurisdiction.lat).is_not(None))
    return {ocd: (float(lon), float(lat)) for ocd, lon, lat in session.execute(statement)}
