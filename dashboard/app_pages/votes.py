"""Votes: every recorded vote with its tally, outcome and sources."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

import pandas as pd
import streamlit as st

import data

st.title("Local votes on cooperating with ICE")
st.caption(
    "Votes by councils, commissions and boards on 287(g) agreements and related measures. "
    "Every row cites the published reports it comes from."
)

try:
    all_votes = data.vote_table(data.database_url())
except Exception:
    st.error(
        "The database has no records yet. Run `policytrack db upgrade` and `policytrack seed` "
        f"(database: {data.database_description()})."
    )
    st.stop()

if all_votes.empty:
    st.info(
        "No votes recorded yet. Load the bundled data with `policytrack seed`, or import "
        "your own with `policytrack import votes FILE`."
    )
    st.stop()

states = sorted(all_votes["state"].unique())
chosen = st.multiselect("State", states, key="state", bind="query-params")
votes = data.vote_table(data.database_url(), tuple(chosen)) if chosen else all_votes

if votes.empty:
    st.info(f"No votes in {', '.join(chosen)}: the state filter removed every vote.")
    st.stop()


def tally(row: pd.Series) -> str:
    """`3–2` style tally from the counts that were reported."""
    if pd.isna(row["yes"]) and pd.isna(row["no"]):
        return "not reported"
    yes = "?" if pd.isna(row["yes"]) else str(int(row["yes"]))
    no = "?" if pd.isna(row["no"]) else str(int(row["no"]))
    return f"{yes}–{no}"


shown = votes.assign(tally=votes.apply(tally, axis=1), first_source=votes["sources"].str[0])
st.metric("Votes shown", len(shown))
st.dataframe(
    shown[
        [
            "vote_date",
            "state",
            "jurisdiction",
            "body",
            "motion_text",
            "action",
            "outcome",
            "tally",
            "yes",
            "no",
            "abstain",
            "absent",
            "first_source",
            "sources",
        ]
    ],
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
st.download_button(
    "Download these votes (CSV)",
    shown.drop(columns=["id", "first_source"]).to_csv(index=False),
    file_name="policytrack-votes.csv",
    mime="text/csv",
)


def link(url: str) -> str:
    """A markdown link whose text is the site's host name; the URL was checked http(s)."""
    host = (urlsplit(url).hostname or url).removeprefix("www.")
    return f"[{host}]({quote(url, safe=':/?&=%#~+,;@')})"


st.subheader("Sources for each vote")
for row in shown.itertuples():
    label = f"{row.vote_date or 'date unknown'} · {row.jurisdiction}, {row.state} · {row.outcome}"
    with st.expander(label):
        st.text(row.motion_text)
        for url in row.sources:
            if url.startswith(("http://", "https://")):
                st.markdown(link(url))
            else:
                st.text(url)
        for warning in row.warnings or []:
            st.warning(warning, icon=":material/warning:")

st.caption(f"Records: {data.database_description()}")
