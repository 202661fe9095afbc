"""Map geometry from data/geo (states.geojson, counties.geojson, states.csv, counties.csv),
read once per process and optionally simplified so that maps stay quick to draw.

Simplifying keeps Plotly's ring order (exterior clockwise, see data/geo/README.md): rounding
coordinates and dropping repeated points does not turn a ring round, and rings too small to
see are dropped whole (never a feature's largest polygon, so every county keeps a shape).
"""

from __future__ import annotations

import csv
import functools
import itertools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from policytrack.geo.gazetteer import default_data_dir

Ring = list[list[float]]
Polygon = list[Ring]


@dataclass(frozen=True)
class CountyInfo:
    """A county (or equivalent) as the boundary files name it."""

    fips: str
    state: str
    name: str


def _geo_dir() -> Path:
    return default_data_dir() / "geo"


def _read_json(name: str) -> dict[str, Any]:
    """The file as loaded; not cached: the callers cache what they make of it (the raw
    county file is 1.7 MB on disk but ~13 MB of Python objects, kept for nothing)."""
    with (_geo_dir() / name).open(encoding="utf-8") as handle:
        loaded: dict[str, Any] = json.load(handle)
    return loaded


@functools.cache
def state_names() -> dict[str, str]:
    """State (and territory) names by two-letter code, in alphabetical order of name."""
    with (_geo_dir() / "states.csv").open(encoding="utf-8") as handle:
        rows = sorted(csv.DictReader(handle), key=lambda row: row["name"])
    return {row["code"]: row["name"] for row in rows}


@functools.cache
def state_fips() -> dict[str, str]:
    """Two-digit state FIPS by two-letter code."""
    with (_geo_dir() / "states.csv").open(encoding="utf-8") as handle:
        return {row["code"]: row["fips"] for row in csv.DictReader(handle)}


@functools.cache
def counties() -> tuple[CountyInfo, ...]:
    """Every county equivalent of the boundary files, by FIPS."""
    with (_geo_dir() / "counties.csv").open(encoding="utf-8") as handle:
        rows = [CountyInfo(r["fips"], r["state"], r["name"]) for r in csv.DictReader(handle)]
    return tuple(sorted(rows, key=lambda county: county.fips))


@functools.cache
def counties_per_state() -> dict[str, int]:
    """How many county equivalents each state has (the boundary files' count)."""
    found: dict[str, int] = {}
    for county in counties():
        found[county.state] = found.get(county.state, 0) + 1
    return found


def counties_in(state: str) -> tuple[CountyInfo, ...]:
    """The counties of one state (two-letter code)."""
    return tuple(county for county in counties() if county.state == state)


def _ring_area(ring: Ring) -> float:
    """Planar area of a ring in square degrees (shoelace; sign dropped)."""
    total = 0.0
    for (x1, y1), (x2, y2) in itertools.pairwise(ring):
        total += x1 * y2 - x2 * y1
    return abs(total) / 2


def _round_ring(ring: Ring, decimals: int) -> Ring:
    """Coordinates rounded, consecutive repeats dropped, the ring kept closed."""
    rounded: Ring = []
    for x, y in ring:
        point = [round(x, decimals), round(y, decimals)]
        if not rounded or point != rounded[-1]:
            rounded.append(point)
    if rounded and rounded[0] != rounded[-1]:
        rounded.append(rounded[0])
    return rounded


def _polygons(geometry: dict[str, Any]) -> list[Polygon]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return list(geometry["coordinates"])


def simplify_geometry(geometry: dict[str, Any], decimals: int, min_area: float) -> dict[str, Any]:
    """The geometry with rounded coordinates and without polygons or holes under `min_area`
    (square degrees); the largest polygon always stays."""
    polygons = [[_round_ring(ring, decimals) for ring in p] for p in _polygons(geometry)]
    polygons = [[r for r in p if len(r) >= 4] for p in polygons]
    polygons = [p for p in polygons if p]
    if not polygons:
        return geometry
    largest = max(polygons, key=lambda p: _ring_area(p[0]))
    kept = [
        [p[0], *[hole for hole in p[1:] if _ring_area(hole) >= min_area]]
        for p in polygons
        if p is largest or _ring_area(p[0]) >= min_area
    ]
    if len(kept) == 1:
        return {"type": "Polygon", "coordinates": kept[0]}
    return {"type": "MultiPolygon", "coordinates": kept}


def _simplified(name: str, decimals: int | None, min_area: float) -> dict[str, Any]:
    source = _read_json(name)
    if decimals is None:
        return source
    features = [
        {**feature, "geometry": simplify_geometry(feature["geometry"], decimals, min_area)}
        for feature in source["features"]
    ]
    return {"type": "FeatureCollection", "features": features}


@functools.cache
def states_geojson(decimals: int | None = None, min_area: float = 0.0) -> dict[str, Any]:
    """State boundaries (feature id = 2-digit FIPS), simplified when `decimals` is given.
    Shared and cached: do not modify the result."""
    return _simplified("states.geojson", decimals, min_area)


@functools.cache
def counties_geojson(decimals: int | None = None, min_area: float = 0.0) -> dict[str, Any]:
    """County boundaries (feature id = 5-digit FIPS), simplified when `decimals` is given.
    Shared and cached: do not modify the result."""
    return _simplified("counties.geojson", decimals, min_area)


@functools.cache
def state_counties_geojson(
    state: str, decimals: int | None = None, min_area: float = 0.0
) -> dict[str, Any]:
    """The county boundaries of one state (two-letter code). Cached: do not modify."""
    prefix = state_fips().get(state.upper())
    features = [
        feature
        for feature in counties_geojson(decimals, min_area)["features"]
        if prefix and str(feature["id"]).startswith(prefix)
    ]
    if state.upper() == "AK":
        features = [{**f, "geometry": western_hemisphere(f["geometry"])} for f in features]
    return {"type": "FeatureCollection", "features": features}


def western_hemisphere(geometry: dict[str, Any]) -> dict[str, Any]:
    """The geometry without polygons lying east of the antimeridian (the far Aleutians), so
    that fitting a map to Alaska does not span the globe; the largest polygon always stays."""
    polygons = _polygons(geometry)
    largest = max(polygons, key=lambda p: _ring_area(p[0]))
    kept = [p for p in polygons if p is largest or min(x for x, _ in p[0]) < 0]
    if len(kept) == 1:
        return {"type": "Polygon", "coordinates": kept[0]}
    return {"type": "MultiPolygon", "coordinates": kept}


def coordinate_count(collection: dict[str, Any]) -> int:
    """How many points a FeatureCollection's polygons hold (for sizing decisions and tests)."""
    return sum(
        len(ring)
        for feature in collection["features"]
        for polygon in _polygons(feature["geometry"])
        for ring in polygon
    )
