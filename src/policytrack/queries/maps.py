"""Read side of the Map page: headline numbers, per-state and per-county summaries and one
marker per place. Filters and GROUP BY run in SQL; only aggregates (and at most `limit`
places) come back, so the page stays quick with a million votes. The vote side comes from one
pass over the votes (`map_votes.summary`); agreements (a few thousand) are counted here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy import case, func
from sqlmodel import Session, col

from policytrack.filters import Filters, agreement_conditions
from policytrack.geo.shapes import counties, counties_in, counties_per_state, state_names
from policytrack.models import Agency, Agreement, OfficialList
from policytrack.queries import map_votes
from policytrack.queries.map_votes import (
    OUTCOMES,
    PLACE,
    VoteCounts,
    VoteNumbers,
    VoteSummary,
    count_where,
    county_of_place,
    has_point,
)
from policytrack.queries.values import as_date
from policytrack.vocab import AgreementStatus

# The filters' search and kind conditions are EXISTS subqueries on `agency`/`jurisdiction`
# correlated with `agreement`; joining these tables under their own names here would
# swallow those subqueries' FROM, so the map's joins use aliases.
AGENCY = sa.inspect(Agency).local_table.alias("placed_agency")

STATUSES = tuple(s.value for s in AgreementStatus)
# When a place has agreements in several statuses, its marker shows the first of these.
STATUS_ORDER = ("active", "pending", "superseded", "terminated", "removed")
MARKER_LIMIT = map_votes.MARKER_LIMIT


@dataclass(frozen=True, slots=True)
class AgreementNumbers:
    """Active agreements under the filters, the states they are in, ICE's newest list date."""

    agreements_active: int
    states: tuple[str, ...]
    list_as_of: dt.date | None


@dataclass(frozen=True, slots=True)
class Headline(VoteCounts):
    """The Map's headline: votes (by outcome), the latest vote's date, active agreements,
    states with either and ICE's newest list date."""

    agreements_active: int
    states: int
    list_as_of: dt.date | None


@dataclass(frozen=True, slots=True, eq=False)
class Markers:
    """One marker per place with a map point: `rows` are the places with the most records,
    `total` the places with a point, `unplaced` the records (votes or agreements) with none."""

    rows: pd.DataFrame
    total: int
    unplaced: int


@dataclass(frozen=True, slots=True)
class Outside:
    """Records in no county: state bodies and agencies, places with no known county."""

    votes: int
    agreements: int


@dataclass(frozen=True, slots=True, eq=False)
class CountyTotals:
    """Every county in the country (zeros included): `rows` (fips, state, name, votes,
    <outcomes>, agreements) and what lies in no county."""

    rows: pd.DataFrame
    outside: Outside


def _agreements(filters: Filters, statuses: tuple[str, ...]) -> list[Any]:
    """Conditions on `agreement` for the agreement side of the map."""
    conditions = agreement_conditions(filters.for_agreements())
    if statuses:
        conditions.append(col(Agreement.status).in_(statuses))
    return conditions


def agreement_numbers(session: Session, filters: Filters) -> AgreementNumbers:
    """Active agreements under the filters, the states they are in, ICE's newest list date."""
    active = _agreements(filters, ("active",))
    states = sa.select(col(Agreement.state)).where(*active).distinct()
    count = sa.select(func.count()).select_from(Agreement).where(*active).scalar_subquery()
    newest = sa.select(func.max(col(OfficialList.as_of))).scalar_subquery()
    agreements, list_date = session.execute(sa.select(count, newest)).one()
    return AgreementNumbers(
        agreements_active=int(agreements),
        states=tuple(sorted(str(s) for s in session.execute(states).scalars() if s)),
        list_as_of=as_date(list_date),
    )


def headline_numbers(votes: VoteNumbers, agreements: AgreementNumbers) -> Headline:
    """Votes (by outcome), active agreements, states, latest vote and list dates, from
    `map_votes.summary(...).numbers` and `agreement_numbers`."""
    return Headline(
        votes=votes.votes, passed=votes.passed, failed=votes.failed, deferred=votes.deferred,
        withdrawn=votes.withdrawn, latest_vote=votes.latest_vote,
        agreements_active=agreements.agreements_active,
        states=len(set(votes.states) | set(agreements.states)),
        list_as_of=agreements.list_as_of,
    )  # fmt: skip


def headline(session: Session, filters: Filters) -> Headline:
    """Votes (by outcome), active agreements, states, latest vote and list dates."""
    votes = map_votes.summary(session, filters, limit=0).numbers
    return headline_numbers(votes, agreement_numbers(session, filters))


def agreement_states(
    session: Session, filters: Filters, statuses: tuple[str, ...] = ("active",)
) -> pd.DataFrame:
    """Per state: agreements of the given statuses and the counties with one."""
    statement: Any = (
        sa.select(
            col(Agreement.state).label("state"),
            func.count().label("agreements"),
            func.count(sa.distinct(county_of_place())).label("counties_with_agreement"),
        )
        .select_from(Agreement)
        .join(AGENCY, AGENCY.c.id == col(Agreement.agency_id))
        .outerjoin(PLACE, PLACE.c.id == AGENCY.c.jurisdiction_id)
        .where(*_agreements(filters, statuses))
        .group_by(col(Agreement.state))
    )
    return pd.DataFrame(session.execute(statement).mappings().all())


def _whole_numbers(frame: pd.DataFrame, columns: tuple[str, ...]) -> None:
    """Count columns as integers, zero where a group had no rows (added if missing)."""
    for column in columns:
        values = frame[column] if column in frame else pd.Series(0, index=frame.index)
        frame[column] = values.fillna(0).astype(int)


STATE_COLUMNS = (
    "state",
    "name",
    "votes",
    *OUTCOMES,
    "agreements",
    "counties_with_agreement",
    "counties",
    "share_of_counties",
)


def combine_states(votes: pd.DataFrame, agreements: pd.DataFrame) -> pd.DataFrame:
    """One row per state with votes or agreements, from `map_votes.summary(...).states`
    and `agreement_states`: votes by outcome, agreements, counties with one, counties, and
    their share."""
    frames = [f.set_index("state") for f in (votes, agreements) if not f.empty]
    if not frames:
        return pd.DataFrame(columns=list(STATE_COLUMNS))
    frame = pd.concat(frames, axis=1).fillna(0).reset_index()
    _whole_numbers(frame, ("votes", *OUTCOMES, "agreements", "counties_with_agreement"))
    names, totals = state_names(), counties_per_state()
    frame["name"] = frame["state"].map(lambda code: names.get(code, code))
    frame["counties"] = frame["state"].map(lambda code: totals.get(code, 0)).astype(int)
    share = frame["counties_with_agreement"] / frame["counties"].where(frame["counties"] > 0)
    frame["share_of_counties"] = share.fillna(0.0).round(4)
    return frame[list(STATE_COLUMNS)].sort_values("name", ignore_index=True)


def state_summary(
    session: Session, filters: Filters, statuses: tuple[str, ...] = ("active",)
) -> pd.DataFrame:
    """One row per state with votes or agreements: votes by outcome, agreements (of the given
    statuses; empty = any), counties with such an agreement, counties, and their share."""
    votes = map_votes.summary(session, filters, limit=0).states
    return combine_states(votes, agreement_states(session, filters, statuses))


def agreement_counties(
    session: Session,
    filters: Filters,
    statuses: tuple[str, ...] = ("active",),
    state: str | None = None,
) -> pd.DataFrame:
    """Agreements of the given statuses per county of the agency (`fips` None: state
    agencies and agencies with no known place), in `state` when given."""
    county = county_of_place().label("fips")
    conditions = _agreements(filters, statuses)
    if state:
        conditions.append(col(Agreement.state) == state)
    statement = (
        sa.select(county, func.count().label("agreements"))
        .select_from(Agreement)
        .join(AGENCY, AGENCY.c.id == col(Agreement.agency_id))
        .outerjoin(PLACE, PLACE.c.id == AGENCY.c.jurisdiction_id)
        .where(*conditions)
        .group_by(county)
    )
    rows = session.execute(statement).all()
    return pd.DataFrame([tuple(r) for r in rows], columns=["fips", "agreements"])


def combine_counties_in(state: str, votes: pd.DataFrame, agreements: pd.DataFrame) -> pd.DataFrame:
    """Every county of `state` (zeros included), from `map_votes.summary(state=…)
    .counties` and `agreement_counties(state=…)`: votes by its body or its towns'
    bodies, by outcome, and agreements with its agencies or its towns'."""
    found = pd.DataFrame(
        {"fips": [c.fips for c in counties_in(state)], "name": [c.name for c in counties_in(state)]}
    )
    for rows in (votes, agreements):
        if not rows.empty:
            found = found.merge(rows.dropna(subset=["fips"]), on="fips", how="left")
    _whole_numbers(found, ("votes", *OUTCOMES, "agreements"))
    return found[["fips", "name", "votes", *OUTCOMES, "agreements"]]


def county_summary(
    session: Session, filters: Filters, state: str, statuses: tuple[str, ...] = ("active",)
) -> pd.DataFrame:
    """Every county of `state` (zeros included): votes by its body or its towns' bodies, by
    outcome, and agreements of the given statuses with its agencies or its towns'."""
    votes = map_votes.summary(session, filters, state=state, limit=0).counties
    return combine_counties_in(state, votes, agreement_counties(session, filters, statuses, state))


COUNTY_COLUMNS = ("fips", "state", "name", "votes", *OUTCOMES, "agreements")


def combine_counties_nationally(
    votes: pd.DataFrame, votes_outside: int, agreements: pd.DataFrame
) -> CountyTotals:
    """Every county in the country (zeros included), for the national county map, from
    `map_votes.summary(...)` (`counties`, `outside`) and `agreement_counties`."""
    everything = pd.DataFrame(
        [(c.fips, c.state, c.name) for c in counties()], columns=["fips", "state", "name"]
    )
    outside = {"votes": votes_outside, "agreements": 0}
    for name, rows in (("votes", votes), ("agreements", agreements)):
        if rows.empty:
            continue
        known = rows["fips"].isin(everything["fips"])
        outside[name] += int(rows.loc[~known, name].fillna(0).sum())
        everything = everything.merge(rows[known], on="fips", how="left")
    _whole_numbers(everything, ("votes", *OUTCOMES, "agreements"))
    return CountyTotals(everything[list(COUNTY_COLUMNS)], Outside(**outside))


def county_totals(
    session: Session, filters: Filters, statuses: tuple[str, ...] = ("active",)
) -> CountyTotals:
    """Every county in the country, see `combine_counties_nationally`."""
    votes = map_votes.summary(session, filters, limit=0)
    found = agreement_counties(session, filters, statuses)
    return combine_counties_nationally(votes.counties, votes.outside, found)


def vote_markers(votes: VoteSummary) -> Markers:
    """The markers part of `map_votes.summary`, shaped as `markers` returns it."""
    return Markers(rows=votes.markers, total=votes.total, unplaced=votes.unplaced)


def _agreement_markers(filters: Filters, statuses: tuple[str, ...], state: str | None) -> Any:
    """Per place: agreements by status (with the agencies' jurisdiction)."""
    conditions = _agreements(filters, statuses)
    if state:
        conditions.append(col(Agreement.state) == state)
    status = col(Agreement.status)
    first = func.min(case(*[(status == s, i) for i, s in enumerate(STATUS_ORDER)], else_=99))
    return (
        sa.select(
            AGENCY.c.jurisdiction_id.label("jurisdiction_id"),
            func.count().label("agreements"),
            *[count_where(status == s).label(s) for s in STATUSES],
            first.label("status_rank"),
            func.max(col(Agreement.signed_on)).label("latest_signed"),
        )
        .select_from(Agreement)
        .join(AGENCY, AGENCY.c.id == col(Agreement.agency_id))
        .where(*conditions)
        .group_by(AGENCY.c.jurisdiction_id)
    )


def markers(
    session: Session,
    filters: Filters,
    layer: str = "votes",
    state: str | None = None,
    statuses: tuple[str, ...] = ("active",),
    limit: int = MARKER_LIMIT,
) -> Markers:
    """One marker per place with a map point; rows are the `limit` places with the most
    records."""
    if layer == "votes":
        return vote_markers(map_votes.summary(session, filters, state=state, limit=limit))
    return agreement_markers(session, filters, state, statuses, limit)


def agreement_markers(
    session: Session,
    filters: Filters,
    state: str | None = None,
    statuses: tuple[str, ...] = ("active",),
    limit: int = MARKER_LIMIT,
) -> Markers:
    """`markers` of the agreements layer."""
    per_place = _agreement_markers(filters, statuses, state).subquery()
    shown = (
        sa.select(
            PLACE.c.ocd_id,
            PLACE.c.name,
            PLACE.c.kind,
            PLACE.c.state,
            PLACE.c.fips,
            county_of_place().label("county_fips"),
            PLACE.c.lat,
            PLACE.c.lon,
            *per_place.c,
            func.count().over().label("total"),
        )
        .join(per_place, per_place.c.jurisdiction_id == PLACE.c.id)
        .where(has_point())
        .order_by(per_place.c.agreements.desc(), PLACE.c.state, PLACE.c.name)
        .limit(limit)
    )
    rows = pd.DataFrame(session.execute(shown).mappings().all())
    if not rows.empty:
        rows = rows.drop(columns=["jurisdiction_id"])
    total = int(rows["total"].iloc[0]) if not rows.empty else 0
    unplaced = _unplaced_agreements(session, filters, state, statuses)
    return Markers(rows=_tidy_markers(rows), total=total, unplaced=unplaced)


def _unplaced_agreements(
    session: Session, filters: Filters, state: str | None, statuses: tuple[str, ...]
) -> int:
    """Agreements in the view whose agency has no place with a map point."""
    conditions = _agreements(filters, statuses)
    if state:
        conditions.append(col(Agreement.state) == state)
    statement = (
        sa.select(func.count())
        .select_from(Agreement)
        .join(AGENCY, AGENCY.c.id == col(Agreement.agency_id))
        .outerjoin(PLACE, PLACE.c.id == AGENCY.c.jurisdiction_id)
        .where(sa.or_(PLACE.c.id.is_(None), ~has_point()), *conditions)
    )
    return int(session.execute(statement).scalar_one())


AGREEMENT_MARKER_COLUMNS = (
    *map_votes.PLACE_COLUMNS, "agreements", *STATUSES, "latest_signed", "status"
)  # fmt: skip


def _tidy_markers(rows: pd.DataFrame) -> pd.DataFrame:
    """Dates as dates, and the status each agreements marker shows (no rows: the columns
    still, for the tables and downloads)."""
    if rows.empty:
        return pd.DataFrame(columns=list(AGREEMENT_MARKER_COLUMNS))
    rows = rows.drop(columns=["total"])
    rows["status"] = rows.pop("status_rank").map(
        lambda i: STATUS_ORDER[int(i)] if int(i) < 99 else ""
    )
    rows["latest_signed"] = rows["latest_signed"].map(as_date)
    return rows
