"""Open Civic Data round trip: votes imported from our own format, exported as OCD
VoteEvents and imported into a second empty database read back exactly the same."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine
from sqlmodel import Session

from policytrack import queries
from policytrack.db import make_engine
from policytrack.ingest.fields import text
from policytrack.ingest.pipeline import import_votes
from policytrack.ocd_export import votes_to_ocd_json
from policytrack.vocab import Action, Confidence, Model287g, Outcome, Topic, VoteOption

from tests.conftest import Templates

# (state as written, jurisdiction, kind, county): places the offline gazetteer knows.
PLACES = [
    ("FL", "Miami", "city", None),
    ("fl", "Orange County", "county", None),
    ("MD", "Maryland", "state", None),
    ("Texas", "Keller", "city", "Tarrant County"),
    ("PA", "Bucks County", "county", None),
]
TRICKY = ['="1+1"', "=cmd|' /C calc'!A0", "'single' \"double\"", "Ñandú — “curly” ‘quotes’", "+@-"]

_chars = st.characters(blacklist_categories=("Cc", "Cs"))
_free_text = st.one_of(
    st.sampled_from(TRICKY),
    st.builds(str.__add__, st.sampled_from(["", "=", "'", '"', "@"]), st.text(_chars, max_size=25)),
)
nonblank = _free_text.filter(lambda s: bool(text(s)))
optional_text = st.none() | _free_text
counts = st.none() | st.integers(0, 15)
urls = st.builds(
    "https://{}/{}".format,
    st.sampled_from(["example.org", "www.wlrn.org", "news.example.com"]),
    st.text("abcxyz0123456789-_/%ñé", max_size=20),
)
dates = st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2025, 12, 31)).map(dt.date.isoformat)
models = st.sampled_from(
    ["", "Jail Enforcement Model", "Task Force Model", "Warrant Service Officer"]
    + [m.value for m in Model287g]
)


def _of(vocabulary: Any) -> st.SearchStrategy[str]:
    return st.sampled_from([member.value for member in vocabulary])


@st.composite
def roll_calls(draw: st.DrawFn) -> list[dict[str, str]]:
    names = draw(st.lists(nonblank, max_size=6, unique_by=lambda s: text(s).casefold()))
    return [{"voter_name": n, "option": draw(_of(VoteOption))} for n in names]


@st.composite
def vote_rows(draw: st.DrawFn, number: int) -> dict[str, Any]:
    state, name, kind, county = draw(st.sampled_from(PLACES))
    tally = {field: draw(counts) for field in ("yes", "no", "abstain", "absent")}
    total = sum(v or 0 for v in tally.values())
    # Only the first row may leave its key blank: the derived key could repeat otherwise.
    key = draw(st.just("") | st.text(_chars, max_size=8)) if number == 0 else "x"
    return {
        "vote_key": f"t-{number}-{key}" if key else "",
        "state": state,
        "jurisdiction": name,
        "jurisdiction_kind": kind,
        "county": county,
        # A body of its own per row: rows of one body that give it different seats are
        # another story (tests/integration/test_import_changes.py).
        "body": f"{draw(nonblank)} #{number}",
        "seats": draw(st.none() | st.integers(total, total + 5)),
        "vote_date": draw(dates),
        "policy": draw(nonblank | st.sampled_from(["287(g) agreement", "Not 287(g): ICE"])),
        "topic": draw(st.just("") | _of(Topic)),
        "model": draw(models),
        "action": draw(_of(Action)),
        "outcome": draw(_of(Outcome)),
        **tally,
        "roll_call": draw(roll_calls()),
        "sources": draw(st.lists(urls, min_size=1, max_size=3, unique=True)),
        "confidence": draw(st.just("") | _of(Confidence)),
        "notes": draw(optional_text),
        "disputed": draw(optional_text),
    }


@st.composite
def vote_files(draw: st.DrawFn) -> list[dict[str, Any]]:
    size = draw(st.integers(1, 4))
    return [draw(vote_rows(number)) for number in range(size)]


@contextmanager
def fresh_database(backend: Templates) -> Iterator[Engine]:
    engine = make_engine(backend.fresh("migrated"))
    try:
        yield engine
    finally:
        engine.dispose()


def records(engine: Engine) -> list[dict[str, Any]]:
    with Session(engine) as session:
        return queries.vote_records(session)


def import_json(engine: Engine, path: Path, content: str) -> list[dict[str, Any]]:
    path.write_text(content, encoding="utf-8")
    import_votes(engine, path)
    return records(engine)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=vote_files())
def test_ocd_export_imports_back_to_the_same_records(
    backend: Templates, tmp_path: Path, rows: list[dict[str, Any]]
) -> None:
    run = tmp_path / uuid.uuid4().hex
    run.mkdir()
    with fresh_database(backend) as first:
        original = import_json(first, run / "votes.json", json.dumps({"votes": rows}))
    assert len(original) == len(rows)
    exported = votes_to_ocd_json(original)
    assert all("motion_text" in event for event in json.loads(exported))
    with fresh_database(backend) as second:
        again = import_json(second, run / "ocd.json", exported)
    assert again == original


def test_a_same_named_place_keeps_its_county(backend: Templates, tmp_path: Path) -> None:
    row = {
        "vote_key": "t-salem",
        "state": "AR",
        "jurisdiction": "Salem",
        "jurisdiction_kind": "city",
        "county": "Saline County",  # Arkansas has two places named Salem
        "body": "City Commission",
        "policy": "ICE detainer policy",
        "action": "other",
        "outcome": "passed",
        "sources": ["https://example.org/salem"],
    }
    with fresh_database(backend) as first:
        original = import_json(first, tmp_path / "votes.json", json.dumps([row]))
    with fresh_database(backend) as second:
        again = import_json(second, tmp_path / "ocd.json", votes_to_ocd_json(original))
    assert again == original
    assert original[0]["ocd_id"] == "ocd-division/country:us/state:ar/place:salem~05125"
