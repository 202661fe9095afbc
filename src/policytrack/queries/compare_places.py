"""The places Compare can choose and the ones chosen: their labels (unique in pickers and
URLs), the chosen jurisdictions in the order asked, and the newest rows of each."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy import func
from sqlmodel import Session, col

from policytrack.models import Agency, Agreement, Jurisdiction, VoteEvent


@dataclass(frozen=True, slots=True)
class ChosenPlace:
    """A jurisdiction chosen for comparison (`kind` as its code, `label` as pickers show it)."""

    id: int
    ocd_id: str
    name: str
    state: str
    kind: str
    label: str


def jurisdiction_label(name: str, state: str) -> str:
    """How a jurisdiction is named in pickers and URLs: `Miami, FL`."""
    return f"{name}, {state}"


def jurisdiction_options(session: Session) -> dict[str, str]:
    """Label → OCD id of every jurisdiction with a vote or an agreement; labels are unique
    (a kind, then the OCD id, is added where two places would read the same)."""
    has_vote = sa.exists().where(col(VoteEvent.jurisdiction_id) == col(Jurisdiction.id))
    has_agreement = (
        sa.exists()
        .where(col(Agency.jurisdiction_id) == col(Jurisdiction.id))
        .where(col(Agreement.agency_id) == col(Agency.id))
    )
    statement = (
        sa.select(col(Jurisdiction.ocd_id), col(Jurisdiction.name), col(Jurisdiction.state),
                  col(Jurisdiction.kind))
        .where(sa.or_(has_vote, has_agreement))
        .order_by(col(Jurisdiction.name), col(Jurisdiction.state), col(Jurisdiction.ocd_id))
    )  # fmt: skip
    rows = [tuple(row) for row in session.execute(statement)]
    return unique_labels(rows)


def unique_labels(rows: list[tuple[Any, ...]]) -> dict[str, str]:
    """Label → OCD id for rows of (ocd_id, name, state, kind), each label distinct."""
    plain = Counter(jurisdiction_label(name, state) for _, name, state, _ in rows)
    with_kind = Counter(f"{jurisdiction_label(n, s)} ({k})" for _, n, s, k in rows)
    labels: dict[str, str] = {}
    for ocd_id, name, state, kind in rows:
        text = jurisdiction_label(name, state)
        if plain[text] > 1:
            text = f"{text} ({kind})"
            if with_kind[text] > 1:
                text = f"{text[:-1]}, {ocd_id.rsplit('/', 1)[-1]})"
        labels[text] = ocd_id
    return labels


def chosen_places(session: Session, ocd_ids: Sequence[str]) -> list[ChosenPlace]:
    """The jurisdictions of `ocd_ids` that exist, in the order asked, each once."""
    statement = sa.select(
        col(Jurisdiction.id), col(Jurisdiction.ocd_id), col(Jurisdiction.name),
        col(Jurisdiction.state), col(Jurisdiction.kind),
    ).where(col(Jurisdiction.ocd_id).in_(list(ocd_ids)))  # fmt: skip
    found = {
        row.ocd_id: ChosenPlace(
            id=row.id, ocd_id=row.ocd_id, name=row.name, state=row.state, kind=str(row.kind),
            label=jurisdiction_label(row.name, row.state),
        )
        for row in session.execute(statement)
    }  # fmt: skip
    return [found[ocd_id] for ocd_id in dict.fromkeys(ocd_ids) if ocd_id in found]


def newest_per_jurisdiction(
    statement: Any, partition: Any, order: Sequence[Any], limit: int
) -> Any:
    """Keep the first `limit` rows of each jurisdiction (ROW_NUMBER, SQLite and PostgreSQL)."""
    rank = func.row_number().over(partition_by=partition, order_by=list(order)).label("rank")
    ranked = statement.add_columns(rank).subquery()
    return sa.select(ranked).where(ranked.c.rank <= limit)
