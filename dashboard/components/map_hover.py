"""Hover text of the Map page: each state's, county's and place's numbers in words, so
that no value is shown by colour alone. Outside text is escaped (`maps.safe`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Mapping

import pandas as pd

from policytrack.queries.map_votes import ListedVote

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
        listed = [
            vote_lines(votes, total)
            for votes, total in zip(rows["votes_here"], rows["votes"], strict=True)
        ]
        decisions: list[str] = [decision(row) for row in rows.to_dict("records")]
        return (
            place
            + "<br>"
            + counted(rows["votes"], "vote")
            + ": "
            + outcomes(rows)
            + "<br>Latest decision: "
            + pd.Series(decisions, index=rows.index)
            + pd.Series(listed, index=rows.index)
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
        + rows["status"].map(label)
    )


MEASURE_CHARACTERS = 60  # of each measure in a hover; its record page has it whole


def decision(row: Mapping[Hashable, object]) -> str:
    """`Approve: passed on 2025-07-08`, the place's latest vote on a measure itself."""
    day = row.get("decided_on")
    when = f" on {day.isoformat()}" if isinstance(day, dt.date) else " (date not reported)"
    return f"{label(row['latest_action'])}: {str(label(row['latest_outcome'])).lower()}{when}"


def vote_lines(votes: list[ListedVote], total: int) -> str:
    """Every vote there, newest first (`2025-07-08 · Other · Failed · Resolution to …`)."""
    lines = []
    for vote in votes:
        day = vote.vote_date
        measure = vote.measure
        if len(measure) > MEASURE_CHARACTERS:
            measure = measure[: MEASURE_CHARACTERS - 1] + "…"
        when = day.isoformat() if isinstance(day, dt.date) else "date not reported"
        lines.append(
            f"{when} · {label(vote.action)} · {label(vote.outcome)} · {maps.safe(measure)}"
        )
    if total > len(votes):
        lines.append(f"… and {total - len(votes):,} more (the place's record lists them all)")
    return "".join(f"<br>{line}" for line in lines)
