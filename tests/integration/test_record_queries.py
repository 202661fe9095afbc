"""Record pages' and Data page's queries on real SQLite and PostgreSQL databases: one vote,
jurisdiction or agreement by key, the agreements table, the import report, and GeoJSON."""

import json
from dataclasses import asdict
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session

from policytrack.filters import Filters
from policytrack.queries import agreement_tables, geojson, record
from policytrack.queries.records import count_votes

MIAMI = "fl-miami-2025-06-17"
KEY_WEST = "ocd-division/country:us/state:fl/place:key_west"


def test_miami_vote_record_has_tally_roll_call_positions_and_sources(
    seeded_engine: Engine,
) -> None:
    with Session(seeded_engine) as session:
        vote = record.vote_record(session, MIAMI)
    assert vote is not None
    assert (vote.yes, vote.no, vote.outcome) == (3, 2, "passed")
    assert len(vote.roll_call) == 5
    assert {m.option for m in vote.roll_call} == {"yes", "no"}
    aclu = [p for p in vote.positions if p.stakeholder == "ACLU of Florida"]
    assert aclu and aclu[0].quote and aclu[0].stance == "oppose"
    assert aclu[0].sources, "a position must show its source"
    urls = {s.url for s in vote.sources}
    assert "https://305accident.net/?p=3526" in urls
    assert vote.disputed and vote.warnings
    json.dumps(asdict(vote))  # the page's JSON download must work


def test_unknown_keys_give_no_record_not_an_error(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        assert record.vote_record(session, "no-such-vote") is None
        assert record.jurisdiction_record(session, "ocd-division/country:us/state:zz") is None
        assert record.agreement_record(session, "zz:nobody") is None


def test_key_west_jurisdiction_lists_its_three_votes(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        place = record.jurisdiction_record(session, KEY_WEST)
    assert place is not None and place.name == "Key West" and place.state == "FL"
    assert place.votes.total == 3 == len(place.votes.rows)
    assert {v.key[:10] for v in place.votes.rows} == {"fl-key-wes"}
    assert place.lat is not None and place.stakeholders.total > 0


def test_agreement_record_after_the_july_list_cites_the_list_and_its_moa(
    seeded_engine: Engine,
) -> None:
    with Session(seeded_engine) as session:
        place = record.jurisdiction_record(session, KEY_WEST)
        assert place is not None and place.agreements.total >= 1
        key = place.agreements.rows[0].key
        agreement = record.agreement_record(session, key)
    assert agreement is not None and agreement.agency == "Key West Police Department"
    assert agreement.moa_url and agreement.moa_url.startswith("https://www.ice.gov/")
    citations = [s.citation or "" for s in agreement.sources]
    assert any("participating agencies list as of 2025-07-18" in c for c in citations)
    assert agreement.moa_url in {s.url for s in agreement.sources}
    assert [h.change for h in agreement.history] == ["added"]
    assert agreement.sightings[0].agency == "Key West Police Department"
    linked = {v.key for v in agreement.votes.rows}
    assert "fl-key-west-2025-06-30" in linked


def test_geojson_of_filtered_votes_has_one_feature_per_row(seeded_engine: Engine) -> None:
    filters = Filters(states=("FL",))
    with Session(seeded_engine) as session:
        collection = geojson.votes(session, filters)
        total = count_votes(session, filters)
    assert collection["rows"] == len(collection["features"]) == total > 0
    assert {f["properties"]["state"] for f in collection["features"]} == {"FL"}
    placed = [f for f in collection["features"] if f["geometry"]]
    assert len(placed) + collection["rows_without_point"] == total
    lon, lat = placed[0]["geometry"]["coordinates"]
    assert -90 < lon < -79 and 24 < lat < 31  # Florida
    json.loads(geojson.dumps(collection))


def test_agreements_table_follows_filters_and_limit(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        everything = agreement_tables.count_agreements(session, Filters())
        florida = agreement_tables.agreement_table(session, Filters(states=("FL",)), limit=20)
        collection = geojson.agreements(session, Filters(states=("FL",)), limit=20)
        report = agreement_tables.newest_import_report(session)
        lists = agreement_tables.official_lists(session)
    assert everything == 858
    assert len(florida) == 20 and set(florida["state"]) == {"FL"}
    assert collection["rows"] == 20
    listed = [(item.kind, item.rows) for item in lists]
    assert listed == [("participating", 832), ("pending", 26)]
    assert len(report) > 0 and set(report["as_of"].astype(str)) == {"2025-07-18"}
    assert set(report["category"]) <= {"corrected", "unresolved", "doubtful", "merged", "warning"}


def test_every_vote_in_batches_is_the_whole_table_in_order(seeded_engine: Engine) -> None:
    import pandas as pd

    from policytrack.queries import records

    florida = Filters(states=("FL",))
    with Session(seeded_engine) as session:
        whole = records.vote_table(session, florida)
        batches = list(records.vote_batches(session, florida, size=4))
        parts = list(geojson.vote_parts(session, florida, size=4))
        unplaced = geojson.votes_without_point(session, florida)
    assert [len(b) for b in batches] == [4, 4, 4, 2] and len(whole) == 14
    joined = pd.concat(batches, ignore_index=True)
    assert joined["key"].tolist() == whole["key"].tolist()
    assert joined["sources"].tolist() == whole["sources"].tolist()
    collection = json.loads("".join(geojson.collection_lines(parts, ("key", "state"))))
    assert [f["properties"]["key"] for f in collection["features"]] == whole["key"].tolist()
    assert collection["rows_without_point"] == unplaced


def test_every_agreement_in_batches_past_the_table_page(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:  # the seed holds ICE's two lists
        total = agreement_tables.count_agreements(session, Filters())
        keys = [
            k
            for b in agreement_tables.agreement_batches(session, Filters(), size=300)
            for k in b["key"]
        ]
        page = agreement_tables.agreement_table(session, Filters(), limit=500)
        second = agreement_tables.agreement_table(session, Filters(), limit=500, offset=500)
        parts = list(geojson.agreement_parts(session, Filters(), size=300))
        unplaced = geojson.agreements_without_point(session, Filters())
    assert len(keys) == len(set(keys)) == total == 858
    assert keys == page["key"].tolist() + second["key"].tolist()
    collection = json.loads("".join(geojson.collection_lines(parts, ("key",))))
    assert collection["rows"] == 858 and collection["rows_without_point"] == unplaced > 0


def test_rows_without_a_point_are_kept_and_counted(tmp_path: Path) -> None:
    import pandas as pd

    frame = pd.DataFrame([{"key": "a", "ocd_id": "x"}, {"key": "b", "ocd_id": None}])
    collection = geojson.feature_collection(frame, {"x": (-80.0, 25.0)}, ("key", "ocd_id"))
    assert collection["rows"] == 2 and collection["rows_without_point"] == 1
    assert collection["keys_without_point"] == ["b"]
    assert collection["features"][1]["geometry"] is None
