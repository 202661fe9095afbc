"""What the record queries share: compact SELECT lists, rows as JSON-ready values, the
sources of records, capped lists with their totals, and the positions on a vote or agreement.

Records are frozen dataclasses (slots), the one result type of the record and compare
queries: pages read attributes, so mypy sees a renamed field. Values are JSON-ready (dates as
ISO text, enums as their text): `dataclasses.asdict` of a record is its JSON download."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import sqlalchemy as sa
from sqlalchemy import func
from sqlmodel import Session, col

from policytrack.models import (
    MemberVote,
    PersonName,
    Position,
    PositionSource,
    Source,
    Stakeholder,
    VoteEvent,
)

RELATED_LIMIT = 50  # other votes / linked votes listed on a record page
LIST_LIMIT = 500  # votes, agreements and stakeholders listed on a jurisdiction page

_SOURCE_COLUMNS = (Source.key, Source.url, Source.title, Source.publisher, Source.citation)

R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A source a record cites."""

    key: str
    url: str | None
    title: str | None
    publisher: str | None
    citation: str | None


@dataclass(frozen=True, slots=True)
class PositionShown:
    """A stakeholder's live position on a vote or agreement, with its sources."""

    stakeholder_key: str
    stakeholder: str
    stakeholder_kind: str
    stance: str
    speaker: str | None
    role: str | None
    summary: str | None
    quote: str | None
    said_on: str | None
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True, slots=True)
class Capped(Generic[R]):
    """The first rows of a list (a record page shows a capped number), and how many exist."""

    rows: tuple[R, ...]
    total: int


def capped(session: Session, statement: Any, limited: Any, kind: type[R]) -> Capped[R]:
    """The rows of `limited` (the ordered, limited `statement`) as `kind`, with the total
    count of `statement`."""
    rows = tuple(kind(**plain(row)) for row in session.execute(limited))
    return Capped(rows=rows, total=count(session, statement))


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
) -> dict[int, tuple[SourceRef, ...]]:
    """Sources of each owner (vote, position, agreement) by owner id, in key order."""
    if not ids:
        return {}
    statement = (
        sa.select(owner.label("owner"), *(col(c) for c in _SOURCE_COLUMNS))
        .join(Source, col(Source.id) == col(link.source_id))
        .where(owner.in_(ids))
        .order_by(owner, col(Source.key))
    )
    found: dict[int, list[SourceRef]] = defaultdict(list)
    for row in session.execute(statement):
        item = plain(row)
        found[item.pop("owner")].append(SourceRef(**item))
    return {owner: tuple(items) for owner, items in found.items()}


def one(session: Session, statement: Any) -> dict[str, Any] | None:
    row = session.execute(statement).first()
    return None if row is None else plain(row)


def count(session: Session, statement: Any) -> int:
    return int(session.execute(sa.select(func.count()).select_from(statement.subquery())).one()[0])


def positions_on(session: Session, owner: Any, owner_id: int) -> tuple[PositionShown, ...]:
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
    return tuple(_position(row, found) for row in rows)


def _position(row: dict[str, Any], sources: dict[int, tuple[SourceRef, ...]]) -> PositionShown:
    position_id = row.pop("id")
    return PositionShown(**row, sources=sources.get(position_id, ()))


def printed_here() -> Any:
    """Join condition: the `person_name` of a `member_vote` — its name as printed, in its
    vote's place (with `vote_event` joined). Roll calls find their people through it."""
    return sa.and_(
        col(PersonName.jurisdiction_id) == col(VoteEvent.jurisdiction_id),
        col(PersonName.printed) == col(MemberVote.voter_name),
    )
