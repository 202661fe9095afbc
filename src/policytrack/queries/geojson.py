"""GeoJSON of the rows a page shows: one Feature per row at its jurisdiction's point. A row
whose jurisdiction has no point is kept as a Feature with `geometry: null` (RFC 7946 allows
it) and counted in the collection's `rows_without_point`, never dropped silently."""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable, Iterator
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy import func
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from policytrack.filters import Filters, agreement_conditions, vote_conditions
from policytrack.models import Agency, Agreement, Jurisdiction, VoteEvent
from policytrack.queries.agreement_tables import agreement_batches, agreement_table, points
from policytrack.queries.records import vote_batches, vote_table

VOTE_PROPERTIES = (
    "key", "vote_date", "state", "jurisdiction", "jurisdiction_kind", "ocd_id", "body",
    "motion_text", "topic", "model", "action", "outcome", "yes", "no", "abstain", "absent",
    "confidence", "disputed", "agreement", "sources", "record",
)  # fmt: skip
AGREEMENT_PROPERTIES = (
    "key", "state", "agency", "agency_type", "jurisdiction", "ocd_id", "model", "signed_on",
    "status", "list_kind", "first_seen", "last_seen", "moa_url", "record",
)  # fmt: skip


def _clean(value: Any) -> Any:
    """A cell as a JSON value: missing → null, dates → ISO text, numpy numbers → Python."""
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    return str(value) if isinstance(value, str) else value


Points = dict[str, tuple[float, float]]


def _features(
    frame: pd.DataFrame, where: Points, columns: tuple[str, ...]
) -> Iterator[dict[str, Any]]:
    """One Feature per row of `frame`, at its point by `ocd_id` (None where it has none)."""
    for row in frame.to_dict("records") if not frame.empty else []:
        point = where.get(str(row.get("ocd_id")))
        properties = {c: _clean(row.get(c)) for c in columns}
        properties["has_point"] = point is not None
        geometry = {"type": "Point", "coordinates": list(point)} if point else None
        yield {"type": "Feature", "geometry": geometry, "properties": properties}


def feature_collection(
    frame: pd.DataFrame, where: Points, columns: tuple[str, ...]
) -> dict[str, Any]:
    """A FeatureCollection with one Feature per row of `frame` (point by `ocd_id`)."""
    features = list(_features(frame, where, columns))
    without = [f["properties"]["key"] for f in features if f["geometry"] is None]
    return {
        "type": "FeatureCollection",
        "features": features,
        "rows": len(features),
        "rows_without_point": len(without),
        "keys_without_point": without,
    }


def collection_lines(
    parts: Iterable[tuple[pd.DataFrame, Points]], columns: tuple[str, ...]
) -> Iterator[str]:
    """`feature_collection` of many frames (each with its points) written feature by
    feature: the same document, for downloads of every row."""
    yield '{"type": "FeatureCollection", "features": ['
    rows, without = 0, []
    for frame, where in parts:
        for feature in _features(frame, where, columns):
            text = json.dumps(feature, ensure_ascii=False, indent=1).replace("\n", "\n ")
            yield ("," if rows else "") + "\n " + text
            rows += 1
            if feature["geometry"] is None:
                without.append(feature["properties"]["key"])
    tail = {"rows": rows, "rows_without_point": len(without), "keys_without_point": without}
    yield "\n], " + json.dumps(tail, ensure_ascii=False)[1:] + "\n"


def ocd_ids(frame: pd.DataFrame) -> tuple[str, ...]:
    """The distinct OCD ids of a table's rows, sorted (the argument of `record.points`)."""
    if frame.empty:
        return ()
    return tuple(sorted({str(o) for o in frame["ocd_id"].dropna()}))


def rows_without_point(frame: pd.DataFrame, where: Points) -> int:
    """How many rows `feature_collection` would keep with no geometry."""
    if frame.empty:
        return 0
    return int((~frame["ocd_id"].astype(str).isin(list(where))).sum())


def _points_for(session: Session, frame: pd.DataFrame) -> Points:
    return points(session, ocd_ids(frame))


def votes(
    session: Session, filters: Filters | None = None, *, limit: int | None = None
) -> dict[str, Any]:
    """The filtered votes (same order and limit as the votes table) as GeoJSON."""
    frame = vote_table(session, filters, limit=limit)
    return feature_collection(frame, _points_for(session, frame), VOTE_PROPERTIES)


def agreements(
    session: Session, filters: Filters | None = None, *, limit: int | None = None
) -> dict[str, Any]:
    """The filtered agreements (same order and limit as the agreements table) as GeoJSON."""
    frame = agreement_table(session, filters, limit=limit)
    return feature_collection(frame, _points_for(session, frame), AGREEMENT_PROPERTIES)


def vote_parts(
    session: Session, filters: Filters | None = None, *, size: int = 5000
) -> Iterator[tuple[pd.DataFrame, Points]]:
    """Every vote the filters select in batches, each with its places' points."""
    for frame in vote_batches(session, filters, size=size):
        yield frame, _points_for(session, frame)


def agreement_parts(
    session: Session, filters: Filters | None = None, *, size: int = 5000
) -> Iterator[tuple[pd.DataFrame, Points]]:
    """Every agreement the filters select in batches, each with its places' points."""
    for frame in agreement_batches(session, filters, size=size):
        yield frame, _points_for(session, frame)


def votes_without_point(session: Session, filters: Filters | None = None) -> int:
    """How many votes the filters select sit in a place with no map point."""
    place = aliased(Jurisdiction)
    statement = (
        sa.select(func.count())
        .select_from(VoteEvent)
        .join(place, col(place.id) == col(VoteEvent.jurisdiction_id))
        .where(*vote_conditions(filters or Filters()))
        .where(sa.or_(col(place.lat).is_(None), col(place.lon).is_(None)))
    )
    return int(session.execute(statement).scalar_one())


def agreements_without_point(session: Session, filters: Filters | None = None) -> int:
    """How many agreements the filters select belong to an agency with no placed point."""
    agency, place = aliased(Agency), aliased(Jurisdiction)
    statement = (
        sa.select(func.count())
        .select_from(Agreement)
        .join(agency, col(agency.id) == col(Agreement.agency_id))
        .outerjoin(place, col(place.id) == col(agency.jurisdiction_id))
        .where(*agreement_conditions(filters or Filters()))
        .where(sa.or_(col(place.lat).is_(None), col(place.lon).is_(None)))
    )
    return int(session.execute(statement).scalar_one())


def dumps(collection: dict[str, Any]) -> str:
    """GeoJSON text for a download."""
    return json.dumps(collection, ensure_ascii=False, indent=1) + "\n"
