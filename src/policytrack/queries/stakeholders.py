"""Who takes which side where: a stakeholder × jurisdiction stance matrix, a search over what
they said, and one stakeholder's record over time. Positions count through their vote, so the
shared filters apply; grouping, ranking and capping run in SQL."""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy import func
from sqlmodel import Session, col

from policytrack import text_search
from policytrack.filters import Filters, position_conditions
from policytrack.models import (
    Body,
    Jurisdiction,
    Position,
    PositionSource,
    Stakeholder,
    VoteEvent,
)
from policytrack.queries.compare import source_lists, unique_labels
from policytrack.queries.options import most_active_stakeholders

TOP_DEFAULT = 20
TOP_MAX = 100
COLUMN_LIMIT = 30  # jurisdictions shown as matrix columns (the total is counted)
SEARCH_LIMIT = 200
COUNT_CAP = 10_000  # counts stop here: "10,000 or more" is enough to say "narrow it"
RECORD_LIMIT = 500
CHOICE_LIMIT = 5_000  # stakeholders offered in the picker, the most active first
DISPUTED = "mixed/disputed"


def _on_votes(statement: Any) -> Any:
    on_vote = col(VoteEvent.id) == col(Position.vote_event_id)
    return statement.select_from(Position).join(VoteEvent, on_vote)


def stance_matrix(session: Session, filters: Filters, top: int = TOP_DEFAULT) -> dict[str, Any]:
    """The `top` stakeholders with most positions × the jurisdictions where they took them.

    `cells` has one row per (stakeholder, jurisdiction): `stance` is the stance there, or
    "mixed/disputed" when their positions there differ (`detail` lists them with counts).
    `stakeholders` and `jurisdictions` are the row and column labels in order; the totals
    say how many there are in all under the filters.
    """
    top = max(1, min(int(top), TOP_MAX))
    conditions = position_conditions(filters)
    counts = _counts_per(session, col(Position.stakeholder_id), conditions)
    ranked = _top_stakeholders(session, counts, top)
    if not ranked:
        return {"cells": pd.DataFrame(), "stakeholders": [], "jurisdictions": [],
                "stakeholders_total": 0, "jurisdictions_total": 0}  # fmt: skip
    ids = [row["id"] for row in ranked]
    columns, columns_total = _top_jurisdictions(session, conditions, ids)
    cells = _cells(session, conditions, ids, [c["id"] for c in columns])
    by_id = {row["id"]: row["label"] for row in ranked}
    places = {c["id"]: c["label"] for c in columns}
    rows = [
        {"stakeholder": by_id[s], "jurisdiction": places[j], **cell}
        for (s, j), cell in cells.items()
    ]
    frame = pd.DataFrame(
        rows, columns=["stakeholder", "jurisdiction", "stance", "detail", "positions"]
    )
    return {
        "cells": frame,
        "stakeholders": [row["label"] for row in ranked],
        "positions": {row["label"]: row["positions"] for row in ranked},
        "jurisdictions": [c["label"] for c in columns],
        "stakeholders_total": len(counts),
        "jurisdictions_total": columns_total,
    }


def _counts_per(session: Session, column: Any, conditions: list[Any]) -> dict[int, int]:
    """Positions per value of `column` (stakeholder or place id) under the conditions: one
    GROUP BY on a covering index, at most ~22,000 rows back. Ranking and counting them here
    reads the positions once (at 1M votes each pass over 3M positions costs ~0.3 s)."""
    statement = sa.select(column, func.count()).where(*conditions).group_by(column)
    return {int(key): int(n) for key, n in session.execute(statement) if key is not None}


def _busiest(counts: dict[int, int], top: int) -> list[int]:
    """The ids with the `top` largest counts, and every id tied with the last of them (the
    caller breaks those ties by name)."""
    if len(counts) <= top:
        return list(counts)
    floor = sorted(counts.values(), reverse=True)[top - 1]
    return [key for key, n in counts.items() if n >= floor]


def _top_stakeholders(session: Session, counts: dict[int, int], top: int) -> list[dict[str, Any]]:
    """The `top` stakeholders by positions (ties at the cut: the lower id, as the sidebar
    ranks them), labelled and shown by positions, then name and key."""
    chosen = [key for key, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
    chosen = chosen[:top]
    statement = sa.select(col(Stakeholder.id), col(Stakeholder.key), col(Stakeholder.name))
    found: Any = session.execute(statement.where(col(Stakeholder.id).in_(chosen))) if chosen else []
    rows = [{**row._asdict(), "positions": counts[row.id]} for row in found]
    rows.sort(key=lambda row: (-row["positions"], row["name"], row["key"]))
    names = Counter(row["name"] for row in rows)
    for row in rows:
        # Two stakeholders may share a name; the key tells them apart.
        row["label"] = row["name"] if names[row["name"]] == 1 else f"{row['name']} ({row['key']})"
    return rows


def _top_jurisdictions(
    session: Session, conditions: list[Any], stakeholder_ids: list[int]
) -> tuple[list[dict[str, Any]], int]:
    """The COLUMN_LIMIT places where the chosen stakeholders took most positions (then by
    name and OCD id), labelled, and how many places there are in all."""
    chosen = [*conditions, col(Position.stakeholder_id).in_(stakeholder_ids)]
    counts = _counts_per(session, col(Position.jurisdiction_id), chosen)
    candidates = _busiest(counts, COLUMN_LIMIT)
    place = (col(Jurisdiction.id), col(Jurisdiction.ocd_id), col(Jurisdiction.name),
             col(Jurisdiction.state), col(Jurisdiction.kind))  # fmt: skip
    rows = (
        list(session.execute(sa.select(*place).where(col(Jurisdiction.id).in_(candidates))))
        if candidates
        else []
    )
    rows.sort(key=lambda r: (-counts[r[0]], r[2], r[1]))
    rows = rows[:COLUMN_LIMIT]
    labels = {ocd: label for label, ocd in unique_labels([tuple(r[1:5]) for r in rows]).items()}
    return [{"id": r[0], "label": labels[r[1]]} for r in rows], len(counts)


def _cells(
    session: Session, conditions: list[Any], stakeholder_ids: list[int], place_ids: list[int]
) -> dict[tuple[int, int], dict[str, Any]]:
    holder, place, stance = (
        col(Position.stakeholder_id), col(Position.jurisdiction_id), col(Position.stance)
    )  # fmt: skip
    statement = (
        sa.select(holder, place, stance, func.count())
        .where(*conditions, holder.in_(stakeholder_ids), place.in_(place_ids))
        .group_by(holder, place, stance)
    )
    stances: dict[tuple[int, int], dict[str, int]] = defaultdict(dict)
    for stakeholder_id, place_id, found, count in session.execute(statement):
        stances[(stakeholder_id, place_id)][str(found)] = int(count)
    return {pair: cell_stance(found) for pair, found in stances.items()}


def cell_stance(stances: dict[str, int]) -> dict[str, Any]:
    """One matrix cell from the stances a stakeholder took in one place (stance → count)."""
    detail = ", ".join(f"{stance} ×{n}" for stance, n in sorted(stances.items()))
    stance = next(iter(stances)) if len(stances) == 1 else DISPUTED
    return {"stance": stance, "detail": detail, "positions": sum(stances.values())}


_ROW_COLUMNS = (
    "position_key", "stakeholder", "speaker", "role", "stance", "jurisdiction", "state",
    "vote_date", "vote_key", "outcome", "summary", "quote",
)  # fmt: skip


def _position_rows() -> Any:
    return (
        _on_votes(
            sa.select(
                col(Position.id), col(Position.key).label("position_key"),
                col(Stakeholder.name).label("stakeholder"), col(Position.speaker),
                col(Position.role), col(Position.stance),
                col(Jurisdiction.name).label("jurisdiction"), col(Jurisdiction.state),
                col(VoteEvent.vote_date), col(VoteEvent.key).label("vote_key"),
                col(VoteEvent.outcome), col(VoteEvent.motion_text).label("measure"),
                col(Body.name).label("body"), col(Position.summary), col(Position.quote),
            )
        )
        .join(Stakeholder, col(Stakeholder.id) == col(Position.stakeholder_id))
        .join(Jurisdiction, col(Jurisdiction.id) == col(VoteEvent.jurisdiction_id))
        .join(Body, col(Body.id) == col(VoteEvent.body_id))
    )  # fmt: skip


def _frame(session: Session, statement: Any) -> pd.DataFrame:
    rows = [dict(row._asdict()) for row in session.execute(statement)]
    sources = source_lists(
        session, PositionSource, PositionSource.position_id, [r["id"] for r in rows]
    )
    for row in rows:
        row["jurisdiction"] = f"{row['jurisdiction']}, {row.pop('state')}"
        row.update(stance=str(row["stance"]), outcome=str(row["outcome"]))
        row["sources"] = sources.get(row.pop("id"), [])
        row["first_source"] = next((s for s in row["sources"] if _is_http(s)), None)
    columns = [c for c in _ROW_COLUMNS if c != "state"]
    return pd.DataFrame(rows, columns=[*columns, "measure", "body", "sources", "first_source"])


def _is_http(url: str) -> bool:
    return url.strip().lower().startswith(("http://", "https://"))


def _capped_count(session: Session, found: Any) -> int:
    inner = found.limit(COUNT_CAP + 1).subquery()
    return int(session.execute(sa.select(func.count()).select_from(inner)).scalar_one())


def search_positions(
    session: Session, filters: Filters, text: str, limit: int = SEARCH_LIMIT
) -> dict[str, Any]:
    """Positions whose summary or quote contains `text` (plain text: `%`, `_`, quotes and SQL
    are matched literally), newest vote first; `total` counts to 10,001 at most."""
    text = text.strip()
    if not text:
        return {"total": 0, "rows": _frame(session, _position_rows().where(sa.false()))}
    matches = text_search.matches(text)
    conditions = [*position_conditions(filters), matches]
    found = sa.select(col(Position.id)).where(*conditions)
    newest = (col(Position.vote_date).desc().nulls_last(), col(Position.id).desc())
    total = _capped_count(session, found)
    return {"total": total, "rows": _first(session, found, newest, min(limit, SEARCH_LIMIT))}


def _first(session: Session, found: Any, order: tuple[Any, ...], limit: int) -> pd.DataFrame:
    """The first `limit` positions of `found` in `order`, with everything shown about them.

    Ordering and limiting run on the position's own columns first: at 1M votes joining every
    match (900,000 for a common word) to its vote, place and body before sorting took 2.7 s."""
    ids = found.order_by(*order).limit(max(1, int(limit))).subquery()
    chosen = col(Position.id).in_(sa.select(ids.c.id))
    return _frame(session, _position_rows().where(chosen).order_by(*order))


def stakeholder_choices(session: Session) -> dict[str, str]:
    """Label → key of the stakeholders with positions (the most active 5,000), by name;
    a shared name gets the key added so every label is distinct."""
    active = most_active_stakeholders(CHOICE_LIMIT)
    statement = sa.select(col(Stakeholder.key), col(Stakeholder.name)).join(
        active, active.c.stakeholder_id == col(Stakeholder.id)
    )
    rows = sorted(session.execute(statement), key=lambda row: (row[1].casefold(), row[0]))
    names = Counter(name for _, name in rows)
    return {(name if names[name] == 1 else f"{name} ({key})"): key for key, name in rows}


def stakeholder_record(
    session: Session, filters: Filters, key: str, limit: int = RECORD_LIMIT
) -> dict[str, Any]:
    """One stakeholder's positions under the filters, oldest vote first (first `limit`)."""
    found = session.execute(
        sa.select(col(Stakeholder.id), col(Stakeholder.name), col(Stakeholder.kind)).where(
            col(Stakeholder.key) == key
        )
    ).first()
    if found is None:
        return {"name": None, "kind": None, "total": 0, "rows": pd.DataFrame()}
    if filters.stakeholder == key:
        # Their own positions are on votes where they took one: the filter adds nothing
        # but a pass over every such vote (1.9 s for the busiest of 20,000 at 1M votes).
        filters = dataclasses.replace(filters, stakeholder=None)
    conditions = [*position_conditions(filters), col(Position.stakeholder_id) == found.id]
    positions = sa.select(col(Position.id)).where(*conditions)
    oldest = (col(Position.vote_date).asc().nulls_last(), col(Position.id))
    count = sa.select(func.count()).select_from(Position).where(*conditions)
    total = session.execute(count).scalar_one()
    rows = _first(session, positions, oldest, min(limit, RECORD_LIMIT))
    return {"name": found.name, "kind": str(found.kind), "total": int(total), "rows": rows}
