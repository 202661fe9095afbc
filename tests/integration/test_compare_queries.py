"""Compare queries on the bundled real votes, on SQLite and PostgreSQL."""

from pathlib import Path

import pandas as pd
from sqlalchemy import Engine
from sqlmodel import Session

from policytrack.filters import Filters
from policytrack.ingest.official_lists import import_official_list
from policytrack.queries import compare, compare_summary

PLACES = ("Miami, FL", "Key West, FL", "Fort Myers, FL")


def _compare(engine: Engine, filters: Filters | None = None, names=PLACES):  # type: ignore[no-untyped-def]
    with Session(engine) as session:
        options = compare.jurisdiction_options(session)
        wanted = tuple(options[n] for n in names)
        return compare.comparison(session, filters or Filters(), wanted)


def _tallies(place: dict) -> list[tuple]:  # type: ignore[type-arg]
    return [(v.yes, v.no, v.absent, v.outcome) for v in place.votes]


def test_options_are_readable_unique_labels_of_places_with_votes(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        options = compare.jurisdiction_options(session)
    assert options["Miami, FL"] == "ocd-division/country:us/state:fl/place:miami"
    assert options["Key West, FL"].endswith("place:key_west")
    assert "Miami-Dade County, FL" in options  # no vote, but agreements on ICE's list
    assert "Cook County, IL" not in options  # neither a vote nor an agreement
    assert len(set(options.values())) == len(options) >= 20


def test_miami_key_west_fort_myers_show_each_vote_with_tally_and_stakeholders(
    seeded_engine: Engine,
) -> None:
    miami, key_west, fort_myers = _compare(seeded_engine).places
    assert [p.label for p in (miami, key_west, fort_myers)] == list(PLACES)
    assert _tallies(miami) == [(3, 2, None, "passed")]
    assert sorted(_tallies(key_west)) == [
        (2, 4, 1, "failed"),
        (4, 2, 1, "passed"),
        (6, 1, None, "passed"),
    ]
    # Newest first: the 3-3 failure of 17 March, then the vote that passed four days later.
    assert _tallies(fort_myers) == [(None, 0, None, "passed"), (3, 3, 1, "failed")]
    assert fort_myers.votes_total == 2 and key_west.votes_total == 3
    roll = {m.name: m.option for m in miami.votes[0].roll_call}
    assert roll["Christine King"] == "no" and roll["Joe Carollo"] == "yes" and len(roll) == 5
    sides = {(p.stakeholder, p.stance) for p in miami.votes[0].positions}
    assert ("ACLU of Florida", "oppose") in sides and ("Ron DeSantis", "support") in sides
    aclu = next(
        p for p in miami.votes[0].positions if p.stakeholder == "ACLU of Florida" and p.quote
    )
    assert aclu.speaker == "Dariel Gomez" and "shameful" in aclu.quote
    assert any(s.startswith("https://") for s in miami.votes[0].sources)


def test_summary_marks_what_differs(seeded_engine: Engine) -> None:
    summary = _compare(seeded_engine).summary
    assert list(summary["votes"]) == [1, 3, 2]
    assert list(summary["failed"]) == [0, 1, 1]
    # Failed: 0 vs 1, 1 → only Miami differs; passed: 1, 2, 1 → only Key West differs.
    differs = [set(d.split(", ")) for d in summary["differs"]]
    assert "failed" in differs[0] and "failed" not in differs[1] | differs[2]
    assert "passed" in differs[1] and "passed" not in differs[0] | differs[2]
    assert summary.loc[0, "supporting"].endswith("%)") and summary.loc[0, "stakeholders"] > 5


def test_shared_filters_narrow_the_comparison(seeded_engine: Engine) -> None:
    result = _compare(seeded_engine, Filters(outcomes=("failed",)))
    assert [len(p.votes) for p in result.places] == [0, 1, 1]
    assert list(result.summary["votes"]) == [0, 1, 1]
    assert list(result.votes["jurisdiction"]) == ["Key West, FL", "Fort Myers, FL"]


def test_votes_table_holds_the_votes_shown(seeded_engine: Engine) -> None:
    table = _compare(seeded_engine).votes
    assert len(table) == 6
    miami = table[table["jurisdiction"] == "Miami, FL"].iloc[0]
    assert (miami["yes"], miami["no"], miami["outcome"]) == (3, 2, "passed")
    assert "Christine King: no" in miami["roll_call"] and miami["stakeholders_oppose"] > 5


def test_agreements_come_from_the_agencies_of_each_place(
    seeded_engine: Engine, shared_dir: Path
) -> None:
    import_official_list(seeded_engine, shared_dir / "data/ice-287g/participating_2025-07-18.xlsx")
    miami, key_west, _ = _compare(seeded_engine).places
    assert miami.agreements == ()
    [agreement] = key_west.agreements
    assert agreement.agency == "Key West Police Department"
    assert (agreement.model, agreement.status) == ("Task Force Model", "active")
    summary = _compare(seeded_engine).summary
    assert list(summary["agreements_active"]) == [0, 1, 1]
    assert "agreements active" in summary.loc[0, "differs"]


def test_differences_follow_the_majority() -> None:
    frame = pd.DataFrame({"votes": [1, 1, 2], "outcome": ["a", "b", "c"], "same": [5, 5, 5]})
    assert compare_summary.differences(frame, ["votes", "outcome", "same"]) == [
        "outcome",
        "outcome",
        "votes, outcome",
    ]


def test_labels_stay_unique_when_names_repeat() -> None:
    rows = [
        ("ocd-division/country:us/state:va/place:fairfax", "Fairfax", "VA", "place"),
        ("ocd-division/country:us/state:va/county:fairfax", "Fairfax", "VA", "county"),
        ("ocd-division/country:us/state:fl/place:miami", "Miami", "FL", "place"),
    ]
    labels = compare.unique_labels(rows)
    assert set(labels) == {"Fairfax, VA (place)", "Fairfax, VA (county)", "Miami, FL"}
