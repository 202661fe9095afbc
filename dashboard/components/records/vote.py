"""A vote's record: measure, tally, roll call, positions, sources, agreement, other votes
there and its edit history."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from policytrack.queries.edit_history import vote_changes
from policytrack.queries.record import VoteRecord

import data
from components.downloads import chart_downloads
from components.links import escape_markdown as escaped
from components.links import record_href, record_link
from components.outside_text import HEADING, shown, shown_table
from components.records.common import (
    HOW_LINKED,
    capped,
    facts,
    positions,
    record_table,
    sources,
    vote_columns,
)
from components.style import label

TALLY: tuple[tuple[str, str, str], ...] = (
    ("yes", "Yes", "#0072B2"),
    ("no", "No", "#D55E00"),
    ("abstain", "Abstain", "#999999"),
)
TALLY += (("absent", "Absent", "#CCCCCC"),)


def vote_warnings(vote: VoteRecord) -> None:
    """Retired, disputed and import warnings, each visible, the stored words as text."""
    if vote.retired:
        st.warning(
            "An editor retired this record: it is kept here but no longer counted in lists, "
            "maps or totals.",
            icon=":material/archive:",
        )
    disputed = vote.disputed
    if disputed and not any(disputed in w for w in vote.warnings):
        with st.container(border=True):
            st.warning("Sources disagree about this vote. What they disagree on:", icon="⚠️")
            st.text(shown(disputed))
    for warning in vote.warnings:
        with st.container(border=True):
            st.warning("This record was accepted with a warning:", icon="⚠️")
            st.text(shown(warning))


def tally(vote: VoteRecord, name: str) -> int | None:
    """One count of the tally (yes, no, abstain, absent) by its name."""
    found: int | None = getattr(vote, name)
    return found


def tally_chart(vote: VoteRecord) -> None:
    """The reported counts as numbers and as one labelled bar (numbers on the bar too)."""
    columns = st.columns(4)
    for column, (name, title, _) in zip(columns, TALLY, strict=True):
        value = tally(vote, name)
        column.metric(title, "—" if value is None else str(value))
    reported = [
        (title, tally(vote, name), colour) for name, title, colour in TALLY if tally(vote, name)
    ]
    if not reported:
        st.caption("The sources do not report the counts.")
        return
    figure = go.Figure(
        [
            go.Bar(
                x=[count],
                y=["votes"],
                orientation="h",
                name=title,
                marker_color=colour,
                text=[f"{title} {count}"],
                textposition="inside",
                insidetextanchor="middle",
                hovertemplate=f"{title}: {count}<extra></extra>",
            )
            for title, count, colour in reported
        ]
    )
    figure.update_layout(
        barmode="stack", height=110, showlegend=False, margin={"l": 0, "r": 0, "t": 0, "b": 0},
        xaxis={"visible": False}, yaxis={"visible": False},
    )  # fmt: skip
    st.plotly_chart(figure, key="tally", config={"displayModeBar": False})
    when = f" of {vote.vote_date}" if vote.vote_date else ""
    title = f"{vote.jurisdiction}, {vote.state}: {vote.body} vote{when}, tally"
    chart_downloads(figure, f"policytrack-tally-{vote.key}", key="tally-chart", title=title)


def roll_call(vote: VoteRecord) -> None:
    """Every member's vote, names as printed in the sources."""
    st.subheader("Roll call")
    if not vote.roll_call:
        st.caption("The sources name no member's vote.")
        return
    frame = pd.DataFrame(vote.roll_call)
    pages = [record_href("person", k) if k else None for k in frame["person_key"]]
    shown_frame = frame.assign(
        option=frame["option"].map(label), person=pd.Series(pages, index=frame.index, dtype=object)
    )
    st.dataframe(
        shown_table(shown_frame[["person", "voter_name", "option"]]),
        hide_index=True,
        column_config={
            "person": st.column_config.LinkColumn("Member's page", display_text="Open"),
            "voter_name": "Member (as printed)",
            "option": "Vote",
        },
    )


def linked_agreement(vote: VoteRecord) -> None:
    """The agreement the vote concerns, and how the link was made."""
    st.subheader("Agreement")
    agreement = vote.agreement
    if not agreement:
        st.caption("Not linked to an agreement on ICE's lists.")
        return
    title = f"{agreement.agency} · {label(agreement.model)} · {label(agreement.status)}"
    record_link("agreement", agreement.key, title)
    st.caption(HOW_LINKED.get(vote.agreement_link or "", "link kind not recorded"))


def related_votes(vote: VoteRecord) -> None:
    """Other votes in the same jurisdiction, each linking to its record."""
    st.subheader(f"Other votes in {escaped(vote.jurisdiction, HEADING)}")
    frame = capped(vote.related_votes, "other votes")
    if frame.empty:
        st.caption("No other vote recorded there.")
        return
    record_table(frame, "vote", vote_columns())


def show_vote(vote: VoteRecord) -> None:
    """The whole vote record."""
    place, body = escaped(vote.jurisdiction, HEADING), escaped(vote.body, HEADING)
    st.title(f"{place}, {escaped(vote.state)}: {body} vote")
    record_link(
        "jurisdiction",
        vote.jurisdiction_ocd_id,
        f"Jurisdiction: {vote.jurisdiction}",
    )
    vote_warnings(vote)
    st.subheader("Measure")
    st.text(shown(vote.motion_text))
    facts(
        [
            ("Date", vote.vote_date or "date not reported"),
            ("Body", vote.body),
            ("Topic", label(vote.topic)),
            ("287(g) model", label(vote.model)),
            ("Action", label(vote.action)),
            ("Outcome", label(vote.outcome)),
            ("Confidence", label(vote.confidence)),
            ("Seats", vote.seats),
        ]
    )
    st.subheader("Tally")
    tally_chart(vote)
    roll_call(vote)
    positions(vote.positions)
    st.subheader("Sources")
    sources(vote.sources)
    if vote.notes:
        st.subheader("Notes")
        st.text(shown(vote.notes))
    linked_agreement(vote)
    related_votes(vote)
    edit_history(vote.key)


def edit_history(key: str) -> None:
    """Who changed the vote, its positions or its link, and when (reverts: the Edit page)."""
    changes = data.query(vote_changes, key=key)
    with st.expander(f"History of edits ({len(changes)})"):
        if changes.empty:
            st.caption("No edits: the record is as imported.")
            return
        st.dataframe(shown_table(changes), hide_index=True)
