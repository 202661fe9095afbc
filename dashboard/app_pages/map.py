"""Map: states shaded by agreements, votes or the share of counties with an agreement, with
one marker per county or town, or every county of the country shaded; a state drills down
to its counties. Every control is in the URL (`level`, `layer`, `shade`, `status`, `zoom`),
so any view can be shared."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from policytrack.filters import Filters
from policytrack.geo.shapes import counties_per_state, state_names
from policytrack.queries import map_votes
from policytrack.queries import maps as maps_queries

import data
from components import county_map, later, maps
from components.downloads import chart_downloads
from components.filters import controls_notice, current, describe
from components.footer import footer
from components.links import record_link
from components.map_hover import hover_counties, hover_markers, hover_states
from components.map_tables import county_table, marker_table, state_table

LEVELS = ("States", "Counties")
LAYERS = {"Votes": "votes", "Agreements": "agreements"}
MEASURES = {
    "Agreements": "agreements",
    "Votes": "votes",
    "Share of counties with an agreement": "share",
}
STATUSES: dict[str, tuple[str, ...]] = {
    "Active": ("active",),
    "Pending": ("pending",),
    "Removed from ICE's list": ("removed",),
    "Superseded": ("superseded",),
    "Terminated": ("terminated",),
    "Any status": (),
}
ALL_STATES = "All states"
# The national map marks only the places with the most records: each marker costs the
# browser drawing time (2,000 markers: ~0.3 s more main-thread work than 300 at 1M votes,
# bench/results/2026-11-28-map.md); a state's map still marks up to maps.MARKER_LIMIT.
NATIONAL_MARKERS = 500
CHART_KEY = "map-chart"
PLACE_KEY = "map-place"
NAMES = state_names()
CODES = {name: code for code, name in NAMES.items()}
# Plotly's USA-states basemap: the 50 states and DC (territories are not drawn).
MAINLAND_AND_DC = frozenset(NAMES) - {"AS", "GU", "MP", "PR", "VI"}
VOTE_FILTERS_ONLY = ("topics", "actions", "outcomes", "stakeholder")
CONTROLS = {"level": "Map of", "zoom": "State to zoom", "layer": "Markers", "shade": "Shade by",
            "status": "Agreement status"}  # fmt: skip


def controls() -> tuple[str, str, str, tuple[str, ...], str | None]:
    """The page's own controls, URL-bound: where (level, state to zoom), then what
    (markers, shading, agreement status)."""
    level_column, zoom_column, _ = st.columns([1.2, 1.3, 1.7])
    level = level_column.segmented_control(
        "Map of",
        LEVELS,
        default="States",
        required=True,
        key="level",
        bind="query-params",
        help="The country's states with a marker per place, or all of its counties shaded. "
        "A state chosen to zoom shows its own counties.",
    )
    zoom = zoom_column.selectbox(
        "State to zoom",
        [ALL_STATES, *NAMES.values()],
        key="zoom",
        bind="query-params",
        help="Show one state's counties. Clicking a state (or a county) on the map does the same.",
    )
    left, middle, right = st.columns([1.1, 1.4, 1.1])
    layer = left.segmented_control(
        "Markers",
        list(LAYERS),
        default="Votes",
        required=True,
        key="layer",
        bind="query-params",
        disabled=level == "Counties" and zoom in (None, ALL_STATES),
        help="Show one marker per place for votes or for agreements (not on the county map).",
    )
    measure = middle.selectbox("Shade by", list(MEASURES), key="shade", bind="query-params")
    status = right.selectbox(
        "Agreement status",
        list(STATUSES),
        key="status",
        bind="query-params",
        help="Which agreements from ICE's lists are counted, shaded and marked.",
    )
    controls_notice(CONTROLS)
    return (
        level or "States",
        LAYERS[layer or "Votes"],
        MEASURES[measure or "Agreements"],
        STATUSES[status or "Active"],
        CODES.get(zoom or ALL_STATES),
    )


def national_votes(filters: Filters) -> map_votes.VoteSummary:
    """Everything the map shows about votes nationally, from one cached pass over them (in
    two halves at once on a large database: the split point is cached per database)."""
    split = data.query(map_votes.middle_place)
    return data.query(map_votes.summary, filters, limit=NATIONAL_MARKERS, split=split)


def headline(filters: Filters) -> maps_queries.Headline:
    """Headline numbers that follow the filters."""
    agreements = data.query(maps_queries.agreement_numbers, filters)
    numbers = maps_queries.headline_numbers(national_votes(filters).numbers, agreements)
    columns = st.columns(4)
    columns[0].metric("Votes tracked", f"{numbers.votes:,}")
    columns[1].metric(
        "Passed / failed / deferred",
        f"{numbers.passed:,} / {numbers.failed:,} / {numbers.deferred:,}",
    )
    columns[2].metric("Active agreements", f"{numbers.agreements_active:,}")
    columns[3].metric(
        "States", f"{numbers.states:,}", help="States with a vote or an active agreement."
    )
    latest = numbers.latest_vote.isoformat() if numbers.latest_vote else "none"
    as_of = numbers.list_as_of.isoformat() if numbers.list_as_of else "no list imported"
    st.caption(f"Latest vote: {latest} · ICE's official list as of: {as_of}")
    return numbers


def on_map_select() -> None:
    """A click on the map: a state zooms in (through the `zoom` control), a marker is kept
    so its record can be offered."""
    state = st.session_state.get(CHART_KEY)
    points = (state or {}).get("selection", {}).get("points", []) if state else []
    for point in points:
        custom = point.get("customdata")
        if custom:
            st.session_state[PLACE_KEY] = custom[0] if isinstance(custom, list) else str(custom)
            return
        code = point.get("location")
        if isinstance(code, str) and code in NAMES:
            st.session_state["zoom"] = NAMES[code]
            return


def explain_empty(filters: Filters, layer: str) -> None:
    """Why the markers layer is empty, naming the filters that removed everything."""
    what = "votes" if layer == "votes" else "agreements"
    if filters.active():
        st.info(f"No {what} with a map point match these filters ({describe(filters)}).")
    else:
        st.info(f"No {what} with a map point recorded yet.")


def shading(measure: str) -> tuple[str, str, str]:
    """(state column, county column, colour bar title) for the chosen measure."""
    if measure == "votes":
        return "votes", "votes", "Votes"
    if measure == "share":
        return "share_percent", "agreements", "% of counties"
    return "agreements", "agreements", "Agreements"


def selected_place(rows: pd.DataFrame) -> None:
    """After a marker was clicked: a link to that place's record."""
    chosen = st.session_state.get(PLACE_KEY)
    if not chosen or rows.empty or chosen not in set(rows["ocd_id"]):
        return
    row = rows[rows["ocd_id"] == chosen].iloc[0]
    st.caption("Selected on the map:")
    record_link("jurisdiction", str(chosen), f"{row['name']}, {row['state']}: open its record")


def draw(figure: Any, name: str, alt: str) -> None:
    """The map (clicks select a state or a place) and its download.

    Called last, into a container kept at the map's place, and through `later.chart`: on a
    browser tab's first page the map comes in a second run the browser asks for once the
    rest has drawn, since evaluating plotly.js holds up every other element (issue 13,
    item 13; bench/results/2026-12-08-page-load.md)."""

    def drawn() -> None:
        maps.show(figure, CHART_KEY, on_select=on_map_select, selection_mode="points", alt=alt)
        chart_downloads(figure, name, key="map-chart-download")

    later.chart(drawn)


def national(
    filters: Filters, layer: str, measure: str, statuses: tuple[str, ...], as_of: str | None
) -> None:
    """All states shaded, markers on top, the per-state table beside."""
    votes = national_votes(filters)
    agreements = data.query(maps_queries.agreement_states, filters, statuses=statuses)
    states = maps_queries.combine_states(votes.states, agreements)
    found = (
        maps_queries.vote_markers(votes)
        if layer == "votes"
        else data.query(
            maps_queries.agreement_markers, filters, statuses=statuses, limit=NATIONAL_MARKERS
        )
    )
    states = states.assign(share_percent=(states["share_of_counties"] * 100).round(1))
    value, _, title = shading(measure)
    rows = found.rows
    traces = maps.marker_traces(rows, layer, hover_markers(rows, layer)) if not rows.empty else []
    every = with_every_state(states)
    hover = hover_states(every, status_words(statuses))
    figure = maps.national_map(every, value, title, hover, traces, log=measure != "share")
    chart = st.container()
    if rows.empty:
        explain_empty(filters, layer)
    selected_place(rows)
    state_table(states, as_of)
    marker_table(found, layer, "policytrack-map-places", as_of)
    with chart:
        draw(figure, "policytrack-map", f"Map of US states shaded by {title.lower()}")


def drilled(
    filters: Filters,
    state: str,
    layer: str,
    measure: str,
    statuses: tuple[str, ...],
    as_of: str | None,
) -> None:
    """One state's counties shaded, its places marked, the per-county table beside."""
    votes = data.query(map_votes.summary, filters, state=state)
    agreements = data.query(
        maps_queries.agreement_counties, filters, statuses=statuses, state=state
    )
    counties = maps_queries.combine_counties_in(state, votes.counties, agreements)
    found = (
        maps_queries.vote_markers(votes)
        if layer == "votes"
        else data.query(maps_queries.agreement_markers, filters, state=state, statuses=statuses)
    )
    _, value, title = shading(measure)
    if measure == "share":
        st.caption(
            "Counties are shaded by their number of agreements; the share is a state figure."
        )
    rows = found.rows
    traces = maps.marker_traces(rows, layer, hover_markers(rows, layer)) if not rows.empty else []
    hover = hover_counties(counties, status_words(statuses))
    figure = maps.county_map(state, counties, value, title, hover, traces)
    chart = st.container()
    if rows.empty:
        explain_empty(filters, layer)
    selected_place(rows)
    county_table(counties, state, as_of)
    marker_table(found, layer, f"policytrack-map-{state.lower()}-places", as_of)
    with chart:
        draw(
            figure,
            f"policytrack-map-{state.lower()}",
            f"Map of the counties of {NAMES.get(state, state)}",
        )


def national_counties(
    filters: Filters, measure: str, statuses: tuple[str, ...], as_of: str | None
) -> None:
    """Every county of the country shaded (components/county_map.py), with its table."""
    votes = national_votes(filters)
    agreements = data.query(maps_queries.agreement_counties, filters, statuses=statuses)
    combine = maps_queries.combine_counties_nationally
    found = combine(votes.counties, votes.outside, agreements)
    _, value, title = shading(measure)
    lines = [
        "Each county counts its own body's votes and agreements and those of the towns in it. "
        "Puerto Rico and the territories are in the table, not drawn on this projection."
    ]
    if measure == "share":
        lines.append("Counties are shaded by agreements; the share is a state figure.")
    st.caption(" ".join([*lines, *ignored_filters(filters)]))
    county_map.show(found, value, title, status_words(statuses), as_of)


def with_every_state(states: pd.DataFrame) -> pd.DataFrame:
    """The states with records plus zeros for the other states and DC, so every state is
    shaded (and hovers) on the map rather than left as bare basemap."""
    codes = [code for code in NAMES if code not in set(states["state"]) and code in MAINLAND_AND_DC]
    zeros = pd.DataFrame({"state": codes, "name": [NAMES[c] for c in codes]})
    filled = pd.concat([states, zeros], ignore_index=True)
    numbers = [c for c in states.columns if c not in ("state", "name")]
    filled[numbers] = filled[numbers].fillna(0)
    counts = [c for c in numbers if not c.startswith("share")]
    filled[counts] = filled[counts].astype(int)
    filled["counties"] = filled["state"].map(counties_per_state()).fillna(0).astype(int)
    return filled


def status_words(statuses: tuple[str, ...]) -> str:
    """The agreement statuses counted, in words ("active", "pending", "" for any)."""
    return " or ".join(statuses)


def caption(layer: str, measure: str, filters: Filters) -> None:
    """What the shading and markers mean, and which filters the agreements ignore."""
    lines = []
    if measure == "share":
        lines.append(
            "Share of counties: of a state's counties (Census 2017 county equivalents), the "
            "share where at least one agency — the county's own, such as its sheriff, or a "
            "town's police in it — has an agreement of the chosen status. State agencies "
            "and agencies without a known place are not counted."
        )
    lines.append(
        "Vote markers take the colour and shape of the place's latest decision: its newest "
        "vote to approve, reject, rescind or defer (a side measure, such as a resolution to "
        "join a lawsuit, never overrides it); the hover lists the votes there."
        if layer == "votes"
        else "Agreement markers: one per place; where a place has agreements in several "
        "statuses the marker shows the first of active, pending, superseded, terminated, removed."
    )
    st.caption(" ".join([*lines, *ignored_filters(filters)]))


def ignored_filters(filters: Filters) -> list[str]:
    """The note that agreements ignore the vote-only filters in use (if any)."""
    ignored = [name for name in VOTE_FILTERS_ONLY if getattr(filters, name)]
    if not ignored:
        return []
    return [f"Agreements are not filtered by {', '.join(ignored)} (those describe votes)."]


def main() -> None:
    """The Map page."""
    filters = current()
    st.title("Map")
    st.caption(
        "Where local governments voted on cooperating with ICE, and where ICE's 287(g) "
        "agreements are. Click a state, or choose it below, to see its counties."
    )
    level, layer, measure, statuses, zoom = controls()
    numbers = headline(filters)
    if numbers.votes == 0 and numbers.agreements_active == 0 and not has_any(filters, statuses):
        if filters.active():
            st.info(
                f"No votes or agreements match these filters ({describe(filters)}). "
                "Remove one to see more."
            )
        else:
            st.info(
                "No votes or agreements recorded yet. Load the bundled data with "
                "`policytrack seed` and ICE's lists with `policytrack import ice FILE`."
            )
        return
    if zoom is None and len(filters.states) == 1 and filters.states[0] in NAMES:
        zoom = filters.states[0]
        st.caption(
            f"Showing {NAMES[zoom]}'s counties: the State filter selects only {NAMES[zoom]}."
        )
    as_of = numbers.list_as_of.isoformat() if numbers.list_as_of else None
    if zoom:
        caption(layer, measure, filters)
        drilled(filters, zoom, layer, measure, statuses, as_of)
    elif level == "Counties":
        national_counties(filters, measure, statuses, as_of)
    else:
        caption(layer, measure, filters)
        national(filters, layer, measure, statuses, as_of)
    footer("Boundaries: US Census Bureau; us-atlas.")


def has_any(filters: Filters, statuses: tuple[str, ...]) -> bool:
    """Whether any agreement of the chosen statuses matches (when none is active)."""
    if statuses == ("active",):
        return False
    states: pd.DataFrame = data.query(maps_queries.agreement_states, filters, statuses=statuses)
    return bool(len(states))


main()
