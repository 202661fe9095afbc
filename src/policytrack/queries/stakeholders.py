"""Who takes which side where: a stakeholder × jurisdiction stance matrix, a search over what
they said, and one stakeholder's record over time. Positions count through their vote, so the
shared filters apply; grouping, ranking and capping run in SQL."""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from dataclasses import dataclass
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
from policytrack.queries.alongside import alongside
from policytrack.queries.compare_places import unique_labels
from policytrack.queries.options import Totals, most_active
from policytrack.queries.source_lists import source_lists

TOP_DEFAULT = 20
TOP_MAX = 100
COLUMN_LIMIT = 30  # jurisdictions shown as matrix columns (the total is counted)
SEARCH_LIMIT = 200
COUNT_CAP = 10_000  # counts stop here: "10,000 or more" is enough to say "narrow it"
RECORD_LIMIT = 500
CHOICE_LIMIT = 5_000  # stakeholders offered in the picker, the most active first
DISPUTED = "mixed/disputed"
# Filters under which the matrix ranks stakeholders from the busiest down (see
# `_walk_from_the_top`): the broad ones, read from each position's own copies. A state,
# stakeholder or search filter matches few positions: one pass over those is cheaper.
WALKED_FILTERS = {"topics", "actions", "outcomes", "models", "kinds", "date_from", "date_to"}
WALK_CHUNK = 16  # stakeholders counted by the first statements
WALK_BUDGET = 0.6  # share of all positions the walk may be predicted to read (see below)


@dataclass(frozen=True, slots=True, eq=False)
class StanceMatrix:
    """The stakeholders with most positions × the places where they took them (see
    `stance_matrix`): `cells` (stakeholder, jurisdiction, stance, detail, positions), the row
    and column labels in order, each row's positions, and how many there are in all."""

    cells: pd.DataFrame
    stakeholders: tuple[str, ...]
    positions: dict[str, int]
    jurisdictions: tuple[str, ...]
    stakeholders_total: int
    jurisdictions_total: int


@dataclass(frozen=True, slots=True, eq=False)
class FoundPositions:
    """Positions found (the first rows, everything shown about each) and how many in all."""

    total: int
    rows: pd.DataFrame


@dataclass(frozen=True, slots=True, eq=False)
class StakeholderPositions:
    """One stakeholder's positions under the filters (`name` None: no such stakeholder)."""

    name: str | None
    kind: str | None
    total: int
    rows: pd.DataFrame


def _on_votes(statement: Any) -> Any:
    on_vote = col(VoteEvent.id) == col(Position.vote_event_id)
    return statement.select_from(Position).join(VoteEvent, on_vote)


def stance_matrix(
    session: Session, filters: Filters, top: int = TOP_DEFAULT, totals: Totals | None = None
) -> StanceMatrix:
    """The `top` stakeholders with most positions × the jurisdictions where they took them.

    `cells` has one row per (stakeholder, jurisdiction): `stance` is the stance there, or
    "mixed/disputed" when their positions there differ (`detail` lists them with counts).
    `stakeholders` and `jurisdictions` are the row and column labels in order; the totals
    say how many there are in all under the filters. `totals` (from
    `options.position_totals`) lets broad filters rank without reading every position; the
    result is the same.
    """
    top = max(1, min(int(top), TOP_MAX))
    conditions = position_conditions(filters)
    counts, stakeholders_total = _stakeholder_counts(session, filters, conditions, top, totals)
    ranked = _top_stakeholders(session, counts, top)
    if not ranked:
        return StanceMatrix(pd.DataFrame(), (), {}, (), 0, 0)
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
    return StanceMatrix(
        cells=frame,
        stakeholders=tuple(row["label"] for row in ranked),
        positions={row["label"]: row["positions"] for row in ranked},
        jurisdictions=tuple(c["label"] for c in columns),
        stakeholders_total=stakeholders_total,
        jurisdictions_total=columns_total,
    )


def _stakeholder_counts(
    session: Session, filters: Filters, conditions: list[Any], top: int, totals: Totals | None
) -> tuple[dict[int, int], int]:
    """Positions per stakeholder under the conditions, for at least every stakeholder that
    can rank in the `top` (ties included), and how many stakeholders have any."""
    holder = col(Position.stakeholder_id)
    if totals is not None and not filters.active():
        cut = int(totals[min(top, len(totals)) - 1, 1]) if len(totals) else 0
        return {int(key): int(n) for key, n in totals[totals[:, 1] >= cut]}, len(totals)
    if totals is not None and filters.active().keys() <= WALKED_FILTERS:
        # How many have any is independent of the ranking: counted on the other core.
        with_any = alongside(session, lambda own: _stakeholders_with_any(own, conditions))
        walked = _walk_from_the_top(session, conditions, totals, top)
        if walked is not None:
            return walked, with_any()
        with_any()  # not needed after all; let it finish before this session goes on
    counts = _counts_per(session, holder, conditions)
    return counts, len(counts)


def _walk_from_the_top(
    session: Session, conditions: list[Any], totals: Totals, top: int
) -> dict[int, int] | None:
    """Positions under the conditions of the stakeholders in the order of their totals, up
    to the first whose total is below the `top`-th count found: neither they nor anyone after
    can reach or tie it, so the ranking equals one over everyone. At 1M votes a topic, action
    or date filter reads 0.8-1.0M of the 3M positions this way (simulated on the bench
    database), where one pass reads them all. Measured there (walk and the count of
    stakeholders with any, against one pass): one topic or action 0.3-0.6 s against
    0.7-1.0 s; a topic and an action predicted to read 0.55-0.64 of the positions 0.5-0.6 s
    against 0.6-0.8 s; predicted 0.67-0.82, the walk lost (0.8 s against 0.6 s).

    None (count everyone in one pass instead) when a sample of the stakeholders around the
    cut says the walk would read more than WALK_BUDGET of all positions (a filter that
    keeps few positions: the cut falls low), or when a stakeholder has more positions than
    their total (totals out of date)."""
    if len(totals) <= top:
        return None
    found: dict[int, int] = {}
    sample = totals[top - 1 : top - 1 + WALK_CHUNK]
    if not _count_chunk(session, conditions, sample, found):
        return None
    kept = sum(found.values()) / max(1, int(sample[:, 1].sum()))
    likely_cut = kept * int(totals[top - 1, 1])
    if int(totals[totals[:, 1] >= likely_cut, 1].sum()) > WALK_BUDGET * int(totals[:, 1].sum()):
        return None
    counted, start = set(found), 0
    while start < len(totals):
        # Chunks double: the quiet stakeholders far down are many but hold few positions,
        # and a statement per 16 of them cost more than their positions (3,000 walked).
        chunk = totals[start : start + max(WALK_CHUNK, start)]
        if len(found) >= top and int(chunk[0, 1]) < sorted(found.values())[-top]:
            break
        fresh = chunk[[int(key) not in counted for key in chunk[:, 0]]]
        if len(fresh) and not _count_chunk(session, conditions, fresh, found):
            return None
        start += len(chunk)
    return found


def _count_chunk(
    session: Session, conditions: list[Any], chunk: Totals, found: dict[int, int]
) -> bool:
    """Add the chunk's stakeholders' positions under the conditions to `found` (those with
    any); False when one has more than their total."""
    holder = col(Position.stakeholder_id)
    bounds = {int(key): int(n) for key, n in chunk}
    counted = _counts_per(session, holder, [*conditions, holder.in_(list(bounds))])
    found.update(counted)
    return all(n <= bounds[key] for key, n in counted.items())


def _stakeholders_with_any(session: Session, conditions: list[Any]) -> int:
    """How many stakeholders have a position under the conditions: one probe each, which
    stops at their first match (the walked filters match most stakeholders early)."""
    has_any = sa.select(col(Position.id)).where(
        col(Position.stakeholder_id) == col(Stakeholder.id), *conditions
    )
    statement = sa.select(func.count()).select_from(Stakeholder).where(has_any.exists())
    return int(session.execute(statement).scalar_one())


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
) -> FoundPositions:
    """Positions whose summary or quote contains `text` (plain text: `%`, `_`, quotes and SQL
    are matched literally), newest vote first; `total` counts to 10,001 at most."""
    text = text.strip()
    if not text:
        return FoundPositions(0, _frame(session, _position_rows().where(sa.false())))
    matches = text_search.matches(text)
    conditions = [*position_conditions(filters), matches]
    found = sa.select(col(Position.id)).where(*conditions)
    newest = (col(Position.vote_date).desc().nulls_last(), col(Position.id).desc())
    total = _capped_count(session, found)
    return FoundPositions(total, _first(session, found, newest, min(limit, SEARCH_LIMIT)))


def _first(session: Session, found: Any, order: tuple[Any, ...], limit: int) -> pd.DataFrame:
    """The first `limit` positions of `found` in `order`, with everything shown about them.

    Ordering and limiting run on the position's own columns first: at 1M votes joining every
    match (900,000 for a common word) to its vote, place and body before sorting took 2.7 s."""
    ids = found.order_by(*order).limit(max(1, int(limit))).subquery()
    chosen = col(Position.id).in_(sa.select(ids.c.id))
    return _frame(session, _position_rows().where(chosen).order_by(*order))


def stakeholder_choices(session: Session, totals: Totals | None = None) -> dict[str, str]:
    """Label → key of the stakeholders with positions (the most active 5,000, from `totals`
    when given), by name; a shared name gets the key added so every label is distinct."""
    active = most_active(session, CHOICE_LIMIT, totals)
    statement = sa.select(col(Stakeholder.key), col(Stakeholder.name)).where(
        col(Stakeholder.id).in_(active)
    )
    rows = sorted(session.execute(statement), key=lambda row: (row[1].casefold(), row[0]))
    names = Counter(name for _, name in rows)
    return {(name if names[name] == 1 else f"{name} ({key})"): key for key, name in rows}


def stakeholder_record(
    session: Session, filters: Filters, key: str, limit: int = RECORD_LIMIT
) -> StakeholderPositions:
    """One stakeholder's positions under the filters, oldest vote first (first `limit`)."""
    found = session.execute(
        sa.select(col(Stakeholder.id), col(Stakeholder.name), col(Stakeholder.kind)).where(
            col(Stakeholder.key) == key
        )
    ).first()
    if found is None:
        return StakeholderPositions(None, None, 0, pd.DataFrame())
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
    return StakeholderPositions(found.name, str(found.kind), int(total), rows)
