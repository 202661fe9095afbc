"""Place an agency from an official list in its jurisdiction: sheriffs and county agencies
in their county, police departments in their town, state agencies in their state.

Every correction (a typo fixed, a parish, an independent city, a police department typed
`County`, a state agency typed `Municipality`) and every failure is said in words, for the
import report; nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from policytrack.geo import Gazetteer, State
from policytrack.geo.agency_names import town_from_agency
from policytrack.ingest.jurisdictions import (
    county_jurisdiction,
    place_jurisdiction,
    state_jurisdiction,
)
from policytrack.schemas import JurisdictionIn

Category = Literal["resolved", "corrected", "unresolved"]
_MUNICIPAL = re.compile(r"\b(police|marshal|public safety|constable)\b", re.IGNORECASE)
_STATEWIDE = re.compile(r"\b(state|highway patrol|attorney general)\b", re.IGNORECASE)


@dataclass(frozen=True)
class AgencyPlace:
    """Where an agency sits, how sure we are, and why."""

    jurisdiction: JurisdictionIn | None
    category: Category
    note: str = ""
    field: str = "county"  # the column the note is about: county or agency


def place_agency(
    gazetteer: Gazetteer, agency: str, agency_type: str, county: str, state: State
) -> AgencyPlace:
    """Resolve one agency row (TYPE decides where to look first)."""
    kind = agency_type.lower()
    if kind.startswith("state"):
        return AgencyPlace(state_jurisdiction(state), "resolved")
    if kind == "county":
        return _county_agency(gazetteer, agency, county, state)
    if kind == "municipality":
        return _municipal_agency(gazetteer, agency, county, state)
    found = _county_agency(gazetteer, agency, county, state)
    if found.jurisdiction is None:
        return _municipal_agency(gazetteer, agency, county, state)
    return found


def _county(gazetteer: Gazetteer, county: str, state: State) -> AgencyPlace:
    if not county:
        return AgencyPlace(None, "unresolved", "no county given")
    match = gazetteer.county(county, state.code)
    if match.value is None:
        return AgencyPlace(
            None, "unresolved", match.note or f"no county {county!r} in {state.code}"
        )
    category: Category = "resolved" if match.status == "exact" else "corrected"
    return AgencyPlace(county_jurisdiction(match.value), category, match.note)


def _county_agency(gazetteer: Gazetteer, agency: str, county: str, state: State) -> AgencyPlace:
    found = _county(gazetteer, county, state)
    if found.jurisdiction is not None or not _MUNICIPAL.search(agency):
        return found
    town = _town(gazetteer, agency, county, state)
    if town.jurisdiction is None:
        return found
    note = f"a police department typed County ({found.note}); placed in its town"
    return AgencyPlace(town.jurisdiction, "corrected", note, "agency")


def _town(gazetteer: Gazetteer, agency: str, county: str, state: State) -> AgencyPlace:
    town = town_from_agency(agency)
    if town is None:
        return AgencyPlace(None, "unresolved", "no town in the agency name", "agency")
    match = gazetteer.place(town, state.code, county=county or None)
    if match.value is None and county:
        # The listed county may be wrong (`#N/A`, a neighbour): try the town alone.
        alone = gazetteer.place(town, state.code)
        if alone.value is not None:
            note = f"town {town!r} is not in {county!r}: listed county ignored"
            return AgencyPlace(place_jurisdiction(alone.value), "corrected", note, "agency")
    if match.value is None:
        note = match.note or f"no place {town!r} in {state.code}"
        return AgencyPlace(None, "unresolved", note, "agency")
    category: Category = "resolved" if match.status == "exact" else "corrected"
    return AgencyPlace(place_jurisdiction(match.value), category, match.note, "agency")


def _municipal_agency(gazetteer: Gazetteer, agency: str, county: str, state: State) -> AgencyPlace:
    town = _town(gazetteer, agency, county, state)
    if town.jurisdiction is not None:
        return town
    if _STATEWIDE.search(agency) or state.name.lower() in agency.lower():
        note = "a state agency typed Municipality; placed in its state"
        return AgencyPlace(state_jurisdiction(state), "corrected", note, "agency")
    in_county = _county(gazetteer, county, state)
    if in_county.jurisdiction is not None:
        note = f"{town.note}; placed in its county {county!r}"
        return AgencyPlace(in_county.jurisdiction, "corrected", note)
    return AgencyPlace(None, "unresolved", town.note, "agency")
