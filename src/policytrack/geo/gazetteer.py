"""Offline US gazetteer: states, counties and places from data/geo/*.csv, with name matching."""

from __future__ import annotations

import copy
import csv
import functools
import os
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol

from policytrack.geo.matching import best_fuzzy, prefer_kind
from policytrack.geo.models import County, Match, MatchStatus, Place, State
from policytrack.geo.normalise import (
    clean_text,
    compact,
    split_city_prefix,
    split_county_suffix,
    words,
)

_STATE_ALIASES: dict[str, str] = {
    "washingtondc": "DC",
    "dc": "DC",
    "usvirginislands": "VI",
    "unitedstatesvirginislands": "VI",
    "usvi": "VI",
    "commonwealthofthenorthernmarianaislands": "MP",
    "cnmi": "MP",
    "commonwealthofpuertorico": "PR",
}
_PLACE_SUFFIXES = ("city", "town", "village", "borough")
_NO_COUNTY = {"", "na", "nan", "none", "null", "unknown"}
CITY_KINDS = frozenset({"independent_city", "consolidated_city"})


def default_data_dir() -> Path:
    """`$POLICYTRACK_DATA_DIR` if set, else `<repo>/data`."""
    env = os.environ.get("POLICYTRACK_DATA_DIR")
    return Path(env) if env else Path(__file__).resolve().parents[3] / "data"


def county_base(county: County) -> str:
    """Compact key of a county's name without its designation ("Orleans Parish" -> "orleans")."""
    return compact(split_county_suffix(words(county.name))[0])


class PlaceFallback(Protocol):
    """Where to ask for a place the gazetteer lacks (the online geocoder's stored answers):
    a match, an unresolved match saying why, or None when it has nothing to say."""

    def __call__(self, name: str, state: State, county: County | None) -> Match[Place] | None:
        """The place `name` of `state` (in `county` when the input gave one)."""


class Gazetteer:
    """In-memory lookup tables over states, counties and places."""

    fallback: PlaceFallback | None = None  # asked for places not found at all (`with_fallback`)

    def __init__(
        self,
        states: Iterable[State],
        counties: Iterable[County],
        places: Iterable[Place] = (),
        place_counties: dict[str, tuple[str, ...]] | None = None,
    ) -> None:
        """Index the given rows; `place_counties` lists extra counties a place spans, by id."""
        self._states = list(states)
        self._state_keys: dict[str, State] = {}
        for s in self._states:
            for key in (s.code.lower(), s.fips, compact(s.name)):
                self._state_keys[key] = s
        for alias, code in _STATE_ALIASES.items():
            if code.lower() in self._state_keys:
                self._state_keys[alias] = self._state_keys[code.lower()]
        self._counties: dict[str, County] = {}
        self._county_full: dict[tuple[str, str], list[County]] = defaultdict(list)
        self._county_base: dict[tuple[str, str], list[County]] = defaultdict(list)
        self._county_bases_by_state: dict[str, dict[str, list[County]]] = defaultdict(dict)
        for c in counties:
            self._counties[c.fips] = c
            self._county_full[(c.state, compact(c.name))].append(c)
            base = county_base(c)
            self._county_base[(c.state, base)].append(c)
            self._county_bases_by_state[c.state].setdefault(base, []).append(c)
        self._places: dict[tuple[str, str], list[Place]] = defaultdict(list)
        self._place_counties: dict[str, frozenset[str]] = {}
        self._state_places: dict[str, list[Place]] = {}
        extra = place_counties or {}
        for p in places:
            self._places[(p.state, place_key_from_id(p.id))].append(p)
            own = (p.county_fips,) if p.county_fips else ()
            self._place_counties[p.id] = frozenset(own + extra.get(p.id, ()))

    def with_fallback(self, fallback: PlaceFallback) -> Gazetteer:
        """This gazetteer asking `fallback` for the places it lacks (never for ambiguous names:
        those need a county, not a guess). The tables are shared, not copied."""
        asking = copy.copy(self)
        asking.fallback = fallback
        return asking

    # ---------------------------------------------------------------- states
    def state(self, text: str | None) -> State | None:
        """State by code ("FL"), FIPS ("12") or name in any case ("NORTH CAROLINA")."""
        if not text:
            return None
        key = compact(text)
        return self._state_keys.get(key) or self._state_keys.get(text.strip().lower())

    def states(self) -> list[State]:
        """All states, DC and territories, ordered by FIPS."""
        return list(self._states)

    # -------------------------------------------------------------- counties
    def county_by_fips(self, fips: str) -> County | None:
        """County by 5-digit FIPS code."""
        return self._counties.get(fips.strip().zfill(5))

    def counties(self, state: str | None = None) -> list[County]:
        """All counties, or those of one state."""
        st = self.state(state) if state else None
        return [c for c in self._counties.values() if st is None or c.state == st.code]

    def county(self, name: str | None, state: str | None) -> Match[County]:
        """Resolve a county name within a state (suffixes, parishes, cities, typos)."""
        st = self.state(state)
        raw = clean_text(name or "")
        if st is None:
            return Match(None, "unresolved", note=f"unknown state {state!r}")
        if compact(raw) in _NO_COUNTY:
            return Match(None, "unresolved", note=f"no county name given ({name!r})")
        parts, prefix = split_city_prefix(words(raw))
        base_parts, suffix = split_county_suffix(parts)
        wants_city = prefix == "city" or suffix == "independent_city"
        for table, key in (
            (self._county_full, compact(parts)),
            (self._county_base, compact(parts)),
            (self._county_base, compact(base_parts)),
        ):
            hits = table.get((st.code, key), [])
            if hits:
                return self._pick_county(raw, hits, wants_city, st)
        return self._fuzzy_county(raw, compact(base_parts), wants_city, st)

    def _pick_county(
        self, raw: str, hits: Sequence[County], wants_city: bool, st: State
    ) -> Match[County]:
        chosen = prefer_kind(hits, wants_city, CITY_KINDS)
        if len(chosen) != 1:
            return Match(
                None,
                "ambiguous",
                tuple(chosen),
                f"{len(chosen)} counties match {raw!r} in {st.code}",
            )
        c = chosen[0]
        others = [h for h in hits if h is not c]
        status, note = self._county_status(raw, c, others, st)
        return Match(c, status, (), note)

    def _county_status(
        self, raw: str, c: County, others: Sequence[County], st: State
    ) -> tuple[MatchStatus, str]:
        low = raw.casefold()
        if c.kind in CITY_KINDS:
            note = f"{st.name} independent city: {raw!r} → {c.name!r}"
        elif others:
            note = (
                f"{raw!r} → {c.name!r}; also an independent city {others[0].name!r} "
                "(chosen only when the text says city)"
            )
        elif c.kind == "county":
            note = (
                ""
                if low == c.name.casefold().removesuffix(" county")
                else (f"normalised: {raw!r} → {c.name!r}")
            )
        else:
            note = f"{c.kind.replace('_', ' ')}: {raw!r} → {c.name!r}"
        return ("exact" if low == c.name.casefold() or not note else "normalised"), note

    def _fuzzy_county(self, raw: str, key: str, wants_city: bool, st: State) -> Match[County]:
        table = self._county_bases_by_state.get(st.code, {})
        best = best_fuzzy(key, list(table))
        if best is None:
            return Match(None, "unresolved", note=f"no county {raw!r} in {st.name}")
        chosen = prefer_kind(table[best], wants_city, CITY_KINDS)
        if len(chosen) != 1:
            return Match(None, "ambiguous", tuple(chosen), f"typo? {raw!r} ~ {best!r}")
        c = chosen[0]
        return Match(c, "fuzzy", note=f"typo corrected: {raw!r} → {c.name!r}")

    # ---------------------------------------------------------------- places
    def place_counties(self, place: Place) -> frozenset[str]:
        """FIPS codes of the counties a place lies in (its main county first in the CSV)."""
        return self._place_counties.get(place.id, frozenset())

    def place(self, name: str | None, state: str | None, county: str | None = None) -> Match[Place]:
        """Resolve a place by name within a state; `county` (name or FIPS) disambiguates."""
        st = self.state(state)
        raw = clean_text(name or "")
        if st is None:
            return Match(None, "unresolved", note=f"unknown state {state!r}")
        if not raw:
            return Match(None, "unresolved", note="no place name given")
        cty, cnote = self._place_county(county, st)
        for key, needs_county in place_variants(raw):
            cands = self._places.get((st.code, key), [])
            if not cands or (needs_county and cty is None):
                continue
            found = self._pick_place(raw, cands, cty, st, needs_county)
            if found is not None:
                return _with_note(found, cnote)
        offline = _with_note(self._fuzzy_place(raw, cty, st), cnote)
        if offline.status != "unresolved" or self.fallback is None:
            return offline
        online = self.fallback(raw, st, cty)
        if online is None:
            return offline
        return online if online.value is not None else _with_note(offline, online.note)

    def _place_county(self, county: str | None, st: State) -> tuple[County | None, str]:
        text = clean_text(county or "")
        if compact(text) in _NO_COUNTY:
            return None, ""
        if text.isdigit() and len(text) in (3, 5):
            found = self.county_by_fips(text if len(text) == 5 else st.fips + text)
        else:
            found = self.county(text, st.code).value
        if found is None or found.state != st.code:
            return None, f"county {county!r} not resolved in {st.code}; ignored"
        return found, ""

    def _pick_place(
        self, raw: str, cands: Sequence[Place], cty: County | None, st: State, strict: bool
    ) -> Match[Place] | None:
        if cty is not None:
            inside = [p for p in cands if cty.fips in self.place_counties(p)]
            if len(inside) == 1:
                return _place_match(raw, inside[0])
            if strict and not inside:
                return None
            shown = tuple(inside or cands)
            note = (
                f"{len(inside)} places named {cands[0].name!r} in {cty.name}, {st.code}"
                if inside
                else f"{_places(len(cands))} named {cands[0].name!r} in {st.code}, "
                f"none in {cty.name}"
            )
            return Match(None, "ambiguous", shown, note)
        if len(cands) == 1:
            return _place_match(raw, cands[0])
        return Match(
            None,
            "ambiguous",
            tuple(cands),
            f"{len(cands)} places named {cands[0].name!r} in {st.code}; give a county",
        )

    def _fuzzy_place(self, raw: str, cty: County | None, st: State) -> Match[Place]:
        pool: dict[str, list[Place]] = defaultdict(list)
        for p in self._places_in_state(st.code):
            if cty is None or cty.fips in self.place_counties(p):
                pool[place_key_from_id(p.id)].append(p)
        key = place_variants(raw)[0][0]
        best = best_fuzzy(key, list(pool), cutoff=0.85 if cty else 0.92)
        where = f"{cty.name}, {st.code}" if cty else st.name
        if best is None:
            return _prefixed_place(raw, pool, where)
        if len(pool[best]) != 1:
            return Match(
                None, "ambiguous", tuple(pool[best]), f"typo? {raw!r} ~ {best!r} in {where}"
            )
        p = pool[best][0]
        return Match(p, "fuzzy", note=f"typo corrected: {raw!r} → {p.name!r}")

    def _places_in_state(self, code: str) -> list[Place]:
        cached = self._state_places.get(code)
        if cached is None:
            cached = [p for (c, _k), ps in self._places.items() if c == code for p in ps]
            self._state_places[code] = cached
        return cached


def place_key_from_id(place_id: str) -> str:
    """Match key of a place from its id ("il:springfield:17167" -> "springfield")."""
    return place_id.split(":")[1].replace("-", "")


def place_slug(name: str) -> str:
    """Normalised, hyphenated place name for ids ("St. Augustine" -> "st-augustine")."""
    return "-".join(words(name))


def place_variants(raw: str) -> list[tuple[str, bool]]:
    """Keys to try for a place name, each with whether it needs county confirmation."""
    parts, _prefix = split_city_prefix(words(raw))
    out = [(compact(parts), False)]
    if len(parts) > 1 and parts[-1] in _PLACE_SUFFIXES:
        out.append((compact(parts[:-1]), False))
    if len(parts) > 1 and parts[-1] == "twp":
        out.append((compact(parts[:-1]), True))
    return out


def _places(n: int) -> str:
    return "1 place" if n == 1 else f"{n} places"


def _place_match(raw: str, p: Place) -> Match[Place]:
    if raw.casefold() == p.name.casefold():
        return Match(p, "exact")
    return Match(p, "normalised", note=f"normalised: {raw!r} → {p.name!r}")


def _with_note(m: Match[Place], extra: str) -> Match[Place]:
    if not extra:
        return m
    return Match(m.value, m.status, m.candidates, "; ".join(x for x in (m.note, extra) if x))


def _prefixed_place(raw: str, pool: dict[str, list[Place]], where: str) -> Match[Place]:
    """A shortened name ("Sunny Isles") read as the one place whose name begins with it."""
    start = words(raw)
    longer = [
        p
        for ps in pool.values()
        for p in ps
        if len(words(p.name)) > len(start) and words(p.name)[: len(start)] == start
    ]
    if len(longer) == 1:
        p = longer[0]
        return Match(p, "fuzzy", note=f"shortened name: {raw!r} → {p.name!r} (the only match)")
    return Match(None, "unresolved", note=f"no place {raw!r} in {where}")


def read_rows(path: Path) -> list[dict[str, str]]:
    """Rows of a UTF-8 CSV file as dicts."""
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def read_gazetteer(geo_dir: Path) -> Gazetteer:
    """Build a Gazetteer from states.csv, counties.csv and places.csv in `geo_dir`."""
    states = [
        State(r["code"], r["fips"], r["name"], float(r["lat"]), float(r["lon"]))
        for r in read_rows(geo_dir / "states.csv")
    ]
    counties = [
        County(r["fips"], r["state"], r["name"], r["kind"], float(r["lat"]), float(r["lon"]))
        for r in read_rows(geo_dir / "counties.csv")
    ]
    places: list[Place] = []
    extra: dict[str, tuple[str, ...]] = {}
    with (geo_dir / "places.csv").open(newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        col = {name: i for i, name in enumerate(header)}
        geoid_col = col.get("geoid")
        for r in reader:
            pid = r[col["id"]]
            places.append(
                Place(
                    pid,
                    r[col["name"]],
                    r[col["state"]],
                    r[col["county_fips"]] or None,
                    float(r[col["lat"]]),
                    float(r[col["lon"]]),
                    (r[geoid_col] or None) if geoid_col is not None else None,
                )
            )
            if r[col["other_county_fips"]]:
                extra[pid] = tuple(r[col["other_county_fips"]].split(";"))
    places += _supplement(geo_dir / "places_supplement.csv", {c.fips: c for c in counties})
    return Gazetteer(states, counties, places, extra)


def _supplement(path: Path, counties: dict[str, County]) -> list[Place]:
    """Municipalities neither source has (small towns, townships), placed at their county."""
    if not path.exists():
        return []
    return [
        Place(
            f"{r['state'].lower()}:{place_slug(r['name'])}",
            r["name"],
            r["state"],
            r["county_fips"],
            counties[r["county_fips"]].lat,
            counties[r["county_fips"]].lon,
            None,
        )
        for r in read_rows(path)
    ]


@functools.cache
def _load(geo_dir: Path) -> Gazetteer:
    return read_gazetteer(geo_dir)


def load_gazetteer(data_dir: Path | None = None) -> Gazetteer:
    """The gazetteer for `<data_dir>/geo` (default data dir: see `default_data_dir`), cached."""
    return _load(((data_dir or default_data_dir()) / "geo").resolve())
