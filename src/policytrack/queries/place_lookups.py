"""The online geocoder's answers (`place_lookup`) as a reviewer reads them: what was asked,
what came back, from where and when, and whether an editor has reviewed it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session, col, select

from policytrack.models import PlaceLookup


@dataclass(frozen=True)
class PlaceAnswer:
    """One question to the online geocoder and its answer."""

    key: str  # state|place|county: what `review_place_lookup` takes
    state: str
    name: str
    county: str | None
    found: bool
    lat: float | None
    lon: float | None
    address: str | None
    url: str  # the request as sent: the source
    asked_at: dt.datetime
    review: str  # unreviewed | accepted | rejected
    reviewed_by: str | None


def place_lookups(session: Session, review: str | None = None) -> list[PlaceAnswer]:
    """Every lookup (or those of one review status), unreviewed first, by state and place."""
    statement = select(PlaceLookup).order_by(
        col(PlaceLookup.review) != "unreviewed", col(PlaceLookup.state), col(PlaceLookup.name)
    )
    if review is not None:
        statement = statement.where(PlaceLookup.review == review)
    return [_answer(lookup) for lookup in session.exec(statement)]


def _answer(lookup: PlaceLookup) -> PlaceAnswer:
    return PlaceAnswer(
        key=lookup.key,
        state=lookup.state,
        name=lookup.name,
        county=lookup.county,
        found=lookup.found,
        lat=lookup.lat,
        lon=lookup.lon,
        address=lookup.address,
        url=lookup.url,
        asked_at=lookup.asked_at,
        review=lookup.review,
        reviewed_by=lookup.reviewed_by,
    )
