"""Hover text of the Map page: each state's, county's and place's numbers in words, so
that no value is shown by colour alone. Outside text is escaped (`maps.safe`)."""

from __future__ import annotations

import pandas as pd

from components import maps
from components.style import label


def counted(numbers: pd.Series, word: str) -> pd.Series:
    """`1 vote`, `12 votes`: each number with its word."""
    return numbers.map(lambda n: f"{n:,} {word}{'s' if n != 1 else ''}")


def outcomes(frame: pd.DataFrame) -> pd.Series:
    """`3 passed, 1 failed, 0 deferred`."""
    return (
        frame["passed"].astype(str)
        + " passed, "
        + frame["failed"].astype(str)
        + " failed, "
        + frame["deferred"].astype(str)
        + " deferred"
    )


def hover_states(states: pd.DataFrame, layer_status: str) -> pd.Series:
    """Each state's numbers in words."""
    return (
        states["name"].map(maps.safe)
        + "<br>"
        + counted(states["votes"], "vote")
        + " ("
        + outcomes(states)
        + ")<br>"
        + counted(states["agreements"], f"{layer_status} agreement")
        + "<br>"
        + states["counties_with_agreement"].astype(str)
        + " of "
        + states["counties"].astype(str)
        + " counties with one ("
        + (states["share_of_counties"] * 100).round(0).astype(int).astype(str)
        + "%)"
    )


def hover_counties(counties: pd.DataFrame, layer_status: str) -> pd.Series:
    """Each county's numbers in words."""
    return (
        counties["name"].map(maps.safe)
        + "<br>"
        + counted(counties["votes"], "vote")
        + " by it or its towns<br>"
        + counted(counties["agreements"], f"{layer_status} agreement")
        + " (its agencies or its towns')"
    )


def hover_markers(rows: pd.DataFrame, layer: str) -> pd.Series:
    """Each marker's place and what happened there, in words."""
    place = (
        rows["name"].map(maps.safe) + ", " + rows["state"] + " (" + rows["kind"].map(label) + ")"
    )
    if layer == "votes":
        return (
            place
            + "<br>"
            + counted(rows["votes"], "vote")
            + ": "
            + outcomes(rows)
            + "<br>Latest: "
            + rows["latest_outcome"].map(str)
            + " on "
            + rows["latest_vote"].map(lambda d: d.isoformat() if d else "an unreported date")
        )
    return (
        place
        + "<br>"
        + counted(rows["agreements"], "agreement")
        + ": "
        + rows["active"].astype(str)
        + " active, "
        + rows["pending"].astype(str)
        + " pending<br>Shown as: "
        + rows["status"]
    )
