"""The coverage worklist (issue 14 §2): agreements on ICE's current lists (active or pending)
that no vote on record concerns — the places a reporter should call — counted by state and
listed. "No vote on record" means no live (not retired) vote is linked to the agreement,
as its record page's "Votes on this agreement" shows; removed agreements are left out."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlmodel import Session, col

from policytrack.filters import Filters, agreement_conditions
from policytrack.models import Agency, Agreement, Jurisdiction, VoteEvent
from policytrack.vocab import AgreementStatus

LISTED = (AgreementStatus.ACTIVE, AgreementStatus.PENDING)  # on ICE's newest lists
BY_STATE_COLUMNS = ["state", "listed", "with_vote", "without_vote"]


def _voted() -> Any:
    """The agreements some live vote is linked to."""
    return (
        sa.select(col(VoteEvent.agreement_id).label("agreement_id"))
        .where(col(VoteEvent.agreement_id).is_not(None), col(VoteEvent.retired).is_(False))
        .distinct()
    )


def _listed(filters: Filters) -> list[sa.ColumnElement[bool]]:
    """Listed agreements the agreement filters select (state, model, kind, search). The
    dates are not applied: they bound the days of change on the Changes page, and the
    worklist is what is listed now."""
    chosen = replace(filters.for_agreements(), date_from=None, date_to=None)
    return [col(Agreement.status).in_(LISTED), *agreement_conditions(chosen)]


def _unvoted(filters: Filters) -> list[sa.ColumnElement[bool]]:
    return [*_listed(filters), col(Agreement.id).not_in(_voted())]


def coverage_by_state(session: Session, filters: Filters | None = None) -> pd.DataFrame:
    """Per state: agreements listed, how many a vote on record concerns, how many none
    (most without first, then by state)."""
    voted = _voted().subquery()
    statement = (
        sa.select(
            col(Agreement.state),
            sa.func.count().label("listed"),
            sa.func.count(voted.c.agreement_id).label("with_vote"),
        )
        .outerjoin(voted, voted.c.agreement_id == col(Agreement.id))
        .where(*_listed(filters or Filters()))
        .group_by(col(Agreement.state))
    )
    rows = [
        {"state": state, "listed": int(n), "with_vote": int(v), "without_vote": int(n) - int(v)}
        for state, n, v in session.execute(statement)
    ]
    rows.sort(key=lambda r: (-r["without_vote"], r["state"]))
    return pd.DataFrame(rows, columns=BY_STATE_COLUMNS)


def _unvoted_base(filters: Filters) -> Any:
    return (
        sa.select(
            col(Agreement.key),
            col(Agreement.state),
            col(Agency.name).label("agency"),
            col(Agency.kind).label("agency_type"),
            col(Jurisdiction.name).label("jurisdiction"),
            col(Agreement.model),
            col(Agreement.signed_on),
            col(Agreement.status),
            col(Agreement.moa_url),
        )
        .join(Agency, col(Agency.id) == col(Agreement.agency_id))
        .outerjoin(Jurisdiction, col(Jurisdiction.id) == col(Agency.jurisdiction_id))
        .where(*_unvoted(filters))
        .order_by(col(Agreement.state), col(Agency.name), col(Agreement.key))
    )


UNVOTED_COLUMNS = [c.name for c in _unvoted_base(Filters()).selected_columns]


def count_unvoted(session: Session, filters: Filters | None = None) -> int:
    """How many listed agreements the filters select have no vote on record."""
    statement = sa.select(sa.func.count()).select_from(Agreement)
    return int(session.execute(statement.where(*_unvoted(filters or Filters()))).scalar_one())


def unvoted_agreements(
    session: Session, filters: Filters | None = None, *, limit: int | None = None
) -> pd.DataFrame:
    """Listed agreements with no vote on record, by state and agency."""
    statement = _unvoted_base(filters or Filters())
    if limit is not None:
        statement = statement.limit(limit)
    rows = [row._asdict() for row in session.execute(statement)]
    return pd.DataFrame(rows, columns=UNVOTED_COLUMNS)


def unvoted_batches(
    session: Session, filters: Filters | None = None, *, size: int = 5000
) -> Iterator[pd.DataFrame]:
    """Every one of them, in the same order, as frames of up to `size` rows (downloads)."""
    statement = _unvoted_base(filters or Filters())
    result = session.execute(statement, execution_options={"yield_per": size})
    for rows in result.partitions():
        yield pd.DataFrame([row._asdict() for row in rows], columns=UNVOTED_COLUMNS)
