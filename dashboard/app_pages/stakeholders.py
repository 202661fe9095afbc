"""Stakeholders: who takes which side where (a stance matrix), a search over what they said,
and one stakeholder's record over time. The sidebar filters apply through each position's
vote."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from policytrack.filters import Filters
from policytrack.queries import stakeholders

import data
from components import outside_text
from components.downloads import chart_downloads, downloads, labelled
from components.filters import current, describe
from components.footer import footer
from components.links import escape_markdown as plain
from components.links import is_http, source_list
from components.outside_text import HEADING, plotly, plotly_labels, shown_table
from components.style import STANCE_COLOURS, label

DISPUTED = "mixed/disputed"
# Every stance has a symbol and a word as well as an Okabe–Ito colour.
STANCES = {
    "support": ("▲", STANCE_COLOURS["support"]),
    "oppose": ("▼", STANCE_COLOURS["oppose"]),
    "mixed": ("◆", STANCE_COLOURS["mixed"]),
    "neutral": ("●", STANCE_COLOURS["neutral"]),
    DISPUTED: ("✱", "#F0E442"),  # Okabe–Ito yellow
}
LINK = st.column_config.LinkColumn("Source", display_text=r"https?://(?:www\.)?([^/]+)")


def stance_word(stance: str) -> str:
    """`▲ support`: the symbol and the word."""
    return f"{STANCES.get(stance, ('', ''))[0]} {stance}".strip()


def filters_phrase(filters: Filters) -> str:
    """` under the filters (…)`, or nothing when none is set (markdown-safe)."""
    return f" under the filters ({describe(filters)})" if filters.active() else ""


# ---- the stance matrix ------------------------------------------------------------------


def matrix_figure(matrix: stakeholders.StanceMatrix) -> go.Figure:
    """Stakeholders × jurisdictions: colour and a symbol per cell, details on hover."""
    cells = matrix.cells
    rows, columns = matrix.stakeholders, matrix.jurisdictions
    codes = {stance: index for index, stance in enumerate(STANCES)}
    where = {(r.stakeholder, r.jurisdiction): r for r in cells.itertuples()}
    z, text, hover = [], [], []
    for row in rows:
        found = [where.get((row, column)) for column in columns]
        z.append([codes[str(c.stance)] if c else None for c in found])
        text.append([STANCES[str(c.stance)][0] if c else "" for c in found])
        pairs = zip(found, columns, strict=True)
        hover.append([_cell_hover(row, place, c) if c else "" for c, place in pairs])
    scale = _discrete_scale([colour for _, colour in STANCES.values()])
    xs, ys = plotly_labels(columns), plotly_labels(rows)  # the categories, escaped, distinct
    figure = go.Figure(
        go.Heatmap(
            z=z, x=xs, y=ys, text=text,
            texttemplate="%{text}", customdata=hover,
            hovertemplate="%{customdata}<extra></extra>", colorscale=scale, zmin=-0.5,
            zmax=len(STANCES) - 0.5, showscale=False, xgap=2, ygap=2,
            textfont={"size": 14, "color": "black"},
        )
    )  # fmt: skip
    for stance, (symbol, colour) in STANCES.items():
        figure.add_scatter(
            x=[None], y=[None], mode="markers", name=f"{symbol} {stance}",
            marker={"color": colour, "symbol": "square", "size": 12},
        )  # fmt: skip
    # Every place and stakeholder labelled (plotly skipped every other one on a phone), long
    # names shortened (the hover has them whole) so the grid keeps the width, and a margin
    # on the right for the last slanted label.
    figure.update_layout(
        height=160 + 26 * len(rows), margin={"l": 0, "r": 40, "t": 30, "b": 0},
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"},
        xaxis={"side": "bottom", "tickangle": -60, "showgrid": False, "tickmode": "array",
               "tickvals": xs, "ticktext": [_short(c) for c in columns]},
        yaxis={"autorange": "reversed", "showgrid": False, "tickmode": "array",
               "tickvals": ys, "ticktext": [_short(r) for r in rows]},
        plot_bgcolor="white",
    )  # fmt: skip
    return figure


def _cell_hover(stakeholder: str, place: str, cell: Any) -> str:
    """A matrix cell's hover: who, where, the stance and its detail (outside text escaped)."""
    return f"{plotly(stakeholder)} · {plotly(place)}<br>{cell.stance}: {plotly(cell.detail)}"


def _short(name: str, limit: int = 24) -> str:
    """A name cut to `limit` characters with an ellipsis, escaped for an axis label (plotly
    reads a few HTML tags in labels)."""
    return plotly(name if len(name) <= limit else name[: limit - 1].rstrip() + "…")


def _discrete_scale(colours: list[str]) -> list[list[Any]]:
    """A colour scale with one flat band per stance code 0…n-1."""
    scale: list[list[Any]] = []
    for index, colour in enumerate(colours):
        scale += [[index / len(colours), colour], [(index + 1) / len(colours), colour]]
    return scale


def matrix_table(matrix: stakeholders.StanceMatrix) -> pd.DataFrame:
    """The matrix as text: one row per stakeholder, a column per jurisdiction."""
    cells = matrix.cells
    words = cells.assign(
        text=[
            stance_word(s) + (f" ({d})" if s == DISPUTED else "")
            for s, d in zip(cells["stance"], cells["detail"], strict=True)
        ]
    )
    table = words.pivot(index="stakeholder", columns="jurisdiction", values="text")
    table = table.reindex(index=list(matrix.stakeholders), columns=list(matrix.jurisdictions))
    table.insert(0, "positions", [matrix.positions[name] for name in table.index])
    return table.fillna("").reset_index()


def matrix_section(filters: Filters) -> None:
    """Who takes which side where."""
    st.header("Who takes which side where", anchor=False)
    top = st.slider(
        "Stakeholders shown (most positions first)", 5, 100, 20, step=5, key="top",
        bind="query-params",
    )  # fmt: skip
    # Every stakeholder's positions, read once per database: the matrix ranks broad filters
    # from the busiest down instead of counting 3M positions (at 1M votes).
    totals = data.position_totals()
    matrix = data.query(stakeholders.stance_matrix, filters, top=top, totals=totals)
    if matrix.stakeholders_total == 0:
        st.info("No stakeholder positions recorded" + filters_phrase(filters) + ".")
        return
    st.caption(
        f"The {len(matrix.stakeholders)} of {matrix.stakeholders_total:,} stakeholders "
        f"with the most positions{filters_phrase(filters)}, in the "
        f"{len(matrix.jurisdictions)} of {matrix.jurisdictions_total:,} jurisdictions "
        "where they took the most. ✱ mixed/disputed: the stakeholder took different stances "
        "there (on different votes, or sources differ); the table lists them with counts."
    )
    figure = matrix_figure(matrix)
    st.plotly_chart(figure, key="stance-matrix", config={"displaylogo": False})
    chart_downloads(figure, "policytrack-stance-matrix", "stance-matrix")
    table = matrix_table(matrix)
    st.dataframe(
        shown_table(table), hide_index=True, key="stance-table",
        column_config={"stakeholder": st.column_config.TextColumn("Stakeholder", pinned=True),
                       "positions": "Positions"},
    )  # fmt: skip
    downloads(lambda: table, "policytrack-stance-matrix", len(table), key="stance-table-dl")


# ---- search -----------------------------------------------------------------------------

POSITION_COLUMNS: dict[str, Any] = {
    "stakeholder": "Stakeholder", "speaker": "Speaker", "role": "Role", "stance": "Stance",
    "jurisdiction": "Jurisdiction", "vote_date": st.column_config.DateColumn("Vote date"),
    "outcome": "Vote outcome", "summary": st.column_config.TextColumn("Summary", width="large"),
    "quote": st.column_config.TextColumn("Quote", width="large"), "first_source": LINK,
}  # fmt: skip


def shown_positions(rows: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Positions as shown: stance as symbol and word, blanks instead of None."""
    shown = rows[columns].copy()
    shown["stance"] = shown["stance"].map(stance_word)
    shown["first_source"] = shown["first_source"].where(shown["first_source"].map(_is_link), None)
    text = [c for c in ("speaker", "role", "summary", "quote") if c in shown]
    shown[text] = shown[text].fillna("")
    return labelled(shown)


def _is_link(value: object) -> bool:
    return isinstance(value, str) and is_http(value)


def search_section(filters: Filters) -> None:
    """Search over quotes and summaries (plain text, never a pattern)."""
    st.header("Search what they said", anchor=False)
    text = st.text_input(
        "Words in a quote or summary", key="said", bind="query-params", max_chars=200,
        placeholder="e.g. shameful, funding, safer",
    )  # fmt: skip
    if not text.strip():
        st.caption(
            "Type a word or phrase: it is found where a quote or summary contains it as typed "
            "(plain text, any case), starting at the beginning of a word."
        )
        return
    found = data.query(stakeholders.search_positions, filters, text=text.strip())
    rows = found.rows
    if rows.empty:
        st.info("No quote or summary contains these words" + filters_phrase(filters) + ":")
        st.text(outside_text.shown(text.strip()))
        return
    total = "10,000 or more" if found.total > 10_000 else f"{found.total:,}"
    st.caption(f"{len(rows):,} of {total} positions, newest vote first.")
    columns = [c for c in POSITION_COLUMNS if c != "outcome"]
    shown = shown_positions(rows, columns)
    st.dataframe(
        shown_table(shown), hide_index=True, key="said-table", column_config=POSITION_COLUMNS
    )
    downloads(lambda: shown, "policytrack-said", len(shown), key="said-dl")


# ---- one stakeholder over time ----------------------------------------------------------


def record_figure(rows: pd.DataFrame) -> go.Figure:
    """Each position at its vote date and place; stance by symbol, colour and word."""
    figure = go.Figure()
    names = rows["jurisdiction"].drop_duplicates()
    places = rows["jurisdiction"].map(dict(zip(names, plotly_labels(names), strict=True)))
    for stance, (symbol, colour) in STANCES.items():
        part = rows[rows["stance"] == stance]
        if part.empty:
            continue
        figure.add_scatter(
            x=part["vote_date"], y=places.loc[part.index], mode="markers+text",
            name=stance_word(stance),
            text=[symbol] * len(part), textposition="middle right",
            marker={"color": colour, "size": 13, "symbol": _marker(stance), "line": {"width": 1}},
            customdata=part[["summary", "outcome"]].fillna("").map(plotly),
            hovertemplate="%{x|%Y-%m-%d} · %{y}<br>" + stance + " · vote %{customdata[1]}"
            "<br>%{customdata[0]}<extra></extra>",
        )  # fmt: skip
    count = rows["jurisdiction"].nunique()
    figure.update_layout(
        height=140 + 30 * count, margin={"l": 0, "r": 0, "t": 30, "b": 0},
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"},
        xaxis={"title": "vote date"}, yaxis={"title": None},
    )  # fmt: skip
    return figure


def _marker(stance: str) -> str:
    return {"support": "triangle-up", "oppose": "triangle-down", "mixed": "diamond"}.get(
        stance, "circle"
    )


def pick_stakeholder(filters: Filters) -> str | None:
    """The page's own picker, or else the sidebar's stakeholder filter."""
    choices: dict[str, str] = data.query(
        stakeholders.stakeholder_choices, totals=data.position_totals()
    )
    picked = st.selectbox(
        "Stakeholder", list(choices), index=None, key="record", bind="query-params",
        format_func=outside_text.shown,
        placeholder="Type a name, e.g. Ron DeSantis", help="Or set Stakeholder in the sidebar.",
    )  # fmt: skip
    return choices.get(picked) if picked else filters.stakeholder


def record_section(filters: Filters) -> None:
    """One stakeholder's positions, oldest vote first."""
    st.header("One stakeholder's record", anchor=False)
    key = pick_stakeholder(filters)
    if not key:
        st.caption("Pick a stakeholder to see every position they took, vote by vote.")
        return
    record = data.query(stakeholders.stakeholder_record, filters, key=key)
    if record.name is None:
        st.info("No stakeholder with this key is recorded.")
        return
    st.subheader(plain(record.name, HEADING), anchor=False)
    # markdown: `describe` is escaped for it
    st.markdown(f"{label(record.kind)} · {record.total:,} positions" + (
        f" under the filters ({describe(filters)})" if filters.active() else ""))  # fmt: skip
    rows = record.rows
    if rows.empty:
        st.info("No positions by this stakeholder" + filters_phrase(filters) + ".")
        return
    if record.total > len(rows):
        st.caption(f"The first {len(rows):,} of {record.total:,} positions.")
    figure = record_figure(rows)
    st.plotly_chart(figure, key="record-chart", config={"displaylogo": False})
    chart_downloads(figure, "policytrack-stakeholder-record", "record-chart")
    columns = ["vote_date", "jurisdiction", "outcome", "stance", "speaker", "role", "summary",
               "quote", "first_source"]  # fmt: skip
    shown = shown_positions(rows, columns).assign(measure=rows["measure"], sources=rows["sources"])
    st.dataframe(
        shown_table(shown), hide_index=True, key="record-table",
        column_config={**POSITION_COLUMNS, "measure": "Measure",
                       "sources": st.column_config.ListColumn("All sources")},
    )  # fmt: skip
    downloads(lambda: shown, "policytrack-stakeholder-record", len(shown), key="record-dl")
    with st.expander("Sources, position by position"):
        row: Any  # a row of the positions frame (itertuples' fields are untyped)
        for row in rows.itertuples():
            place = outside_text.shown(row.jurisdiction)
            st.text(f"{row.vote_date or 'date unknown'} · {place} · {row.stance}")
            source_list(list(row.sources))


def main() -> None:
    """The page."""
    filters = current()
    st.title("Stakeholders")
    st.caption(
        "Who argued for and against cooperating with ICE, where, and what they said — each "
        "position from a published report. The sidebar filters apply through each position's vote."
    )
    matrix_section(filters)
    search_section(filters)
    record_section(filters)
    footer()


main()
