"""Choices offered by the shared filters: only values present in the records."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col

from policytrack.models import Agreement, Position, Stakeholder, VoteEvent

# Stakeholders offered in the sidebar: the most active. Every option travels to the browser
# on every rerun: at 1M votes all 20,000 names were a 580 KB message, the largest of a page.
STAKEHOLDER_OPTIONS = 1_000


def most_active_stakeholders(limit: int) -> Any:
    """A subquery of the `limit` stakeholders with most live positions (`stakeholder_id`),
    ties to the lower id: the order the sidebar and the stakeholder picker offer them in."""
    positions = sa.func.count().label("positions")
    return (
        sa.select(col(Position.stakeholder_id), positions)
        .where(col(Position.live).is_(True))
        .group_by(col(Position.stakeholder_id))
        .order_by(positions.desc(), col(Position.stakeholder_id))
        .limit(limit)
        .subquery()
    )


def filter_options(session: Session) -> dict[str, Any]:
    """States, the most active stakeholders (key → name, by name) and the date span that the
    records hold."""
    vote_states = session.execute(sa.select(col(VoteEvent.state)).distinct()).scalars()
    agreement_states = session.execute(sa.select(col(Agreement.state)).distinct()).scalars()
    active = most_active_stakeholders(STAKEHOLDER_OPTIONS)
    stakeholders = session.execute(
        sa.select(col(Stakeholder.key), col(Stakeholder.name))
        .join(active, active.c.stakeholder_id == col(Stakeholder.id))
        .order_by(col(Stakeholder.name), col(Stakeholder.key))
    ).all()
    first, last = session.execute(
        sa.select(sa.func.min(VoteEvent.vote_date), sa.func.max(VoteEvent.vote_date))
    ).one()
    return {
        "states": sorted(set(vote_states) | set(agreement_states)),
        "stakeholders": {key: name for key, name in stakeholders},
        "first_date": first if isinstance(first, dt.date) else None,
        "last_date": last if isinstance(last, dt.date) else None,
    }


def stakeholders_named(session: Session, shown: str) -> dict[str, str]:
    """Key → name of the stakeholders with this name (the sidebar's URL carries the name)."""
    rows = session.execute(
        sa.select(col(Stakeholder.key), col(Stakeholder.name))
        .where(col(Stakeholder.name) == shown)
        .order_by(col(Stakeholder.key))
    )
    return {key: found for key, found in rows}
