"""The Map page's queries on SQLite and PostgreSQL: numbers match hand counts of the bundled
votes (data/seed/votes.csv) and of ICE's July 2025 list."""

import datetime as dt

import pandas as pd
from sqlalchemy import Engine
from sqlmodel import Session

from policytrack.filters import Filters
from policytrack.queries import map_votes, maps


def test_headline_counts_votes_by_outcome(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        numbers = maps.headline(session, Filters())
        florida = maps.headline(session, Filters(states=("FL",)))
    assert (numbers.votes, numbers.passed, numbers.failed, numbers.deferred) == (
        35,
        29,
        4,
        2,
    )
    assert numbers.latest_vote == dt.date(2026, 2, 12)
    # The bundled data include ICE's list of 2025-07-18 (data/seed/ice).
    assert numbers.agreements_active == 832
    assert numbers.list_as_of == dt.date(2025, 7, 18)
    assert (florida.votes, florida.passed, florida.failed) == (14, 11, 3)
    assert florida.states == 1


def test_headline_counts_832_active_agreements_in_40_states(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        numbers = maps.headline(session, Filters())
        jail_only = maps.headline(session, Filters(models=("jail_enforcement",)))
        summary = maps.state_summary(session, Filters())
    assert numbers.agreements_active == 832
    assert numbers.list_as_of == dt.date(2025, 7, 18)
    assert (summary["agreements"] > 0).sum() == 40
    assert summary["agreements"].sum() == 832
    # States with a vote or an agreement: 40 with agreements plus vote-only states.
    vote_only = set(summary.loc[summary["agreements"] == 0, "state"])
    assert numbers.states == 40 + len(vote_only) and vote_only == {"CA", "IL"}
    assert 0 < jail_only.agreements_active < 832


def test_state_summary_matches_hand_counts(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        summary = maps.state_summary(session, Filters()).set_index("state")
        pending = maps.state_summary(session, Filters(), statuses=("pending",))
    florida = summary.loc["FL"]
    assert (florida["votes"], florida["passed"], florida["failed"]) == (14, 11, 3)
    assert florida["name"] == "Florida" and florida["counties"] == 67
    # Every Florida county has an agreement (state law requires it of sheriffs).
    assert florida["counties_with_agreement"] == 67 and florida["share_of_counties"] == 1.0
    assert summary.loc["MD", "votes"] == 4
    assert summary.loc["CA", "agreements"] == 0 and summary.loc["CA", "share_of_counties"] == 0
    assert pending["agreements"].sum() == 26  # ICE's pending list of 2025-07-18


def test_filters_narrow_the_state_summary(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        failed = maps.state_summary(session, Filters(outcomes=("failed",)))
        nothing = maps.state_summary(session, Filters(search="no such place anywhere"))
    assert failed["failed"].sum() == 4 and failed["passed"].sum() == 0
    assert set(failed.loc[failed["votes"] > 0, "state"]) == {"FL", "OH"}
    # Outcome filters describe votes: agreements are still counted.
    assert failed["agreements"].sum() == 832
    assert nothing.empty


def test_county_summary_adds_towns_to_their_county(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        counties = maps.county_summary(session, Filters(), state="FL").set_index("fips")
    assert len(counties) == 67
    # Miami, Hialeah and Doral lie in Miami-Dade County.
    assert counties.loc["12086", "votes"] == 3
    assert counties.loc["12086", "name"] == "Miami-Dade County"
    assert counties.loc["12095", "votes"] == 2  # Orange County's own commission, twice
    assert counties["votes"].sum() == 14
    assert (counties["agreements"] > 0).all()


def test_vote_markers_are_one_per_place_with_the_latest_outcome(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        found = maps.markers(session, Filters(), layer="votes")
        florida = maps.markers(session, Filters(), layer="votes", state="FL")
        capped = maps.markers(session, Filters(), layer="votes", limit=5)
    rows = found.rows
    assert found.total == len(rows) == rows["ocd_id"].nunique()
    assert rows["votes"].sum() == 35 and found.unplaced == 0
    tallahassee = rows[rows["name"] == "Tallahassee"].iloc[0]
    assert (tallahassee["latest_outcome"], tallahassee["latest_vote"]) == (
        "failed",
        dt.date(2025, 10, 22),
    )
    fort_myers = rows[rows["name"] == "Fort Myers"].iloc[0]
    assert (fort_myers["votes"], fort_myers["failed"], fort_myers["latest_outcome"]) == (
        2,
        1,
        "passed",
    )
    assert set(florida.rows["state"]) == {"FL"} and florida.rows["votes"].sum() == 14
    assert len(capped.rows) == 5 and capped.total == found.total


def test_key_west_marker_shows_its_vote_on_the_agreement_and_lists_every_vote(
    seeded_engine: Engine,
) -> None:
    # votes.csv: Key West rescinded (06-30), re-entered the 287(g) agreement (07-08, passed),
    # and the same day voted down a resolution to join a lawsuit (action other, failed).
    with Session(seeded_engine) as session:
        national = maps.markers(session, Filters(), layer="votes").rows
        florida = maps.markers(session, Filters(), layer="votes", state="FL").rows
    for rows in (national, florida):
        key_west = rows[rows["name"] == "Key West"].iloc[0]
        decision = (key_west["latest_action"], key_west["latest_outcome"], key_west["decided_on"])
        assert decision == ("approve", "passed", dt.date(2025, 7, 8))
        listed = [(v.vote_date, v.action, v.outcome) for v in key_west["votes_here"]]
        assert listed == [
            (dt.date(2025, 7, 8), "other", "failed"),
            (dt.date(2025, 7, 8), "approve", "passed"),
            (dt.date(2025, 6, 30), "rescind", "passed"),
        ]
    # Pinal County: rescinded (01-21), then a side measure passed (01-30).
    pinal = national[national["name"] == "Pinal County"].iloc[0]
    assert (pinal["latest_action"], pinal["decided_on"]) == ("rescind", dt.date(2026, 1, 21))


def test_agreement_markers_count_agreements_per_place(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        found = maps.markers(session, Filters(), layer="agreements", statuses=())
        texas = maps.markers(session, Filters(), layer="agreements", state="TX")
    rows = found.rows
    assert rows["agreements"].sum() + found.unplaced == 858  # active and pending
    assert set(rows["status"]) == {"active", "pending"}
    assert rows["lat"].notna().all() and rows["ocd_id"].is_unique
    assert set(texas.rows["state"]) == {"TX"}


def test_the_national_pass_in_two_halves_gives_the_same_rows(seeded_engine: Engine) -> None:
    """`per_place(split=…)` reads the places below and from the middle place on two
    connections; the rows and their order equal one pass, with and without filters."""
    with Session(seeded_engine) as session:
        assert map_votes.middle_place(session) is None  # the seed is small: one pass
        split = map_votes.middle_place(session, minimum=0)
        assert split is not None
        for filters in (Filters(), Filters(outcomes=("passed",)), Filters(search="county")):
            whole = map_votes.per_place(session, filters)
            halves = map_votes.per_place(session, filters, split=split)
            assert len(whole) > 1 and (whole["jurisdiction_id"] < split).any()
            assert (whole["jurisdiction_id"] >= split).any() or filters.active()
            pd.testing.assert_frame_equal(halves, whole)
            assert map_votes.summary(session, filters, split=split).numbers == (
                map_votes.summary(session, filters).numbers
            )
