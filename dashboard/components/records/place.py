"""A jurisdiction's record: facts, its point on a small map, votes there, agencies'
agreements and the stakeholders active there."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from policytrack.queries.record import PlaceRecord

from components import maps
from components.downloads import chart_downloads
from components.links import escape_markdown as escaped
from components.links import http_only
from components.outside_text import HEADING, shown_table
from components.records.common import (
    STANCES,
    agreement_columns,
    capped,
    facts,
    field,
    record_table,
    vote_columns,
)
from components.style import label


def point_map(place: PlaceRecord) -> None:
    """A small offline map of the jurisdiction's point."""
    lat, lon = place.lat, place.lon
    if lat is None or lon is None:
        st.caption("No map point: the offline gazetteer does not place this jurisdiction.")
        return
    figure = go.Figure(
        go.Scattergeo(
            lat=[lat],
            lon=[lon],
            mode="markers",
            marker={"size": 12, "color": "#0072B2", "symbol": "circle"},
            hovertemplate="%{lat:.3f}, %{lon:.3f}<extra></extra>",
        )
    )
    in_usa_scope = -180 < lon < -60 and 18 < lat < 72
    figure.update_geos(
        scope="usa" if in_usa_scope else "world", projection_type="albers usa" if in_usa_scope
        else "natural earth", showlakes=False, fitbounds=False if in_usa_scope else "locations",
    )  # fmt: skip
    figure.update_layout(height=260, margin={"l": 0, "r": 0, "t": 0, "b": 0})
    maps.show(figure, key="point-map")
    title, name = f"{place.name}, {place.state}", place.ocd_id.rsplit(":", 1)[-1]
    chart_downloads(figure, f"policytrack-map-{name}", "point-map-chart", title)


def jurisdiction_agreements(place: PlaceRecord) -> None:
    """Agencies there and their agreements, with MOA links (http/https only)."""
    st.subheader("Agencies and their 287(g) agreements")
    frame = capped(place.agreements, "agreements")
    if frame.empty:
        st.caption("No agency here appears on ICE's 287(g) lists that were loaded.")
        return
    frame["moa_url"] = http_only(frame["moa_url"])
    record_table(frame, "agreement", agreement_columns())


def jurisdiction_stakeholders(place: PlaceRecord) -> None:
    """Stakeholders with positions on votes there, by stance."""
    st.subheader("Stakeholders active here")
    frame = capped(place.stakeholders, "stakeholders")
    if frame.empty:
        st.caption("No stakeholder positions recorded on votes here.")
        return
    st.dataframe(
        shown_table(frame.assign(kind=frame["kind"].map(label)).drop(columns=["key"])),
        hide_index=True,
        column_config={"name": "Stakeholder", "kind": "Kind", "positions": "Positions"}
        | {stance: label(stance) for stance in STANCES},
    )


def show_jurisdiction(place: PlaceRecord) -> None:
    """The whole jurisdiction record."""
    st.title(f"{escaped(place.name, HEADING)}, {escaped(place.state)}")
    point = f"{place.lat:.4f}, {place.lon:.4f}" if place.lat is not None else None
    facts(
        [
            ("Kind", label(place.kind)),
            ("State", place.state),
            ("FIPS", place.fips),
            ("County FIPS", place.county_fips),
            ("Point (lat, lon)", point),
        ],
        per_row=5,
    )
    field(st, "OCD id", place.ocd_id)
    point_map(place)
    st.subheader("Votes here")
    votes = capped(place.votes, "votes")
    if votes.empty:
        st.caption("No vote recorded in this jurisdiction.")
    else:
        record_table(votes, "vote", vote_columns())
    jurisdiction_agreements(place)
    jurisdiction_stakeholders(place)
