"""An editor's review of the online geocoder's answers (`place_lookup`, see geo.lookups):
accept one, or reject it — then no import uses it again and the map point it gave a place is
taken away. Audited like every other edit."""

from __future__ import annotations

from typing import Literal

from sqlmodel import Session, col, select

from policytrack.auth import Editor, require
from policytrack.edits import audit
from policytrack.edits.refusals import InvalidEdit, NotFound
from policytrack.geo.lookups import ACCEPTED, REJECTED
from policytrack.models import Jurisdiction, PlaceLookup, utc_now
from policytrack.vocab import JurisdictionKind

RECORD = "place_lookup"
Decision = Literal["accepted", "rejected"]


def review_place_lookup(
    session: Session, editor: Editor | None, key: str, decision: str
) -> PlaceLookup:
    """Record `decision` (accepted or rejected) on the lookup `key`; a rejection takes the
    point it gave away from the places that took it."""
    who = require(editor)
    if decision not in (ACCEPTED, REJECTED):
        raise InvalidEdit({"review": f"{decision!r}: accept or reject the answer"})
    lookup = session.exec(select(PlaceLookup).where(PlaceLookup.key == key)).first()
    if lookup is None:
        raise NotFound(f"no place lookup {key!r}")
    before = {"review": lookup.review, "reviewed_by": lookup.reviewed_by}
    lookup.review, lookup.reviewed_by = decision, who.name
    lookup.reviewed_at = utc_now()
    if decision == REJECTED:
        _take_point_away(session, lookup)
    after = {"review": lookup.review, "reviewed_by": lookup.reviewed_by}
    version = audit.change_count(session, RECORD, key) + 1
    audit.record(session, who, "update", RECORD, key, version, before, after)
    return lookup


def _take_point_away(session: Session, lookup: PlaceLookup) -> None:
    """Places of the lookup's state that hold its point, and no census code (the gazetteer's
    places have theirs or a point of their own), lose the point."""
    if lookup.lat is None or lookup.lon is None:
        return
    statement = select(Jurisdiction).where(
        Jurisdiction.state == lookup.state,
        Jurisdiction.kind == JurisdictionKind.PLACE,
        col(Jurisdiction.fips).is_(None),
        Jurisdiction.lat == lookup.lat,
        Jurisdiction.lon == lookup.lon,
    )
    for place in session.exec(statement):
        place.lat = place.lon = None
        place.county_fips = None
