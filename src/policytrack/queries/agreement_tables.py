"""The Data page's agreement tables: agreements by filter (a page, or every row in batches),
ICE's imported official lists and the newest import report, and jurisdictions' points."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy import func
from sqlmodel import Session, col

from policytrack.filters import Filters, agreement_conditions
from policytrack.models import Agency, Agreement, ImportNote, Jurisdiction, OfficialList
from policytrack.queries.record.shared import cols as _cols
from policytrack.queries.record.shared import plain as _plain


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


@dataclass(frozen=True, slots=True)
class OfficialListEntry:
    """One imported official list of ICE's (dates as ISO text)."""

    id: int
    kind: str
    as_of: str
    as_of_source: str
    file_name: str
    rows: int
    imported_at: str


def official_lists(session: Session) -> list[OfficialListEntry]:
    """Every imported official list: kind, as-of date, file, rows, when imported."""
    statement = sa.select(
        col(OfficialList.id), col(OfficialList.kind), col(OfficialList.as_of),
        col(OfficialList.as_of_source), col(OfficialList.file_name), col(OfficialList.rows),
        col(OfficialList.imported_at),
    ).order_by(col(OfficialList.as_of).desc(), col(OfficialList.kind))  # fmt: skip
    return [OfficialListEntry(**_plain(r)) for r in session.execute(statement)]


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
