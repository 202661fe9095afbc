"""Plotly maps that render with no internet: plotly.js fetches its basemap from a CDN
unless told otherwise, so every geo figure is drawn with `topojsonURL` pointing at the
basemaps served from dashboard/static/ (Streamlit static serving). County shapes come from
data/geo (policytrack.geo.shapes), never from the network.

Values never rely on colour alone: markers differ by symbol too, every shape and marker has
hover text in words, and the pages show a table beside each map.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from policytrack.geo.shapes import state_counties_geojson

from components import outside_text
from components.style import (
    OUTCOME_COLOURS,
    OUTCOME_SYMBOLS,
    SEQUENTIAL,
    STATUS_COLOURS,
    STATUS_SYMBOLS,
    label,
)

# Light half of the Blues scale for areas, so that coloured markers on top stay visible.
AREA_SCALE = [[0.0, "#f7fbff"], [0.35, "#deebf7"], [0.7, "#9ecae1"], [1.0, "#4292c6"]]
MAP_HEIGHT = 540  # 470 px of map under the colour bar, as before it moved above
# The colour bar lies above the map, not beside it: beside it, it took a third of a
# phone's width (the map was 230 px wide on a 420 px screen).
COLOUR_BAR: dict[str, Any] = {
    "orientation": "h", "x": 0, "xanchor": "left", "y": 1.0, "yanchor": "bottom",
    "len": 0.5, "thickness": 10, "title": {"side": "top"},
}  # fmt: skip
MAP_MARGIN = {"l": 0, "r": 0, "t": 70, "b": 0}  # room for the colour bar above
# Drill-down county shapes: 3 decimals (~100 m) is finer than a state map can show.
COUNTY_DECIMALS = 3


def topojson_url() -> str:
    """Where the browser finds plotly's basemaps, respecting `server.baseUrlPath`."""
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}/app/static/topojson/" if base else "/app/static/topojson/"


def plot_config() -> dict[str, object]:
    """plotly.js config for every chart: offline basemaps, PNG export, no logo."""
    return {
        "topojsonURL": topojson_url(),
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "scale": 2},
    }


def show(figure: go.Figure, key: str, **kwargs: Any) -> object:
    """`st.plotly_chart` with the offline config; returns the selection when asked for."""
    return st.plotly_chart(figure, key=key, config=plot_config(), **kwargs)


def state_choropleth(frame: pd.DataFrame, value: str, title: str, hover: str = "") -> go.Figure:
    """States shaded by `frame[value]` (columns: state, value, and `hover` text if given)."""
    figure = go.Figure(
        go.Choropleth(
            locations=frame["state"],
            z=frame[value],
            locationmode="USA-states",
            colorscale=SEQUENTIAL,
            marker_line_color="white",
            marker_line_width=0.6,
            colorbar=COLOUR_BAR | {"title": COLOUR_BAR["title"] | {"text": title}},
            text=frame[hover] if hover else None,
            hovertemplate="%{location}: %{z}<br>%{text}<extra></extra>"
            if hover
            else "%{location}: %{z}<extra></extra>",
        )
    )
    figure.update_geos(scope="usa", projection_type="albers usa", showlakes=False)
    figure.update_layout(margin=MAP_MARGIN, height=520)
    return figure


def safe(text: object) -> str:
    """Outside text for Plotly hover labels (`outside_text.plotly`): shows literally."""
    return outside_text.plotly(text)


def _marker_size(counts: pd.Series, crowded: bool) -> list[float]:
    """Marker size grows with the count (9–22 px; 6–14 px when there are many markers)."""
    low, high = (6.0, 14.0) if crowded else (9.0, 22.0)
    return [min(high, low + 2.5 * math.sqrt(max(int(n), 1) - 1)) for n in counts]


def marker_traces(rows: pd.DataFrame, layer: str, hover: pd.Series) -> list[go.Scattergeo]:
    """One trace per outcome (votes) or status (agreements): own colour, symbol and legend
    entry. `customdata` carries the place's OCD id for selection."""
    if rows.empty:
        return []
    column, count = ("latest_outcome", "votes") if layer == "votes" else ("status", "agreements")
    colours, symbols = (
        (OUTCOME_COLOURS, OUTCOME_SYMBOLS) if layer == "votes" else (STATUS_COLOURS, STATUS_SYMBOLS)
    )
    what = "latest decision" if layer == "votes" else "agreement status"
    traces = []
    for value in [v for v in colours if v in set(rows[column])]:
        part = rows[rows[column] == value]
        traces.append(
            go.Scattergeo(
                lat=part["lat"],
                lon=part["lon"],
                mode="markers",
                name=f"{label(value)} ({what})",
                marker={
                    "color": colours[value],
                    "symbol": symbols[value],
                    "size": _marker_size(part[count], len(rows) > 80),
                    "opacity": 0.9,
                    "line": {"color": "#1a1a1a", "width": 1},
                },
                customdata=part[["ocd_id"]].to_numpy(),
                text=hover.loc[part.index],
                hovertemplate="%{text}<extra></extra>",
            )
        )
    return traces


def log_colour(values: pd.Series) -> tuple[list[float], dict[str, Any]]:
    """Counts on a log scale (log10 of n + 1) so that a state with 300 does not wash out
    the ones with 3; the colour bar is labelled with the counts themselves."""
    z = [math.log10(float(v) + 1) for v in values]
    top = max([int(v) for v in values] + [1])
    ticks = [0, 1, 3, 10, 30, 100, 300, 1000, 3000, 10000, 30000, 100000]
    shown = [t for t in ticks if t <= top] + [t for t in ticks if t > top][:1]
    bar = {"tickvals": [math.log10(t + 1) for t in shown], "ticktext": [f"{t:,}" for t in shown]}
    return z, bar


def _shade(figure: go.Figure, values: pd.Series, title: str, log: bool) -> None:
    """Colour scale, range and colour bar of the (single) choropleth trace."""
    bar: dict[str, Any] = COLOUR_BAR | {"title": COLOUR_BAR["title"] | {"text": title}}
    if log:
        z, ticks = log_colour(values)
        top = max([*z, math.log10(2)])
        figure.update_traces(
            selector={"type": "choropleth"}, z=z, zmin=0, zmax=top, colorbar=bar | ticks
        )
    else:
        figure.update_traces(selector={"type": "choropleth"}, zmin=0, colorbar=bar)
    figure.update_traces(selector={"type": "choropleth"}, colorscale=AREA_SCALE)


def _legend_and_margins(figure: go.Figure) -> go.Figure:
    """Legend below the map (readable on a phone), no wasted margins."""
    figure.update_layout(
        margin=MAP_MARGIN,
        height=MAP_HEIGHT,
        dragmode=False,
        legend={"orientation": "h", "yanchor": "top", "y": -0.02, "x": 0},
        clickmode="event+select",
    )
    return figure


def national_map(
    states: pd.DataFrame,
    value: str,
    title: str,
    hover: pd.Series,
    markers: list[go.Scattergeo],
    *,
    log: bool = True,
) -> go.Figure:
    """States shaded by `states[value]` (log scale for counts) with the markers on top."""
    frame = states.assign(_hover=hover)
    figure = state_choropleth(frame, value, title, "_hover")
    figure.update_traces(
        selector={"type": "choropleth"},
        hovertemplate="%{text}<extra></extra>",
        marker_line_color="#737373",
        name="States",
    )
    _shade(figure, frame[value], title, log)
    figure.add_traces(markers)
    return _legend_and_margins(figure)


def county_map(
    state: str,
    counties: pd.DataFrame,
    value: str,
    title: str,
    hover: pd.Series,
    markers: list[go.Scattergeo],
    *,
    log: bool = True,
) -> go.Figure:
    """One state's counties shaded by `counties[value]` (own GeoJSON, fitted to the state)
    with the markers on top."""
    figure = go.Figure(
        go.Choropleth(
            geojson=state_counties_geojson(state, COUNTY_DECIMALS),
            featureidkey="id",
            locations=counties["fips"],
            z=counties[value],
            marker_line_color="#737373",
            marker_line_width=0.5,
            text=hover,
            hovertemplate="%{text}<extra></extra>",
            name="Counties",
        )
    )
    _shade(figure, counties[value], title, log)
    figure.add_traces(markers)
    # Plotly ignores fitbounds under "albers usa"; a conic equal-area projection fits.
    figure.update_geos(
        visible=False,
        fitbounds="locations",
        projection_type="conic equal area",
        bgcolor="rgba(0,0,0,0)",
    )
    return _legend_and_margins(figure)


def markers_geojson(rows: pd.DataFrame) -> str:
    """The markers shown, as a GeoJSON FeatureCollection of points (RFC 7946)."""
    features = []
    for record in rows.astype(object).where(rows.notna(), None).to_dict("records"):
        lon, lat = record.pop("lon"), record.pop("lat")
        properties: dict[str, Any] = {
            str(k): (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in record.items()
        }
        features.append(
            {
                "type": "Feature",
                "id": properties.get("ocd_id"),
                "properties": properties,
                "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
            }
        )
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)
