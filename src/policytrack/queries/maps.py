"""Read side of the Map page: headline numbers, per-state and per-county summaries and one
marker per place. Filters and GROUP BY run in SQL; only aggregates (and at most `limit`
places) come back, so the page stays quick with a million votes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy import case, func
from sqlmodel import Session, col

from policytrack.filters import Filters, agreement_conditions, vote_conditions
from policytrack.geo.shapes import counties, counties_in, counties_per_state, state_names
from policytrack.models import Agency, Agreement, Jurisdiction, OfficialList, VoteEvent
from policytrack.vocab import AgreementStatus, Outcome

# The filters' search and kind conditions are EXISTS subqueries on `agency`/`jurisdiction`
# correlated with `agreement`/`vote_event`; joining these tables under their own names here
# would swallow those subqueries' FROM, so the map's joins use aliases.
PLACE = sa.inspect(Jurisdiction).local_table.alias("place")
AGENCY = sa.inspect(Agency).local_table.alias("placed_agency")

OUTCOMES = tuple(o.value for o in Outcome)
STATUSES = tuple(s.value for s in AgreementStatus)
# When a place has agreements in several statuses, its marker shows the first of these.
STATUS_ORDER = ("active", "pending", "superseded", "terminated", "removed")
MARKER_LIMIT = 2000


def _count_if(condition: Any) -> Any:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _outcome_counts(column: Any) -> list[Any]:
    return [_count_if(column == outcome).label(outcome) for outcome in OUTCOMES]


def _agreements(filters: Filters, statuses: tuple[str, ...]) -> list[Any]:
    """Conditions on `agreement` for the agreement side of the map."""
    conditions = agreement_conditions(filters.for_agreements())
    if statuses:
        conditions.append(col(Agreement.status).in_(statuses))
    return conditions


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def headline(session: Session, filters: Filters) -> dict[str, Any]:
    """Votes (by outcome), active agreements, states, latest vote and list dates."""
    steer = [_on_place_index()] if set(filters.active()) <= PLACE_INDEX_FILTERS else []
    votes = sa.select(
        func.count(), *_outcome_counts(col(VoteEvent.outcome)), func.max(col(VoteEvent.vote_date))
    ).where(*vote_conditions(filters), *steer)
    vote_row = session.execute(votes).one()
    active = _agreements(filters, ("active",))
    vote_states = sa.select(col(VoteEvent.state)).where(*vote_conditions(filters))
    agreement_states = sa.select(col(Agreement.state)).where(*active)
    either = sa.union(vote_states, agreement_states).subquery()
    totals = sa.select(
        sa.select(func.count()).select_from(Agreement).where(*active).scalar_subquery(),
        sa.select(func.count()).select_from(either).scalar_subquery(),
        sa.select(func.max(col(OfficialList.as_of))).scalar_subquery(),
    )
    agreements, states, list_date = session.execute(totals).one()
    return {
        "votes": int(vote_row[0]),
        **{outcome: int(vote_row[i + 1]) for i, outcome in enumerate(OUTCOMES)},
        "latest_vote": _date(vote_row[-1]),
        "agreements_active": int(agreements),
        "states": int(states),
        "list_as_of": _date(list_date),
    }


def _county_of_place() -> Any:
    """The county a jurisdiction is or lies in (5-digit FIPS; NULL for states)."""
    return case(
        (PLACE.c.kind == "county", PLACE.c.fips),
        else_=PLACE.c.county_fips,
    )


def _vote_states(session: Session, filters: Filters) -> pd.DataFrame:
    statement = (
        sa.select(
            col(VoteEvent.state).label("state"),
            func.count().label("votes"),
            *_outcome_counts(col(VoteEvent.outcome)),
        )
        .where(*vote_conditions(filters))
        .group_by(col(VoteEvent.state))
    )
    return pd.DataFrame(session.execute(statement).mappings().all())


def _agreement_states(
    session: Session, filters: Filters, statuses: tuple[str, ...]
) -> pd.DataFrame:
    statement: Any = (
        sa.select(
            col(Agreement.state).label("state"),
            func.count().label("agreements"),
            func.count(sa.distinct(_county_of_place())).label("counties_with_agreement"),
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


def state_summary(
    session: Session, filters: Filters, statuses: tuple[str, ...] = ("active",)
) -> pd.DataFrame:
    """One row per state with votes or agreements: votes by outcome, agreements (of the given
    statuses; empty = any), counties with such an agreement, counties, and their share."""
    votes = _vote_states(session, filters)
    agreements = _agreement_states(session, filters, statuses)
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


def county_summary(
    session: Session, filters: Filters, state: str, statuses: tuple[str, ...] = ("active",)
) -> pd.DataFrame:
    """Every county of `state` (zeros included): votes by its body or its towns' bodies, by
    outcome, and agreements of the given statuses with its agencies or its towns'."""
    county = _county_of_place().label("fips")
    votes = (
        sa.select(county, func.count().label("votes"), *_outcome_counts(col(VoteEvent.outcome)))
        .select_from(VoteEvent)
        .join(PLACE, PLACE.c.id == col(VoteEvent.jurisdiction_id))
        .where(*vote_conditions(filters), col(VoteEvent.state) == state)
        .group_by(county)
    )
    agreements = (
        sa.select(county, func.count().label("agreements"))
        .select_from(Agreement)
        .join(AGENCY, AGENCY.c.id == col(Agreement.agency_id))
        .join(PLACE, PLACE.c.id == AGENCY.c.jurisdiction_id)
        .where(*_agreements(filters, statuses), col(Agreement.state) == state)
        .group_by(county)
    )
    found = pd.DataFrame(
        {"fips": [c.fips for c in counties_in(state)], "name": [c.name for c in counties_in(state)]}
    )
    for statement in (votes, agreements):
        rows = pd.DataFrame(session.execute(statement).mappings().all())
        if not rows.empty:
            found = found.merge(rows.dropna(subset=["fips"]), on="fips", how="left")
    _whole_numbers(found, ("votes", *OUTCOMES, "agreements"))
    return found[["fips", "name", "votes", *OUTCOMES, "agreements"]]


COUNTY_COLUMNS = ("fips", "state", "name", "votes", *OUTCOMES, "agreements")


def _county_votes_nationally(filters: Filters) -> Any:
    """Votes per county by outcome: first one GROUP BY per place (on the place index, ~22k
    groups at most), then those groups summed per county, so the 1M-row join to
    `jurisdiction` is never made. Votes of state bodies fall into the NULL county."""
    per_place = (
        sa.select(
            col(VoteEvent.jurisdiction_id).label("jurisdiction_id"),
            func.count().label("votes"),
            *_outcome_counts(col(VoteEvent.outcome)),
        )
        .where(*vote_conditions(filters), _on_place_index())
        .group_by(col(VoteEvent.jurisdiction_id))
        .subquery()
    )
    county = _county_of_place().label("fips")
    sums = [func.sum(per_place.c[name]).label(name) for name in ("votes", *OUTCOMES)]
    return (
        sa.select(county, *sums)
        .select_from(per_place)
        .join(PLACE, PLACE.c.id == per_place.c.jurisdiction_id)
        .group_by(county)
    )


def _county_agreements(filters: Filters, statuses: tuple[str, ...]) -> Any:
    """Agreements of the given statuses per county of the agency (NULL: state agencies and
    agencies with no known place)."""
    county = _county_of_place().label("fips")
    return (
        sa.select(county, func.count().label("agreements"))
        .select_from(Agreement)
        .join(AGENCY, AGENCY.c.id == col(Agreement.agency_id))
        .outerjoin(PLACE, PLACE.c.id == AGENCY.c.jurisdiction_id)
        .where(*_agreements(filters, statuses))
        .group_by(county)
    )


def county_totals(
    session: Session, filters: Filters, statuses: tuple[str, ...] = ("active",)
) -> dict[str, Any]:
    """Every county in the country (zeros included), for the national county map:
    `{"rows": DataFrame(fips, state, name, votes, <outcomes>, agreements), "outside":
    {"votes": n, "agreements": n}}`, where `outside` counts the records in no county (state
    bodies and agencies, places with no known county)."""
    everything = pd.DataFrame(
        [(c.fips, c.state, c.name) for c in counties()], columns=["fips", "state", "name"]
    )
    outside = {"votes": 0, "agreements": 0}
    for statement in (_county_votes_nationally(filters), _county_agreements(filters, statuses)):
        rows = pd.DataFrame(session.execute(statement).mappings().all())
        if rows.empty:
            continue
        known = rows["fips"].isin(everything["fips"])
        for name in outside:
            if name in rows:
                outside[name] += int(rows.loc[~known, name].fillna(0).sum())
        everything = everything.merge(rows[known], on="fips", how="left")
    _whole_numbers(everything, ("votes", *OUTCOMES, "agreements"))
    return {"rows": everything[list(COUNTY_COLUMNS)], "outside": outside}


def _vote_conditions(filters: Filters, state: str | None) -> list[Any]:
    conditions = vote_conditions(filters)
    if state:
        conditions.append(col(VoteEvent.state) == state)
    return conditions


# Filters whose columns the covering place index holds: with only these, counting over that
# index beats the date index plus a row read per vote (1M votes from 2017: 1.56 s -> 0.17 s);
# with others (topic, action, ...) rows must be read anyway and SQLite's own choice is better.
PLACE_INDEX_FILTERS = {"date_from", "date_to", "outcomes"}


def _on_place_index() -> Any:
    """Always true (ids start at 1), for GROUP BY place: a range on `jurisdiction_id` steers
    SQLite to the covering (retired, jurisdiction_id, vote_date, outcome) index; with a date
    filter it otherwise walks the one-column jurisdiction index and reads every vote's row
    (1M votes, from 2020: 3.5 s -> 0.19 s)."""
    return col(VoteEvent.jurisdiction_id) > 0


def _vote_markers(filters: Filters, state: str | None) -> Any:
    """Per place: votes by outcome and the latest vote's date (one GROUP BY; the latest
    vote's outcome is looked up only for the places shown, see `_latest_outcome`)."""
    return (
        sa.select(
            col(VoteEvent.jurisdiction_id).label("jurisdiction_id"),
            func.count().label("votes"),
            *_outcome_counts(col(VoteEvent.outcome)),
            func.max(col(VoteEvent.vote_date)).label("latest_vote"),
        )
        .where(*_vote_conditions(filters, state), _on_place_index())
        .group_by(col(VoteEvent.jurisdiction_id))
    )


def _latest_outcome(filters: Filters, state: str | None, shown: Any) -> Any:
    """The outcome of a place's newest vote (undated votes count as oldest; a tie goes to
    the vote recorded last), looked up per marker shown: an indexed probe per place instead
    of ranking every vote."""
    dated = col(VoteEvent.vote_date) == shown.c.latest_vote
    undated = sa.and_(shown.c.latest_vote.is_(None), col(VoteEvent.vote_date).is_(None))
    return (
        sa.select(col(VoteEvent.outcome))
        .where(
            col(VoteEvent.jurisdiction_id) == shown.c.jurisdiction_id,
            *_vote_conditions(filters, state),
            sa.or_(dated, undated),
        )
        .order_by(col(VoteEvent.id).desc())
        .limit(1)
        .correlate(shown)
        .scalar_subquery()
    )


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
            *[_count_if(status == s).label(s) for s in STATUSES],
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
) -> dict[str, Any]:
    """One marker per place with a map point: `{"rows": DataFrame, "total": places with a
    point, "unplaced": records (votes or agreements) with no map point}`; rows are the
    `limit` places with the most records."""
    per_place = (
        _vote_markers(filters, state)
        if layer == "votes"
        else _agreement_markers(filters, statuses, state)
    ).subquery()
    size = per_place.c.votes if layer == "votes" else per_place.c.agreements
    shown = (
        sa.select(
            PLACE.c.ocd_id,
            PLACE.c.name,
            PLACE.c.kind,
            PLACE.c.state,
            PLACE.c.fips,
            _county_of_place().label("county_fips"),
            PLACE.c.lat,
            PLACE.c.lon,
            *per_place.c,
            func.count().over().label("total"),
        )
        .join(per_place, per_place.c.jurisdiction_id == PLACE.c.id)
        .where(_has_point())
        .order_by(size.desc(), PLACE.c.state, PLACE.c.name)
        .limit(limit)
        .subquery()
    )
    extra = (
        [_latest_outcome(filters, state, shown).label("latest_outcome")] if layer == "votes" else []
    )
    statement = sa.select(*shown.c, *extra)
    statement = statement.order_by(
        shown.c.votes.desc() if layer == "votes" else shown.c.agreements.desc(),
        shown.c.state,
        shown.c.name,
    )
    rows = pd.DataFrame(session.execute(statement).mappings().all())
    if not rows.empty:
        rows = rows.drop(columns=["jurisdiction_id"])
    total = int(rows["total"].iloc[0]) if not rows.empty else 0
    unplaced = _unplaced(session, filters, layer, state, statuses)
    return {"rows": _tidy_markers(rows, layer), "total": total, "unplaced": unplaced}


def _has_point() -> Any:
    return PLACE.c.lat.is_not(None) & PLACE.c.lon.is_not(None)


def _unplaced(
    session: Session, filters: Filters, layer: str, state: str | None, statuses: tuple[str, ...]
) -> int:
    """Records in the view whose place has no map point (few places: probe from them)."""
    if layer == "votes":
        statement = (
            sa.select(func.count())
            .select_from(VoteEvent)
            .join(PLACE, PLACE.c.id == col(VoteEvent.jurisdiction_id))
            .where(~_has_point(), *_vote_conditions(filters, state))
        )
    else:
        conditions = _agreements(filters, statuses)
        if state:
            conditions.append(col(Agreement.state) == state)
        statement = (
            sa.select(func.count())
            .select_from(Agreement)
            .join(AGENCY, AGENCY.c.id == col(Agreement.agency_id))
            .outerjoin(PLACE, PLACE.c.id == AGENCY.c.jurisdiction_id)
            .where(sa.or_(PLACE.c.id.is_(None), ~_has_point()), *conditions)
        )
    return int(session.execute(statement).scalar_one())


def _tidy_markers(rows: pd.DataFrame, layer: str) -> pd.DataFrame:
    """Typed columns, dates as dates, and the status each agreements marker shows."""
    if rows.empty:
        return rows
    rows = rows.drop(columns=["total"])
    if layer == "votes":
        rows["latest_vote"] = rows["latest_vote"].map(_date)
        return rows
    rows["status"] = rows.pop("status_rank").map(
        lambda i: STATUS_ORDER[int(i)] if int(i) < 99 else ""
    )
    rows["latest_signed"] = rows["latest_signed"].map(_date)
    return rows
