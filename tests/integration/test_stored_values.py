"""Values both databases store alike: one maximum for counts and no NUL characters, refused
at import with row and field on SQLite and PostgreSQL (SQLite used to store what PostgreSQL
refused with a database error, or a float rounded)."""

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from policytrack import queries
from policytrack.ingest.pipeline import import_votes
from policytrack.ingest.problems import ImportRefused

VOTE = {
    "vote_key": "fl-palm-bay-stored-values",
    "state": "FL",
    "jurisdiction": "Palm Bay",
    "jurisdiction_kind": "city",
    "body": "City Council",
    "vote_date": "2025-04-03",
    "policy": "287(g) agreement",
    "action": "approve",
    "outcome": "passed",
    "yes": 5,
    "no": 0,
    "sources": "https://palmbaylive.com/palm-bay-approves-ice-287g-agreement",
}


def stats(engine: Engine) -> dict[str, object]:
    with Session(engine) as session:
        return queries.stats(session)


@pytest.mark.parametrize(
    ("changes", "field", "shown"),
    [
        ({"yes": 2**31}, "yes", str(2**31)),
        ({"no": 2**63}, "no", str(2**63)),
        ({"seats": 99999999999999999999999}, "seats", "99999999999999999999999"),
        ({"notes": "before\x00after"}, "notes", "before\x00after"),
    ],
)
def test_values_one_database_cannot_store_are_refused_on_both(
    engine: Engine, tmp_path: Path, changes: dict[str, object], field: str, shown: str
) -> None:
    path = tmp_path / "votes.json"
    path.write_text(json.dumps([{**VOTE, **changes}]), encoding="utf-8")
    before = stats(engine)
    with pytest.raises(ImportRefused) as refused:
        import_votes(engine, path)
    [problem] = refused.value.problems
    assert (problem.row, problem.field, problem.value) == (1, field, shown)
    assert stats(engine) == before


def test_the_largest_count_is_stored_as_written(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "votes.json"
    path.write_text(json.dumps([{**VOTE, "yes": 10_000}]), encoding="utf-8")
    import_votes(engine, path)
    with Session(engine) as session:
        [record] = queries.vote_records(session)
    assert record["yes"] == 10_000
