"""Choices offered by the shared filters: only values present in the records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import sqlalchemy as sa
from sqlmodel import Session, col

from policytrack.models import Agreement, OfficialList, Position, Stakeholder, VoteEvent
from policytrack.queries.values import as_date

# Stakeholders offered in the sidebar: the most active. Every option travels to the browser
# on every rerun: at 1M votes all 20,000 names were a 580 KB message, the largest of a page.
STAKEHOLDER_OPTIONS = 1_000


Totals = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class FilterOptions:
    """What the sidebar offers: states with records, the most active stakeholders (key →
    name, by name) and the span of vote dates."""

    states: list[str]
    stakeholders: dict[str, str]
    first_date: dt.date | None
    last_date: dt.date | None


def position_totals(session: Session) -> Totals:
    """Live positions per stakeholder, rows of (stakeholder id, positions), most first (ties:
    the lower id). One pass over the positions (~1 s at 1M votes) that the pages read once
    per database: the sidebar and the stakeholder picker offer the most active first, and
    the stance matrix ranks from them (a stakeholder has no more under any filter)."""
    positions = sa.func.count()
    holder = col(Position.stakeholder_id)
    statement = (
        sa.select(holder, positions)
        .where(col(Position.live).is_(True))
        .group_by(holder)
        .order_by(positions.desc(), holder)
    )
    rows = [(int(key), int(n)) for key, n in session.execute(statement)]
    return np.array(rows, dtype=np.int64).reshape(-1, 2)


def most_active(session: Session, limit: int, totals: Totals | None = None) -> list[int]:
    """Ids of the `limit` stakeholders with most live positions, ties to the lower id (from
    `totals` when given)."""
    found = position_totals(session) if totals is None else totals
    return [int(key) for key in found[:limit, 0]]


def filter_options(session: Session, totals: Totals | None = None) -> FilterOptions:
    """States, the most active stakeholders (key → name, by name; `totals` from
    `position_totals` saves reading the positions again) and the date span that the records
    hold."""
    vote_states = session.execute(sa.select(col(VoteEvent.state)).distinct()).scalars()
    agreement_states = session.execute(sa.select(col(Agreement.state)).distinct()).scalars()
    active = most_active(session, STAKEHOLDER_OPTIONS, totals)
    stakeholders = session.execute(
        sa.select(col(Stakeholder.key), col(Stakeholder.name))
        .where(col(Stakeholder.id).in_(active))
        .order_by(col(Stakeholder.name), col(Stakeholder.key))
    ).all()
    first, last = session.execute(
        sa.select(sa.func.min(VoteEvent.vote_date), sa.func.max(VoteEvent.vote_date))
    ).one()
    return FilterOptions(
        states=sorted(set(vote_states) | set(agreement_states)),
        stakeholders={key: name for key, name in stakeholders},
        first_date=first if isinstance(first, dt.date) else None,
        last_date=last if isinstance(last, dt.date) else None,
    )


@dataclass(frozen=True, slots=True)
class DataAsOf:
    """How current the records are: the newest vote counted and ICE's newest list."""

    latest_vote: dt.date | None
    list_as_of: dt.date | None


def data_as_of(session: Session) -> DataAsOf:
    """How current the records are: the newest vote counted and ICE's newest list."""
    latest = session.execute(
        sa.select(sa.func.max(VoteEvent.vote_date)).where(col(VoteEvent.retired).is_(False))
    ).scalar()
    newest_list = session.execute(sa.select(sa.func.max(OfficialList.as_of))).scalar()
    return DataAsOf(latest_vote=as_date(latest), list_as_of=as_date(newest_list))


def stakeholders_named(session: Session, shown: str) -> dict[str, str]:
    """Key → name of the stakeholders with this name (the sidebar's URL carries the name),
    or with this key (links made by hand)."""
    rows = session.execute(
        sa.select(col(Stakeholder.key), col(Stakeholder.name))
        .where(sa.or_(col(Stakeholder.name) == shown, col(Stakeholder.key) == shown))
        .order_by(col(Stakeholder.key))
    )
    return {key: found for key, found in rows}
