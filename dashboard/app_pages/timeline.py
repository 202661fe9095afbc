"""Timeline: where and when cooperation with ICE is spreading — votes and 287(g) signings by
month, the cumulative adoption curve, a map at any month, and key dates marked. UI only:
every number comes from `policytrack.queries.timeline` through `data.query`."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from policytrack import key_dates
from policytrack.filters import Filters
from policytrack.queries import timeline

import data
from components import maps
from components.downloads import chart_downloads, downloads
from components.filters import controls_notice, current, describe
from components.footer import footer
from components.links import is_http
from components.outside_text import plotly, shown_table
from components.style import MODEL_COLOURS, OUTCOME_COLOURS, STATUS_COLOURS, label

# The shown option text is what the URL carries (?by=State): readable and stable.
BREAKDOWNS: dict[str, tuple[timeline.VoteBreakdown, timeline.AgreementBreakdown]] = {
    "Outcome": ("outcome", "status"), "State": ("state", "state"),
    "287(g) model": ("model", "model"),
}  # fmt: skip
LAYERS: dict[str, timeline.Layer] = {"Agreements signed": "agreements", "Votes held": "votes"}
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000"]
ACTION_COLOURS = {"approve": "#0072B2", "reject": "#D55E00", "rescind": "#CC79A7",
                  "defer": "#E69F00", "other": "#999999"}  # fmt: skip
DASHES = ["solid", "dash", "dot", "dashdot", "longdash", "longdashdot"]
GREY = "#999999"
VOTE_ONLY = ("topics", "actions", "outcomes", "stakeholder")


def month_name(month: str) -> str:
    """ "2025-07" → "Jul 2025"."""
    return dt.date.fromisoformat(f"{month}-01").strftime("%b %Y")


def group_name(group: str, by: str) -> str:
    """The word shown for a breakdown group ("other" is a bucket of states only by state)."""
    if by == "state":
        return "Other states" if group == "other" else group
    if by == "all":
        return "All agreements"
    return label(group)


def colours_for(by: str, frame: pd.DataFrame) -> dict[str, str]:
    """Okabe–Ito colour per group; states by size, the rest grey."""
    fixed = {"outcome": OUTCOME_COLOURS, "status": STATUS_COLOURS, "model": MODEL_COLOURS,
             "action": ACTION_COLOURS}.get(by)  # fmt: skip
    if fixed:
        return {g: fixed.get(g, GREY) for g in frame["group"].unique()}
    sizes = frame.groupby("group")["n"].sum().sort_values(ascending=False)
    states = [g for g in sizes.index if g != "other"]
    return {**dict(zip(states, OKABE_ITO, strict=False)), "other": GREY}


def order_of(frame: pd.DataFrame) -> list[str]:
    """Groups largest first, "other" last (stack and legend order)."""
    sizes = frame.groupby("group")["n"].sum().sort_values(ascending=False)
    return [g for g in sizes.index if g != "other"] + (["other"] if "other" in sizes else [])


def x_of(months: pd.Series) -> pd.Series:
    """Month strings as dates on the first of the month (for a time axis)."""
    return pd.to_datetime(months + "-01", format="%Y-%m-%d")  # no format guessing per chart


def mark_x(dates: list[key_dates.KeyDate]) -> str:
    """Where a month's mark sits: the first exact date, else mid-month."""
    exact = [d.day for d in dates if d.precision == "day"]
    day = min(exact) if exact else dates[0].day.replace(day=15)
    return day.isoformat()


def add_marks(figure: go.Figure, marks: list[key_dates.KeyDate]) -> None:
    """Dotted lines with short labels (full text on hover) at the key dates.

    Built as plain dicts and set once: plotly's add_shape/add_annotation re-validate every
    earlier one, which cost 0.5 s a rerun with the 100 marks of a 1M-vote database."""
    shapes, notes = [], []
    for index, (_month, dates) in enumerate(key_dates.by_month(marks).items()):
        x, top = mark_x(dates), 1.01 + 0.06 * (index % 4)
        hover = "<br>".join(
            f"{d.shown_date} · {plotly(d.state or 'US')}: {plotly(d.text)}" for d in dates
        )
        shapes.append({"type": "line", "x0": x, "x1": x, "y0": 0, "y1": top, "yref": "paper",
                       "line": {"color": "#555555", "width": 1, "dash": "dot"}})  # fmt: skip
        notes.append({
            "x": x, "y": top, "yref": "paper", "yanchor": "bottom",
            "text": plotly(key_dates.short_label(dates)), "hovertext": hover, "showarrow": False,
            "xanchor": "left", "font": {"size": 10}, "bgcolor": "rgba(255,255,255,0.85)",
        })  # fmt: skip
    figure.update_layout(shapes=[*figure.layout.shapes, *shapes],
                         annotations=[*figure.layout.annotations, *notes])  # fmt: skip


def layout(figure: go.Figure, y_title: str) -> go.Figure:
    """Shared look: legend under the chart (phone width), room for the marks on top."""
    figure.update_layout(
        height=420, margin={"l": 10, "r": 10, "t": 80, "b": 10}, yaxis_title=y_title,
        showlegend=True, legend_traceorder="normal",
        legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0},
        hovermode="closest", xaxis={"type": "date"},
    )  # fmt: skip
    return figure


def stacked_bars(
    frame: pd.DataFrame, by: str, what: str, marks: list[key_dates.KeyDate]
) -> go.Figure:
    """Stacked monthly bars, one trace per group, hover naming month, group and count."""
    colours = colours_for(by, frame)
    figure = go.Figure()
    for group in order_of(frame):
        rows = frame[frame["group"] == group]
        name = plotly(group_name(group, by))  # a state code from the records
        figure.add_bar(
            x=x_of(rows["month"]), y=rows["n"], name=name, marker_color=colours[group],
            xperiod="M1", xperiodalignment="middle",
            hovertemplate=f"%{{x|%b %Y}}<br>{name}: %{{y}} {what}<extra></extra>",
        )  # fmt: skip
    figure.update_layout(barmode="stack")
    add_marks(figure, marks)
    return layout(figure, what.capitalize())


def month_table(frame: pd.DataFrame, by: str, value: str = "n", total: bool = True) -> pd.DataFrame:
    """Months down, groups across, the chart's numbers in the cells (and a total); running
    totals carry over the months in which a group had nothing new."""
    wide = timeline.month_by_group(frame, value)
    groups = [g for g in order_of(frame) if g in wide.columns]
    table = wide[["month", *groups, *(["total"] if total else [])]]
    names = {g: group_name(str(g), by) for g in groups}
    return table.rename(columns={"month": "Month", "total": "Total", **names})


def table_with_downloads(
    table: pd.DataFrame, name: str, key: str, as_of: str | None = None
) -> None:
    """The table and, beside it, downloads of exactly those rows."""
    st.dataframe(table, hide_index=True, height=min(38 + 35 * len(table), 300))
    downloads(lambda: table, name, len(table), as_of=as_of, key=key)


def empty(what: str, filters: Filters) -> None:
    """A useful empty state naming the active filters (or saying what to load)."""
    if filters.active():
        st.info(f"No {what} match these filters ({describe(filters)}). Remove one to see more.")
    elif "agreements" in what:
        st.info(f"No {what} recorded: import ICE's lists with `policytrack import ice FILE`.")
    else:
        st.info(f"No {what} recorded yet.")


def headline(summary: timeline.TimelineSummary, filters: Filters) -> None:
    """The span covered and the counts, with what is left out and why."""
    votes, agreements = summary.votes, summary.agreements
    parts = []
    if votes.dated_votes:
        parts.append(
            f"{votes.dated_votes:,} dated votes from "
            f"{month_name(str(votes.first_vote_month))} to "
            f"{month_name(str(votes.last_vote_month))}"
        )
    if agreements.signed:
        parts.append(
            f"{agreements.signed:,} agreements signed from {_month(agreements.first_signed)} "
            f"to {_month(agreements.last_signed)}"
        )
    st.markdown("**" + " · ".join(parts) + "**")
    notes = []
    if votes.undated_votes:
        notes.append(f"{votes.undated_votes:,} undated votes not shown")
    if agreements.unsigned_pending:
        notes.append(
            f"{agreements.unsigned_pending:,} pending agreements (not signed yet) not shown"
        )
    if agreements.unsigned_other:
        notes.append(
            f"{agreements.unsigned_other:,} agreements whose signing date ICE's list leaves out "
            "or gives unreadably not shown (their status stands; see Data & about)"
        )
    if any(getattr(filters, name) for name in VOTE_ONLY):
        notes.append("topic, action, outcome and stakeholder filters apply to votes only")
    if notes:
        text = "; ".join(notes)
        st.caption(text[0].upper() + text[1:] + ".")


def _month(day: object) -> str:
    return day.strftime("%b %Y") if isinstance(day, dt.date) else "?"


def breakdown() -> tuple[timeline.VoteBreakdown, timeline.AgreementBreakdown]:
    """The URL-bound breakdown control: (vote column, agreement column)."""
    choice = st.segmented_control(
        "Break down by", list(BREAKDOWNS), default="Outcome", required=True, key="by",
        bind="query-params",
    )  # fmt: skip
    controls_notice({"by": "Break down by"})
    return BREAKDOWNS[choice or "Outcome"]


def votes_section(
    filters: Filters, by: timeline.VoteBreakdown, marks: list[key_dates.KeyDate]
) -> None:
    """Votes per month, stacked by the breakdown, with the table and downloads."""
    st.subheader("Votes by month")
    frame = (
        timeline.by_outcome(vote_months(filters))
        if by == "outcome"
        else data.query(timeline.votes_by_month, filters, by=by)
    )
    if frame.empty:
        empty("dated votes", filters)
        return
    figure = stacked_bars(frame, by, "votes", marks)
    maps.show(figure, key="votes-by-month")
    chart_downloads(figure, "policytrack-votes-by-month", key="votes-chart")
    table_with_downloads(month_table(frame, by), "policytrack-votes-by-month", "votes-by-month")


def signings_section(
    filters: Filters,
    by: timeline.AgreementBreakdown,
    marks: list[key_dates.KeyDate],
    as_of: str | None,
) -> None:
    """Agreements signed per month, stacked by the breakdown, with the table and downloads."""
    st.subheader("287(g) agreements signed by month")
    if by == "status":
        st.caption("Agreements have no outcome: coloured by their status on ICE's newest list.")
    frame = data.query(timeline.signings_by_month, filters, by=by)
    if frame.empty:
        empty("signed agreements", filters.for_agreements())
        return
    figure = stacked_bars(frame, by, "agreements signed", marks)
    maps.show(figure, key="signings-by-month")
    chart_downloads(figure, "policytrack-signings-by-month", key="signings-chart")
    table_with_downloads(
        month_table(frame, by), "policytrack-signings-by-month", "signings-by-month", as_of
    )


def cumulative_lines(
    frame: pd.DataFrame, by: str, what: str, marks: list[key_dates.KeyDate]
) -> go.Figure:
    """Step lines of running totals, one per group, dashed differently as well as coloured."""
    colours = colours_for(by, frame) if by != "all" else {"all": "#0072B2"}
    figure = go.Figure()
    for index, group in enumerate(order_of(frame)):
        rows = frame[frame["group"] == group]
        name = "All agreements" if group == "all" else plotly(group_name(group, by))
        figure.add_scatter(
            x=x_of(rows["month"]), y=rows["total"], name=name, mode="lines+markers",
            line={"shape": "hv", "color": colours.get(group, GREY), "dash": DASHES[index % 6]},
            customdata=rows["n"],
            hovertemplate=f"%{{x|%b %Y}}<br>{name}: %{{y}} {what} in all "
            "(%{customdata} that month)<extra></extra>",
        )  # fmt: skip
    add_marks(figure, marks)
    return layout(figure, f"{what.capitalize()} (running total)")


def adoption_section(filters: Filters, marks: list[key_dates.KeyDate], as_of: str | None) -> None:
    """The cumulative adoption curve (optionally by model) and cumulative votes passed."""
    st.subheader("Adoption over time")
    split = st.toggle("Split by 287(g) model", key="split", bind="query-params")
    frame = data.query(timeline.cumulative_adoption, filters, by_model=split)
    if frame.empty:
        empty("signed agreements", filters.for_agreements())
    else:
        figure = cumulative_lines(frame, "model" if split else "all", "agreements signed", marks)
        maps.show(figure, key="adoption")
        st.caption(
            f"Counts the agreements on ICE's list as of {as_of or 'its newest date'}, by the "
            "month they were signed. ICE's list leaves out agreements that ended, so this is "
            "what is still in force, not every signing: a flat stretch does not mean that no "
            "agreement was signed then."
        )
        chart_downloads(figure, "policytrack-adoption", key="adoption-chart")
        table = month_table(frame, "model" if split else "all", "total", total=split)
        table_with_downloads(table, "policytrack-adoption", "adoption", as_of)
    st.markdown("**Votes passed, by what they did (running total)**")
    passed = timeline.passed_by_action(vote_months(filters))
    if passed.empty:
        empty("passed votes", filters)
        return
    figure = cumulative_lines(passed, "action", "votes passed", marks)
    maps.show(figure, key="votes-passed")
    chart_downloads(figure, "policytrack-votes-passed", key="votes-passed-chart")
    table = month_table(passed, "action", "total")
    table_with_downloads(table, "policytrack-votes-passed", "votes-passed")


def month_slider(months: list[str]) -> str:
    """The URL-bound month slider (shows "Jul 2025"); the last month unless chosen."""
    names = [month_name(m) for m in months]
    if st.session_state.get("month") not in names:
        st.session_state.pop("month", None)  # left over from other filters or another layer
    chosen = st.select_slider(
        "Up to the end of", names, value=names[-1], key="month", bind="query-params"
    )
    controls_notice({"month": "Up to the end of"})
    return months[names.index(str(chosen))]


def map_caption(layer: str, month: str, frame: pd.DataFrame, as_of: str | None) -> str:
    """What is shaded, in words."""
    total, states = int(frame["n"].sum()), len(frame)
    if layer == "votes":
        return (
            f"Shaded: votes held in each state up to the end of {month_name(month)} "
            f"({total:,} votes in {states} states). Undated votes are not counted; "
            "states in grey have none."
        )
    source = f" on ICE's lists as of {as_of}" if as_of else ""
    return (
        f"Shaded: 287(g) agreements signed in each state up to the end of {month_name(month)}"
        f"{source} ({total:,} agreements in {states} states). Agreements without a "
        "readable signing date (pending ones, and any ICE printed unreadably) are not "
        "counted; states in grey have none. The colour scale is "
        "fixed to the latest month so months compare."
    )


def map_section(filters: Filters, as_of: str | None) -> None:
    """The map at a chosen month: per state, the running total up to that month."""
    st.subheader("Map over time")
    shown = st.segmented_control(
        "Map shows", list(LAYERS), default="Agreements signed", required=True, key="layer",
        bind="query-params",
    )  # fmt: skip
    layer = LAYERS[shown or "Agreements signed"]
    controls_notice({"layer": "Map shows"})
    months = (
        timeline.vote_month_range(vote_months(filters))
        if layer == "votes"
        else data.query(timeline.months, filters, layer=layer)
    )
    if not months:
        empty("dated votes" if layer == "votes" else "signed agreements", filters)
        return
    month = month_slider(months)
    if layer == "votes":
        # One cached (month, state) pass serves every month of the slider.
        by_state = data.query(timeline.vote_months_by_state, filters)
        frame = timeline.states_until(by_state, month)
        latest = timeline.states_until(by_state, months[-1])
    else:
        frame = data.query(timeline.state_counts_until, filters, month=month, layer=layer)
        latest = data.query(timeline.state_counts_until, filters, month=months[-1], layer=layer)
    if frame.empty:
        st.info(f"None up to the end of {month_name(month)}: move the slider later.")
        return
    draw_map(frame, layer, month, int(latest["n"].max()), as_of)


def draw_map(frame: pd.DataFrame, layer: str, month: str, top: int, as_of: str | None) -> None:
    """The choropleth beside its table, with the caption saying what is shaded."""
    what = "votes" if layer == "votes" else "agreements"
    hover = frame.assign(hover=frame["n"].map(lambda n: f"{n:,} {what} by {month_name(month)}"))
    figure = maps.state_choropleth(hover, "n", what.capitalize(), hover="hover")
    figure.update_traces(zmin=0, zmax=max(top, 1))
    figure.update_traces(colorbar={"len": 0.7, "thickness": 14})
    figure.update_geos(showland=True, landcolor="#d9d9d9")  # "none" must not read as "few"
    maps.show(figure, key="map-over-time")
    st.caption(map_caption(layer, month, frame, as_of))
    chart_downloads(figure, f"policytrack-{what}-by-state-{month}", key="map-chart")
    table = frame.rename(columns={"state": "State", "n": f"{what.capitalize()} to date"})
    table_with_downloads(
        table, f"policytrack-{what}-by-state-{month}", "map-table",
        as_of if layer == "agreements" else None,
    )  # fmt: skip


def marks_for(filters: Filters) -> tuple[list[key_dates.KeyDate], str | None]:
    """Key dates for the charts (state-law votes, Florida's order, ICE's list dates) and the
    newest list date."""
    laws = data.query(timeline.state_law_votes, filters)
    lists = data.query(timeline.list_dates)
    marks = key_dates.combine(
        key_dates.from_state_law_votes(laws),
        key_dates.from_official_lists(lists),
        key_dates.state_actions(filters.states, filters.date_from, filters.date_to),
    )
    as_of = str(lists["as_of"].max()) if not lists.empty else None
    return marks, as_of


def key_dates_section(marks: list[key_dates.KeyDate]) -> None:
    """The marked dates in full, with their sources."""
    st.subheader("Key dates marked on the charts")
    if not marks:
        st.caption("No key dates in the chosen states and dates.")
        return
    table = pd.DataFrame(
        {
            "Date": [m.shown_date for m in marks],
            "State": [m.state or "US" for m in marks],
            "What": [m.kind for m in marks],
            "Description": [m.text for m in marks],
            "Source": [m.source if is_http(m.source) else None for m in marks],
            "Citation": [None if is_http(m.source) else m.source for m in marks],
        }
    )
    st.dataframe(
        shown_table(table), hide_index=True,
        column_config={
            "Description": st.column_config.TextColumn(width="large"),
            "Source": st.column_config.LinkColumn(display_text=r"https?://(?:www\.)?([^/]+)"),
            "Citation": st.column_config.TextColumn(width="medium"),
        },
    )  # fmt: skip
    downloads(lambda: table, "policytrack-key-dates", len(table), key="key-dates")


def vote_months(filters: Filters) -> pd.DataFrame:
    """Votes per (month, outcome, action): one cached pass over the votes feeds the vote
    charts, the month slider and the headline."""
    cube: pd.DataFrame = data.query(timeline.vote_months, filters)
    return cube


def page() -> None:
    """The Timeline page."""
    filters = current()
    st.title("Timeline")
    st.caption(
        "Where and when is cooperation with ICE spreading? Local votes and 287(g) agreement "
        "signings month by month, with state laws and ICE's list dates marked."
    )
    summary = timeline.TimelineSummary(
        votes=timeline.vote_summary(vote_months(filters)),
        agreements=data.query(timeline.agreement_summary, filters),
    )
    if not summary.votes.dated_votes and not summary.agreements.signed:
        if filters.active():
            empty("dated votes or signed agreements", filters)
        else:
            st.info(
                "No dated votes or signed agreements recorded yet. Load the bundled data with "
                "`policytrack seed` and ICE's lists with `policytrack import ice FILE`."
            )
        st.stop()
    headline(summary, filters)
    marks, as_of = marks_for(filters)
    vote_by, agreement_by = breakdown()
    votes_section(filters, vote_by, marks)
    signings_section(filters, agreement_by, marks, as_of)
    adoption_section(filters, marks, as_of)
    map_section(filters, as_of)
    key_dates_section(marks)
    footer()


page()
