"""The national county map's simplified shapes (dashboard/static/geo, made by
tools/build_county_map.py): one valid shape per county, in the ring order Plotly needs."""

import itertools
import json
from functools import cache
from typing import Any

from policytrack.config import REPO_ROOT
from policytrack.geo.shapes import coordinate_count, counties, counties_geojson

SIMPLIFIED = REPO_ROOT / "dashboard" / "static" / "geo" / "counties-simplified.json"


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
