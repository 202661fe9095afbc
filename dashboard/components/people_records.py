"""The record pages of a person (`record?person=KEY`) and a stakeholder
(`record?stakeholder=KEY`): each vote they cast and each position they took, with its source,
their roles over time, a stance-over-time strip, and downloads. Names, measures, summaries
and quotes come from outside and are shown as text."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from policytrack.queries.people import PersonRecord, StakeholderRecord
from policytrack.vocab import label

from components.downloads import chart_downloads, downloads, labelled
from components.links import record_href, record_link
from components.outside_text import HEADING, plotly, shown, shown_table

# Colour-blind-safe marks, each also told apart by its symbol and its label in the hover.
MARKS = {
    "yes": ("#0072B2", "circle"),
    "support": ("#0072B2", "circle"),
    "no": ("#D55E00", "x"),
    "oppose": ("#D55E00", "x"),
}
OTHER_MARK = ("#999999", "diamond")


def show_person(person: PersonRecord) -> None:
    """A person's page."""
    st.title(shown(person.name, HEADING))
    bodies = sorted(set(person.votes["body"])) if not person.votes.empty else []
    where = f"{person.place}, {person.state}"
    st.caption(shown(f"{' · '.join(bodies) or 'No vote on record'} — {where}"))
    record_link("jurisdiction", person.place_ocd_id, f"All votes in {where}")
    _printings(person)
    for key, name in person.stakeholders:
        record_link("stakeholder_key", key, f"{name}: as a stakeholder")
    _strip(person.votes, person.positions, person.key)
    _roles(person.votes)
    st.subheader("How they voted")
    if person.votes.empty:
        st.caption("No roll call on record names this person.")
    else:
        _table(person.votes, "vote_key", {"vote_date": "Date", "body": "Body",
               "measure": "Measure", "action": "Action", "option": "Their vote",
               "outcome": "Outcome", "printed": "Name as printed"})  # fmt: skip
        downloads(lambda: labelled(person.votes), f"policytrack-person-{person.key}-votes",
                  len(person.votes), key="person-votes")  # fmt: skip
    _positions(person.positions, f"policytrack-person-{person.key}-positions")


def show_stakeholder(holder: StakeholderRecord) -> None:
    """A stakeholder's page."""
    st.title(shown(holder.name, HEADING))
    st.caption(label(holder.kind))
    if holder.person is not None:
        key, name = holder.person
        st.caption("The same person as the member of a roll call:")
        record_link("person", key, f"{name}: how they voted")
    _strip(pd.DataFrame(columns=["vote_date"]), holder.positions, holder.key)
    _positions(holder.positions, f"policytrack-stakeholder-{holder.key}-positions")


def _printings(person: PersonRecord) -> None:
    printed = [p for p, _ in person.printings]
    by = sorted({d for _, d in person.printings if d != "auto"})
    if len(printed) > 1 or by:
        how = (f"decided by {', '.join(by)}" if by
               else "read as one person automatically: same place, same last name, first "
                    "names that fit, and no one else they could be")  # fmt: skip
        st.caption("Printed in the sources as:")
        st.text(shown("; ".join(printed)))
        st.caption(how + ". Editors can merge or split people on the Edit page.")


def _roles(votes: pd.DataFrame) -> None:
    """Each body they voted on, from their first to their last vote on record."""
    if votes.empty:
        return
    st.subheader("Roles over time")
    dated = votes.assign(vote_date=votes["vote_date"].fillna(""))
    roles = dated.groupby("body", as_index=False).agg(
        first=("vote_date", "min"), last=("vote_date", "max"), votes=("vote_key", "count")
    )
    st.dataframe(
        shown_table(roles),
        hide_index=True,
        column_config={
            "body": "Body",
            "first": "First vote on record",
            "last": "Last vote on record",
            "votes": "Votes",
        },
    )


def _positions(positions: pd.DataFrame, name: str) -> None:
    st.subheader("Positions they took")
    if positions.empty:
        st.caption("No position of theirs is recorded.")
        return
    _table(positions, "vote_key", {"vote_date": "Vote date", "place": "Place",
           "state": "State", "stance": "Stance", "role": "Role", "summary": "Summary",
           "quote": "Quote", "sources": "Sources"})  # fmt: skip
    downloads(lambda: labelled(positions), name, len(positions), key="positions")


def _table(frame: pd.DataFrame, key_column: str, columns: dict[str, str]) -> None:
    """A table whose first column opens the vote each row is about."""
    links = pd.Series([record_href("vote", str(k)) if k else None for k in frame[key_column]],
                      index=frame.index, dtype=object)  # fmt: skip
    with_links = labelled(frame).assign(record=links)
    config = {"record": st.column_config.LinkColumn("Record", display_text="Open")}
    st.dataframe(
        shown_table(with_links[["record", *columns]]),
        hide_index=True,
        column_config={**config, **columns},
    )


def _padded(days: list[str]) -> list[str]:
    """The strip's date range: every date with a margin of a few weeks either side, so that
    one date alone is a point on a calendar, not on a clock."""
    known = sorted(dt.date.fromisoformat(d[:10]) for d in days)
    margin = max(dt.timedelta(days=21), (known[-1] - known[0]) / 10)
    return [(known[0] - margin).isoformat(), (known[-1] + margin).isoformat()]


def _strip(votes: pd.DataFrame, positions: pd.DataFrame, key: str) -> None:
    """Votes and positions on one time line: what they did and said, and when."""
    rows: list[tuple[str, str, str, str]] = [
        *(
            ("Votes", str(r.vote_date), str(r.option), str(r.measure))
            for r in votes.itertuples()
            if r.vote_date
        ),
        *(
            ("Positions", str(r.vote_date), str(r.stance), str(r.summary or r.quote or ""))
            for r in positions.itertuples()
            if r.vote_date
        ),
    ]
    if not rows:
        return
    st.subheader("Over time")
    figure = go.Figure()
    for value in sorted({r[2] for r in rows}):
        mine = [r for r in rows if r[2] == value]
        colour, symbol = MARKS.get(value, OTHER_MARK)
        figure.add_trace(
            go.Scatter(
                x=[r[1] for r in mine], y=[r[0] for r in mine], mode="markers",
                name=label(value), marker={"color": colour, "symbol": symbol, "size": 12},
                hovertext=[plotly(f"{r[1]} · {label(value)} · {r[3]}") for r in mine],
                hoverinfo="text",
            )
        )  # fmt: skip
    figure.update_layout(
        height=180, margin={"l": 0, "r": 0, "t": 10, "b": 0},
        legend={"orientation": "h", "y": -0.35}, showlegend=True,
        xaxis={"type": "date", "range": _padded([r[1] for r in rows]), "tickformat": "%b %-d, %Y"},
    )  # fmt: skip
    st.plotly_chart(figure, key=f"strip-{key}", config={"displayModeBar": False})
    chart_downloads(figure, f"policytrack-{key}-over-time", "over-time-chart",
                    "Votes and positions over time")  # fmt: skip
