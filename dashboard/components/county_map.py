"""The national county map: every county shaded by the chosen measure under the shared
filters, its numbers in the hover and in a table with downloads.

Built to draw quickly in the browser at a million votes: one choropleth trace, no markers,
numbers aggregated per county in SQL (`maps.county_totals`), and shapes that the browser
reads by URL from dashboard/static/geo (simplified once by tools/build_county_map.py),
so the figure sent to it carries only FIPS codes, values and names.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from policytrack.geo.shapes import counties
from policytrack.queries.maps import CountyTotals

from components import maps
from components.downloads import downloads
from components.map_tables import COUNTY_COLUMNS
from components.style import SEQUENTIAL

GEOMETRY = "geo/counties-simplified.json"  # under dashboard/static, served at /app/static/
CHART_KEY = "map-county-chart"
EMBED_KEY = "map-county"  # ?only=map-county: the county map alone (components/embeds.py)
# The national table names each county's state as well.
TABLE_COLUMNS: dict[str, Any] = {"state": "State", **COUNTY_COLUMNS}


def geometry_url() -> str:
    """Where the browser reads the county shapes (beside plotly's basemaps)."""
    return maps.topojson_url().replace("/topojson/", f"/{GEOMETRY}")


@functools.cache
def geometry() -> dict[str, Any]:
    """The county shapes themselves, for the self-contained HTML download."""
    path = Path(__file__).resolve().parents[1] / "static" / GEOMETRY
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


@functools.cache
def _state_of() -> dict[str, str]:
    return {county.fips: county.state for county in counties()}


def hover_template(status_words: str) -> str:
    """County name, then its numbers in words (values never in colour alone)."""
    agreements = f"{status_words} agreements".strip().capitalize()
    return (
        "%{text}<br>Votes by it or its towns: %{customdata[0]:,} (passed %{customdata[1]:,}, "
        "failed %{customdata[2]:,}, deferred %{customdata[3]:,})<br>"
        f"{agreements}: %{{customdata[4]:,}}<extra></extra>"
    )


def figure(rows: pd.DataFrame, value: str, title: str, status_words: str) -> go.Figure:
    """All counties in one choropleth trace, shaded on a log scale of `rows[value]`."""
    z, ticks = maps.log_colour(rows[value])
    # 32-bit arrays travel as compact base64 typed arrays: the figure message at 3,231
    # counties is ~40 % smaller than with Python floats and 64-bit counts.
    numbers = rows[["votes", "passed", "failed", "deferred", "agreements"]].to_numpy("int32")
    chart = go.Figure(
        go.Choropleth(
            geojson=geometry_url(),
            featureidkey="id",
            locations=rows["fips"],
            z=np.asarray(z, dtype="float32"),
            zmin=0,
            zmax=max([*z, 0.31]),
            colorscale=SEQUENTIAL,
            marker_line_color="#969696",
            marker_line_width=0.15,
            text=(rows["name"].map(maps.safe) + ", " + rows["state"]),
            customdata=numbers,
            hovertemplate=hover_template(status_words),
            colorbar=maps.COLOUR_BAR
            | {"title": maps.COLOUR_BAR["title"] | {"text": title}}
            | ticks,
            name="Counties",
        )
    )
    chart.update_geos(scope="usa", visible=False, bgcolor="rgba(0,0,0,0)")
    chart.update_layout(
        margin=maps.MAP_MARGIN,
        height=maps.MAP_HEIGHT,
        dragmode=False,
        clickmode="event+select",
    )
    return chart


def on_select() -> None:
    """A click on a county zooms to its state (through the page's `zoom` control)."""
    from policytrack.geo.shapes import state_names

    state = st.session_state.get(CHART_KEY) or {}
    for point in state.get("selection", {}).get("points", []):
        code = _state_of().get(str(point.get("location")))
        if code:
            st.session_state["zoom"] = state_names()[code]
            return


def html_download(chart: go.Figure, name: str, title: str) -> None:
    """The chart as one HTML file that works offline: the shapes go inside it; PNG/SVG and
    its Embed beside it (components/embeds.py), or the map alone in an embed."""
    from components.embeds import alone, embed_controls, shown_alone

    if shown_alone() == EMBED_KEY:
        alone(chart, EMBED_KEY, title)
        return

    def inline() -> go.Figure:
        whole = go.Figure(chart)
        whole.update_traces(geojson=geometry())
        return whole

    with st.container(horizontal=True):
        st.download_button(
            "Chart (HTML)",
            lambda: str(inline().to_html(include_plotlyjs=True, full_html=True)),
            file_name=f"{name}.html", mime="text/html", key="map-county-chart-html",
            icon=":material/download:", on_click="ignore",
        )  # fmt: skip
        embed_controls(chart, EMBED_KEY, title, whole=inline)


def table(found: CountyTotals, as_of: str | None) -> None:
    """The counties with votes or agreements, what lies in no county, and downloads."""
    rows = found.rows
    shown = rows[(rows["votes"] > 0) | (rows["agreements"] > 0)]
    st.subheader("By county")
    notes = [f"{len(shown):,} of {len(rows):,} counties have votes or agreements"]
    outside = found.outside
    if outside.votes or outside.agreements:
        notes.append(
            f"{outside.votes:,} votes and {outside.agreements:,} agreements lie in no "
            "county (state bodies and agencies, places with no known county) and are not shaded"
        )
    st.caption(" · ".join(notes))
    st.dataframe(shown, hide_index=True, height=380, column_config=TABLE_COLUMNS)
    downloads(
        lambda: shown, "policytrack-map-counties", len(shown), as_of=as_of, key="map-us-counties"
    )


def show(found: CountyTotals, value: str, title: str, status_words: str, as_of: str | None) -> None:
    """The national county map, its download and its table (the map drawn last, in its
    place: see app_pages/map.py `draw`)."""
    chart = figure(found.rows, value, title, status_words)
    place = st.container()
    table(found, as_of)
    with place:
        maps.show(
            chart,
            CHART_KEY,
            on_select=on_select,
            selection_mode="points",
            alt=f"Map of US counties shaded by {title.lower()}",
        )
        html_download(chart, "policytrack-map-counties", f"US counties by {title.lower()}")
