"""Compare's agreements: the first few of each chosen jurisdiction under the filters (active
first, then newest signed), each with its sources."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col

from policytrack.filters import Filters
from policytrack.models import Agency, Agreement, AgreementSource
from policytrack.queries.compare_places import newest_per_jurisdiction
from policytrack.queries.compare_summary import agreement_conditions_of
from policytrack.queries.source_lists import source_lists
from policytrack.vocab import MODEL_LABELS, AgreementStatus, Model287g

AGREEMENT_LIMIT = 10  # agreements shown per jurisdiction


@dataclass(frozen=True, slots=True)
class ComparedAgreement:
    """An agreement of an agency of a compared jurisdiction (`model` as its label)."""

    key: str
    agency: str
    model: str
    status: str
    signed_on: dt.date | None
    moa_url: str | None
    last_seen: dt.date | None
    sources: tuple[str, ...]


def first_agreements(
    session: Session, filters: Filters, ids: list[int]
) -> dict[int, list[ComparedAgreement]]:
    """The first `AGREEMENT_LIMIT` agreements under the filters of each jurisdiction id."""
    if not ids:
        return {}
    statement: Any = (
        sa.select(
            col(Agency.jurisdiction_id), col(Agreement.id), col(Agreement.key),
            col(Agency.name).label("agency"), col(Agreement.model), col(Agreement.status),
            col(Agreement.signed_on), col(Agreement.moa_url), col(Agreement.last_seen),
        )
        .join(Agency, col(Agency.id) == col(Agreement.agency_id))
        .where(col(Agency.jurisdiction_id).in_(ids), *agreement_conditions_of(filters))
    )  # fmt: skip
    active_first = sa.case((col(Agreement.status) == AgreementStatus.ACTIVE.value, 0), else_=1)
    order = (active_first, col(Agreement.signed_on).desc().nulls_last(), col(Agreement.key))
    newest = newest_per_jurisdiction(statement, Agency.jurisdiction_id, order, AGREEMENT_LIMIT)
    rows = [dict(row._asdict()) for row in session.execute(newest)]
    rows.sort(key=lambda r: (r["jurisdiction_id"], r["rank"]))
    sources = source_lists(
        session, AgreementSource, AgreementSource.agreement_id, [r["id"] for r in rows]
    )
    found: dict[int, list[ComparedAgreement]] = defaultdict(list)
    for row in rows:
        row.pop("rank")
        row["model"] = MODEL_LABELS[Model287g(str(row["model"]))]
        row["status"] = str(row["status"])
        row["sources"] = tuple(sources.get(row.pop("id"), []))
        jurisdiction_id = row.pop("jurisdiction_id")
        found[jurisdiction_id].append(ComparedAgreement(**row))
    return found
