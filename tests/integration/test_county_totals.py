"""`maps.county_totals` (the national county map) on SQLite and PostgreSQL: every county is
there, and county numbers plus what lies in no county add up to the page's totals."""

import datetime as dt

from sqlalchemy import Engine
from sqlmodel import Session

from policytrack.filters import Filters
from policytrack.queries import maps


def test_every_county_and_the_totals_add_up(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        found = maps.county_totals(session, Filters())
        headline = maps.headline(session, Filters())
    rows, outside = found.rows, found.outside
    assert len(rows) == 3231 and rows["fips"].is_unique
    assert int(rows["votes"].sum()) + outside.votes == headline.votes == 35
    assert int(rows["agreements"].sum()) + outside.agreements == 832
    outcomes = rows[["passed", "failed", "deferred", "withdrawn"]].sum(axis=1)
    assert (outcomes == rows["votes"]).all()
    miami = rows[rows["fips"] == "12086"].iloc[0]
    assert (miami["state"], miami["name"]) == ("FL", "Miami-Dade County")
    assert miami["votes"] >= 1 and miami["agreements"] >= 1


def test_filters_narrow_the_county_numbers(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        florida = maps.county_totals(session, Filters(states=("FL",)))
        failed = maps.county_totals(session, Filters(outcomes=("failed",)))
        recent = maps.county_totals(session, Filters(date_from=dt.date(2026, 1, 1)))
        recent_total = maps.headline(session, Filters(date_from=dt.date(2026, 1, 1))).votes
        pending = maps.county_totals(session, Filters(), statuses=("pending",))
    counted = florida.rows[(florida.rows["votes"] > 0) | (florida.rows["agreements"] > 0)]
    assert set(counted["state"]) == {"FL"}
    assert int(florida.rows["votes"].sum()) + florida.outside.votes == 14
    assert int(failed.rows["votes"].sum()) + failed.outside.votes == 4
    assert int(failed.rows["failed"].sum()) == int(failed.rows["votes"].sum())
    assert int(recent.rows["votes"].sum()) + recent.outside.votes == recent_total
    assert int(pending.rows["agreements"].sum()) + pending.outside.agreements == 26
