"""Compare jurisdictions side by side: their agreements, votes (tally, roll call, who took
which side, sources) and a summary of comparable facts. Filters and counts run in SQL; only
the newest few votes and agreements of each chosen jurisdiction come back.

This module assembles the comparison; each part lives with what it owns: the places and
their labels (`compare_places`), the votes (`compare_votes`), the agreements
(`compare_agreements`) and the summary of facts (`compare_summary`). Their result types are
named here too, so the page reads one module."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlmodel import Session

from policytrack.filters import Filters
from policytrack.queries import compare_summary
from policytrack.queries.compare_agreements import ComparedAgreement, first_agreements
from policytrack.queries.compare_places import (
    ChosenPlace,
    chosen_places,
    jurisdiction_label,
    jurisdiction_options,
    unique_labels,
)
from policytrack.queries.compare_votes import (
    ComparedPosition,
    ComparedVote,
    RollCallMember,
    newest_votes,
    votes_frame,
)

__all__ = [
    "MAX_JURISDICTIONS",
    "ChosenPlace",
    "ComparedAgreement",
    "ComparedPlace",
    "ComparedPosition",
    "ComparedVote",
    "Comparison",
    "RollCallMember",
    "comparison",
    "jurisdiction_label",
    "jurisdiction_options",
    "unique_labels",
]

MAX_JURISDICTIONS = 6


@dataclass(frozen=True, slots=True)
class ComparedPlace(ChosenPlace):
    """One compared jurisdiction: its newest votes and agreements and how many exist."""

    votes: tuple[ComparedVote, ...]
    agreements: tuple[ComparedAgreement, ...]
    votes_total: int
    agreements_total: int


@dataclass(frozen=True, slots=True)
class Comparison:
    """Everything the Compare page shows: the places (in the order asked), the summary of
    comparable facts (one row per place, with a `differs` column) and the votes shown as
    one flat table."""

    places: tuple[ComparedPlace, ...]
    summary: pd.DataFrame
    votes: pd.DataFrame


def comparison(session: Session, filters: Filters, ocd_ids: tuple[str, ...]) -> Comparison:
    """Everything the Compare page shows for up to six jurisdictions (in the order given):
    each place's newest votes (each with its roll call, positions and sources) and
    agreements with their totals, the summary of comparable facts, and the votes as one
    table."""
    wanted = chosen_places(session, ocd_ids[:MAX_JURISDICTIONS])
    ids = [place.id for place in wanted]
    votes = newest_votes(session, filters, ids)
    agreements = first_agreements(session, filters, ids)
    summary = compare_summary.summary(session, filters, wanted)
    places = tuple(
        ComparedPlace(
            id=place.id, ocd_id=place.ocd_id, name=place.name, state=place.state,
            kind=place.kind, label=place.label,
            votes=tuple(votes.get(place.id, [])),
            agreements=tuple(agreements.get(place.id, [])),
            votes_total=int(total),
            agreements_total=int(count),
        )
        for place, total, count in zip(
            wanted, summary["votes"], summary["agreements_total"], strict=True
        )
    )  # fmt: skip
    shown = [(place.label, place.votes) for place in places]
    return Comparison(places=places, summary=summary, votes=votes_frame(shown))
