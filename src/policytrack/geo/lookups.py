"""The online geocoder's answers, kept in the database (`place_lookup`): each place asked once,
found or not, every answer with where and when it came from, reviewed by a person.

`online_fallback(gazetteer, session)` gives an importer a gazetteer that, for a place it
lacks (never for an ambiguous name: that needs a county, not a guess), answers from the
stored lookups and, only when `POLICYTRACK_GEOCODER=nominatim`, asks Nominatim what was not
asked yet. An answer is used with a note saying where it came from (a vote's warning, a line
of the ICE import report) and that it awaits review; one an editor rejected is never used.
The answers are written in the importer's transaction: a refused import keeps none of them.
"""

from __future__ import annotations

from sqlmodel import Session, select

from policytrack.config import Settings
from policytrack.geo import nominatim
from policytrack.geo.gazetteer import Gazetteer
from policytrack.geo.models import County, Match, Place, State
from policytrack.geo.normalise import clean_text
from policytrack.models import PlaceLookup

REJECTED, ACCEPTED, UNREVIEWED = "rejected", "accepted", "unreviewed"


def online_fallback(
    gazetteer: Gazetteer, session: Session, settings: Settings | None = None
) -> Gazetteer:
    """`gazetteer`, answering the places it lacks from the place lookups of `session`'s
    database (and Nominatim, when switched on)."""
    return gazetteer.with_fallback(PlaceLookups(session, gazetteer, settings or Settings()))


def lookup_key(state: str, name: str, county: str | None) -> str:
    """One question, however it is spelled: `PA|derry township|` (state, place, county)."""
    return f"{state.upper()}|{_folded(name)}|{_folded(county)}"


def _folded(text: str | None) -> str:
    return " ".join(clean_text(text or "").casefold().split())


class PlaceLookups:
    """The place lookups of one database, asked through one session."""

    def __init__(self, session: Session, gazetteer: Gazetteer, settings: Settings) -> None:
        """Ask Nominatim only if `settings` switch it on."""
        self.session, self.gazetteer, self.settings = session, gazetteer, settings
        self.enabled = nominatim.geocoder_enabled(settings)
        self.unavailable = ""  # why Nominatim cannot be asked, once it could not

    def __call__(self, name: str, state: State, county: County | None) -> Match[Place] | None:
        """The stored answer for this place (asking for one when allowed), as a match."""
        county_name = county.name if county else None
        key = lookup_key(state.code, name, county_name)
        stored = self.session.exec(select(PlaceLookup).where(PlaceLookup.key == key)).first()
        if stored is None:
            if not self.enabled:
                return None
            stored = self._ask(key, name, state, county_name)
            if stored is None:
                return Match(
                    None, "unresolved", note=f"online geocoder not asked: {self.unavailable}"
                )
        return self._match(stored, name, state, county)

    def _ask(self, key: str, name: str, state: State, county: str | None) -> PlaceLookup | None:
        """Ask Nominatim once and keep its answer; None when it cannot be asked (then it is
        asked again on a later import, and not again in this one)."""
        if self.unavailable:
            return None
        try:
            answer = nominatim.from_settings(self.settings).search(name, state.name, county)
        except nominatim.GeocoderUnavailableError as error:
            self.unavailable = str(error)
            return None
        chosen = answer.chosen or {}
        stored = PlaceLookup(
            key=key,
            state=state.code,
            name=name,
            county=county,
            service=nominatim.SERVICE,
            url=answer.url,
            found=answer.found,
            lat=float(chosen["lat"]) if answer.found else None,
            lon=float(chosen["lon"]) if answer.found else None,
            address=chosen.get("display_name"),
            answer={"results": answer.results, "chosen": answer.chosen},
        )
        self.session.add(stored)
        self.session.flush()
        return stored

    def _match(
        self, stored: PlaceLookup, name: str, state: State, county: County | None
    ) -> Match[Place]:
        asked = f"asked {stored.asked_at:%Y-%m-%d}, lookup {stored.key!r}"
        if stored.review == REJECTED:
            return Match(
                None, "unresolved", note=f"the online geocoder's answer was rejected ({asked})"
            )
        if not stored.found or stored.lat is None or stored.lon is None:
            return Match(None, "unresolved", note=f"{_not_found(stored, state)} ({asked})")
        found_county = self.gazetteer.county(_chosen(stored, "county"), state.code).value
        if county is not None and found_county is not None and found_county != county:
            note = (
                f"OpenStreetMap Nominatim's answer lies in {found_county.name}, not {county.name}"
            )
            return Match(None, "unresolved", note=f"{note}: not used ({asked})")
        in_county = county or found_county
        # A place asked for in a county is told apart from its namesakes as the gazetteer's
        # are (`~county` in its OCD id): "Robinson Township" of Allegheny is not any other.
        told_apart = f":{county.fips}" if county is not None else ""
        place = Place(
            id=f"{state.code.lower()}:{'-'.join(clean_text(name).casefold().split())}{told_apart}",
            name=clean_text(name),
            state=state.code,
            county_fips=in_county.fips if in_county else None,
            lat=stored.lat,
            lon=stored.lon,
        )
        review = "accepted by an editor" if stored.review == ACCEPTED else "not reviewed yet"
        note = (
            f"not in the offline gazetteer: map point from OpenStreetMap Nominatim "
            f"({stored.address!r}; {asked}; {review})"
        )
        return Match(place, "online", note=note)


def _chosen(stored: PlaceLookup, field: str) -> str | None:
    """A field of the address of the place the answer means (`county`)."""
    chosen = (stored.answer or {}).get("chosen")
    address = chosen.get("address") if isinstance(chosen, dict) else None
    value = address.get(field) if isinstance(address, dict) else None
    return str(value) if value else None


def _not_found(stored: PlaceLookup, state: State) -> str:
    """Why an answer names no place: none found in the state, or several of the name."""
    results = (stored.answer or {}).get("results")
    in_state = [
        r
        for r in (results if isinstance(results, list) else [])
        if isinstance(r, dict)
        and str((r.get("address") or {}).get("state", "")).casefold() == state.name.casefold()
    ]
    if len(in_state) > 1:
        return (
            f"OpenStreetMap Nominatim knows {len(in_state)} places of that name in "
            f"{state.name}, in different counties: give a county"
        )
    return f"not found in {state.name} by OpenStreetMap Nominatim"
