"""The NAIVE baseline dashboard (bench only): load the whole joined vote table into pandas once
(st.cache_data), filter and group it in pandas on every rerun. This is the approach issue 4
measures our SQL-side pages against; it is not part of the product.

    POLICYTRACK_DATABASE_URL=sqlite:///var/bench-1m.sqlite3 streamlit run bench/naive_app.py
"""

from __future__ import annotations

import os

import pandas as pd
import plotly.express as px
import streamlit as st

JOINED_SQL = """
SELECT v.id, v.key, v.state, v.jurisdiction_kind, v.vote_date, v.motion_text, v.topic,
       v.action, v.outcome, v.model, v.yes, v.no, v.abstain, v.absent,
       j.id AS jurisdiction_id, j.name AS jurisdiction, j.fips, j.county_fips, j.lat, j.lon,
       b.name AS body, COALESCE(p.positions, 0) AS positions
FROM vote_event v
JOIN jurisdiction j ON j.id = v.jurisdiction_id
JOIN body b ON b.id = v.body_id
LEFT JOIN (SELECT vote_event_id, COUNT(*) AS positions FROM position
           GROUP BY vote_event_id) p ON p.vote_event_id = v.id
"""


def load_joined(url: str) -> pd.DataFrame:
    """Every vote with its jurisdiction, body and position count, as one DataFrame."""
    frame = pd.read_sql(JOINED_SQL, url)
    frame["vote_date"] = pd.to_datetime(frame["vote_date"])
    return frame


def answers(
    frame: pd.DataFrame, states: list[str], date_from: object = None
) -> dict[str, pd.DataFrame]:
    """Count by state, by month and per jurisdiction (markers), filtered in pandas."""
    shown = frame
    if states:
        shown = shown[shown["state"].isin(states)]
    if date_from is not None:
        shown = shown[shown["vote_date"] >= pd.Timestamp(date_from)]
    by_state = shown.groupby("state").size().rename("votes").reset_index()
    by_month = (
        shown.groupby(shown["vote_date"].dt.strftime("%Y-%m")).size().rename("votes").reset_index()
    )
    markers = (
        shown.groupby(["jurisdiction_id", "jurisdiction", "lat", "lon"])
        .size()
        .rename("votes")
        .reset_index()
    )
    return {"by_state": by_state, "by_month": by_month, "markers": markers, "rows": shown}


@st.cache_data(show_spinner=False)
def _cached(url: str) -> pd.DataFrame:
    return load_joined(url)


def main() -> None:
    url = os.environ["POLICYTRACK_DATABASE_URL"]
    frame = _cached(url)
    st.title("Naive baseline (bench)")
    with st.sidebar:
        states = st.multiselect("State", sorted(frame["state"].unique()), key="state")
        date_from = st.date_input("From", value=None, key="from")
    result = answers(frame, states, date_from)
    st.metric("Votes", len(result["rows"]))
    st.plotly_chart(px.bar(result["by_month"], x="vote_date", y="votes"), key="months")
    st.plotly_chart(px.bar(result["by_state"], x="state", y="votes"), key="states")
    st.dataframe(result["rows"].sort_values("vote_date", ascending=False).head(500))


if __name__ == "__main__":
    main()
