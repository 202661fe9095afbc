"""The national county map's simplified shapes (dashboard/static/geo, made by
tools/build_county_map.py): one valid shape per county, in the ring order Plotly needs."""

import importlib.util
import itertools
import json
import sys
from functools import cache
from types import ModuleType
from typing import Any

import pytest

from policytrack.config import REPO_ROOT
from policytrack.geo.shapes import coordinate_count, counties, counties_geojson

SIMPLIFIED = REPO_ROOT / "dashboard" / "static" / "geo" / "counties-simplified.json"


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    """tools/build_county_map.py (it imports tools/build_geo.py beside it)."""
    spec = importlib.util.spec_from_file_location(
        "build_county_map", REPO_ROOT / "tools" / "build_county_map.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_county_map"] = module
    spec.loader.exec_module(module)
    return module


@cache
def simplified() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SIMPLIFIED.read_text(encoding="utf-8"))
    return loaded


def rings(feature: dict[str, Any]) -> list[list[list[float]]]:
    geometry = feature["geometry"]
    polygons = (
        [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    )
    return [ring for polygon in polygons for ring in polygon]


def signed_area(ring: list[list[float]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring)) / 2


def test_every_county_has_exactly_one_shape() -> None:
    ids = [feature["id"] for feature in simplified()["features"]]
    assert len(ids) == len(set(ids)) == 3231
    assert set(ids) == {county.fips for county in counties()}


def test_rings_are_closed_and_exteriors_clockwise() -> None:
    for feature in simplified()["features"]:
        geometry = feature["geometry"]
        polygons = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        )
        for polygon in polygons:
            for ring in polygon:
                assert len(ring) >= 4 and ring[0] == ring[-1], feature["id"]
            # Plotly (d3) fills the rest of the globe around an anticlockwise exterior.
            assert signed_area(polygon[0]) < 0, feature["id"]


def test_simpler_than_the_full_boundaries_but_not_emptied() -> None:
    full = coordinate_count(counties_geojson())
    kept = coordinate_count(simplified())
    assert 0.5 * full < kept < full
    assert len(SIMPLIFIED.read_bytes()) < 1.5e6


def test_douglas_peucker_keeps_ends_and_corners_drops_what_is_within_tolerance(
    tool: ModuleType,
) -> None:
    line = [(0.0, 0.0), (1.0, 0.001), (2.0, 0.0), (3.0, 1.0), (4.0, 0.0)]
    assert tool.douglas_peucker(line, 0.01) == [(0.0, 0.0), (2.0, 0.0), (3.0, 1.0), (4.0, 0.0)]
    assert tool.douglas_peucker(line[:2], 0.01) == line[:2]


def test_a_closed_arc_keeps_its_farthest_point(tool: ModuleType) -> None:
    island = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0)]
    assert tool.simplify_arc(island, 5.0) == [(0.0, 0.0), (1.0, 1.0), (0.0, 0.0)]


def test_a_ring_that_would_collapse_keeps_its_full_points(tool: ModuleType) -> None:
    island = [(0.0, 0.0), (0.0, 1.0), (1.0, 1.0), (1.0, 0.0), (0.0, 0.0)]
    simple = [tool.simplify_arc(island, 5.0)]
    parts = tool.polygons({"type": "Polygon", "arcs": [[0]]}, simple, [island], 3)
    assert parts == [[island]]  # clockwise already, as Plotly wants
