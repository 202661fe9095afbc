"""The committed data/geo and dashboard/static/topojson outputs, and the build's geometry code."""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import sys
from itertools import pairwise
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[3]
GEO = REPO / "data" / "geo"
TOPO = REPO / "dashboard" / "static" / "topojson"


def _rows(name: str) -> list[dict[str, str]]:
    with (GEO / name).open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((GEO / name).read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_geo", REPO / "tools" / "build_geo.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules["build_geo"] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def counties_geo() -> dict[str, Any]:
    return _load("counties.geojson")


def _area(ring: list[list[float]]) -> float:
    return 0.5 * sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairwise(ring))


def _inside(ring: list[list[float]], x: float, y: float) -> bool:
    hit = False
    for (x0, y0), (x1, y1) in pairwise(ring):
        if (y0 > y) != (y1 > y) and x < (x1 - x0) * (y - y0) / (y1 - y0) + x0:
            hit = not hit
    return hit


def _polygons(feature: dict[str, Any]) -> list[list[list[list[float]]]]:
    g = feature["geometry"]
    polys: list[list[list[list[float]]]] = (
        [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
    )
    return polys


def test_states_csv() -> None:
    rows = _rows("states.csv")
    assert list(rows[0]) == ["code", "fips", "name", "lat", "lon"]
    codes = {r["code"] for r in rows}
    assert len(rows) == 56 and {"DC", "PR", "GU", "VI", "AS", "MP", "FL", "AK"} <= codes
    fl = next(r for r in rows if r["code"] == "FL")
    assert (fl["fips"], fl["name"]) == ("12", "Florida")


def test_counties_csv_names_and_kinds() -> None:
    rows = {r["fips"]: r for r in _rows("counties.csv")}
    assert len(rows) == 3231
    expect = {
        "12086": ("FL", "Miami-Dade County", "county"),
        "22071": ("LA", "Orleans Parish", "parish"),
        "51760": ("VA", "Richmond city", "independent_city"),
        "51159": ("VA", "Richmond County", "county"),
        "02110": ("AK", "Juneau City and Borough", "city_and_borough"),
        "02050": ("AK", "Bethel Census Area", "census_area"),
        "02020": ("AK", "Anchorage Municipality", "municipality"),
        "72127": ("PR", "San Juan Municipio", "municipio"),
        "11001": ("DC", "District of Columbia", "federal_district"),
    }
    for fips, (state, name, kind) in expect.items():
        r = rows[fips]
        assert (r["state"], r["name"], r["kind"]) == (state, name, kind)
    assert all(re.fullmatch(r"\d{5}", f) for f in rows)


def test_county_points_inside_polygons(counties_geo: dict[str, Any]) -> None:
    points = {r["fips"]: (float(r["lon"]), float(r["lat"])) for r in _rows("counties.csv")}
    outside = []
    for f in counties_geo["features"]:
        x, y = points[f["id"]]
        if not any(
            _inside(p[0], x, y) and not any(_inside(h, x, y) for h in p[1:]) for p in _polygons(f)
        ):
            outside.append(f["id"])
    assert outside == []


def test_geojson_ids_names_rounding(counties_geo: dict[str, Any]) -> None:
    states = _load("states.geojson")
    assert len(states["features"]) == 56 and len(counties_geo["features"]) == 3231
    f = next(f for f in counties_geo["features"] if f["id"] == "12086")
    assert f["properties"]["name"] == "Miami-Dade County"
    coords = json.dumps(f["geometry"]["coordinates"])
    assert not re.search(r"\.\d{5,}", coords)  # at most 4 decimals
    assert next(f for f in states["features"] if f["id"] == "12")["properties"]["name"] == "Florida"


def test_ring_order_is_d3_plotly(counties_geo: dict[str, Any]) -> None:
    """Exterior rings clockwise (negative shoelace area), holes counter-clockwise."""
    for fc in (counties_geo, _load("states.geojson")):
        for f in fc["features"]:
            for poly in _polygons(f):
                assert _area(poly[0]) < 0, f["id"]
                assert all(_area(h) > 0 for h in poly[1:]), f["id"]
                assert all(r[0] == r[-1] and len(r) >= 4 for r in poly)


def test_places_csv_compact_and_unique() -> None:
    assert (GEO / "places.csv").stat().st_size < 4_000_000
    rows = _rows("places.csv")
    assert list(rows[0]) == [
        "id",
        "name",
        "state",
        "county_fips",
        "other_county_fips",
        "lat",
        "lon",
    ]
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)) and len(rows) > 30_000
    miami = next(r for r in rows if r["id"] == "fl:miami")
    assert (miami["name"], miami["county_fips"]) == ("Miami", "12086")


def test_plotly_basemaps() -> None:
    for name, objects in (("usa_110m", {"land", "subunits"}), ("world_110m", {"countries"})):
        topo = json.loads((TOPO / f"{name}.json").read_text(encoding="utf-8"))
        assert topo["type"] == "Topology" and objects <= set(topo["objects"])
        assert 20_000 < (TOPO / f"{name}.json").stat().st_size < 400_000


def test_readme_names_sources_and_licences() -> None:
    text = (GEO / "README.md").read_text(encoding="utf-8")
    for needle in (
        "us-atlas@3.0.1",
        "ISC",
        "CC BY 4.0",
        "GeoNames",
        "zipcodes",
        "MIT",
        "plotly.js@4",
        "geoid",
    ):
        assert needle in text, needle


def test_decode_and_stitch(build: ModuleType) -> None:
    topo = {
        "transform": {"scale": [1, 1], "translate": [10, 20]},
        "arcs": [[[0, 0], [2, 0], [0, 2]], [[2, 2], [-2, 0], [0, -2]]],
    }
    arcs = build.decode_arcs(topo)
    assert arcs[0] == [(10, 20), (12, 20), (12, 22)]
    ring = build.stitch(arcs, [0, 1])
    assert ring == [(10, 20), (12, 20), (12, 22), (10, 22), (10, 20)]
    (poly,) = build.geometry_polygons({"type": "Polygon", "arcs": [[0, 1]]}, arcs)
    assert build.signed_area(poly[0]) < 0  # counter-clockwise input was turned clockwise
    assert build.stitch(arcs, [~1])[0] == (10, 20)


def test_point_inside_concave(build: ModuleType) -> None:
    # a "C" shape whose centroid falls in the notch
    c = [
        (0.0, 0.0),
        (3.0, 0.0),
        (3.0, 1.0),
        (1.0, 1.0),
        (1.0, 2.0),
        (3.0, 2.0),
        (3.0, 3.0),
        (0.0, 3.0),
        (0.0, 0.0),
    ]
    lat, lon = build.point_inside([[c[::-1]]])
    assert build.polygon_contains([c], lon, lat)


def test_js_object_to_json(build: ModuleType) -> None:
    src = '{ type: "Topology", objects: { land: { arcs: [[0, -1]] }, "a:b": "x: y" } }'
    assert json.loads(build.js_object_to_json(src)) == {
        "type": "Topology",
        "objects": {"land": {"arcs": [[0, -1]]}, "a:b": "x: y"},
    }
