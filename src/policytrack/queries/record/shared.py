"""What the record queries share: compact SELECT lists, rows as JSON-ready dicts, the sources
of records, capped lists with their totals, and the positions on a vote or agreement."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from sqlalchemy import func
from sqlmodel import Session, col

from policytrack.models import Position, PositionSource, Source, Stakeholder

RELATED_LIMIT = 50  # other votes / linked votes listed on a record page
LIST_LIMIT = 500  # votes, agreements and stakeholders listed on a jurisdiction page

_SOURCE_COLUMNS = (Source.key, Source.url, Source.title, Source.publisher, Source.citation)


def cols(table: Any, names: str) -> list[Any]:
    """Columns of a table by space-separated names, for compact SELECT lists."""
    return [col(getattr(table, name)) for name in names.split()]


def plain(row: Any) -> dict[str, Any]:
    """A result row as a dict of JSON-ready values (dates as ISO text, enums as text)."""
    return {str(k): _value(v) for k, v in row._asdict().items()}


def _value(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return str(value)  # StrEnum → its plain value
    return value


def sources_of(
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
        item = plain(row)
        found[item.pop("owner")].append(item)
    return found


def one(session: Session, statement: Any) -> dict[str, Any] | None:
    row = session.execute(statement).first()
    return None if row is None else plain(row)


def count(session: Session, statement: Any) -> int:
    return int(session.execute(sa.select(func.count()).select_from(statement.subquery())).one()[0])


def positions_on(session: Session, owner: Any, owner_id: int) -> list[dict[str, Any]]:
    """Positions on one vote or agreement, with their stakeholder and sources."""
    statement = (
        sa.select(
            col(Position.id),
            col(Stakeholder.key).label("stakeholder_key"),
            col(Stakeholder.name).label("stakeholder"),
            col(Stakeholder.kind).label("stakeholder_kind"),
            *cols(Position, "stance speaker role summary quote said_on"),
        )
        .join(Stakeholder, col(Stakeholder.id) == col(Position.stakeholder_id))
        .where(owner == owner_id, col(Position.retired).is_(False))
        .order_by(col(Position.id))
    )
    rows = [plain(row) for row in session.execute(statement)]
    found = sources_of(
        session, PositionSource, col(PositionSource.position_id), [r["id"] for r in rows]
    )
    for row in rows:
        row["sources"] = found.get(row.pop("id"), [])
    return rows
