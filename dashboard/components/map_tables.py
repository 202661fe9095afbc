"""The Map page's tables: the numbers each map shows (per state, per county of a state, per
place marked), with CSV/JSON (/GeoJSON) downloads of exactly those rows."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from policytrack.geo.shapes import state_names
from policytrack.queries.maps import Markers

from components import maps
from components.downloads import downloads, labelled
from components.outside_text import shown_table

# The counts every map table shows, with their column titles.
COUNT_COLUMNS: dict[str, Any] = {
    "votes": "Votes",
    "passed": "Passed",
    "failed": "Failed",
    "deferred": "Deferred",
    "withdrawn": "Withdrawn",
    "agreements": "Agreements",
}
COUNTY_COLUMNS: dict[str, Any] = {"fips": "FIPS", "name": "County", **COUNT_COLUMNS}
PLACE_COLUMNS: dict[str, Any] = {
    "name": "Place",
    "kind": "Kind",
    "state": "State",
    "fips": "FIPS",
    "county_fips": "County FIPS",
    "lat": None,
    "lon": None,
    **COUNT_COLUMNS,
    "latest_vote": "Latest vote",
    "decided_on": "Latest decision on",
    "latest_action": "Latest action",
    "latest_outcome": "Latest outcome",
    "active": "Active",
    "pending": "Pending",
    "superseded": "Superseded",
    "removed": "Removed",
    "terminated": "Terminated",
    "latest_signed": "Latest signed",
    "status": "Shown as",
}


def state_table(states: pd.DataFrame, as_of: str | None) -> None:
    """The per-state numbers the map shows, with downloads."""
    st.subheader("By state")
    shown = states.drop(columns=["share_percent"])
    st.dataframe(
        shown,
        hide_index=True,
        height=420,
        column_config={
            "state": "State",
            "name": "Name",
            **COUNT_COLUMNS,
            "counties_with_agreement": "Counties with one",
            "counties": "Counties",
            "share_of_counties": st.column_config.NumberColumn(
                "Share of counties", format="percent"
            ),
        },
    )
    downloads(lambda: shown, "policytrack-map-states", len(shown), as_of=as_of, key="map-states")


def county_table(counties: pd.DataFrame, state: str, as_of: str | None) -> None:
    """The drilled state's counties that have votes or agreements, with downloads."""
    st.subheader(f"Counties of {state_names().get(state, state)}")
    shown = counties[(counties["votes"] > 0) | (counties["agreements"] > 0)]
    st.caption(f"{len(shown):,} of {len(counties):,} counties have votes or agreements.")
    st.dataframe(
        shown,
        hide_index=True,
        height=380,
        column_config=COUNTY_COLUMNS,
    )
    downloads(
        lambda: shown,
        f"policytrack-map-{state.lower()}-counties",
        len(shown),
        as_of=as_of,
        key="map-counties",
    )


def marker_table(found: Markers, layer: str, name: str, as_of: str | None) -> None:
    """The places marked on the map, with CSV/JSON/GeoJSON downloads."""
    # The votes listed in each marker's hover are on the place's record, not in this table.
    rows: pd.DataFrame = labelled(found.rows.drop(columns=["votes_here"], errors="ignore"))
    st.subheader("Places on the map")
    notes = [f"{len(rows):,} of {found.total:,} places with a map point"]
    if len(rows) < found.total:
        notes[0] += " (those with the most records; a state's map marks all of its places)"
    if found.unplaced:
        what = "votes" if layer == "votes" else "agreements"
        notes.append(
            f"{found.unplaced:,} {what} have no map point and are counted only in the totals"
        )
    st.caption(" · ".join(notes))
    shown = rows.drop(columns=["ocd_id"])
    st.dataframe(shown_table(shown), hide_index=True, height=300, column_config=PLACE_COLUMNS)
    downloads(
        lambda: rows,
        name,
        len(rows),
        as_of=as_of,
        geojson=lambda: maps.markers_geojson(rows),
        key="map-places",
    )
