"""NAIVE national county choropleth (bench baseline only): every run reads the full
data/geo/counties.geojson (3,231 counties, 1.7 MB), counts votes per county and draws one
go.Choropleth over all of them, with no caching. `bench.run` serves it with the plotly
basemaps copied beside it (static serving) so it renders offline, then times it in Chromium.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import plotly.graph_objects as go
import streamlit as st

GEO = Path(os.environ.get("BENCH_GEO_DIR", Path(__file__).resolve().parents[1] / "data" / "geo"))

st.set_page_config(page_title="naive county map (bench)", layout="wide")
st.title("Votes by county (naive baseline)")
counties = json.loads((GEO / "counties.geojson").read_text(encoding="utf-8"))
database = os.environ["POLICYTRACK_DATABASE_URL"].removeprefix("sqlite:///")
with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
    rows = connection.execute(
        "SELECT COALESCE(j.county_fips, j.fips) AS county, COUNT(*) FROM vote_event v "
        "JOIN jurisdiction j ON j.id = v.jurisdiction_id WHERE j.kind != 'state' GROUP BY 1"
    ).fetchall()
votes = dict(rows)
fips = [feature["id"] for feature in counties["features"]]
figure = go.Figure(
    go.Choropleth(
        geojson=counties,
        featureidkey="id",
        locations=fips,
        z=[votes.get(f, 0) for f in fips],
        colorscale="Blues",
        marker_line_width=0.2,
    )
)
figure.update_geos(visible=False, projection_type="albers usa")
figure.update_layout(height=600, margin={"l": 0, "r": 0, "t": 0, "b": 0})
st.plotly_chart(figure, config={"topojsonURL": "/app/static/topojson/"})
