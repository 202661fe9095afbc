#!/usr/bin/env python3
"""Regenerate dashboard/static/geo/counties-simplified.json: the national county map's shapes.

The same Census 2017 county boundaries as data/geo/counties.geojson (npm `us-atlas@3.0.1`,
counties-10m.json), simplified for a national view so that the browser draws all 3,231
counties quickly:

- each TopoJSON arc (a border shared by two counties, or a coast) is simplified once with
  Douglas–Peucker, so neighbours keep exactly the same border and no gaps or slivers appear;
  arc ends (where three counties meet) never move;
- coordinates are rounded to `--decimals` (default 3, ~100 m; a national map at 1280 px
  shows ~6 km per pixel);
- every county keeps a shape: a ring that would collapse keeps its unsimplified points.

Plotly reads the file by URL (`go.Choropleth(geojson="/app/static/geo/…")`), so the figure
sent to the browser carries only FIPS codes, values and hover text.

Usage: python tools/build_county_map.py [--tolerance 0.01] [--decimals 3]  (needs `npm`)
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tools"))

from build_geo import US_ATLAS, decode_arcs, npm_pack, orient, read_member  # noqa: E402

OUT = REPO / "dashboard" / "static" / "geo" / "counties-simplified.json"
TOLERANCE = 0.01  # degrees (~1 km): well under a pixel on the national map
DECIMALS = 3

Point = tuple[float, float]


def _distance(point: Point, start: Point, end: Point) -> float:
    """Distance (degrees) from `point` to the segment start–end."""
    (x, y), (x0, y0), (x1, y1) = point, start, end
    dx, dy = x1 - x0, y1 - y0
    length = dx * dx + dy * dy
    if length == 0:
        return float(((x - x0) ** 2 + (y - y0) ** 2) ** 0.5)
    t = max(0.0, min(1.0, ((x - x0) * dx + (y - y0) * dy) / length))
    return float(((x - x0 - t * dx) ** 2 + (y - y0 - t * dy) ** 2) ** 0.5)


def douglas_peucker(points: list[Point], tolerance: float) -> list[Point]:
    """The points of a polyline that Douglas–Peucker keeps (ends always kept; iterative)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        far, index = 0.0, 0
        for k in range(first + 1, last):
            distance = _distance(points[k], points[first], points[last])
            if distance > far:
                far, index = distance, k
        if far > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def simplify_arc(points: list[Point], tolerance: float) -> list[Point]:
    """One arc simplified; a closed arc (an island's whole coast) is split at its farthest
    point first, so that it keeps an area."""
    if len(points) > 3 and points[0] == points[-1]:
        middle = max(range(len(points)), key=lambda k: _distance(points[k], points[0], points[0]))
        head = douglas_peucker(points[: middle + 1], tolerance)
        return head + douglas_peucker(points[middle:], tolerance)[1:]
    return douglas_peucker(points, tolerance)


def ring(arcs: list[list[Point]], refs: list[int], decimals: int) -> list[Point]:
    """Arcs (negative index = arc ~i reversed) joined into a closed, rounded ring."""
    joined: list[Point] = []
    for ref in refs:
        points = arcs[ref] if ref >= 0 else arcs[~ref][::-1]
        for x, y in points:
            point = (round(x, decimals), round(y, decimals))
            if not joined or joined[-1] != point:
                joined.append(point)
    if joined and joined[0] != joined[-1]:
        joined.append(joined[0])
    return joined


def polygons(
    geometry: dict[str, Any], simple: list[list[Point]], full: list[list[Point]], decimals: int
) -> list[list[list[Point]]]:
    """A county's polygons from the simplified arcs; a ring that collapsed (under 4 points)
    is rebuilt from the full arcs, and dropped only if it collapses even then (a hole or an
    islet; never the whole county, see `main`)."""
    parts = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
    out = []
    for part in parts:
        rings = []
        for refs in part:
            points = ring(simple, refs, decimals)
            if len(points) < 4:
                points = ring(full, refs, decimals)
            if len(points) >= 4:
                rings.append(points)
        if rings:
            out.append(orient(rings))
    return out


def feature(fips: str, parts: list[list[list[Point]]]) -> dict[str, Any]:
    """A GeoJSON feature with id = FIPS and nothing else (names travel in the hover text)."""
    coordinates = [[[list(p) for p in r] for r in part] for part in parts]
    geometry = (
        {"type": "Polygon", "coordinates": coordinates[0]}
        if len(coordinates) == 1
        else {"type": "MultiPolygon", "coordinates": coordinates}
    )
    return {"type": "Feature", "id": fips, "geometry": geometry}


def fallback(fips: str) -> dict[str, Any]:
    """The county's shape from data/geo/counties.geojson (for a county whose every ring
    collapses at 1:10m, e.g. Falls Church city, VA, drawn there as a small diamond)."""
    source = json.loads((REPO / "data" / "geo" / "counties.geojson").read_text("utf-8"))
    found = next(f for f in source["features"] if f["id"] == fips)
    return {"type": "Feature", "id": fips, "geometry": found["geometry"]}


def build(topology: dict[str, Any], tolerance: float, decimals: int) -> dict[str, Any]:
    """The simplified FeatureCollection, counties in FIPS order."""
    full = [[(x, y) for x, y in arc] for arc in decode_arcs(topology)]
    simple = [simplify_arc(arc, tolerance) for arc in full]
    features = []
    geometries = topology["objects"]["counties"]["geometries"]
    for geometry in sorted(geometries, key=lambda g: g["id"]):
        parts = polygons(geometry, simple, full, decimals)
        features.append(feature(geometry["id"], parts) if parts else fallback(geometry["id"]))
    return {"type": "FeatureCollection", "features": features}


def main(argv: list[str] | None = None) -> int:
    """Fetch us-atlas with npm, simplify, write OUT; returns a process exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tolerance", type=float, default=TOLERANCE, help="degrees")
    parser.add_argument("--decimals", type=int, default=DECIMALS)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        topology = json.loads(read_member(npm_pack(US_ATLAS, Path(tmp)), "counties-10m.json"))
    collection = build(topology, args.tolerance, args.decimals)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(collection, separators=(",", ":"))
    args.out.write_text(text, encoding="utf-8")
    points = sum(
        len(r)
        for f in collection["features"]
        for part in (
            [f["geometry"]["coordinates"]]
            if f["geometry"]["type"] == "Polygon"
            else f["geometry"]["coordinates"]
        )
        for r in part
    )
    print(f"{args.out}: {len(collection['features'])} counties, {points} points, {len(text):,} B")
    return 0


if __name__ == "__main__":
    sys.exit(main())
