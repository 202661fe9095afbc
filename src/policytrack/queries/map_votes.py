"""The vote side of the Map from one pass over the votes.

One GROUP BY per place on the covering place index (at most ~22,000 rows at 1M votes) gives
everything the Map shows about votes: the headline numbers, the per-state and per-county
counts and the busiest places' markers are summed from those rows in pandas. Reading the
votes once per number shown cost four passes (0.8 s at 1M votes with a topic filter).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy import case, func
from sqlmodel import Session, col

from policytrack.filters import Filters, vote_conditions
from policytrack.models import Jurisdiction, VoteEvent
from policytrack.queries.alongside import alongside
from policytrack.queries.values import as_date
from policytrack.vocab import Action, Outcome

# The filters' search condition is a subquery on `jurisdiction`; the place joined here is an
# alias so that it never swallows that subquery's FROM.
PLACE = sa.inspect(Jurisdiction).local_table.alias("place")
OUTCOMES = tuple(o.value for o in Outcome)
COUNTS = ("votes", *OUTCOMES)
MARKER_LIMIT = 2000
SPLIT_MINIMUM = 200_000  # live votes from which the national pass runs in two halves
PLACE_COLUMNS = ("ocd_id", "name", "kind", "state", "fips", "county_fips", "lat", "lon")
MARKER_COLUMNS = (
    *PLACE_COLUMNS, *COUNTS, "latest_vote", "decided_on", "latest_action", "latest_outcome",
    "votes_here",
)  # fmt: skip
VOTES_LISTED = 8  # votes named in a marker's hover, newest first (the table has them all)


def county_of_place(place: Any = PLACE) -> Any:
    """The county a jurisdiction is or lies in (5-digit FIPS; NULL for states)."""
    return case((place.c.kind == "county", place.c.fips), else_=place.c.county_fips)


def has_point(place: Any = PLACE) -> Any:
    """Whether a jurisdiction has a map point."""
    return place.c.lat.is_not(None) & place.c.lon.is_not(None)


def conditions(filters: Filters, state: str | None = None) -> list[Any]:
    """The filters' vote conditions, narrowed to one state when given."""
    found = vote_conditions(filters)
    if state:
        found.append(col(VoteEvent.state) == state)
    return found


def on_place_index() -> Any:
    """Always true (ids start at 1), for GROUP BY place: a range on `jurisdiction_id` steers
    SQLite to the covering (retired, [state,] jurisdiction_id, vote_date, outcome, topic,
    action, model, kind) indexes; with a date filter it otherwise walked the one-column
    jurisdiction index and read every vote's row (1M votes, from 2020: 3.5 s -> 0.19 s)."""
    return col(VoteEvent.jurisdiction_id) > 0


def count_where(condition: Any) -> Any:
    """COUNT(*) FILTER (WHERE condition): at 1M votes, four of these per place cost 20 %
    less than four SUM(CASE …) (one aggregate step per row instead of a CASE and a SUM)."""
    return func.count().filter(condition)


def middle_place(session: Session, minimum: int = SPLIT_MINIMUM) -> int | None:
    """The place id that halves the live votes in place-id order, for `per_place(split=…)`;
    None under `minimum` votes, where one statement is quick enough."""
    live = col(VoteEvent.retired).is_(False)
    total = int(session.execute(sa.select(func.count()).where(live)).scalar_one())
    if total < max(minimum, 2):
        return None
    statement = (
        sa.select(col(VoteEvent.jurisdiction_id))
        .where(live, on_place_index())
        .order_by(col(VoteEvent.jurisdiction_id))
        .offset(total // 2)
        .limit(1)
    )
    found = session.execute(statement).scalar()
    return int(found) if found is not None else None


def _per_place_statement(
    filters: Filters, state: str | None, places: tuple[int | None, int | None] = (None, None)
) -> Any:
    below, from_ = places
    ranges = [
        *([col(VoteEvent.jurisdiction_id) < below] if below is not None else []),
        *([col(VoteEvent.jurisdiction_id) >= from_] if from_ is not None else []),
    ]
    counts = (
        sa.select(
            col(VoteEvent.jurisdiction_id).label("jurisdiction_id"),
            func.count().label("votes"),
            *[count_where(col(VoteEvent.outcome) == o).label(o) for o in OUTCOMES],
            _iso_text(func.max(col(VoteEvent.vote_date))).label("latest_vote"),
        )
        .where(*conditions(filters, state), on_place_index(), *ranges)
        .group_by(col(VoteEvent.jurisdiction_id))
        .subquery()
    )
    where = (
        PLACE.c.state,
        county_of_place().label("county_fips"),
        case((has_point(), 1), else_=0).label("placed"),
    )
    return sa.select(*counts.c, *where).join(PLACE, PLACE.c.id == counts.c.jurisdiction_id)


def _iso_text(day: Any) -> Any:
    """A date as its ISO text ("2025-06-17") on both databases. ISO dates sort as text, so
    maxima need no dates; parsing 22,000 of them per pass (SQLAlchemy's SQLite date type)
    cost 0.03 s of a 0.2 s Map rerun at 1M votes, for the one maximum and the markers
    shown."""
    return sa.cast(day, sa.String)


def per_place(
    session: Session, filters: Filters, state: str | None = None, split: int | None = None
) -> pd.DataFrame:
    """One row per place with a vote under the filters: its id, state, county and whether
    it has a map point (`placed`), votes by outcome and the latest vote's date as ISO text
    (`_iso_text`). Names and points are read for the places marked only (`place_details`).

    With `split` (`middle_place`) and no state, the places below and from that id are
    counted at once on two connections (each half of the place index read by one core:
    0.20 -> 0.15 s at 1M votes); the rows are the same, in the same order."""
    if split is None or state:
        rows = session.execute(_per_place_statement(filters, state)).all()
    else:
        upper = alongside(
            session,
            lambda own: own.execute(_per_place_statement(filters, None, (None, split))).all(),
        )
        lower = session.execute(_per_place_statement(filters, None, (split, None))).all()
        rows = [*lower, *upper()]
    names = ["jurisdiction_id", *COUNTS, "latest_vote", "state", "county_fips", "placed"]
    frame = pd.DataFrame([tuple(r) for r in rows], columns=names)
    frame[list(COUNTS)] = frame[list(COUNTS)].astype("int64")
    frame["placed"] = frame["placed"].astype(bool)
    return frame


def place_details(session: Session, ids: list[int]) -> pd.DataFrame:
    """Name, kind, OCD id, FIPS codes and map point of the given places."""
    columns = [
        PLACE.c.id.label("jurisdiction_id"),
        *[county_of_place().label(c) if c == "county_fips" else PLACE.c[c] for c in PLACE_COLUMNS],
    ]
    rows = session.execute(sa.select(*columns).where(PLACE.c.id.in_(ids))).all() if ids else []
    return pd.DataFrame([tuple(r) for r in rows], columns=["jurisdiction_id", *PLACE_COLUMNS])


@dataclass(frozen=True, slots=True)
class VoteCounts:
    """Votes, and votes by outcome: one field per `Outcome` (`COUNTS`)."""

    votes: int
    passed: int
    failed: int
    deferred: int
    withdrawn: int
    latest_vote: dt.date | None


@dataclass(frozen=True, slots=True)
class VoteNumbers(VoteCounts):
    """The headline numbers of the votes under the filters: votes by outcome, the latest
    vote's date and the states with a vote."""

    states: tuple[str, ...]


@dataclass(frozen=True, slots=True, eq=False)
class VoteSummary:
    """Everything the Map shows about votes (see `summary`)."""

    numbers: VoteNumbers
    states: pd.DataFrame  # state, votes, <outcomes>
    counties: pd.DataFrame  # fips, votes, <outcomes>
    outside: int  # votes in no county: state bodies, places with no known county
    markers: pd.DataFrame  # MARKER_COLUMNS, the busiest places first
    total: int  # places with a map point
    unplaced: int  # votes in places without one


@dataclass(frozen=True, slots=True)
class ListedVote:
    """One of the newest votes of a marked place, as its hover lists it."""

    vote_date: dt.date | None
    action: str
    outcome: str
    measure: str


def _sums(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    """Votes by outcome summed per `by` (rows with no `by` dropped)."""
    columns = [by, *COUNTS]
    if frame.empty:
        return pd.DataFrame(columns=columns).astype({c: "int64" for c in COUNTS})
    return frame.groupby(by, as_index=False)[list(COUNTS)].sum()[columns]


def summary(
    session: Session,
    filters: Filters,
    state: str | None = None,
    limit: int = MARKER_LIMIT,
    split: int | None = None,
) -> VoteSummary:
    """Everything the Map shows about votes under the filters (in `state` when given):

    - `numbers`: votes and votes by outcome, `latest_vote`, `states` (codes with a vote);
    - `states` and `counties`: votes by outcome per state and per county FIPS (`outside`:
      votes in no county: state bodies, places with no known county);
    - `markers`: the `limit` places with a map point and the most votes (then by state and
      name), with their latest vote's outcome; `total` places with a point; `unplaced`
      votes in places without one.

    `split` (`middle_place`) lets the national pass run in two halves at once.
    """
    places = per_place(session, filters, state, split)
    totals = places[list(COUNTS)].sum()
    latest = places["latest_vote"].dropna()
    numbers = VoteNumbers(
        **{name: int(totals.get(name, 0)) for name in COUNTS},
        latest_vote=as_date(max(latest)) if len(latest) else None,
        states=tuple(sorted(set(places["state"]))),
    )
    placed = places[places["placed"]]
    in_county = places["county_fips"].notna()
    return VoteSummary(
        numbers=numbers,
        states=_sums(places, "state"),
        counties=_sums(places[in_county], "county_fips").rename(columns={"county_fips": "fips"}),
        outside=int(places.loc[~in_county, "votes"].sum()),
        markers=_markers(session, filters, state, placed, limit),
        total=len(placed),
        unplaced=int(places["votes"].sum() - placed["votes"].sum()),
    )


def _markers(
    session: Session, filters: Filters, state: str | None, placed: pd.DataFrame, limit: int
) -> pd.DataFrame:
    if limit <= 0 or placed.empty:
        return pd.DataFrame(columns=list(MARKER_COLUMNS))
    # The `limit` busiest, ties broken by state and name: details for those tied at the cut.
    floor = placed["votes"].nlargest(limit).iloc[-1]
    candidates = placed[placed["votes"] >= floor].drop(columns=["state", "county_fips"])
    details = place_details(session, [int(i) for i in candidates["jurisdiction_id"]])
    busiest = (
        candidates.merge(details, on="jurisdiction_id")
        .sort_values(["votes", "state", "name"], ascending=[False, True, True], kind="stable")
        .head(limit)
    )
    ids = [int(i) for i in busiest["jurisdiction_id"]]
    decided = latest_outcomes(session, filters, state, busiest)
    listed = votes_of_places(session, filters, state, ids)
    place = busiest["jurisdiction_id"]
    shown: pd.DataFrame = busiest.assign(
        latest_vote=busiest["latest_vote"].map(as_date),
        decided_on=place.map(lambda i: decided[i].vote_date if i in decided else None),
        latest_action=place.map(lambda i: decided[i].action if i in decided else None),
        latest_outcome=place.map(lambda i: decided[i].outcome if i in decided else None),
        votes_here=place.map(lambda i: listed.get(i, [])),
    )[list(MARKER_COLUMNS)]
    return shown.reset_index(drop=True)


@dataclass(frozen=True)
class Decision:
    """A place's latest vote on a measure itself: what it did and whether it passed."""

    vote_date: dt.date | None
    action: str
    outcome: str


def latest_outcomes(
    session: Session, filters: Filters, state: str | None, places: pd.DataFrame
) -> dict[int, Decision]:
    """Each shown place's record on the measure itself under the filters: its newest vote
    to approve, reject, rescind or defer. A side measure (action "other", e.g. Key West's
    same-day resolution to join a lawsuit, which failed while the 287(g) re-entry passed)
    never overrides it; a place with nothing but side measures shows the newest of those.
    Undated votes count as oldest; a tie goes to the vote recorded last."""
    if places.empty:
        return {}
    ids = [int(i) for i in places["jurisdiction_id"]]
    where = [col(VoteEvent.jurisdiction_id).in_(ids), *conditions(filters, state)]
    if session.get_bind().dialect.name == "postgresql":
        statement = _newest_ranked(where)
    else:
        statement = _newest_probed(ids, filters, state)
    return {
        int(place): Decision(as_date(day), str(action), str(outcome))
        for place, day, action, outcome in session.execute(statement)
    }


NEWEST_FIRST = (col(VoteEvent.vote_date).desc().nulls_last(), col(VoteEvent.id).desc())
SIDE_MEASURE = col(VoteEvent.action) == Action.OTHER.value
DECISIONS_FIRST = (case((SIDE_MEASURE, 1), else_=0), *NEWEST_FIRST)


def _newest_probed(ids: list[int], filters: Filters, state: str | None) -> Any:
    """SQLite: an index probe per place that stops at its newest matching vote on the
    measure itself, and only where there is none at its newest side measure (at 1M votes
    ranking every vote of the 500 busiest places instead took twice as long)."""
    shown = sa.inspect(Jurisdiction).local_table.alias("shown_place")

    def newest(*extra: Any) -> Any:
        return (
            sa.select(col(VoteEvent.id))
            .where(col(VoteEvent.jurisdiction_id) == shown.c.id, *conditions(filters, state))
            .where(*extra)
            .order_by(*NEWEST_FIRST)
            .limit(1)
            .correlate(shown)
            .scalar_subquery()
        )

    chosen = func.coalesce(newest(~SIDE_MEASURE), newest()).label("vote_id")
    picked = sa.select(shown.c.id.label("place"), chosen).where(shown.c.id.in_(ids)).subquery()
    vote = sa.inspect(VoteEvent).local_table.alias("decision")
    return sa.select(picked.c.place, vote.c.vote_date, vote.c.action, vote.c.outcome).join(
        vote, vote.c.id == picked.c.vote_id
    )


def _newest_ranked(where: list[Any]) -> Any:
    """PostgreSQL: the shown places' votes ranked (measures themselves first, then newest)
    in one pass (a probe per place re-ran the filters' search and stakeholder subqueries per
    place: 2.6 s for 500 places at 100k votes)."""
    place = col(VoteEvent.jurisdiction_id)
    rank = func.row_number().over(partition_by=place, order_by=DECISIONS_FIRST).label("rank")
    columns = (place, col(VoteEvent.vote_date), col(VoteEvent.action), col(VoteEvent.outcome))
    ranked = sa.select(*columns, rank).where(*where).subquery()
    return sa.select(
        ranked.c.jurisdiction_id, ranked.c.vote_date, ranked.c.action, ranked.c.outcome
    ).where(ranked.c.rank == 1)


def votes_of_places(
    session: Session,
    filters: Filters,
    state: str | None,
    ids: list[int],
    limit: int = VOTES_LISTED,
) -> dict[int, list[ListedVote]]:
    """The newest `limit` votes under the filters of each place (for the markers' hover):
    date, action, outcome and measure, newest first."""
    if not ids:
        return {}
    place = col(VoteEvent.jurisdiction_id)
    rank = func.row_number().over(partition_by=place, order_by=NEWEST_FIRST).label("rank")
    ranked = (
        sa.select(col(VoteEvent.id).label("id"), place.label("place"), rank)
        .where(place.in_(ids), *conditions(filters, state))
        .subquery()
    )
    vote = sa.inspect(VoteEvent).local_table.alias("listed")
    statement = (
        sa.select(ranked.c.place, vote.c.vote_date, vote.c.action, vote.c.outcome)
        .add_columns(vote.c.motion_text)
        .join(vote, vote.c.id == ranked.c.id)
        .where(ranked.c.rank <= limit)
        .order_by(ranked.c.place, ranked.c.rank)
    )
    found: dict[int, list[ListedVote]] = {}
    for place_id, day, action, outcome, measure in session.execute(statement):
        found.setdefault(int(place_id), []).append(
            ListedVote(as_date(day), str(action), str(outcome), str(measure))
        )
    return found
