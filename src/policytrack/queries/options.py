"""Choices offered by the shared filters: only values present in the records."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col

from policytrack.models import Agreement, Stakeholder, VoteEvent


def filter_options(session: Session) -> dict[str, Any]:
    """States, stakeholders and the date span that the records hold."""
    vote_states = session.execute(sa.select(col(VoteEvent.state)).distinct()).scalars()
    agreement_states = session.execute(sa.select(col(Agreement.state)).distinct()).scalars()
    stakeholders = session.execute(
        sa.select(col(Stakeholder.key), col(Stakeholder.name)).order_by(col(Stakeholder.name))
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
