"""Plotly maps that render with no internet: plotly.js fetches its basemap from a CDN
unless told otherwise, so every geo figure is drawn with `topojsonURL` pointing at the
basemaps served from dashboard/static/ (Streamlit static serving)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.style import SEQUENTIAL


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


def show(figure: go.Figure, key: str, **kwargs: object) -> object:
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
            colorbar_title=title,
            text=frame[hover] if hover else None,
            hovertemplate="%{location}: %{z}<br>%{text}<extra></extra>"
            if hover
            else "%{location}: %{z}<extra></extra>",
        )
    )
    figure.update_geos(scope="usa", projection_type="albers usa", showlakes=False)
    figure.update_layout(margin={"l": 0, "r": 0, "t": 10, "b": 0}, height=460)
    return figure
