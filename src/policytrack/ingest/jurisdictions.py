"""Resolve a jurisdiction named in input to an OCD id, FIPS/GEOID and point (offline).

Ambiguous names are refused with the candidates; names the gazetteer does not know are kept
without a point and flagged, never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from policytrack.geo import County, Gazetteer, Place, State
from policytrack.schemas import JurisdictionIn
from policytrack.vocab import JurisdictionKind

_COUNTY_TYPES = {"parish": "parish", "borough": "borough", "independent_city": "place"}


class AmbiguousJurisdiction(ValueError):
    """The name matches several jurisdictions; the input must say which."""


@dataclass(frozen=True)
class Resolution:
    """A resolved jurisdiction and, when the gazetteer did not know it, why not."""

    jurisdiction: JurisdictionIn
    warning: str | None = None


def ocd_slug(name: str) -> str:
    """An OCD division id segment: lower case, spaces to underscores, no other punctuation."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9~_.\-]+", "_", ascii_name.lower().replace("'", ""))
    return slug.strip("_")


def state_ocd_id(state: State) -> str:
    """`ocd-division/country:us/state:fl`."""
    return f"ocd-division/country:us/state:{state.code.lower()}"


def resolve(
    gazetteer: Gazetteer,
    name: str,
    kind: JurisdictionKind,
    state: State,
    county: str | None = None,
) -> Resolution:
    """Resolve `name` of `kind` in `state` (`county` disambiguates places)."""
    if kind is JurisdictionKind.STATE:
        return Resolution(state_jurisdiction(state))
    if kind is JurisdictionKind.COUNTY:
        return _resolve_county(gazetteer, name, state)
    return _resolve_place(gazetteer, name, state, county)


def state_jurisdiction(state: State) -> JurisdictionIn:
    """The jurisdiction record of a whole state."""
    return JurisdictionIn(
        ocd_id=state_ocd_id(state),
        name=state.name,
        kind=JurisdictionKind.STATE,
        state=state.code,
        fips=state.fips,
        lat=state.lat,
        lon=state.lon,
    )


def county_jurisdiction(county: County) -> JurisdictionIn:
    """The jurisdiction record of a gazetteer county."""
    division = _COUNTY_TYPES.get(county.kind, "county")
    bare = re.sub(r"\s+(County|Parish|Borough|city|City and Borough|Census Area)$", "", county.name)
    return JurisdictionIn(
        ocd_id=f"ocd-division/country:us/state:{county.state.lower()}/{division}:{ocd_slug(bare)}",
        name=county.name,
        kind=JurisdictionKind.COUNTY,
        state=county.state,
        fips=county.fips,
        lat=county.lat,
        lon=county.lon,
    )


def place_jurisdiction(place: Place) -> JurisdictionIn:
    """The jurisdiction record of a gazetteer place."""
    # Same-named places in one state are told apart by their county (`~` is OCD's separator).
    suffix = f"~{place.id.rsplit(':', 1)[1]}" if place.id.count(":") > 1 else ""
    slug = ocd_slug(place.name) + suffix
    return JurisdictionIn(
        ocd_id=f"ocd-division/country:us/state:{place.state.lower()}/place:{slug}",
        name=place.name,
        kind=JurisdictionKind.PLACE,
        state=place.state,
        fips=place.geoid,
        county_fips=place.county_fips,
        lat=place.lat,
        lon=place.lon,
    )


def _resolve_county(gazetteer: Gazetteer, name: str, state: State) -> Resolution:
    match = gazetteer.county(name, state.code)
    if match.value is not None:
        return Resolution(county_jurisdiction(match.value))
    if match.status == "ambiguous":
        raise AmbiguousJurisdiction(match.note or f"{name!r} matches several counties")
    return _unresolved(name, JurisdictionKind.COUNTY, state, "county", match.note)


def _resolve_place(gazetteer: Gazetteer, name: str, state: State, county: str | None) -> Resolution:
    match = gazetteer.place(name, state.code, county=county or None)
    if match.value is not None:  # the online geocoder's answer says where from (geo.lookups)
        warning = f"jurisdiction {name!r} {match.note}" if match.status == "online" else None
        return Resolution(place_jurisdiction(match.value), warning)
    if match.status == "ambiguous":
        raise AmbiguousJurisdiction(
            (match.note or f"{name!r} matches several places") + "; fill in the county column"
        )
    return _unresolved(name, JurisdictionKind.PLACE, state, "place", match.note)


def _unresolved(
    name: str, kind: JurisdictionKind, state: State, division: str, note: str
) -> Resolution:
    jurisdiction = JurisdictionIn(
        ocd_id=f"{state_ocd_id(state)}/{division}:{ocd_slug(name)}",
        name=name,
        kind=kind,
        state=state.code,
    )
    reason = note or "not in the offline gazetteer"
    return Resolution(jurisdiction, f"jurisdiction {name!r} has no map point: {reason}")
