"""Columns derived from the records, kept current on every write so that the pages can read
them from covering indexes instead of computing them over a million rows:

- `vote_event.vote_month`: "YYYY-MM" of `vote_date` (Timeline counts by month);
- `position.live`: whether a position counts (not retired, about a live vote); and copies of
  its vote's state, jurisdiction, date, topic, action, outcome, model and kind, so that the
  Stakeholders page filters and ranks positions without joining their votes.

Writes through the ORM keep them current by themselves: `register` (called by `db`, once,
explicitly) adds the session listeners below. Bulk writes that bypass the ORM (backup
restore, the bench generator) call `refresh_all`. `stale_rows` says how many rows disagree
with their records (0, always; tests check it).

Why two mechanisms for derived data, and which to use for a new one:
- **Session listeners (here)** for columns computed from other columns: one Python/SQL
  expression, the same on SQLite and PostgreSQL, written in the same transaction as the
  record, and testable here; what bypasses the ORM calls `refresh_all`.
- **Database triggers (migrations 0009, 0012, 0016; `text_search`)** for the full-text
  indexes only: they are database structures that differ by backend (an FTS5 table on
  SQLite, a GIN index on PostgreSQL, which needs no trigger), so they live in the
  migrations that create them and follow every write, raw SQL and restores included.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from policytrack.models import Position, VoteEvent

# Vote columns copied onto each position as they are, for the shared filters.
COPIED = ("topic", "action", "outcome", "model", "jurisdiction_kind")
BATCH = 10_000  # ids per IN list: SQLite refuses statements with too many parameters


def month_text(day: dt.date | None) -> str | None:
    """The "YYYY-MM" month of a date."""
    return None if day is None else f"{day.year:04d}-{day.month:02d}"


def register() -> None:
    """Keep the derived columns current on every ORM write (every session: the listeners
    are the Session class's). Calling it again changes nothing."""
    for name, listener in (("before_flush", _stamp_months), ("after_flush", _follow_votes)):
        if not event.contains(Session, name, listener):
            event.listen(Session, name, listener)


def _stamp_months(session: Session, _context: Any, _instances: Any) -> None:
    for obj in (*session.new, *session.dirty):
        if isinstance(obj, VoteEvent):
            month = month_text(obj.vote_date)
            if obj.vote_month != month:
                obj.vote_month = month


def _follow_votes(session: Session, _context: Any) -> None:
    """Positions written, and positions of votes written, take their vote's place and state."""
    written = (*session.new, *session.dirty)
    positions = sorted({o.id for o in written if isinstance(o, Position) and o.id is not None})
    votes = sorted({o.id for o in written if isinstance(o, VoteEvent) and o.id is not None})
    for start in range(0, len(positions), BATCH):
        which = col(Position.id).in_(positions[start : start + BATCH])
        session.connection().execute(_position_update().where(which))
    for start in range(0, len(votes), BATCH):
        which = col(Position.vote_event_id).in_(votes[start : start + BATCH])
        session.connection().execute(_position_update().where(which))


def _position_update() -> Any:
    return (
        sa.update(Position)
        .values(
            state=_of_vote(col(VoteEvent.state)),
            jurisdiction_id=_of_vote(col(VoteEvent.jurisdiction_id)),
            vote_date=_of_vote(col(VoteEvent.vote_date)),
            **{name: _of_vote(getattr(VoteEvent, name)) for name in COPIED},
            live=sa.and_(
                col(Position.retired).is_(False),
                sa.func.coalesce(_of_vote(col(VoteEvent.retired)), sa.true()).is_(False),
            ),
        )
        .execution_options(synchronize_session=False)
    )


def _of_vote(column: Any) -> Any:
    return (
        sa.select(column).where(col(VoteEvent.id) == col(Position.vote_event_id)).scalar_subquery()
    )


def _month_in_sql() -> Any:
    """`month_text` in SQL: dates are ISO text on SQLite and cast to it on PostgreSQL."""
    return sa.func.substr(sa.cast(col(VoteEvent.vote_date), sa.String), 1, 7)


def refresh_all(connection: sa.Connection) -> None:
    """Recompute every derived column (after writes that bypassed the ORM)."""
    month = _month_in_sql()
    connection.execute(sa.update(VoteEvent).values(vote_month=month))
    connection.execute(_position_update())


def stale_rows(connection: sa.Connection) -> int:
    """How many rows' derived columns disagree with their records (should be 0)."""
    month = _month_in_sql()
    votes = sa.select(sa.func.count()).where(
        sa.or_(
            col(VoteEvent.vote_month) != month,
            sa.and_(col(VoteEvent.vote_month).is_(None), col(VoteEvent.vote_date).is_not(None)),
            sa.and_(col(VoteEvent.vote_month).is_not(None), col(VoteEvent.vote_date).is_(None)),
        )
    )
    vote = aliased(VoteEvent)
    vote_live = sa.func.coalesce(vote.retired, True).is_(False)
    live = sa.and_(col(Position.retired).is_(False), vote_live)
    positions = (
        sa.select(sa.func.count())
        .select_from(Position)
        .outerjoin(vote, col(vote.id) == col(Position.vote_event_id))
        .where(
            sa.or_(
                col(Position.live) != live,
                col(Position.state).is_distinct_from(vote.state),
                col(Position.jurisdiction_id).is_distinct_from(vote.jurisdiction_id),
                col(Position.vote_date).is_distinct_from(vote.vote_date),
                *(getattr(Position, n).is_distinct_from(getattr(vote, n)) for n in COPIED),
            )
        )
    )
    return int(connection.execute(votes).scalar_one()) + int(
        connection.execute(positions).scalar_one()
    )
