"""Data & about: the filtered votes table with downloads of exactly what is shown."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import data
from components.downloads import downloads
from components.filters import current, describe
from components.links import source_list

filters = current()
st.title("Votes")
st.caption(
    "Votes by councils, commissions and boards on 287(g) agreements and related measures. "
    "Every row cites the published reports it comes from."
)

total = data.query("records.count_votes", filters)
if total == 0:
    if filters.active():
        st.info(f"No votes match these filters ({describe(filters)}). Remove one to see more.")
    else:
        st.info(
            "No votes recorded yet. Load the bundled data with `policytrack seed`, or import "
            "your own with `policytrack import votes FILE`."
        )
    st.stop()

PAGE_SIZE = 500
votes: pd.DataFrame = data.query("records.vote_table", filters, limit=PAGE_SIZE)


def tally(row: pd.Series) -> str:
    """`3–2` style tally from the counts that were reported."""
    if pd.isna(row["yes"]) and pd.isna(row["no"]):
        return "not reported"
    yes = "?" if pd.isna(row["yes"]) else str(int(row["yes"]))
    no = "?" if pd.isna(row["no"]) else str(int(row["no"]))
    return f"{yes}–{no}"


shown = votes.assign(tally=votes.apply(tally, axis=1), first_source=votes["sources"].str[0])
st.metric("Votes shown", len(shown))
if total > len(shown):
    st.caption(f"The newest {len(shown):,} of {total:,} votes: narrow the filters to see others.")
columns = [
    "vote_date", "state", "jurisdiction", "body", "motion_text", "action", "outcome",
    "tally", "yes", "no", "abstain", "absent", "first_source", "sources",
]  # fmt: skip
st.dataframe(
    shown[columns],
    hide_index=True,
    column_config={
        "vote_date": st.column_config.DateColumn("Date"),
        "state": "State",
        "jurisdiction": "Jurisdiction",
        "body": "Body",
        "motion_text": st.column_config.TextColumn("Measure", width="large"),
        "action": "Action",
        "outcome": "Outcome",
        "tally": "Tally (yes–no)",
        "first_source": st.column_config.LinkColumn(
            "Source", display_text=r"https?://(?:www\.)?([^/]+)"
        ),
        "sources": st.column_config.ListColumn("All sources"),
    },
)
downloads(
    lambda: shown.drop(columns=["id", "first_source"]),
    "policytrack-votes",
    len(shown),
    key="votes",
)

st.subheader("Sources for each vote")
for row in shown.head(100).itertuples():
    title = f"{row.vote_date or 'date unknown'} · {row.jurisdiction}, {row.state} · {row.outcome}"
    with st.expander(title):
        st.text(row.motion_text)
        source_list(list(row.sources))
        for warning in row.warnings or []:
            st.warning(warning, icon=":material/warning:")

st.caption(f"Records: {data.database_description()}")
