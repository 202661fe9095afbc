"""Open Civic Data VoteEvents: read as rows of our votes table (same rules, same messages),
written from our vote records with what OCD cannot hold kept in `extras.policytrack`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from policytrack import queries
from policytrack.geo import load_gazetteer
from policytrack.ingest.ocd_read import OcdShapeError, ocd_to_row
from policytrack.ingest.pipeline import import_votes, validate_votes
from policytrack.ingest.problems import ImportRefused
from policytrack.ingest.tables import read_table
from policytrack.ocd_export import vote_to_ocd, votes_to_ocd_json

# As a pupa scraper emits it: no extras of ours, ids instead of names, a datetime.
PUPA_EVENT: dict[str, Any] = {
    "_type": "vote_event",
    "identifier": "R-25-0123",
    "motion_text": "Resolution authorizing a 287(g) Task Force Model agreement with ICE",
    "motion_classification": ["passage", "approve"],
    "start_date": "2025-06-17T10:30:00-04:00",
    "result": "pass",
    "organization": {"name": "City Commission", "classification": "legislature"},
    "organization_id": '~{"classification": "legislature"}',
    "jurisdiction": "ocd-jurisdiction/country:us/state:fl/place:miami/government",
    "legislative_session": "2025",
    "bill": None,
    "counts": [
        {"option": "yes", "value": 3},
        {"option": "no", "value": 1},
        {"option": "excused", "value": 1},
        {"option": "not voting", "value": 0},
    ],
    "votes": [
        {"option": "yes", "voter_name": "Joe Carollo"},
        {"option": "yes", "voter_name": "Manolo Reyes"},
        {"option": "yes", "voter_name": "Miguel Angel Gabela"},
        {"option": "no", "voter_name": "Christine King"},
        {"option": "excused", "voter_name": "Damian Pardo"},
    ],
    "sources": [{"url": "https://www.wlrn.org/miami-287g-vote", "note": "news report"}],
    "extras": {},
}

RECORD: dict[str, Any] = {
    "key": "md-state-2024-x",
    "state": "MD",
    "vote_date": None,
    "motion_text": '="Ban" on 287(g) — “all” counties',
    "topic": "state_policy",
    "model": "unknown",
    "action": "rescind",
    "outcome": "withdrawn",
    "yes": 0,
    "no": None,
    "abstain": 2,
    "absent": None,
    "confidence": "medium",
    "disputed": None,
    "notes": "Zurückgezogen",
    "warnings": [],
    "jurisdiction": "Maryland",
    "jurisdiction_kind": "state",
    "ocd_id": "ocd-division/country:us/state:md",
    "fips": "24",
    "body": "House of Delegates",
    "roll_call": [{"voter_name": "Ana Ñúñez", "option": "abstain"}],
    "positions": [],
    "sources": ["https://example.org/a", "article:baltimore-sun-2024"],
}


def test_a_pupa_event_becomes_a_row_of_our_votes_table() -> None:
    row = ocd_to_row(PUPA_EVENT)
    assert row["state"] == "FL"
    assert (row["jurisdiction"], row["jurisdiction_kind"], row["county"]) == ("Miami", "city", None)
    assert row["body"] == "City Commission"
    assert row["vote_date"] == "2025-06-17"
    assert (row["action"], row["outcome"]) == ("approve", "passed")
    # excused counts as absent when absent is not given; a zero "not voting" says nothing
    assert (row["yes"], row["no"], row["abstain"], row["absent"]) == (3, 1, None, 1)
    assert row["roll_call"][4] == {"voter_name": "Damian Pardo", "option": "excused"}
    assert row["sources"] == ["https://www.wlrn.org/miami-287g-vote"]
    assert row["vote_key"] == "fl-miami-2025-06-17-r-25-0123"
    assert row["notes"] is None and row["topic"] is None and row["confidence"] is None


@pytest.mark.parametrize(
    ("ocd_id", "expected"),
    [
        ("ocd-division/country:us/state:md", ("MD", "MD", "state", None)),
        (
            "ocd-jurisdiction/country:us/state:fl/county:orange/government",
            ("FL", "Orange", "county", None),
        ),
        ("ocd-division/country:us/state:la/parish:orleans", ("LA", "Orleans", "parish", None)),
        (
            "ocd-division/country:us/state:fl/place:st._pete_beach",
            ("FL", "St. Pete Beach", "city", None),
        ),
        (
            "ocd-division/country:us/state:il/place:springfield~17167",
            ("IL", "Springfield", "city", "17167"),
        ),
        (
            "ocd-division/country:us/state:nj/county:bergen/township:teaneck",
            ("NJ", "Teaneck", "township", "Bergen"),
        ),
    ],
)
def test_the_place_comes_from_ocd_ids(ocd_id: str, expected: tuple[str, ...]) -> None:
    row = ocd_to_row({"motion_text": "m", "division_id": ocd_id})
    assert (row["state"], row["jurisdiction"], row["jurisdiction_kind"], row["county"]) == expected


def test_counts_without_a_column_are_kept_in_notes() -> None:
    counts = [
        {"option": "Aye", "value": 4},
        {"option": "absent", "value": 1},
        {"option": "excused", "value": 2},
        {"option": "paired", "value": 1},
    ]
    row = ocd_to_row({"motion_text": "m", "counts": counts, "result": "FAIL"})
    assert (row["yes"], row["absent"], row["outcome"]) == (4, 1, "failed")
    assert row["notes"] == "OCD counts with no column here: excused 2, paired 1."


def test_our_record_becomes_an_ocd_event_with_the_rest_in_extras() -> None:
    event = vote_to_ocd(RECORD)
    assert event["identifier"] == "md-state-2024-x"
    assert event["start_date"] == "" and event["motion_classification"] == []
    assert event["result"] == "fail"  # OCD has no "withdrawn"
    assert event["organization"] == {"name": "House of Delegates", "classification": "legislature"}
    assert event["jurisdiction"]["id"] == "ocd-jurisdiction/country:us/state:md/government"
    assert event["counts"] == [{"option": "yes", "value": 0}, {"option": "abstain", "value": 2}]
    assert event["votes"] == [{"option": "abstain", "voter_name": "Ana Ñúñez"}]
    assert event["sources"] == [{"url": "https://example.org/a", "note": ""}]
    ours = event["extras"]["policytrack"]
    assert ours["outcome"] == "withdrawn" and ours["vote_key"] == "md-state-2024-x"
    assert ours["citations"] == ["article:baltimore-sun-2024"]
    assert (ours["jurisdiction"], ours["jurisdiction_kind"], ours["seats"]) == (
        "Maryland",
        "state",
        None,
    )


def test_our_own_export_reads_back_to_the_same_row_values() -> None:
    row = ocd_to_row(vote_to_ocd(RECORD))
    assert row["vote_key"] == "md-state-2024-x"
    assert (row["state"], row["jurisdiction"], row["jurisdiction_kind"]) == (
        "MD",
        "Maryland",
        "state",
    )
    assert (row["outcome"], row["action"], row["topic"], row["model"]) == (
        "withdrawn",
        "rescind",
        "state_policy",
        "unknown",
    )
    assert (row["yes"], row["no"], row["abstain"], row["absent"]) == (0, None, 2, None)
    assert row["vote_date"] == "" and row["policy"] == RECORD["motion_text"]
    assert row["roll_call"] == RECORD["roll_call"]
    assert row["sources"] == ["https://example.org/a"]
    # a citation without URL cannot be a votes-file source: it stays visible in the notes
    assert row["notes"] == "Zurückgezogen Also cited (no URL): article:baltimore-sun-2024."


def test_same_named_places_keep_their_county_through_the_ocd_id() -> None:
    record = {**RECORD, "jurisdiction": "Springfield", "jurisdiction_kind": "place"}
    record["ocd_id"] = "ocd-division/country:us/state:il/place:springfield~17167"
    assert vote_to_ocd(record)["extras"]["policytrack"]["county"] == "17167"


def test_the_json_is_a_pretty_utf8_list() -> None:
    text = votes_to_ocd_json([RECORD])
    assert text.startswith("[\n  {") and "Ana Ñúñez" in text and "“all”" in text
    assert json.loads(text)[0]["identifier"] == "md-state-2024-x"


@pytest.mark.parametrize(
    ("event", "field"),
    [
        ({"counts": "5-2"}, "counts"),
        ({"counts": [{"option": "maybe", "value": 1}]}, "counts"),
        ({"counts": [["yes", 3]]}, "counts"),
        ({"counts": [{"option": "yes", "value": 1}, {"option": "YES", "value": 2}]}, "counts"),
        ({"votes": [{"option": "yes"}]}, "votes"),
        ({"votes": "Smith: yes"}, "votes"),
        ({"extras": {"policytrack": "x"}}, "extras"),
        ({"organization": 7}, "organization"),
    ],
)
def test_structure_no_column_can_hold_is_a_shape_error(event: dict[str, Any], field: str) -> None:
    with pytest.raises(OcdShapeError) as error:
        ocd_to_row({"motion_text": "m", **event})
    assert [issue.field for issue in error.value.issues] == [field]


def _good_event(**changes: Any) -> dict[str, Any]:
    return {**PUPA_EVENT, **changes}


def _write(path: Path, events: list[dict[str, Any]]) -> Path:
    path.write_text(json.dumps(events, ensure_ascii=False), encoding="utf-8")
    return path


def _stats(engine: Engine) -> dict[str, Any]:
    with Session(engine) as session:
        return queries.stats(session)


@pytest.mark.parametrize(
    ("changes", "field", "rule"),
    [
        ({"counts": "3 to 1"}, "counts", "OCD counts must be a list"),
        ({"counts": [{"option": "maybe", "value": 2}]}, "counts", "'maybe' is not one of"),
        (
            {"votes": [{"option": "maybe", "voter_name": "Joe Carollo"}]},
            "roll_call",
            "Joe Carollo's vote 'maybe' is not one of",
        ),
        (
            {"sources": [{"url": "  JavaScript:alert(1)", "note": ""}]},
            "sources",
            "must start with http",
        ),
        ({"counts": [{"option": "no", "value": -1}]}, "no", "counts cannot be negative"),
        ({"start_date": "17/06/2025"}, "vote_date", "YYYY-MM-DD"),
        ({"result": "tabled"}, "outcome", "must be one of"),
        ({"jurisdiction": "ocd-jurisdiction/country:us/state:zz/government"}, "state", "unknown"),
    ],
)
def test_a_malformed_event_is_refused_naming_record_field_and_rule(
    engine: Engine, tmp_path: Path, changes: dict[str, Any], field: str, rule: str
) -> None:
    events = [_good_event(identifier="a"), _good_event(identifier="b", **changes)]
    path = _write(tmp_path / "ocd.json", events)
    before = _stats(engine)
    with pytest.raises(ImportRefused) as refused:
        import_votes(engine, path)
    assert _stats(engine) == before
    [problem] = refused.value.problems
    assert (problem.file, problem.row, problem.field) == ("ocd.json", 2, field)
    assert rule in problem.rule
    assert f"ocd.json, row 2, field '{field}'" in refused.value.summary()


def test_shape_problems_of_every_record_are_listed_at_once(engine: Engine, tmp_path: Path) -> None:
    events = [
        _good_event(identifier="a", counts={"yes": 3}),
        _good_event(identifier="b"),
        _good_event(identifier="c", votes=[None]),
    ]
    with pytest.raises(ImportRefused) as refused:
        import_votes(engine, _write(tmp_path / "ocd.json", events))
    assert [(p.row, p.field) for p in refused.value.problems] == [(1, "counts"), (3, "votes")]


def test_shape_and_value_problems_of_one_record_are_listed_together(tmp_path: Path) -> None:
    """One round fixes the file: a record's broken structure does not hide its bad values,
    and a column the broken structure left blank is not reported twice."""
    event = _good_event(
        counts="3 to 1",  # structure
        votes=[{"option": "yes"}],  # structure
        start_date="17/06/2025",  # value
        result="tabled",  # value
        jurisdiction="ocd-jurisdiction/country:us/state:zz/government",  # value
    )
    table = read_table(_write(tmp_path / "ocd.json", [_good_event(identifier="a"), event]))
    with pytest.raises(ImportRefused) as refused:
        validate_votes(table, load_gazetteer(), dt.date(2026, 1, 1))
    found = [(p.row, p.field) for p in refused.value.problems]
    assert sorted(found) == [
        (2, "counts"), (2, "outcome"), (2, "state"), (2, "vote_date"), (2, "votes"),
    ]  # fmt: skip


def test_a_pupa_file_imports(engine: Engine, tmp_path: Path) -> None:
    import_votes(engine, _write(tmp_path / "ocd.json", [PUPA_EVENT]))
    with Session(engine) as session:
        [vote] = queries.vote_records(session)
    assert vote["key"] == "fl-miami-2025-06-17-r-25-0123"
    assert (vote["jurisdiction"], vote["ocd_id"]) == (
        "Miami",
        "ocd-division/country:us/state:fl/place:miami",
    )
    assert (vote["action"], vote["outcome"], vote["topic"]) == (
        "approve",
        "passed",
        "287g_agreement",
    )
    assert (vote["yes"], vote["no"], vote["absent"]) == (3, 1, 1)
    assert [m["voter_name"] for m in vote["roll_call"]][-1] == "Damian Pardo"
    assert vote["warnings"] == []
