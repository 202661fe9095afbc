"""GeoJSON of the rows a page shows: one Feature per row at its jurisdiction's point. A row
whose jurisdiction has no point is kept as a Feature with `geometry: null` (RFC 7946 allows
it) and counted in the collection's `rows_without_point`, never dropped silently."""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

import pandas as pd
from sqlmodel import Session

from policytrack.filters import Filters
from policytrack.queries.record import agreement_table, points
from policytrack.queries.records import vote_table

VOTE_PROPERTIES = (
    "key", "vote_date", "state", "jurisdiction", "ocd_id", "body", "motion_text", "topic",
    "model", "action", "outcome", "yes", "no", "abstain", "absent", "confidence", "sources",
)  # fmt: skip
AGREEMENT_PROPERTIES = (
    "key", "state", "agency", "agency_type", "jurisdiction", "ocd_id", "model", "signed_on",
    "status", "list_kind", "first_seen", "last_seen", "moa_url",
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


def feature_collection(
    frame: pd.DataFrame, where: dict[str, tuple[float, float]], columns: tuple[str, ...]
) -> dict[str, Any]:
    """A FeatureCollection with one Feature per row of `frame` (point by `ocd_id`)."""
    features, without = [], []
    for row in frame.to_dict("records") if not frame.empty else []:
        point = where.get(str(row.get("ocd_id")))
        properties = {c: _clean(row.get(c)) for c in columns}
        properties["has_point"] = point is not None
        if point is None:
            without.append(properties["key"])
        geometry = {"type": "Point", "coordinates": list(point)} if point else None
        features.append({"type": "Feature", "geometry": geometry, "properties": properties})
    return {
        "type": "FeatureCollection",
        "features": features,
        "rows": len(features),
        "rows_without_point": len(without),
        "keys_without_point": without,
    }


def ocd_ids(frame: pd.DataFrame) -> tuple[str, ...]:
    """The distinct OCD ids of a table's rows, sorted (the argument of `record.points`)."""
    if frame.empty:
        return ()
    return tuple(sorted({str(o) for o in frame["ocd_id"].dropna()}))


def rows_without_point(frame: pd.DataFrame, where: dict[str, tuple[float, float]]) -> int:
    """How many rows `feature_collection` would keep with no geometry."""
    if frame.empty:
        return 0
    return int((~frame["ocd_id"].astype(str).isin(list(where))).sum())


def _points_for(session: Session, frame: pd.DataFrame) -> dict[str, tuple[float, float]]:
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


def dumps(collection: dict[str, Any]) -> str:
    """GeoJSON text for a download."""
    return json.dumps(collection, ensure_ascii=False, indent=1) + "\n"
