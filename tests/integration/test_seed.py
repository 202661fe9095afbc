"""The bundled real dataset: loads, is sourced throughout, and loading it again changes
nothing."""

from sqlalchemy import Engine, func
from sqlmodel import Session, select

from policytrack import queries
from policytrack.config import REPO_ROOT
from policytrack.ingest.pipeline import seed
from policytrack.models import Jurisdiction, Position, VoteEvent

SEED = REPO_ROOT / "data" / "seed"


def test_seeding_twice_changes_nothing(engine: Engine) -> None:
    first = seed(engine, SEED)
    with Session(engine) as session:
        before = queries.stats(session)
        versions = dict(session.exec(select(VoteEvent.key, VoteEvent.updated_at)).all())
    second = seed(engine, SEED)
    with Session(engine) as session:
        assert queries.stats(session) == before
        assert dict(session.exec(select(VoteEvent.key, VoteEvent.updated_at)).all()) == versions
    assert first.dataset.created["vote_events"] == before["vote_events"] >= 30
    assert second.dataset.created == {} and second.dataset.updated == {}
    assert [x.already_imported for x in first.lists] == [False, False]
    assert [x.already_imported for x in second.lists] == [True, True]


def test_every_vote_and_position_cites_a_source(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        for vote in session.exec(select(VoteEvent)):
            assert vote.sources, vote.key
            assert all(s.url and s.url.startswith(("http://", "https://")) for s in vote.sources)
        for position in session.exec(select(Position)):
            assert position.sources, position.key


def test_every_bundled_jurisdiction_has_fips_and_a_point(seeded_engine: Engine) -> None:
    # States and counties carry their own FIPS; places carry the FIPS of their county (no
    # registry package ships Census place GEOIDs: see data/geo/README.md).
    with Session(seeded_engine) as session:
        for place in session.exec(select(Jurisdiction)):
            code = place.county_fips if place.kind == "place" else place.fips
            assert code and place.lat is not None and place.lon is not None, place.ocd_id
            assert place.ocd_id.startswith("ocd-division/country:us/state:")


def test_miami_vote_has_tally_roll_call_stakeholders_and_sources(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        records = {r["key"]: r for r in queries.vote_records(session)}
    miami = records["fl-miami-2025-06-17"]
    assert (miami["yes"], miami["no"], miami["outcome"]) == (3, 2, "passed")
    assert miami["vote_date"] == "2025-06-17" and miami["state"] == "FL"
    assert {m["voter_name"] for m in miami["roll_call"] if m["option"] == "no"} == {
        "Christine King",
        "Damian Pardo",
    }
    stances = {(p["stakeholder"], p["stance"]) for p in miami["positions"]}
    assert {
        ("U.S. Immigration and Customs Enforcement", "support"),
        ("Ron DeSantis", "support"),
        ("ACLU of Florida", "oppose"),
        ("Florida Immigrant Coalition", "oppose"),
        ("White House", "support"),
        ("Residents and public speakers", "oppose"),
    } <= stances
    gomez = next(p for p in miami["positions"] if p["speaker"] == "Dariel Gomez")
    assert gomez["quote"].startswith("This is a shameful day for Miami.")
    assert "https://305accident.net/?p=3526" in miami["sources"]


def test_stakeholder_names_are_normalised(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        from policytrack.models import Stakeholder

        names = set(session.exec(select(Stakeholder.name)))
        variants = session.exec(
            select(func.count()).where(Stakeholder.name.in_(["Darla Bon", "Revell"]))  # type: ignore[attr-defined]
        ).one()
    assert "Darla Bonk" in names and variants == 0


def test_suspicious_records_keep_visible_warnings(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        warnings = dict(session.exec(select(VoteEvent.key, VoteEvent.warnings)).all())
    assert any("sources disagree" in w for w in warnings["fl-key-west-2025-06-30"])
